import { calendarDay, codePoints, dayOf, DomainError, isCalendarDay, oneOf, requiredText } from './decider';

class FeatureError extends DomainError {}

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? [error.constructor.name, error.code, error.field] : error;
  }
  return 'accepted';
};

describe('the shared value rules', () => {
  it('knows a calendar day from a string shaped like one', () => {
    for (const day of ['2024-02-29', '2026-12-31', '1900-01-01']) expect(isCalendarDay(day)).toBe(true);
    for (const day of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', ''])
      expect(isCalendarDay(day)).toBe(false);
    expect(calendarDay('2024-02-29', 'dueOn')).toBe('2024-02-29');
    expect(refusal(() => calendarDay('2026-02-30', 'dueOn', FeatureError))).toEqual([
      'FeatureError',
      'INVALID_DATE',
      'dueOn',
    ]);
  });

  it('takes a code of a closed list, and names the field and the codes when it is not one', () => {
    expect(oneOf('phone', ['phone', 'video'] as const, 'channel')).toBe('phone');
    expect(refusal(() => oneOf('fax', ['phone', 'video'], 'channel', FeatureError))).toEqual([
      'FeatureError',
      'INVALID_VALUE',
      'channel',
    ]);
    expect(() => oneOf('Phone', ['phone'], 'channel')).toThrow('channel must be one of phone');
  });

  it("gives an instant's calendar day in UTC", () => {
    expect(dayOf(new Date('2026-12-06T23:59:59-08:00'))).toBe('2026-12-07');
    expect(dayOf(new Date('2026-12-06T00:00:00Z'))).toBe('2026-12-06');
  });

  it('counts text in code points, and refuses a NUL character', () => {
    expect(codePoints('😀é')).toBe(2);
    expect(requiredText(` ${'😀'.repeat(5)} `, 'name', 5)).toBe('😀'.repeat(5));
    expect(refusal(() => requiredText('😀'.repeat(6), 'name', 5))).toEqual([
      'DomainError',
      'TOO_LONG',
      'name',
    ]);
    expect(refusal(() => requiredText('a\u0000b', 'name', 5, FeatureError))).toEqual([
      'FeatureError',
      'INVALID_CHARACTER',
      'name',
    ]);
    expect(refusal(() => requiredText('   ', 'name', 5))).toEqual(['DomainError', 'REQUIRED', 'name']);
  });
});

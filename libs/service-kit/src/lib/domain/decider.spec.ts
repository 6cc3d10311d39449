import { calendarDay, codePoints, DomainError, isCalendarDay, requiredText } from './decider';

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

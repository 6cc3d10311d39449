import { DomainError } from '../domain/decider';
import { checkInputStrings, checkInputValue } from './input-strings';

const refusal = (args: Record<string, unknown>) => {
  try {
    checkInputStrings(args);
  } catch (error) {
    return error instanceof DomainError ? [error.code, error.field] : error;
  }
  return 'accepted';
};

describe('the boundary check of every string argument', () => {
  it('checks a REST body from its root and a query parameter by its name', () => {
    const refused = (value: unknown, path: string) => {
      try {
        checkInputValue(value, path);
      } catch (error) {
        return error instanceof DomainError ? [error.code, error.field] : error;
      }
      return 'accepted';
    };
    expect(refused({ services: [{ id: 'a' }, { name: 'pd1:x' }] }, '')).toEqual([
      'RESERVED_PREFIX',
      'services[1].name',
    ]);
    expect(refused(['a', 'b\u0000'], 'search')).toEqual(['INVALID_CHARACTER', 'search[1]']);
    expect(refused('pd1:x', '')).toEqual(['RESERVED_PREFIX', 'input']);
    expect(refused({ services: [{ name: 'Food bank' }] }, '')).toBe('accepted');
  });

  it('refuses a value shaped like sealed personal data, naming its field', () => {
    expect(refusal({ input: { referrerOrganizationId: 'pd1:AAAA' } })).toEqual([
      'RESERVED_PREFIX',
      'referrerOrganizationId',
    ]);
    expect(refusal({ input: { needs: ['food', 'pd1:x'] } })).toEqual(['RESERVED_PREFIX', 'needs[1]']);
    expect(refusal({ input: { contact: { name: 'pd1:' } } })).toEqual(['RESERVED_PREFIX', 'contact.name']);
    expect(refusal({ clientId: 'pd1:x' })).toEqual(['RESERVED_PREFIX', 'clientId']);
  });

  it('refuses a NUL character in any string', () => {
    expect(refusal({ input: { reason: 'lonely\u0000' } })).toEqual(['INVALID_CHARACTER', 'reason']);
    expect(refusal({ filter: { words: ['a', 'b\u0000'] } })).toEqual([
      'INVALID_CHARACTER',
      'filter.words[1]',
    ]);
  });

  it('refuses a DateTime argument that is no instant (the scalar made an invalid Date of it)', () => {
    expect(refusal({ asOf: new Date('soon') })).toEqual(['INVALID_DATE', 'asOf']);
    expect(refusal({ input: { window: { from: new Date('2026-13-45T00:00:00Z') } } })).toEqual([
      'INVALID_DATE',
      'window.from',
    ]);
  });

  it('lets everything else through: text mentioning the prefix, numbers, dates, nulls', () => {
    expect(
      refusal({
        input: { reason: 'see pd1: later', n: 3, at: new Date(), none: null, tags: ['PD1:x', 'ok'] },
      }),
    ).toBe('accepted');
  });
});

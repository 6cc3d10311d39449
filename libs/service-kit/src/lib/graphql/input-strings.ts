import { CIPHERTEXT_PREFIX } from '@spn/event-store';
import { DomainError } from '../domain/decider';

/**
 * Every string of an operation's arguments, checked before any resolver runs (the auth guard calls
 * it once roles pass): a value that starts like a sealed personal value (`pd1:`) is refused with
 * `RESERVED_PREFIX`, one with a NUL character (`\u0000`, which PostgreSQL cannot store) with
 * `INVALID_CHARACTER`, and a `DateTime` that is no instant (NestJS's scalar turns any string into a
 * `Date`, an invalid one included) with `INVALID_DATE`; each names its field, as a path into the arguments without the `input`
 * wrapper (`referrerOrganizationId`, `needs[1]`, `contact.name`).
 */
export function checkInputStrings(args: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(args)) checkInputValue(value, name === 'input' ? '' : name);
}

/**
 * The same checks on any value (a REST body, a query parameter), its fields named from `path`
 * (`''`: the value is the root, so a body's fields are `services[0].name`).
 */
export function checkInputValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const field = path || 'input';
    if (value.startsWith(CIPHERTEXT_PREFIX))
      throw new DomainError(
        'RESERVED_PREFIX',
        `${field} must not start with "${CIPHERTEXT_PREFIX}" (the mark of sealed personal data)`,
        field,
      );
    if (value.includes('\u0000'))
      throw new DomainError('INVALID_CHARACTER', `${field} must not contain a NUL character`, field);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkInputValue(item, `${path}[${i}]`);
    });
    return;
  }
  if (value instanceof Date) {
    // NestJS's DateTime scalar makes a Date of anything: an invalid one would fail later, as INTERNAL.
    const field = path || 'input';
    if (Number.isNaN(value.getTime()))
      throw new DomainError('INVALID_DATE', `${field} must be an ISO 8601 date-time`, field);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) checkInputValue(item, path ? `${path}.${name}` : name);
  }
}

import { calendarDay, type DomainErrorType } from '@spn/service-kit';

/**
 * The checks every quality-safety decider applies to its values, refusing in the feature's own error
 * type (`SupervisionError`, `IncidentError`...): a calendar day, an instant (a code of a list is
 * service-kit's `oneOf`).
 */

/** A calendar day that exists (YYYY-MM-DD): service-kit's one check, in the feature's error type. */
export const day = (value: string, field: string, type: DomainErrorType): string =>
  calendarDay(value, field, type);

/** An instant (ISO 8601 with a time zone), normalised to UTC. */
export function instant(value: string, field: string, type: DomainErrorType): string {
  const parsed = new Date(value);
  if (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(parsed.getTime()))
    throw new type('INVALID_DATE', `${field} must be an instant (ISO 8601 with a time zone)`, field);
  return parsed.toISOString();
}

/** The day `days` after `from` (YYYY-MM-DD). */
export const addDays = (from: string, days: number): string =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

import type { JsonObject } from '@spn/event-store';

/** An event as the domain sees it: a discriminated union member of its aggregate (docs/style.md). */
export interface DomainEvent<TType extends string = string, TData extends JsonObject = JsonObject> {
  readonly type: TType;
  readonly data: TData;
  /** The contract version the data follows; default 1. */
  readonly schemaVersion?: number;
}

/**
 * Pure domain logic of one aggregate: `decide` turns a command and the current state into new events
 * (or throws a {@link DomainError}); `evolve` folds an event into the state. No I/O, no clock: what
 * they need comes in the command.
 */
export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  readonly initialState: () => TState;
  readonly decide: (command: TCommand, state: TState) => readonly TEvent[];
  readonly evolve: (state: TState, event: TEvent) => TState;
}

/**
 * A command the domain refuses, with a stable code for the API and the field it is about. Each
 * feature extends it once (`class ClientsError extends DomainError`); messages name what is wrong,
 * never personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One function per command kind: a missing kind is a compile error, so a new command needs its own. */
export type CommandHandlers<TCommand extends { readonly kind: string }, TState, TEvent> = {
  readonly [Kind in TCommand['kind']]: (
    command: Extract<TCommand, { readonly kind: Kind }>,
    state: TState,
  ) => TEvent[];
};

/** A `decide` that hands each command to the function of its kind (docs/style.md, one function per command). */
export function byCommandKind<TCommand extends { readonly kind: string }, TState, TEvent>(
  handlers: CommandHandlers<TCommand, TState, TEvent>,
): (command: TCommand, state: TState) => TEvent[] {
  return (command, state) => {
    // The mapped type pairs each kind with its function; TypeScript cannot follow that through an index.
    const handle = handlers[command.kind as TCommand['kind']] as (
      command: TCommand,
      state: TState,
    ) => TEvent[];
    return handle(command, state);
  };
}

/** Folds events into a state, from the decider's initial state. */
export function fold<TCommand, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  events: readonly TEvent[],
): TState {
  return events.reduce(decider.evolve, decider.initialState());
}

/** A feature's refusal class (`ClientError`...), so shared checks refuse in the feature's own terms. */
export type DomainErrorType = new (code: string, message: string, field?: string) => DomainError;

/** A text's length in Unicode code points (what a person counts), not UTF-16 units: 😀 is one. */
export const codePoints = (value: string): number => Array.from(value).length;

/**
 * A required text field, trimmed: `REQUIRED` when empty, `TOO_LONG` over `max` characters (Unicode
 * code points), `INVALID_CHARACTER` with a NUL byte (PostgreSQL cannot store it), naming the field.
 * The one rule every decider applies to free text.
 */
export function requiredText(
  value: string,
  field: string,
  max: number,
  type: DomainErrorType = DomainError,
): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new type('REQUIRED', `${field} is required`, field);
  if (trimmed.includes('\u0000'))
    throw new type('INVALID_CHARACTER', `${field} must not contain a NUL character`, field);
  if (trimmed.length > max && codePoints(trimmed) > max)
    throw new type('TOO_LONG', `${field} is longer than ${max} characters`, field);
  return trimmed;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a calendar day that exists (YYYY-MM-DD): not 2026-02-30, not 2026-13-01. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  // Date rolls 2026-02-30 over into 2026-03-02: a real day reads back as itself.
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * A calendar day that exists (YYYY-MM-DD), or `INVALID_DATE` naming the field: the one date check of
 * every service, so nothing is stored that a projection's `date` column would refuse.
 */
export function calendarDay(value: string, field: string, type: DomainErrorType = DomainError): string {
  if (!isCalendarDay(value)) throw new type('INVALID_DATE', `${field} must be a date (YYYY-MM-DD)`, field);
  return value;
}

/** A code of a closed list, or `INVALID_VALUE` naming the field and the codes it may be. */
export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
  type: DomainErrorType = DomainError,
): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new type('INVALID_VALUE', `${field} must be one of ${allowed.join(', ')}`, field);
  return value as T;
}

/** The calendar day (UTC, YYYY-MM-DD) of an instant (today is `Clock.today()`). */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

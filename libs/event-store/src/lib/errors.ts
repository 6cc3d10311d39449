/**
 * One error type for the event store, with a code per failure. Messages name what is wrong
 * (field, stream, limit) and never carry event data: it may be personal.
 */
export type EventStoreErrorCode =
  | 'WRONG_EXPECTED_VERSION'
  | 'INVALID_STREAM_ID'
  | 'INVALID_EVENT'
  | 'EVENT_TOO_LARGE'
  | 'ORGANIZATION_MISMATCH'
  | 'IDEMPOTENCY_CONFLICT'
  | 'STORE_CLOSED'
  | 'DATA_FOLDER_IN_USE'
  /** The append waited longer than its bound for the event log (another append held it): retry. */
  | 'APPEND_TIMEOUT';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | undefined>> = {},
  ) {
    super(message);
    this.name = 'EventStoreError';
  }
}

export class WrongExpectedVersionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'any',
    readonly actualVersion: number,
  ) {
    super(
      'WRONG_EXPECTED_VERSION',
      `Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`,
      { streamId, expectedVersion, actualVersion },
    );
    this.name = 'WrongExpectedVersionError';
  }
}

export const isEventStoreError = (error: unknown, code?: EventStoreErrorCode): error is EventStoreError =>
  error instanceof EventStoreError && (code === undefined || error.code === code);

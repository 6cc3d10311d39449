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
  | 'APPEND_TIMEOUT'
  | 'SEAL_KEY'
  | 'BROKEN_CHAIN'
  | 'UNSAFE_DATABASE_ROLE'
  /** Another holder took the lease this process led with: it must stop acting as the leader. */
  | 'LEASE_LOST';

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

/**
 * The sealer found the range it was about to seal broken (a hash that does not match its event, a
 * chain that does not link, events past their stream's head, a previous seal that does not verify):
 * nothing is sealed. Counts and positions only; stream ids and event data stay out.
 */
export class BrokenChainError extends EventStoreError {
  constructor(
    readonly positions: { readonly from: number; readonly to: number },
    readonly problemCounts: Readonly<Record<string, number>>,
  ) {
    const counts = Object.entries(problemCounts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    super(
      'BROKEN_CHAIN',
      `Refused to seal positions ${positions.from}-${positions.to}: the chain is broken (${counts}); run verify`,
      { from: positions.from, to: positions.to, ...problemCounts },
    );
    this.name = 'BrokenChainError';
  }
}

/**
 * The store's database role could change the log behind the append-only trigger (a superuser, a role
 * that bypasses row security or creates roles, or one that can become a superuser or the tables' owner).
 */
export class UnsafeDatabaseRoleError extends EventStoreError {
  constructor(
    readonly role: string,
    readonly reasons: readonly string[],
    readonly useRole: string,
  ) {
    super(
      'UNSAFE_DATABASE_ROLE',
      `The event store refuses to run as database role "${role}" (${reasons.join('; ')}); ` +
        `run it as the restricted role "${useRole}" (docs/event-store.md, "Database roles")`,
      { role, useRole },
    );
    this.name = 'UnsafeDatabaseRoleError';
  }
}

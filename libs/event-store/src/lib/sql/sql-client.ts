/**
 * The narrow port the SQL event store needs from a PostgreSQL driver. `pg` and PGlite both speak
 * PostgreSQL with `$n` parameters, so one implementation of the store serves both.
 */
export type SqlRow = Record<string, unknown>;

export interface SqlQueryable {
  query<R extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements, without parameters. */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * Follows `channel` with each notification's payload, told when notifications may have been lost,
   * and with {@link ChannelListener.sync} to know that none committed before a point is still on its way.
   */
  follow(channel: string, handlers: ChannelHandlers): Promise<ChannelListener>;
  close(): Promise<void>;
}

/** What a {@link SqlClient.follow} is told. */
export interface ChannelHandlers {
  /** A notification on the channel, with its payload. */
  notified(payload: string): void;
  /**
   * The connection dropped (`lost`), or came back listening (`back`): notifications committed in
   * between never arrive.
   */
  interrupted(phase: 'lost' | 'back'): void;
}

export interface ChannelListener {
  /**
   * Resolves once every notification committed before the call has been handed to `notified` (a
   * round trip on the listening connection, which PostgreSQL answers after the notifications it holds);
   * rejects while the connection is down.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** {@link ChannelListener.sync} while its connection is down (it reconnects by itself). */
export class ListenConnectionDownError extends Error {
  constructor(readonly channel: string) {
    super(`The connection listening on ${channel} is down`);
    this.name = 'ListenConnectionDownError';
  }
}

/** The SQLSTATE and constraint of a driver error (both drivers expose them the same way). */
export function sqlErrorOf(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}

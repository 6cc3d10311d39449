import { Client, Pool, type PoolClient } from 'pg';
import { assertRestrictedRole } from '../sql/role-check';
import { DEFAULT_APP_ROLE, migrate } from '../sql/schema';
import {
  ListenConnectionDownError,
  type ChannelHandlers,
  type ChannelListener,
  type SqlClient,
  type SqlQueryable,
  type SqlRow,
} from '../sql/sql-client';
import { SqlEventStore, type EventStoreOptions } from '../sql/sql-event-store';

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /**
   * The database, as its owner (who migrates and creates the runtime role), or directly as the
   * runtime role (then nothing is migrated).
   */
  readonly connectionString: string;
  /** The restricted role the store logs in as. Default `spn_store`. */
  readonly runtimeRole?: string;
  /**
   * How the store logs in at run time. Default: `connectionString` with its user replaced by
   * `runtimeRole` and no password (trust, peer or certificate authentication, or a .pgpass entry).
   */
  readonly runtimeConnectionString?: string;
  /** Create or upgrade the schema at open, as the owner. Default true (never when the URL is the runtime role). */
  readonly migrate?: boolean;
  /** The most connections the store's pool opens. Default {@link DEFAULT_POOL_SIZE}. */
  readonly poolSize?: number;
  /** The pool's `application_name`, by which an operator counts its connections in pg_stat_activity. */
  readonly applicationName?: string;
}

/** The most connections a pool opens unless told otherwise (node-postgres's own default). */
export const DEFAULT_POOL_SIZE = 10;

/** The same server and database, logged in as another role (without the owner's password). */
export function connectionAs(connectionString: string, role: string): string {
  const url = new URL(connectionString);
  url.username = role;
  url.password = '';
  return url.toString();
}

const userOf = (connectionString: string): string => decodeURIComponent(new URL(connectionString).username);

const queryable = (client: Pick<PoolClient, 'query'>): SqlQueryable => ({
  query: async <R extends SqlRow>(sql: string, params?: readonly unknown[]) =>
    (await client.query<R>(sql, params as unknown[] | undefined)).rows,
  exec: async (sql: string) => {
    await client.query(sql);
  },
});

/**
 * The bound on each step of an append (waiting for the event log lock, each statement, each pause
 * between them): an append stalled while holding the lock delays the others by about this much.
 */
export const DEFAULT_APPEND_TIMEOUT_MS = 5000;
/** Backoff of the LISTEN connection's reconnects: from this, doubling, up to the maximum. */
const LISTEN_RETRY_MS = 100;
const LISTEN_MAX_RETRY_MS = 5000;

/** {@link SqlClient} over node-postgres: a pool for queries, a dedicated connection for LISTEN. */
export class PostgresSqlClient implements SqlClient {
  private readonly pool: Pool;

  constructor(
    private readonly connectionString: string,
    private readonly role: string | null,
    poolSize = DEFAULT_POOL_SIZE,
    applicationName?: string,
  ) {
    // The role is a startup parameter: a connection that cannot take it fails instead of running as owner.
    this.pool = new Pool({
      connectionString,
      max: poolSize,
      ...(applicationName ? { application_name: applicationName } : {}),
      ...(role ? { options: `-c role=${role}` } : {}),
    });
    // A pool error on an idle client (e.g. the server restarted) must not crash the process;
    // the next query gets a fresh connection.
    this.pool.on('error', () => undefined);
  }

  query<R extends SqlRow>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return queryable(this.pool).query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return queryable(this.pool).exec(sql);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no pool listener: a connection ended by the server (an append's
    // idle_in_transaction_session_timeout, a terminated backend) must not crash the process.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is discarded, not handed to the next query.
      client.release(broken);
    }
  }

  /**
   * LISTEN on a dedicated connection that comes back: when it ends (server restart, a terminated
   * backend) it reconnects with backoff and then calls `onNotify` once, for what was appended while it
   * was down. Meanwhile the caller's polling carries on. A first connection that fails is retried too.
   */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const listener = await this.follow(channel, {
      notified: onNotify,
      interrupted: (phase) => {
        if (phase === 'back') onNotify();
      },
    });
    return () => listener.close();
  }

  /** {@link listen}'s connection, with payloads, both phases of an interruption, and a round trip to sync. */
  async follow(channel: string, handlers: ChannelHandlers): Promise<ChannelListener> {
    let stopped = false;
    let current: Client | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const connect = async (): Promise<void> => {
      const client = new Client({
        connectionString: this.connectionString,
        // Named, so that an operator (or a test) can tell it in pg_stat_activity.
        application_name: `spn-listen-${channel}`,
        ...(this.role ? { options: `-c role=${this.role}` } : {}),
      });
      client.on('error', () => undefined); // 'end' follows; reconnecting is handled there
      client.on('notification', (message) => {
        if (message.channel === channel) handlers.notified(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      if (stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      current = client;
      attempt = 0;
      client.on('end', () => {
        if (current !== client) return;
        current = undefined;
        if (stopped) return;
        handlers.interrupted('lost');
        reconnectLater();
      });
    };
    const reconnectLater = () => {
      attempt += 1;
      const delay = Math.min(LISTEN_RETRY_MS * 2 ** (attempt - 1), LISTEN_MAX_RETRY_MS);
      retry = setTimeout(() => {
        retry = undefined;
        connect().then(
          () => {
            if (!stopped) handlers.interrupted('back');
          },
          () => {
            if (!stopped) reconnectLater();
          },
        );
      }, delay);
      retry.unref();
    };
    await connect().catch(() => {
      reconnectLater();
    });
    return {
      sync: async () => {
        if (!current) throw new ListenConnectionDownError(channel);
        // Answered after any notification the backend holds for this connection (ReadyForQuery comes last).
        await current.query('SELECT 1');
      },
      close: async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const client = current;
        current = undefined;
        await client?.end().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Opens the event store on PostgreSQL: the distributed mode's adapter. The owner migrates (and
 * creates the runtime role); the store then logs in as the runtime role, and refuses to run when that
 * role could get round the append-only log ({@link UnsafeDatabaseRoleError}).
 */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<SqlEventStore> {
  const role = options.runtimeRole ?? DEFAULT_APP_ROLE;
  const asRuntimeRole = userOf(options.connectionString) === role;
  if ((options.migrate ?? true) && !asRuntimeRole) {
    const owner = new PostgresSqlClient(options.connectionString, null, 1);
    try {
      await migrate(owner, role);
    } finally {
      await owner.close();
    }
  }
  const runtimeUrl =
    options.runtimeConnectionString ??
    (asRuntimeRole ? options.connectionString : connectionAs(options.connectionString, role));
  const client = new PostgresSqlClient(runtimeUrl, null, options.poolSize, options.applicationName);
  try {
    await assertRestrictedRole(client, role);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new SqlEventStore(client, {
    ...options,
    appendTimeoutMs: options.appendTimeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS,
  });
}

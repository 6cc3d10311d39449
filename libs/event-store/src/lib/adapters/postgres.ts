import { Client, Pool, type PoolClient } from 'pg';
import { DEFAULT_APP_ROLE, migrate } from '../sql/schema';
import type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-client';
import { SqlEventStore, type EventStoreOptions } from '../sql/sql-event-store';

export interface PostgresEventStoreOptions extends EventStoreOptions {
  readonly connectionString: string;
  /** The role to work as after connecting (`SET ROLE`); null when the login role is the app role. */
  readonly appRole?: string | null;
  /** Create or upgrade the schema at open, as the connecting (owner) role. Default true. */
  readonly migrate?: boolean;
  readonly poolSize?: number;
}

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

/** {@link SqlClient} over node-postgres: a pool for queries, a dedicated connection for LISTEN. */
export class PostgresSqlClient implements SqlClient {
  private readonly pool: Pool;

  constructor(
    private readonly connectionString: string,
    private readonly role: string | null,
    poolSize = 10,
  ) {
    // The role is a startup parameter: a connection that cannot take it fails instead of running as owner.
    this.pool = new Pool({
      connectionString,
      max: poolSize,
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

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const client = new Client({
      connectionString: this.connectionString,
      ...(this.role ? { options: `-c role=${this.role}` } : {}),
    });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    await client.query(`LISTEN ${channel}`);
    return async () => {
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Opens the event store on PostgreSQL: the distributed mode's adapter. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<SqlEventStore> {
  const role = options.appRole === undefined ? DEFAULT_APP_ROLE : options.appRole;
  if (options.migrate ?? true) {
    const owner = new PostgresSqlClient(options.connectionString, null, 1);
    try {
      await migrate(owner, role ?? DEFAULT_APP_ROLE);
    } finally {
      await owner.close();
    }
  }
  return new SqlEventStore(new PostgresSqlClient(options.connectionString, role, options.poolSize), {
    ...options,
    appendTimeoutMs: options.appendTimeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS,
  });
}

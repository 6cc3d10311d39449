import { Client, Pool, type PoolClient } from 'pg';
import { assertRestrictedRole } from '../sql/role-check';
import { DEFAULT_APP_ROLE, migrate } from '../sql/schema';
import type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-client';
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
  readonly poolSize?: number;
}

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
    try {
      await client.query('BEGIN');
      const result = await work(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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
  const client = new PostgresSqlClient(runtimeUrl, null, options.poolSize);
  try {
    await assertRestrictedRole(client, role);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new SqlEventStore(client, options);
}

import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { ensureSealKeyFolder, ephemeralSealKeys, type SealKeys } from '../integrity/seal-signing';
import { DEFAULT_APP_ROLE, migrate } from '../sql/schema';
import type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-client';
import { SqlEventStore, type EventStoreOptions } from '../sql/sql-event-store';

export interface PgliteEventStoreOptions extends EventStoreOptions {
  /** Folder for the database files; omitted = in memory (tests). */
  readonly dataDir?: string;
  /** An instance opened by the caller (then the caller closes it). */
  readonly pglite?: PGlite;
  /**
   * Where the seal key pair lives, made on first start: default `<dataDir>-seal-key`, beside the data
   * (a copy of the data folder alone does not carry the key). Without `dataDir` nor `sealKeys`, a
   * fresh pair is kept in memory.
   */
  readonly sealKeyFolder?: string;
}

const queryable = (db: PGlite | Transaction): SqlQueryable => ({
  query: async <R extends SqlRow>(sql: string, params?: readonly unknown[]) =>
    (await db.query<R>(sql, params as unknown[] | undefined)).rows,
  exec: async (sql: string) => {
    await db.exec(sql);
  },
});

/** {@link SqlClient} over PGlite: PostgreSQL compiled to WebAssembly, in process, one connection. */
export class PgliteSqlClient implements SqlClient {
  constructor(
    private readonly db: PGlite,
    private readonly ownsDb: boolean,
  ) {}

  query<R extends SqlRow>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return queryable(this.db).query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return queryable(this.db).exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(queryable(tx)));
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (this.ownsDb) await this.db.close();
  }
}

/**
 * Opens the event store on PGlite: the embedded default (`npm start`), no server to install.
 * The schema is migrated as PGlite's superuser, then the session works as the append-only app role.
 */
export async function openPgliteEventStore(options: PgliteEventStoreOptions = {}): Promise<SqlEventStore> {
  if (options.dataDir && !options.pglite) await mkdir(options.dataDir, { recursive: true });
  const db = options.pglite ?? (await PGlite.create(options.dataDir));
  const client = new PgliteSqlClient(db, options.pglite === undefined);
  await migrate(client, DEFAULT_APP_ROLE);
  await db.exec(`SET ROLE ${DEFAULT_APP_ROLE}`);
  return new SqlEventStore(client, { ...options, sealKeys: await sealKeysOf(options) });
}

async function sealKeysOf(options: PgliteEventStoreOptions): Promise<SealKeys> {
  if (options.sealKeys) return options.sealKeys;
  const folder = options.sealKeyFolder ?? (options.dataDir ? `${options.dataDir}-seal-key` : undefined);
  return folder ? ensureSealKeyFolder(folder) : ephemeralSealKeys();
}

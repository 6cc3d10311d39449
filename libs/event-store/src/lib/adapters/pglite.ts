import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { lockDataFolder } from './folder-lock';
import { ensureSealKeyFolder, ephemeralSealKeys, type SealKeys } from '../integrity/seal-signing';
import { DEFAULT_APP_ROLE, migrate } from '../sql/schema';
import type { ChannelHandlers, ChannelListener, SqlClient, SqlQueryable, SqlRow } from '../sql/sql-client';
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
    /** Runs after the database closed: the folder's lock released (see {@link openPgliteFolder}). */
    private readonly afterClose?: () => Promise<void>,
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

  /**
   * In process, one session: nothing is lost, and nothing is left to wait for. PGlite hands a
   * notification to its listeners in a microtask queued while it reads the answer of the COMMIT that
   * sent it, so before the committer's own `await` resumes: a NOTIFY whose transaction has returned
   * has been handled (data-key-cache.int.spec.ts fails if that ever changes).
   */
  async follow(channel: string, handlers: ChannelHandlers): Promise<ChannelListener> {
    const unlisten = await this.db.listen(channel, (payload) => {
      handlers.notified(payload);
    });
    return { sync: () => Promise.resolve(), close: unlisten };
  }

  async close(): Promise<void> {
    try {
      if (this.ownsDb) await this.db.close();
    } finally {
      await this.afterClose?.();
    }
  }
}

/**
 * Opens (and creates) a PGlite data folder for this process alone: the folder is locked first and
 * stays locked until the client closes or the process ends. A folder another live process holds is
 * refused with {@link DataFolderInUseError}: PGlite does not lock, and two processes on one folder
 * silently lose each other's writes.
 */
export async function openPgliteFolder(dataDir: string): Promise<PgliteSqlClient> {
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataFolder(dataDir);
  try {
    return new PgliteSqlClient(await PGlite.create(dataDir), true, () => lock.release());
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Opens the event store on PGlite: the embedded default (`npm start`), no server to install.
 * The schema is migrated as PGlite's superuser, then the session works as the append-only app role.
 * A `dataDir` is held by this process alone until the store closes ({@link openPgliteFolder}).
 */
export async function openPgliteEventStore(options: PgliteEventStoreOptions = {}): Promise<SqlEventStore> {
  const client = options.pglite
    ? new PgliteSqlClient(options.pglite, false)
    : options.dataDir
      ? await openPgliteFolder(options.dataDir)
      : new PgliteSqlClient(await PGlite.create(), true);
  try {
    await migrate(client, DEFAULT_APP_ROLE);
    await client.exec(`SET ROLE ${DEFAULT_APP_ROLE}`);
    return new SqlEventStore(client, { ...options, sealKeys: await sealKeysOf(options) });
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function sealKeysOf(options: PgliteEventStoreOptions): Promise<SealKeys> {
  if (options.sealKeys) return options.sealKeys;
  const folder = options.sealKeyFolder ?? (options.dataDir ? `${options.dataDir}-seal-key` : undefined);
  return folder ? ensureSealKeyFolder(folder) : ephemeralSealKeys();
}

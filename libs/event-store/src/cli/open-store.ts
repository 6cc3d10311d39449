import { resolve } from 'node:path';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import type { KeyEncryptionKeys } from '../lib/privacy/key-encryption';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

/** The embedded platform's store (`npm start`): the auditor's commands read it by default. */
export const PLATFORM_DATA_DIR = 'data/event-store';
/** The demo's own store: a demo never writes its fictional events into the platform's log. */
export const DEMO_DATA_DIR = 'tmp/event-store-demo';

/**
 * PGlite in --data-dir (default `defaultDataDir`), or PostgreSQL at --database-url; with the KEKs for
 * the commands that touch data keys (rotate-kek). A PGlite folder another process holds (a running
 * platform) is refused with `DataFolderInUseError`.
 */
export async function openStore(
  options: { 'data-dir'?: string; 'database-url'?: string },
  {
    defaultDataDir = PLATFORM_DATA_DIR,
    keyEncryptionKeys,
  }: { defaultDataDir?: string; keyEncryptionKeys?: KeyEncryptionKeys } = {},
): Promise<SqlEventStore> {
  const url = options['database-url'];
  const keys = keyEncryptionKeys ? { keyEncryptionKeys } : {};
  if (url) return openPostgresEventStore({ connectionString: url, migrate: false, appRole: null, ...keys });
  return openPgliteEventStore({ dataDir: resolve(options['data-dir'] ?? defaultDataDir), ...keys });
}

import { resolve } from 'node:path';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import type { KeyEncryptionKeys } from '../lib/privacy/key-encryption';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

/**
 * PGlite in --data-dir (default ./data/event-store), or PostgreSQL at --database-url; with the KEKs
 * for the commands that touch data keys (rotate-kek).
 */
export async function openStore(
  options: { 'data-dir'?: string; 'database-url'?: string },
  keyEncryptionKeys?: KeyEncryptionKeys,
): Promise<SqlEventStore> {
  const url = options['database-url'];
  const keys = keyEncryptionKeys ? { keyEncryptionKeys } : {};
  if (url) return openPostgresEventStore({ connectionString: url, migrate: false, appRole: null, ...keys });
  return openPgliteEventStore({ dataDir: resolve(options['data-dir'] ?? 'data/event-store'), ...keys });
}

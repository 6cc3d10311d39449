import { resolve } from 'node:path';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

/** PGlite in --data-dir (default ./data/event-store), or PostgreSQL at --database-url. */
export async function openStore(options: {
  'data-dir'?: string;
  'database-url'?: string;
}): Promise<SqlEventStore> {
  const url = options['database-url'];
  if (url) return openPostgresEventStore({ connectionString: url, migrate: false, appRole: null });
  return openPgliteEventStore({ dataDir: resolve(options['data-dir'] ?? 'data/event-store') });
}

import { resolve } from 'node:path';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import {
  ensureSealKeyFolder,
  readSealPublicKey,
  readSealSigningKey,
  SEAL_SIGNING_KEY_FILE,
  type SealKeys,
} from '../lib/integrity/seal-signing';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

/**
 * PGlite in --data-dir (default ./data/event-store), or PostgreSQL at --database-url (as its owner,
 * the store then logs in as `spn_store`; or as `spn_store` itself). Seals are signed with the key in
 * --seal-key-folder (embedded default: `<data-dir>-seal-key`, made on first use) and verified with
 * --seal-public-key when given (the key an auditor pinned), else with the signing key's public half.
 */
export async function openStore(options: {
  'data-dir'?: string;
  'database-url'?: string;
  'seal-key-folder'?: string;
  'seal-public-key'?: string;
}): Promise<SqlEventStore> {
  const url = options['database-url'];
  const pinned = options['seal-public-key'] ? await readSealPublicKey(options['seal-public-key']) : undefined;
  if (url) {
    const folder = options['seal-key-folder'];
    const signingKey = folder ? await readSealSigningKey(resolve(folder, SEAL_SIGNING_KEY_FILE)) : undefined;
    const sealKeys: SealKeys = {
      ...(signingKey ? { signingKey } : {}),
      ...(pinned ? { publicKey: pinned } : {}),
    };
    return openPostgresEventStore({ connectionString: url, sealKeys });
  }
  const dataDir = resolve(options['data-dir'] ?? 'data/event-store');
  const sealKeys = await ensureSealKeyFolder(resolve(options['seal-key-folder'] ?? `${dataDir}-seal-key`));
  return openPgliteEventStore({
    dataDir,
    sealKeys: { ...sealKeys, ...(pinned ? { publicKey: pinned } : {}) },
  });
}

import { resolve } from 'node:path';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import type { KeyEncryptionKeys } from '../lib/privacy/key-encryption';
import {
  ensureSealKeyFolder,
  previousKeysIn,
  readSealPublicKey,
  readSealPublicKeys,
  readSealSigningKey,
  SEAL_SIGNING_KEY_FILE,
  type SealKeys,
} from '../lib/integrity/seal-signing';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

/** The embedded platform's store (`npm start`): the auditor's commands read it by default. */
export const PLATFORM_DATA_DIR = 'data/event-store';
/** The demo's own store: a demo never writes its fictional events into the platform's log. */
export const DEMO_DATA_DIR = 'tmp/event-store-demo';

/**
 * PGlite in --data-dir (default `defaultDataDir`), or PostgreSQL at --database-url (as its owner, the
 * store then logs in as `spn_store`; or as `spn_store` itself); with the KEKs for the commands that
 * touch data keys (rotate-kek). A PGlite folder another process holds (a running platform) is refused
 * with `DataFolderInUseError`. Seals are signed with the key in --seal-key-folder (embedded default:
 * `<data-dir>-seal-key`, made on first use) and verified with --seal-public-key when given (the key
 * an auditor pinned), else with the signing key's public half; with --seal-previous-public-keys, the
 * keys in force before a rotation (integrity/signing-key-ring.ts).
 */
export async function openStore(
  options: {
    'data-dir'?: string;
    'database-url'?: string;
    'seal-key-folder'?: string;
    'seal-public-key'?: string;
    'seal-previous-public-keys'?: string;
  },
  {
    defaultDataDir = PLATFORM_DATA_DIR,
    keyEncryptionKeys,
  }: { defaultDataDir?: string; keyEncryptionKeys?: KeyEncryptionKeys } = {},
): Promise<SqlEventStore> {
  const url = options['database-url'];
  const keys = keyEncryptionKeys ? { keyEncryptionKeys } : {};
  const pinned = options['seal-public-key'] ? await readSealPublicKey(options['seal-public-key']) : undefined;
  const previous = options['seal-previous-public-keys']
    ? { previousPublicKeys: await readSealPublicKeys(options['seal-previous-public-keys']) }
    : {};
  if (url) {
    const folder = options['seal-key-folder'];
    const signingKey = folder ? await readSealSigningKey(resolve(folder, SEAL_SIGNING_KEY_FILE)) : undefined;
    const sealKeys: SealKeys = {
      ...(signingKey ? { signingKey } : {}),
      ...(folder ? await previousKeysIn(resolve(folder)) : {}),
      ...(pinned ? { publicKey: pinned } : {}),
      ...previous,
    };
    return openPostgresEventStore({ connectionString: url, sealKeys, ...keys });
  }
  const dataDir = resolve(options['data-dir'] ?? defaultDataDir);
  const sealKeys = await ensureSealKeyFolder(resolve(options['seal-key-folder'] ?? `${dataDir}-seal-key`));
  return openPgliteEventStore({
    dataDir,
    sealKeys: { ...sealKeys, ...(pinned ? { publicKey: pinned } : {}), ...previous },
    ...keys,
  });
}

import { dirname, join, resolve } from 'node:path';
import {
  LocalKeyEncryptionKeys,
  readKeyEncryptionKeyFile,
  type KeyEncryptionKeys,
} from '../../lib/privacy/key-encryption';
import { parseCount, UsageError, type CliValues } from '../options';
import type { StoreCommandContext } from './context';

/**
 * The KEKs for the CLI, as the services take them: `SPN_KEK` (with `SPN_KEK_PREVIOUS`), or the file
 * `SPN_KEK_FILE`, or the embedded mode's `<data folder>/kek/kek.txt` beside `--data-dir`'s event store.
 * Never made here: a KEK the services do not hold would wrap keys nobody can open.
 */
export async function cliKeyEncryptionKeys(
  values: CliValues,
  env: Readonly<Record<string, string | undefined>>,
): Promise<KeyEncryptionKeys> {
  const previous = env['SPN_KEK_PREVIOUS'] ?? '';
  if (env['SPN_KEK']) return LocalKeyEncryptionKeys.parse(env['SPN_KEK'], previous);
  if (env['SPN_KEK_FILE']) return readKeyEncryptionKeyFile(env['SPN_KEK_FILE'], { previous });
  if (values['database-url'])
    throw new UsageError('with --database-url, set SPN_KEK or SPN_KEK_FILE (the services’ KEK)');
  const storeDir = resolve(values['data-dir'] ?? 'data/event-store');
  return readKeyEncryptionKeyFile(join(dirname(storeDir), 'kek', 'kek.txt'), { previous });
}

/**
 * `rotate-kek [--from OLD_ID] [--to NEW_ID] [--batch-size N]`: re-wraps every data key (or those under
 * OLD_ID) with the current KEK, N keys a transaction, resumable; `--to` checks that the current KEK is
 * the one meant. Exit 0 when no key is left under another KEK (the old KEK is no longer needed).
 */
export async function rotateKekCommand(
  { store, values }: StoreCommandContext,
  keks: KeyEncryptionKeys,
): Promise<number> {
  if (values.to !== undefined && values.to !== keks.currentId)
    throw new UsageError(`--to ${values.to} is not the current KEK (${keks.currentId})`);
  const batchSize = parseCount(values['batch-size'], 'batch-size') ?? 500;
  if (batchSize < 1) throw new UsageError('--batch-size must be at least 1');
  const report = await store.keys.rewrap({
    batchSize,
    ...(values.from !== undefined ? { fromKekId: values.from } : {}),
  });
  console.log(
    `Re-wrapped ${report.rewrapped} data key(s) with ${keks.currentId}; ${report.remaining} left under another KEK.`,
  );
  return report.remaining === 0 ? 0 : 1;
}

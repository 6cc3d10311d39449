import { createPublicKey, type KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  readSealSigningKey,
  SEAL_PREVIOUS_PUBLIC_KEYS_FILE,
  SEAL_PUBLIC_KEY_FILE,
  SEAL_SIGNING_KEY_FILE,
  sealSigningKeyFromPem,
} from '../../lib/integrity/seal-signing';
import { UsageError, type CliValues } from '../options';
import type { StoreCommandContext } from './context';

/** The two private keys of a rotation, each from its option's file or its environment variable's PEM. */
export interface RotationKeys {
  readonly previous: KeyObject;
  readonly next: KeyObject;
}

/**
 * The key in force (`--old-key FILE`, or `SPN_SEAL_SIGNING_KEY`, or the key folder's: `--seal-key-folder`,
 * embedded default `<data-dir>-seal-key`) and the new one (`--new-key FILE` or `SPN_SEAL_NEW_SIGNING_KEY`).
 * Never made here: a new key nobody deployed would sign nothing.
 */
export async function rotationKeysOf(
  values: CliValues,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RotationKeys> {
  const folder =
    values['seal-key-folder'] ??
    (values['database-url'] ? undefined : `${resolve(values['data-dir'] ?? 'data/event-store')}-seal-key`);
  const previous = values['old-key']
    ? await readSealSigningKey(resolve(values['old-key']))
    : env['SPN_SEAL_SIGNING_KEY']
      ? sealSigningKeyFromPem(env['SPN_SEAL_SIGNING_KEY'])
      : folder
        ? await readSealSigningKey(join(resolve(folder), SEAL_SIGNING_KEY_FILE))
        : undefined;
  if (!previous)
    throw new UsageError('the key in force is needed: --old-key FILE or SPN_SEAL_SIGNING_KEY (PEM)');
  const next = values['new-key']
    ? await readSealSigningKey(resolve(values['new-key']))
    : env['SPN_SEAL_NEW_SIGNING_KEY']
      ? sealSigningKeyFromPem(env['SPN_SEAL_NEW_SIGNING_KEY'])
      : undefined;
  if (!next) throw new UsageError('the new key is needed: --new-key FILE or SPN_SEAL_NEW_SIGNING_KEY (PEM)');
  return { previous, next };
}

const publicPem = (key: KeyObject): string =>
  createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString().trim();

/**
 * `rotate-signing-key --old-key FILE --new-key FILE`: writes the handover (signing-key-ring.ts) from the
 * key in force to the new one, at the log's next position and next seal, and prints what to deploy.
 * Refused (exit 2) when the old key is not the key in force.
 */
export async function rotateSigningKeyCommand(
  { store }: StoreCommandContext,
  keys: RotationKeys,
): Promise<number> {
  const handover = await store.integrity.handOverSigning(keys.previous, keys.next);
  console.log(
    `Handover ${handover.handoverNumber}: from position ${handover.fromPosition} and seal ${handover.fromSealNumber} on, ` +
      `key ${handover.keyId} signs (endorsed by key ${handover.previousKeyId}).`,
  );
  console.log(`
Next (docs/operations.md, "Rotating the signing key"): stop every process that appends or seals, or
restart them together, with the new key: from now on, a process holding the old key is refused its
appends and seals (SealKeyError) until it restarts with the new one.
  SPN_SEAL_SIGNING_KEY           the new private key (or ${SEAL_SIGNING_KEY_FILE} in SPN_SEAL_KEY_DIR)
  SPN_SEAL_PUBLIC_KEY            the new public key (${SEAL_PUBLIC_KEY_FILE} in the folder), below
  SPN_SEAL_PREVIOUS_PUBLIC_KEYS  the old public key, below, after any earlier ones
                                 (${SEAL_PREVIOUS_PUBLIC_KEYS_FILE} in the folder)
Auditors pin the new public key and keep the old one (--seal-public-key, --seal-previous-public-keys).

New public key:
${publicPem(keys.next)}

Old public key:
${publicPem(keys.previous)}`);
  return 0;
}

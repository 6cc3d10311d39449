import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventStoreError } from '../errors';

/**
 * The keys of the seals: an Ed25519 private key the sealer signs with, held outside the database, and
 * its public key, which verifiers are given (and auditors pin). A writer with database access alone
 * cannot sign, so rewritten seals no longer verify.
 */
export interface SealKeys {
  /** Needed to seal. */
  readonly signingKey?: KeyObject;
  /** Needed to verify; defaults to the signing key's public half. */
  readonly publicKey?: KeyObject;
  /**
   * The keys that signed before a rotation (signing-key-ring.ts): events and seals from before a
   * handover are verified with the key in force for them, which must be pinned here.
   */
  readonly previousPublicKeys?: readonly KeyObject[];
}

/** A private key and its public half. */
export type SealKeyPair = Required<Pick<SealKeys, 'signingKey' | 'publicKey'>>;

/** The file names in a seal key folder (embedded mode, or a distributed deployment's key volume). */
export const SEAL_SIGNING_KEY_FILE = 'seal-signing.pem';
export const SEAL_PUBLIC_KEY_FILE = 'seal-signing.pub.pem';
/** The earlier keys' public halves, several PEM blocks (written by hand after a rotation; optional). */
export const SEAL_PREVIOUS_PUBLIC_KEYS_FILE = 'seal-signing.previous.pem';

/** What a seal that does not verify with the pinned key in force for it is reported as. */
export const SIGNATURE_PROBLEM = 'the seal is not signed by the pinned seal key in force for it';

/** What a seal's signature covers: its hash, which chains every earlier seal. */
const signedPayload = (sealHash: string): Buffer => Buffer.from(`spn.seal/1:${sealHash}`, 'utf8');

export function signSeal(signingKey: KeyObject, sealHash: string): string {
  return sign(null, signedPayload(sealHash), signingKey).toString('base64');
}

export function sealSignatureValid(publicKey: KeyObject, sealHash: string, signature: string): boolean {
  if (signature === '') return false;
  try {
    return verify(null, signedPayload(sealHash), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The key's id, recorded with each seal and in reports: SHA-256 of its SubjectPublicKeyInfo. */
export function sealKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The public key verifications use, if any. */
export const verifyingKeyOf = (keys: SealKeys): KeyObject | undefined =>
  keys.publicKey ?? (keys.signingKey ? createPublicKey(keys.signingKey) : undefined);

/** A missing or unusable seal key, named by what was needed. */
export class SealKeyError extends EventStoreError {
  constructor(
    readonly key: 'signingKey' | 'publicKey',
    message: string,
  ) {
    super('SEAL_KEY', message, { key });
    this.name = 'SealKeyError';
  }
}

function ed25519(key: KeyObject, which: 'signingKey' | 'publicKey'): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new SealKeyError(which, `the seal ${which} must be Ed25519`);
  return key;
}

/** A private key in PEM (PKCS#8), as from an environment variable. */
export const sealSigningKeyFromPem = (pem: string): KeyObject => ed25519(createPrivateKey(pem), 'signingKey');

/** A public key in PEM (SPKI), or the public half of a private key's PEM. */
export const sealPublicKeyFromPem = (pem: string): KeyObject => ed25519(createPublicKey(pem), 'publicKey');

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g;

/** Several public keys, PEM blocks one after the other (SPN_SEAL_PREVIOUS_PUBLIC_KEYS); none in ''. */
export const sealPublicKeysFromPem = (pems: string): KeyObject[] =>
  (pems.match(PEM_BLOCK) ?? []).map(sealPublicKeyFromPem);

export async function readSealPublicKeys(file: string): Promise<KeyObject[]> {
  return sealPublicKeysFromPem(await readFile(file, 'utf8'));
}

export async function readSealPublicKey(file: string): Promise<KeyObject> {
  return sealPublicKeyFromPem(await readFile(file, 'utf8'));
}

export async function readSealSigningKey(file: string): Promise<KeyObject> {
  return sealSigningKeyFromPem(await readFile(file, 'utf8'));
}

/** A fresh pair held in memory only: in-memory stores (tests). */
export function ephemeralSealKeys(): SealKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signingKey: privateKey, publicKey };
}

/** The folder's earlier public keys (after a rotation), when it has the file. */
export async function previousKeysIn(folder: string): Promise<Pick<SealKeys, 'previousPublicKeys'>> {
  try {
    return { previousPublicKeys: await readSealPublicKeys(join(folder, SEAL_PREVIOUS_PUBLIC_KEYS_FILE)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * The key pair in `folder`, made on first use: the private key readable by its owner only, the public
 * key beside it for verifiers to copy and pin.
 */
export async function ensureSealKeyFolder(folder: string): Promise<SealKeyPair & SealKeys> {
  const privateFile = join(folder, SEAL_SIGNING_KEY_FILE);
  try {
    const signingKey = await readSealSigningKey(privateFile);
    return { signingKey, publicKey: createPublicKey(signingKey), ...(await previousKeysIn(folder)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const keys = ephemeralSealKeys();
  const pem = keys.signingKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    // `wx`: two processes starting together keep the first key, never overwrite it.
    await writeFile(privateFile, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const signingKey = await readSealSigningKey(privateFile);
    return { signingKey, publicKey: createPublicKey(signingKey) };
  }
  await chmod(privateFile, 0o600);
  await writeFile(
    join(folder, SEAL_PUBLIC_KEY_FILE),
    keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  return keys;
}

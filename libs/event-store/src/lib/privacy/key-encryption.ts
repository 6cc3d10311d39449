import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A data key as stored: wrapped by the key-encryption key (KEK) whose id it records. */
export interface WrappedKey {
  readonly kekId: string;
  readonly wrapped: Buffer;
}

/**
 * The narrow port to whatever holds the key-encryption keys: a key file or variable here, a KMS
 * elsewhere. Data keys are only ever stored wrapped; `context` (the subject id) is bound to the
 * wrapping, so a wrapped key cannot be moved to another subject's row.
 */
export interface KeyEncryptionKeys {
  /** The KEK new and re-wrapped data keys are wrapped with. */
  readonly currentId: string;
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  /** {@link KeyEncryptionKeyUnknownError} when the KEK that wrapped it is not held here. */
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
}

/** A data key was wrapped by a KEK this process does not hold (retired too early, or misconfigured). */
export class KeyEncryptionKeyUnknownError extends Error {
  constructor(readonly kekId: string) {
    super(`The key-encryption key ${kekId} is not configured: data keys wrapped by it cannot be opened`);
    this.name = 'KeyEncryptionKeyUnknownError';
  }
}

/** A store opened without key-encryption keys was asked for a data key. */
export class KeyEncryptionKeysMissingError extends Error {
  constructor() {
    super('No key-encryption keys configured: personal data can be neither sealed nor opened');
    this.name = 'KeyEncryptionKeysMissingError';
  }
}

/** Key text that is not 32 bytes in base64; names where it came from, never the text. */
export class KeyEncryptionKeyFormatError extends Error {
  constructor(readonly source: string) {
    super(`${source}: a key-encryption key must be 32 random bytes in base64`);
    this.name = 'KeyEncryptionKeyFormatError';
  }
}

const KEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A KEK's id: a fingerprint of the key, so the configuration carries no id that could disagree with it. */
export const kekIdOf = (key: Buffer): string =>
  `kek-${createHash('sha256').update('spn-kek-id\0').update(key).digest('hex').slice(0, 16)}`;

/** A new KEK, as its configuration text (base64). */
export const newKeyEncryptionKey = (): string => randomBytes(KEK_BYTES).toString('base64');

/** The key in `text` (base64 or base64url of 32 bytes), or {@link KeyEncryptionKeyFormatError}. */
export function parseKeyEncryptionKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || key.length !== KEK_BYTES)
    throw new KeyEncryptionKeyFormatError(source);
  return key;
}

const associatedData = (kekId: string, context: string) => Buffer.from(`spn-dek\0${kekId}\0${context}`);

/**
 * KEKs held in this process (from a key file or a variable): AES-256-GCM wrapping, a fresh IV each
 * time, the KEK's id and the subject as associated data. The first key wraps; the others only unwrap
 * (earlier KEKs, until `rotate-kek` has re-wrapped every data key).
 */
export class LocalKeyEncryptionKeys implements KeyEncryptionKeys {
  readonly currentId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    if (current.length !== KEK_BYTES) throw new KeyEncryptionKeyFormatError('current key');
    this.currentId = kekIdOf(current);
    this.keys = new Map([current, ...previous].map((key) => [kekIdOf(key), Buffer.from(key)]));
  }

  /** A fresh KEK in memory (tests, tools): nothing it wraps survives the process. */
  static generate(): LocalKeyEncryptionKeys {
    return new LocalKeyEncryptionKeys(randomBytes(KEK_BYTES));
  }

  /** From configuration text: the current key, and earlier ones comma- or line-separated. */
  static parse(current: string, previous = '', source = 'SPN_KEK'): LocalKeyEncryptionKeys {
    const earlier = previous
      .split(/[,\n]/)
      .map((text) => text.trim())
      .filter((text) => text !== '' && !text.startsWith('#'))
      .map((text) => parseKeyEncryptionKey(text, `${source} (earlier key)`));
    return new LocalKeyEncryptionKeys(parseKeyEncryptionKey(current, source), earlier);
  }

  /** The ids of every KEK held: the current one first. */
  ids(): string[] {
    return [...this.keys.keys()];
  }

  wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const kek = this.keys.get(this.currentId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(associatedData(this.currentId, context));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Promise.resolve({
      kekId: this.currentId,
      wrapped: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
    });
  }

  unwrap(key: WrappedKey, context: string): Promise<Buffer> {
    const kek = this.keys.get(key.kekId);
    if (!kek) return Promise.reject(new KeyEncryptionKeyUnknownError(key.kekId));
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, key.wrapped.subarray(0, IV_BYTES)).setAAD(
        associatedData(key.kekId, context),
      );
      decipher.setAuthTag(key.wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Promise.resolve(
        Buffer.concat([decipher.update(key.wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]),
      );
    } catch (error) {
      // A wrapped key changed, or moved to another subject's row: it does not authenticate.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** The key file is not there, and this caller may not make one (distributed, production). */
export class KeyEncryptionKeyFileMissingError extends Error {
  constructor(readonly path: string) {
    super(`No key-encryption key file at ${path}`);
    this.name = 'KeyEncryptionKeyFileMissingError';
  }
}

/**
 * Reads a KEK file: the first key line is the current KEK, each further one an earlier KEK kept for
 * unwrapping until rotation; `#` lines are comments. With `create`, a missing file is made with a new
 * key (atomically: two processes starting at once agree on one), readable by its owner only.
 * `previous` adds earlier keys from elsewhere (comma- or line-separated).
 */
export async function readKeyEncryptionKeyFile(
  path: string,
  options: { readonly create?: boolean; readonly previous?: string } = {},
): Promise<LocalKeyEncryptionKeys> {
  const text = await readFile(path, 'utf8').catch(async (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!options.create) throw new KeyEncryptionKeyFileMissingError(path);
    await makeKeyFile(path);
    return readFile(path, 'utf8');
  });
  const [current, ...earlier] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (current === undefined) throw new KeyEncryptionKeyFormatError(path);
  return LocalKeyEncryptionKeys.parse(current, [...earlier, options.previous ?? ''].join('\n'), path);
}

async function makeKeyFile(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const draft = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  await writeFile(
    draft,
    `# The key-encryption key of the data keys: first line current, further lines earlier keys.\n${newKeyEncryptionKey()}\n`,
    { mode: 0o600 },
  );
  try {
    await link(draft, path); // fails if another process made it first: then theirs is the key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

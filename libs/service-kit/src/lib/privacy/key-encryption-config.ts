import {
  LocalKeyEncryptionKeys,
  parseKeyEncryptionKey,
  readKeyEncryptionKeyFile,
  type KeyEncryptionKeys,
} from '@spn/event-store';
import { join } from 'node:path';
import { z } from 'zod';

/** Where the embedded mode keeps its KEK when none is configured: beside the development issuer's key. */
export const DEFAULT_KEK_FILE = join('kek', 'kek.txt');

const isKey = (text: string): boolean => {
  try {
    parseKeyEncryptionKey(text, 'key');
    return true;
  } catch {
    return false;
  }
};
const KEY_FORMAT = '32 random bytes in base64 (openssl rand -base64 32)';

/**
 * The key-encryption key (KEK) that wraps the data keys, held outside the database: `SPN_KEK` (the key
 * itself) or `SPN_KEK_FILE` (a file whose first key line is it); earlier KEKs, still accepted for
 * unwrapping until `rotate-kek` has re-wrapped every data key, in `SPN_KEK_PREVIOUS` or the file's
 * further lines.
 */
export const KEY_ENCRYPTION_SETTINGS = {
  SPN_KEK: z.string().refine(isKey, KEY_FORMAT).optional(),
  SPN_KEK_FILE: z.string().min(1).optional(),
  SPN_KEK_PREVIOUS: z
    .string()
    .refine(
      (text) =>
        text
          .split(',')
          .map((key) => key.trim())
          .every(isKey),
      `comma-separated keys, each ${KEY_FORMAT}`,
    )
    .optional(),
};

interface KeyEncryptionConfig {
  readonly NODE_ENV: string;
  readonly SPN_MODE: string;
  readonly SPN_DATA_DIR: string;
  readonly SPN_KEK?: string | undefined;
  readonly SPN_KEK_FILE?: string | undefined;
  readonly SPN_KEK_PREVIOUS?: string | undefined;
}

/**
 * The distributed mode and production need the KEK configured (every process of a deployment must
 * hold the same one, and it must not sit in the data folder); one source, not two.
 */
export function checkKeyEncryptionSettings(env: KeyEncryptionConfig, ctx: z.RefinementCtx): void {
  if (env.SPN_KEK !== undefined && env.SPN_KEK_FILE !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['SPN_KEK_FILE'],
      message: 'set SPN_KEK or SPN_KEK_FILE, not both',
    });
  const required = env.SPN_MODE === 'distributed' || env.NODE_ENV === 'production';
  if (required && env.SPN_KEK === undefined && env.SPN_KEK_FILE === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['SPN_KEK'],
      message:
        'SPN_KEK or SPN_KEK_FILE is required when SPN_MODE=distributed or NODE_ENV=production (the key-encryption key of the data keys, held outside the database)',
    });
}

/**
 * The KEKs the configuration names: `SPN_KEK`, or the file `SPN_KEK_FILE`, or (embedded development
 * only, validation refuses the others) `<SPN_DATA_DIR>/kek/kek.txt`, made on first start unless
 * `create` is false (tools: a KEK the services do not hold would wrap keys nobody can open).
 */
export async function keyEncryptionKeysOf(
  config: Pick<KeyEncryptionConfig, 'SPN_DATA_DIR' | 'SPN_KEK' | 'SPN_KEK_FILE' | 'SPN_KEK_PREVIOUS'>,
  options: { readonly create?: boolean } = {},
): Promise<KeyEncryptionKeys> {
  const previous = config.SPN_KEK_PREVIOUS ?? '';
  if (config.SPN_KEK) return LocalKeyEncryptionKeys.parse(config.SPN_KEK, previous);
  const file = config.SPN_KEK_FILE || join(config.SPN_DATA_DIR, DEFAULT_KEK_FILE);
  const create = (options.create ?? true) && !config.SPN_KEK_FILE;
  return readKeyEncryptionKeyFile(file, { create, previous });
}

/** The KEKs of a tool's environment (rebuild, dead letters), never made: read as the services do. */
export const keyEncryptionKeysOfEnvironment = (
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<KeyEncryptionKeys> =>
  keyEncryptionKeysOf(
    {
      SPN_DATA_DIR: dataDir,
      SPN_KEK: env['SPN_KEK'],
      SPN_KEK_FILE: env['SPN_KEK_FILE'],
      SPN_KEK_PREVIOUS: env['SPN_KEK_PREVIOUS'],
    },
    { create: false },
  );

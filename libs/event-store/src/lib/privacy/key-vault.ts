import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SqlClient } from '../sql/sql-client';

/** The subject's key was destroyed (the subject was erased): nothing personal may be written again. */
export class SubjectErasedError extends Error {
  constructor() {
    super('This subject was erased: no personal data of it can be written');
    this.name = 'SubjectErasedError';
  }
}

/** How every sealed value starts: input starting so is refused at the boundary (service-kit). */
export const CIPHERTEXT_PREFIX = 'pd1:';
const PREFIX = CIPHERTEXT_PREFIX;

/**
 * Per-subject data keys in the store's database, for crypto-shredding: a personal value is encrypted
 * with its subject's key (AES-256-GCM, the subject id as associated data, so a ciphertext cannot be
 * moved to another subject); destroying the key erases every copy of it at once, in the log, in Kafka,
 * in backups. Keys are read from the database each time (no cache): a destroyed key is gone everywhere
 * at once.
 */
export class KeyVault {
  constructor(private readonly sql: SqlClient) {}

  /** The subject's key, made on first use; {@link SubjectErasedError} once destroyed. */
  private async keyFor(subjectId: string, organizationId: string): Promise<Buffer> {
    await this.sql.query(
      `INSERT INTO personal_data_keys (subject_id, organization_id, data_key) VALUES ($1, $2, $3)
       ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, organizationId, randomBytes(32)],
    );
    const [row] = await this.sql.query<{ data_key: Uint8Array | null }>(
      'SELECT data_key FROM personal_data_keys WHERE subject_id = $1',
      [subjectId],
    );
    if (!row?.data_key) throw new SubjectErasedError();
    return Buffer.from(row.data_key);
  }

  /** Keys of several subjects; `null` for a destroyed one, absent for one that never had a key. */
  async keysOf(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const rows = await this.sql.query<{ subject_id: string; data_key: Uint8Array | null }>(
      'SELECT subject_id, data_key FROM personal_data_keys WHERE subject_id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify([...new Set(subjectIds)])],
    );
    return new Map(rows.map((row) => [row.subject_id, row.data_key ? Buffer.from(row.data_key) : null]));
  }

  /** Encrypts JSON values of one subject: each becomes a `pd1:` string. */
  async encrypt(subjectId: string, organizationId: string, values: readonly unknown[]): Promise<string[]> {
    const key = await this.keyFor(subjectId, organizationId);
    return values.map((value) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(subjectId));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    });
  }

  /** Destroys the subject's key, with the reason (the key's row stays, as the record of the erasure). */
  async destroy(subjectId: string, organizationId: string, reason: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO personal_data_keys (subject_id, organization_id, data_key, destroyed_at, destroyed_reason)
       VALUES ($1, $2, NULL, now(), $3)
       ON CONFLICT (subject_id) DO UPDATE SET data_key = NULL, destroyed_at = COALESCE(personal_data_keys.destroyed_at, now()),
         destroyed_reason = COALESCE(personal_data_keys.destroyed_reason, EXCLUDED.destroyed_reason)`,
      [subjectId, organizationId, reason],
    );
  }
}

export const isEncrypted = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/** Decrypts a `pd1:` value with its subject's key; `undefined` when the key is gone (erased). */
export function decryptValue(subjectId: string, key: Buffer | null | undefined, value: string): unknown {
  if (!key) return undefined;
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(subjectId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(
    Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
  ) as unknown;
}

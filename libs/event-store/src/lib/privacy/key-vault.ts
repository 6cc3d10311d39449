import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { DATA_KEYS_CHANNEL } from '../sql/schema';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { DataKeyCache, type DataKeyCacheStats } from './data-key-cache';
import { KeyEncryptionKeysMissingError, type KeyEncryptionKeys } from './key-encryption';

/** The subject's key was destroyed (the subject was erased): nothing personal may be written again. */
export class SubjectErasedError extends Error {
  constructor() {
    super('This subject was erased: no personal data of it can be written');
    this.name = 'SubjectErasedError';
  }
}

/**
 * A sealed value's subject has no key at all: not an erasure (that leaves the key's row, emptied) but
 * a store that lost keys or was restored without them. Never read as "erased".
 */
export class DataKeyMissingError extends Error {
  constructor(readonly subjectId: string) {
    super(
      'The data key of a subject with sealed values is missing (not destroyed): the key store is incomplete',
    );
    this.name = 'DataKeyMissingError';
  }
}

/** How every sealed value starts: input starting so is refused at the boundary (service-kit). */
export const CIPHERTEXT_PREFIX = 'pd1:';
const PREFIX = CIPHERTEXT_PREFIX;

type KeyRow = {
  readonly subject_id: string;
  readonly data_key: Uint8Array | null;
  readonly kek_id: string | null;
};

/** A subject's key to destroy, with the reason (kept on the key's row as the record of the erasure). */
export interface KeyDestruction {
  readonly subjectId: string;
  readonly organizationId: string;
  readonly reason: string;
}

/** What a re-wrapping did: keys re-wrapped, and those left under another KEK (0 when done). */
export interface RewrapReport {
  readonly rewrapped: number;
  readonly remaining: number;
}

/**
 * Per-subject data keys in the store's database, for crypto-shredding: a personal value is encrypted
 * with its subject's key (AES-256-GCM, the subject id as associated data, so a ciphertext cannot be
 * moved to another subject); destroying the key erases every copy of it at once, in the log, in Kafka,
 * in backups. The keys are stored only wrapped by a key-encryption key held outside the database
 * ({@link KeyEncryptionKeys}), with the KEK's id: a dump of the database opens nothing. Opened keys
 * are kept in a cache that an erasure empties of its subject in every process before any later read
 * ({@link DataKeyCache}); `cacheSize` 0 reads every key from the database.
 */
export class KeyVault {
  private readonly cache: DataKeyCache | undefined;

  constructor(
    private readonly sql: SqlClient,
    private readonly keks?: KeyEncryptionKeys,
    cacheSize = 0,
  ) {
    this.cache = cacheSize > 0 ? new DataKeyCache(sql, cacheSize) : undefined;
  }

  /** What the cache did (all zero, `enabled: false`, without one). */
  cacheStats(): DataKeyCacheStats {
    return (
      this.cache?.stats() ?? {
        enabled: false,
        hits: 0,
        misses: 0,
        bypassed: 0,
        evictions: 0,
        syncs: { items: 0, flushes: 0 },
      }
    );
  }

  /** Stops listening for erasures (the store closes it). */
  async close(): Promise<void> {
    await this.cache?.close();
  }

  private kekRing(): KeyEncryptionKeys {
    if (!this.keks) throw new KeyEncryptionKeysMissingError();
    return this.keks;
  }

  /** The stored key opened; rows written before wrapping (no KEK id) hold the key itself. */
  private async open(row: KeyRow): Promise<Buffer> {
    const stored = Buffer.from(row.data_key as Uint8Array);
    if (row.kek_id === null) return stored;
    return this.kekRing().unwrap({ kekId: row.kek_id, wrapped: stored }, row.subject_id);
  }

  /** The subject's key, made on first use; {@link SubjectErasedError} once destroyed. */
  private async keyFor(subjectId: string, organizationId: string): Promise<Buffer> {
    let key = (await this.keysOf([subjectId])).get(subjectId);
    if (key === undefined) {
      const { kekId, wrapped } = await this.kekRing().wrap(randomBytes(32), subjectId);
      await this.sql.query(
        `INSERT INTO personal_data_keys (subject_id, organization_id, data_key, kek_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, organizationId, wrapped, kekId],
      );
      key = (await this.keysOf([subjectId])).get(subjectId);
    }
    if (!key) throw new SubjectErasedError();
    return key;
  }

  /**
   * Keys of several subjects: `null` for a destroyed one (erased), absent for one that never had a
   * key (which, for a sealed value, is {@link DataKeyMissingError}, not an erasure).
   */
  keysOf(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const read = (ids: readonly string[]) => this.readKeys(ids);
    return this.cache ? this.cache.keysOf(subjectIds, read) : read(subjectIds);
  }

  /** The keys as stored, opened: one query. */
  private async readKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const rows = await this.sql.query<KeyRow>(
      'SELECT subject_id, data_key, kek_id FROM personal_data_keys WHERE subject_id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify([...new Set(subjectIds)])],
    );
    return new Map(
      await Promise.all(
        rows.map(async (row) => [row.subject_id, row.data_key ? await this.open(row) : null] as const),
      ),
    );
  }

  /** Encrypts JSON values of one subject: each becomes a `pd1:` string. */
  async encrypt(subjectId: string, organizationId: string, values: readonly unknown[]): Promise<string[]> {
    const key = await this.keyFor(subjectId, organizationId);
    return values.map((value) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyObjectOf(key), iv).setAAD(Buffer.from(subjectId));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    });
  }

  /**
   * Destroys the subject's key, with the reason (the key's row stays, as the record of the erasure).
   * Given `tx`, in that transaction: the event store's append destroys keys so, with the event that
   * records the erasure, both or neither.
   */
  async destroy(
    subjectId: string,
    organizationId: string,
    reason: string,
    tx: SqlQueryable = this.sql,
  ): Promise<void> {
    await destroyKey(tx, { subjectId, organizationId, reason });
  }

  /**
   * Re-wraps every live data key not under the current KEK (or, given `fromKekId`, only those under
   * it), `batchSize` keys a transaction: resumable (a rerun finds only what is left), and a raw key is
   * never written (rows from before wrapping are wrapped too). Locked rows are re-read, so a key
   * destroyed meanwhile stays destroyed.
   */
  async rewrap(
    options: { readonly fromKekId?: string; readonly batchSize?: number } = {},
  ): Promise<RewrapReport> {
    const keks = this.kekRing();
    const batchSize = options.batchSize ?? 500;
    const from = options.fromKekId ?? null;
    const pending = `data_key IS NOT NULL AND kek_id IS DISTINCT FROM $1
      AND ($2::text IS NULL OR kek_id = $2::text)`;
    let rewrapped = 0;
    for (;;) {
      const done = await this.sql.transaction(async (tx) => {
        const rows = await tx.query<KeyRow>(
          `SELECT subject_id, data_key, kek_id FROM personal_data_keys WHERE ${pending}
           ORDER BY subject_id LIMIT $3 FOR UPDATE`,
          [keks.currentId, from, batchSize],
        );
        for (const row of rows) {
          const { kekId, wrapped } = await keks.wrap(await this.open(row), row.subject_id);
          await tx.query(
            'UPDATE personal_data_keys SET data_key = $2, kek_id = $3 WHERE subject_id = $1 AND data_key IS NOT NULL',
            [row.subject_id, wrapped, kekId],
          );
        }
        return rows.length;
      });
      rewrapped += done;
      if (done < batchSize) break;
    }
    const [left] = await this.sql.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM personal_data_keys WHERE data_key IS NOT NULL AND kek_id IS DISTINCT FROM $1`,
      [keks.currentId],
    );
    return { rewrapped, remaining: Number(left?.count ?? 0) };
  }
}

/**
 * Destroys a subject's key in `sql` (a transaction, for an atomic erasure); idempotent. Signals
 * {@link DATA_KEYS_CHANNEL} with the subject id, which PostgreSQL delivers at commit only: every
 * store's cache evicts the key.
 */
export async function destroyKey(sql: SqlQueryable, key: KeyDestruction): Promise<void> {
  await sql.query(
    `WITH destroyed AS (
       INSERT INTO personal_data_keys (subject_id, organization_id, data_key, destroyed_at, destroyed_reason)
       VALUES ($1, $2, NULL, now(), $3)
       ON CONFLICT (subject_id) DO UPDATE SET data_key = NULL, kek_id = NULL,
         destroyed_at = COALESCE(personal_data_keys.destroyed_at, now()),
         destroyed_reason = COALESCE(personal_data_keys.destroyed_reason, EXCLUDED.destroyed_reason)
       RETURNING subject_id)
     SELECT pg_notify('${DATA_KEYS_CHANNEL}', subject_id) FROM destroyed`,
    [key.subjectId, key.organizationId, key.reason],
  );
}

/**
 * The data key as a `KeyObject`, made once per opened key: a cipher given the raw bytes imports them
 * into a new key object every time, about four times the cost of the decryption itself (Node 24). Held
 * only as long as the opened key is (the cache's entry, or one read's keys), so an evicted key takes
 * its key object with it.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObjectOf(key: Buffer): KeyObject {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

export const isEncrypted = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/**
 * Decrypts a `pd1:` value with its subject's key: `undefined` when the key was destroyed (`null`: the
 * subject was erased), {@link DataKeyMissingError} when there is no key at all (`undefined`).
 */
export function decryptValue(subjectId: string, key: Buffer | null | undefined, value: string): unknown {
  if (key === undefined) throw new DataKeyMissingError(subjectId);
  if (key === null) return undefined;
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key), raw.subarray(0, 12)).setAAD(
    Buffer.from(subjectId),
  );
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(
    Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
  ) as unknown;
}

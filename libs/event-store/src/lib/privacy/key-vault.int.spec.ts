import { PGlite } from '@electric-sql/pglite';
import { randomBytes, randomUUID } from 'node:crypto';
import { openPgliteEventStore, PgliteSqlClient } from '../adapters/pglite';
import { SqlEventStore } from '../sql/sql-event-store';
import { event, metadata } from '../../test/builders';
import {
  KeyEncryptionKeyUnknownError,
  LocalKeyEncryptionKeys,
  type KeyEncryptionKeys,
  type WrappedKey,
} from './key-encryption';
import { DataKeyMissingError, decryptValue } from './key-vault';

const ORG = 'org-north-health';

/** Every byte string a dump holds: base64 and hex tokens decoded, and the dump's own bytes. */
function byteStringsIn(dump: string): Buffer[] {
  const found = [Buffer.from(dump, 'utf8')];
  for (const [token] of dump.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g))
    found.push(Buffer.from(token, 'base64'));
  for (const [token] of dump.matchAll(/[0-9a-fA-F]{32,}/g)) {
    found.push(Buffer.from(token, 'hex'));
    found.push(Buffer.from(token.slice(1), 'hex')); // both alignments
  }
  return found;
}

/** Whether any 32-byte window of any byte string opens the sealed value of the subject. */
function anyKeyOpens(candidates: readonly Buffer[], subjectId: string, sealed: string): boolean {
  for (const bytes of candidates)
    for (let start = 0; start + 32 <= bytes.length; start += 1) {
      try {
        decryptValue(subjectId, bytes.subarray(start, start + 32), sealed);
        return true;
      } catch {
        // not a key of this value
      }
    }
  return false;
}

/** The table as a dump shows it (every column as text, bytea in PostgreSQL's hex). */
/** Another process's store on the same database (migrated already), with its own KEKs. */
const storeOn = (db: PGlite, keyEncryptionKeys: KeyEncryptionKeys): SqlEventStore =>
  new SqlEventStore(new PgliteSqlClient(db, false), { keyEncryptionKeys });

const dumpOf = async (db: PGlite, table: string): Promise<string> =>
  (await db.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${table} t`)).rows
    .map((row) => row.line)
    .join('\n');

describe('data keys wrapped by a key-encryption key held outside the database', () => {
  let db: PGlite;
  let store: SqlEventStore;
  let kekBytes: Buffer;
  let keks: LocalKeyEncryptionKeys;
  beforeEach(async () => {
    db = await PGlite.create();
    kekBytes = randomBytes(32);
    keks = new LocalKeyEncryptionKeys(kekBytes);
    store = await openPgliteEventStore({ pglite: db, keyEncryptionKeys: keks });
  });
  afterEach(async () => {
    await store.close();
    await db.close();
  });

  /** Seals a value for a new subject and appends it in an event of the subject's stream. */
  async function sealedClient(value: string): Promise<{ subjectId: string; sealed: string }> {
    const subjectId = randomUUID();
    const [sealed] = await store.keys.encrypt(subjectId, ORG, [value]);
    await store.append(`client-${subjectId}`, 0, [event(1, { data: { givenName: sealed! } })]);
    return { subjectId, sealed: sealed! };
  }

  it('a dump of the keys and of the events opens nothing without the KEK, everything with it', async () => {
    const clients = [await sealedClient('Wilhelmina'), await sealedClient('Bao'), await sealedClient('Ada')];
    // The control: a key stored raw (as before wrapping) is found by the same scan.
    const legacy = randomUUID();
    const rawKey = randomBytes(32);
    await db.query(
      'INSERT INTO personal_data_keys (subject_id, organization_id, data_key) VALUES ($1, $2, $3)',
      [legacy, ORG, rawKey],
    );
    const [legacySealed] = await store.keys.encrypt(legacy, ORG, ['Control']);

    const dump = `${await dumpOf(db, 'personal_data_keys')}\n${await dumpOf(db, 'events')}`;
    const candidates = byteStringsIn(dump);
    expect(candidates.length).toBeGreaterThan(10);
    expect(anyKeyOpens(candidates, legacy, legacySealed!)).toBe(true);
    for (const { subjectId, sealed } of clients)
      expect(anyKeyOpens(candidates, subjectId, sealed)).toBe(false);
    expect(dump).not.toMatch(/Wilhelmina|Bao|Ada/);

    // With the KEK, the stored value unwraps to the key that opens the value.
    const rows = (
      await db.query<{ subject_id: string; data_key: Uint8Array; kek_id: string }>(
        'SELECT subject_id, data_key, kek_id FROM personal_data_keys WHERE kek_id IS NOT NULL ORDER BY subject_id',
      )
    ).rows;
    expect(rows.map((row) => row.subject_id)).toEqual(clients.map((client) => client.subjectId).sort());
    for (const row of rows) {
      expect(row.kek_id).toBe(keks.currentId);
      const key = await keks.unwrap(
        { kekId: row.kek_id, wrapped: Buffer.from(row.data_key) },
        row.subject_id,
      );
      const client = clients.find((candidate) => candidate.subjectId === row.subject_id)!;
      expect(decryptValue(client.subjectId, key, client.sealed)).toBe(
        ['Wilhelmina', 'Bao', 'Ada'][clients.indexOf(client)],
      );
    }
  });

  it('a wrapped key is bound to its subject: moved to another row, it does not unwrap', async () => {
    const { subjectId } = await sealedClient('Ada');
    const [row] = (
      await db.query<{ data_key: Uint8Array; kek_id: string }>(
        'SELECT data_key, kek_id FROM personal_data_keys WHERE subject_id = $1',
        [subjectId],
      )
    ).rows;
    const wrapped: WrappedKey = { kekId: row!.kek_id, wrapped: Buffer.from(row!.data_key) };
    await expect(keks.unwrap(wrapped, randomUUID())).rejects.toThrow();
  });

  it('a missing key is an error, not an erasure; a destroyed key reads as erased', async () => {
    const { subjectId: erased, sealed: erasedValue } = await sealedClient('Ada');
    const { subjectId: kept } = await sealedClient('Bao');
    await store.keys.destroy(erased, ORG, 'request of the client');
    const never = randomUUID();
    const keys = await store.keys.keysOf([erased, kept, never]);
    expect([...keys.keys()].sort()).toEqual([erased, kept].sort());
    expect(keys.get(erased)).toBeNull();
    expect(decryptValue(erased, keys.get(erased), erasedValue)).toBeUndefined();
    expect(() => decryptValue(never, keys.get(never), erasedValue)).toThrow(DataKeyMissingError);
  });

  it('a key wrapped by a KEK this process does not hold is refused by its id', async () => {
    const { subjectId } = await sealedClient('Ada');
    const other = storeOn(db, LocalKeyEncryptionKeys.generate());
    const refused = await other.keys.keysOf([subjectId]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyEncryptionKeyUnknownError);
    expect((refused as KeyEncryptionKeyUnknownError).kekId).toBe(keks.currentId);
  });

  it('rotation re-wraps every live key in batches, resumable; afterwards the old KEK is not needed', async () => {
    const clients = await Promise.all(['A1', 'A2', 'A3', 'A4', 'A5'].map((name) => sealedClient(name)));
    const legacy = randomUUID();
    await db.query(
      'INSERT INTO personal_data_keys (subject_id, organization_id, data_key) VALUES ($1, $2, $3)',
      [legacy, ORG, randomBytes(32)],
    );
    const [legacySealed] = await store.keys.encrypt(legacy, ORG, ['L']);
    await store.keys.destroy(clients[4]!.subjectId, ORG, 'erased');
    const storedBefore = await db.query<{ subject_id: string; data_key: Uint8Array | null }>(
      'SELECT subject_id, data_key FROM personal_data_keys',
    );

    const nextKey = randomBytes(32);
    const both = new LocalKeyEncryptionKeys(nextKey, [kekBytes]);
    // A fault after the first batch of two: the run stops, what it committed stays.
    const failing = failAfterWraps(both, 2);
    const interrupted = storeOn(db, failing);
    await expect(interrupted.keys.rewrap({ batchSize: 2 })).rejects.toThrow('injected fault');
    // The order of subjects decides which two went first; the counts do not depend on it.
    const progress = async () =>
      (
        await db.query<{ rewrapped: number; pending: number; destroyed: number }>(
          `SELECT count(*) FILTER (WHERE kek_id = $1)::int AS rewrapped,
                  count(*) FILTER (WHERE data_key IS NOT NULL AND kek_id IS DISTINCT FROM $1)::int AS pending,
                  count(*) FILTER (WHERE data_key IS NULL)::int AS destroyed
           FROM personal_data_keys`,
          [both.currentId],
        )
      ).rows[0];
    expect(await progress()).toEqual({ rewrapped: 2, pending: 3, destroyed: 1 });

    const resumed = storeOn(db, both);
    expect(await resumed.keys.rewrap({ batchSize: 2 })).toEqual({ rewrapped: 3, remaining: 0 });
    expect(await resumed.keys.rewrap({ batchSize: 2 })).toEqual({ rewrapped: 0, remaining: 0 });
    expect(await progress()).toEqual({ rewrapped: 5, pending: 0, destroyed: 1 });

    // The new KEK alone opens every value; the destroyed key stays destroyed.
    const onlyNew = storeOn(db, new LocalKeyEncryptionKeys(nextKey));
    const keys = await onlyNew.keys.keysOf([...clients.map((client) => client.subjectId), legacy]);
    clients.slice(0, 4).forEach(({ subjectId, sealed }, index) => {
      expect(decryptValue(subjectId, keys.get(subjectId), sealed)).toBe(`A${index + 1}`);
    });
    expect(keys.get(clients[4]!.subjectId)).toBeNull();
    expect(decryptValue(legacy, keys.get(legacy), legacySealed!)).toBe('L');
    // No stored value was written raw: every live row changed, and none equals its key.
    const storedAfter = await db.query<{ subject_id: string; data_key: Uint8Array | null }>(
      'SELECT subject_id, data_key FROM personal_data_keys',
    );
    for (const row of storedAfter.rows) {
      const before = storedBefore.rows.find((candidate) => candidate.subject_id === row.subject_id)!;
      if (row.data_key === null) continue;
      expect(Buffer.from(row.data_key).equals(Buffer.from(before.data_key!))).toBe(false);
      expect(Buffer.from(row.data_key).equals(keys.get(row.subject_id)!)).toBe(false);
    }
  });
});

/** The KEKs, failing on the wrap after `count` (a crash in the middle of a rotation). */
function failAfterWraps(keks: KeyEncryptionKeys, count: number): KeyEncryptionKeys {
  let wraps = 0;
  return {
    currentId: keks.currentId,
    unwrap: (key, context) => keks.unwrap(key, context),
    wrap: (dataKey, context) => {
      wraps += 1;
      if (wraps > count) return Promise.reject(new Error('injected fault'));
      return keks.wrap(dataKey, context);
    },
  };
}

describe('an erasure appended with its key destruction: both or neither', () => {
  it('a fault in the append after the key was destroyed leaves the key and no event; the retry does both once', async () => {
    const db = await PGlite.create();
    const store = await openPgliteEventStore({
      pglite: db,
      keyEncryptionKeys: LocalKeyEncryptionKeys.generate(),
    });
    try {
      const subjectId = randomUUID();
      const stream = `client-${subjectId}`;
      const [sealed] = await store.keys.encrypt(subjectId, ORG, ['Ada']);
      await store.append(stream, 0, [event(1, { data: { givenName: sealed! } })]);
      // The fault: the database refuses the erasure's event, after the key's row was updated.
      await db.exec(`RESET ROLE;
        CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected fault'; END $$;
        CREATE TRIGGER refuse_erasure BEFORE INSERT ON events FOR EACH ROW
          WHEN (NEW.event_type = 'clients.ClientErased') EXECUTE FUNCTION refuse_erasure();
        SET ROLE spn_store;`);
      const erasure = event(2, {
        type: 'clients.ClientErased',
        data: { reason: 'asked' },
        metadata: metadata(),
      });
      const erase = () =>
        store.append(stream, 1, [erasure], { destroyKeyOf: { subjectId, reason: 'asked' } });

      await expect(erase()).rejects.toThrow('injected fault');
      const keyRow = () =>
        db.query<{ live: boolean; destroyed_reason: string | null }>(
          'SELECT data_key IS NOT NULL AS live, destroyed_reason FROM personal_data_keys WHERE subject_id = $1',
          [subjectId],
        );
      expect((await keyRow()).rows).toEqual([{ live: true, destroyed_reason: null }]);
      expect((await store.readStream(stream)).map((recorded) => recorded.type)).toEqual([
        'clients.ClientReferred',
      ]);

      await db.exec('RESET ROLE; DROP TRIGGER refuse_erasure ON events; SET ROLE spn_store;');
      expect(await erase()).toMatchObject({ nextExpectedVersion: 2, idempotentReplay: false });
      expect(await erase()).toMatchObject({ nextExpectedVersion: 2, idempotentReplay: true });
      expect((await keyRow()).rows).toEqual([{ live: false, destroyed_reason: 'asked' }]);
      expect((await store.readStream(stream)).map((recorded) => recorded.type)).toEqual([
        'clients.ClientReferred',
        'clients.ClientErased',
      ]);
      expect((await store.keys.keysOf([subjectId])).get(subjectId)).toBeNull();
    } finally {
      await store.close();
      await db.close();
    }
  });
});

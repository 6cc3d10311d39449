import { PGlite } from '@electric-sql/pglite';
import { createTestDatabase, startTsProcess, until } from '@spn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openPgliteEventStore, PgliteSqlClient } from '../adapters/pglite';
import { openPostgresEventStore } from '../adapters/postgres';
import { event } from '../../test/builders';
import { DATA_KEYS_CHANNEL } from '../sql/schema';
import { SqlEventStore } from '../sql/sql-event-store';
import { LocalKeyEncryptionKeys } from './key-encryption';
import { SubjectErasedError } from './key-vault';

const ORG = 'org-north-health';
const ERASER = 'libs/event-store/src/test/erasing-process.ts';
const LISTENER = `spn-listen-${DATA_KEYS_CHANNEL}`;

/** A subject with a key, and that key read twice by `store`: a miss, then a hit. */
async function cachedSubject(store: SqlEventStore): Promise<string> {
  const subjectId = randomUUID();
  await store.keys.encrypt(subjectId, ORG, ['fictional value']);
  const before = store.keys.cacheStats().hits;
  const key = (await store.keys.keysOf([subjectId])).get(subjectId);
  expect(key).toBeInstanceOf(Buffer);
  expect(store.keys.cacheStats().hits).toBe(before + 1);
  return subjectId;
}

/** What the store does with the subject now: its key (`null`: erased), and whether it may seal. */
async function afterErasure(store: SqlEventStore, subjectId: string): Promise<void> {
  expect((await store.keys.keysOf([subjectId])).get(subjectId)).toBeNull();
  await expect(store.keys.encrypt(subjectId, ORG, ['again'])).rejects.toBeInstanceOf(SubjectErasedError);
}

describe('the data-key cache on PGlite (one database, two stores)', () => {
  it('serves keys from memory, and never a key its subject was erased of by the other store', async () => {
    const db = await PGlite.create();
    const keyEncryptionKeys = new LocalKeyEncryptionKeys(randomBytes(32));
    const eraser = await openPgliteEventStore({ pglite: db, keyEncryptionKeys });
    const reader = new SqlEventStore(new PgliteSqlClient(db, false), { keyEncryptionKeys });
    try {
      const subjectId = await cachedSubject(reader);
      await eraser.keys.destroy(subjectId, ORG, 'fictional erasure request');
      await afterErasure(reader, subjectId);
      // As a service erases: the key destroyed in the transaction of the erasure's event.
      const erasedWithEvent = await cachedSubject(reader);
      await eraser.append(`client-${erasedWithEvent}`, 'any', [event(1, { type: 'clients.ClientErased' })], {
        destroyKeyOf: { subjectId: erasedWithEvent, reason: 'fictional erasure request' },
      });
      await afterErasure(reader, erasedWithEvent);
      expect(reader.keys.cacheStats()).toMatchObject({ enabled: true, evictions: 2 });
    } finally {
      await reader.close();
      await eraser.close();
      await db.close();
    }
  });

  it('reads every key from the database when the cache is off', async () => {
    const store = await openPgliteEventStore({
      keyEncryptionKeys: new LocalKeyEncryptionKeys(randomBytes(32)),
      dataKeyCacheSize: 0,
    });
    try {
      const subjectId = randomUUID();
      await store.keys.encrypt(subjectId, ORG, ['fictional value']);
      await store.keys.keysOf([subjectId]);
      expect(store.keys.cacheStats()).toMatchObject({ enabled: false, hits: 0, misses: 0 });
    } finally {
      await store.close();
    }
  });
});

describe('the data-key cache on PostgreSQL (distributed mode)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: Client;
  let reader: SqlEventStore;
  beforeEach(async () => {
    database = await createTestDatabase('spn_key_cache');
    reader = await openPostgresEventStore({
      connectionString: database.url,
      keyEncryptionKeys: new LocalKeyEncryptionKeys(randomBytes(32)),
    });
    admin = new Client({ connectionString: database.url });
    await admin.connect();
  });
  afterEach(async () => {
    await reader.close();
    await admin.end();
    await database.drop();
  });

  const listenerPids = async (): Promise<number[]> =>
    (
      await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [LISTENER],
      )
    ).rows.map((row) => row.pid);

  it('never serves a key erased by another process, with no wait for any expiry', async () => {
    const subjectId = await cachedSubject(reader);
    const eraser = startTsProcess(ERASER, { DATABASE_URL: database.url, SUBJECT_ID: subjectId }, 'erased');
    await eraser.ready; // committed in the other process
    await afterErasure(reader, subjectId);
    expect(await eraser.exited).toBe('0');
    expect(reader.keys.cacheStats().evictions).toBe(1);
  });

  it('never serves a stale key when its listening connection dropped before the erasure', async () => {
    const subjectId = await cachedSubject(reader);
    const other = await cachedSubject(reader);
    const [listener] = await listenerPids();
    expect(listener).toEqual(expect.any(Number));
    await admin.query('SELECT pg_terminate_backend($1)', [listener]);
    // Erased while nobody listens for this store: the notification is lost to it.
    const eraser = await openPostgresEventStore({ connectionString: database.url, dataKeyCacheSize: 0 });
    try {
      await eraser.keys.destroy(subjectId, ORG, 'fictional erasure request');
    } finally {
      await eraser.close();
    }
    await afterErasure(reader, subjectId);

    await until(
      async () => (await listenerPids()).some((pid) => pid !== listener),
      'a new listening connection',
      5000,
      50,
    );
    // Back, and cleared: a key kept from before the drop is read again, then served from memory.
    await until(
      async () => {
        const { misses } = reader.keys.cacheStats();
        await reader.keys.keysOf([other]);
        return reader.keys.cacheStats().misses === misses + 1;
      },
      'the cache cleared on the return of its connection',
      5000,
      50,
    );
    const { hits } = reader.keys.cacheStats();
    await reader.keys.keysOf([other]);
    expect(reader.keys.cacheStats().hits).toBe(hits + 1);
    await afterErasure(reader, subjectId);
  });

  it('shares the round trip that checks for erasures among concurrent reads', async () => {
    const subjects: string[] = [];
    for (let n = 0; n < 5; n += 1) subjects.push(await cachedSubject(reader));
    const before = reader.keys.cacheStats();
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => reader.keys.keysOf([subjects[index % subjects.length]!])),
    );
    const after = reader.keys.cacheStats();
    expect(after.hits - before.hits).toBe(40);
    expect(after.syncs.items - before.syncs.items).toBe(40);
    expect(after.syncs.flushes - before.syncs.flushes).toBeLessThan(40);
  });
});

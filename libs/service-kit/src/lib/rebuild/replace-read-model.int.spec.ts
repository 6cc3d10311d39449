import { PGlite } from '@electric-sql/pglite';
import { topicOfEventType } from '@spn/contracts';
import {
  LocalKeyEncryptionKeys,
  openPgliteEventStore,
  PgliteSqlClient,
  PostgresSqlClient,
  type EventMetadata,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import { EmbeddedTransport, migrateInbox, startConsumer } from '@spn/messaging';
import { createTestDatabase } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { PersonalData } from '../privacy/personal-data';
import type { Projection } from '../runtime/runtime';
import { consumersCaughtUp } from './consumers-caught-up';
import { rebuildProjection } from './rebuild-projection';
import { ReadModelReplaceRefused, replaceReadModel } from './replace-read-model';

const TYPE = 'tests.Counted';
const GROUP = 'kit.counted';
const metadata: EventMetadata = {
  organizationId: 'org-north-health',
  actor: { subject: 'user-1', organizationId: 'org-north-health', roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
};

/**
 * One row per event and a running total: applying an event twice shows in the total (not refused by
 * a key), so the test counts what a replacement followed by a consumer's restart applied.
 */
const counting: Projection = {
  name: 'counted',
  topics: [topicOfEventType(TYPE)],
  migrations: [
    `CREATE TABLE IF NOT EXISTS counted (event_id uuid PRIMARY KEY, n integer NOT NULL, at timestamptz NOT NULL, tags text[] NOT NULL, detail jsonb NOT NULL);
     CREATE TABLE IF NOT EXISTS total (id integer PRIMARY KEY, applied integer NOT NULL)`,
  ],
  handle: async (message, tx) => {
    const n = Number(message.data['n']);
    await tx.query(
      `INSERT INTO counted (event_id, n, at, tags, detail) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [
        message.eventId,
        n,
        message.recordedAt,
        ['a', `n-${n}`],
        JSON.stringify({ n, nested: { quote: `it's "${n}"` } }),
      ],
    );
    await tx.query(
      `INSERT INTO total (id, applied) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET applied = total.applied + 1`,
    );
  },
};
const TABLES = ['counted', 'total'];

describe('replacing a live read model by a rebuilt one', () => {
  let store: SqlEventStore;
  const opened: SqlClient[] = [];
  const pglite = async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    opened.push(db);
    return db;
  };
  const append = async (from: number, to: number) => {
    for (let n = from; n <= to; n++)
      await store.append(`counter-${randomUUID()}`, 0, [{ type: TYPE, data: { n }, metadata }]);
  };
  const rebuild = async (inboxGroup?: string) => {
    const into = await pglite();
    await rebuildProjection(counting, {
      store,
      personalData: new PersonalData(store.keys, {}),
      into,
      ...(inboxGroup !== undefined && { inboxGroup }),
    });
    return into;
  };
  const snapshot = async (db: SqlClient) => ({
    rows: await db.query(
      `SELECT event_id, n, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS at, tags, detail
       FROM counted ORDER BY n`,
    ),
    total: (await db.query<{ applied: number }>('SELECT applied FROM total'))[0]?.applied,
  });
  /** The projection's consumer on the embedded transport, as a service runs it, until it is caught up. */
  const consumeAll = async (live: SqlClient) => {
    const consumer = await startConsumer(new EmbeddedTransport(store, live, { pollIntervalMs: 20 }), {
      groupId: GROUP,
      topics: counting.topics,
      database: live,
      handle: (message, tx) => counting.handle(message, tx),
    });
    await consumersCaughtUp(store, [GROUP], { timeoutMs: 20_000, pollMs: 20 });
    await consumer.stop();
  };

  beforeEach(async () => {
    store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    await store.close();
  });

  it('puts the rebuilt rows in place, and a consumer behind the rebuild applies each later event once', async () => {
    const live = await pglite();
    await migrateInbox(live);
    for (const migration of counting.migrations ?? []) await live.exec(migration);
    // The consumer applies events 1 to 10 and stops; 11 to 25 are appended while it is stopped, so its
    // checkpoint is behind what the rebuild will read.
    await append(1, 10);
    await consumeAll(live);
    await append(11, 25);
    // The live read model goes wrong: a row lost, another changed, the total off.
    await live.exec(
      `DELETE FROM counted WHERE n = 3; UPDATE counted SET n = 99 WHERE n = 4; UPDATE total SET applied = 7`,
    );

    const report = await replaceReadModel({
      live,
      rebuilt: await rebuild(GROUP),
      tables: TABLES,
      consumersPoolName: null,
      rowsPerStatement: 10, // several pages of each table
    });
    expect(report).toEqual({ tables: { counted: 25, total: 1 }, inboxAdded: 15 });
    expect((await snapshot(live)).total).toBe(25);

    // The consumer starts again from its checkpoint (after event 10): 11 to 25 are in its inbox now
    // and pass; 26 to 30 are new and apply once each.
    await append(26, 30);
    await consumeAll(live);
    const after = await snapshot(live);
    expect(after.total).toBe(30);
    expect(after.rows.map((row) => row['n'])).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(after).toEqual(await snapshot(await rebuild()));
  });

  it('refuses a live table whose columns differ, and changes nothing', async () => {
    const live = await pglite();
    await migrateInbox(live);
    for (const migration of counting.migrations ?? []) await live.exec(migration);
    await live.exec('ALTER TABLE counted ADD COLUMN added_later text');
    await append(1, 3);
    await consumeAll(live);
    const before = await snapshot(live);

    const replacing = replaceReadModel({
      live,
      rebuilt: await rebuild(GROUP),
      tables: TABLES,
      consumersPoolName: null,
    });
    await expect(replacing).rejects.toThrow(ReadModelReplaceRefused);
    await expect(replacing).rejects.toThrow(/live table counted has columns \(added_later text/);
    expect(await snapshot(live)).toEqual(before);
  });

  describe('on PostgreSQL', () => {
    let database: { url: string; drop(): Promise<void> };
    let live: PostgresSqlClient;
    beforeEach(async () => {
      database = await createTestDatabase('spn_replace');
      live = new PostgresSqlClient(database.url, null, 2);
      await migrateInbox(live);
      for (const migration of counting.migrations ?? []) await live.exec(migration);
    });
    afterEach(async () => {
      await live.close();
      await database.drop();
    });

    it('copies every type through, and refuses while a connection of the service’s read-model pool is open', async () => {
      await append(1, 5);
      await consumeAll(live);
      await live.exec('TRUNCATE counted');
      const rebuilt = await rebuild(GROUP);
      const service = new PostgresSqlClient(database.url, null, 1, 'spn-kit-read-models');
      try {
        await service.query('SELECT 1');
        await expect(
          replaceReadModel({ live, rebuilt, tables: TABLES, consumersPoolName: 'spn-kit-read-models' }),
        ).rejects.toThrow(/1 connection\(s\) named spn-kit-read-models are open/);
        expect((await snapshot(live)).rows).toEqual([]);
      } finally {
        await service.close();
      }
      const report = await replaceReadModel({
        live,
        rebuilt,
        tables: TABLES,
        consumersPoolName: 'spn-kit-read-models',
      });
      expect(report).toEqual({ tables: { counted: 5, total: 1 }, inboxAdded: 0 });
      expect(await snapshot(live)).toEqual(await snapshot(rebuilt));
    });
  });
});

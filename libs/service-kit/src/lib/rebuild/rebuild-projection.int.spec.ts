import { PGlite } from '@electric-sql/pglite';
import { topicOfEventType } from '@spn/contracts';
import {
  LOG_START,
  LocalKeyEncryptionKeys,
  openPgliteEventStore,
  PgliteSqlClient,
  type EventMetadata,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { PersonalData } from '../privacy/personal-data';
import type { Projection } from '../runtime/runtime';
import { rebuildProjection, RebuildError } from './rebuild-projection';

const TYPE = 'tests.Counted';
const metadata: EventMetadata = {
  organizationId: 'org-north-health',
  actor: { subject: 'user-1', organizationId: 'org-north-health', roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
};
const SCHEMA = 'CREATE TABLE IF NOT EXISTS counted (position bigint PRIMARY KEY, n integer NOT NULL)';
const insertOne = (message: IntegrationMessage) => [message.globalPosition, message.data['n']];

/** A projection keeping one row per event, one at a time; `batched` also takes a page in one statement. */
function counting(options: { batched: boolean; poison?: number; pages?: number[] }): Projection {
  const handle: Projection['handle'] = async (message, tx) => {
    if (message.data['n'] === options.poison) throw new Error('cannot count this one');
    await tx.query('INSERT INTO counted (position, n) VALUES ($1, $2)', insertOne(message));
  };
  return {
    name: 'counted',
    topics: [topicOfEventType(TYPE)],
    migrations: [SCHEMA],
    handle,
    ...(options.batched && {
      handleBatch: async (messages, tx) => {
        options.pages?.push(messages.length);
        if (messages.some((message) => message.data['n'] === options.poison)) throw new Error('a bad page');
        await tx.query('INSERT INTO counted (position, n) SELECT * FROM unnest($1::bigint[], $2::int[])', [
          messages.map((m) => m.globalPosition),
          messages.map((m) => m.data['n']),
        ]);
      },
    }),
  };
}

describe('rebuilding a projection from the log', () => {
  let store: SqlEventStore;
  const databases: SqlClient[] = [];
  const fresh = async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    databases.push(db);
    return db;
  };
  const rows = (db: SqlClient) => db.query('SELECT position::int, n FROM counted ORDER BY position');
  const rebuild = (projection: Projection, into: SqlClient) =>
    rebuildProjection(projection, {
      store,
      personalData: new PersonalData(store.keys, {}),
      into,
      batchSize: 10,
    });

  beforeAll(async () => {
    store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    for (let n = 1; n <= 25; n++)
      await store.append(`client-${randomUUID()}`, 0, [{ type: TYPE, data: { n }, metadata }]);
  });
  afterAll(async () => {
    for (const db of databases) await db.close();
    await store.close();
  });

  it("hands a projection's batch handler each page whole, with the read model one at a time gives", async () => {
    const pages: number[] = [];
    const [batched, single] = [await fresh(), await fresh()];
    const done = await rebuild(counting({ batched: true, pages }), batched);
    await rebuild(counting({ batched: false }), single);
    expect(pages).toEqual([10, 10, 5]);
    expect(done).toMatchObject({ eventsDone: 25, applied: 25, finished: true });
    expect(await rows(batched)).toHaveLength(25);
    expect(await rows(batched)).toEqual(await rows(single));
  });

  it('leaves the read model analyzed, so that its queries are planned from its statistics', async () => {
    const into = await fresh();
    await rebuild(counting({ batched: true }), into);
    // Never analyzed, a table has no rows in pg_stats and -1 tuples in pg_class.
    const [table] = await into.query<{ reltuples: number }>(
      `SELECT reltuples FROM pg_class WHERE relname = 'counted'`,
    );
    expect(table?.reltuples).toBe(25);
    const columns = await into.query<{ attname: string }>(
      `SELECT attname FROM pg_stats WHERE tablename = 'counted' ORDER BY attname`,
    );
    expect(columns.map((column) => column.attname)).toEqual(['n', 'position']);
  });

  it('never prints the personal data a failing handler was given: position, type, stream and code only', async () => {
    const fields = { 'rebuild-tests.DetailsGiven': ['givenName', 'dateOfBirth'] };
    const personal = new PersonalData(store.keys, fields);
    const streamId = `client-${randomUUID()}`;
    const details = { givenName: 'Wilhelmina', dateOfBirth: '2026-02-30' };
    const sealed = await personal.seal(streamId.slice('client-'.length), 'org-north-health', [
      { type: 'rebuild-tests.DetailsGiven', data: details },
    ]);
    const { globalPositions } = await store.append(streamId, 0, [{ ...sealed[0]!, metadata }]);
    // A projection whose database refuses the (opened) day, as PostgreSQL does, quoting the value.
    const born: Projection = {
      name: 'born',
      topics: [topicOfEventType('rebuild-tests.DetailsGiven')],
      handle: async (message, tx) => {
        if (message.type !== 'rebuild-tests.DetailsGiven') return;
        await tx.query('SELECT $1::date, $2::text', [message.data['dateOfBirth'], message.data['givenName']]);
      },
    };
    const failure = await rebuildProjection(born, {
      store,
      personalData: personal,
      into: await fresh(),
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RebuildError);
    expect(failure).toMatchObject({ eventType: 'rebuild-tests.DetailsGiven', streamId, code: '22008' });
    expect((failure as RebuildError).globalPosition).toBe(globalPositions[0]);
    const printed = `${inspect(failure)} ${String(failure)} ${JSON.stringify(failure)}`;
    expect(printed).not.toMatch(/Wilhelmina|2026-02-30/);
    expect(String(failure)).toContain(streamId);
  });

  it('names the message a page fails on, having applied that page again one message at a time', async () => {
    const into = await fresh();
    const failure = await rebuild(counting({ batched: true, poison: 14 }), into).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RebuildError);
    const fourteenth = (await store.readLog(LOG_START, 25)).events[13];
    expect(fourteenth?.data['n']).toBe(14);
    expect(failure).toMatchObject({ eventType: TYPE, globalPosition: fourteenth?.globalPosition });
    expect(failure).toMatchObject({ streamId: fourteenth?.streamId, code: 'Error' });
    expect(inspect(failure)).not.toMatch(/cannot count/); // no message of the handler's error, no cause
    // The first page stands; nothing of the failing one does.
    expect((await rows(into)).map((row) => row['n'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

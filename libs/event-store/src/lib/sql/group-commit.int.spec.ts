import { createTestDatabase, until } from '@spn/testing';
import { Client } from 'pg';
import { event, metadata, newStreamId } from '../../test/builders';
import { openPostgresEventStore } from '../adapters/postgres';
import { EventStoreError } from '../errors';
import { EVENT_LOG_LOCK } from './schema';
import type { SqlEventStore } from './sql-event-store';

describe('grouped appends (group commit) on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let owner: Client;
  beforeEach(async () => {
    database = await createTestDatabase('spn_group_commit');
    store = await openPostgresEventStore({ connectionString: database.url });
    owner = new Client({ connectionString: database.url });
    await owner.connect();
  });
  afterEach(async () => {
    await store.close();
    await owner.end();
    await database.drop();
  });

  /** How many events of these streams are stored, and by how many transactions. */
  async function stored(streamIds: readonly string[]): Promise<{ events: number; transactions: number }> {
    const { rows } = await owner.query<{ events: string; transactions: string }>(
      `SELECT count(*)::text AS events, count(DISTINCT transaction_id)::text AS transactions
       FROM events WHERE stream_id = ANY($1)`,
      [streamIds],
    );
    return { events: Number(rows[0]?.events), transactions: Number(rows[0]?.transactions) };
  }

  it('stores N concurrent appends in fewer transactions by default, each resolved once committed', async () => {
    const streams = Array.from({ length: 30 }, () => newStreamId('audit'));
    const results = await Promise.all(
      streams.map((streamId, n) => store.append(streamId, 'any', [event(n)])),
    );
    expect(results.every((result) => result.nextExpectedVersion === 1)).toBe(true);
    const { events, transactions } = await stored(streams);
    expect(events).toBe(30);
    expect(transactions).toBeLessThan(30);
    expect(store.groupCommitStats()).toEqual({ items: 30, flushes: transactions });
  });

  it('gives an append that asks for it a transaction of its own', async () => {
    const streams = Array.from({ length: 10 }, () => newStreamId('audit'));
    await Promise.all(
      streams.map((streamId, n) => store.append(streamId, 'any', [event(n)], { group: false })),
    );
    expect(await stored(streams)).toEqual({ events: 10, transactions: 10 });
    expect(store.groupCommitStats()).toEqual({ items: 0, flushes: 0 });
  });

  /** Each outcome's error code, or 'stored'. */
  const codesOf = (outcomes: readonly PromiseSettledResult<unknown>[]) =>
    outcomes.map((outcome) =>
      outcome.status === 'fulfilled'
        ? 'stored'
        : outcome.reason instanceof EventStoreError
          ? outcome.reason.code
          : String(outcome.reason),
    );

  it('rolls back only the append of a group that fails, with its own error; the others commit', async () => {
    // A stream of another organization: appending to it as org-north-health fails in the transaction.
    const foreign = newStreamId('audit');
    await store.append(foreign, 'any', [
      event(0, { metadata: metadata({ organizationId: 'org-south-care' }) }),
    ]);
    const earlier = store.groupCommitStats();
    const before = newStreamId('audit');
    const after = Array.from({ length: 10 }, () => newStreamId('audit'));
    const outcomes = await Promise.allSettled([
      store.append(before, 'any', [event(1)], { group: true }),
      store.append(foreign, 'any', [event(99)], { group: true }),
      ...after.map((streamId, n) => store.append(streamId, 'any', [event(n)], { group: true })),
    ]);
    expect(codesOf(outcomes)).toEqual(['stored', 'ORGANIZATION_MISMATCH', ...after.map(() => 'stored')]);
    expect(await stored([before, ...after])).toEqual({ events: 11, transactions: 1 });
    expect(await stored([foreign])).toEqual({ events: 1, transactions: 1 });
    expect(store.groupCommitStats()).toEqual({ items: earlier.items + 12, flushes: earlier.flushes + 1 });
  });

  it('orders two appends of one stream in a group as if alone: the second conflicts', async () => {
    const streamId = newStreamId('audit');
    const outcomes = await Promise.allSettled([
      store.append(streamId, 0, [event(1)], { group: true }),
      store.append(streamId, 0, [event(2)], { group: true }),
      store.append(streamId, 1, [event(3)], { group: true }),
    ]);
    expect(codesOf(outcomes)).toEqual(['stored', 'WRONG_EXPECTED_VERSION', 'stored']);
    const events = await store.readStream(streamId);
    expect(events.map((stored) => stored.streamVersion)).toEqual([1, 2]);
    expect(store.groupCommitStats()).toEqual({ items: 3, flushes: 1 });
  });

  it('rejects every append of a group whose transaction is lost, and stores none of them', async () => {
    // Held by another session, the event log lock keeps the group's transaction waiting where it can
    // be cut: the first statement of the group, before any append of it is written.
    await owner.query('BEGIN');
    await owner.query(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
    const streams = Array.from({ length: 5 }, () => newStreamId('audit'));
    const appends = Promise.allSettled(
      streams.map((streamId, n) => store.append(streamId, 'any', [event(n)], { group: true })),
    );
    const waiting = async () =>
      (
        await owner.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${EVENT_LOG_LOCK} AND NOT granted`,
        )
      ).rows;
    await until(async () => (await waiting()).length === 1, 'the group at the event log lock');
    await owner.query('SELECT pg_terminate_backend($1)', [(await waiting())[0]?.pid]);
    await owner.query('COMMIT');
    const outcomes = await appends;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(streams.map(() => 'rejected'));
    expect(await stored(streams)).toEqual({ events: 0, transactions: 0 });
    expect(store.groupCommitStats()).toEqual({ items: 5, flushes: 1 });
  });
});

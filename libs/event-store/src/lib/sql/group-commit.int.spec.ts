import { createTestDatabase } from '@spn/testing';
import { Client } from 'pg';
import { event, metadata, newStreamId } from '../../test/builders';
import { openPostgresEventStore } from '../adapters/postgres';
import { EventStoreError } from '../errors';
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

  it('stores N concurrent appends in fewer transactions, each resolved once committed', async () => {
    const streams = Array.from({ length: 30 }, () => newStreamId('audit'));
    const results = await Promise.all(
      streams.map((streamId, n) => store.append(streamId, 'any', [event(n)], { group: true })),
    );
    expect(results.every((result) => result.nextExpectedVersion === 1)).toBe(true);
    const { events, transactions } = await stored(streams);
    expect(events).toBe(30);
    expect(transactions).toBeLessThan(30);
    expect(store.groupCommitStats()).toEqual({ items: 30, flushes: transactions });
  });

  it('fails every append of a group whose transaction fails, and stores none of them', async () => {
    // A stream of another organization: appending to it as org-north-health fails in the transaction.
    const foreign = newStreamId('audit');
    await store.append(foreign, 'any', [
      event(0, { metadata: metadata({ organizationId: 'org-south-care' }) }),
    ]);
    const streams = Array.from({ length: 10 }, () => newStreamId('audit'));
    const outcomes = await Promise.allSettled([
      ...streams.map((streamId, n) => store.append(streamId, 'any', [event(n)], { group: true })),
      store.append(foreign, 'any', [event(99)], { group: true }),
    ]);
    const codes = outcomes.map((outcome) =>
      outcome.status === 'rejected' && outcome.reason instanceof EventStoreError
        ? outcome.reason.code
        : 'stored',
    );
    expect(codes).toEqual([...streams.map(() => 'GROUP_COMMIT_FAILED'), 'ORGANIZATION_MISMATCH']);
    expect(await stored(streams)).toEqual({ events: 0, transactions: 0 });
    expect(store.groupCommitStats()).toEqual({ items: 11, flushes: 1 });
  });
});

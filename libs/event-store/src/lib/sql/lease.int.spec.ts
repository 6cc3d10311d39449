import { createTestDatabase, eventually } from '@spn/testing';
import { Client } from 'pg';
import { events, newStreamId } from '../../test/builders';
import { openPostgresEventStore } from '../adapters/postgres';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { ephemeralSealKeys } from '../integrity/seal-signing';
import { startSealer } from '../integrity/sealer';
import type { SqlEventStore } from './sql-event-store';
import { Lease, LeaseLostError } from './lease';
import type { SqlQueryable } from './sql-client';

const queryable = (client: Client): SqlQueryable => ({
  query: async (sql, params) => (await client.query(sql, params as unknown[])).rows as never,
  exec: async (sql) => {
    await client.query(sql);
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('leases on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  let stores: SqlEventStore[];
  let sql: SqlQueryable;

  beforeEach(async () => {
    database = await createTestDatabase('spn_lease');
    // Two stores, two connection pools: two replicas of a service on one database.
    const sealKeys = ephemeralSealKeys();
    stores = [
      await openPostgresEventStore({ connectionString: database.url, sealKeys }),
      await openPostgresEventStore({ connectionString: database.url, sealKeys }),
    ];
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    sql = queryable(owner);
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await owner.end();
    await database.drop();
  });

  const storedCheckpoint = async (subscriptionId: string): Promise<number> => {
    const { rows } = await owner.query<{ position: string }>(
      'SELECT global_position::text AS position FROM subscription_checkpoints WHERE subscription_id = $1',
      [subscriptionId],
    );
    return Number(rows[0]?.position ?? 0);
  };

  it('has one holder at a time; a new term when it changes hands, the same term when renewed', async () => {
    const first = new Lease(sql, 'relay', 'replica-a', 300);
    const second = new Lease(sql, 'relay', 'replica-b', 300);

    expect(await first.acquire()).toEqual({ name: 'relay', holder: 'replica-a', epoch: 1 });
    expect(await second.acquire()).toBeUndefined();
    expect(await first.acquire()).toEqual({ name: 'relay', holder: 'replica-a', epoch: 1 });
    expect(first.held()?.epoch).toBe(1);

    // replica-a stops renewing: once its lease expired, replica-b takes over in a new term.
    await sleep(350);
    expect(first.held()).toBeUndefined();
    expect(await second.acquire()).toEqual({ name: 'relay', holder: 'replica-b', epoch: 2 });
    // replica-a wakes: its renewal is refused, it holds nothing.
    expect(await first.acquire()).toBeUndefined();
    expect(first.term()).toBeUndefined();

    // A graceful stop hands it over at once, without waiting for it to expire.
    await second.release();
    expect(await first.acquire()).toEqual({ name: 'relay', holder: 'replica-a', epoch: 3 });
  });

  it('seals with one sealer of several at a time, and another takes over when it stops', async () => {
    const sealers = stores.map((store, replica) =>
      startSealer(store.integrity, {
        intervalMs: 50,
        // Long enough that a slow round on a loaded machine does not let the lease lapse between rounds.
        exclusive: { leaseMs: 3000, holder: `sealer-${replica}` },
      }),
    );
    const [storeA, storeB] = stores;
    if (!storeA || !storeB) throw new Error('no stores');
    const unsealed = async () => (await storeB.integrity.verify()).unsealedEvents;
    try {
      for (let round = 0; round < 5; round++) await storeA.append(newStreamId(), 0, events(10));
      await eventually(unsealed, (count) => count === 0);
      const leading = () => Promise.resolve(sealers.map((sealer) => sealer.leading()).sort());
      expect(await eventually(leading, (state) => state[0] === false && state[1] === true)).toEqual([
        false,
        true,
      ]);
      const leader = sealers.findIndex((sealer) => sealer.leading());
      await sealers[leader]?.stop();
      await storeA.append(newStreamId(), 0, events(10));
      await eventually(unsealed, (count) => count === 0);
      expect(sealers[1 - leader]?.leading()).toBe(true);
      expect(await storeA.integrity.verify()).toMatchObject({ ok: true, eventsChecked: 60 });
    } finally {
      for (const sealer of sealers) await sealer.stop();
    }
  });

  it('refuses a lease shorter than 100 ms', () => {
    expect(() => new Lease(sql, 'relay', 'replica-a', 10)).toThrow(RangeError);
  });

  it('runs an exclusive subscription in one replica at a time, and hands it over on stop', async () => {
    const handled: { replica: number; positions: number[] }[] = [];
    const subscriptions: Subscription[] = stores.map((store, replica) =>
      store.subscribe({
        subscriptionId: 'exclusive-test',
        batchSize: 20,
        pollIntervalMs: 20,
        exclusive: { leaseMs: 600, holder: `replica-${replica}` },
        handler: (batch: readonly RecordedEvent[]) => {
          handled.push({ replica, positions: batch.map((event) => event.globalPosition) });
          return Promise.resolve();
        },
      }),
    );
    const [appender] = stores;
    if (!appender) throw new Error('no store');
    for (let round = 0; round < 10; round++) await appender.append(newStreamId(), 0, events(10));
    await eventually(
      () => storedCheckpoint('exclusive-test'),
      (position) => position === 100,
    );
    const leaders = new Set(handled.map((batch) => batch.replica));
    expect(leaders.size).toBe(1);
    const [leader] = [...leaders];
    if (leader === undefined) throw new Error('nobody led');
    const follower = 1 - leader;
    expect(subscriptions[leader]?.leading()).toBe(true);
    expect(subscriptions[follower]?.leading()).toBe(false);
    // The follower follows the leader's checkpoint.
    await eventually(
      () => Promise.resolve(subscriptions[follower]?.checkpoint().globalPosition),
      (position) => position === 100,
    );
    expect(handled.flatMap((batch) => batch.positions)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // The leader stops (a rolling upgrade): the other takes over from its checkpoint, well within the lease.
    const handedOver = Date.now();
    await subscriptions[leader]?.stop();
    await appender.append(newStreamId(), 0, events(10));
    await eventually(
      () => storedCheckpoint('exclusive-test'),
      (position) => position === 110,
    );
    expect(Date.now() - handedOver).toBeLessThan(600);
    const after = handled.filter((batch) => batch.replica === follower).flatMap((batch) => batch.positions);
    expect(after).toEqual(Array.from({ length: 10 }, (_, i) => 101 + i));
    await subscriptions[follower]?.stop();
  });

  it('refuses the checkpoint of a leader that was replaced while it worked (fencing)', async () => {
    const [storeA, storeB] = stores;
    if (!storeA || !storeB) throw new Error('no stores');
    await storeA.append(newStreamId(), 0, events(5));
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const errorsOfA: unknown[] = [];
    const batchesOfA: number[][] = [];
    // A long lease: A's own renewal (every 20 s) does not notice the takeover before its write.
    const subscriptionA = storeA.subscribe({
      subscriptionId: 'fenced-test',
      pollIntervalMs: 20,
      exclusive: { leaseMs: 60_000, holder: 'replica-a' },
      onError: (error) => errorsOfA.push(error),
      handler: async (batch) => {
        batchesOfA.push(batch.map((event) => event.globalPosition));
        if (batchesOfA.length === 1) await held; // A pauses with the first page in hand
      },
    });
    await eventually(
      () => Promise.resolve(batchesOfA.length),
      (count) => count === 1,
    );

    // A's lease runs out while it is paused; B takes over and moves the checkpoint on.
    await owner.query(
      `UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = 'subscription:fenced-test'`,
    );
    const batchesOfB: number[][] = [];
    const subscriptionB = storeB.subscribe({
      subscriptionId: 'fenced-test',
      pollIntervalMs: 20,
      exclusive: { leaseMs: 60_000, holder: 'replica-b' },
      handler: (batch) => {
        batchesOfB.push(batch.map((event) => event.globalPosition));
        return Promise.resolve();
      },
    });
    await eventually(
      () => storedCheckpoint('fenced-test'),
      (position) => position === 5,
    );
    await storeA.append(newStreamId(), 0, events(3));
    await eventually(
      () => storedCheckpoint('fenced-test'),
      (position) => position === 8,
    );

    // A wakes and finishes its page: its checkpoint write is refused, and it follows from now on.
    release();
    await eventually(
      () => Promise.resolve(errorsOfA.filter((error) => error instanceof LeaseLostError).length),
      (count) => count >= 1,
    );
    expect(await storedCheckpoint('fenced-test')).toBe(8);
    expect(subscriptionA.leading()).toBe(false);
    expect(subscriptionB.leading()).toBe(true);
    await storeA.append(newStreamId(), 0, events(2));
    await eventually(
      () => storedCheckpoint('fenced-test'),
      (position) => position === 10,
    );
    // Following, A read the checkpoint B wrote when it took over.
    expect(subscriptionA.checkpoint().globalPosition).toBe(8);
    expect(batchesOfA).toEqual([[1, 2, 3, 4, 5]]);
    expect(batchesOfB.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await subscriptionA.stop();
    await subscriptionB.stop();
  });
});

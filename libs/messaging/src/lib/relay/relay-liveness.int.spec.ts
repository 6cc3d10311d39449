import { topicOfContext } from '@spn/contracts';
import { EVENTS_CHANNEL, openPostgresEventStore, type NewEvent, type SqlEventStore } from '@spn/event-store';
import { createTestDatabase, testKafkaBrokers, until } from '@spn/testing';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { KafkaTransport } from '../kafka/kafka-transport';
import { acknowledging } from '../../test/acknowledging';
import { topicRecords } from '../../test/kafka-wire';
import { startRelay } from './relay';

/** A context of this test's own, so its topic holds exactly what this test published. */
const context = () => `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;

function referral(ctx: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: `${ctx}.ReferralMade`,
    data: { service: 'walking-group' },
    metadata: {
      organizationId: 'org-north-health',
      actor: { subject: 'link-worker-1', organizationId: 'org-north-health', roles: ['linkworker'] },
      purposeOfUse: 'care',
      correlationId: randomUUID(),
    },
  };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function rows<R extends Record<string, unknown>>(
  client: Client,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await client.query<R>(sql, params)).rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('relay: not held back, and back to notification speed after a fault', () => {
  const brokers = testKafkaBrokers();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let transport: KafkaTransport;
  let owner: Client;
  beforeEach(async () => {
    db = await createTestDatabase('spn_relay');
    store = await openPostgresEventStore({ connectionString: db.url });
    owner = await connect(db.url);
    transport = new KafkaTransport({ brokers, clientId: 'relay-liveness-test', partitions: 3 });
  });
  afterEach(async () => {
    await transport.close();
    await store.close();
    await owner.end();
    await db.drop();
  });

  /** Appends one event and waits until the broker acknowledged it: the milliseconds it took. */
  async function relayLatency(
    acknowledgedAt: Map<string, number>,
    ctx: string,
    timeoutMs = 10_000,
  ): Promise<{ latencyMs: number; transactionId: string }> {
    const event = referral(ctx);
    const startedAt = Date.now();
    await store.append(`client-${randomUUID()}`, 0, [event]);
    await until(
      () => Promise.resolve(acknowledgedAt.has(event.eventId!)),
      'the event acknowledged',
      timeoutMs,
      5,
    );
    const [stored] = await rows<{ transaction_id: string }>(
      owner,
      'SELECT transaction_id::text AS transaction_id FROM events WHERE event_id = $1',
      [event.eventId],
    );
    return {
      latencyMs: acknowledgedAt.get(event.eventId!)! - startedAt,
      transactionId: stored!.transaction_id,
    };
  }

  it('relays in under 1 s while transactions that write no events stay open 8 s', async () => {
    const ctx = context();
    await transport.ensureTopics([topicOfContext(ctx)]);
    const { publisher, acknowledgedAt } = acknowledging(transport);
    const relay = startRelay(store, publisher, { pollIntervalMs: 5000 });
    const otherDb = await createTestDatabase('spn_relay_other');
    const elsewhere = await connect(otherDb.url);
    const locker = await connect(db.url);
    const writer = await connect(db.url);
    try {
      await relay.caughtUp;
      // The term's first page registers the relay's transactional id with the broker's coordinator
      // (on a fresh broker, once it has created `__transaction_state`: seconds): a cost of the term's
      // start, not of the transactions held open below, so it is paid before they open.
      const { latencyMs: firstPageMs } = await relayLatency(acknowledgedAt, ctx, 60_000);
      await owner.query('CREATE TABLE read_model_a (id int); CREATE TABLE read_model_b (id int)');
      // Another database's write, a lock held on one read model, an open write on another: each has a
      // transaction id older than the events appended below.
      await elsewhere.query('BEGIN; CREATE TABLE t (id int); INSERT INTO t VALUES (1)');
      await locker.query('BEGIN; LOCK TABLE read_model_a IN ACCESS EXCLUSIVE MODE');
      await writer.query('BEGIN; INSERT INTO read_model_b VALUES (1)');
      const openedAt = Date.now();
      const blockerPids = await Promise.all(
        [elsewhere, locker, writer].map(
          async (client) => (await rows<{ pid: number }>(client, 'SELECT pg_backend_pid() AS pid'))[0]!.pid,
        ),
      );
      const blockers = await rows<{ xid: string }>(
        owner,
        `SELECT backend_xid::text AS xid FROM pg_stat_activity
         WHERE pid = ANY($1::int[]) AND state = 'idle in transaction' AND backend_xid IS NOT NULL`,
        [blockerPids],
      );
      expect(blockers).toHaveLength(3);

      const latencies: number[] = [];
      for (const at of [500, 3500, 6500]) {
        await sleep(Math.max(0, openedAt + at - Date.now()));
        const { latencyMs, transactionId } = await relayLatency(acknowledgedAt, ctx);
        latencies.push(latencyMs);
        // Reading below the server's snapshot xmin would have held this event back.
        const [heldBefore] = await rows<{ held: boolean }>(
          owner,
          'SELECT $1::xid8 >= pg_snapshot_xmin(pg_current_snapshot()) AS held',
          [transactionId],
        );
        expect(heldBefore?.held).toBe(true);
      }
      // All three measured while the three transactions were still open.
      expect(Date.now() - openedAt).toBeLessThan(8000);
      const stillOpen = await rows(
        owner,
        `SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state = 'idle in transaction'`,
        [blockerPids],
      );
      expect(stillOpen).toHaveLength(3);
      await sleep(Math.max(0, openedAt + 8000 - Date.now()));
      expect(latencies).toHaveLength(3);
      for (const latencyMs of latencies) expect(latencyMs).toBeLessThan(1000);
      console.info(
        `relay latency with 8 s transactions open elsewhere: ${latencies.join(', ')} ms (the term's first page: ${firstPageMs} ms)`,
      );
    } finally {
      await relay.stop();
      for (const client of [elsewhere, locker, writer]) await client.end().catch(() => undefined);
      await otherDb.drop();
    }
  });

  it('relays 200 appends from 8 connections with interleaved commits exactly once, in log order', async () => {
    const ctx = context();
    const topic = topicOfContext(ctx);
    await transport.ensureTopics([topic]);
    const { publisher, sent } = acknowledging(transport);
    const subscriptionId = `relay-${ctx}`;
    let relay = startRelay(store, publisher, { subscriptionId, pollIntervalMs: 20, batchSize: 7 });
    await relay.caughtUp;
    const appenders = await Promise.all(
      Array.from({ length: 6 }, () => openPostgresEventStore({ connectionString: db.url, poolSize: 1 })),
    );
    const rawWriters = await Promise.all([connect(db.url), connect(db.url)]);
    let refusedEarly = 0;
    /** A writer outside the store, as an administrator's script: sleeps before its commit. */
    async function rawAppend(client: Client, index: number): Promise<void> {
      const event = referral(ctx);
      for (;;) {
        try {
          await client.query('BEGIN');
          // Every other one takes its transaction id first, then dawdles: it may commit out of order.
          if (index % 2 === 0) await client.query('SELECT pg_current_xact_id(), pg_sleep(0.01)');
          await client.query(
            `INSERT INTO events (stream_id, category, stream_version, event_id, event_type, schema_version,
               organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash)
             VALUES ($1, 'client', 1, $2, $3, 1, 'org-north-health', '{}', $4, now(), now(), '', '')`,
            [`client-${randomUUID()}`, event.eventId, event.type, JSON.stringify(event.metadata)],
          );
          await client.query(`SELECT pg_sleep(${(index % 4) * 0.01})`);
          await client.query('COMMIT');
          return;
        } catch (error) {
          await client.query('ROLLBACK');
          if ((error as { code?: string }).code !== '40001') throw error;
          refusedEarly += 1;
        }
      }
    }
    try {
      const work = [
        ...appenders.map(async (appender, worker) => {
          for (let index = 0; index < 25; index++) {
            // A few events per append on one stream, single ones on others.
            const streamId = `client-${ctx}-${worker}`;
            if (index % 5 === 0) await appender.append(streamId, 'any', [referral(ctx), referral(ctx)]);
            else await appender.append(`client-${randomUUID()}`, 0, [referral(ctx)]);
          }
        }),
        ...rawWriters.map(async (client) => {
          for (let index = 0; index < 25; index++) await rawAppend(client, index);
        }),
        (async () => {
          // The relay restarts from its checkpoint midway.
          await sleep(400);
          await relay.stop();
          relay = startRelay(store, publisher, { subscriptionId, pollIntervalMs: 20, batchSize: 7 });
        })(),
      ];
      await Promise.all(work);
      const committed = await rows<{
        event_id: string;
        global_position: string;
        transaction_id: string;
      }>(
        owner,
        `SELECT event_id::text AS event_id, global_position::text AS global_position, transaction_id::text AS transaction_id
         FROM events WHERE event_type = $1 ORDER BY events.transaction_id, events.global_position`,
        [`${ctx}.ReferralMade`],
      );
      // 6 stores × (5 appends of 2 + 20 of 1) + 2 raw writers × 25.
      expect(committed).toHaveLength(6 * 30 + 50);
      await until(() => Promise.resolve(sent.length >= committed.length), 'every event relayed', 60_000, 20);
      await sleep(300); // anything sent twice would show up now
      const sentIds = sent.map((outgoing) => outgoing.message.eventId);
      expect(sentIds).toHaveLength(230);
      expect(new Set(sentIds).size).toBe(230);
      // In log order: the order of (transaction id, position), which is also position order.
      expect(sentIds).toEqual(committed.map((row) => row.event_id));
      const positions = sent.map((outgoing) => outgoing.message.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      // As consumers read it (the page the restart cut short was aborted, and sent again whole).
      expect(await topicRecords(brokers, topic)).toHaveLength(230);
      console.info(
        `interleaved appends: ${refusedEarly} raw transactions refused for an early id and retried`,
      );
    } finally {
      await relay.stop();
      await Promise.all(appenders.map((appender) => appender.close()));
      await Promise.all(rawWriters.map((client) => client.end()));
    }
  });

  it('is back to notification speed within seconds after its LISTEN backend is terminated', async () => {
    const ctx = context();
    await transport.ensureTopics([topicOfContext(ctx)]);
    const { publisher, acknowledgedAt } = acknowledging(transport);
    const pollIntervalMs = 10_000;
    const relay = startRelay(store, publisher, { pollIntervalMs });
    const listeners = async () =>
      (
        await rows<{ pid: number }>(
          owner,
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${EVENTS_CHANNEL}'`,
        )
      ).map((row) => row.pid);
    try {
      await relay.caughtUp;
      await until(async () => (await listeners()).length === 1, 'the LISTEN connection', 5000, 20);
      const before = [];
      for (let i = 0; i < 3; i++) before.push((await relayLatency(acknowledgedAt, ctx)).latencyMs);
      for (const latencyMs of before) expect(latencyMs).toBeLessThan(1000);

      const [killed] = await listeners();
      await owner.query('SELECT pg_terminate_backend($1)', [killed]);
      const killedAt = Date.now();
      // Relayed meanwhile (polling, or the wake of the reconnect).
      const during = await relayLatency(acknowledgedAt, ctx);
      expect(during.latencyMs).toBeLessThan(pollIntervalMs + 1000);
      await until(
        async () => (await listeners()).some((pid) => pid !== killed),
        'a new LISTEN connection',
        5000,
        20,
      );
      const backWithinMs = Date.now() - killedAt;
      expect(backWithinMs).toBeLessThan(5000);
      // Three in a row under 1 s: polling every 10 s would do that about once in 1,000 tries.
      const after = [];
      for (let i = 0; i < 3; i++) after.push((await relayLatency(acknowledgedAt, ctx)).latencyMs);
      for (const latencyMs of after) expect(latencyMs).toBeLessThan(1000);
      console.info(
        `relay latency before ${before.join(', ')} ms; LISTEN back in ${backWithinMs} ms; after ${after.join(', ')} ms`,
      );
    } finally {
      await relay.stop();
    }
  });
});

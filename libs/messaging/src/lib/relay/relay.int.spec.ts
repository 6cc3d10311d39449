import { topicOfContext } from '@spn/contracts';
import {
  DEFAULT_MAX_EVENT_BYTES,
  EventStoreError,
  openPostgresEventStore,
  PostgresSqlClient,
  type NewEvent,
  type SqlEventStore,
} from '@spn/event-store';
import { createLogger } from '@spn/observability';
import { createTestDatabase, memoryLog, testKafkaBrokers, until } from '@spn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { startConsumer } from '../consumer';
import { migrateInbox } from '../inbox/inbox-schema';
import { header } from '../kafka/kafka-codec';
import { KafkaTransport } from '../kafka/kafka-transport';
import { topicRecords, wireCount } from '../../test/kafka-wire';
import { PROJECTION_SCHEMA, projectionHandler } from '../../test/projection';
import { RELAY_DEAD_LETTERS, RelaySettingsError, startRelay } from './relay';

/** A context of this test's own, so its topic holds exactly what this test published. */
const context = () => `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** An event of `bytes` random (incompressible) characters, like a large directory import's. */
function sized(type: string, bytes: number): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data: { services: bytes > 0 ? randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64') : '' },
    metadata: {
      organizationId: 'org-north-health',
      actor: { subject: 'importer-1', organizationId: 'org-north-health', roles: ['orgadmin'] },
      purposeOfUse: 'operations',
      correlationId: randomUUID(),
    },
  };
}

/** The `event-id` header of every record on a topic (expected: `count` of them). */
/** The records' `event-id` (or another header) on a topic, once `count` are there. */
async function eventIdsOn(
  brokers: string[],
  topic: string,
  count: number,
  name = 'event-id',
): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'wire-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `wire-reader-${randomUUID()}` });
  const ids: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        ids.push(header(message, name) ?? '');
      },
    });
    await until(() => Promise.resolve(ids.length >= count), `${count} records on ${topic}`, 60_000);
  } finally {
    await consumer.disconnect();
  }
  return ids;
}

/** A relay logger whose lines the test reads. */
function relayLog() {
  const { lines, destination } = memoryLog();
  return { lines, log: createLogger('relay', { destination }) };
}

describe('relay: batches by bytes under the broker limit', () => {
  const brokers = testKafkaBrokers();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let database: PostgresSqlClient;
  let transport: KafkaTransport;
  beforeEach(async () => {
    db = await createTestDatabase('spn_relay');
    store = await openPostgresEventStore({ connectionString: db.url });
    database = new PostgresSqlClient(db.url, null);
    await migrateInbox(database);
    await database.exec(PROJECTION_SCHEMA);
    transport = new KafkaTransport({ brokers, clientId: 'relay-test', partitions: 3 });
  });
  afterEach(async () => {
    await transport.close();
    await store.close();
    await database.close();
    await db.drop();
  });

  it('delivers 35 events of 200 KB on one key and the small ones after them, each once, promptly', async () => {
    const ctx = context();
    const topic = topicOfContext(ctx);
    const groupId = `relay-big-${ctx}`;
    await transport.ensureTopics([topic, RELAY_DEAD_LETTERS, `${groupId}.dead-letters`]);
    // One stream, as one directory import: 35 events of ~200 KB (7 MB, 14 times the 500-event batch's old
    // limit), then 20 small ones on it and on another stream.
    const stream = `directory-${randomUUID()}`;
    const big = Array.from({ length: 35 }, () => sized(`${ctx}.ServicesImported`, 200_000));
    await store.append(stream, 0, big.slice(0, 18));
    await store.append(stream, 18, big.slice(18));
    const small = Array.from({ length: 20 }, () => sized(`${ctx}.ReferralMade`, 100));
    await store.append(stream, 35, small.slice(0, 10));
    await store.append(`client-${randomUUID()}`, 0, small.slice(10));
    const { lines, log } = relayLog();
    const relay = startRelay(store, transport, { pollIntervalMs: 50, log });
    const consumer = await startConsumer(transport, {
      groupId,
      topics: [topic],
      database,
      handle: projectionHandler(),
    });
    try {
      const ids = [...big, ...small].map((event) => event.eventId!);
      const applied = async () => {
        const [row] = await database.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM applied WHERE event_id = ANY($1::uuid[])',
          [ids],
        );
        return Number(row?.n);
      };
      await until(async () => (await applied()) >= 55, 'the 55 events applied', 120_000);
      // A small event after them reaches the consumer promptly: nothing is stuck behind the large ones.
      const last = sized(`${ctx}.ReferralMade`, 100);
      const appendedAt = Date.now();
      await store.append(`client-${randomUUID()}`, 0, [last]);
      await until(
        async () =>
          (await database.query('SELECT 1 FROM applied WHERE event_id = $1', [last.eventId])).length === 1,
        'the last small event applied',
        30_000,
      );
      const latencyMs = Date.now() - appendedAt;
      expect(latencyMs).toBeLessThan(5000);

      // Each on the wire exactly once (no healthy part sent again), each applied once.
      const onWire = await eventIdsOn(brokers, topic, 56);
      expect(onWire).toHaveLength(56);
      expect(new Set(onWire).size).toBe(56);
      // Written once too: no page's transaction was aborted and sent again.
      expect(await topicRecords(brokers, topic)).toHaveLength(56);
      expect(await topicRecords(brokers, topic, { readUncommitted: true })).toHaveLength(56);
      expect(await applied()).toBe(55);
      expect(lines.filter((line) => line['level'] === 'error')).toEqual([]);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('logs, counts and names on its dead letters an event the broker refuses, and sends the rest', async () => {
    const ctx = context();
    const topic = topicOfContext(ctx);
    // This topic takes at most 50 KB per record batch (a broker configured below the relay's limit).
    const admin = new Kafka({ clientId: 'relay-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '50000' }] }],
    });
    await admin.disconnect();
    await transport.ensureTopics([RELAY_DEAD_LETTERS]);
    const stream = `directory-${randomUUID()}`;
    const before = Array.from({ length: 3 }, () => sized(`${ctx}.ReferralMade`, 100));
    const tooBig = sized(`${ctx}.ServicesImported`, 150_000);
    const tooBigData = JSON.stringify(tooBig.data).slice(20, 80);
    const after = Array.from({ length: 3 }, () => sized(`${ctx}.ReferralMade`, 100));
    await store.append(stream, 0, [...before, tooBig, ...after]);
    const deadBefore = await wireCount(brokers, RELAY_DEAD_LETTERS);
    const { lines, log } = relayLog();
    const relay = startRelay(store, transport, { pollIntervalMs: 50, log });
    try {
      const ids = await eventIdsOn(brokers, topic, 6);
      expect(ids).toEqual([...before, ...after].map((event) => event.eventId));
      const errors = lines.filter((line) => line['level'] === 'error');
      expect(errors).toHaveLength(1);
      const [logged] = errors;
      expect(logged).toMatchObject({
        type: `${ctx}.ServicesImported`,
        stream,
        position: expect.any(Number) as number,
        bytes: expect.any(Number) as number,
      });
      expect(logged?.['bytes']).toBeGreaterThan(150_000);
      expect(JSON.stringify(logged)).not.toContain(tooBigData);
      await until(
        async () => (await wireCount(brokers, RELAY_DEAD_LETTERS)) > deadBefore,
        'the dead letter naming it',
      );
      // The relay went past it: its checkpoint is at the end of the log.
      await relay.caughtUp;
      expect((await store.readLog(relay.checkpoint(), 10)).events).toHaveLength(0);
      expect(await topicRecords(brokers, topic, { readUncommitted: true })).toHaveLength(6);
    } finally {
      await relay.stop();
    }
  });

  it('says why it cannot read the log, waits for it (even from its start), and says when it stops leading', async () => {
    const ctx = context();
    const topic = topicOfContext(ctx);
    await transport.ensureTopics([topic, RELAY_DEAD_LETTERS]);
    const cannotRead = 'relay cannot read the log or keep its checkpoint; trying again';
    const said = (lines: Record<string, unknown>[], message: string) =>
      lines.some((line) => line['message'] === message);
    const first = relayLog();
    const relay = startRelay(store, transport, { pollIntervalMs: 50, log: first.log });
    await relay.caughtUp;
    // A fault of the store's database: the log's table is gone for a while, and a second relay starts
    // meanwhile (a replica whose database is away when its process starts).
    await database.exec('ALTER TABLE events RENAME TO events_away');
    const second = relayLog();
    const follower = startRelay(store, transport, { pollIntervalMs: 50, log: second.log });
    let leaderStopped = false;
    try {
      await until(
        () => Promise.resolve(said(first.lines, cannotRead) && said(second.lines, cannotRead)),
        `both relays say they cannot read the log: ${JSON.stringify([first.lines, second.lines])}`,
        20_000,
      );
      // The SQLSTATE (undefined table), never a message that could quote data.
      expect(first.lines.find((line) => line['level'] === 'warn')).toMatchObject({
        error: '42P01',
        subscription: 'relay',
      });
      await database.exec('ALTER TABLE events_away RENAME TO events');
      await store.append(`client-${randomUUID()}`, 0, [sized(`${ctx}.ReferralMade`, 100)]);
      expect(await eventIdsOn(brokers, topic, 1)).toHaveLength(1);

      // A graceful stop hands over at once and says so: the leader stops, the other leads and publishes.
      await relay.stop();
      leaderStopped = true;
      expect(said(first.lines, 'relay stops: it no longer publishes')).toBe(true);
      expect(said(first.lines, 'relay follows: another relay publishes')).toBe(false);
      await until(
        () => Promise.resolve(said(second.lines, 'relay leads: it publishes')),
        `the second relay leads: ${JSON.stringify(second.lines)}`,
        20_000,
      );
      await store.append(`client-${randomUUID()}`, 0, [sized(`${ctx}.ReferralMade`, 100)]);
      expect(await eventIdsOn(brokers, topic, 2)).toHaveLength(2);
      // Each record names the term that published it: the first leader's, then the second's.
      expect((await eventIdsOn(brokers, topic, 2, 'relay-term')).sort()).toEqual(['1', '2']);
    } finally {
      if (!leaderStopped) await relay.stop();
      await follower.stop();
    }
  });

  it('refuses at append an event too large for any batch, naming its size', async () => {
    const event = sized('clients.ServicesImported', DEFAULT_MAX_EVENT_BYTES + 1000);
    const refusal = await store
      .append(`directory-${randomUUID()}`, 0, [event])
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EventStoreError);
    expect(refusal).toMatchObject({ code: 'EVENT_TOO_LARGE', details: { field: 'events[0]' } });
    expect((refusal as EventStoreError).details['size']).toBeGreaterThan(DEFAULT_MAX_EVENT_BYTES);
    expect((refusal as Error).message).toMatch(/is \d+ bytes; the limit is 262144/);
    // And a relay whose batches could not carry the largest event the store accepts does not start.
    expect(() => startRelay(store, transport, { maxBatchBytes: DEFAULT_MAX_EVENT_BYTES })).toThrow(
      RelaySettingsError,
    );
  });
});

/**
 * `npm run bench` (messaging): relay and consumer throughput as ratios to raw kafkajs in the same run,
 * and append-to-projection latency at a steady 500 events/s over Kafka and over the embedded transport.
 * Starts a broker of its own (clean topics; a developer's broker is never written to) and uses the
 * PostgreSQL the tests use. Writes bench-results/messaging.json; docs/benchmarks.md summarises it.
 * BENCH_EVENTS (default 10,000) sets the size of the throughput runs. BENCH_ONLY=latency runs the latency
 * case alone and writes bench-results/messaging-latency.json instead.
 */
import { ALL_CONTEXT_TOPICS, createContractRegistry, topicOfContext } from '@spn/contracts';
import {
  EventStoreError,
  LOG_START,
  openPostgresEventStore,
  PostgresSqlClient,
  type LogCheckpoint,
  type SqlEventStore,
} from '@spn/event-store';
import {
  compareRates,
  createTestDatabase,
  latency,
  resolvePostgres,
  round,
  startNativeKafka,
  writeBenchResults,
  type Measured,
} from '@spn/testing';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { EmbeddedTransport } from '../src/lib/embedded/embedded-transport';
import { InboxConsumer } from '../src/lib/inbox/inbox-consumer';
import { migrateInbox } from '../src/lib/inbox/inbox-schema';
import { toIntegrationMessage } from '../src/lib/integration-message';
import { encode } from '../src/lib/kafka/kafka-codec';
import { KafkaTransport } from '../src/lib/kafka/kafka-transport';
import { route, startRelay } from '../src/lib/relay/relay';
import type { MessageTransport, TransactionalPublisher } from '../src/lib/transport.port';
import { acknowledging } from '../src/test/acknowledging';
import { topicRecords } from '../src/test/kafka-wire';
import { observeTransactional } from '../src/test/observe-transactional';
import { appendReferrals, PROJECTION_SCHEMA, projectionHandler, referral } from '../src/test/projection';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000);
const LATENCY_ONLY = process.env['BENCH_ONLY'] === 'latency';
const BATCH = 500;
const TOPIC = topicOfContext('clients');
// Two seconds of the same load run first, unmeasured: connections, JIT and fetch sessions settle.
const LOAD = { eventsPerSecond: 500, warmUpSeconds: 2, seconds: 10 };
const RAW_SCHEMA = `CREATE TABLE IF NOT EXISTS raw_applied (
  event_id uuid NOT NULL, stream_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

interface World {
  readonly store: SqlEventStore;
  readonly database: PostgresSqlClient;
  close(): Promise<void>;
}

/** A database of its own: event store, inbox, projection tables. */
async function openWorld(): Promise<World> {
  const db = await createTestDatabase('spn_bench_messaging');
  const store = await openPostgresEventStore({ connectionString: db.url });
  const database = new PostgresSqlClient(db.url, null);
  await migrateInbox(database);
  await database.exec(`${PROJECTION_SCHEMA}; ${RAW_SCHEMA}`);
  return {
    store,
    database,
    close: async () => {
      await store.close();
      await database.close();
      await db.drop();
    },
  };
}

/** A consumer group into the `applied` projection through the inbox; `onApplied` runs after each commit. */
async function inboxConsumer(
  transport: MessageTransport,
  database: PostgresSqlClient,
  onApplied: (eventId: string) => void,
) {
  const groupId = `bench-${randomUUID().slice(0, 8)}`;
  const inbox = new InboxConsumer({
    groupId,
    database,
    contracts: createContractRegistry(),
    handle: projectionHandler(),
    deadLetters: transport.deadLetters(groupId),
  });
  return transport.consume({
    groupId,
    topics: [TOPIC],
    deliver: async (messages) => {
      await inbox.processBatch(messages);
      for (const message of messages) onApplied(message.eventId);
    },
  });
}

/** Resolves when `count` items were seen, with the time from the first to the last. */
function counter(count: number) {
  let seen = 0;
  let first = 0;
  let done!: (measured: Measured) => void;
  const finished = new Promise<Measured>((resolve) => (done = resolve));
  return {
    finished,
    tick: () => {
      if (seen === 0) first = performance.now();
      seen += 1;
      if (seen === count) done({ measuredMs: performance.now() - first });
    },
  };
}

/**
 * The relay's publisher, timing each call the relay makes of it (ms): with transactions the begin, each
 * publish within it and the commit; without, each plain publish. Says where the relay's share goes.
 */
function timingPhases(inner: TransactionalPublisher) {
  const phases = { begin: [] as number[], publish: [] as number[], commit: [] as number[] };
  // The relay awaits each call before it makes the next: one start time per phase is enough.
  const startedAt = { begin: 0, publish: 0, commit: 0 };
  const start = (phase: keyof typeof phases) => () => {
    startedAt[phase] = performance.now();
  };
  const stop = (phase: keyof typeof phases) => () => {
    phases[phase].push(performance.now() - startedAt[phase]);
  };
  const publisher = observeTransactional(inner, {
    beforeBegin: start('begin'),
    afterBegin: stop('begin'),
    beforePublish: start('publish'),
    afterPublish: stop('publish'),
    beforeCommit: start('commit'),
    afterCommit: stop('commit'),
  });
  const summary = () =>
    Object.fromEntries(
      Object.entries(phases)
        .filter(([, samples]) => samples.length > 0)
        .map(([phase, samples]) => [phase, latency(samples)]),
    );
  return { publisher, summary };
}

async function allMessages(store: SqlEventStore): Promise<Message[]> {
  const messages: Message[] = [];
  let from: LogCheckpoint = LOG_START;
  for (;;) {
    const page = await store.readLog(from, BATCH);
    if (page.events.length === 0) return messages;
    messages.push(...page.events.map((event) => encode(route(toIntegrationMessage(event)).message)));
    from = page.checkpoint;
  }
}

/**
 * Appends one referral at a time on a fixed schedule (open loop: a slow append does not slow the
 * schedule down) over 500 streams, and measures each event from the append call to its projection.
 */
async function latencyUnderLoad(
  world: World,
  transport: MessageTransport,
  started = new Map<string, number>(),
) {
  const samples: number[] = [];
  const total = LOAD.eventsPerSecond * LOAD.seconds;
  const all = counter(total);
  const applied = new Set<string>(); // during the warm-up only
  let warming = true;
  const consumer = await inboxConsumer(transport, world.database, (eventId) => {
    if (warming) applied.add(eventId);
    const t0 = started.get(eventId);
    if (t0 === undefined) return; // a warm-up or earlier phase's event
    samples.push(performance.now() - t0);
    all.tick();
  });
  // Warm-up: the consumer group has joined and 200 events went the whole way before the clock starts.
  const warmUp = await appendReferrals(world.store, 200, { perAppend: 1 });
  while (!warmUp.every((id) => applied.has(id))) await new Promise((resolve) => setTimeout(resolve, 50));
  warming = false;

  const streams = Array.from({ length: 500 }, () => `latency-${randomUUID()}`);
  const intervalMs = 1000 / LOAD.eventsPerSecond;
  const begin = performance.now();
  const appends: Promise<unknown>[] = [];
  const unmeasured = LOAD.eventsPerSecond * LOAD.warmUpSeconds;
  let measuredFrom = begin;
  let refused = 0;
  for (let i = 0; i < unmeasured + total; i += 1) {
    const wait = begin + i * intervalMs - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const event = referral();
    if (i === unmeasured) measuredFrom = performance.now();
    if (i >= unmeasured) started.set(event.eventId!, performance.now());
    appends.push(
      world.store.append(streams[i % streams.length]!, 'any', [event]).catch((error: unknown) => {
        // Past the store's append timeout (a backlog the machine cannot take): counted, not measured.
        if (!(error instanceof EventStoreError && error.code === 'APPEND_TIMEOUT')) throw error;
        refused += 1;
        if (started.delete(event.eventId!)) all.tick();
      }),
    );
  }
  await Promise.all(appends);
  const offeredSeconds = (performance.now() - measuredFrom) / 1000;
  await all.finished;
  await consumer.stop();
  return {
    events: total,
    offeredEventsPerSecond: round(total / offeredSeconds, 0),
    refusedAppends: refused,
    ...latency(samples),
  };
}

async function main(): Promise<void> {
  const postgres = await resolvePostgres();
  process.env['SPN_TEST_DATABASE_URL'] = postgres.url;
  const broker = await startNativeKafka();
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  const transport = new KafkaTransport({
    brokers: broker.brokers,
    clientId: 'bench',
    topics: [...ALL_CONTEXT_TOPICS],
  });
  await transport.start();
  const latencyWorld = await openWorld();
  const world = await openWorld();
  try {
    // 1. Append-to-projection latency, on clean topics: Kafka (relay + consumer) with the relay's pages
    // published plainly, then each in a fenced transaction (the default), then embedded. The relay's
    // publisher also times the first stage, from the append to the broker's ack (with transactions,
    // the page's commit: when consumers can read it).
    // Each in a store of its own, so neither relay publishes the other's events; the consumer group
    // reads the other phase's records during its warm-up, before the clock starts.
    const overKafkaWith = async (transactions: boolean) => {
      const phaseWorld = await openWorld();
      const started = new Map<string, number>();
      const { publisher, acknowledgedAt, sent } = acknowledging(transport, () => performance.now());
      const timed = timingPhases(publisher);
      const relay = startRelay(phaseWorld.store, timed.publisher, { transactions });
      // How late the process's timers and callbacks ran: a busy event loop delays every stage alike.
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const measured = await latencyUnderLoad(phaseWorld, transport, started);
      loopDelay.disable();
      await relay.stop();
      await phaseWorld.close();
      const acked = [...started].flatMap(([eventId, t0]) => {
        const at = acknowledgedAt.get(eventId);
        return at === undefined ? [] : [at - t0];
      });
      // From the event's insert (its recordedAt, the database's clock) to the ack: the relay's own
      // share, without the time an append waited for a connection when the machine cannot keep up.
      const storedToAck = sent.flatMap(({ message }) => {
        const at = acknowledgedAt.get(message.eventId);
        return at === undefined || !started.has(message.eventId)
          ? []
          : [performance.timeOrigin + at - Date.parse(message.recordedAt)];
      });
      return {
        transactions,
        ...measured,
        appendToBrokerAck: latency(acked),
        storedToBrokerAck: latency(storedToAck),
        relayPhases: timed.summary(),
        eventLoopDelayMs: {
          p50: round(loopDelay.percentile(50) / 1e6),
          p99: round(loopDelay.percentile(99) / 1e6),
          max: round(loopDelay.max / 1e6),
        },
      };
    };
    const overKafkaPlain = await overKafkaWith(false);
    console.log('append-to-projection latency, Kafka, plain publishes', overKafkaPlain);
    const overKafka = await overKafkaWith(true);
    console.log('append-to-projection latency, Kafka, a transaction per page', overKafka);
    console.log(
      `transactions' cost: p99 ${overKafka.p99Ms} ms vs ${overKafkaPlain.p99Ms} ms (${round(overKafka.p99Ms / overKafkaPlain.p99Ms, 2)}x), p50 ${overKafka.p50Ms} vs ${overKafkaPlain.p50Ms} ms; stored to ack p50 / p99 ${overKafka.storedToBrokerAck.p50Ms} / ${overKafka.storedToBrokerAck.p99Ms} vs ${overKafkaPlain.storedToBrokerAck.p50Ms} / ${overKafkaPlain.storedToBrokerAck.p99Ms} ms`,
    );
    const embedded = new EmbeddedTransport(latencyWorld.store, latencyWorld.database);
    const overEmbedded = await latencyUnderLoad(latencyWorld, embedded);
    await embedded.close();
    console.log('append-to-projection latency, embedded', overEmbedded);
    if (LATENCY_ONLY) {
      const path = await writeBenchResults('messaging-latency', {
        appendToProjectionLatency: { kafka: overKafka, kafkaPlain: overKafkaPlain, embedded: overEmbedded },
      });
      console.log(`\nwritten to ${path}`);
      return;
    }

    // 2. Consumer throughput: every message on the topic into the projection, inbox vs plain insert.
    await appendReferrals(world.store, EVENTS, { perAppend: 10, streams: 200 });
    const warmRelay = counter(EVENTS);
    const warm = startRelay(world.store, transport, {
      subscriptionId: 'bench-relay-warm-up',
      batchSize: BATCH,
      onPublished: (count) => {
        for (let i = 0; i < count; i += 1) warmRelay.tick();
      },
    });
    await warmRelay.finished;
    await warm.stop();
    const onTopic = (await topicRecords(broker.brokers, TOPIC)).length;
    const consumerThroughput = await compareRates({
      rounds: 3,
      itemsPerCall: onTopic,
      subject: async () => {
        const applied = counter(onTopic);
        const consumer = await inboxConsumer(transport, world.database, applied.tick);
        const measured = await applied.finished;
        await consumer.stop();
        return measured;
      },
      baseline: async () => {
        const applied = counter(onTopic);
        const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID().slice(0, 8)}` });
        await consumer.connect();
        await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
        // The same batching as the transport (runs of 100, partitions concurrently), one multi-row
        // INSERT per run, and nothing else: no inbox, no contracts, no dead letters.
        await consumer.run({
          partitionsConsumedConcurrently: 3,
          eachBatch: async ({ batch }) => {
            for (let from = 0; from < batch.messages.length; from += 100) {
              const rows = batch.messages.slice(from, from + 100).map((record) => {
                const { eventId, streamId } = JSON.parse(record.value!.toString()) as Record<string, string>;
                return { event_id: eventId, stream_id: streamId };
              });
              await world.database.query(
                `INSERT INTO raw_applied (event_id, stream_id)
                 SELECT event_id, stream_id FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, stream_id text)`,
                [JSON.stringify(rows)],
              );
              for (let i = 0; i < rows.length; i += 1) applied.tick();
            }
          },
        });
        const measured = await applied.finished;
        await consumer.disconnect();
        return measured;
      },
    });
    console.log(`consumer throughput (${onTopic} messages)`, consumerThroughput);

    // 3. Relay throughput: the store's log to Kafka vs a raw producer sending the same payloads.
    const payloads = await allMessages(world.store);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let relayRound = 0;
    const relayThroughput = await compareRates({
      rounds: 3,
      itemsPerCall: EVENTS,
      subject: async () => {
        relayRound += 1;
        const begin = performance.now();
        const published = counter(EVENTS);
        const relay = startRelay(world.store, transport, {
          subscriptionId: `bench-relay-${relayRound}`,
          batchSize: BATCH,
          onPublished: (count) => {
            for (let i = 0; i < count; i += 1) published.tick();
          },
        });
        await published.finished;
        const measuredMs = performance.now() - begin; // from start to the last ack; stopping is not relaying
        await relay.stop();
        return { measuredMs };
      },
      baseline: async () => {
        for (let from = 0; from < payloads.length; from += BATCH) {
          await producer.sendBatch({
            acks: -1,
            topicMessages: [{ topic: TOPIC, messages: payloads.slice(from, from + BATCH) }],
          });
        }
      },
    });
    await producer.disconnect();
    console.log(`relay throughput (${EVENTS} events, batches of ${BATCH})`, relayThroughput);

    const path = await writeBenchResults('messaging', {
      relayThroughput: { events: EVENTS, batchSize: BATCH, ...relayThroughput },
      consumerThroughput: { messages: onTopic, ...consumerThroughput },
      appendToProjectionLatency: { kafka: overKafka, kafkaPlain: overKafkaPlain, embedded: overEmbedded },
    });
    console.log(`\nwritten to ${path}`);
  } finally {
    await transport.close();
    await world.close();
    await latencyWorld.close();
    await broker.stop();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

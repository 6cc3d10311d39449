/**
 * Replay benchmark (`npm run bench`, the service kit's target): how fast the log
 * can be replayed, against how fast PostgreSQL reads the same table. Appends BENCH_REPLAY_EVENTS events
 * (default 1,000,000; ~300-byte data, the full envelope, 100 events to a stream) through the store,
 * then measures in alternating turns, each over the whole log in pages of the same size:
 *   (a) a raw keyset SELECT of the events table in position order: the baseline;
 *   (b) the store's replay: readLog pages turned into IntegrationMessages;
 *   (c) a projection rebuild (`rebuildProjection`) into a fresh PostgreSQL read model, with a counting
 *       projection (one UPDATE per event, in a transaction per page).
 * Figures are events/s and ratios to (a), since these machines are shared and noisy. Writes
 * bench-results/replay.json. BENCH_REPLAY_ROUNDS (default 2) sets the turns of each.
 */
import { createContractRegistry, topicOfContext } from '@spn/contracts';
import {
  LOG_START,
  LocalKeyEncryptionKeys,
  openPostgresEventStore,
  PostgresSqlClient,
  type EventMetadata,
  type LogCheckpoint,
  type NewEvent,
} from '@spn/event-store';
import { toIntegrationMessage } from '@spn/messaging';
import { createTestDatabase, rawLogRead, resolvePostgres, round, writeBenchResults } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { PersonalData, personalFieldsWith, rebuildProjection, type Projection } from '../src';

/** A full envelope, as a service's append carries it. */
const metadata = (): EventMetadata => ({
  organizationId: 'org-north-health',
  actor: { subject: 'user-lw-1', organizationId: 'org-north-health', roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
});

const EVENTS = Number(process.env['BENCH_REPLAY_EVENTS'] ?? 1_000_000);
const ROUNDS = Number(process.env['BENCH_REPLAY_ROUNDS'] ?? 2);
const PAGE = 1000;
const PER_STREAM = 100;
const APPENDERS = 4;

/** ~300 bytes of data, like a referral with its reason: fictional values only. */
function referral(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'clients.ClientReferred',
    schemaVersion: 1,
    data: {
      referralId: randomUUID(),
      referrerOrganizationId: 'org-clinic-north',
      needs: ['food', 'social-connection', 'transport'],
      urgency: n % 7 === 0 ? 'urgent' : 'routine',
      reason: `Fictional referral ${n}: lives alone since the spring, asks for company and help with groceries.`,
      referredOn: '2026-03-01',
    },
    metadata: metadata(),
  };
}

/** Appends `count` events through the store: streams of PER_STREAM events, APPENDERS at a time. */
async function load(
  store: Awaited<ReturnType<typeof openPostgresEventStore>>,
  count: number,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const appender = async () => {
    for (;;) {
      const from = next;
      if (from >= count) return;
      next += PER_STREAM;
      const size = Math.min(PER_STREAM, count - from);
      await store.append(
        `client-${randomUUID()}`,
        0,
        Array.from({ length: size }, (_, i) => referral(from + i)),
      );
    }
  };
  await Promise.all(Array.from({ length: APPENDERS }, appender));
  return performance.now() - started;
}

async function main(): Promise<void> {
  const server = await resolvePostgres();
  const log = await createTestDatabase('spn_bench_replay', server.url);
  const store = await openPostgresEventStore({
    connectionString: log.url,
    keyEncryptionKeys: LocalKeyEncryptionKeys.generate(),
  });
  const raw = new Client({ connectionString: log.url });
  await raw.connect();
  try {
    console.log(`appending ${EVENTS.toLocaleString('en')} events…`);
    const appendMs = await load(store, EVENTS);
    await raw.query('VACUUM ANALYZE events');
    console.log(`  ${Math.round(EVENTS / (appendMs / 1000))} events/s appended`);

    const rawRead = () => rawLogRead(raw, PAGE);
    const replay = async () => {
      let from: LogCheckpoint = LOG_START;
      let read = 0;
      for (;;) {
        const page = await store.readLog(from, PAGE);
        if (page.events.length === 0) break;
        read += page.events.map(toIntegrationMessage).length;
        from = page.checkpoint;
      }
      return read;
    };
    const counting: Projection = {
      name: 'bench-count',
      topics: [topicOfContext('clients')],
      migrations: [
        `CREATE TABLE IF NOT EXISTS bench_count (event_type text PRIMARY KEY, n bigint NOT NULL);
         INSERT INTO bench_count VALUES ('clients.ClientReferred', 0) ON CONFLICT DO NOTHING;`,
      ],
      handle: async (message, tx) => {
        await tx.query('UPDATE bench_count SET n = n + 1 WHERE event_type = $1', [message.type]);
      },
    };
    const personalData = new PersonalData(store.keys, personalFieldsWith());
    const contracts = createContractRegistry();
    const rebuild = async () => {
      const scratch = await createTestDatabase('spn_bench_read_model', server.url);
      const into = new PostgresSqlClient(scratch.url, null, 2);
      try {
        const done = await rebuildProjection(counting, {
          store,
          personalData,
          into,
          batchSize: PAGE,
          contracts,
        });
        return { read: done.eventsDone, ms: done.elapsedMs };
      } finally {
        await into.close();
        await scratch.drop();
      }
    };

    const totals = { raw: 0, replay: 0, rebuild: 0 };
    for (let turn = 1; turn <= ROUNDS; turn += 1) {
      for (const [label, work] of [
        ['raw', rawRead],
        ['replay', replay],
      ] as const) {
        const started = performance.now();
        const read = await work();
        const ms = performance.now() - started;
        if (read !== EVENTS) throw new Error(`${label} read ${read} events, expected ${EVENTS}`);
        totals[label] += ms;
        console.log(`  turn ${turn} ${label}: ${Math.round(EVENTS / (ms / 1000))} events/s`);
      }
      // The rebuild is timed by its own clock: without creating and dropping its database.
      const rebuilt = await rebuild();
      if (rebuilt.read !== EVENTS) throw new Error(`rebuild read ${rebuilt.read} events, expected ${EVENTS}`);
      totals.rebuild += rebuilt.ms;
      console.log(`  turn ${turn} rebuild: ${Math.round(EVENTS / (rebuilt.ms / 1000))} events/s`);
    }
    const rate = (ms: number) => Math.round((EVENTS * ROUNDS) / (ms / 1000));
    const results = {
      postgresql: {
        events: EVENTS,
        streams: Math.ceil(EVENTS / PER_STREAM),
        pageSize: PAGE,
        rounds: ROUNDS,
        append: {
          events: EVENTS,
          seconds: round(appendMs / 1000, 1),
          rate: Math.round(EVENTS / (appendMs / 1000)),
        },
        rawRead: { rate: rate(totals.raw) },
        replay: { rate: rate(totals.replay), ratioToRawRead: round(totals.raw / totals.replay) },
        rebuild: { rate: rate(totals.rebuild), ratioToRawRead: round(totals.raw / totals.rebuild) },
      },
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${await writeBenchResults('replay', results)}`);
  } finally {
    await raw.end();
    await store.close();
    await log.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

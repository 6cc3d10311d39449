/**
 * Event store benchmarks (`npm run bench`): every figure is a ratio to a baseline measured in the same
 * run, because these machines are shared and noisy. Writes bench-results/event-store.json.
 * Environment: BENCH_HISTORY (events preloaded for the latency-vs-history figure, default 1,000,000).
 */
import { PGlite } from '@electric-sql/pglite';
import {
  compareRates,
  latency,
  resolvePostgres,
  round,
  timeMs,
  writeBenchResults,
  type Latency,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  LOG_START,
  openPgliteEventStore,
  openPostgresEventStore,
  type EventStore,
  type LogCheckpoint,
  type NewEvent,
} from '../src';
import { event } from '../src/test/builders';

const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 1_000_000);
const PAGE = 500;

/** What a benchmark needs of one adapter: the store, and raw SQL on the same database as its owner. */
interface Subject {
  readonly name: 'postgresql' | 'pglite';
  readonly store: EventStore;
  raw(sql: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

const RAW_TABLE = `CREATE TABLE raw_events (stream_id text NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL,
  data jsonb NOT NULL, metadata jsonb NOT NULL, occurred_at timestamptz NOT NULL);
  GRANT INSERT, SELECT ON raw_events TO PUBLIC;`;

async function openPostgres(): Promise<Subject> {
  const server = await resolvePostgres();
  const name = `spn_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const owner = new Client({ connectionString: url.toString() });
  await owner.connect();
  await owner.query(RAW_TABLE);
  const store = await openPostgresEventStore({ connectionString: url.toString() });
  return {
    name: 'postgresql',
    store,
    raw: async (sql, params) => (await owner.query<Record<string, unknown>>(sql, params)).rows,
    close: async () => {
      await store.close();
      await owner.end();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      await server.stop();
    },
  };
}

async function openPglite(): Promise<Subject> {
  const dir = await mkdtemp(join(tmpdir(), 'spn-bench-pglite-'));
  const db = await PGlite.create(dir);
  await db.exec(RAW_TABLE);
  const store = await openPgliteEventStore({ pglite: db });
  return {
    name: 'pglite',
    store,
    // One connection, working as the app role: raw work that needs the owner resets the role for itself.
    raw: async (sql, params) => (await db.query(sql, params)).rows,
    close: async () => {
      await store.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The same rows the store appends, as one multi-row INSERT into the plain table. */
function rawInsert(subject: Subject, streamId: string, events: readonly NewEvent[]): Promise<unknown> {
  const rows = events.map((e) => ({
    stream_id: streamId,
    event_id: e.eventId,
    event_type: e.type,
    data: e.data,
    metadata: e.metadata,
    occurred_at: new Date().toISOString(),
  }));
  return subject.raw(
    `INSERT INTO raw_events SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(stream_id text, event_id uuid, event_type text, data jsonb, metadata jsonb, occurred_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

const batch = (size: number) => Array.from({ length: size }, (_, index) => event(index));

/** Appends of `perAppend` events, each to a new stream, against raw inserts of the same rows. */
async function appendThroughput(subject: Subject, perAppend: number, appendsPerRound: number) {
  return compareRates({
    rounds: 5,
    itemsPerCall: perAppend * appendsPerRound,
    subject: async () => {
      for (let i = 0; i < appendsPerRound; i += 1)
        await subject.store.append(`bench-${randomUUID()}`, 0, batch(perAppend));
    },
    baseline: async () => {
      for (let i = 0; i < appendsPerRound; i += 1)
        await rawInsert(subject, `bench-${randomUUID()}`, batch(perAppend));
    },
  });
}

/**
 * 1-event appends from `callers` concurrent callers (each to a new stream) against the same appends
 * from one caller, in alternating rounds: what the event log lock costs a busy process. A process's
 * concurrent appends share a transaction (the group commit), so the ratio aims above 1.
 */
async function concurrentAppends(subject: Subject, callers: number, appendsPerRound: number) {
  const append = () => subject.store.append(`bench-${randomUUID()}`, 0, batch(1));
  return compareRates({
    rounds: 5,
    itemsPerCall: appendsPerRound,
    subject: async () => {
      let started = 0;
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (started < appendsPerRound) {
            started += 1;
            await append();
          }
        }),
      );
    },
    baseline: async () => {
      for (let i = 0; i < appendsPerRound; i += 1) await append();
    },
  });
}

/**
 * How many events the global log shows: every one stored, since every append has committed and the log
 * waits for no other transaction (see docs/event-store.md).
 */
async function visibleLogLength(subject: Subject): Promise<number> {
  const [stored] = (await subject.raw('SELECT count(*)::int AS n FROM events')) as { n: number }[];
  let visible = 0;
  let from: LogCheckpoint = LOG_START;
  for (;;) {
    const page = await subject.store.readLog(from, PAGE);
    if (page.events.length === 0) break;
    visible += page.events.length;
    from = page.checkpoint;
  }
  if (visible !== stored!.n) throw new Error(`The log shows ${visible} of ${stored!.n} events`);
  return visible;
}

/** The whole global log read in pages, against a raw keyset SELECT of the same rows. */
async function readThroughput(subject: Subject, expected: number) {
  const readAll = async () => {
    let from: LogCheckpoint = LOG_START;
    let read = 0;
    for (;;) {
      const page = await subject.store.readLog(from, PAGE);
      if (page.events.length === 0) break;
      read += page.events.length;
      from = page.checkpoint;
    }
    if (read !== expected) throw new Error(`readLog returned ${read} events, expected ${expected}`);
  };
  const selectAll = async () => {
    let after = 0;
    let read = 0;
    for (;;) {
      const rows = (await subject.raw(
        'SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
        [after, PAGE],
      )) as { global_position: string | number }[];
      if (rows.length === 0) break;
      read += rows.length;
      after = Number(rows.at(-1)!.global_position);
    }
    if (read !== expected) throw new Error(`SELECT returned ${read} rows, expected ${expected}`);
  };
  return compareRates({ rounds: 3, itemsPerCall: expected, subject: readAll, baseline: selectAll });
}

/** 1-event appends to 50 existing streams, round robin: the common case of a command. */
async function appendLatency(subject: Subject, samples: number): Promise<Latency> {
  const streams = Array.from({ length: 50 }, () => ({ id: `latency-${randomUUID()}`, version: 0 }));
  const timings: number[] = [];
  for (let i = 0; i < samples + 50; i += 1) {
    const stream = streams[i % streams.length]!;
    const took = await timeMs(async () => {
      stream.version = (
        await subject.store.append(stream.id, stream.version, [event(i)])
      ).nextExpectedVersion;
    });
    if (i >= 50) timings.push(took); // the first append of each stream creates it: warm-up
  }
  return latency(timings);
}

/**
 * Loads `count` events of history straight into the tables (10,000 streams of 100), as the owner:
 * far faster than appending them, and the same rows and indexes an append then works against.
 */
async function loadHistory(subject: Subject, count: number): Promise<number> {
  const chunk = 100_000;
  const metadata = JSON.stringify(event(0).metadata);
  const asOwner = subject.name === 'pglite' ? ['RESET ROLE', 'SET ROLE spn_store'] : ['SELECT 1', 'SELECT 1'];
  await subject.raw(asOwner[0]!);
  const took = await timeMs(async () => {
    for (let from = 0; from < count; from += chunk) {
      await subject.raw(
        `INSERT INTO events (stream_id, category, stream_version, event_id, event_type, schema_version, organization_id,
           data, metadata, occurred_at, recorded_at, previous_hash, hash)
         SELECT 'history-' || (g / 100), 'history', (g % 100) + 1, gen_random_uuid(), 'clients.ClientReferred', 1,
           'org-north-health', jsonb_build_object('referralNumber', g, 'needs', jsonb_build_array('food', 'social'),
           'reason', 'fictional reason ' || g), $1::jsonb, now(), now(), 'history', 'history'
         FROM generate_series($2::bigint, $3::bigint) AS g`,
        [metadata, from, Math.min(from + chunk, count) - 1],
      );
    }
    await subject.raw(
      `INSERT INTO streams SELECT 'history-' || s, 'history', 'org-north-health', 100, 'history', now()
       FROM generate_series(0, $1::bigint) AS s`,
      [Math.ceil(count / 100) - 1],
    );
    await subject.raw('ANALYZE');
  });
  await subject.raw(asOwner[1]!);
  return round(took / 1000, 1);
}

async function bench(open: () => Promise<Subject>) {
  const subject = await open();
  try {
    console.log(`\n${subject.name}`);
    await appendThroughput(subject, 1, 20); // warm-up: connections, plans, caches
    const latencyEmpty = await appendLatency(subject, 500);
    const append1 = await appendThroughput(subject, 1, 200);
    console.log('  1-event appends', append1);
    const append100 = await appendThroughput(subject, 100, 20);
    console.log('  100-event appends', append100);
    const concurrent = await concurrentAppends(subject, 64, 400);
    console.log('  1-event appends from 64 callers, against one caller', concurrent);
    const stored = await visibleLogLength(subject);
    const read = await readThroughput(subject, stored);
    console.log(`  global-log read of ${stored} events`, read);
    console.log('  append latency, empty store', latencyEmpty);
    const loadSeconds = await loadHistory(subject, HISTORY);
    const latencyHistory = await appendLatency(subject, 500);
    console.log(`  append latency, ${HISTORY} events stored (loaded in ${loadSeconds}s)`, latencyHistory);
    return {
      append1Event: append1,
      append100Events: append100,
      concurrentAppends: { callers: 64, ...concurrent },
      globalLogRead: { events: stored, pageSize: PAGE, ...read },
      appendLatency: {
        emptyStore: latencyEmpty,
        withHistory: { events: HISTORY, ...latencyHistory },
        p50Growth: round(latencyHistory.p50Ms / latencyEmpty.p50Ms),
        p99Growth: round(latencyHistory.p99Ms / latencyEmpty.p99Ms),
      },
    };
  } finally {
    await subject.close();
  }
}

async function main(): Promise<void> {
  const postgresql = await bench(openPostgres);
  const pglite = await bench(openPglite);
  const path = await writeBenchResults('event-store', { postgresql, pglite });
  console.log(`\nwritten to ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

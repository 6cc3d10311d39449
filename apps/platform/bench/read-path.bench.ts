/**
 * `npm run bench` (platform): the subgraph's audited read path with its data-key cache, group commit
 * and verified-token cache, against the same subgraph with all three off (`SPN_DATA_KEY_CACHE=off`,
 * `SPN_ACCESS_GROUP_COMMIT=off`, `AUTH_TOKEN_CACHE_SIZE=0`: the path before them), in one run.
 *
 * Two clients subgraphs run as processes of their own, seeded alike with 20 clients in the benchmark
 * Link Worker's caseload: embedded (each on its own data folder), or with `BENCH_MODE=distributed`
 * on PostgreSQL and Kafka (each side a database and a broker of its own: one broker's topics and
 * consumer groups would mix the two sides' events). The `caseload` query goes straight to each, in
 * alternating rounds of a closed loop with BENCH_CONCURRENCY requests in flight (default 8):
 * requests/s and p99 of each, and their ratios. Afterwards each store is read and its access records
 * of `caseload` counted against the reads sent (every read audited on both sides), with the commits
 * that hold them. Writes bench-results/read-path.json (read-path-distributed.json);
 * docs/benchmarks.md summarises it.
 */
import { openPgliteFolder, PostgresSqlClient, type SqlClient } from '@spn/event-store';
import {
  createTestDatabase,
  freePort,
  latency,
  resolvePostgres,
  round,
  startNativeKafka,
  startTsProcess,
  writeBenchResults,
  type Latency,
} from '@spn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, linkWorkerHeaders, seedCaseload, type Headers } from './caseload';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const REQUESTS_PER_ROUND = Number(process.env['BENCH_REQUESTS_PER_ROUND'] ?? 600);
const WARM_UP = 300;
const MODE = process.env['BENCH_MODE'] === 'distributed' ? 'distributed' : 'embedded';

const SIDES = {
  /**
   * The new path, all on: data keys cached, access records in group commits (embedded ships with it
   * off), verified tokens cached (the default).
   */
  new: { SPN_DATA_KEY_CACHE: 'on', SPN_ACCESS_GROUP_COMMIT: 'on' },
  /**
   * The path before them: every key read from the database, one transaction per access record, and
   * the token verified in full on every request (no verified-token cache).
   */
  old: { SPN_DATA_KEY_CACHE: 'off', SPN_ACCESS_GROUP_COMMIT: 'off', AUTH_TOKEN_CACHE_SIZE: '0' },
} as const;
type Side = keyof typeof SIDES;

interface Subgraph {
  readonly url: string;
  readonly caller: Headers;
  readonly backing: Backing;
  /** Caseload reads sent to it, measured or not. */
  reads: number;
  stop(): Promise<void>;
}

/** Where a side's subgraph keeps its store and read models, and how its access records are read. */
interface Backing {
  readonly settings: Record<string, string>;
  /** The access records of `caseload` and the commits that hold them (a group commit holds several). */
  records(): Promise<{ records: number; commits: number }>;
  close(): Promise<void>;
}

async function countRecords(sql: SqlClient): Promise<{ records: number; commits: number }> {
  const [row] = await sql.query<{ records: number; commits: number }>(
    `SELECT count(*)::int AS records, count(DISTINCT transaction_id)::int AS commits FROM events
     WHERE event_type = 'clients.PersonalDataAccessed' AND data->>'operation' = 'Query.caseload'`,
  );
  return { records: row?.records ?? 0, commits: row?.commits ?? 0 };
}

/** Embedded: the data folder's PGlite, read once the subgraph has stopped (one process at a time). */
function embeddedBacking(dataDir: string): Backing {
  return {
    settings: {},
    records: async () => {
      const sql = await openPgliteFolder(join(dataDir, 'event-store'));
      try {
        return await countRecords(sql);
      } finally {
        await sql.close();
      }
    },
    close: () => Promise.resolve(),
  };
}

/** Distributed: a database and a Kafka broker of the side's own. */
async function distributedBacking(dataDir: string, serverUrl: string): Promise<Backing> {
  const broker = await startNativeKafka();
  try {
    const db = await createTestDatabase('spn_bench_read_path', serverUrl);
    return {
      settings: {
        SPN_MODE: 'distributed',
        // The development issuer beside the distributed mode: a test run's explicit opt-in (docs/identity.md).
        NODE_ENV: 'test',
        AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
        // The distributed mode keeps no key file of its own: the data keys' KEK comes in the environment.
        SPN_KEK: randomBytes(32).toString('base64'),
        DATABASE_URL: db.url,
        KAFKA_BROKERS: broker.brokers.join(','),
      },
      records: async () => {
        const sql = new PostgresSqlClient(db.url, null);
        try {
          return await countRecords(sql);
        } finally {
          await sql.close();
        }
      },
      close: async () => {
        await db.drop();
        await broker.stop();
      },
    };
  } catch (error) {
    await broker.stop();
    throw error;
  }
}

async function startSubgraph(
  dataDir: string,
  backing: Backing,
  settings: Record<string, string>,
): Promise<Subgraph> {
  const port = await freePort();
  const child = startTsProcess(
    'apps/clients/src/main.ts',
    { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(port), ...backing.settings, ...settings },
    'clients subgraph ready',
  );
  try {
    await child.ready;
  } catch (error) {
    await child.kill('SIGTERM');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    caller: await linkWorkerHeaders(dataDir),
    backing,
    reads: 0,
    stop: () => child.kill('SIGTERM'),
  };
}

interface Measured {
  readonly requestsPerSecond: number;
  readonly latency: Latency;
  readonly readsSent: number;
  readonly accessRecords: number;
  /** Access records per commit that holds them. */
  readonly recordsPerCommit: number;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'spn-bench-read-path-'));
  const postgres = MODE === 'distributed' ? await resolvePostgres() : undefined;
  const backings: Backing[] = [];
  const subgraphs: Partial<Record<Side, Subgraph>> = {};
  try {
    for (const side of Object.keys(SIDES) as Side[]) {
      const dataDir = join(root, side);
      const backing = postgres ? await distributedBacking(dataDir, postgres.url) : embeddedBacking(dataDir);
      backings.push(backing);
      const subgraph = await startSubgraph(dataDir, backing, SIDES[side]);
      subgraphs[side] = subgraph;
      subgraph.reads += await seedCaseload(subgraph.url, subgraph.caller);
    }
    const both = subgraphs as Record<Side, Subgraph>;
    const loop = async (side: Side, count: number) => {
      const subgraph = both[side];
      subgraph.reads += count;
      return closedLoop(subgraph.url, subgraph.caller, count, CONCURRENCY);
    };
    await loop('new', WARM_UP); // warm-up: connections, JIT, query plans
    await loop('old', WARM_UP);
    const runs = { new: { ms: 0, samples: [] as number[] }, old: { ms: 0, samples: [] as number[] } };
    for (let i = 0; i < ROUNDS; i += 1) {
      // Alternating, and each side first in turn: a drift of the machine's load falls on both.
      const order: Side[] = i % 2 === 0 ? ['new', 'old'] : ['old', 'new'];
      for (const side of order) {
        const run = await loop(side, REQUESTS_PER_ROUND);
        runs[side].ms += run.ms;
        runs[side].samples.push(...run.samples);
      }
    }
    for (const subgraph of Object.values(both)) await subgraph.stop();
    const measured = async (side: Side): Promise<Measured> => {
      const { records, commits } = await both[side].backing.records();
      return {
        requestsPerSecond: Math.round(runs[side].samples.length / (runs[side].ms / 1000)),
        latency: latency(runs[side].samples),
        readsSent: both[side].reads,
        accessRecords: records,
        recordsPerCommit: round(records / commits),
      };
    };
    const results = { new: await measured('new'), old: await measured('old') };
    const summary = {
      mode: MODE,
      node: process.version,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      requestsPerRound: REQUESTS_PER_ROUND,
      ...results,
      /** new / old requests per second. */
      throughputRatio: round(results.new.requestsPerSecond / results.old.requestsPerSecond),
      /** new p99 / old p99. */
      p99Ratio: round(results.new.latency.p99Ms / results.old.latency.p99Ms),
    };
    console.log('read path', JSON.stringify(summary));
    const name = MODE === 'distributed' ? 'read-path-distributed' : 'read-path';
    console.log(`written to ${await writeBenchResults(name, summary)}`);
  } finally {
    for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
    for (const backing of backings) await backing.close();
    await postgres?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

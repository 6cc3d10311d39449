/**
 * `npm run bench` (platform): the subgraph's audited read path with its data-key cache, group commit
 * and verified-token cache, against the same subgraph with all three off (`SPN_DATA_KEY_CACHE=off`,
 * `SPN_ACCESS_GROUP_COMMIT=off`, `AUTH_TOKEN_CACHE_SIZE=0`: the path before them), in one run.
 *
 * Two clients subgraphs run as processes of their own, embedded mode (each on its own data folder,
 * seeded alike with 20 clients in the benchmark Link Worker's caseload); the `caseload` query goes
 * straight to each, in alternating rounds of a closed loop with BENCH_CONCURRENCY requests in flight
 * (default 8): requests/s and p99 of each, and their ratios. Afterwards each store is opened and its
 * access records of `caseload` counted against the reads sent: every read audited on both sides.
 * Writes bench-results/read-path.json; docs/benchmarks.md summarises it.
 */
import { openPgliteFolder } from '@spn/event-store';
import { freePort, latency, round, startTsProcess, writeBenchResults, type Latency } from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, linkWorkerHeaders, seedCaseload, type Headers } from './caseload';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const REQUESTS_PER_ROUND = Number(process.env['BENCH_REQUESTS_PER_ROUND'] ?? 600);
const WARM_UP = 300;

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
  readonly dataDir: string;
  /** Caseload reads sent to it, measured or not. */
  reads: number;
  stop(): Promise<void>;
}

async function startSubgraph(dataDir: string, settings: Record<string, string>): Promise<Subgraph> {
  const port = await freePort();
  const child = startTsProcess(
    'apps/clients/src/main.ts',
    { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(port), ...settings },
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
    dataDir,
    reads: 0,
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * The access records of `caseload` in the subgraph's store (read once it has stopped), and the commits
 * that hold them (a group commit holds several).
 */
async function caseloadRecords(dataDir: string): Promise<{ records: number; commits: number }> {
  const sql = await openPgliteFolder(join(dataDir, 'event-store'));
  try {
    const [row] = await sql.query<{ records: number; commits: number }>(
      `SELECT count(*)::int AS records, count(DISTINCT transaction_id)::int AS commits FROM events
       WHERE event_type = 'clients.PersonalDataAccessed' AND data->>'operation' = 'Query.caseload'`,
    );
    return { records: row?.records ?? 0, commits: row?.commits ?? 0 };
  } finally {
    await sql.close();
  }
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
  const subgraphs: Partial<Record<Side, Subgraph>> = {};
  try {
    for (const side of Object.keys(SIDES) as Side[]) {
      const subgraph = await startSubgraph(join(root, side), SIDES[side]);
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
      const { records, commits } = await caseloadRecords(both[side].dataDir);
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
    console.log(`written to ${await writeBenchResults('read-path', summary)}`);
  } finally {
    for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench` (platform): what a caller of the gateway sees.
 *
 * 1. Gateway overhead: the same query, `caseload` of 20 clients, sent through the gateway and straight
 *    to the clients subgraph, in alternating rounds of a closed loop with BENCH_CONCURRENCY requests in
 *    flight (default 8): requests/s and p99 of each, and their ratios.
 * 2. Read-your-write: the time from a mutation's answer (a referral through the gateway) to the first
 *    query through the gateway that sees the client, in the embedded mode and in the distributed mode
 *    (PostgreSQL, Kafka), beside the round trip of one query through the gateway in the same run.
 *
 * The subgraph and the gateway each run as their own process, as `npm start` runs them; this process
 * only sends requests. Writes bench-results/platform.json; docs/benchmarks.md summarises it.
 */
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
  type TsProcess,
} from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closedLoop, linkWorkerHeaders, post, REFER, referral, seedCaseload, type Headers } from './caseload';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROUNDS = 6;
const REQUESTS_PER_ROUND = 600;
const VISIBILITY_SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 200);

interface Platform {
  readonly gatewayUrl: string;
  readonly clientsUrl: string;
  /** The benchmark Link Worker's headers, with a token of this platform's issuer. */
  readonly caller: Headers;
  stop(): Promise<void>;
}

/** The clients subgraph and the gateway, each as its own process, on the mode's settings. */
async function startPlatform(env: Record<string, string> & { SPN_DATA_DIR: string }): Promise<Platform> {
  const caller = await linkWorkerHeaders(env.SPN_DATA_DIR);
  const clientsPort = await freePort();
  const gatewayPort = await freePort();
  const started: TsProcess[] = [];
  const start = async (entry: string, settings: Record<string, string>, ready: string) => {
    const child = startTsProcess(entry, settings, ready);
    started.push(child);
    await child.ready;
  };
  const clientsUrl = `http://127.0.0.1:${clientsPort}/graphql`;
  try {
    await start('apps/clients/src/main.ts', { ...env, PORT: String(clientsPort) }, 'clients subgraph ready');
    await start(
      'apps/gateway/src/main.ts',
      { PORT: String(gatewayPort), CLIENTS_URL: clientsUrl, SPN_DATA_DIR: env.SPN_DATA_DIR },
      'gateway ready',
    );
  } catch (error) {
    for (const child of started.reverse()) await child.kill('SIGTERM');
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    clientsUrl,
    caller,
    stop: async () => {
      for (const child of started.reverse()) await child.kill('SIGTERM');
    },
  };
}

interface Overhead {
  readonly gateway: { readonly requestsPerSecond: number; readonly latency: Latency };
  readonly direct: { readonly requestsPerSecond: number; readonly latency: Latency };
  /** gateway / direct requests per second (under 1: the gateway's cost). */
  readonly throughputRatio: number;
  /** gateway p99 / direct p99 (over 1: the gateway's added latency). */
  readonly p99Ratio: number;
}

async function gatewayOverhead(platform: Platform): Promise<Overhead> {
  const loop = (url: string, count: number) => closedLoop(url, platform.caller, count, CONCURRENCY);
  await loop(platform.gatewayUrl, 300); // warm-up: connections, JIT, query plans
  await loop(platform.clientsUrl, 300);
  const sides = { gateway: { ms: 0, samples: [] as number[] }, direct: { ms: 0, samples: [] as number[] } };
  for (let i = 0; i < ROUNDS; i += 1) {
    for (const [side, url] of [
      ['gateway', platform.gatewayUrl],
      ['direct', platform.clientsUrl],
    ] as const) {
      const run = await loop(url, REQUESTS_PER_ROUND);
      sides[side].ms += run.ms;
      sides[side].samples.push(...run.samples);
    }
  }
  const summary = (side: { ms: number; samples: number[] }) => ({
    requestsPerSecond: Math.round(side.samples.length / (side.ms / 1000)),
    latency: latency(side.samples),
  });
  const gateway = summary(sides.gateway);
  const direct = summary(sides.direct);
  return {
    gateway,
    direct,
    throughputRatio: round(gateway.requestsPerSecond / direct.requestsPerSecond),
    p99Ratio: round(gateway.latency.p99Ms / direct.latency.p99Ms),
  };
}

interface Visibility {
  /** From the mutation's answer to the first query that sees the client. */
  readonly visible: Latency;
  /** One query through the gateway, measured in the same run: the floor of `visible`. */
  readonly queryRoundTrip: Latency;
  /** visible p50 / query round trip p50. */
  readonly p50Ratio: number;
}

async function readYourWrite(url: string, caller: Headers): Promise<Visibility> {
  const query = 'query ($id: ID!) { client(clientId: $id) { clientId } }';
  const visible: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < VISIBILITY_SAMPLES + 20; i += 1) {
    const answer = await post(url, caller, REFER, referral());
    const answered = performance.now();
    const { clientId } = answer.data?.['referClient'] as { clientId: string };
    for (;;) {
      const sent = performance.now();
      const seen = (await post(url, caller, query, { id: clientId })).data?.['client'];
      roundTrips.push(performance.now() - sent);
      if (seen) break;
    }
    if (i >= 20) visible.push(performance.now() - answered); // the first 20 warm up
  }
  const visibleLatency = latency(visible);
  const roundTrip = latency(roundTrips);
  return {
    visible: visibleLatency,
    queryRoundTrip: roundTrip,
    p50Ratio: round(visibleLatency.p50Ms / roundTrip.p50Ms),
  };
}

async function main(): Promise<void> {
  const postgres = await resolvePostgres();
  process.env['SPN_TEST_DATABASE_URL'] = postgres.url;
  const broker = await startNativeKafka();
  const dataDir = await mkdtemp(join(tmpdir(), 'spn-bench-platform-'));
  const db = await createTestDatabase('spn_bench_platform');
  try {
    const embedded = await startPlatform({ SPN_DATA_DIR: join(dataDir, 'embedded'), SPN_SEALER: 'off' });
    let overhead: Overhead;
    let embeddedVisibility: Visibility;
    try {
      await seedCaseload(embedded.gatewayUrl, embedded.caller);
      overhead = await gatewayOverhead(embedded);
      console.log('gateway overhead', JSON.stringify(overhead));
      embeddedVisibility = await readYourWrite(embedded.gatewayUrl, embedded.caller);
      console.log('read-your-write, embedded', JSON.stringify(embeddedVisibility));
    } finally {
      await embedded.stop();
    }
    const distributed = await startPlatform({
      SPN_MODE: 'distributed',
      SPN_DATA_DIR: join(dataDir, 'distributed'),
      // The development issuer beside the distributed mode: a test run's explicit opt-in (docs/identity.md).
      NODE_ENV: 'test',
      AUTH_DEV_ISSUER_DIR: join(dataDir, 'distributed', 'dev-issuer'),
      SPN_SEALER: 'off',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers.join(','),
    });
    let distributedVisibility: Visibility;
    try {
      distributedVisibility = await readYourWrite(distributed.gatewayUrl, distributed.caller);
      console.log('read-your-write, distributed', JSON.stringify(distributedVisibility));
    } finally {
      await distributed.stop();
    }
    const path = await writeBenchResults('platform', {
      concurrency: CONCURRENCY,
      gatewayOverhead: overhead,
      readYourWrite: { embedded: embeddedVisibility, distributed: distributedVisibility },
    });
    console.log(`written to ${path}`);
  } finally {
    await db.drop();
    await broker.stop();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

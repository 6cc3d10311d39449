/**
 * `npm run bench` (platform): what a caller of the gateway sees.
 *
 * 1. Gateway overhead: the same audited query, `caseload` of 20 clients, sent straight to the clients
 *    subgraph, through the gateway (Hive Gateway, Rust query planner) and through the former gateway
 *    on `@apollo/gateway` (apps/gateway/bench/apollo-gateway.ts, the baseline only), in alternating
 *    rounds of a closed loop with BENCH_CONCURRENCY requests in flight (default 8): requests/s and p99
 *    of each, their ratios to the subgraph's, and each gateway process's own CPU seconds per request
 *    served (user + system time from /proc/<pid>/stat, over its rounds only).
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
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closedLoop, linkWorkerHeaders, post, REFER, referral, seedCaseload, type Headers } from './caseload';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const REQUESTS_PER_ROUND = Number(process.env['BENCH_REQUESTS_PER_ROUND'] ?? 600);
const VISIBILITY_SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 200);

interface Platform {
  readonly gatewayUrl: string;
  /** The Hive gateway's process id, for its CPU time. */
  readonly gatewayPid: number;
  /** The `@apollo/gateway` baseline, when started. */
  readonly apollo?: { readonly url: string; readonly pid: number };
  readonly clientsUrl: string;
  /** The benchmark Link Worker's headers, with a token of this platform's issuer. */
  readonly caller: Headers;
  stop(): Promise<void>;
}

/** The clients subgraph and the gateway, each as its own process, on the mode's settings. */
async function startPlatform(
  env: Record<string, string> & { SPN_DATA_DIR: string },
  withBaseline = false,
): Promise<Platform> {
  const caller = await linkWorkerHeaders(env.SPN_DATA_DIR);
  const clientsPort = await freePort();
  const gatewayPort = await freePort();
  const apolloPort = await freePort();
  const started: TsProcess[] = [];
  const start = async (entry: string, settings: Record<string, string>, ready: string) => {
    const child = startTsProcess(entry, settings, ready);
    started.push(child);
    await child.ready;
    return child.pid ?? 0;
  };
  const clientsUrl = `http://127.0.0.1:${clientsPort}/graphql`;
  const gatewaySettings = { CLIENTS_URL: clientsUrl, SPN_DATA_DIR: env.SPN_DATA_DIR };
  let gatewayPid: number;
  let apollo: Platform['apollo'];
  try {
    await start('apps/clients/src/main.ts', { ...env, PORT: String(clientsPort) }, 'clients subgraph ready');
    gatewayPid = await start(
      'apps/gateway/src/main.ts',
      { ...gatewaySettings, PORT: String(gatewayPort) },
      'gateway ready',
    );
    if (withBaseline)
      apollo = {
        url: `http://127.0.0.1:${apolloPort}/graphql`,
        pid: await start(
          'apps/gateway/bench/apollo-gateway.ts',
          { ...gatewaySettings, PORT: String(apolloPort) },
          'apollo gateway (baseline) ready',
        ),
      };
  } catch (error) {
    for (const child of started.reverse()) await child.kill('SIGTERM');
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    gatewayPid,
    ...(apollo ? { apollo } : {}),
    clientsUrl,
    caller,
    stop: async () => {
      for (const child of started.reverse()) await child.kill('SIGTERM');
    },
  };
}

/** A process's CPU time so far (user + system, all its threads), in seconds, from /proc/<pid>/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces), from the 3rd: utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux x86-64 (`getconf CLK_TCK`)
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

interface Side {
  readonly requestsPerSecond: number;
  readonly latency: Latency;
}
interface GatewaySide extends Side {
  /** The gateway process's own CPU seconds over the requests it served in its rounds, in ms. */
  readonly cpuMsPerRequest: number;
  /** Its requests/s over the subgraph's (under 1: the gateway's cost). */
  readonly throughputRatio: number;
  /** Its p99 over the subgraph's (over 1: the gateway's added latency). */
  readonly p99Ratio: number;
}
interface Overhead {
  readonly direct: Side;
  readonly hiveGateway: GatewaySide;
  readonly apolloGateway: GatewaySide;
  /** Hive's CPU per request over @apollo/gateway's. */
  readonly cpuRatio: number;
}

async function gatewayOverhead(platform: Platform): Promise<Overhead> {
  const apollo = platform.apollo!;
  const loop = (url: string, count: number) => closedLoop(url, platform.caller, count, CONCURRENCY);
  const targets = [
    { side: 'hiveGateway', url: platform.gatewayUrl, pid: platform.gatewayPid },
    { side: 'direct', url: platform.clientsUrl, pid: undefined },
    { side: 'apolloGateway', url: apollo.url, pid: apollo.pid },
  ] as const;
  // Warm-up: connections, JIT, query plans.
  for (const { url } of targets) await loop(url, Math.min(300, REQUESTS_PER_ROUND));
  const sides = Object.fromEntries(
    targets.map(({ side }) => [side, { ms: 0, cpu: 0, samples: [] as number[] }]),
  ) as Record<(typeof targets)[number]['side'], { ms: number; cpu: number; samples: number[] }>;
  for (let i = 0; i < ROUNDS; i += 1) {
    // Alternating, and each round in another order: no side always follows the same one.
    const order = [...targets.slice(i % 3), ...targets.slice(0, i % 3)];
    for (const { side, url, pid } of order) {
      const cpuBefore = pid ? await cpuSeconds(pid) : 0;
      const run = await loop(url, REQUESTS_PER_ROUND);
      sides[side].cpu += pid ? (await cpuSeconds(pid)) - cpuBefore : 0;
      sides[side].ms += run.ms;
      sides[side].samples.push(...run.samples);
    }
  }
  const summary = (side: { ms: number; samples: number[] }): Side => ({
    requestsPerSecond: Math.round(side.samples.length / (side.ms / 1000)),
    latency: latency(side.samples),
  });
  const direct = summary(sides.direct);
  const gateway = (side: 'hiveGateway' | 'apolloGateway'): GatewaySide => {
    const measured = summary(sides[side]);
    return {
      ...measured,
      cpuMsPerRequest: round((sides[side].cpu * 1000) / sides[side].samples.length),
      throughputRatio: round(measured.requestsPerSecond / direct.requestsPerSecond),
      p99Ratio: round(measured.latency.p99Ms / direct.latency.p99Ms),
    };
  };
  const hiveGateway = gateway('hiveGateway');
  const apolloGateway = gateway('apolloGateway');
  return {
    direct,
    hiveGateway,
    apolloGateway,
    cpuRatio: round(hiveGateway.cpuMsPerRequest / apolloGateway.cpuMsPerRequest),
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
    const embedded = await startPlatform(
      { SPN_DATA_DIR: join(dataDir, 'embedded'), SPN_SEALER: 'off' },
      true,
    );
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
      // The distributed mode keeps no key file of its own: the data keys' KEK comes in the environment.
      SPN_KEK: randomBytes(32).toString('base64'),
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
      loadAverage: loadavg().map(round),
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

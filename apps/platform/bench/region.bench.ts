/**
 * `npm run bench` (platform): the store at a region's volume against a small one, in one run.
 *
 * Two PostgreSQL event stores: the full network of region-network.ts (REGION_EVENTS, default
 * 5,000,000 events of 200,000 clients, 2,000 Link Workers, 60 organizations) bulk-loaded as the store
 * would have written it, and a small one holding only the benchmark Link Worker's ~100 clients, with
 * the same lives (its chains checked by the store's own integrity verification). Then:
 *
 * 1. Disk: the events table with its indexes, per million events; and the load's own rate.
 * 2. Rebuild: the clients read model's projection rebuilt from the full log (`rebuildProjection`,
 *    as `npm run rebuild` does, into the embedded read-model folder the subgraph then serves), in
 *    events/s, against a raw keyset read of the same log before and after it (`rawLogRead`).
 * 3. Append latency: single appends (an interaction, sealed, to a client's stream), in alternating
 *    rounds on the small store and the full one: p50/p99 and their ratios.
 * 4. The audited caseload read (`caseload(first: 100)`, with its access record appended) of the
 *    benchmark Link Worker's ~100 clients, from a clients subgraph on each store (in this process,
 *    embedded mode with the store shared: its read model is the folder the rebuild wrote), in
 *    alternating rounds: p50/p99 and requests/s, and their ratios.
 *
 * Writes bench-results/region.json; docs/benchmarks.md and docs/operations.md summarise it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import {
  LocalKeyEncryptionKeys,
  openPgliteFolder,
  openPostgresEventStore,
  type SqlEventStore,
} from '@spn/event-store';
import {
  consumersCaughtUp,
  PersonalData,
  personalFieldsWith,
  rebuildProjection,
  startSubgraph,
  type SubgraphServer,
} from '@spn/service-kit';
import {
  createTestDatabase,
  freePort,
  latency,
  rawLogRead,
  resolvePostgres,
  round,
  writeBenchResults,
} from '@spn/testing';
import { projectionsOf, subgraphOf } from '../src/service-projections';
import { closedLoop, LINK_WORKER, linkWorkerHeaders, post, type Headers } from './caseload';
import { loadRegion, regionShape, type LoadResult } from './region-network';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const APPENDS_PER_ROUND = Number(process.env['REGION_APPENDS_PER_ROUND'] ?? 200);
const READS_PER_ROUND = Number(process.env['REGION_READS_PER_ROUND'] ?? 100);
const PAGE = 1000;
const CASELOAD_100 =
  '{ caseload(first: 100) { items { clientId needs urgency givenName familyName consents { purpose } } nextCursor } }';

type Side = 'small' | 'full';
const SIDES: readonly Side[] = ['small', 'full'];

const load = () => loadavg().map((value) => round(value));

interface Store {
  readonly store: SqlEventStore;
  readonly raw: Client;
  readonly url: string;
  readonly dataDir: string;
  drop(): Promise<void>;
}

async function openStore(side: Side, serverUrl: string, root: string): Promise<Store> {
  const database = await createTestDatabase(`spn_bench_region_${side}`, serverUrl);
  const store = await openPostgresEventStore({
    connectionString: database.url,
    // One KEK per store, held by this process only: the subgraph shares the store, and so its vault.
    keyEncryptionKeys: LocalKeyEncryptionKeys.generate(),
  });
  const raw = new Client({ connectionString: database.url });
  await raw.connect();
  return { store, raw, url: database.url, dataDir: join(root, side), drop: () => database.drop() };
}

/** The events table with its indexes and TOAST, and the other tables a load fills, in bytes. */
async function diskOf(raw: Client) {
  const [row] = (
    await raw.query<{ events: string; heap: string; indexes: string; streams: string; keys: string }>(
      `SELECT pg_total_relation_size('events')::text AS events, pg_table_size('events')::text AS heap,
              pg_indexes_size('events')::text AS indexes, pg_total_relation_size('streams')::text AS streams,
              pg_total_relation_size('personal_data_keys')::text AS keys`,
    )
  ).rows;
  return {
    eventsBytes: Number(row?.events),
    eventsHeapBytes: Number(row?.heap),
    eventsIndexBytes: Number(row?.indexes),
    streamsBytes: Number(row?.streams),
    dataKeysBytes: Number(row?.keys),
  };
}

/**
 * The clients read model (`clients.read-model`: clients, consents, interactions) rebuilt from the log
 * into the subgraph's read-model folder, and every consumer's checkpoint put at the log's head: the
 * subgraph starts caught up (its other projections empty, as nothing here reads them).
 */
async function rebuildClients(side: Store): Promise<{ events: number; ms: number }> {
  const definition = await subgraphOf('clients');
  const projections = await projectionsOf(definition, side.store);
  const personalData = new PersonalData(side.store.keys, personalFieldsWith(definition.personalFields));
  const { rows: heads } = await side.raw.query<{ transaction_id: string; global_position: string }>(
    // By the columns, not the text aliases: as text, position 9,999 sorts after 1,999,363.
    `SELECT transaction_id::text, global_position::text FROM events
     ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
  );
  const into = await openPgliteFolder(join(side.dataDir, 'read-models', 'clients'));
  let events = 0;
  let ms = 0;
  try {
    // The caseload's own projection only: each projection reads the whole log, and the others
    // (access audit, teams, known partners) add nothing the caseload read uses.
    for (const projection of projections.filter((each) => each.name === 'read-model')) {
      const done = await rebuildProjection(projection, {
        store: side.store,
        personalData,
        into,
        batchSize: PAGE,
      });
      events += done.eventsDone;
      ms += done.elapsedMs;
      console.log(`  rebuilt clients.${projection.name}: ${Math.round(done.eventsPerSecond)} events/s`);
    }
  } finally {
    await into.close();
  }
  const head = heads[0];
  if (head)
    for (const projection of projections)
      await side.raw.query(
        `INSERT INTO subscription_checkpoints (subscription_id, transaction_id, global_position)
         VALUES ($1, $2::xid8, $3)`,
        [`consumer:clients.${projection.name}`, head.transaction_id, head.global_position],
      );
  return { events, ms };
}

/** Single appends to random client streams of each store, in alternating rounds. */
async function appendLatency(stores: Record<Side, Store>) {
  const streams: Record<Side, { streamId: string; organizationId: string }[]> = { small: [], full: [] };
  for (const side of SIDES) {
    const { rows } = await stores[side].raw.query<{ stream_id: string; organization_id: string }>(
      `SELECT stream_id, organization_id FROM streams WHERE category = 'client'`,
    );
    streams[side] = rows.map((row) => ({ streamId: row.stream_id, organizationId: row.organization_id }));
  }
  const samples: Record<Side, number[]> = { small: [], full: [] };
  const append = async (side: Side, count: number, record: boolean) => {
    const { store } = stores[side];
    const vault = new PersonalData(store.keys, personalFieldsWith());
    for (let i = 0; i < count; i += 1) {
      const target = streams[side][Math.floor(Math.random() * streams[side].length)]!;
      const clientId = target.streamId.slice('client-'.length);
      const at = new Date().toISOString();
      const [event] = await vault.seal(clientId, target.organizationId, [
        {
          type: 'clients.InteractionLogged',
          data: {
            interactionId: randomUUID(),
            party: 'client',
            channel: 'phone',
            purpose: 'check-in',
            summary: 'Fictional: benchmark interaction.',
            followUpNeeded: false,
            occurredAt: at,
          },
        },
      ]);
      const sent = performance.now();
      await store.append(target.streamId, 'any', [
        {
          ...event!,
          metadata: {
            organizationId: target.organizationId,
            actor: {
              subject: LINK_WORKER.subject,
              organizationId: target.organizationId,
              roles: ['link-worker'],
            },
            purposeOfUse: 'care',
            correlationId: randomUUID(),
          },
        },
      ]);
      if (record) samples[side].push(performance.now() - sent);
    }
  };
  for (const side of SIDES) await append(side, 50, false); // warm-up: connections, plans, keys
  for (let i = 0; i < ROUNDS; i += 1)
    for (const side of i % 2 === 0 ? SIDES : [...SIDES].reverse())
      await append(side, APPENDS_PER_ROUND, true);
  const small = latency(samples.small);
  const full = latency(samples.full);
  return {
    small,
    full,
    p50Ratio: round(full.p50Ms / small.p50Ms),
    p99Ratio: round(full.p99Ms / small.p99Ms),
    loadAverage: load(),
  };
}

interface Subgraph {
  readonly server: SubgraphServer;
  readonly url: string;
  readonly caller: Headers;
}

async function startClients(side: Store): Promise<Subgraph> {
  const port = await freePort();
  const server = await startSubgraph(
    await subgraphOf('clients'),
    {
      SPN_MODE: 'embedded',
      SPN_DATA_DIR: side.dataDir,
      SPN_SEALER: 'off',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    { sharedStore: side.store, signals: false },
  );
  return { server, url: `http://127.0.0.1:${port}/graphql`, caller: await linkWorkerHeaders(side.dataDir) };
}

/** The audited caseload read of ~100 clients from each store's subgraph, in alternating rounds, one at a time. */
async function caseloadRead(subgraphs: Record<Side, Subgraph>) {
  const caseloadSize: Record<Side, number> = { small: 0, full: 0 };
  for (const side of SIDES) {
    const answer = await post(subgraphs[side].url, subgraphs[side].caller, CASELOAD_100);
    caseloadSize[side] = (answer.data?.['caseload'] as { items: unknown[] }).items.length;
  }
  if (caseloadSize.small !== caseloadSize.full || caseloadSize.full === 0)
    throw new Error(`the caseloads differ: ${JSON.stringify(caseloadSize)}`);
  const loop = (side: Side, count: number) =>
    closedLoop(subgraphs[side].url, subgraphs[side].caller, count, 1, CASELOAD_100);
  for (const side of SIDES) await loop(side, READS_PER_ROUND); // warm-up
  const runs: Record<Side, { ms: number; samples: number[] }> = {
    small: { ms: 0, samples: [] },
    full: { ms: 0, samples: [] },
  };
  for (let i = 0; i < ROUNDS; i += 1)
    for (const side of i % 2 === 0 ? SIDES : [...SIDES].reverse()) {
      const run = await loop(side, READS_PER_ROUND);
      runs[side].ms += run.ms;
      runs[side].samples.push(...run.samples);
    }
  const measured = (side: Side) => ({
    requestsPerSecond: Math.round(runs[side].samples.length / (runs[side].ms / 1000)),
    latency: latency(runs[side].samples),
  });
  const small = measured('small');
  const full = measured('full');
  return {
    clientsInCaseload: caseloadSize.full,
    small,
    full,
    p50Ratio: round(full.latency.p50Ms / small.latency.p50Ms),
    p99Ratio: round(full.latency.p99Ms / small.latency.p99Ms),
    throughputRatio: round(full.requestsPerSecond / small.requestsPerSecond),
    loadAverage: load(),
  };
}

async function main(): Promise<void> {
  const shape = regionShape(process.env);
  console.log(`region: ${JSON.stringify(shape)}; load average ${load().join(' ')}`);
  const server = await resolvePostgres();
  const root = await mkdtemp(join(tmpdir(), 'spn-bench-region-'));
  const opened: Partial<Record<Side, Store>> = {};
  const subgraphs: Partial<Record<Side, Subgraph>> = {};
  try {
    for (const side of SIDES) opened[side] = await openStore(side, server.url, root);
    const stores = opened as Record<Side, Store>;

    const small = await loadRegion(stores.small.store, stores.small.url, shape, { onlyLinkWorker: 0 });
    const verified = await stores.small.store.integrity.verify();
    if (!verified.ok)
      throw new Error(`the small store fails verification: ${JSON.stringify(verified.problemCounts)}`);
    console.log(`small store: ${small.events} events of ${small.clients} clients, chains verified`);

    const loadStart = load();
    let shown = 0;
    const full: LoadResult = await loadRegion(stores.full.store, stores.full.url, shape, {
      onProgress: (events) => {
        if (events - shown < 250_000) return;
        shown = events;
        console.log(`  loaded ${events.toLocaleString('en')} events; load average ${load().join(' ')}`);
      },
    });
    const loaded = {
      ...full,
      eventsPerSecond: Math.round(full.events / full.seconds),
      loadAverage: [loadStart, load()],
    };
    console.log(`full store: ${JSON.stringify(loaded)}`);
    for (const side of SIDES) await stores[side].raw.query('VACUUM ANALYZE');
    const disk = await diskOf(stores.full.raw);
    const perMillion = (bytes: number) => round(bytes / 2 ** 20 / (full.events / 1e6), 1);
    const diskSummary = {
      ...disk,
      eventsMiBPerMillionEvents: perMillion(disk.eventsBytes),
      eventsHeapMiBPerMillionEvents: perMillion(disk.eventsHeapBytes),
      eventsIndexMiBPerMillionEvents: perMillion(disk.eventsIndexBytes),
      databaseMiBPerMillionEvents: perMillion(disk.eventsBytes + disk.streamsBytes + disk.dataKeysBytes),
    };
    console.log(`disk: ${JSON.stringify(diskSummary)}`);

    // The raw read before and after the rebuild: a drift of the machine's load falls on both.
    const rawRead = async () => {
      const started = performance.now();
      const read = await rawLogRead(stores.full.raw, PAGE);
      if (read !== full.events) throw new Error(`raw read ${read} events, expected ${full.events}`);
      return performance.now() - started;
    };
    const rebuildLoad = load();
    const rawFirstMs = await rawRead();
    const rebuilt = await rebuildClients(stores.full);
    const rawSecondMs = await rawRead();
    const rawRate = Math.round((2 * full.events) / ((rawFirstMs + rawSecondMs) / 1000));
    const rebuildRate = Math.round(rebuilt.events / (rebuilt.ms / 1000));
    const rebuild = {
      projection: 'clients.read-model',
      eventsRead: rebuilt.events,
      seconds: round(rebuilt.ms / 1000, 1),
      eventsPerSecond: rebuildRate,
      rawReadEventsPerSecond: rawRate,
      ratioToRawRead: round(rebuildRate / rawRate),
      loadAverage: [rebuildLoad, load()],
    };
    console.log(`rebuild: ${JSON.stringify(rebuild)}`);
    await rebuildClients(stores.small);

    const appends = await appendLatency(stores);
    console.log(`append latency: ${JSON.stringify(appends)}`);

    for (const side of SIDES) subgraphs[side] = await startClients(stores[side]);
    // The reads are measured with the consumers at the log's head: one still catching up would
    // share the process and the read model's one connection with them.
    const groups = (await projectionsOf(await subgraphOf('clients'), stores.full.store)).map(
      (projection) => `clients.${projection.name}`,
    );
    for (const side of SIDES) await consumersCaughtUp(stores[side].store, groups, { timeoutMs: 300_000 });
    const caseload = await caseloadRead(subgraphs as Record<Side, Subgraph>);
    console.log(`caseload read: ${JSON.stringify(caseload)}`);

    const results = {
      node: process.version,
      shape,
      smallStore: { events: small.events, clients: small.clients, verified: verified.ok },
      load: loaded,
      disk: diskSummary,
      rebuild,
      appendLatency: appends,
      caseloadRead: caseload,
    };
    console.log(`written to ${await writeBenchResults('region', results)}`);
  } finally {
    for (const subgraph of Object.values(subgraphs)) await subgraph.server.stop();
    for (const store of Object.values(opened)) {
      await store.raw.end();
      await store.store.close();
      await store.drop();
    }
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

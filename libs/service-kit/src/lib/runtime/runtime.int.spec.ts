import { CLIENT_REFERRED, topicOfContext } from '@spn/contracts';
import {
  newKeyEncryptionKey,
  type EventStore,
  type NewEvent,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import { createTestDatabase, eventually, testKafkaBrokers, until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzesByTheRule, tableStatistics } from '../../test/analyze-rule';
import { FixedClock } from '../clock/clock';
import { loadConfig, type ServiceConfig } from '../config/config';
import { ANALYZE_SCALE_FACTOR, ANALYZE_THRESHOLD } from './read-model-analyzer';
import { openRuntime, type Projection, type ServiceRuntime } from './runtime';

/**
 * The projection under test: one row per effect and no unique key, so a duplicate effect would show
 * as a second row. With `pauseAfter`, its handler holds on inside that effect's transaction until
 * released: the test stops the service right there, mid-run.
 */
function referralsProjection(pauseAfter = 0) {
  let applied = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let pausedNow!: () => void;
  const paused = new Promise<void>((resolve) => (pausedNow = resolve));
  const projection: Projection = {
    name: 'referrals',
    topics: [topicOfContext('clients')],
    migrations: [
      'CREATE TABLE IF NOT EXISTS kit_referrals (event_id uuid NOT NULL, client_id text NOT NULL)',
    ],
    handle: async (message, tx) => {
      await tx.query('INSERT INTO kit_referrals (event_id, client_id) VALUES ($1, $2)', [
        message.eventId,
        message.data['clientId'],
      ]);
      applied += 1;
      if (applied === pauseAfter) {
        pausedNow();
        await gate;
      }
    },
  };
  return { projection, paused, release };
}

const referral = (): NewEvent => ({
  eventId: randomUUID(),
  type: CLIENT_REFERRED,
  schemaVersion: 2,
  data: {
    clientId: `client-${randomUUID()}`,
    referrerOrganizationId: 'org-clinic',
    needs: ['food'],
    urgency: 'routine',
  },
  metadata: {
    organizationId: 'org-north-health',
    actor: { subject: 'user-physician-1', organizationId: 'org-clinic', roles: ['referrer'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  },
});

async function appendReferrals(store: EventStore, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, referral);
    await store.append(`client-${randomUUID()}`, 0, batch);
    ids.push(...batch.map((event) => event.eventId!));
  }
  return ids;
}

async function effects(readModels: SqlClient, ids: readonly string[]) {
  const [row] = await readModels.query<{ rows: number; distinct: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM kit_referrals
     WHERE event_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(ids)],
  );
  return row!;
}

/** Stop part-way through 1,500 events, start again on the same data: what the projection holds then. */
async function stopAndRestart(open: () => Promise<ServiceRuntime>) {
  let runtime = await open();
  const ids = await appendReferrals(runtime.store, 1500);
  const first = referralsProjection(300);
  await runtime.project(first.projection);
  await first.paused;
  // Stop while a run is being applied: it commits or rolls back whole, and nothing more is taken.
  const stopping = runtime.close();
  first.release();
  await stopping;

  runtime = await open();
  try {
    const atRestart = await effects(runtime.readModels, ids);
    await runtime.project(referralsProjection().projection);
    await until(async () => (await effects(runtime.readModels, ids)).distinct === 1500, 'all 1,500 effects');
    const readyWhileRunning = (await runtime.health.readiness()).status;
    // The background sealer (every 100 ms here) catches up with the log.
    const integrity = (runtime.store as SqlEventStore).integrity;
    await until(async () => (await integrity.verify()).unsealedEvents === 0, 'the sealer');
    const verified = (await integrity.verify()).ok;
    const final = await effects(runtime.readModels, ids);
    await runtime.close();
    const afterClose = await runtime.health.readiness();
    return {
      // Stopped part-way: the run being applied (300 handled when the stop came) committed whole or rolled
      // back whole (a run of a Kafka fetch can hold all 1,500 since the relay sends by bytes): never half.
      stoppedPartWay: atRestart.rows < 1500 && atRestart.rows === atRestart.distinct,
      final,
      readyWhileRunning,
      verified,
      afterClose: { status: afterClose.status, lifecycle: afterClose.checks['lifecycle'] },
    };
  } finally {
    await runtime.close();
  }
}

const losesNothing = {
  stoppedPartWay: true,
  final: { rows: 1500, distinct: 1500 },
  readyWhileRunning: 'up',
  verified: true,
  afterClose: { status: 'down', lifecycle: { status: 'down', error: 'stopping' } },
};

describe('service runtime, chosen by configuration', () => {
  it('embedded: PGlite on disk and the store log as transport; stopped mid-stream, it loses nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-kit-'));
    try {
      const config: ServiceConfig = loadConfig({
        SPN_MODE: 'embedded',
        SPN_DATA_DIR: dataDir,
        SPN_SEAL_INTERVAL_MS: '100',
      });
      expect(await stopAndRestart(() => openRuntime(config, { service: 'kit' }))).toEqual(losesNothing);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('distributed: PostgreSQL, the relay and Kafka; stopped mid-stream, it loses nothing', async () => {
    const db = await createTestDatabase('spn_kit');
    try {
      const config = loadConfig({
        SPN_MODE: 'distributed',
        // Never asked for a token here; the distributed mode names a real issuer all the same.
        AUTH_ISSUER: 'https://id.example/realms/spn',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        SPN_SEAL_INTERVAL_MS: '100',
        SPN_KEK: newKeyEncryptionKey(),
      });
      const service = `kit-${randomUUID().slice(0, 8)}`; // its own consumer group, the same after the restart
      expect(await stopAndRestart(() => openRuntime(config, { service }))).toEqual(losesNothing);
    } finally {
      await db.drop();
    }
  });

  it('distributed: two replicas starting at once both create their read model, neither fails', async () => {
    const db = await createTestDatabase('spn_kit');
    const config = loadConfig({
      SPN_MODE: 'distributed',
      AUTH_ISSUER: 'https://id.example/realms/spn',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      SPN_RELAY: 'off',
      SPN_SEALER: 'off',
      SPN_KEK: newKeyEncryptionKey(),
    });
    const service = `kit-${randomUUID().slice(0, 8)}`;
    const replicas = await Promise.all([openRuntime(config, { service }), openRuntime(config, { service })]);
    try {
      // A projection of many tables, as a service's: each replica creates them as it starts.
      const tables = Array.from({ length: 20 }, (_, index) => `kit_replica_${index}`);
      const projection = (): Projection => ({
        name: 'replicas',
        topics: [topicOfContext('clients')],
        migrations: tables.map((table) => `CREATE TABLE IF NOT EXISTS ${table} (id uuid PRIMARY KEY)`),
        handle: () => Promise.resolve(),
      });
      const started = await Promise.allSettled(replicas.map((replica) => replica.project(projection())));
      expect(
        started.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'started')),
      ).toEqual(['started', 'started']);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await db.drop();
    }
  });

  it("embedded: a read model that grows live is analyzed by autovacuum's rule, not after every run", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-kit-'));
    const runtime = await openRuntime(loadConfig({ SPN_DATA_DIR: dataDir, SPN_SEALER: 'off' }), {
      service: 'kit',
    });
    try {
      await runtime.project(referralsProjection().projection);
      const before = await tableStatistics(runtime.readModels, 'kit_referrals');
      // 600 events one at a time, each applied before the next is appended: 600 runs, each committed
      // on its own and each telling the analyzer, as a service's consumer does under a trickle of commands.
      const total = 600;
      for (let appended = 1; appended <= total; appended++) {
        const ids = await appendReferrals(runtime.store, 1);
        await eventually(
          () => effects(runtime.readModels, ids),
          (seen) => seen.rows === 1,
          30_000,
          2,
        );
      }
      const [runs] = await runtime.readModels.query<{ runs: number }>(
        `SELECT count(DISTINCT handled_at)::int AS runs FROM inbox WHERE consumer_group = 'kit.referrals'`,
      );
      // Settled once the rule calls for no more: fewer changes since the last ANALYZE than it asks for.
      const after = await eventually(
        () => tableStatistics(runtime.readModels, 'kit_referrals'),
        (seen) =>
          seen.reltuples > 0 &&
          total - seen.reltuples <= ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * seen.reltuples,
        30_000,
      );
      const mostByTheRule = analyzesByTheRule(total).analyzes;
      expect({
        before,
        runs: runs?.runs,
        reltuplesAtMostTotal: after.reltuples <= total,
        analyzedWithinTheRule: after.analyzes >= 1 && after.analyzes <= mostByTheRule,
      }).toEqual({
        before: { reltuples: -1, analyzes: 0 },
        runs: total,
        reltuplesAtMostTotal: true,
        analyzedWithinTheRule: true,
      });
    } finally {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("stamps an event appended without its occurredAt from the runtime's clock", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-kit-'));
    const clock = new FixedClock('2031-03-04T05:06:07.000Z');
    const runtime = await openRuntime(loadConfig({ SPN_DATA_DIR: dataDir }), { service: 'kit', clock });
    try {
      const streamId = `client-${randomUUID()}`;
      await runtime.store.append(streamId, 0, [referral()]);
      const [recorded] = await runtime.store.readStream(streamId);
      expect(recorded?.occurredAt.toISOString()).toBe('2031-03-04T05:06:07.000Z');
    } finally {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second projection of the same name', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-kit-'));
    const runtime = await openRuntime(loadConfig({ SPN_DATA_DIR: dataDir }), { service: 'kit' });
    try {
      await runtime.project(referralsProjection().projection);
      await expect(runtime.project(referralsProjection().projection)).rejects.toThrow(
        'Projection kit.referrals runs already',
      );
    } finally {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

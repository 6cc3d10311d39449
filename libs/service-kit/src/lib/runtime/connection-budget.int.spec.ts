import { newKeyEncryptionKey, PostgresSqlClient } from '@spn/event-store';
import { createTestDatabase, testKafkaBrokers, testServerUrl } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../clock/clock';
import { loadConfig } from '../config/config';
import { readServerConnections } from './connection-budget';
import { openEventStore, openReadModels, openRuntime, readModelPoolName, storePoolName } from './runtime';

const KEK = newKeyEncryptionKey();

describe("a service process's PostgreSQL connections", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase('spn_pools');
    dataDir = await mkdtemp(join(tmpdir(), 'spn-pools-'));
  });
  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const configWith = (poolSize: number) =>
    loadConfig({
      SPN_MODE: 'distributed',
      AUTH_ISSUER: 'https://id.example/realms/spn',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      SPN_DATA_DIR: dataDir,
      SPN_KEK: KEK,
      SPN_RELAY: 'off',
      SPN_SEALER: 'off',
      SPN_DB_POOL_SIZE: String(poolSize),
    });

  it('each pool holds at most SPN_DB_POOL_SIZE connections under concurrent load', async () => {
    const poolSize = 3;
    const config = configWith(poolSize);
    const service = `pools-${randomUUID().slice(0, 8)}`;
    const store = await openEventStore(config, systemClock, storePoolName(service));
    const readModels = await openReadModels(config, service);
    const observer = new PostgresSqlClient(testServerUrl(), null, 1);
    const most = new Map<string, number>();
    const load = { running: true };
    // Counted by the server, not the pool: what pg_stat_activity shows for each pool's name.
    const sampling = (async () => {
      while (load.running) {
        const rows = await observer.query<{ application_name: string; connections: number }>(
          `SELECT application_name, count(*)::int AS connections FROM pg_stat_activity
            WHERE application_name = ANY($1) GROUP BY application_name`,
          [[storePoolName(service), readModelPoolName(service)]],
        );
        for (const row of rows)
          most.set(row.application_name, Math.max(most.get(row.application_name) ?? 0, row.connections));
      }
    })();
    try {
      // Many more callers than connections, each holding its connection a while, on both pools at once.
      await Promise.all([
        ...Array.from({ length: 60 }, () => readModels.query('SELECT pg_sleep(0.02)')),
        ...Array.from({ length: 600 }, (_, index) => store.readStream(`client-${service}-${index}`)),
      ]);
    } finally {
      load.running = false;
      await sampling;
      await observer.close();
      await Promise.all([store.close(), readModels.close()]);
    }
    // Reached (the load was concurrent), never passed.
    expect(Object.fromEntries(most)).toEqual({
      [storePoolName(service)]: poolSize,
      [readModelPoolName(service)]: poolSize,
    });
  });

  it('warns once, with counts only, when its pools cannot fit what the server has left, and starts', async () => {
    // Connections held open by someone else: the count includes them.
    const others = Array.from({ length: 4 }, () => new PostgresSqlClient(database.url, null, 1));
    await Promise.all(others.map((other) => other.query('SELECT 1')));
    const { maxConnections } = await readServerConnections(testServerUrl());
    // Two pools as large as the whole server cannot fit, however many connections are in use.
    const config = configWith(maxConnections);
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      warn: (fields: Record<string, unknown>, message: string) => {
        warnings.push({ fields, message });
      },
    };
    try {
      const runtime = await openRuntime(config, {
        service: `pools-${randomUUID().slice(0, 8)}`,
        log,
      });
      try {
        expect(await runtime.readModels.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await runtime.close();
      }
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
    expect(warnings).toHaveLength(1);
    const [{ fields, message }] = warnings as [(typeof warnings)[number]];
    expect(message).toContain('SPN_DB_POOL_SIZE');
    const { reservedConnections, connectionsInUse, connectionsLeft, ...sizes } = fields;
    expect(sizes).toEqual({
      uses: 'event store and read models',
      // Two pools, and the data key cache's LISTEN connection (the relay is off).
      processMaximum: 2 * maxConnections + 1,
      poolSize: maxConnections,
      maxConnections,
    });
    expect(connectionsInUse).toBeGreaterThanOrEqual(others.length);
    expect(connectionsLeft).toBe(maxConnections - Number(reservedConnections) - Number(connectionsInUse));
    // Counts only: no address, user or database name.
    expect(JSON.stringify(warnings)).not.toContain(new URL(database.url).pathname.slice(1));
  });
});

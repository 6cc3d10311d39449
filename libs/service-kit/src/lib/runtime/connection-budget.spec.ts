import { loadConfig } from '../config/config';
import { connectionsLeft, plannedConnections } from './connection-budget';

const distributed = {
  SPN_MODE: 'distributed',
  AUTH_ISSUER: 'https://id.example/realms/spn',
  DATABASE_URL: 'postgres://spn@db.example:5432/spn',
  KAFKA_BROKERS: 'kafka:9092',
  // Only validated here, never read.
  SPN_KEK_FILE: 'kek/kek.txt',
};

describe("a process's most PostgreSQL connections", () => {
  it('embedded (PGlite): none', () => {
    expect(plannedConnections(loadConfig({}))).toEqual([]);
  });

  it('distributed: two pools of SPN_DB_POOL_SIZE and the LISTEN connections on one server', () => {
    expect(plannedConnections(loadConfig({ ...distributed, SPN_DB_POOL_SIZE: '4' }))).toEqual([
      { uses: 'event store and read models', url: distributed.DATABASE_URL, maximum: 4 + 4 + 2 },
    ]);
    // Without a relay nor a data key cache, no LISTEN connection; by default, pools of 10.
    expect(
      plannedConnections(loadConfig({ ...distributed, SPN_RELAY: 'off', SPN_DATA_KEY_CACHE: 'off' })),
    ).toEqual([{ uses: 'event store and read models', url: distributed.DATABASE_URL, maximum: 20 }]);
  });

  it('read models on a server of their own: each server its share', () => {
    const readModelUrl = 'postgres://spn@read-models.example/spn';
    expect(
      plannedConnections(
        loadConfig({ ...distributed, READ_MODEL_DATABASE_URL: readModelUrl, SPN_DB_POOL_SIZE: '3' }),
      ),
    ).toEqual([
      { uses: 'event store', url: distributed.DATABASE_URL, maximum: 3 + 2 },
      { uses: 'read models', url: readModelUrl, maximum: 3 },
    ]);
  });

  it("what is left: the server's maximum less the reserved slots and the connections in use", () => {
    expect(connectionsLeft({ maxConnections: 100, reservedConnections: 3, inUse: 76 })).toBe(21);
    expect(connectionsLeft({ maxConnections: 100, reservedConnections: 3, inUse: 99 })).toBe(-2);
  });
});

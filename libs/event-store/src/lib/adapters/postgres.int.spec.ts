import { createTestDatabase, until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { events, newStreamId } from '../../test/builders';
import { UnsafeDatabaseRoleError } from '../errors';
import { ephemeralSealKeys } from '../integrity/seal-signing';
import { eventStoreContract } from '../../test/event-store.contract';
import { DEFAULT_APP_ROLE, EVENTS_CHANNEL } from '../sql/schema';
import type { SqlQueryable } from '../sql/sql-client';
import { connectionAs, openPostgresEventStore, PostgresSqlClient } from './postgres';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

const queryable = (client: Client): SqlQueryable => ({
  query: async (sql, params) => (await client.query(sql, params as unknown[])).rows as never,
  exec: async (sql) => {
    await client.query(sql);
  },
});

eventStoreContract(
  'PostgreSQL',
  async (options) => {
    const database = await createTestDatabase('spn_event_store');
    const store = await openPostgresEventStore({
      sealKeys: ephemeralSealKeys(),
      ...options,
      connectionString: database.url,
    });
    const owner = await connect(database.url);
    const app = await connect(connectionAs(database.url, DEFAULT_APP_ROLE));
    return {
      store,
      owner: queryable(owner),
      asAppRole: queryable(app),
      openConcurrentTransaction: async () => {
        const client = await connect(database.url);
        await client.query('BEGIN');
        return {
          ...queryable(client),
          commit: async () => {
            await client.query('COMMIT');
            await client.end();
          },
        };
      },
      close: async () => {
        await store.close();
        await owner.end();
        await app.end();
        await database.drop();
      },
    };
  },
  { concurrentTransactions: true },
);

describe('the PostgreSQL client under a killed connection', () => {
  it('fails the transaction whose connection is terminated, keeps the process up, and serves the next', async () => {
    const database = await createTestDatabase('spn_event_store');
    const sql = new PostgresSqlClient(database.url, null, 2);
    const killer = await connect(database.url);
    try {
      const killed = sql.transaction(async (tx) => {
        await tx.query('SELECT pg_sleep(30)');
      });
      // Terminated once the transaction's query runs (the only other backend of this database).
      let terminated = 0;
      for (let attempt = 0; terminated === 0 && attempt < 100; attempt += 1) {
        const { rows } = await killer.query<{ count: string }>(
          `SELECT count(pg_terminate_backend(pid))::text AS count FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_sleep%'`,
        );
        terminated = Number(rows[0]?.count);
        if (terminated === 0) await new Promise((wait) => setTimeout(wait, 50));
      }
      expect(terminated).toBe(1);
      await expect(killed).rejects.toMatchObject({ code: '57P01' });
      // The pool hands out a working connection afterwards (the broken one was destroyed).
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          sql.transaction(async (tx) => tx.query<{ n: number }>('SELECT $1::int AS n', [n])),
        ),
      );
      expect(results.map((rows) => rows[0]?.n)).toEqual([1, 2, 3]);
    } finally {
      await killer.end();
      await sql.close();
      await database.drop();
    }
  });
});

describe('PostgreSQL LISTEN connection', () => {
  it('comes back after its backend is terminated, and wakes the listener once it is back', async () => {
    const database = await createTestDatabase('spn_event_store');
    const sql = new PostgresSqlClient(database.url, null, 2);
    const admin = await connect(database.url);
    const listenerPids = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${EVENTS_CHANNEL}'`,
        )
      ).rows.map((row) => row.pid);
    let wakes = 0;
    const unlisten = await sql.listen(EVENTS_CHANNEL, () => {
      wakes += 1;
    });
    try {
      const [first] = await listenerPids();
      expect(first).toEqual(expect.any(Number));
      await sql.query(`SELECT pg_notify('${EVENTS_CHANNEL}', 'client')`);
      await until(() => Promise.resolve(wakes === 1), 'the first notification', 5000, 10);

      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      await until(
        async () => (await listenerPids()).some((pid) => pid !== first),
        'a new LISTEN connection',
        5000,
        50,
      );
      // Woken once on its return (for what was appended while it was down), then by each NOTIFY.
      await until(() => Promise.resolve(wakes === 2), 'the wake on return', 5000, 10);
      await sql.query(`SELECT pg_notify('${EVENTS_CHANNEL}', 'client')`);
      await until(() => Promise.resolve(wakes === 3), 'a notification after the return', 5000, 10);
      expect(await listenerPids()).toHaveLength(1);
    } finally {
      await unlisten();
      await sql.close();
      await admin.end();
      await database.drop();
    }
    // Stopped: no connection left behind, none made again.
    expect(wakes).toBe(3);
  });
});

describe('PostgreSQL: the database role the store runs as', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('spn_event_store_roles');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('logs in as the restricted role the owner created, not as the owner', async () => {
    const store = await openPostgresEventStore({
      connectionString: database.url,
      sealKeys: ephemeralSealKeys(),
    });
    try {
      const [session] = await store.integrity
        .auditReader()
        .query<{ session_user: string; current_user: string }>('SELECT session_user, current_user');
      expect(session).toEqual({ session_user: DEFAULT_APP_ROLE, current_user: DEFAULT_APP_ROLE });
    } finally {
      await store.close();
    }
  });

  it('refuses to run as a superuser, naming the role and the one to use', async () => {
    const opening = openPostgresEventStore({
      connectionString: database.url,
      runtimeConnectionString: database.url,
    });
    await expect(opening).rejects.toBeInstanceOf(UnsafeDatabaseRoleError);
    await expect(opening).rejects.toMatchObject({
      code: 'UNSAFE_DATABASE_ROLE',
      role: 'postgres',
      useRole: DEFAULT_APP_ROLE,
      reasons: ['it is a superuser', 'it bypasses row security', 'it can create roles'],
    });
  });

  it('refuses a login role that can SET ROLE to a superuser or to the tables owner', async () => {
    const owner = await connect(database.url);
    const member = `spn_store_member_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    try {
      await owner.query(`CREATE ROLE ${member} LOGIN`);
      await owner.query(`GRANT postgres TO ${member}`);
      await expect(
        openPostgresEventStore({ connectionString: database.url, runtimeRole: member }),
      ).rejects.toMatchObject({
        code: 'UNSAFE_DATABASE_ROLE',
        role: member,
        reasons: [
          'it can SET ROLE to a superuser',
          "it owns the log's tables or can SET ROLE to their owner",
        ],
      });
    } finally {
      await owner.query(`DROP OWNED BY ${member}`);
      await owner.query(`DROP ROLE ${member}`);
      await owner.end();
    }
  });

  it('the restricted role cannot change the log, nor get round the trigger', async () => {
    const store = await openPostgresEventStore({
      connectionString: database.url,
      sealKeys: ephemeralSealKeys(),
    });
    const runtime = await connect(connectionAs(database.url, DEFAULT_APP_ROLE));
    try {
      const streamId = newStreamId();
      await store.append(streamId, 0, events(2));
      for (const sql of [
        `UPDATE events SET data = '{}' WHERE stream_id = '${streamId}'`,
        `DELETE FROM events WHERE stream_id = '${streamId}'`,
        'TRUNCATE events',
        'UPDATE seals SET seal_hash = seal_hash',
        'SET ROLE postgres',
        'SET SESSION AUTHORIZATION postgres',
        'SET session_replication_role = replica',
        'ALTER TABLE events DISABLE TRIGGER events_append_only',
        'DROP TRIGGER events_append_only ON events',
      ]) {
        await expect(runtime.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
      expect(await store.readStream(streamId)).toHaveLength(2);
    } finally {
      await runtime.end();
      await store.close();
    }
  });
});

describe('PostgreSQL: a start on a store whose schema is applied', () => {
  it('takes no lock on the log (an append in flight does not hold it back), yet puts a dropped guard back', async () => {
    const database = await createTestDatabase('spn_event_store_restart');
    const first = await openPostgresEventStore({
      connectionString: database.url,
      sealKeys: ephemeralSealKeys(),
    });
    const owner = await connect(database.url);
    const appending = await connect(database.url);
    try {
      const streamId = newStreamId();
      await first.append(streamId, 0, events(1));
      // Every later session gives up on a lock after 2 s instead of queueing behind it.
      const { rows: named } = await owner.query<{ name: string }>('SELECT current_database() AS name');
      await owner.query(`ALTER DATABASE "${named[0]?.name ?? ''}" SET lock_timeout = '2s'`);
      // What an append in flight holds on the log until it commits.
      await appending.query('BEGIN');
      await appending.query('LOCK TABLE events IN ROW EXCLUSIVE MODE');
      const second = await openPostgresEventStore({
        connectionString: database.url,
        sealKeys: ephemeralSealKeys(),
      });
      await second.close();
      await appending.query('COMMIT');

      // A guard trigger dropped (by someone with the owner's login): the next start applies the schema again.
      await owner.query('DROP TRIGGER events_append_only ON events');
      const third = await openPostgresEventStore({
        connectionString: database.url,
        sealKeys: ephemeralSealKeys(),
      });
      await third.close();
      const { rows } = await owner.query<{ count: string }>(
        `SELECT count(*) AS count FROM pg_trigger WHERE tgname = 'events_append_only'`,
      );
      expect(rows).toEqual([{ count: '1' }]);
      expect(await first.readStream(streamId)).toHaveLength(1);
    } finally {
      await appending.end();
      await owner.end();
      await first.close();
      await database.drop();
    }
  });
});

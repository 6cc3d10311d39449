import { createTestDatabase } from '@spn/testing';
import { Client } from 'pg';
import { eventStoreContract } from '../../test/event-store.contract';
import { DEFAULT_APP_ROLE } from '../sql/schema';
import type { SqlQueryable } from '../sql/sql-client';
import { openPostgresEventStore } from './postgres';

async function connect(url: string, role?: string): Promise<Client> {
  const client = new Client({ connectionString: url, ...(role ? { options: `-c role=${role}` } : {}) });
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
    const store = await openPostgresEventStore({ ...options, connectionString: database.url });
    const owner = await connect(database.url);
    const app = await connect(database.url, DEFAULT_APP_ROLE);
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

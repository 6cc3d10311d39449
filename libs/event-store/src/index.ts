// The public entry of @spn/event-store: import from here only.
export * from './lib/event-store.port';
export * from './lib/errors';
export type { Upcaster, Upcasters } from './lib/upcasting';
export { canonicalJson } from './lib/hashing';
export { SqlEventStore, DEFAULT_MAX_EVENT_BYTES, type EventStoreOptions } from './lib/sql/sql-event-store';
export { migrate, DEFAULT_APP_ROLE } from './lib/sql/schema';
export type { SqlClient, SqlQueryable } from './lib/sql/sql-client';
export { EventLogIntegrity, type Seal } from './lib/integrity/event-log-integrity';
export { startSealer, type Sealer, type SealerOptions } from './lib/integrity/sealer';
export { decryptValue, isEncrypted, KeyVault, SubjectErasedError } from './lib/privacy/key-vault';
export type { IntegrityProblem, IntegrityReport, TamperKind } from './lib/integrity/integrity-report';
export {
  openPostgresEventStore,
  PostgresSqlClient,
  type PostgresEventStoreOptions,
} from './lib/adapters/postgres';
export { openPgliteEventStore, PgliteSqlClient, type PgliteEventStoreOptions } from './lib/adapters/pglite';

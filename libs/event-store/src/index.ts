// The public entry of @spn/event-store: import from here only.
export * from './lib/event-store.port';
export * from './lib/errors';
export type { Upcaster, Upcasters } from './lib/upcasting';
// The hash chain's functions: a bulk loader (apps/platform/bench/region-network.ts) writes rows as an append would.
export { canonicalJson, eventHash, genesisHash } from './lib/hashing';
export { streamCategory } from './lib/validation';
export { SqlEventStore, DEFAULT_MAX_EVENT_BYTES, type EventStoreOptions } from './lib/sql/sql-event-store';
export { migrate, DEFAULT_APP_ROLE, DATA_KEYS_CHANNEL, EVENTS_CHANNEL } from './lib/sql/schema';
export {
  ListenConnectionDownError,
  type ChannelHandlers,
  type ChannelListener,
  type SqlClient,
  type SqlQueryable,
  type SqlRow,
} from './lib/sql/sql-client';
export { GroupQueue, type GroupQueueStats } from './lib/sql/group-queue';
export { LeaseLostError } from './lib/sql/lease';
export { DEFAULT_DATA_KEY_CACHE_SIZE, type DataKeyCacheStats } from './lib/privacy/data-key-cache';
export { querySql, sql, Sql } from './lib/sql/sql-fragment';
export { EventLogIntegrity, type Seal } from './lib/integrity/event-log-integrity';
export { startSealer, type Sealer, type SealerOptions } from './lib/integrity/sealer';
export {
  ensureSealKeyFolder,
  ephemeralSealKeys,
  readSealPublicKey,
  readSealPublicKeys,
  readSealSigningKey,
  SEAL_PREVIOUS_PUBLIC_KEYS_FILE,
  SEAL_PUBLIC_KEY_FILE,
  SEAL_SIGNING_KEY_FILE,
  SealKeyError,
  sealKeyId,
  sealPublicKeyFromPem,
  sealPublicKeysFromPem,
  sealSigningKeyFromPem,
  type SealKeyPair,
  type SealKeys,
} from './lib/integrity/seal-signing';
export {
  KeyHistory,
  SigningKeyRing,
  type ForgedHandover,
  type SigningHandover,
} from './lib/integrity/signing-key-ring';
export {
  CIPHERTEXT_PREFIX,
  DataKeyMissingError,
  decryptValue,
  isEncrypted,
  KeyVault,
  SubjectErasedError,
  type KeyDestruction,
  type RewrapReport,
} from './lib/privacy/key-vault';
export {
  kekIdOf,
  KeyEncryptionKeyFileMissingError,
  KeyEncryptionKeyFormatError,
  KeyEncryptionKeysMissingError,
  KeyEncryptionKeyUnknownError,
  LocalKeyEncryptionKeys,
  newKeyEncryptionKey,
  parseKeyEncryptionKey,
  readKeyEncryptionKeyFile,
  type KeyEncryptionKeys,
  type WrappedKey,
} from './lib/privacy/key-encryption';
export type { IntegrityProblem, IntegrityReport, TamperKind } from './lib/integrity/integrity-report';
export {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_POOL_SIZE,
  connectionAs,
  openPostgresEventStore,
  PostgresSqlClient,
  type PostgresEventStoreOptions,
} from './lib/adapters/postgres';
export {
  openPgliteEventStore,
  openPgliteFolder,
  PgliteSqlClient,
  type PgliteEventStoreOptions,
} from './lib/adapters/pglite';
export { DataFolderInUseError, type FolderLockHolder } from './lib/adapters/folder-lock';
// Auditors: history, a stream at a moment, integrity reports over a range, export and offline verification.
export type { AuditReader, LogRange, ResolvedRange } from './lib/integrity/log-range';
export { resolveRange } from './lib/integrity/log-range';
export type {
  AuditCheck,
  AuditIntegrityReport,
  AuditProblem,
  SealCoverage,
} from './lib/integrity/audit-report';
export { verifyLogRange, type VerifyRangeOptions } from './lib/integrity/range-verifier';
export {
  queryHistory,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryPage,
} from './lib/history/history-query';
export { erasedSubjects } from './lib/history/erasure';
export {
  compareMoments,
  mergeData,
  streamAt,
  type AppendedBetween,
  type Folding,
  type MomentComparison,
  type StreamMoment,
} from './lib/history/stream-at';
export { jsonDiff, type JsonChange } from './lib/history/json-diff';
export * from './lib/export/export-format';
export { exportRange, exportRangeToFile, type ExportSummary } from './lib/export/export-range';
export {
  ExportVerifier,
  verifyExportFile,
  type ExportProblem,
  type ExportVerification,
} from './lib/export/verify-export';
export {
  AUDITOR_ACTION_TYPE,
  DEFAULT_AUDITOR_ORGANIZATION,
  recordAuditorAction,
  type Auditor,
} from './lib/history/auditor-actions';

import { createHash } from 'node:crypto';
import type { SqlClient, SqlQueryable } from './sql-client';

/** The notification channel appends signal on, so live subscriptions wake without polling. */
export const EVENTS_CHANNEL = 'spn_events';
/**
 * The channel an erasure signals on, with the erased subject's id (a generated id, nothing personal):
 * every store evicts the subject's key from its cache (privacy/data-key-cache.ts).
 */
export const DATA_KEYS_CHANNEL = 'spn_data_keys';
/**
 * The role the store runs as: it logs in, reads and appends, and can never change or remove what is
 * written (no UPDATE/DELETE/TRUNCATE on the log, no membership in any other role, no role attributes).
 * The owner (who runs the migration) creates it; see docs/event-store.md, "Database roles".
 */
export const DEFAULT_APP_ROLE = 'spn_store';
/**
 * The transaction-scoped advisory lock every append takes before its transaction has an id: appends
 * then take ids, positions and commit in one order, so readers never wait on unrelated transactions.
 */
export const EVENT_LOG_LOCK = 7410324;
/** The transaction-scoped advisory lock a seal (and a key handover) takes: one seal at a time. */
export const SEALER_LOCK = 7410322;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The one schema both adapters use. Idempotent: safe to run at every start.
 * `transaction_id` records the appending transaction; appends take {@link EVENT_LOG_LOCK} before it
 * has one, and a trigger holds every other writer of `events` to that (see readLog). Append-only is
 * enforced twice: the application role has no UPDATE/DELETE grant, and a trigger refuses them for
 * everyone else. Seals carry the id of the key that signed them and the Ed25519 signature
 * (integrity/seal-signing.ts); so do appends, from the `append_signing` position on
 * (integrity/append-signing.ts), with the key in force for them (a rotation's handovers:
 * integrity/signing-key-ring.ts).
 */
export function schemaSql(appRole: string): string {
  if (!ROLE_NAME.test(appRole)) throw new Error('Invalid application role name');
  return `
CREATE TABLE IF NOT EXISTS events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  category text NOT NULL,
  stream_version bigint NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  schema_version integer NOT NULL,
  organization_id text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_global_order ON events (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS events_category_order ON events (category, transaction_id, global_position);

CREATE TABLE IF NOT EXISTS streams (
  stream_id text PRIMARY KEY,
  category text NOT NULL,
  organization_id text NOT NULL,
  version bigint NOT NULL,
  last_hash text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS subscription_checkpoints (
  subscription_id text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Leader election (sql/lease.ts): one row per lease; the epoch grows at each change of holder and
-- fences the leader's checkpoint writes.
CREATE TABLE IF NOT EXISTS leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  epoch bigint NOT NULL,
  expires_at timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS seals (
  seal_number bigint PRIMARY KEY,
  from_transaction_id xid8 NOT NULL,
  from_global_position bigint NOT NULL,
  to_transaction_id xid8 NOT NULL,
  to_global_position bigint NOT NULL,
  event_count integer NOT NULL,
  events_digest text NOT NULL,
  events_set_digest text NOT NULL,
  previous_seal_hash text NOT NULL,
  seal_hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now()
);
-- Pre-release: seals from before signing keep '' here and fail verification (see docs/event-store.md).
ALTER TABLE seals ADD COLUMN IF NOT EXISTS signing_key_id text NOT NULL DEFAULT '';
ALTER TABLE seals ADD COLUMN IF NOT EXISTS signature text NOT NULL DEFAULT '';

-- Signed appends (integrity/append-signing.ts): each event's hash signed with the store's key as it is
-- appended; from the one append_signing row's position on, an unsigned event is a forgery.
ALTER TABLE events ADD COLUMN IF NOT EXISTS signature text;
CREATE TABLE IF NOT EXISTS append_signing (
  id integer PRIMARY KEY CHECK (id = 1),
  since_position bigint NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Key rotation (integrity/signing-key-ring.ts): from from_position and seal from_seal_number on, key_id
-- signs; endorsed by the key before it (previous_key_id) and signed by the new key.
CREATE TABLE IF NOT EXISTS signing_handovers (
  handover_number integer PRIMARY KEY CHECK (handover_number > 0),
  from_position bigint NOT NULL,
  from_seal_number bigint NOT NULL,
  previous_key_id text NOT NULL,
  key_id text NOT NULL,
  endorsement text NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Crypto-shredding: one data key per subject (a client); personal fields of events are encrypted with
-- it. Erasing the subject destroys the key (key set to NULL): the events stay, unreadable, and their
-- hash chains still verify. Rows are never deleted, so an erasure is itself on record.
CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject_id text PRIMARY KEY,
  organization_id text NOT NULL,
  data_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  destroyed_reason text,
  CHECK ((data_key IS NULL) = (destroyed_at IS NOT NULL))
);
-- The KEK that wrapped data_key (the key is stored only wrapped, the KEK held outside the database);
-- NULL on a destroyed key, and on rows from before wrapping, which rotate-kek wraps.
ALTER TABLE personal_data_keys ADD COLUMN IF NOT EXISTS kek_id text;

CREATE OR REPLACE FUNCTION spn_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS events_append_only ON events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION spn_refuse_change();
DROP TRIGGER IF EXISTS events_no_truncate ON events;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION spn_refuse_change();
-- Every writer of events takes the log lock (the store's appends already hold it), and one whose
-- transaction took its id before the lock is refused: it would commit below an event already
-- committed, and a reader past that event would never see it. Read committed only, so the check sees
-- every commit made before the lock was granted. The check's plan is made once per connection and
-- kept: made while the log was small or never analyzed (PGlite has no autovacuum), it would scan the
-- whole log on every append for the life of the connection. Sequential scans are off inside the
-- function, so it always reads the (transaction_id, global_position) index: one index probe.
CREATE OR REPLACE FUNCTION spn_events_in_log_order() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'events are appended in read committed transactions only'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  PERFORM pg_advisory_xact_lock(${EVENT_LOG_LOCK});
  IF EXISTS (SELECT 1 FROM events WHERE transaction_id > pg_current_xact_id()) THEN
    RAISE EXCEPTION 'this transaction took its id before the event log lock: it would commit out of order'
      USING ERRCODE = 'serialization_failure';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_in_log_order ON events;
CREATE TRIGGER events_in_log_order BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION spn_events_in_log_order();
DROP TRIGGER IF EXISTS seals_append_only ON seals;
CREATE TRIGGER seals_append_only BEFORE UPDATE OR DELETE ON seals FOR EACH ROW EXECUTE FUNCTION spn_refuse_change();
DROP TRIGGER IF EXISTS append_signing_append_only ON append_signing;
CREATE TRIGGER append_signing_append_only BEFORE UPDATE OR DELETE ON append_signing FOR EACH ROW EXECUTE FUNCTION spn_refuse_change();
DROP TRIGGER IF EXISTS signing_handovers_append_only ON signing_handovers;
CREATE TRIGGER signing_handovers_append_only BEFORE UPDATE OR DELETE ON signing_handovers FOR EACH ROW EXECUTE FUNCTION spn_refuse_change();

-- Created with every attribute off, and never altered here: a role that already exists with more is
-- refused when the store opens (sql/role-check.ts).
DO $$ BEGIN
  CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
REVOKE ALL ON events, seals, append_signing, signing_handovers, streams, subscription_checkpoints, leases, personal_data_keys FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT SELECT, INSERT ON events, seals, append_signing, signing_handovers TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON streams, subscription_checkpoints, leases, personal_data_keys TO ${appRole};
`;
}

/** The triggers that keep the log append-only and in order: a start missing one applies the schema again. */
const GUARD_TRIGGERS = [
  'events_append_only',
  'events_no_truncate',
  'events_in_log_order',
  'seals_append_only',
  'append_signing_append_only',
  'signing_handovers_append_only',
];

/**
 * Creates or upgrades the schema. Run by the database owner (the application role cannot). The
 * schema's DDL locks the log's tables exclusively, which queues the appends of running processes (and,
 * against an append holding `streams`, deadlocks one): so a start that finds this very schema applied
 * (the SHA-256 of its text in `schema_applied`) with every guard trigger in place runs none of it.
 */
export async function migrate(client: SqlClient, appRole = DEFAULT_APP_ROLE): Promise<void> {
  const sql = schemaSql(appRole);
  const sha256 = createHash('sha256').update(sql).digest('hex');
  await client.transaction(async (tx) => {
    // One migration at a time, across processes.
    await tx.query('SELECT pg_advisory_xact_lock(7410321)');
    if (await applied(tx, sha256)) return;
    await tx.exec(sql);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_applied (
  id integer PRIMARY KEY CHECK (id = 1),
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON schema_applied FROM PUBLIC;`);
    await tx.query(
      `INSERT INTO schema_applied (id, sha256) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()`,
      [sha256],
    );
  });
}

/** Whether the schema of this text is applied, its guard triggers all there and enabled (catalog reads only). */
async function applied(tx: SqlQueryable, sha256: string): Promise<boolean> {
  const [table] = await tx.query<{ present: boolean }>(
    `SELECT to_regclass('schema_applied') IS NOT NULL AS present`,
  );
  if (!table?.present) return false;
  const [row] = await tx.query<{ sha256: string }>('SELECT sha256 FROM schema_applied WHERE id = 1');
  if (row?.sha256 !== sha256) return false;
  const [guards] = await tx.query<{ count: string }>(
    `SELECT count(DISTINCT tgname) AS count FROM pg_trigger
     WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgname = ANY($1::text[])`,
    [GUARD_TRIGGERS],
  );
  return Number(guards?.count) === GUARD_TRIGGERS.length;
}

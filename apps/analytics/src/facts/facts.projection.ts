import { topicOfContext } from '@spn/contracts';
import type { SqlRow, SqlQueryable as Tx } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import type { PersonalData, Projection } from '@spn/service-kit';
import { FactsPage, keysOf, type FactsChanges, type OwnedKey, type StoredFacts } from './facts.evolve';

/**
 * The analytics facts, kept from the other contexts' integration events only (never their tables), so
 * `npm run rebuild -- analytics` gives them again from the log. One row per client, referral, outcome
 * score, plan and recorded unmet need; the figures are computed from these when asked.
 *
 * What is kept of a client is generalised on the way in: an age band, never the date of birth; the
 * forward sortation area, never an address; no name, no free text. What the client stated of
 * themself (language, gender, income band, ethnicity, Indigenous identity, area) is kept sealed, as
 * the events hold it: the figures open it when computed, and a dump of these tables reads none of it. The three topics arrive in no
 * particular order to one another, so each message changes only its own columns, and an erased
 * client's tombstone keeps a late event of another topic from bringing them back (facts.evolve.ts).
 *
 * A run of messages (a rebuild's page of a thousand, the live consumer's run, or one message alone) is
 * read, applied and written as a whole: one read and one write per table instead of statements per message, which is what made a
 * rebuild slow.
 */
export const FACTS_MIGRATIONS: readonly string[] = [
  // 1: The facts.
  `CREATE TABLE IF NOT EXISTS analytics_client (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL,
    first_referred_at timestamptz NOT NULL,
    needs text[] NOT NULL DEFAULT '{}',
    age_band text,
    language text,
    gender text,
    income_band text,
    ethnicity text,
    indigenous_identity text,
    area text,
    first_contact_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS analytics_client_organization ON analytics_client (organization_id);
  CREATE TABLE IF NOT EXISTS analytics_consent (
    consent_id text NOT NULL,
    client_id text NOT NULL,
    purpose text NOT NULL,
    withdrawn boolean NOT NULL DEFAULT false
  );
  CREATE INDEX IF NOT EXISTS analytics_consent_client ON analytics_consent (client_id);
  CREATE TABLE IF NOT EXISTS analytics_erased (client_id text PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS analytics_referral (
    referral_id text NOT NULL,
    client_id text NOT NULL,
    organization_id text NOT NULL,
    need text NOT NULL,
    created_at timestamptz NOT NULL,
    status text NOT NULL,
    reason text,
    accepted_at timestamptz,
    ended_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS analytics_referral_client ON analytics_referral (client_id);
  CREATE TABLE IF NOT EXISTS analytics_referral_status (
    referral_id text NOT NULL,
    position integer NOT NULL,
    client_id text NOT NULL,
    status text NOT NULL,
    entered_at timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS analytics_outcome (
    measurement_id text NOT NULL,
    score text NOT NULL,
    client_id text NOT NULL,
    timepoint text NOT NULL,
    value double precision NOT NULL,
    recorded_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS analytics_outcome_client ON analytics_outcome (client_id);
  CREATE TABLE IF NOT EXISTS analytics_plan (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL,
    link_worker text NOT NULL,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz
  );
  CREATE TABLE IF NOT EXISTS analytics_table_version (
    table_name text PRIMARY KEY,
    version bigint NOT NULL,
    tx bigint NOT NULL
  );
  CREATE TABLE IF NOT EXISTS analytics_unmet_need (
    unmet_need_id text NOT NULL,
    organization_id text NOT NULL,
    need text NOT NULL,
    area text NOT NULL,
    recorded_at timestamptz NOT NULL
  )`,
  // 2: One version per table (analytics_table_version) replaces the facts' single one.
  `DROP TABLE IF EXISTS analytics_facts_version`,
  // 3: A consent's, referral's or measurement's id is the caller's, meaningful within its client only; an
  // unmet need's within its organization: every key starts with its owner (docs/read-models.md, "Ids and
  // keys"). A store made before keeps its rows, under the new keys.
  `ALTER TABLE analytics_consent DROP CONSTRAINT IF EXISTS analytics_consent_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS analytics_consent_key ON analytics_consent (client_id, consent_id);
  ALTER TABLE analytics_referral DROP CONSTRAINT IF EXISTS analytics_referral_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS analytics_referral_key ON analytics_referral (client_id, referral_id);
  ALTER TABLE analytics_referral_status DROP CONSTRAINT IF EXISTS analytics_referral_status_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS analytics_referral_status_key
    ON analytics_referral_status (client_id, referral_id, position);
  ALTER TABLE analytics_outcome DROP CONSTRAINT IF EXISTS analytics_outcome_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS analytics_outcome_key ON analytics_outcome (client_id, measurement_id, score);
  ALTER TABLE analytics_unmet_need DROP CONSTRAINT IF EXISTS analytics_unmet_need_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS analytics_unmet_need_key ON analytics_unmet_need (organization_id, unmet_need_id)`,
  // 4: The languages a client described, sealed (the first counts where no preferred language was given).
  `ALTER TABLE analytics_client ADD COLUMN IF NOT EXISTS languages jsonb`,
];

/** Tables holding a client's facts: an erasure deletes from each. */
const CLIENT_TABLES = [
  'analytics_client',
  'analytics_consent',
  'analytics_referral',
  'analytics_referral_status',
  'analytics_outcome',
  'analytics_plan',
];

/** The stored rows a page needs, one query per table it touches. */
async function load(tx: Tx, messages: readonly IntegrationMessage[]): Promise<StoredFacts> {
  const keys = keysOf(messages);
  const rows = async <Row extends SqlRow>(table: string, key: string, ids: string[]): Promise<Row[]> =>
    ids.length === 0 ? [] : tx.query<Row>(`SELECT * FROM ${table} WHERE ${key} = ANY($1::text[])`, [ids]);
  // Rows keyed within their client: the pairs, as two arrays side by side.
  const owned = async <Row extends SqlRow>(table: string, key: string, pairs: OwnedKey[]): Promise<Row[]> =>
    pairs.length === 0
      ? []
      : tx.query<Row>(
          `SELECT t.* FROM ${table} t JOIN unnest($1::text[], $2::text[]) AS k(client_id, id)
             ON t.client_id = k.client_id AND t.${key} = k.id`,
          [pairs.map(([clientId]) => clientId), pairs.map(([, id]) => id)],
        );
  const erased = await rows<{ client_id: string }>('analytics_erased', 'client_id', keys.clients);
  return {
    erased: erased.map((row) => row.client_id),
    clients: await rows('analytics_client', 'client_id', keys.clientRows),
    consents: await owned('analytics_consent', 'consent_id', keys.consents),
    referrals: await owned('analytics_referral', 'referral_id', keys.referrals),
    plans: await rows('analytics_plan', 'client_id', keys.plans),
  };
}

/**
 * Writes rows in one statement, typed by the table's own row type. `update`: a changed row replaces the
 * stored one; `nothing`: a row already stored stays (these tables only ever grow).
 */
async function write(
  tx: Tx,
  written: Set<string>,
  table: string,
  key: readonly string[],
  rows: readonly object[],
  onConflict: 'update' | 'nothing',
): Promise<void> {
  const [first] = rows;
  if (first === undefined) return;
  written.add(table);
  const columns = Object.keys(first);
  const list = columns.join(', ');
  const others = columns.filter((column) => !key.includes(column));
  const action =
    onConflict === 'update'
      ? `DO UPDATE SET (${others.join(', ')}) = ROW(${others.map((c) => `EXCLUDED.${c}`).join(', ')})`
      : 'DO NOTHING';
  await tx.query(
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (${key.join(', ')}) ${action}`,
    [JSON.stringify(rows)],
  );
}

async function save(tx: Tx, changes: FactsChanges): Promise<void> {
  const written = new Set<string>();
  if (changes.erased.length > 0) {
    for (const table of CLIENT_TABLES) {
      await tx.query(`DELETE FROM ${table} WHERE client_id = ANY($1::text[])`, [changes.erased]);
      written.add(table);
    }
    const tombstones = changes.erased.map((client_id) => ({ client_id }));
    await write(tx, written, 'analytics_erased', ['client_id'], tombstones, 'nothing');
  }
  await write(tx, written, 'analytics_client', ['client_id'], changes.clients, 'update');
  await write(tx, written, 'analytics_consent', ['client_id', 'consent_id'], changes.consents, 'update');
  await write(tx, written, 'analytics_referral', ['client_id', 'referral_id'], changes.referrals, 'update');
  await write(tx, written, 'analytics_plan', ['client_id'], changes.plans, 'update');
  const statusKey = ['client_id', 'referral_id', 'position'];
  await write(tx, written, 'analytics_referral_status', statusKey, changes.statuses, 'nothing');
  await write(
    tx,
    written,
    'analytics_outcome',
    ['client_id', 'measurement_id', 'score'],
    changes.outcomes,
    'nothing',
  );
  await write(
    tx,
    written,
    'analytics_unmet_need',
    ['organization_id', 'unmet_need_id'],
    changes.unmetNeeds,
    'nothing',
  );
  await stamp(tx, [...written]);
}

/**
 * Moves the change stamp of each table written, in the writes' own transaction: a figure cached from
 * those tables is stale from the moment this commits, so a withdrawal of consent counts at once
 * (population.service.ts), while a message that changes no fact a figure reads (most of them) leaves
 * the cache alone. Once per transaction: a rebuild writes a thousand messages in one, and a row
 * updated a thousand times over bloats.
 */
async function stamp(tx: Tx, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await tx.query(
    `INSERT INTO analytics_table_version AS v (table_name, version, tx)
     SELECT table_name, 1, txid_current() FROM unnest($1::text[]) AS t(table_name)
     ON CONFLICT (table_name) DO UPDATE SET version = v.version + 1, tx = EXCLUDED.tx
     WHERE v.tx IS DISTINCT FROM EXCLUDED.tx`,
    [tables],
  );
}

/**
 * The facts projection. It is handed messages sealed, and opens them itself (`personalData`) only to
 * derive what it keeps in clear (an age band, an outcome's scores); what the client stated is kept
 * sealed.
 */
export function factsProjection(personalData: PersonalData): Projection {
  const applyPage = async (messages: readonly IntegrationMessage[], tx: Tx): Promise<void> => {
    if (messages.length === 0) return;
    const opened = await personalData.openMessages(messages);
    const page = new FactsPage(await load(tx, messages));
    messages.forEach((sealed, i) => {
      page.apply(opened[i] ?? sealed, sealed);
    });
    await save(tx, page.changes());
  };
  return {
    name: 'facts',
    topics: [topicOfContext('clients'), topicOfContext('care-plans'), topicOfContext('partners')],
    migrations: FACTS_MIGRATIONS,
    bookkeeping: ['analytics_table_version'],
    sealed: true,
    handle: (message, tx) => applyPage([message], tx),
    handleBatch: applyPage,
  };
}

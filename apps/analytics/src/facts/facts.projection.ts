import { topicOfContext } from '@spn/contracts';
import type { SqlQueryable as Tx } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import type { Projection } from '@spn/service-kit';
import { ageBandAt, ENDED_STATUSES, outcomeScores } from './facts';

/**
 * The analytics facts, kept from the other contexts' integration events only (never their tables), so
 * `npm run rebuild -- analytics` gives them again from the log. One row per client, referral, outcome
 * score, plan and recorded unmet need; the figures are computed from these when asked.
 *
 * What is kept of a client is generalised on the way in: an age band, never the date of birth; the
 * forward sortation area, never an address; no name, no free text. The three topics arrive in no
 * particular order to one another, so every write is an upsert of its own columns, and an erased
 * client's tombstone keeps a late event of another topic from bringing them back.
 */
export const FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS analytics_client (
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
  consent_id text PRIMARY KEY,
  client_id text NOT NULL,
  purpose text NOT NULL,
  withdrawn boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS analytics_consent_client ON analytics_consent (client_id);
CREATE TABLE IF NOT EXISTS analytics_erased (client_id text PRIMARY KEY);
CREATE TABLE IF NOT EXISTS analytics_referral (
  referral_id text PRIMARY KEY,
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
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (referral_id, position)
);
CREATE TABLE IF NOT EXISTS analytics_outcome (
  measurement_id text NOT NULL,
  score text NOT NULL,
  client_id text NOT NULL,
  timepoint text NOT NULL,
  value double precision NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (measurement_id, score)
);
CREATE INDEX IF NOT EXISTS analytics_outcome_client ON analytics_outcome (client_id);
CREATE TABLE IF NOT EXISTS analytics_plan (
  client_id text PRIMARY KEY,
  organization_id text NOT NULL,
  link_worker text NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE TABLE IF NOT EXISTS analytics_facts_version (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version bigint NOT NULL,
  tx bigint
);
INSERT INTO analytics_facts_version (version) VALUES (0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS analytics_unmet_need (
  unmet_need_id text PRIMARY KEY,
  organization_id text NOT NULL,
  need text NOT NULL,
  area text NOT NULL,
  recorded_at timestamptz NOT NULL
);`;

/** Tables holding a client's facts: an erasure deletes from each. */
const CLIENT_TABLES = [
  'analytics_client',
  'analytics_consent',
  'analytics_referral',
  'analytics_referral_status',
  'analytics_outcome',
  'analytics_plan',
];

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const clientOfStream = (streamId: string, prefix: string): string | null =>
  streamId.startsWith(prefix) ? streamId.slice(prefix.length) : null;

async function erased(tx: Tx, clientId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM analytics_erased WHERE client_id = $1', [clientId]);
  return rows.length > 0;
}

async function onClients(message: IntegrationMessage, tx: Tx): Promise<void> {
  const clientId = clientOfStream(message.streamId, 'client-');
  if (clientId === null) return;
  const data = message.data;
  if (message.type === 'clients.ClientErased') {
    for (const table of CLIENT_TABLES)
      await tx.query(`DELETE FROM ${table} WHERE client_id = $1`, [clientId]);
    await tx.query('INSERT INTO analytics_erased (client_id) VALUES ($1) ON CONFLICT DO NOTHING', [clientId]);
    return;
  }
  if (await erased(tx, clientId)) return;
  switch (message.type) {
    case 'clients.ClientReferred':
      await tx.query(
        `INSERT INTO analytics_client (client_id, organization_id, first_referred_at, needs) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id) DO UPDATE SET
           first_referred_at = LEAST(analytics_client.first_referred_at, EXCLUDED.first_referred_at),
           needs = ARRAY(SELECT DISTINCT unnest(analytics_client.needs || EXCLUDED.needs) ORDER BY 1)`,
        [clientId, message.organizationId, message.occurredAt, data['needs'] ?? []],
      );
      return;
    case 'clients.ClientDetailsRegistered': {
      // The age at the first referral, in a band; the date of birth itself is not kept.
      const [row] = await tx.query<{ first_referred_at: Date }>(
        'SELECT first_referred_at FROM analytics_client WHERE client_id = $1',
        [clientId],
      );
      const born = text(data['dateOfBirth']);
      await tx.query('UPDATE analytics_client SET age_band = $2, language = $3 WHERE client_id = $1', [
        clientId,
        born && row ? ageBandAt(born, new Date(row.first_referred_at)) : null,
        text(data['preferredLanguage'])?.toLowerCase() ?? null,
      ]);
      return;
    }
    case 'clients.CulturalIdentityDescribed': {
      const languages = Array.isArray(data['languages']) ? data['languages'] : [];
      await tx.query(
        `UPDATE analytics_client SET indigenous_identity = $2, language = COALESCE(language, $3) WHERE client_id = $1`,
        [clientId, text(data['indigenousIdentity']), text(languages[0])?.toLowerCase() ?? null],
      );
      return;
    }
    case 'clients.DemographicsDescribed':
      await tx.query(
        `UPDATE analytics_client SET area = $2, gender = $3, income_band = $4, ethnicity = $5 WHERE client_id = $1`,
        [
          clientId,
          text(data['area']),
          text(data['gender']),
          text(data['incomeBand']),
          text(data['ethnicity']),
        ],
      );
      return;
    case 'clients.InteractionLogged':
      // First contact: the first interaction with the client themself.
      if (data['party'] !== 'client') return;
      await tx.query(
        `UPDATE analytics_client SET first_contact_at = LEAST(COALESCE(first_contact_at, $2), $2) WHERE client_id = $1`,
        [clientId, data['occurredAt']],
      );
      return;
    case 'clients.ConsentRecorded':
      await tx.query(
        `INSERT INTO analytics_consent (consent_id, client_id, purpose) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [data['consentId'], clientId, data['purpose']],
      );
      return;
    case 'clients.ConsentWithdrawn':
      await tx.query('UPDATE analytics_consent SET withdrawn = true WHERE consent_id = $1', [
        data['consentId'],
      ]);
      return;
  }
}

async function onCarePlans(message: IntegrationMessage, tx: Tx): Promise<void> {
  const clientId = clientOfStream(message.streamId, 'careplan-');
  if (clientId === null || (await erased(tx, clientId))) return;
  const data = message.data;
  switch (message.type) {
    case 'care-plans.PlanOpened':
      await tx.query(
        `INSERT INTO analytics_plan (client_id, organization_id, link_worker, opened_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id) DO UPDATE SET link_worker = EXCLUDED.link_worker, opened_at = EXCLUDED.opened_at,
           closed_at = NULL`,
        [clientId, message.organizationId, data['linkWorker'], data['openedAt']],
      );
      return;
    case 'care-plans.PlanClosed':
      await tx.query('UPDATE analytics_plan SET closed_at = $2 WHERE client_id = $1', [
        clientId,
        data['closedAt'],
      ]);
      return;
    case 'care-plans.OutcomeRecorded': {
      // An erased client's result reads null (its key is gone): nothing to count.
      const result = data['result'];
      if (result === null || typeof result !== 'object' || Array.isArray(result)) return;
      for (const [score, value] of outcomeScores(result)) {
        await tx.query(
          `INSERT INTO analytics_outcome (measurement_id, score, client_id, timepoint, value, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [data['measurementId'], score, clientId, data['timepoint'], value, data['recordedAt']],
        );
      }
      return;
    }
  }
}

async function onPartners(message: IntegrationMessage, tx: Tx): Promise<void> {
  const data = message.data;
  if (message.type === 'partners.UnmetNeedRecorded') {
    await tx.query(
      `INSERT INTO analytics_unmet_need (unmet_need_id, organization_id, need, area, recorded_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [data['unmetNeedId'], message.organizationId, data['need'], data['area'], data['recordedAt']],
    );
    return;
  }
  const clientId = clientOfStream(message.streamId, 'referral-');
  if (clientId === null || (await erased(tx, clientId))) return;
  if (message.type === 'partners.ReferralCreated') {
    await tx.query(
      `INSERT INTO analytics_referral (referral_id, client_id, organization_id, need, created_at, status)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [data['referralId'], clientId, message.organizationId, data['need'], data['createdAt'], data['status']],
    );
    await enterStatus(tx, message, clientId, data['status'], data['createdAt']);
    return;
  }
  if (message.type !== 'partners.ReferralStatusChanged') return;
  const to = data['to'];
  const at = data['changedAt'];
  await tx.query(
    `UPDATE analytics_referral SET status = $2, reason = $3,
       accepted_at = CASE WHEN $2 = 'accepted' THEN COALESCE(accepted_at, $4::timestamptz) ELSE accepted_at END,
       ended_at = CASE WHEN $2 = ANY($5::text[]) THEN $4::timestamptz ELSE NULL END
     WHERE referral_id = $1`,
    [data['referralId'], to, text(data['reason']), at, ENDED_STATUSES],
  );
  await enterStatus(tx, message, clientId, to, at);
}

const enterStatus = (tx: Tx, message: IntegrationMessage, clientId: string, status: unknown, at: unknown) =>
  tx.query(
    `INSERT INTO analytics_referral_status (referral_id, position, client_id, status, entered_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [message.data['referralId'], message.streamVersion, clientId, status, at],
  );

export const factsProjection: Projection = {
  name: 'facts',
  topics: [topicOfContext('clients'), topicOfContext('care-plans'), topicOfContext('partners')],
  schema: FACTS_SCHEMA,
  bookkeeping: ['analytics_facts_version'],
  handle: async (message, tx) => {
    // In the message's own transaction: a cached figure is stale from the moment this commits, so a
    // withdrawal of consent counts at once (population.service.ts). Once per transaction: a rebuild
    // applies a thousand messages in one, and a row updated a thousand times over bloats.
    await tx.query(
      `UPDATE analytics_facts_version SET version = version + 1, tx = txid_current()
       WHERE id = 1 AND tx IS DISTINCT FROM txid_current()`,
    );
    if (message.type.startsWith('clients.')) return onClients(message, tx);
    if (message.type.startsWith('care-plans.')) return onCarePlans(message, tx);
    if (message.type.startsWith('partners.')) return onPartners(message, tx);
  },
};

import { topicOfContext } from '@spn/contracts';
import { ownEvent, type Projection, recordIdOfStream } from '@spn/service-kit';
import { partnerDecider } from './partner';

/**
 * The registry's read model: each partner (contacts and pathways as documents: small, read whole),
 * its agreements (queried by the referrals for who may see what, so a table with dates), and the
 * engagement log.
 */
export const PARTNERSHIP_MIGRATIONS: readonly string[] = [
  // 1: Partners, agreements and engagements.
  `CREATE TABLE IF NOT EXISTS partners_partner (
    partner_id text NOT NULL,
    organization_id text NOT NULL,
    alias text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    registered_at timestamptz NOT NULL,
    contacts jsonb NOT NULL DEFAULT '[]',
    pathways jsonb NOT NULL DEFAULT '[]'
  );
  CREATE INDEX IF NOT EXISTS partners_partner_org ON partners_partner (organization_id, name);
  CREATE TABLE IF NOT EXISTS partners_agreement (
    partner_id text NOT NULL,
    agreement_id text NOT NULL,
    organization_id text NOT NULL,
    alias text NOT NULL,
    kind text NOT NULL,
    scope text[] NOT NULL,
    starts_on date NOT NULL,
    expires_on date NOT NULL,
    signed_at timestamptz NOT NULL,
    terminated_at timestamptz,
    termination_reason text
  );
  CREATE INDEX IF NOT EXISTS partners_agreement_sharing ON partners_agreement (organization_id, alias, kind);
  CREATE TABLE IF NOT EXISTS partners_engagement (
    partner_id text NOT NULL,
    engagement_id text NOT NULL,
    kind text NOT NULL,
    summary text NOT NULL,
    occurred_on date NOT NULL,
    logged_by text NOT NULL
  )`,
  // 2: A partner's id is its organization's own (stream partner-<organizationId>-<partnerId>), and so are the
  // ids within it: every key starts with the organization (docs/read-models.md, "Ids and keys").
  `ALTER TABLE partners_partner DROP CONSTRAINT IF EXISTS partners_partner_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_partner_key ON partners_partner (organization_id, partner_id);
  ALTER TABLE partners_agreement DROP CONSTRAINT IF EXISTS partners_agreement_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_agreement_key ON partners_agreement (organization_id, partner_id, agreement_id)`,
  // 3: An engagement's key starts with the organization too.
  `ALTER TABLE partners_engagement ADD COLUMN IF NOT EXISTS organization_id text NOT NULL DEFAULT '';
  ALTER TABLE partners_engagement DROP CONSTRAINT IF EXISTS partners_engagement_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_engagement_key
    ON partners_engagement (organization_id, partner_id, engagement_id)`,
];

export const partnershipProjection: Projection = {
  name: 'partnership',
  topics: [topicOfContext('partners')],
  migrations: PARTNERSHIP_MIGRATIONS,
  handle: async (message, tx) => {
    const partnerId = recordIdOfStream(message.streamId, 'partner', message.organizationId);
    if (partnerId === null) return;
    const organizationId = message.organizationId;
    const event = ownEvent([partnerDecider], message);
    switch (event.type) {
      case 'partners.PartnerRegistered':
        await tx.query(
          `INSERT INTO partners_partner (partner_id, organization_id, alias, name, kind, registered_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, partner_id) DO NOTHING`,
          [
            partnerId,
            organizationId,
            event.data.alias,
            event.data.name,
            event.data.kind,
            event.data.registeredAt,
          ],
        );
        return;
      case 'partners.PartnerContactAdded':
        await tx.query(
          `UPDATE partners_partner SET contacts = contacts || jsonb_build_array($3::jsonb)
           WHERE organization_id = $1 AND partner_id = $2
             AND NOT contacts @> jsonb_build_array(jsonb_build_object('contactId', $4::text))`,
          [organizationId, partnerId, JSON.stringify(event.data), event.data.contactId],
        );
        return;
      case 'partners.PartnerContactRemoved':
        await tx.query(
          `UPDATE partners_partner SET contacts = COALESCE((SELECT jsonb_agg(c) FROM jsonb_array_elements(contacts) c
             WHERE c->>'contactId' <> $3), '[]') WHERE organization_id = $1 AND partner_id = $2`,
          [organizationId, partnerId, event.data.contactId],
        );
        return;
      case 'partners.ReferralPathwayDefined':
        await tx.query(
          `UPDATE partners_partner SET pathways = pathways || jsonb_build_array($3::jsonb)
           WHERE organization_id = $1 AND partner_id = $2
             AND NOT pathways @> jsonb_build_array(jsonb_build_object('pathwayId', $4::text))`,
          [organizationId, partnerId, JSON.stringify(event.data), event.data.pathwayId],
        );
        return;
      case 'partners.AgreementSigned':
        await tx.query(
          `INSERT INTO partners_agreement (partner_id, agreement_id, organization_id, alias, kind, scope, starts_on,
             expires_on, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [
            partnerId,
            event.data.agreementId,
            organizationId,
            event.data.alias,
            event.data.kind,
            event.data.scope,
            event.data.startsOn,
            event.data.expiresOn,
            event.data.signedAt,
          ],
        );
        return;
      case 'partners.AgreementTerminated':
        await tx.query(
          `UPDATE partners_agreement SET terminated_at = $4, termination_reason = $5
           WHERE organization_id = $1 AND partner_id = $2 AND agreement_id = $3`,
          [organizationId, partnerId, event.data.agreementId, event.data.terminatedAt, event.data.reason],
        );
        return;
      case 'partners.EngagementLogged':
        await tx.query(
          `INSERT INTO partners_engagement (organization_id, partner_id, engagement_id, kind, summary, occurred_on,
             logged_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [
            organizationId,
            partnerId,
            event.data.engagementId,
            event.data.kind,
            event.data.summary,
            event.data.occurredOn,
            message.metadata.actor.subject,
          ],
        );
        return;
      default:
        return;
    }
  },
};

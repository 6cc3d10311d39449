import { topicOfContext } from '@spn/contracts';
import { sealedOwnEvent, type Projection } from '@spn/service-kit';
import { referralDecider } from './referral';

/**
 * The closed-loop referrals' read model: each referral's current status, and every status it went
 * through with when it entered it (time in each status is the gap to the next) and the note written
 * with the change, kept sealed with the client's key as the event holds it (the queries open it;
 * once the client is erased it opens to null).
 */
export const REFERRALS_MIGRATIONS: readonly string[] = [
  // 1: Referrals and their statuses.
  `CREATE TABLE IF NOT EXISTS partners_referral (
    client_id text NOT NULL,
    referral_id text NOT NULL,
    organization_id text NOT NULL,
    partner_organization_id text NOT NULL,
    need text NOT NULL,
    service_id text,
    resource_name text NOT NULL,
    requested_by text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    status_since timestamptz NOT NULL,
    PRIMARY KEY (client_id, referral_id)
  );
  CREATE INDEX IF NOT EXISTS partners_referral_partner ON partners_referral (partner_organization_id, status);
  CREATE INDEX IF NOT EXISTS partners_referral_service ON partners_referral (service_id);
  CREATE TABLE IF NOT EXISTS partners_referral_status (
    client_id text NOT NULL,
    referral_id text NOT NULL,
    position bigint NOT NULL,
    status text NOT NULL,
    entered_at timestamptz NOT NULL,
    by_side text,
    reason text,
    PRIMARY KEY (client_id, referral_id, position)
  )`,
  // 2: The partner's note on a status.
  `ALTER TABLE partners_referral_status ADD COLUMN IF NOT EXISTS note text`,
];

export const referralsProjection: Projection = {
  name: 'referrals',
  topics: [topicOfContext('partners')],
  migrations: REFERRALS_MIGRATIONS,
  // The note stays sealed (pd1:), as the event holds it.
  sealed: true,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('referral-')) return;
    const clientId = message.streamId.slice('referral-'.length);
    const event = sealedOwnEvent([referralDecider], message);
    switch (event.type) {
      case 'partners.ReferralCreated':
        await tx.query(
          `INSERT INTO partners_referral (client_id, referral_id, organization_id, partner_organization_id, need,
             service_id, resource_name, requested_by, status, created_at, status_since)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT DO NOTHING`,
          [
            clientId,
            event.data.referralId,
            message.organizationId,
            event.data.partnerOrganizationId,
            event.data.need,
            event.data.serviceId,
            event.data.resourceName,
            message.metadata.actor.subject,
            event.data.status,
            event.data.createdAt,
          ],
        );
        await tx.query(
          `INSERT INTO partners_referral_status (client_id, referral_id, position, status, entered_at, by_side)
           VALUES ($1, $2, $3, $4, $5, 'requester') ON CONFLICT DO NOTHING`,
          [clientId, event.data.referralId, message.globalPosition, event.data.status, event.data.createdAt],
        );
        return;
      case 'partners.ReferralStatusChanged':
        await tx.query(
          `UPDATE partners_referral SET status = $3, status_since = $4 WHERE client_id = $1 AND referral_id = $2`,
          [clientId, event.data.referralId, event.data.to, event.data.changedAt],
        );
        await tx.query(
          `INSERT INTO partners_referral_status (client_id, referral_id, position, status, entered_at, by_side, reason, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            clientId,
            event.data.referralId,
            message.globalPosition,
            event.data.to,
            event.data.changedAt,
            event.data.by,
            event.data.reason,
            event.data.note,
          ],
        );
        return;
      default:
        return;
    }
  },
};

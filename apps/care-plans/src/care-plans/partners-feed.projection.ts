import {
  dataOf,
  referralCreated,
  referralStatusChanged,
  serviceChangeConfirmed,
  topicOfContext,
} from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/**
 * What care-plans learns from the partners context, through its events only: where each prescription's
 * closed-loop referral stands (the Link Worker sees it in the plan), and the directory's confirmed
 * changes to a service, which alert the Link Worker of every open plan with an open referral to it
 * (`CarePlansQueries.serviceAlerts`).
 */
export const PARTNERS_FEED_MIGRATIONS: readonly string[] = [
  // 1: Referrals and confirmed service changes.
  `CREATE TABLE IF NOT EXISTS care_plans_referral (
    client_id text NOT NULL,
    prescription_id text NOT NULL,
    status text NOT NULL,
    since timestamptz NOT NULL,
    history jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (client_id, prescription_id)
  );
  -- A confirmed change to a directory service: the alerts are computed from it when read (the plans
  -- and referrals as they stand then), so this projection needs no other's tables and rebuilds alike.
  CREATE TABLE IF NOT EXISTS care_plans_service_change (
    report_id text PRIMARY KEY,
    service_id text NOT NULL,
    kind text NOT NULL,
    summary text NOT NULL,
    confirmed_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS care_plans_service_change_service ON care_plans_service_change (service_id)`,
  // 2: The service alerts are computed when read, no longer kept.
  `DROP TABLE IF EXISTS care_plans_service_alert`,
];

export const partnersFeedProjection: Projection = {
  name: 'partners-feed',
  topics: [topicOfContext('partners')],
  migrations: PARTNERS_FEED_MIGRATIONS,
  // It keeps nothing personal (not the partner's note): its messages need not be opened.
  sealed: true,
  handle: async (message, tx) => {
    switch (message.type) {
      case 'partners.ReferralCreated': {
        const data = dataOf(referralCreated, message);
        const entry = { status: data.status, enteredAt: data.createdAt, by: 'requester', reason: null };
        await tx.query(
          `INSERT INTO care_plans_referral (client_id, prescription_id, status, since, history)
           VALUES ($1, $2, $3, $4, jsonb_build_array($5::jsonb)) ON CONFLICT DO NOTHING`,
          [data.clientId, data.referralId, data.status, data.createdAt, JSON.stringify(entry)],
        );
        return;
      }
      case 'partners.ReferralStatusChanged': {
        const data = dataOf(referralStatusChanged, message);
        // The partner's note stays sealed in the partners context: the plan shows the status and reason.
        const entry = { status: data.to, enteredAt: data.changedAt, by: data.by, reason: data.reason };
        await tx.query(
          `UPDATE care_plans_referral SET status = $3, since = $4, history = history || jsonb_build_array($5::jsonb)
           WHERE client_id = $1 AND prescription_id = $2`,
          [
            message.streamId.slice('referral-'.length),
            data.referralId,
            data.to,
            data.changedAt,
            JSON.stringify(entry),
          ],
        );
        return;
      }
      case 'partners.ServiceChangeConfirmed': {
        const data = dataOf(serviceChangeConfirmed, message);
        await tx.query(
          `INSERT INTO care_plans_service_change (report_id, service_id, kind, summary, confirmed_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id) DO NOTHING`,
          [data.reportId, data.serviceId, data.kind, data.summary, data.confirmedAt],
        );
        return;
      }
      default:
        return;
    }
  },
};

import { topicOfContext } from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/**
 * What care-plans learns from the partners context, through its events only: where each prescription's
 * closed-loop referral stands (the Link Worker sees it in the plan), and the directory's confirmed
 * changes to a service, which alert the Link Worker of every open plan with an open referral to it.
 */
export const PARTNERS_FEED_SCHEMA = `
CREATE TABLE IF NOT EXISTS care_plans_referral (
  client_id text NOT NULL,
  prescription_id text NOT NULL,
  status text NOT NULL,
  since timestamptz NOT NULL,
  history jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (client_id, prescription_id)
);
CREATE TABLE IF NOT EXISTS care_plans_service_alert (
  report_id text NOT NULL,
  client_id text NOT NULL,
  prescription_id text NOT NULL,
  organization_id text NOT NULL,
  link_worker text NOT NULL,
  service_id text NOT NULL,
  resource_name text NOT NULL,
  kind text NOT NULL,
  summary text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, client_id, prescription_id)
);
CREATE INDEX IF NOT EXISTS care_plans_service_alert_worker ON care_plans_service_alert (organization_id, link_worker);`;

const OPEN = `('draft', 'requested', 'accepted', 'in-progress', 'on-hold')`;

export const partnersFeedProjection: Projection = {
  name: 'partners-feed',
  topics: [topicOfContext('partners')],
  schema: PARTNERS_FEED_SCHEMA,
  handle: async (message, tx) => {
    const data = message.data;
    switch (message.type) {
      case 'partners.ReferralCreated': {
        const entry = { status: data['status'], enteredAt: data['createdAt'], by: 'requester', reason: null };
        await tx.query(
          `INSERT INTO care_plans_referral (client_id, prescription_id, status, since, history)
           VALUES ($1, $2, $3, $4, jsonb_build_array($5::jsonb)) ON CONFLICT DO NOTHING`,
          [data['clientId'], data['referralId'], data['status'], data['createdAt'], JSON.stringify(entry)],
        );
        return;
      }
      case 'partners.ReferralStatusChanged': {
        // The partner's note stays sealed in the partners context: the plan shows the status and reason.
        const entry = {
          status: data['to'],
          enteredAt: data['changedAt'],
          by: data['by'],
          reason: data['reason'],
        };
        await tx.query(
          `UPDATE care_plans_referral SET status = $3, since = $4, history = history || jsonb_build_array($5::jsonb)
           WHERE client_id = $1 AND prescription_id = $2`,
          [
            message.streamId.slice('referral-'.length),
            data['referralId'],
            data['to'],
            data['changedAt'],
            JSON.stringify(entry),
          ],
        );
        return;
      }
      case 'partners.ServiceChangeConfirmed':
        // Every open plan's prescription of that service whose referral is open (or has none yet).
        await tx.query(
          `INSERT INTO care_plans_service_alert (report_id, client_id, prescription_id, organization_id, link_worker,
             service_id, resource_name, kind, summary, confirmed_at)
           SELECT $1, p.client_id, p.prescription_id, p.organization_id, pl.link_worker, p.service_id, p.resource_name,
             $3, $4, $5
           FROM care_plans_prescription p
           JOIN care_plans_plan pl ON pl.plan_id = p.plan_id AND pl.status = 'open'
           LEFT JOIN care_plans_referral r ON r.client_id = p.client_id AND r.prescription_id = p.prescription_id
           WHERE p.service_id = $2 AND (r.status IS NULL OR r.status IN ${OPEN})
           ON CONFLICT DO NOTHING`,
          [data['reportId'], data['serviceId'], data['kind'], data['summary'], data['confirmedAt']],
        );
        return;
      default:
        return;
    }
  },
};

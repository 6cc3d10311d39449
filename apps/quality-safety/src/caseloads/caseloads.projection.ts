import { dataOf, planOpened, topicOfContext } from '@spn/contracts';
import type { EventStore } from '@spn/event-store';
import { handleCommand, ownEvent, type Projection } from '@spn/service-kit';
import { caseloadAlertDecider, caseloadPolicyDecider, caseloadStreamId } from './caseload';

/**
 * Each Link Worker's active caseload, kept from the care-plans context's events only (never its
 * tables): a client's open plan counts for its Link Worker (`care-plans.PlanOpened`) until it closes
 * (`care-plans.PlanClosed`). The count is of open plans, not a running +1/-1, so it cannot drift.
 * When an opening takes its Link Worker over the organization's threshold, the alert command runs
 * with the source event's id as command id: a redelivery appends nothing.
 */
/** The module's tables (both projections declare them: either may start first). */
export const CASELOADS_MIGRATIONS: readonly string[] = [
  // 1: Plans per Link Worker, thresholds and alerts.
  `CREATE TABLE IF NOT EXISTS quality_safety_caseload_plan (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL,
    link_worker text NOT NULL,
    open boolean NOT NULL
  );
  CREATE INDEX IF NOT EXISTS quality_safety_caseload_plan_worker ON quality_safety_caseload_plan (organization_id, link_worker);
  CREATE TABLE IF NOT EXISTS quality_safety_caseload_threshold (
    organization_id text PRIMARY KEY,
    max_active_cases integer NOT NULL,
    set_at timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS quality_safety_caseload_alert (
    caused_by text PRIMARY KEY,
    organization_id text NOT NULL,
    link_worker text NOT NULL,
    active_cases integer NOT NULL,
    threshold integer NOT NULL,
    exceeded_at timestamptz NOT NULL
  )`,
];

export const caseloadPlansProjection = (store: EventStore): Projection => ({
  name: 'caseload-plans',
  topics: [topicOfContext('care-plans')],
  migrations: CASELOADS_MIGRATIONS,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('careplan-')) return;
    const clientId = message.streamId.slice('careplan-'.length);
    if (message.type === 'care-plans.PlanClosed') {
      await tx.query('UPDATE quality_safety_caseload_plan SET open = false WHERE client_id = $1', [clientId]);
      return;
    }
    if (message.type !== 'care-plans.PlanOpened') return;
    const { linkWorker } = dataOf(planOpened, message);
    if (typeof linkWorker !== 'string') return;
    await tx.query(
      `INSERT INTO quality_safety_caseload_plan (client_id, organization_id, link_worker, open) VALUES ($1, $2, $3, true)
       ON CONFLICT (client_id) DO UPDATE SET link_worker = EXCLUDED.link_worker, open = true`,
      [clientId, message.organizationId, linkWorker],
    );
    const [row] = await tx.query<{ active: number; threshold: number | null }>(
      `SELECT (SELECT count(*)::int FROM quality_safety_caseload_plan WHERE organization_id = $1 AND link_worker = $2
                 AND open) AS active,
              (SELECT max_active_cases FROM quality_safety_caseload_threshold WHERE organization_id = $1) AS threshold`,
      [message.organizationId, linkWorker],
    );
    await handleCommand(
      store,
      caseloadAlertDecider,
      caseloadStreamId(linkWorker),
      {
        kind: 'checkThreshold',
        linkWorker,
        activeCases: row?.active ?? 0,
        threshold: row?.threshold ?? null,
        causedBy: message.eventId,
        at: message.occurredAt,
      },
      { metadata: { ...message.metadata, causationId: message.eventId }, commandId: message.eventId },
    );
  },
});

/** The thresholds and alerts, from quality-safety's own events. */
export const caseloadsProjection: Projection = {
  name: 'caseloads',
  topics: [topicOfContext('quality-safety')],
  migrations: CASELOADS_MIGRATIONS,
  handle: async (message, tx) => {
    const event = ownEvent([caseloadPolicyDecider, caseloadAlertDecider], message);
    switch (event.type) {
      case 'quality-safety.CaseloadThresholdSet':
        await tx.query(
          `INSERT INTO quality_safety_caseload_threshold (organization_id, max_active_cases, set_at) VALUES ($1, $2, $3)
           ON CONFLICT (organization_id) DO UPDATE SET max_active_cases = EXCLUDED.max_active_cases, set_at = EXCLUDED.set_at`,
          [message.organizationId, event.data.maxActiveCases, event.data.setAt],
        );
        return;
      case 'quality-safety.CaseloadThresholdExceeded':
        await tx.query(
          `INSERT INTO quality_safety_caseload_alert (caused_by, organization_id, link_worker, active_cases, threshold,
             exceeded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            event.data.causedBy,
            message.organizationId,
            event.data.linkWorker,
            event.data.activeCases,
            event.data.threshold,
            event.data.exceededAt,
          ],
        );
        return;
      default:
        return;
    }
  },
};

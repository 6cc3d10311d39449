import { CLIENT_REFERRED, clientErased, dataOf, topicOfContext } from '@spn/contracts';
import type { SqlQueryable } from '@spn/event-store';
import type { Projection } from '@spn/service-kit';
import type { CarePlanEvent } from './care-plan';
import { applyToView, type PlanView } from './plan-view';

/**
 * The care-plans read models, in the service's own database: each plan as a document (its view), the
 * social prescriptions (which directory service, for the service alerts), and what care-plans learns
 * from the clients context through its events only: whose client is whose, and who was erased. What a
 * partner sees of a prescription is the partners context's (its referrals, under consent and agreement).
 */
export const CARE_PLANS_MIGRATIONS: readonly string[] = [
  // 1: Plans, prescriptions and clients.
  `CREATE TABLE IF NOT EXISTS care_plans_plan (
    plan_id text NOT NULL,
    client_id text NOT NULL,
    organization_id text NOT NULL,
    link_worker text NOT NULL,
    status text NOT NULL,
    opened_at timestamptz NOT NULL,
    view jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS care_plans_plan_client ON care_plans_plan (client_id, opened_at);
  CREATE TABLE IF NOT EXISTS care_plans_prescription (
    prescription_id text PRIMARY KEY,
    plan_id text NOT NULL,
    client_id text NOT NULL,
    organization_id text NOT NULL,
    partner_organization_id text,
    need text NOT NULL,
    resource_name text NOT NULL,
    follow_up_on date NOT NULL,
    prescribed_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS care_plans_prescription_partner ON care_plans_prescription (partner_organization_id);
  CREATE TABLE IF NOT EXISTS care_plans_client (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL
  )`,
  // 2: The directory service a prescription names.
  `ALTER TABLE care_plans_prescription ADD COLUMN IF NOT EXISTS service_id text;
  CREATE INDEX IF NOT EXISTS care_plans_prescription_service ON care_plans_prescription (service_id)`,
  // 3: A prescription's id is unique within its client's plans, not across clients: the key is the pair.
  `ALTER TABLE care_plans_prescription DROP CONSTRAINT IF EXISTS care_plans_prescription_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS care_plans_prescription_key ON care_plans_prescription (client_id, prescription_id)`,
  // 4: An erased client.
  `ALTER TABLE care_plans_client ADD COLUMN IF NOT EXISTS erased_at timestamptz`,
  // 5: A plan's id is the caller's, meaningful within its client only (docs/read-models.md, "Ids and keys").
  `ALTER TABLE care_plans_plan DROP CONSTRAINT IF EXISTS care_plans_plan_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS care_plans_plan_key ON care_plans_plan (client_id, plan_id)`,
];

const idOf = (streamId: string, prefix: string) => streamId.slice(prefix.length);

async function latestPlan(tx: SqlQueryable, clientId: string): Promise<PlanView | null> {
  const [row] = await tx.query<{ view: PlanView }>(
    'SELECT view FROM care_plans_plan WHERE client_id = $1 ORDER BY opened_at DESC, plan_id DESC LIMIT 1',
    [clientId],
  );
  return row?.view ?? null;
}

/**
 * The plans, from the care-plans context's own events. The client's words stay sealed in the view, as
 * the events hold them (`pd1:`, the client's key): the queries open them when answering.
 */
export const carePlansProjection: Projection = {
  name: 'read-model',
  // The clients topic too, for erasures only.
  topics: [topicOfContext('care-plans'), topicOfContext('clients')],
  migrations: CARE_PLANS_MIGRATIONS,
  sealed: true,
  handle: async (message, tx) => {
    if (message.type === 'clients.ClientErased') {
      // The plans' views hold the client's words (sealed): they go; the events stay, unreadable. Done
      // here, in the projection that owns these tables, so the log's order alone decides (a rebuild
      // gives what the live read model holds).
      const erased = idOf(message.streamId, 'client-');
      await tx.query('DELETE FROM care_plans_plan WHERE client_id = $1', [erased]);
      await tx.query('DELETE FROM care_plans_prescription WHERE client_id = $1', [erased]);
      return;
    }
    if (!message.type.startsWith('care-plans.') || !message.streamId.startsWith('careplan-')) return;
    const event = { type: message.type, data: message.data } as CarePlanEvent;
    const clientId = idOf(message.streamId, 'careplan-');
    const view = applyToView(
      event.type === 'care-plans.PlanOpened' ? null : await latestPlan(tx, clientId),
      event,
    );
    if (!view) return;
    await tx.query(
      `INSERT INTO care_plans_plan (plan_id, client_id, organization_id, link_worker, status, opened_at, view)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (client_id, plan_id) DO UPDATE SET status = EXCLUDED.status, view = EXCLUDED.view`,
      [
        view.planId,
        clientId,
        message.organizationId,
        view.linkWorker,
        view.status,
        view.openedAt,
        JSON.stringify(view),
      ],
    );
    if (event.type === 'care-plans.ResourcePrescribed') {
      const data = event.data;
      await tx.query(
        `INSERT INTO care_plans_prescription (prescription_id, plan_id, client_id, organization_id,
           partner_organization_id, need, resource_name, follow_up_on, prescribed_at, service_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (client_id, prescription_id) DO NOTHING`,
        [
          data.prescriptionId,
          view.planId,
          clientId,
          message.organizationId,
          data.partnerOrganizationId,
          data.need,
          data.resourceName,
          data.followUpOn,
          data.prescribedAt,
          data.serviceId ?? null,
        ],
      );
    }
  },
};

/** What care-plans learns from the clients context: whose client is whose, and erasures. */
export const clientsFeedProjection: Projection = {
  name: 'clients-feed',
  topics: [topicOfContext('clients')],
  migrations: CARE_PLANS_MIGRATIONS,
  // It keeps nothing personal: its messages need not be opened.
  sealed: true,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('client-')) return;
    const clientId = idOf(message.streamId, 'client-');
    switch (message.type) {
      case CLIENT_REFERRED:
        await tx.query(
          `INSERT INTO care_plans_client (client_id, organization_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`,
          [clientId, message.organizationId],
        );
        return;
      case 'clients.ClientErased':
        await tx.query('UPDATE care_plans_client SET erased_at = $2 WHERE client_id = $1', [
          clientId,
          dataOf(clientErased, message).erasedAt,
        ]);
        return;
      default:
        return;
    }
  },
};

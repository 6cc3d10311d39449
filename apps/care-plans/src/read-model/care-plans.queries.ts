import type { SqlClient } from '@spn/event-store';
import type { PlanView } from './plan-view';

export interface SharedPrescriptionView {
  readonly prescriptionId: string;
  readonly clientId: string;
  readonly referringOrganizationId: string;
  readonly need: string;
  readonly resourceName: string;
  readonly followUpOn: string;
}

/** Reads of the care-plans read models, always within one organization (the caller's). */
export class CarePlansQueries {
  constructor(private readonly db: SqlClient) {}

  /** The client's current plan (open, or the last closed), if the client is the organization's. */
  async currentPlan(organizationId: string, clientId: string): Promise<PlanView | null> {
    const [row] = await this.db.query<{ view: PlanView }>(
      `SELECT view FROM care_plans_plan WHERE organization_id = $1 AND client_id = $2
       ORDER BY opened_at DESC, plan_id DESC LIMIT 1`,
      [organizationId, clientId],
    );
    return row?.view ?? null;
  }

  /** The organization's open plans of a Link Worker (a caseload of plans). */
  async openPlansOf(organizationId: string, linkWorker: string): Promise<PlanView[]> {
    const rows = await this.db.query<{ view: PlanView }>(
      `SELECT view FROM care_plans_plan WHERE organization_id = $1 AND link_worker = $2 AND status = 'open'
       ORDER BY opened_at, plan_id`,
      [organizationId, linkWorker],
    );
    return rows.map((row) => row.view);
  }

  /** Whether care-plans has learned (from the clients context) that the client is the organization's. */
  async knowsClient(organizationId: string, clientId: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM care_plans_client WHERE organization_id = $1 AND client_id = $2',
      [organizationId, clientId],
    );
    return rows.length > 0;
  }

  /** Whether the clients context erased the client (as its events told this service). */
  async isErased(clientId: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM care_plans_client WHERE client_id = $1 AND erased_at IS NOT NULL',
      [clientId],
    );
    return rows.length > 0;
  }

  /**
   * The social prescriptions addressed to a partner organization whose clients consented to share with
   * it, and have not withdrawn: read at the moment of asking, so a withdrawal counts at once.
   */
  async sharedWith(partnerOrganizationId: string): Promise<SharedPrescriptionView[]> {
    const rows = await this.db.query<{
      prescription_id: string;
      client_id: string;
      organization_id: string;
      need: string;
      resource_name: string;
      follow_up_on: string;
    }>(
      `SELECT prescription_id, client_id, organization_id, need, resource_name,
              to_char(follow_up_on, 'YYYY-MM-DD') AS follow_up_on
       FROM care_plans_prescription p
       WHERE partner_organization_id = $1 AND EXISTS (
         SELECT 1 FROM care_plans_consent k WHERE k.client_id = p.client_id AND k.purpose = 'sharing'
           AND k.recipient_organization_id = $1 AND k.withdrawn_at IS NULL)
       ORDER BY prescribed_at, prescription_id`,
      [partnerOrganizationId],
    );
    return rows.map((row) => ({
      prescriptionId: row.prescription_id,
      clientId: row.client_id,
      referringOrganizationId: row.organization_id,
      need: row.need,
      resourceName: row.resource_name,
      followUpOn: row.follow_up_on,
    }));
  }
}

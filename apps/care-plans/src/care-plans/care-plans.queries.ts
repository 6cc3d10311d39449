import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest, type PersonalData } from '@spn/service-kit';
import type { PlanView, ReferralStatusView } from './plan-view';

export interface ServiceAlertView {
  readonly reportId: string;
  readonly clientId: string;
  readonly prescriptionId: string;
  readonly serviceId: string;
  readonly resourceName: string;
  readonly kind: string;
  readonly summary: string;
  readonly confirmedAt: Date;
}

/**
 * Reads of the care-plans read models, always within one organization (the caller's). A plan's view
 * keeps the client's words sealed: each answer opens them with one read of its clients' keys.
 */
export class CarePlansQueries {
  constructor(
    private readonly db: SqlClient,
    private readonly personalData: PersonalData,
  ) {}

  /** The views with their sealed values opened (`null` where the client was erased). */
  private async opened(views: readonly PlanView[]): Promise<PlanView[]> {
    const rows = await this.personalData.openRows(
      views.map((view) => ({ view })),
      (row) => row.view.clientId,
      ['view'],
    );
    return rows.map((row) => row.view);
  }

  /** The client's current plan (open, or the last closed), if the client is the organization's. */
  async currentPlan(organizationId: string, clientId: string): Promise<PlanView | null> {
    const [row] = await this.db.query<{ view: PlanView }>(
      `SELECT view FROM care_plans_plan WHERE organization_id = $1 AND client_id = $2
       ORDER BY opened_at DESC, plan_id DESC LIMIT 1`,
      [organizationId, clientId],
    );
    return row ? ((await this.withReferrals(await this.opened([row.view])))[0] ?? null) : null;
  }

  /**
   * The service alerts of a Link Worker: confirmed changes to a directory service that an open plan of
   * theirs prescribed, whose referral is still open (or has none yet); newest first, a page at a time.
   * The cursor is the last one's confirmation time (PostgreSQL's text), report, client and prescription.
   */
  async serviceAlerts(
    organizationId: string,
    linkWorker: string,
    request: PageRequest,
  ): Promise<Page<ServiceAlertView>> {
    const [at, report, client, prescription] = request.after ?? [null, null, null, null];
    const found = await this.db.query<{
      report_id: string;
      client_id: string;
      prescription_id: string;
      service_id: string;
      resource_name: string;
      kind: string;
      summary: string;
      confirmed_at: Date;
      page_at: string;
    }>(
      `SELECT ch.report_id, p.client_id, p.prescription_id, p.service_id, p.resource_name, ch.kind, ch.summary,
         ch.confirmed_at, ch.confirmed_at::text AS page_at
       FROM care_plans_service_change ch
       JOIN care_plans_prescription p ON p.service_id = ch.service_id
       JOIN care_plans_plan pl ON pl.client_id = p.client_id AND pl.plan_id = p.plan_id AND pl.status = 'open'
       LEFT JOIN care_plans_referral r ON r.client_id = p.client_id AND r.prescription_id = p.prescription_id
       WHERE pl.organization_id = $1 AND pl.link_worker = $2
         AND (r.status IS NULL OR r.status IN ('draft', 'requested', 'accepted', 'in-progress', 'on-hold'))
         AND ($3::timestamptz IS NULL OR ch.confirmed_at < $3::timestamptz
              OR (ch.confirmed_at = $3::timestamptz AND (ch.report_id, p.client_id, p.prescription_id)
                  > ($4::text, $5::text, $6::text)))
       ORDER BY ch.confirmed_at DESC, ch.report_id, p.client_id, p.prescription_id LIMIT $7`,
      [organizationId, linkWorker, at, report, client, prescription, request.limit + 1],
    );
    const page = pageFrom(found, request, (row) => [
      row.page_at,
      row.report_id,
      row.client_id,
      row.prescription_id,
    ]);
    const items = page.items.map((row) => ({
      reportId: row.report_id,
      clientId: row.client_id,
      prescriptionId: row.prescription_id,
      serviceId: row.service_id,
      resourceName: row.resource_name,
      kind: row.kind,
      summary: row.summary,
      confirmedAt: row.confirmed_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** The plans with each prescription's referral status, as the partners context told. */
  private async withReferrals(views: PlanView[]): Promise<PlanView[]> {
    if (views.length === 0) return views;
    const rows = await this.db.query<{
      client_id: string;
      prescription_id: string;
      status: string;
      since: Date;
      history: ReferralStatusView['history'];
    }>(
      'SELECT client_id, prescription_id, status, since, history FROM care_plans_referral WHERE client_id = ANY($1::text[])',
      [views.map((view) => view.clientId)],
    );
    return views.map((view) => ({
      ...view,
      prescriptions: view.prescriptions.map((prescription) => {
        const row = rows.find(
          (r) => r.client_id === view.clientId && r.prescription_id === prescription.prescriptionId,
        );
        return {
          ...prescription,
          referral: row ? { status: row.status, since: row.since.toISOString(), history: row.history } : null,
        };
      }),
    }));
  }

  /**
   * One page of a Link Worker's open plans, oldest opened first: the cursor is the last plan's opening
   * time (PostgreSQL's own text, exact to the microsecond) and id.
   */
  async openPlansPage(
    organizationId: string,
    linkWorker: string,
    request: PageRequest,
  ): Promise<Page<PlanView>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<{ view: PlanView; page_at: string; plan_id: string }>(
      `SELECT view, opened_at::text AS page_at, plan_id FROM care_plans_plan
       WHERE organization_id = $1 AND link_worker = $2 AND status = 'open'
         AND ($3::timestamptz IS NULL OR (opened_at, plan_id) > ($3::timestamptz, $4::text))
       ORDER BY opened_at, plan_id LIMIT $5`,
      [organizationId, linkWorker, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.plan_id]);
    return {
      items: await this.withReferrals(await this.opened(page.items.map((row) => row.view))),
      nextCursor: page.nextCursor,
    };
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
}

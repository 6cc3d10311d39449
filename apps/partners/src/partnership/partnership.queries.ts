import { sql, type Sql, type SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest } from '@spn/service-kit';
import type { SharingScope } from './partner';

export interface ContactView {
  readonly contactId: string;
  readonly name: string;
  readonly role: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface PathwayView {
  readonly pathwayId: string;
  readonly needs: string[];
  readonly howToRefer: string;
  readonly intakeRequirements: string | null;
}

export interface AgreementView {
  readonly agreementId: string;
  readonly partnerId: string;
  readonly organizationId: string;
  readonly alias: string;
  readonly kind: string;
  readonly scope: string[];
  readonly startsOn: string;
  readonly expiresOn: string;
  readonly signedAt: Date;
  readonly terminatedAt: Date | null;
  /** In force on the day asked about: started, not expired, not terminated. */
  readonly active: boolean;
}

export interface PartnerView {
  readonly partnerId: string;
  readonly alias: string;
  readonly name: string;
  readonly kind: string;
  readonly registeredAt: Date;
  readonly contacts: ContactView[];
  readonly pathways: PathwayView[];
  readonly agreements: AgreementView[];
}

export interface EngagementView {
  readonly engagementId: string;
  readonly kind: string;
  readonly summary: string;
  readonly occurredOn: string;
  readonly loggedBy: string;
}

type AgreementRow = {
  partner_id: string;
  agreement_id: string;
  organization_id: string;
  alias: string;
  kind: string;
  scope: string[];
  starts_on: string;
  expires_on: string;
  signed_at: Date;
  terminated_at: Date | null;
  active: boolean;
};

const AGREEMENT_COLUMNS = `partner_id, agreement_id, organization_id, alias, kind, scope,
  to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, signed_at,
  terminated_at, (terminated_at IS NULL AND starts_on <= $2::date AND expires_on >= $2::date) AS active`;

const toAgreement = (row: AgreementRow): AgreementView => ({
  agreementId: row.agreement_id,
  partnerId: row.partner_id,
  organizationId: row.organization_id,
  alias: row.alias,
  kind: row.kind,
  scope: row.scope,
  startsOn: row.starts_on,
  expiresOn: row.expires_on,
  signedAt: row.signed_at,
  terminatedAt: row.terminated_at,
  active: row.active,
});

/** The registry as the hosting organization sees it, and the agreements as either side sees them. */
export class PartnershipQueries {
  constructor(private readonly db: SqlClient) {}

  /** The organization's partners, by name; `today` decides which agreements are active. */
  async partners(organizationId: string, today: string, partnerId?: string): Promise<PartnerView[]> {
    return (await this.partnersPage(organizationId, today, partnerId)).items;
  }

  /** The organization's partners by name, a page at a time (the cursor: the last one's name and id). */
  async partnersPage(
    organizationId: string,
    today: string,
    partnerId?: string,
    request?: PageRequest,
  ): Promise<Page<PartnerView>> {
    const [name, id] = request?.after ?? [null, null];
    const rows = await this.db.query<{
      partner_id: string;
      alias: string;
      name: string;
      kind: string;
      registered_at: Date;
      contacts: ContactView[];
      pathways: PathwayView[];
    }>(
      `SELECT partner_id, alias, name, kind, registered_at, contacts, pathways FROM partners_partner
       WHERE organization_id = $1 AND ($2::text IS NULL OR partner_id = $2)
         AND ($3::text IS NULL OR (name, partner_id) > ($3::text, $4::text))
       ORDER BY name, partner_id LIMIT $5`,
      [organizationId, partnerId ?? null, name, id, request ? request.limit + 1 : null],
    );
    const page = request
      ? pageFrom(rows, request, (row) => [row.name, row.partner_id])
      : { items: rows, nextCursor: null };
    const partners = page.items;
    const agreements = await this.db.query<AgreementRow>(
      `SELECT ${AGREEMENT_COLUMNS} FROM partners_agreement WHERE organization_id = $1 AND partner_id = ANY($3::text[])
       ORDER BY signed_at, agreement_id`,
      [organizationId, today, partners.map((row) => row.partner_id)],
    );
    const items = partners.map((row) => ({
      partnerId: row.partner_id,
      alias: row.alias,
      name: row.name,
      kind: row.kind,
      registeredAt: row.registered_at,
      contacts: row.contacts,
      pathways: row.pathways,
      agreements: agreements.filter((a) => a.partner_id === row.partner_id).map(toAgreement),
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** The agreements a partner organization (by its alias) holds with the organizations of the network. */
  /**
   * A page of the agreements the organization (by alias) holds, oldest signed first: the cursor is the
   * signing time (PostgreSQL's text) and the agreement id.
   */
  async agreementsOf(alias: string, today: string, request: PageRequest): Promise<Page<AgreementView>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<AgreementRow & { page_at: string }>(
      `SELECT ${AGREEMENT_COLUMNS}, signed_at::text AS page_at FROM partners_agreement WHERE alias = $1
         AND ($3::timestamptz IS NULL OR signed_at > $3::timestamptz
              OR (signed_at = $3::timestamptz AND agreement_id > $4::text))
       ORDER BY signed_at, agreement_id LIMIT $5`,
      [alias, today, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.agreement_id]);
    return { items: page.items.map(toAgreement), nextCursor: page.nextCursor };
  }

  /** A page of the engagement log with one partner, newest first: the cursor is the day and the id. */
  async engagementLog(
    organizationId: string,
    partnerId: string,
    request: PageRequest,
  ): Promise<Page<EngagementView>> {
    const [on, id] = request.after ?? [null, null];
    const rows = await this.db.query<{
      engagement_id: string;
      kind: string;
      summary: string;
      occurred_on: string;
      logged_by: string;
    }>(
      `SELECT e.engagement_id, e.kind, e.summary, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.logged_by
       FROM partners_engagement e
       JOIN partners_partner p ON p.organization_id = e.organization_id AND p.partner_id = e.partner_id
       WHERE p.organization_id = $1 AND e.partner_id = $2
         AND ($3::date IS NULL OR e.occurred_on < $3::date OR (e.occurred_on = $3::date AND e.engagement_id > $4::text))
       ORDER BY e.occurred_on DESC, e.engagement_id LIMIT $5`,
      [organizationId, partnerId, on, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.occurred_on, row.engagement_id]);
    const items = page.items.map((row) => ({
      engagementId: row.engagement_id,
      kind: row.kind,
      summary: row.summary,
      occurredOn: row.occurred_on,
      loggedBy: row.logged_by,
    }));
    return { items, nextCursor: page.nextCursor };
  }
}

/**
 * The SQL condition "a data-sharing agreement in force today between the referral's organization and
 * the partner covers this scope", for the referrals' queries (one place for the rule): organization
 * and partner each a column (a fragment) or a value; the day and scope are values.
 */
export const sharingAgreementInForce = (
  organization: Sql | string,
  partner: Sql | string,
  today: string,
  scope: SharingScope = 'referrals',
): Sql => sql`EXISTS (SELECT 1 FROM partners_agreement a WHERE a.organization_id = ${organization}
  AND a.alias = ${partner} AND a.kind = 'data-sharing' AND ${scope}::text = ANY(a.scope) AND a.terminated_at IS NULL
  AND a.starts_on <= ${today}::date AND a.expires_on >= ${today}::date)`;

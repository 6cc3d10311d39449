import { querySql, sql, Sql, type SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest, type PersonalData } from '@spn/service-kit';
import { sharingAgreementInForce } from '../partnership/partnership.queries';
import { consentsToShare } from './clients-feed.projection';

export interface StatusSpell {
  readonly status: string;
  readonly enteredAt: Date;
  readonly by: string | null;
  readonly reason: string | null;
  /** The note written with the change, opened; null without one, hidden from the caller, or erased. */
  readonly note: string | null;
  /** Until the next status, or until now for the current one. */
  readonly seconds: number;
}

export interface ReferralView {
  readonly referralId: string;
  readonly clientId: string;
  readonly organizationId: string;
  readonly partnerOrganizationId: string;
  readonly need: string;
  readonly serviceId: string | null;
  readonly resourceName: string;
  readonly status: string;
  readonly createdAt: Date;
  readonly statusSince: Date;
  readonly history: readonly StatusSpell[];
  /** Only under a contact-details agreement and the client's consent; else null. */
  readonly clientGivenName: string | null;
  readonly clientPreferredLanguage: string | null;
}

export interface StatusDurationView {
  readonly status: string;
  /** Spells ended in this status (the current ones are not counted). */
  readonly spells: number;
  readonly meanSeconds: number;
  readonly medianSeconds: number;
}

interface ReferralRow {
  [column: string]: unknown;
  client_id: string;
  referral_id: string;
  organization_id: string;
  partner_organization_id: string;
  need: string;
  service_id: string | null;
  resource_name: string;
  status: string;
  created_at: Date;
  status_since: Date;
  given_name: string | null;
  preferred_language: string | null;
}

const COLUMNS = `r.client_id, r.referral_id, r.organization_id, r.partner_organization_id, r.need, r.service_id,
  r.resource_name, r.status, r.created_at, r.status_since`;

/** Each status spell with its end: the next spell's start (or now). */
const SPELLS = `SELECT s.client_id, s.referral_id, s.status, s.entered_at, s.by_side, s.reason, s.note,
  LEAD(s.entered_at) OVER (PARTITION BY s.client_id, s.referral_id ORDER BY s.position) AS left_at
  FROM partners_referral_status s`;

/**
 * Whose notes a side reads: the referring organization's care team every note on its referral (the
 * partner's and its own); the partner only those its staff wrote (the receiver's).
 */
export type NotesOf = 'both-sides' | 'receiver';

/**
 * What the referrals read model answers: the partner's side and the requester's side. The client's
 * given name and language, and the notes of the status trail, are kept sealed: an answer that may
 * show them opens them.
 */
export class ReferralsQueries {
  constructor(
    private readonly db: SqlClient,
    private readonly personalData: PersonalData,
  ) {}

  /**
   * The referrals addressed to a partner organization that it may see today: requested (never drafts
   * or entries in error), with the client's consent to share with it, under a data-sharing agreement
   * in force between it and the referring organization. Contact details need both again.
   */
  async forPartner(alias: string, today: string, clientId?: string): Promise<ReferralView[]> {
    return (await this.forPartnerRows(alias, today, clientId)).items;
  }

  /**
   * One page of the referrals the partner may see today, newest first: the cursor is the last one's
   * creation time (PostgreSQL's own text) and its client and referral ids.
   */
  async forPartnerPage(alias: string, today: string, request: PageRequest): Promise<Page<ReferralView>> {
    return this.forPartnerRows(alias, today, undefined, request);
  }

  private async forPartnerRows(
    alias: string,
    today: string,
    clientId?: string,
    request?: PageRequest,
  ): Promise<Page<ReferralView>> {
    const [at, client, referral] = request?.after ?? [null, null, null];
    const organization = sql`r.organization_id`;
    const partner = sql`r.partner_organization_id`;
    const contactDetails = sharingAgreementInForce(organization, partner, today, 'contact-details');
    const rows = await querySql<ReferralRow & { page_at: string }>(
      this.db,
      sql`SELECT ${Sql.raw(COLUMNS)}, r.created_at::text AS page_at,
         CASE WHEN ${contactDetails} THEN c.given_name END AS given_name,
         CASE WHEN ${contactDetails} THEN c.preferred_language END AS preferred_language
       FROM partners_referral r LEFT JOIN partners_client c ON c.client_id = r.client_id
       WHERE r.partner_organization_id = ${alias} AND r.status NOT IN ('draft', 'entered-in-error')
         AND (${clientId ?? null}::text IS NULL OR r.client_id = ${clientId ?? null})
         AND ${consentsToShare(sql`r.client_id`, partner)}
         AND ${sharingAgreementInForce(organization, partner, today)}
         AND (${at}::timestamptz IS NULL OR r.created_at < ${at}::timestamptz
              OR (r.created_at = ${at}::timestamptz AND (r.client_id, r.referral_id) > (${client}::text, ${referral}::text)))
       ORDER BY r.created_at DESC, r.client_id, r.referral_id
       LIMIT ${request ? request.limit + 1 : null}`,
    );
    const page = request
      ? pageFrom(rows, request, (row) => [row.page_at, row.client_id, row.referral_id])
      : { items: rows, nextCursor: null };
    const opened = await this.personalData.openRows(page.items, (row) => row.client_id, [
      'given_name',
      'preferred_language',
    ]);
    return { items: await this.withHistory(opened, 'receiver'), nextCursor: page.nextCursor };
  }

  /**
   * A page of a client's referrals, oldest first, for the care team of the client's organization: the
   * cursor is the creation time (PostgreSQL's text) and the referral id.
   */
  async forClient(
    organizationId: string,
    clientId: string,
    request: PageRequest,
  ): Promise<Page<ReferralView>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<ReferralRow & { page_at: string }>(
      `SELECT ${COLUMNS}, NULL AS given_name, NULL AS preferred_language, r.created_at::text AS page_at
       FROM partners_referral r
       WHERE r.organization_id = $1 AND r.client_id = $2
         AND ($3::timestamptz IS NULL OR r.created_at > $3::timestamptz
              OR (r.created_at = $3::timestamptz AND r.referral_id > $4::text))
       ORDER BY r.created_at, r.referral_id LIMIT $5`,
      [organizationId, clientId, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.referral_id]);
    return { items: await this.withHistory(page.items, 'both-sides'), nextCursor: page.nextCursor };
  }

  /** One referral as the caller's side may see it (the partner's rules, or the organization's). */
  async one(
    clientId: string,
    referralId: string,
  ): Promise<{ organizationId: string; partner: string } | null> {
    const [row] = await this.db.query<{ organization_id: string; partner_organization_id: string }>(
      'SELECT organization_id, partner_organization_id FROM partners_referral WHERE client_id = $1 AND referral_id = $2',
      [clientId, referralId],
    );
    return row ? { organizationId: row.organization_id, partner: row.partner_organization_id } : null;
  }

  /** Whether the partner may see (and so act on) this referral today: the same rule as forPartner. */
  async visibleToPartner(
    alias: string,
    today: string,
    clientId: string,
    referralId: string,
  ): Promise<boolean> {
    return (await this.forPartner(alias, today, clientId)).some((r) => r.referralId === referralId);
  }

  /**
   * Time in each status, over the referrals of one side: the organization's (`organizationId`) or a
   * partner's (`partner`). Spells still open are left out: they have not ended.
   */
  async statusDurations(filter: {
    organizationId?: string;
    partner?: string;
  }): Promise<StatusDurationView[]> {
    const rows = await this.db.query<{ status: string; spells: string; mean: number; median: number }>(
      `WITH spells AS (${SPELLS})
       SELECT s.status, count(*)::text AS spells,
         avg(EXTRACT(EPOCH FROM s.left_at - s.entered_at))::float8 AS mean,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM s.left_at - s.entered_at))::float8 AS median
       FROM spells s JOIN partners_referral r ON r.client_id = s.client_id AND r.referral_id = s.referral_id
       WHERE s.left_at IS NOT NULL AND ($1::text IS NULL OR r.organization_id = $1)
         AND ($2::text IS NULL OR r.partner_organization_id = $2)
       GROUP BY s.status ORDER BY s.status`,
      [filter.organizationId ?? null, filter.partner ?? null],
    );
    return rows.map((row) => ({
      status: row.status,
      spells: Number(row.spells),
      meanSeconds: Math.round(row.mean),
      medianSeconds: Math.round(row.median),
    }));
  }

  /** Open referrals to a directory service: whose Link Worker to alert when the service changes. */
  async openToService(serviceId: string): Promise<{ clientId: string; referralId: string }[]> {
    return (
      await this.db.query<{ client_id: string; referral_id: string }>(
        `SELECT client_id, referral_id FROM partners_referral WHERE service_id = $1
           AND status IN ('draft', 'requested', 'accepted', 'in-progress', 'on-hold')`,
        [serviceId],
      )
    ).map((row) => ({ clientId: row.client_id, referralId: row.referral_id }));
  }

  private async withHistory(rows: ReferralRow[], notesOf: NotesOf): Promise<ReferralView[]> {
    if (rows.length === 0) return [];
    const sealed = await this.db.query<{
      client_id: string;
      referral_id: string;
      status: string;
      entered_at: Date;
      by_side: string | null;
      reason: string | null;
      note: string | null;
      seconds: number;
    }>(
      `WITH spells AS (${SPELLS} WHERE s.client_id = ANY($1::text[]))
       SELECT client_id, referral_id, status, entered_at, by_side, reason,
         CASE WHEN $2::text = 'both-sides' OR by_side = 'receiver' THEN note END AS note,
         EXTRACT(EPOCH FROM COALESCE(left_at, now()) - entered_at)::float8 AS seconds
       FROM spells ORDER BY entered_at`,
      [[...new Set(rows.map((row) => row.client_id))], notesOf],
    );
    const spells = await this.personalData.openRows(sealed, (spell) => spell.client_id, ['note']);
    return rows.map((row) => ({
      referralId: row.referral_id,
      clientId: row.client_id,
      organizationId: row.organization_id,
      partnerOrganizationId: row.partner_organization_id,
      need: row.need,
      serviceId: row.service_id,
      resourceName: row.resource_name,
      status: row.status,
      createdAt: row.created_at,
      statusSince: row.status_since,
      clientGivenName: row.given_name,
      clientPreferredLanguage: row.preferred_language,
      history: spells
        .filter((s) => s.client_id === row.client_id && s.referral_id === row.referral_id)
        .map((s) => ({
          status: s.status,
          enteredAt: s.entered_at,
          by: s.by_side,
          reason: s.reason,
          // Opened: a string, or null once the client's key is destroyed.
          note: typeof s.note === 'string' ? s.note : null,
          seconds: Math.max(0, Math.round(s.seconds)),
        })),
    }));
  }
}

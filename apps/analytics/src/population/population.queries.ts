import type { SqlQueryable } from '@spn/event-store';
import { UNMET_REASONS } from '@spn/contracts';
import type { PersonalData } from '@spn/service-kit';
import type { Family } from './population';

/** What a consented client is counted by: 'not-stated' where they said nothing (or chose not to). */
export interface ClientStrata {
  readonly ageBand: string;
  readonly gender: string;
  readonly language: string;
  readonly incomeBand: string;
  readonly ethnicity: string;
  readonly indigenousIdentity: string;
}

export interface ClientFact {
  readonly clientId: string;
  readonly area: string;
  readonly strata: ClientStrata;
  readonly needs: readonly string[];
  readonly firstReferredAt: Date;
  readonly firstContactAt: Date | null;
}

export interface ReferralFact {
  readonly clientId: string;
  readonly area: string;
  readonly strata: ClientStrata;
  readonly need: string;
  readonly createdAt: Date;
  readonly status: string;
  readonly reason: string | null;
  readonly acceptedAt: Date | null;
}

export interface OutcomeFact {
  readonly clientId: string;
  readonly area: string;
  readonly strata: ClientStrata;
  readonly score: string;
  readonly baseline: number;
  readonly followUp: number;
  readonly followUpAt: Date;
}

/** Which clients: those consented to evaluation (population, exports), or all (the organization's own indicators). */
export type Scope = 'consented' | 'all';
const scoped = (scope: Scope) => (scope === 'consented' ? CONSENTED : 'true');

/** A client counts only while they hold a consent for evaluation that is not withdrawn (docs/domain.md 8, 9). */
export const CONSENTED = `EXISTS (SELECT 1 FROM analytics_consent k WHERE k.client_id = c.client_id
  AND k.purpose = 'evaluation' AND NOT k.withdrawn)`;

const STRATA_COLUMNS = `c.area, c.age_band, c.gender, c.language, c.languages, c.income_band, c.ethnicity,
  c.indigenous_identity`;

type StrataRow = {
  client_id: string;
  area: unknown;
  age_band: string | null;
  gender: unknown;
  language: unknown;
  languages: unknown;
  income_band: unknown;
  ethnicity: unknown;
  indigenous_identity: unknown;
};

/** The strata the client stated, kept sealed with their key (facts.evolve.ts): opened to compute figures. */
const SEALED_STRATA = [
  'area',
  'gender',
  'language',
  'languages',
  'income_band',
  'ethnicity',
  'indigenous_identity',
] as const;

/** A stated value as text; anything else (none, erased, empty) is none. */
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The language counted: the preferred one, else the first the client described; lower-cased. */
const languageOf = (row: StrataRow): string | null => {
  const described = Array.isArray(row.languages) ? (row.languages as unknown[]) : [];
  return (text(row.language) ?? text(described[0]))?.toLowerCase() ?? null;
};

export const NOT_STATED = 'not-stated';
const stated = (value: string | null): string =>
  value === null || value === 'prefer-not-to-say' ? NOT_STATED : value;

const strataOf = (row: StrataRow): ClientStrata => ({
  ageBand: stated(row.age_band),
  gender: stated(text(row.gender)),
  language: stated(languageOf(row)),
  incomeBand: stated(text(row.income_band)),
  ethnicity: stated(text(row.ethnicity)),
  indigenousIdentity: stated(text(row.indigenous_identity)),
});

type ClientRow = StrataRow & {
  client_id: string;
  needs: string[];
  first_referred_at: Date;
  first_contact_at: Date | null;
};
const CLIENT_COLUMNS = `c.client_id, c.needs, c.first_referred_at, c.first_contact_at, ${STRATA_COLUMNS}`;

const clientOf = (row: ClientRow): ClientFact => ({
  clientId: row.client_id,
  area: stated(text(row.area)),
  strata: strataOf(row),
  needs: row.needs,
  firstReferredAt: new Date(row.first_referred_at),
  firstContactAt: row.first_contact_at === null ? null : new Date(row.first_contact_at),
});

/** Whether a referral that ended did so for want of a resource (the shared definition of "unmet"). */
export const isUnmet = (status: string, reason: string | null): boolean =>
  (status === 'rejected' || status === 'failed') &&
  reason !== null &&
  (UNMET_REASONS as readonly string[]).includes(reason);

/** The tables each family of population figures reads: every one reads the clients and their consents. */
const FAMILY_TABLES: Readonly<Record<Family, readonly string[]>> = {
  clients: ['analytics_client', 'analytics_consent'],
  referrals: ['analytics_client', 'analytics_consent', 'analytics_referral'],
  outcomes: ['analytics_client', 'analytics_consent', 'analytics_outcome'],
};

/**
 * The consented clients' facts of one organization, read for the population tables and exports: the
 * strata the clients stated are opened here, in memory, with one read of their keys per question.
 */
export class PopulationQueries {
  constructor(
    private readonly db: SqlQueryable,
    private readonly personalData: PersonalData,
  ) {}

  /** Rows with their clients' strata opened (`null`, so not stated, where a client was erased). */
  private opened<R extends StrataRow>(rows: readonly R[]): Promise<R[]> {
    return this.personalData.openRows(rows, (row) => row.client_id, SEALED_STRATA);
  }

  /**
   * Where the tables a family's figures are read from stand: it moves on whenever the facts projection
   * writes one of them (facts.projection.ts), and only then.
   */
  async factsVersion(family: Family): Promise<string> {
    const [row] = await this.db.query<{ version: string | null }>(
      `SELECT string_agg(table_name || ':' || version, ',' ORDER BY table_name) AS version
       FROM analytics_table_version WHERE table_name = ANY($1::text[])`,
      [FAMILY_TABLES[family]],
    );
    return row?.version ?? '';
  }

  async clients(organizationId: string, scope: Scope = 'consented'): Promise<ClientFact[]> {
    const rows = await this.opened(
      await this.db.query<ClientRow>(
        `SELECT ${CLIENT_COLUMNS} FROM analytics_client c
         WHERE c.organization_id = $1 AND ${scoped(scope)} ORDER BY c.client_id`,
        [organizationId],
      ),
    );
    return rows.map(clientOf);
  }

  /**
   * One batch of the consented clients in an order only `salt` gives (an export's rows must not come
   * in id or arrival order), after the batch whose last order key was `after`.
   */
  async clientBatch(
    organizationId: string,
    batch: { readonly salt: string; readonly after: string | null; readonly limit: number },
  ): Promise<(ClientFact & { readonly orderKey: string })[]> {
    const rows = await this.opened(
      await this.db.query<ClientRow & { order_key: string }>(
        `SELECT * FROM (
           SELECT ${CLIENT_COLUMNS}, md5($2 || c.client_id) || c.client_id AS order_key
           FROM analytics_client c WHERE c.organization_id = $1 AND ${CONSENTED}
         ) batch WHERE $3::text IS NULL OR order_key > $3 ORDER BY order_key LIMIT $4`,
        [organizationId, batch.salt, batch.after, batch.limit],
      ),
    );
    return rows.map((row) => ({ ...clientOf(row), orderKey: row.order_key }));
  }

  /** Referrals sent to a partner (not drafts, not entered in error) of consented clients. */
  async referrals(
    organizationId: string,
    scope: Scope = 'consented',
    clientIds: readonly string[] | null = null,
  ): Promise<ReferralFact[]> {
    const rows = await this.opened(
      await this.db.query<
        StrataRow & {
          client_id: string;
          need: string;
          created_at: Date;
          status: string;
          reason: string | null;
          accepted_at: Date | null;
        }
      >(
        `SELECT r.client_id, r.need, r.created_at, r.status, r.reason, r.accepted_at, ${STRATA_COLUMNS}
       FROM analytics_referral r JOIN analytics_client c ON c.client_id = r.client_id
       WHERE c.organization_id = $1 AND ${scoped(scope)} AND r.status NOT IN ('draft', 'entered-in-error')
         AND ($2::text[] IS NULL OR c.client_id = ANY($2::text[]))
       ORDER BY r.referral_id`,
        [organizationId, clientIds],
      ),
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      area: stated(text(row.area)),
      strata: strataOf(row),
      need: row.need,
      createdAt: new Date(row.created_at),
      status: row.status,
      reason: row.reason,
      acceptedAt: row.accepted_at === null ? null : new Date(row.accepted_at),
    }));
  }

  /** Per consented client and score: the first baseline and the latest follow-up, where both exist. */
  async outcomes(
    organizationId: string,
    score: string,
    scope: Scope = 'consented',
    clientIds: readonly string[] | null = null,
  ): Promise<OutcomeFact[]> {
    const rows = await this.opened(
      await this.db.query<
        StrataRow & { client_id: string; baseline: number; follow_up: number; follow_up_at: Date }
      >(
        `WITH firsts AS (
         SELECT DISTINCT ON (client_id) client_id, value FROM analytics_outcome
         WHERE score = $2 AND timepoint = 'baseline' ORDER BY client_id, recorded_at, measurement_id
       ), lasts AS (
         SELECT DISTINCT ON (client_id) client_id, value, recorded_at FROM analytics_outcome
         WHERE score = $2 AND timepoint = 'follow-up' ORDER BY client_id, recorded_at DESC, measurement_id DESC
       )
       SELECT c.client_id, f.value AS baseline, l.value AS follow_up, l.recorded_at AS follow_up_at, ${STRATA_COLUMNS}
       FROM analytics_client c JOIN firsts f ON f.client_id = c.client_id JOIN lasts l ON l.client_id = c.client_id
       WHERE c.organization_id = $1 AND ${scoped(scope)}
         AND ($3::text[] IS NULL OR c.client_id = ANY($3::text[])) ORDER BY c.client_id`,
        [organizationId, score, clientIds],
      ),
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      area: stated(text(row.area)),
      strata: strataOf(row),
      score,
      baseline: row.baseline,
      followUp: row.follow_up,
      followUpAt: new Date(row.follow_up_at),
    }));
  }
}

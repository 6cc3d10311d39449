import type { SqlClient } from '@spn/event-store';
import { pageFrom, type ClientFile, type Page, type PageRequest, type PersonalData } from '@spn/service-kit';
import type { ConsentPurpose, Urgency } from './client';

export interface ClientView {
  readonly clientId: string;
  readonly organizationId: string;
  readonly firstReferredAt: Date;
  readonly lastReferredAt: Date;
  readonly referrals: number;
  readonly needs: readonly string[];
  readonly urgency: Urgency;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly dateOfBirth: string | null;
  readonly preferredLanguage: string | null;
  readonly linkWorker: string | null;
  readonly erasedAt: Date | null;
  readonly communication: CommunicationView | null;
  readonly culturalIdentity: CulturalIdentityView | null;
  readonly demographics: DemographicsView | null;
  readonly circleOfSupport: readonly SupportPersonView[];
  readonly consents: readonly ConsentView[];
}

export interface CommunicationView {
  readonly channels: string[];
  readonly interpreterNeeded: boolean;
  readonly accessibilityNeeds: string[];
  readonly bestTimes: string | null;
}

export interface CulturalIdentityView {
  readonly inClientsWords: string | null;
  readonly indigenousIdentity: string | null;
  readonly languages: string[];
  readonly practicesAndPreferences: string | null;
}

export interface DemographicsView {
  readonly area: string | null;
  readonly gender: string | null;
  readonly incomeBand: string | null;
  readonly ethnicity: string | null;
}

export interface SupportPersonView {
  readonly personId: string;
  readonly name: string;
  readonly relationship: string;
  readonly mayKnow: string[];
}

export interface InteractionView {
  readonly interactionId: string;
  readonly party: string;
  readonly channel: string;
  readonly purpose: string | null;
  readonly summary: string | null;
  readonly followUpNeeded: boolean;
  readonly occurredAt: Date;
}

export interface ConsentView {
  readonly consentId: string;
  readonly purpose: ConsentPurpose;
  readonly recipientOrganizationId: string | null;
  readonly recordedAt: Date;
  readonly withdrawnAt: Date | null;
}

interface ClientRow {
  [column: string]: unknown;
  client_id: string;
  organization_id: string;
  first_referred_at: Date;
  last_referred_at: Date;
  referrals: number;
  needs: string[];
  // Only what the decider accepted is stored (the projection writes the event's value).
  urgency: Urgency;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  preferred_language: string | null;
  link_worker: string | null;
  erased_at: Date | null;
  communication: CommunicationView | null;
  cultural_identity: CulturalIdentityView | null;
  demographics: DemographicsView | null;
  circle_of_support: SupportPersonView[];
}

const CLIENT_COLUMNS = `client_id, organization_id, first_referred_at, last_referred_at, referrals, needs, urgency,
  given_name, family_name, date_of_birth, preferred_language, link_worker, erased_at,
  communication, cultural_identity, demographics, circle_of_support`;

/** The columns that hold personal values sealed with the client's key (as text, or inside JSON). */
const SEALED_CLIENT_COLUMNS = [
  'given_name',
  'family_name',
  'date_of_birth',
  'preferred_language',
  'communication',
  'cultural_identity',
  'demographics',
  'circle_of_support',
] as const;

/**
 * Reads of the clients read model, always within one organization (the caller's). Its personal values
 * are sealed: each answer opens them, with one read of the keys of its clients (`null` once erased).
 */
export class ClientsQueries {
  constructor(
    private readonly db: SqlClient,
    private readonly personalData: PersonalData,
  ) {}

  private open<R extends ClientRow>(rows: readonly R[]): Promise<R[]> {
    return this.personalData.openRows(rows, (row) => row.client_id, SEALED_CLIENT_COLUMNS);
  }

  async client(organizationId: string, clientId: string): Promise<ClientView | null> {
    const [row] = await this.db.query<ClientRow>(
      `SELECT ${CLIENT_COLUMNS} FROM clients_client WHERE organization_id = $1 AND client_id = $2`,
      [organizationId, clientId],
    );
    if (!row) return null;
    const [opened] = await this.open([row]);
    const consents = await this.consentsOf([clientId]);
    return { ...toView(opened ?? row), consents: consents.get(clientId) ?? [] };
  }

  /**
   * Whose caseload a client's file is on, for need to know before a part of the file is read: no
   * personal value, so nothing to open (no key read, no consents).
   */
  async file(organizationId: string, clientId: string): Promise<ClientFile | null> {
    const [row] = await this.db.query<{ client_id: string; link_worker: string | null }>(
      `SELECT client_id, link_worker FROM clients_client WHERE organization_id = $1 AND client_id = $2`,
      [organizationId, clientId],
    );
    return row ? { clientId: row.client_id, linkWorker: row.link_worker } : null;
  }

  /**
   * The organization's clients who may be this person (intake's duplicate check): the same given and
   * family names, ignoring case, accents and spacing, and the same date of birth where both are known.
   * Names are sealed, so the organization's clients are opened and compared here (one read of keys).
   */
  async possibleDuplicates(
    organizationId: string,
    person: { givenName: string; familyName: string; dateOfBirth: string | null },
  ): Promise<ClientView[]> {
    const rows = await this.open(
      await this.db.query<ClientRow>(
        `SELECT ${CLIENT_COLUMNS} FROM clients_client WHERE organization_id = $1 AND erased_at IS NULL
         ORDER BY last_referred_at DESC, client_id`,
        [organizationId],
      ),
    );
    const given = comparableName(person.givenName);
    const family = comparableName(person.familyName);
    return rows
      .filter(
        (row) =>
          comparableName(row.given_name ?? '') === given &&
          comparableName(row.family_name ?? '') === family &&
          (person.dateOfBirth === null ||
            row.date_of_birth === null ||
            row.date_of_birth === person.dateOfBirth),
      )
      .map((row) => ({ ...toView(row), consents: [] }));
  }

  /** A Link Worker's caseload: their clients, most recently referred first. */
  async caseload(organizationId: string, linkWorker: string): Promise<ClientView[]> {
    const rows = await this.open(
      await this.db.query<ClientRow>(
        `SELECT ${CLIENT_COLUMNS} FROM clients_client WHERE organization_id = $1 AND link_worker = $2
         ORDER BY last_referred_at DESC, client_id`,
        [organizationId, linkWorker],
      ),
    );
    const consents = await this.consentsOf(rows.map((row) => row.client_id));
    return rows.map((row) => ({ ...toView(row), consents: consents.get(row.client_id) ?? [] }));
  }

  /**
   * One page of a Link Worker's caseload, in the caseload's order (most recently referred first): the
   * cursor is the last item's referral time (as PostgreSQL's own text, exact to the microsecond) and id.
   */
  async caseloadPage(
    organizationId: string,
    linkWorker: string,
    request: PageRequest,
  ): Promise<Page<ClientView>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<ClientRow & { page_at: string }>(
      `SELECT ${CLIENT_COLUMNS}, last_referred_at::text AS page_at FROM clients_client
       WHERE organization_id = $1 AND link_worker = $2
         AND ($3::timestamptz IS NULL OR last_referred_at < $3::timestamptz
              OR (last_referred_at = $3::timestamptz AND client_id > $4))
       ORDER BY last_referred_at DESC, client_id LIMIT $5`,
      [organizationId, linkWorker, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.client_id]);
    const consents = await this.consentsOf(page.items.map((row) => row.client_id));
    return {
      items: (await this.open(page.items)).map((row) => ({
        ...toView(row),
        consents: consents.get(row.client_id) ?? [],
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * One page of the client's interaction log, newest first, within the caller's organization: the
   * cursor is the last one's time (PostgreSQL's own text) and id.
   */
  async interactions(
    organizationId: string,
    clientId: string,
    request: PageRequest,
  ): Promise<Page<InteractionView>> {
    const [at, id] = request.after ?? [null, null];
    const found = await this.db.query<{
      interaction_id: string;
      party: string;
      channel: string;
      purpose: string | null;
      summary: string | null;
      follow_up_needed: boolean;
      occurred_at: Date;
      page_at: string;
    }>(
      `SELECT i.*, i.occurred_at::text AS page_at FROM clients_interaction i
         JOIN clients_client c ON c.client_id = i.client_id
       WHERE c.organization_id = $1 AND i.client_id = $2
         AND ($3::timestamptz IS NULL OR i.occurred_at < $3::timestamptz
              OR (i.occurred_at = $3::timestamptz AND i.interaction_id > $4::text))
       ORDER BY i.occurred_at DESC, i.interaction_id LIMIT $5`,
      [organizationId, clientId, at, id, request.limit + 1],
    );
    const page = pageFrom(found, request, (row) => [row.page_at, row.interaction_id]);
    const opened = await this.personalData.openRows(page.items, () => clientId, ['purpose', 'summary']);
    const items = opened.map((row) => ({
      interactionId: row.interaction_id,
      party: row.party,
      channel: row.channel,
      purpose: row.purpose,
      summary: row.summary,
      followUpNeeded: row.follow_up_needed,
      occurredAt: row.occurred_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  private async consentsOf(clientIds: readonly string[]): Promise<Map<string, ConsentView[]>> {
    const rows = await this.db.query<{
      client_id: string;
      consent_id: string;
      purpose: ConsentPurpose;
      recipient_organization_id: string | null;
      recorded_at: Date;
      withdrawn_at: Date | null;
    }>(
      `SELECT client_id, consent_id, purpose, recipient_organization_id, recorded_at, withdrawn_at
       FROM clients_consent WHERE client_id IN (SELECT jsonb_array_elements_text($1::jsonb))
       ORDER BY recorded_at, consent_id`,
      [JSON.stringify(clientIds)],
    );
    const byClient = new Map<string, ConsentView[]>();
    for (const c of rows) {
      const list = byClient.get(c.client_id) ?? [];
      list.push({
        consentId: c.consent_id,
        purpose: c.purpose,
        recipientOrganizationId: c.recipient_organization_id,
        recordedAt: c.recorded_at,
        withdrawnAt: c.withdrawn_at,
      });
      byClient.set(c.client_id, list);
    }
    return byClient;
  }
}

/** A name as the duplicate check compares it: lower case, no accents, single spaces, no punctuation. */
export const comparableName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function toView(row: ClientRow): Omit<ClientView, 'consents'> {
  return {
    clientId: row.client_id,
    organizationId: row.organization_id,
    firstReferredAt: row.first_referred_at,
    lastReferredAt: row.last_referred_at,
    referrals: row.referrals,
    needs: row.needs,
    urgency: row.urgency,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    preferredLanguage: row.preferred_language,
    linkWorker: row.link_worker,
    erasedAt: row.erased_at,
    communication: row.communication,
    culturalIdentity: row.cultural_identity,
    demographics: row.demographics,
    circleOfSupport: row.circle_of_support,
  };
}

import {
  clientDetailsRegistered,
  clientErased,
  clientReferred,
  consentRecorded,
  consentWithdrawn,
  culturalIdentityDescribed,
  dataOf,
  demographicsDescribed,
  interactionLogged,
  outcomeRecorded,
  planClosed,
  planOpened,
  referralCreated,
  referralStatusChanged,
  unmetNeedRecorded,
} from '@spn/contracts';
import type { IntegrationMessage } from '@spn/messaging';
import { ageBandAt, ENDED_STATUSES, outcomeScores } from './facts';

/**
 * What the analytics facts become after a page of integration events, worked out in memory: pure, so
 * the projection reads the rows a page touches once, applies every message in log order here, and
 * writes each table once (facts.projection.ts). A consumer's run and a rebuild's page go through the
 * same rules, and a message alone is a page of one.
 */

/** A moment as the database gave it (a Date) or as an event carried it (its own text, parsed by SQL). */
export type Moment = Date | string;

/**
 * A client's facts. The strata the client stated (language, gender, income band, ethnicity, Indigenous
 * identity, area) are kept as their events hold them: sealed with the client's key (`pd1:`), opened
 * only when figures are computed (population.queries.ts). The age band is derived, generalised, and
 * kept in clear: the date of birth itself is never kept.
 */
export type ClientRow = {
  client_id: string;
  organization_id: string;
  first_referred_at: Moment;
  needs: string[];
  age_band: string | null;
  /** The preferred language, sealed (as stated: the figures lower-case it). */
  language: string | null;
  /** The languages the client described (sealed): the first counts where no preferred one was given. */
  languages: unknown;
  gender: string | null;
  income_band: string | null;
  ethnicity: string | null;
  indigenous_identity: string | null;
  area: string | null;
  first_contact_at: Moment | null;
};
export type ConsentRow = {
  consent_id: string;
  client_id: string;
  purpose: string;
  withdrawn: boolean;
};
export type ReferralRow = {
  referral_id: string;
  client_id: string;
  organization_id: string;
  need: string;
  created_at: Moment;
  status: string;
  reason: string | null;
  accepted_at: Moment | null;
  ended_at: Moment | null;
};
export type PlanRow = {
  client_id: string;
  organization_id: string;
  link_worker: string;
  opened_at: Moment;
  closed_at: Moment | null;
};
/** Rows only ever added (a later copy of the same key is ignored, as the log may deliver one twice). */
export type StatusRow = {
  referral_id: string;
  position: number;
  client_id: string;
  status: string;
  entered_at: Moment;
};
export type OutcomeRow = {
  measurement_id: string;
  score: string;
  client_id: string;
  timepoint: string;
  value: number;
  recorded_at: Moment;
};
export type UnmetNeedRow = {
  unmet_need_id: string;
  organization_id: string;
  need: string;
  area: string;
  recorded_at: Moment;
};

/**
 * A row's key within its client: a consent's or referral's id is the caller's, meaningful within its
 * client only (docs/read-models.md, "Ids and keys"), so the client's id comes first.
 */
export type OwnedKey = readonly [clientId: string, id: string];

/** One text for an owner and the ids within it, to key the page's maps. */
export const ownedKey = (...parts: readonly (string | number)[]): string => parts.join('\u0000');

/** The keys of the stored rows a page of messages reads or changes: the projection loads these first. */
export interface FactsKeys {
  /** Every client the page concerns: whether each is erased. */
  readonly clients: string[];
  /** Clients whose own row a message of the clients topic changes. */
  readonly clientRows: string[];
  readonly consents: OwnedKey[];
  readonly referrals: OwnedKey[];
  readonly plans: string[];
}

/** The stored rows of those keys (a key without a row is absent), and which clients are erased. */
export interface StoredFacts {
  readonly erased: Iterable<string>;
  readonly clients: Iterable<ClientRow>;
  readonly consents: Iterable<ConsentRow>;
  readonly referrals: Iterable<ReferralRow>;
  readonly plans: Iterable<PlanRow>;
}

/** What to write: the clients erased, every changed row whole, and the rows added. */
export interface FactsChanges {
  readonly erased: string[];
  readonly clients: ClientRow[];
  readonly consents: ConsentRow[];
  readonly referrals: ReferralRow[];
  readonly plans: PlanRow[];
  readonly statuses: StatusRow[];
  readonly outcomes: OutcomeRow[];
  readonly unmetNeeds: UnmetNeedRow[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
/** A field the facts cannot go without: a message lacking it is refused (and dead-lettered), never half-kept. */
export class MissingFactError extends Error {
  override readonly name = 'MissingFactError';
  constructor(
    readonly eventType: string,
    readonly field: string,
  ) {
    super(`${eventType} has no ${field}`);
  }
}
/**
 * A field of a message's typed data (`dataOf`) the row cannot go without. The inbox validated the
 * message against its contract already; this still refuses one without the field rather than keep a
 * row without it (a rebuild reads the log with the same rules).
 */
const required = <Data extends object>(
  message: IntegrationMessage,
  data: Data,
  field: keyof Data & string,
): string => {
  const value: unknown = data[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new MissingFactError(message.type, field);
};
const time = (moment: Moment): number => new Date(moment).getTime();
/** The earlier of two moments; a missing one never wins (SQL's LEAST). */
const earliest = (a: Moment | null, b: Moment | null): Moment | null =>
  a === null ? b : b === null ? a : time(b) < time(a) ? b : a;

/** The client a message is about: its stream's id after the prefix of its topic; none for others. */
export function clientOf(message: IntegrationMessage): string | null {
  const prefix = message.type.startsWith('clients.')
    ? 'client-'
    : message.type.startsWith('care-plans.')
      ? 'careplan-'
      : message.type.startsWith('partners.') && message.type !== unmetNeedRecorded.type
        ? 'referral-'
        : null;
  return prefix !== null && message.streamId.startsWith(prefix)
    ? message.streamId.slice(prefix.length)
    : null;
}

/** The consent a message is about: its id for the consent events, none for others. */
function consentIdOf(message: IntegrationMessage): string | null {
  switch (message.type) {
    case consentRecorded.type:
      return text(dataOf(consentRecorded, message).consentId);
    case consentWithdrawn.type:
      return text(dataOf(consentWithdrawn, message).consentId);
    default:
      return null;
  }
}

/** The referral a message is about: its id for the referral events, none for others. */
function referralIdOf(message: IntegrationMessage): string | null {
  switch (message.type) {
    case referralCreated.type:
      return text(dataOf(referralCreated, message).referralId);
    case referralStatusChanged.type:
      return text(dataOf(referralStatusChanged, message).referralId);
    default:
      return null;
  }
}

/** Which stored rows a page needs. */
export function keysOf(messages: readonly IntegrationMessage[]): FactsKeys {
  const keys = {
    clients: new Set<string>(),
    clientRows: new Set<string>(),
    consents: new Map<string, OwnedKey>(),
    referrals: new Map<string, OwnedKey>(),
    plans: new Set<string>(),
  };
  for (const message of messages) {
    const clientId = clientOf(message);
    if (clientId === null) continue;
    keys.clients.add(clientId);
    const consentId = consentIdOf(message);
    const referralId = referralIdOf(message);
    if (message.type.startsWith('clients.')) keys.clientRows.add(clientId);
    if (consentId !== null) keys.consents.set(ownedKey(clientId, consentId), [clientId, consentId]);
    if (message.type.startsWith('care-plans.Plan')) keys.plans.add(clientId);
    if (referralId !== null) keys.referrals.set(ownedKey(clientId, referralId), [clientId, referralId]);
  }
  return {
    clients: [...keys.clients],
    clientRows: [...keys.clientRows],
    consents: [...keys.consents.values()],
    referrals: [...keys.referrals.values()],
    plans: [...keys.plans],
  };
}

/**
 * The facts of a page in memory. The three topics arrive in no particular order to one another, so each
 * message changes only its own columns; an erased client's tombstone keeps a later message of another
 * topic from bringing them back.
 */
export class FactsPage {
  private readonly erased: Set<string>;
  private readonly newlyErased = new Set<string>();
  private readonly clients = new Map<string, ClientRow>();
  private readonly consents = new Map<string, ConsentRow>();
  private readonly referrals = new Map<string, ReferralRow>();
  private readonly plans = new Map<string, PlanRow>();
  /** Rows changed since loading, by table: only these are written. */
  private readonly changed = {
    clients: new Set<string>(),
    consents: new Set<string>(),
    referrals: new Set<string>(),
    plans: new Set<string>(),
  };
  private readonly statuses = new Map<string, StatusRow>();
  private readonly outcomes = new Map<string, OutcomeRow>();
  private readonly unmetNeeds = new Map<string, UnmetNeedRow>();

  constructor(stored: StoredFacts) {
    this.erased = new Set(stored.erased);
    for (const row of stored.clients) this.clients.set(row.client_id, { ...row, needs: [...row.needs] });
    for (const row of stored.consents) this.consents.set(ownedKey(row.client_id, row.consent_id), { ...row });
    for (const row of stored.referrals)
      this.referrals.set(ownedKey(row.client_id, row.referral_id), { ...row });
    for (const row of stored.plans) this.plans.set(row.client_id, { ...row });
  }

  /**
   * Applies a message: `message` opened (what the facts derive from: an age band, a score), `sealed` as
   * stored, personal fields sealed (what the facts keep of the client's own words); the same message
   * twice where nothing was sealed.
   */
  apply(message: IntegrationMessage, sealed: IntegrationMessage = message): void {
    const clientId = clientOf(message);
    if (message.type === unmetNeedRecorded.type) this.unmetNeedRecorded(message);
    else if (clientId === null) return;
    else if (message.type === clientErased.type) this.clientErased(clientId);
    else if (this.erased.has(clientId)) return;
    else if (message.type.startsWith('clients.')) this.onClients(message, sealed, clientId);
    else if (message.type.startsWith('care-plans.')) this.onCarePlans(message, clientId);
    else this.onPartners(message, clientId);
  }

  /** What the page changed, to be written in one statement per table. */
  changes(): FactsChanges {
    const pick = <Row>(rows: Map<string, Row>, keys: Set<string>): Row[] =>
      [...keys].flatMap((key) => rows.get(key) ?? []);
    return {
      erased: [...this.newlyErased],
      clients: pick(this.clients, this.changed.clients),
      consents: pick(this.consents, this.changed.consents),
      referrals: pick(this.referrals, this.changed.referrals),
      plans: pick(this.plans, this.changed.plans),
      statuses: [...this.statuses.values()],
      outcomes: [...this.outcomes.values()],
      unmetNeeds: [...this.unmetNeeds.values()],
    };
  }

  /** Everything kept of the client goes, here and in the database; their later messages are ignored. */
  private clientErased(clientId: string): void {
    this.erased.add(clientId);
    this.newlyErased.add(clientId);
    const drop = <Row extends { client_id: string }>(rows: Map<string, Row>, changed?: Set<string>) => {
      for (const [key, row] of rows)
        if (row.client_id === clientId) {
          rows.delete(key);
          changed?.delete(key);
        }
    };
    drop(this.clients, this.changed.clients);
    drop(this.consents, this.changed.consents);
    drop(this.referrals, this.changed.referrals);
    drop(this.plans, this.changed.plans);
    drop(this.statuses);
    drop(this.outcomes);
  }

  private onClients(message: IntegrationMessage, sealed: IntegrationMessage, clientId: string): void {
    /** A personal value as the event holds it (sealed), `null` where absent. */
    const keep = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    const row = this.clients.get(clientId);
    const change = (update: Partial<ClientRow>) => {
      if (!row) return; // Details before the referral itself: nothing to describe yet.
      Object.assign(row, update);
      this.changed.clients.add(clientId);
    };
    switch (message.type) {
      case clientReferred.type: {
        const stated: unknown = dataOf(clientReferred, message).needs;
        const needs = Array.isArray(stated) ? stated.filter((need) => typeof need === 'string') : [];
        const merged = [...new Set([...(row?.needs ?? []), ...needs])].sort();
        if (row)
          change({
            first_referred_at: earliest(row.first_referred_at, message.occurredAt) ?? message.occurredAt,
            needs: merged,
          });
        else {
          this.clients.set(clientId, {
            client_id: clientId,
            organization_id: message.organizationId,
            first_referred_at: message.occurredAt,
            needs: merged,
            age_band: null,
            language: null,
            languages: null,
            gender: null,
            income_band: null,
            ethnicity: null,
            indigenous_identity: null,
            area: null,
            first_contact_at: null,
          });
          this.changed.clients.add(clientId);
        }
        return;
      }
      case clientDetailsRegistered.type: {
        // The age at the first referral, in a band; the date of birth itself is not kept.
        const born = text(dataOf(clientDetailsRegistered, message).dateOfBirth);
        change({
          age_band: born && row ? ageBandAt(born, new Date(row.first_referred_at)) : null,
          language: keep(dataOf(clientDetailsRegistered, sealed).preferredLanguage),
        });
        return;
      }
      case culturalIdentityDescribed.type: {
        const described = dataOf(culturalIdentityDescribed, sealed);
        // Kept as the event holds it (sealed); null where a message has none.
        const languages: unknown = described.languages;
        change({ indigenous_identity: keep(described.indigenousIdentity), languages: languages ?? null });
        return;
      }
      case demographicsDescribed.type: {
        const described = dataOf(demographicsDescribed, sealed);
        change({
          area: keep(described.area),
          gender: keep(described.gender),
          income_band: keep(described.incomeBand),
          ethnicity: keep(described.ethnicity),
        });
        return;
      }
      case interactionLogged.type: {
        // First contact: the first interaction with the client themself.
        const interaction = dataOf(interactionLogged, message);
        const at = text(interaction.occurredAt);
        if (interaction.party !== 'client' || at === null) return;
        change({ first_contact_at: earliest(row?.first_contact_at ?? null, at) });
        return;
      }
      case consentRecorded.type: {
        const consent = dataOf(consentRecorded, message);
        const consentId = text(consent.consentId);
        if (consentId === null) return;
        const key = ownedKey(clientId, consentId);
        if (this.consents.has(key)) return;
        this.consents.set(key, {
          consent_id: consentId,
          client_id: clientId,
          purpose: required(message, consent, 'purpose'),
          withdrawn: false,
        });
        this.changed.consents.add(key);
        return;
      }
      case consentWithdrawn.type: {
        const key = ownedKey(clientId, text(dataOf(consentWithdrawn, message).consentId) ?? '');
        const consent = this.consents.get(key);
        if (!consent) return;
        consent.withdrawn = true;
        this.changed.consents.add(key);
        return;
      }
    }
  }

  private onCarePlans(message: IntegrationMessage, clientId: string): void {
    const plan = this.plans.get(clientId);
    switch (message.type) {
      case planOpened.type: {
        const data = dataOf(planOpened, message);
        const opened = {
          link_worker: required(message, data, 'linkWorker'),
          opened_at: required(message, data, 'openedAt'),
        };
        if (plan) Object.assign(plan, opened, { closed_at: null });
        else
          this.plans.set(clientId, {
            client_id: clientId,
            organization_id: message.organizationId,
            ...opened,
            closed_at: null,
          });
        this.changed.plans.add(clientId);
        return;
      }
      case planClosed.type:
        if (!plan) return;
        plan.closed_at = text(dataOf(planClosed, message).closedAt);
        this.changed.plans.add(clientId);
        return;
      case outcomeRecorded.type: {
        const data = dataOf(outcomeRecorded, message);
        // An erased client's result reads null (its key is gone): nothing to count.
        const result = data.result;
        if (result === null || typeof result !== 'object' || Array.isArray(result)) return;
        const measurementId = required(message, data, 'measurementId');
        for (const [score, value] of outcomeScores(result)) {
          const key = ownedKey(clientId, measurementId, score);
          if (this.outcomes.has(key)) continue;
          this.outcomes.set(key, {
            measurement_id: measurementId,
            score,
            client_id: clientId,
            timepoint: required(message, data, 'timepoint'),
            value,
            recorded_at: required(message, data, 'recordedAt'),
          });
        }
        return;
      }
    }
  }

  private onPartners(message: IntegrationMessage, clientId: string): void {
    const referralId = referralIdOf(message);
    if (referralId === null) return;
    const key = ownedKey(clientId, referralId);
    const referral = this.referrals.get(key);
    if (message.type === referralCreated.type) {
      const data = dataOf(referralCreated, message);
      const status = required(message, data, 'status');
      const createdAt = required(message, data, 'createdAt');
      if (!referral) {
        this.referrals.set(key, {
          referral_id: referralId,
          client_id: clientId,
          organization_id: message.organizationId,
          need: required(message, data, 'need'),
          created_at: createdAt,
          status,
          reason: null,
          accepted_at: null,
          ended_at: null,
        });
        this.changed.referrals.add(key);
      }
      this.enterStatus(message, referralId, clientId, status, createdAt);
      return;
    }
    const data = dataOf(referralStatusChanged, message);
    const to = required(message, data, 'to');
    const at = required(message, data, 'changedAt');
    if (referral) {
      Object.assign(referral, {
        status: to,
        reason: text(data.reason),
        accepted_at: to === 'accepted' ? (referral.accepted_at ?? at) : referral.accepted_at,
        ended_at: ENDED_STATUSES.includes(to) ? at : null,
      });
      this.changed.referrals.add(key);
    }
    this.enterStatus(message, referralId, clientId, to, at);
  }

  private enterStatus(
    message: IntegrationMessage,
    referralId: string,
    clientId: string,
    status: string,
    at: string,
  ): void {
    const key = ownedKey(clientId, referralId, message.streamVersion);
    if (this.statuses.has(key)) return;
    this.statuses.set(key, {
      referral_id: referralId,
      position: message.streamVersion,
      client_id: clientId,
      status,
      entered_at: at,
    });
  }

  private unmetNeedRecorded(message: IntegrationMessage): void {
    const data = dataOf(unmetNeedRecorded, message);
    const id = required(message, data, 'unmetNeedId');
    const key = ownedKey(message.organizationId, id);
    if (this.unmetNeeds.has(key)) return;
    this.unmetNeeds.set(key, {
      unmet_need_id: id,
      organization_id: message.organizationId,
      need: required(message, data, 'need'),
      area: required(message, data, 'area'),
      recorded_at: required(message, data, 'recordedAt'),
    });
  }
}

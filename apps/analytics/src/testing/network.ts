/**
 * A generated social prescribing network for the analytics tests and benchmark: seeded, so every run
 * holds the same fictional people. Each client is the ground truth (what happened to them) and the
 * events the clients, care-plans and partners contexts would have published about it; the tests
 * compute every figure directly from the truth and compare it with what the service answers from the
 * events. Nothing here is real: names are not even generated.
 */
import { CLIENT_REFERRED, NEEDS } from '@spn/contracts';
import type { NewEvent } from '@spn/event-store';
import { seededRandom } from '@spn/testing';

export const NETWORK_ORGANIZATION = 'fraser-north-health';
export const OTHER_ORGANIZATION = 'island-coast-health';

/** The personal fields among the events generated here, as the clients and care-plans contexts declare them. */
export const NETWORK_PERSONAL_FIELDS = {
  'clients.ClientDetailsRegistered': ['givenName', 'familyName', 'dateOfBirth', 'preferredLanguage'],
  'clients.DemographicsDescribed': ['area', 'gender', 'incomeBand', 'ethnicity'],
  'clients.CulturalIdentityDescribed': [
    'inClientsWords',
    'indigenousIdentity',
    'languages',
    'practicesAndPreferences',
  ],
  'clients.InteractionLogged': ['purpose', 'summary'],
  'care-plans.OutcomeRecorded': ['result'],
  'care-plans.PlanClosed': ['note'],
  'partners.ReferralStatusChanged': ['note'],
} as const;

export interface StatusStep {
  readonly status: string;
  readonly at: Date;
  readonly reason: string | null;
}

export interface FixtureReferral {
  readonly referralId: string;
  readonly need: string;
  /** The first step is the status it was created in. */
  readonly steps: readonly StatusStep[];
}

export interface FixtureOutcome {
  readonly measurementId: string;
  readonly score: 'UCLA3' | 'SWEMWBS';
  readonly timepoint: 'baseline' | 'follow-up';
  readonly value: number;
  readonly recordedAt: Date;
}

/** What happened to one fictional client. */
export interface FixtureClient {
  readonly clientId: string;
  readonly organizationId: string;
  /** Each referral to the Link Worker service: when, and for which needs. */
  readonly referred: readonly { readonly at: Date; readonly needs: readonly string[] }[];
  readonly dateOfBirth: string | null;
  readonly preferredLanguage: string | null;
  /** Null: never described their cultural identity. */
  readonly cultural: { readonly indigenousIdentity: string | null; readonly languages: string[] } | null;
  /** Null: never described their demographics. */
  readonly demographics: {
    readonly area: string | null;
    readonly gender: string | null;
    readonly incomeBand: string | null;
    readonly ethnicity: string | null;
  } | null;
  /** Interactions logged: with whom, when. */
  readonly interactions: readonly { readonly party: string; readonly at: Date }[];
  readonly evaluationConsent: 'none' | 'given' | 'withdrawn';
  readonly erased: boolean;
  readonly referrals: readonly FixtureReferral[];
  readonly plan: {
    readonly linkWorker: string;
    readonly openedAt: Date;
    readonly closedAt: Date | null;
  } | null;
  readonly outcomes: readonly FixtureOutcome[];
}

export interface FixtureUnmetNeed {
  readonly unmetNeedId: string;
  readonly organizationId: string;
  readonly need: string;
  readonly area: string;
  readonly recordedAt: Date;
}

export interface Network {
  readonly clients: readonly FixtureClient[];
  readonly unmetNeeds: readonly FixtureUnmetNeed[];
}

/** Events of one stream, as a context appends them (metadata and sealing are the appender's). */
export interface StreamEvents {
  readonly streamId: string;
  /** Whose key seals the personal fields: the client (none for a community stream). */
  readonly subjectId: string | null;
  readonly organizationId: string;
  readonly events: Omit<NewEvent, 'metadata'>[];
}

/** The same areas, needs and groups, unevenly spread, so that some cells are small and some are large. */
const AREAS: readonly [string | null, number][] = [
  ['V3B', 24],
  ['V3C', 16],
  ['V3E', 12],
  ['V3J', 10],
  ['V3K', 8],
  ['V3L', 7],
  ['V3M', 6],
  ['V5K', 4],
  ['V0N', 0.6],
  ['V0X', 0.3],
  [null, 3],
];
const GENDERS: readonly [string | null, number][] = [
  ['woman', 50],
  ['man', 40],
  ['non-binary', 2],
  ['two-spirit', 0.4],
  ['another-gender', 0.3],
  ['prefer-not-to-say', 2],
  [null, 4],
];
const INCOME_BANDS: readonly [string | null, number][] = [
  ['under-20k', 30],
  ['20k-40k', 25],
  ['40k-60k', 15],
  ['60k-100k', 10],
  ['100k-plus', 3],
  ['prefer-not-to-say', 8],
  [null, 8],
];
const ETHNICITIES: readonly [string | null, number][] = [
  ['white', 45],
  ['east-asian', 15],
  ['south-asian', 15],
  ['southeast-asian', 6],
  ['black', 4],
  ['latin-american', 3],
  ['middle-eastern', 2],
  ['another', 0.5],
  ['prefer-not-to-say', 3],
  [null, 6],
];
const LANGUAGES: readonly [string | null, number][] = [
  ['en', 70],
  ['fr', 6],
  ['pa', 6],
  ['zh', 5],
  ['tl', 2],
  ['ar', 0.5],
  [null, 6],
];
const INDIGENOUS: readonly [string | null, number][] = [
  ['first-nations', 5],
  ['metis', 2],
  ['inuit', 0.3],
  [null, 30],
];
/** The needs most referrals are for; the rest of the taxonomy is rare. */
const COMMON_NEEDS = ['social-connection', 'food', 'housing', 'income', 'mental-wellbeing', 'transport'];
const NEED_WEIGHTS: readonly [string, number][] = NEEDS.map((need) => [
  need,
  COMMON_NEEDS.includes(need) ? 10 - COMMON_NEEDS.indexOf(need) : 0.4,
]);
const LINK_WORKERS = Array.from({ length: 14 }, (_, i) => `user-lw-${i + 1}`);
const UNMET_REASONS_SEEN: readonly [string, number][] = [
  ['no-capacity', 40],
  ['not-eligible', 20],
  ['service-closed', 8],
  ['client-declined', 16],
  ['unable-to-contact', 8],
  ['other', 8],
];
/** Referrals over seven quarters: 2025-Q1 to 2026-Q3. */
const FROM = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 638;
const DAY = 86_400_000;

/**
 * Generates `size` clients (about one in twelve of another organization) and the unmet needs Link
 * Workers recorded. The same seed gives the same network.
 */
export function generateNetwork(size: number, seed = 20261126): Network {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  const pick = <T>(weights: readonly (readonly [T, number])[]): T => {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let at = random() * total;
    for (const [value, weight] of weights) {
      at -= weight;
      if (at < 0) return value;
    }
    return weights[weights.length - 1]![0];
  };
  const id = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const after = (at: Date, minDays: number, maxDays: number) =>
    new Date(at.getTime() + (minDays + random() * (maxDays - minDays)) * DAY);

  const clients: FixtureClient[] = [];
  for (let n = 0; n < size; n += 1) {
    const organizationId = chance(1 / 12) ? OTHER_ORGANIZATION : NETWORK_ORGANIZATION;
    const firstAt = new Date(FROM + Math.floor(random() * SPAN_DAYS * DAY));
    const needs = [...new Set(Array.from({ length: int(1, 3) }, () => pick(NEED_WEIGHTS)))];
    const referred = [{ at: firstAt, needs }];
    if (chance(0.1)) referred.push({ at: after(firstAt, 20, 120), needs: [pick(NEED_WEIGHTS)] });
    const age = pick<number>([
      [int(0, 17), 3],
      [int(18, 44), 25],
      [int(45, 64), 30],
      [int(65, 79), 30],
      [int(80, 99), 12],
    ]);
    const dateOfBirth = chance(0.95)
      ? `${firstAt.getUTCFullYear() - age - 1}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`
      : null;
    const cultural = chance(0.35)
      ? { indigenousIdentity: pick(INDIGENOUS), languages: chance(0.5) ? [pick(LANGUAGES) ?? 'en'] : [] }
      : null;
    const demographics = chance(0.92)
      ? {
          area: pick(AREAS),
          gender: pick(GENDERS),
          incomeBand: pick(INCOME_BANDS),
          ethnicity: pick(ETHNICITIES),
        }
      : null;
    const interactions: { party: string; at: Date }[] = [];
    if (chance(0.3)) interactions.push({ party: 'provider', at: after(firstAt, 0, 3) });
    if (chance(0.78)) {
      const first = after(firstAt, 0.1, 40);
      interactions.push({ party: 'client', at: first });
      if (chance(0.5)) interactions.push({ party: 'client', at: after(first, 1, 60) });
    }
    const evaluationConsent = chance(0.84) ? (chance(0.05) ? 'withdrawn' : 'given') : 'none';
    const referrals: FixtureReferral[] = [];
    for (const need of new Set(referred.flatMap((referral) => referral.needs))) {
      if (!chance(0.9)) continue;
      const created = after(firstAt, 1, 12);
      const steps: StatusStep[] = [
        { status: chance(0.06) ? 'draft' : 'requested', at: created, reason: null },
      ];
      const step = (status: string, from: Date, days: number, reason: string | null = null) => {
        const at = after(from, 0.2, days);
        steps.push({ status, at, reason });
        return at;
      };
      if (steps[0]!.status === 'draft') {
        if (chance(0.7)) step('requested', created, 3);
        else if (chance(0.3)) step('entered-in-error', created, 2, 'duplicate');
      }
      if (steps.at(-1)!.status === 'requested') {
        const path = random();
        const at = steps.at(-1)!.at;
        if (path < 0.58) {
          const accepted = step('accepted', at, 14);
          const path2 = random();
          if (path2 < 0.8) {
            const started = step('in-progress', accepted, 10);
            if (chance(0.1)) step('on-hold', started, 20);
            const outcome = random();
            if (outcome < 0.72) step('completed', steps.at(-1)!.at, 60);
            else if (outcome < 0.84) step('failed', steps.at(-1)!.at, 30, pick(UNMET_REASONS_SEEN));
            else if (outcome < 0.9) step('cancelled', steps.at(-1)!.at, 30, 'client-declined');
          } else if (path2 < 0.9) step('failed', accepted, 20, pick(UNMET_REASONS_SEEN));
        } else if (path < 0.82) step('rejected', at, 10, pick(UNMET_REASONS_SEEN));
        else if (path < 0.87) step('cancelled', at, 10, 'client-declined');
        else if (path < 0.89) step('entered-in-error', at, 3, 'duplicate');
      }
      referrals.push({ referralId: id(), need, steps });
    }
    let plan: FixtureClient['plan'] = null;
    const outcomes: FixtureOutcome[] = [];
    if (chance(0.8)) {
      const openedAt = after(firstAt, 1, 20);
      plan = {
        linkWorker: pick(LINK_WORKERS.map((worker, i) => [worker, i === 13 ? 0.1 : 1 + (i % 4)] as const)),
        openedAt,
        closedAt: chance(0.3) ? after(openedAt, 30, 200) : null,
      };
      if (chance(0.65)) {
        const baselineAt = after(openedAt, 0, 10);
        const ucla = int(3, 9);
        const swemwbs = int(7, 35);
        outcomes.push(
          { measurementId: id(), score: 'UCLA3', timepoint: 'baseline', value: ucla, recordedAt: baselineAt },
          {
            measurementId: id(),
            score: 'SWEMWBS',
            timepoint: 'baseline',
            value: swemwbs,
            recordedAt: baselineAt,
          },
        );
        // A second baseline later does not replace the first.
        if (chance(0.05))
          outcomes.push({
            measurementId: id(),
            score: 'UCLA3',
            timepoint: 'baseline',
            value: int(3, 9),
            recordedAt: after(baselineAt, 5, 20),
          });
        let followUpAt = baselineAt;
        for (let i = 0; i < (chance(0.7) ? int(1, 2) : 0); i += 1) {
          followUpAt = after(followUpAt, 40, 120);
          outcomes.push(
            {
              measurementId: id(),
              score: 'UCLA3',
              timepoint: 'follow-up',
              value: Math.min(9, Math.max(3, ucla + int(-3, 2))),
              recordedAt: followUpAt,
            },
            {
              measurementId: id(),
              score: 'SWEMWBS',
              timepoint: 'follow-up',
              value: Math.min(35, Math.max(7, swemwbs + int(-4, 6))),
              recordedAt: followUpAt,
            },
          );
        }
      }
    }
    clients.push({
      clientId: id(),
      organizationId,
      referred,
      dateOfBirth,
      preferredLanguage: chance(0.8) ? pick(LANGUAGES) : null,
      cultural,
      demographics,
      interactions,
      evaluationConsent,
      erased: chance(0.01),
      referrals,
      plan,
      outcomes,
    });
  }
  const unmetNeeds = Array.from({ length: Math.ceil(size / 12) }, () => ({
    unmetNeedId: id(),
    organizationId: chance(1 / 12) ? OTHER_ORGANIZATION : NETWORK_ORGANIZATION,
    need: pick(NEED_WEIGHTS),
    area: pick(AREAS) ?? 'V3B',
    recordedAt: new Date(FROM + Math.floor(random() * SPAN_DAYS * DAY)),
  }));
  return { clients, unmetNeeds };
}

const iso = (at: Date) => at.toISOString();

/**
 * The events the three contexts publish about one client, stream by stream: the client's own stream
 * (its erasure last, where there is one), then the partners' referrals, then the care plan. Events of
 * an erased client's other streams still come: analytics must not let them bring the client back.
 */
export function clientStreams(client: FixtureClient): StreamEvents[] {
  const { clientId, organizationId } = client;
  const own: Omit<NewEvent, 'metadata'>[] = client.referred.map((referral) => ({
    type: CLIENT_REFERRED,
    schemaVersion: 2,
    data: {
      clientId,
      referralId: `${clientId}-${referral.at.getTime()}`,
      referrerOrganizationId: 'org-clinic',
      needs: [...referral.needs],
      urgency: 'routine',
    },
    occurredAt: referral.at,
  }));
  own.splice(1, 0, {
    type: 'clients.ClientDetailsRegistered',
    data: {
      givenName: 'Fictional',
      familyName: 'Person',
      dateOfBirth: client.dateOfBirth,
      preferredLanguage: client.preferredLanguage,
    },
  });
  if (client.cultural)
    own.push({
      type: 'clients.CulturalIdentityDescribed',
      data: {
        inClientsWords: null,
        indigenousIdentity: client.cultural.indigenousIdentity,
        languages: client.cultural.languages,
        practicesAndPreferences: null,
      },
    });
  if (client.demographics)
    own.push({ type: 'clients.DemographicsDescribed', data: { ...client.demographics } });
  const consentId = `${clientId}-evaluation`;
  // A consent to share for care is not a consent to evaluation.
  own.push({
    type: 'clients.ConsentRecorded',
    data: {
      consentId: `${clientId}-care`,
      purpose: 'care',
      recipientOrganizationId: null,
      recordedAt: iso(client.referred[0]!.at),
    },
  });
  if (client.evaluationConsent !== 'none')
    own.push({
      type: 'clients.ConsentRecorded',
      data: {
        consentId,
        purpose: 'evaluation',
        recipientOrganizationId: null,
        recordedAt: iso(client.referred[0]!.at),
      },
    });
  client.interactions.forEach((interaction, i) =>
    own.push({
      type: 'clients.InteractionLogged',
      data: {
        interactionId: `${clientId}-interaction-${i}`,
        party: interaction.party,
        channel: 'phone',
        purpose: 'Follow-up',
        summary: 'Fictional conversation.',
        followUpNeeded: false,
        occurredAt: iso(interaction.at),
      },
    }),
  );
  if (client.evaluationConsent === 'withdrawn')
    own.push({
      type: 'clients.ConsentWithdrawn',
      data: { consentId, withdrawnAt: iso(client.referred[0]!.at) },
    });
  if (client.erased)
    own.push({
      type: 'clients.ClientErased',
      data: { reason: 'CLIENT_REQUEST', erasedAt: '2026-10-01T00:00:00Z' },
    });
  const streams: StreamEvents[] = [
    { streamId: `client-${clientId}`, subjectId: clientId, organizationId, events: own },
  ];

  type Event = Omit<NewEvent, 'metadata'>;
  const referralEvents = client.referrals.flatMap((referral) =>
    referral.steps.map((step, i): Event =>
      i === 0
        ? {
            type: 'partners.ReferralCreated',
            data: {
              referralId: referral.referralId,
              clientId,
              need: referral.need,
              serviceId: null,
              resourceName: 'Fictional resource',
              partnerOrganizationId: 'harbour-community-services',
              status: step.status,
              createdAt: iso(step.at),
            },
          }
        : {
            type: 'partners.ReferralStatusChanged',
            data: {
              referralId: referral.referralId,
              partnerOrganizationId: 'harbour-community-services',
              from: referral.steps[i - 1]!.status,
              to: step.status,
              by: 'partner',
              reason: step.reason,
              note: null,
              changedAt: iso(step.at),
            },
          },
    ),
  );
  if (referralEvents.length > 0)
    streams.push({
      streamId: `referral-${clientId}`,
      subjectId: clientId,
      organizationId,
      events: referralEvents,
    });

  if (client.plan) {
    const plan: Event[] = [
      {
        type: 'care-plans.PlanOpened',
        data: {
          planId: `${clientId}-plan`,
          clientId,
          linkWorker: client.plan.linkWorker,
          openedAt: iso(client.plan.openedAt),
        },
      },
      ...client.outcomes.map((outcome): Event => ({
        type: 'care-plans.OutcomeRecorded',
        data: {
          measurementId: outcome.measurementId,
          timepoint: outcome.timepoint,
          result:
            outcome.score === 'UCLA3'
              ? { measure: 'UCLA3', total: outcome.value }
              : { measure: 'SWEMWBS', metricScore: outcome.value },
          recordedAt: iso(outcome.recordedAt),
        },
      })),
    ];
    if (client.plan.closedAt)
      plan.push({
        type: 'care-plans.PlanClosed',
        data: { reason: 'goals-met', note: null, closedAt: iso(client.plan.closedAt) },
      });
    streams.push({ streamId: `careplan-${clientId}`, subjectId: clientId, organizationId, events: plan });
  }
  return streams;
}

/** The unmet needs Link Workers recorded, one stream per organization's community map. */
export function communityStreams(unmetNeeds: readonly FixtureUnmetNeed[]): StreamEvents[] {
  const byOrganization = new Map<string, FixtureUnmetNeed[]>();
  for (const need of unmetNeeds)
    byOrganization.set(need.organizationId, [...(byOrganization.get(need.organizationId) ?? []), need]);
  return [...byOrganization].map(([organizationId, needs]) => ({
    streamId: `community-${organizationId}`,
    subjectId: null,
    organizationId,
    events: needs.map((need) => ({
      type: 'partners.UnmetNeedRecorded',
      data: {
        unmetNeedId: need.unmetNeedId,
        need: need.need,
        area: need.area,
        recordedAt: iso(need.recordedAt),
      },
    })),
  }));
}

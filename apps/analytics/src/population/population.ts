import {
  ALL,
  protectTable,
  type ProtectedTable,
  type Stratifier,
  type Unit,
} from '../disclosure/small-cells';
import { daysBetween, direction, quarterOf } from '../facts/facts';
import { isUnmet, type ClientFact, type OutcomeFact, type ReferralFact } from './population.queries';

/**
 * The population tables, as families of counts that add up (DOMAIN.md, domain 8). A family is one
 * protected table: its categories (contacted or not; completed, unmet or neither; improved or not)
 * are a dimension of it, so no two published figures differ by a suppressed one. Every measure an
 * analyst can ask for is a slice of one family's table.
 */
export const FAMILIES = {
  clients: { dimensions: ['period', 'area', 'category'] },
  referrals: { dimensions: ['period', 'area', 'need', 'category'] },
  outcomes: { dimensions: ['period', 'area', 'category'] },
} as const;
export type Family = keyof typeof FAMILIES;

export const MEASURES = {
  CLIENTS_REFERRED: { family: 'clients', category: ALL },
  CLIENTS_CONTACTED: { family: 'clients', category: 'contacted' },
  CLIENTS_NOT_REACHED: { family: 'clients', category: 'not-reached' },
  REFERRALS_MADE: { family: 'referrals', category: ALL },
  REFERRALS_COMPLETED: { family: 'referrals', category: 'completed' },
  REFERRALS_UNMET: { family: 'referrals', category: 'unmet' },
  OUTCOMES_MEASURED: { family: 'outcomes', category: ALL },
  OUTCOMES_IMPROVED: { family: 'outcomes', category: 'improved' },
  OUTCOMES_WORSENED: { family: 'outcomes', category: 'worsened' },
} as const satisfies Record<string, { family: Family; category: string }>;
export type Measure = keyof typeof MEASURES;

/**
 * Clients by the quarter of their first referral: contacted (the mean is the days to first contact)
 * or not reached yet. A need selects the clients referred for it: a client may have several needs, so
 * needs do not add up and each is its own table.
 */
export function clientUnits(clients: readonly ClientFact[], need: string | null): Unit[] {
  return clients
    .filter((client) => need === null || client.needs.includes(need))
    .map((client) => ({
      clientId: client.clientId,
      dims: [
        quarterOf(client.firstReferredAt),
        client.area,
        client.firstContactAt ? 'contacted' : 'not-reached',
      ],
      strata: client.strata,
      ...(client.firstContactAt ? { value: daysBetween(client.firstReferredAt, client.firstContactAt) } : {}),
    }));
}

/** The category of a referral in the closed loop: completed, unmet for want of a resource, or neither. */
export const referralCategory = (referral: Pick<ReferralFact, 'status' | 'reason'>): string =>
  referral.status === 'completed'
    ? 'completed'
    : isUnmet(referral.status, referral.reason)
      ? 'unmet'
      : 'other';

/** Referrals by the quarter they were made, their need and category; the mean is days to acceptance. */
export const referralUnits = (referrals: readonly ReferralFact[]): Unit[] =>
  referrals.map((referral) => ({
    clientId: referral.clientId,
    dims: [quarterOf(referral.createdAt), referral.area, referral.need, referralCategory(referral)],
    strata: referral.strata,
    ...(referral.acceptedAt ? { value: daysBetween(referral.createdAt, referral.acceptedAt) } : {}),
  }));

/** Clients measured at baseline and follow-up on one score, by the follow-up's quarter; the mean is the change. */
export const outcomeUnits = (outcomes: readonly OutcomeFact[]): Unit[] =>
  outcomes.map((outcome) => {
    const change = outcome.followUp - outcome.baseline;
    return {
      clientId: outcome.clientId,
      dims: [quarterOf(outcome.followUpAt), outcome.area, direction(outcome.score, change)],
      strata: outcome.strata,
      value: change,
    };
  });

export const protectFamily = (family: Family, units: readonly Unit[]): ProtectedTable =>
  protectTable(FAMILIES[family].dimensions, units);

export type { Stratifier };

import { protectLinked, type TableSpec } from '../disclosure/linked-tables';
import { ALL, type PublishedCell, type Stratifier, type Unit } from '../disclosure/small-cells';
import { daysBetween, direction, quarterOf } from '../facts/facts';
import { isUnmet, type ClientFact, type OutcomeFact, type ReferralFact } from './population.queries';

/**
 * The population tables, as families of counts that add up (docs/domain.md, domain 8). A family's
 * categories (contacted or not; completed, unmet or neither; improved or not) are a dimension of each
 * of its tables, so no two published figures differ by a suppressed one. A family is published as a
 * few low-dimensional tables protected together (disclosure/linked-tables.ts): stratified by one of
 * quarter, area or need at a time, and two of area, need and quarter crossed only unstratified. One
 * cube of everything would be almost all small cells (on 6,500 referrals it hid even the grand total;
 * a quarter × area × need table alone hides most of the others' cells); what no table holds is refused
 * as too detailed. Only the tables some question reads are published.
 */
const BY = (...dimensions: string[]): TableSpec => ({
  dimensions: [...dimensions, 'category'],
  stratified: true,
});
const CROSSED = (...dimensions: string[]): TableSpec => ({
  dimensions: [...dimensions, 'category'],
  stratified: false,
});
export const FAMILIES = {
  clients: {
    dimensions: ['period', 'area', 'category'],
    tables: [BY('period'), CROSSED('period', 'area')],
  },
  referrals: {
    dimensions: ['period', 'area', 'need', 'category'],
    tables: [
      BY('period'),
      BY('area'),
      BY('need'),
      CROSSED('area', 'need'),
      CROSSED('period', 'area'),
      CROSSED('period', 'need'),
    ],
  },
  outcomes: {
    dimensions: ['period', 'area', 'category'],
    tables: [BY('period'), CROSSED('period', 'area')],
  },
} as const satisfies Record<string, { dimensions: readonly string[]; tables: readonly TableSpec[] }>;
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

/** A cell of a family by the dimensions it fixes (by name; the others are '*'). */
export type Where = Readonly<Record<string, string>>;

/** A family's protected tables, asked by what a cell fixes. */
export interface FamilyTables {
  /**
   * The cell, from the smallest table that has it. The service refuses a question no table answers
   * (TOO_DETAILED) before asking, so a cell no table holds is a programming error: RangeError.
   */
  cell(where: Where, stratifier: Stratifier | null, stratum: string): PublishedCell;
  /** The observed values of a dimension (sorted), without ALL. */
  dimensionValues(name: string): readonly string[];
  /** The observed values of a stratifier (sorted), without ALL. */
  values(stratifier: Stratifier): readonly string[];
}

export function protectFamily(family: Family, units: readonly Unit[]): FamilyTables {
  const names: readonly string[] = FAMILIES[family].dimensions;
  const specs: readonly TableSpec[] = FAMILIES[family].tables;
  const { tables } = protectLinked(names, units, specs);
  const observed = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    cell: (where, stratifier, stratum) => {
      const fixed = Object.keys(where).filter((name) => where[name] !== ALL);
      const stratified = stratifier !== null && stratum !== ALL;
      let best = -1;
      specs.forEach((spec, i) => {
        if (stratified && !spec.stratified) return;
        if (!fixed.every((name) => spec.dimensions.includes(name))) return;
        if (best < 0 || spec.dimensions.length < (specs[best]?.dimensions.length ?? 0)) best = i;
      });
      const table = tables[best];
      const spec = specs[best];
      if (!table || !spec)
        throw new RangeError(
          `no ${family} table holds ${JSON.stringify(where)} by ${stratifier ?? 'nothing'}`,
        );
      return table.cell(
        spec.dimensions.map((name) => where[name] ?? ALL),
        stratifier,
        stratum,
      );
    },
    dimensionValues: (name) => {
      const d = names.indexOf(name);
      return observed(units.map((unit) => unit.dims[d] ?? ''));
    },
    values: (stratifier) => observed(units.flatMap((unit) => (unit.strata ? [unit.strata[stratifier]] : []))),
  };
}

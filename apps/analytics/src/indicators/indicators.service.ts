import { ALL, protectTable, type PublishedCell, type Unit } from '../disclosure/small-cells';
import { daysBetween, quarterOf } from '../facts/facts';
import { clientUnits, outcomeUnits, referralCategory } from '../population/population';
import type { PopulationQueries } from '../population/population.queries';
import { checkScore } from '../population/population.service';
import type { IndicatorsQueries } from './indicators.queries';

/** A figure and whether (and why) it is hidden. */
export interface Figure {
  readonly count: number | null;
  readonly suppressed: PublishedCell['suppressed'];
}

export interface FirstContactLine {
  readonly period: string;
  readonly referred: Figure;
  readonly contacted: Figure;
  readonly notReached: Figure;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
}

export interface ReferralLoopLine {
  readonly period: string;
  readonly made: Figure;
  readonly accepted: Figure;
  readonly completed: Figure;
  readonly unmet: Figure;
  readonly acceptanceRate: number | null;
  readonly completionRate: number | null;
  readonly meanDaysToAcceptance: number | null;
}

export interface StatusTimeLine {
  readonly status: string;
  readonly spells: Figure;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
}

export interface OutcomeChangeLine {
  readonly score: string;
  readonly measured: Figure;
  readonly improved: Figure;
  readonly unchanged: Figure;
  readonly worsened: Figure;
  readonly meanChange: number | null;
}

export interface CountLine {
  readonly key: string;
  readonly detail: string;
  readonly figure: Figure;
}

const figure = (cell: PublishedCell): Figure => ({ count: cell.count, suppressed: cell.suppressed });
const rate = (part: Figure, whole: Figure) =>
  part.count === null || whole.count === null || whole.count === 0 ? null : part.count / whole.count;
const periodsOf = (units: readonly Unit[]) =>
  [...new Set(units.map((unit) => unit.dims[0] as string))].sort().concat(ALL);

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The values of the units in a cell whose first dimension is `key` (or any, for ALL). */
const valuesAt = (units: readonly Unit[], key: string, where: (unit: Unit) => boolean = () => true) =>
  units
    .filter((unit) => (key === ALL || unit.dims[0] === key) && where(unit) && unit.value !== undefined)
    .map((unit) => unit.value as number);

/**
 * The programme indicators of docs/domain.md domain 9, for the organization's analysts and admins: every
 * client of the organization, never stratified, every count from a protected table like the
 * population's (under 5 hidden, and what would reveal it). Medians are shown only beside a count that is.
 */
export class IndicatorsService {
  constructor(
    private readonly population: PopulationQueries,
    private readonly queries: IndicatorsQueries,
  ) {}

  /** Time from the first referral to the first contact with the client, by quarter of referral. */
  async firstContact(organizationId: string): Promise<FirstContactLine[]> {
    const units = clientUnits(await this.population.clients(organizationId, 'all'), null).map(unstratified);
    const table = protectTable(
      ['period', 'category'],
      units.map((unit) => ({ ...unit, dims: [unit.dims[0] as string, unit.dims[2] as string] })),
    );
    return periodsOf(units).map((period) => {
      const contacted = table.cell([period, 'contacted'], null, ALL);
      return {
        period,
        referred: figure(table.cell([period, ALL], null, ALL)),
        contacted: figure(contacted),
        notReached: figure(table.cell([period, 'not-reached'], null, ALL)),
        meanDays: contacted.mean,
        medianDays: contacted.suppressed ? null : median(valuesAt(units, period)),
      };
    });
  }

  /** The closed loop by quarter made: made, accepted, completed, unmet for want of a resource. */
  async referralLoop(organizationId: string): Promise<ReferralLoopLine[]> {
    const referrals = await this.population.referrals(organizationId, 'all');
    // One table, accepted or not × how it ended: made, accepted, completed and unmet are all its
    // cells, so no two of them differ by a cell it hides (two tables would publish "made" twice).
    const units = referrals.map((referral) => ({
      clientId: referral.clientId,
      dims: [quarterOf(referral.createdAt), referral.acceptedAt ? 'yes' : 'no', referralCategory(referral)],
      ...(referral.acceptedAt ? { value: daysBetween(referral.createdAt, referral.acceptedAt) } : {}),
    }));
    const table = protectTable(['period', 'accepted', 'category'], units);
    return periodsOf(units).map((period) => {
      const made = figure(table.cell([period, ALL, ALL], null, ALL));
      const acceptedCell = table.cell([period, 'yes', ALL], null, ALL);
      const accepted = figure(acceptedCell);
      const completed = figure(table.cell([period, ALL, 'completed'], null, ALL));
      return {
        period,
        made,
        accepted,
        completed,
        unmet: figure(table.cell([period, ALL, 'unmet'], null, ALL)),
        acceptanceRate: rate(accepted, made),
        completionRate: rate(completed, made),
        meanDaysToAcceptance: acceptedCell.mean,
      };
    });
  }

  /** How long referrals spend in each status (a status still current counts up to now). */
  async timeInStatus(organizationId: string, now: Date): Promise<StatusTimeLine[]> {
    const spells = await this.queries.statusSpells(organizationId, now);
    const units = spells.map((spell) => ({
      clientId: spell.clientId,
      dims: [spell.status],
      value: spell.days,
    }));
    const table = protectTable(['status'], units);
    return periodsOf(units).map((status) => {
      const cell = table.cell([status], null, ALL);
      return {
        status,
        spells: figure(cell),
        meanDays: cell.mean,
        medianDays: cell.suppressed ? null : median(valuesAt(units, status)),
      };
    });
  }

  /** Open plans per Link Worker. */
  async caseloads(organizationId: string): Promise<CountLine[]> {
    const plans = await this.queries.openPlans(organizationId);
    const table = protectTable(
      ['linkWorker'],
      plans.map((plan) => ({ clientId: plan.clientId, dims: [plan.linkWorker] })),
    );
    return [...new Set(plans.map((plan) => plan.linkWorker))]
      .sort()
      .concat(ALL)
      .map((linkWorker) => ({
        key: linkWorker,
        detail: 'open plans',
        figure: figure(table.cell([linkWorker], null, ALL)),
      }));
  }

  /** Unmet needs Link Workers recorded, by the area they named and need. */
  async recordedUnmetNeeds(organizationId: string): Promise<CountLine[]> {
    const needs = await this.queries.recordedUnmetNeeds(organizationId);
    // Recorded needs name no client: each record is its own unit.
    const table = protectTable(
      ['area', 'need'],
      needs.map((need) => ({ clientId: need.id, dims: [need.area, need.need] })),
    );
    const lines: CountLine[] = [];
    for (const area of [...new Set(needs.map((need) => need.area))].sort().concat(ALL))
      for (const need of [...new Set(needs.map((item) => item.need))].sort().concat(ALL)) {
        const cell = table.cell([area, need], null, ALL);
        if (cell.count !== 0) lines.push({ key: area, detail: need, figure: figure(cell) });
      }
    return lines;
  }

  /** Change from baseline to follow-up on one score, with counts: improved, unchanged, worsened. */
  async outcomeChange(organizationId: string, score: string): Promise<OutcomeChangeLine> {
    const units = outcomeUnits(await this.population.outcomes(organizationId, checkScore(score), 'all')).map(
      (unit) => ({
        ...unstratified(unit),
        dims: [unit.dims[2] as string],
      }),
    );
    const table = protectTable(['category'], units);
    const measured = table.cell([ALL], null, ALL);
    return {
      score,
      measured: figure(measured),
      improved: figure(table.cell(['improved'], null, ALL)),
      unchanged: figure(table.cell(['unchanged'], null, ALL)),
      worsened: figure(table.cell(['worsened'], null, ALL)),
      meanChange: measured.mean,
    };
  }
}

/** The organization's own figures are never stratified: the units carry no strata. */
const unstratified = (unit: Unit): Unit => ({
  clientId: unit.clientId,
  dims: unit.dims,
  ...(unit.value === undefined ? {} : { value: unit.value }),
});

import { isNeed } from '@spn/contracts';
import { DomainError } from '@spn/service-kit';
import { ALL, type PublishedCell, type Stratifier } from '../disclosure/small-cells';
import { SCORES } from '../facts/facts';
import {
  clientUnits,
  MEASURES,
  outcomeUnits,
  protectFamily,
  referralUnits,
  type Family,
  type Measure,
} from './population';
import { NOT_STATED, type PopulationQueries } from './population.queries';

/** A question about the population the platform cannot answer as asked: the code names what is wrong. */
export class PopulationError extends DomainError {}

export interface PopulationQuestion {
  readonly measure: Measure;
  readonly stratifyBy?: Stratifier | null;
  readonly area?: string | null;
  readonly need?: string | null;
  readonly score?: string | null;
}

export interface PopulationCellView {
  readonly period: string;
  readonly area: string;
  readonly need: string;
  readonly stratum: string;
  readonly count: number | null;
  readonly clients: number | null;
  readonly mean: number | null;
  readonly suppressed: PublishedCell['suppressed'];
}

export interface EquityGapView {
  readonly stratum: string;
  readonly clientsReferred: number | null;
  readonly notReachedShare: number | null;
  readonly notReachedGap: number | null;
  readonly meanDaysToFirstContact: number | null;
  readonly daysToFirstContactGap: number | null;
  readonly referralsMade: number | null;
  readonly unmetShare: number | null;
  readonly unmetGap: number | null;
}

const AREA = /^([A-Z]\d[A-Z]|not-stated)$/;
const ORDER = (a: string, b: string) => (a === ALL ? 1 : b === ALL ? -1 : a.localeCompare(b));

/**
 * Population health for analysts (DOMAIN.md, domain 8): only clients who consented to evaluation;
 * every figure from a protected table (small cells and what would reveal them suppressed).
 */
export class PopulationService {
  constructor(private readonly queries: PopulationQueries) {}

  /** One measure over every quarter (and all of them), for an area or all, stratified or not. */
  async table(organizationId: string, question: PopulationQuestion): Promise<PopulationCellView[]> {
    const { family, category } = MEASURES[question.measure];
    const area = checkArea(question.area);
    const need = checkNeed(question.need);
    // An outcome belongs to the client, not to a need: a need filter there would be a second table of
    // the same clients, open to differencing against the first.
    if (family === 'outcomes' && need !== null)
      throw new PopulationError('NEED_NOT_APPLICABLE', 'need does not apply to OUTCOMES_* measures', 'need');
    const table = await this.protectedTable(organizationId, family, need, question.score ?? null);
    const stratifier = question.stratifyBy ?? null;
    const strata = stratifier ? [...table.values(stratifier), ALL] : [ALL];
    const periods = [...table.dimensionValues(0), ALL];
    const cells: PopulationCellView[] = [];
    for (const period of periods.sort(ORDER)) {
      for (const stratum of strata.sort(ORDER)) {
        const dims =
          family === 'referrals' ? [period, area, need ?? ALL, category] : [period, area, category];
        cells.push(view(table.cell(dims, stratifier, stratum), period, area, need ?? ALL, stratum));
      }
    }
    return cells;
  }

  /** Which needs go unmet in which areas, and for whom: referrals ended for want of a resource. */
  async unmetNeeds(organizationId: string, stratifyBy: Stratifier | null): Promise<PopulationCellView[]> {
    const table = await this.protectedTable(organizationId, 'referrals', null, null);
    const strata = stratifyBy ? [...table.values(stratifyBy), ALL] : [ALL];
    const cells: PopulationCellView[] = [];
    for (const need of [...table.dimensionValues(2), ALL].sort(ORDER)) {
      for (const area of [...table.dimensionValues(1), ALL].sort(ORDER)) {
        for (const stratum of strata.sort(ORDER)) {
          const cell = table.cell([ALL, area, need, 'unmet'], stratifyBy, stratum);
          if (cell.count === 0) continue;
          cells.push(view(cell, ALL, area, need, stratum));
        }
      }
    }
    return cells;
  }

  /**
   * Who is not reached, who waits longer, whose referrals go unmet more often: each group's share or
   * mean beside everyone's, as a gap (the group's minus everyone's). Null wherever a figure it needs
   * is suppressed.
   */
  async equityGaps(organizationId: string, stratifyBy: Stratifier): Promise<EquityGapView[]> {
    const clients = await this.protectedTable(organizationId, 'clients', null, null);
    const referrals = await this.protectedTable(organizationId, 'referrals', null, null);
    const line = (stratum: string) => {
      const stratifier = stratum === ALL ? null : stratifyBy;
      const referred = clients.cell([ALL, ALL, ALL], stratifier, stratum);
      const notReached = clients.cell([ALL, ALL, 'not-reached'], stratifier, stratum);
      const contacted = clients.cell([ALL, ALL, 'contacted'], stratifier, stratum);
      const made = referrals.cell([ALL, ALL, ALL, ALL], stratifier, stratum);
      const unmet = referrals.cell([ALL, ALL, ALL, 'unmet'], stratifier, stratum);
      return {
        stratum,
        clientsReferred: referred.count,
        notReachedShare: share(notReached.count, referred.count),
        meanDaysToFirstContact: contacted.mean,
        referralsMade: made.count,
        unmetShare: share(unmet.count, made.count),
      };
    };
    const everyone = line(ALL);
    const gap = (value: number | null, overall: number | null) =>
      value === null || overall === null ? null : value - overall;
    return [...clients.values(stratifyBy)]
      .sort(ORDER)
      .concat(ALL)
      .map((stratum) => {
        const group = line(stratum);
        return {
          ...group,
          notReachedGap: gap(group.notReachedShare, everyone.notReachedShare),
          daysToFirstContactGap: gap(group.meanDaysToFirstContact, everyone.meanDaysToFirstContact),
          unmetGap: gap(group.unmetShare, everyone.unmetShare),
        };
      });
  }

  private async protectedTable(
    organizationId: string,
    family: Family,
    need: string | null,
    score: string | null,
  ) {
    switch (family) {
      case 'clients':
        return protectFamily(family, clientUnits(await this.queries.clients(organizationId), need));
      case 'referrals':
        return protectFamily(family, referralUnits(await this.queries.referrals(organizationId)));
      case 'outcomes':
        return protectFamily(
          family,
          outcomeUnits(await this.queries.outcomes(organizationId, checkScore(score))),
        );
    }
  }
}

const share = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : part / whole;

function view(
  cell: PublishedCell,
  period: string,
  area: string,
  need: string,
  stratum: string,
): PopulationCellView {
  return {
    period,
    area,
    need,
    stratum,
    count: cell.count,
    clients: cell.clients,
    mean: cell.mean,
    suppressed: cell.suppressed,
  };
}

function checkArea(area: string | null | undefined): string {
  if (area === null || area === undefined || area === ALL) return ALL;
  const fsa = area.trim().toUpperCase() === 'NOT-STATED' ? NOT_STATED : area.trim().toUpperCase();
  if (!AREA.test(fsa))
    throw new PopulationError('INVALID_AREA', 'area must be a forward sortation area such as V3B', 'area');
  return fsa;
}

function checkNeed(need: string | null | undefined): string | null {
  if (need === null || need === undefined) return null;
  if (!isNeed(need))
    throw new PopulationError('UNKNOWN_NEED', 'need is not one of the needs of the taxonomy', 'need');
  return need;
}

export function checkScore(score: string | null): string {
  if (score === null)
    throw new PopulationError(
      'SCORE_REQUIRED',
      `score is required for outcomes: one of ${Object.keys(SCORES).join(', ')}`,
      'score',
    );
  if (!(score in SCORES))
    throw new PopulationError(
      'UNKNOWN_SCORE',
      `score must be one of ${Object.keys(SCORES).join(', ')}`,
      'score',
    );
  return score;
}

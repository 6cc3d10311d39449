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
  type FamilyTables,
  type Measure,
  type Where,
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
 * Population health for analysts (docs/domain.md, domain 8): only clients who consented to evaluation;
 * every figure from a protected table (small cells and what would reveal them suppressed).
 */
export class PopulationService {
  /**
   * Protected tables by organization, family, need and score, with the facts version they were
   * computed at. Protecting a table of thousands of clients takes a second or so, and every question
   * of a dashboard is a slice of one of a few tables; a table is computed again once an event has
   * changed the facts it reads (a consent, a client, their referrals or outcomes), so nothing stale is
   * ever answered.
   */
  private readonly cache = new Map<string, { version: string; table: Promise<FamilyTables> }>();

  constructor(private readonly queries: PopulationQueries) {}

  /**
   * One measure over every quarter (and all of them), for an area or all, a need or all, stratified
   * or not. Stratified figures come for all areas and needs (the by-area and by-need ones are in
   * unmetNeeds): crossed with an area or a need they would be mostly small cells.
   */
  async table(organizationId: string, question: PopulationQuestion): Promise<PopulationCellView[]> {
    const { family, category } = MEASURES[question.measure];
    const area = checkArea(question.area);
    const need = checkNeed(question.need);
    // An outcome belongs to the client, not to a need: a need filter there would be a second table of
    // the same clients, open to differencing against the first.
    if (family === 'outcomes' && need !== null)
      throw new PopulationError('NEED_NOT_APPLICABLE', 'need does not apply to OUTCOMES_* measures', 'need');
    const stratifier = question.stratifyBy ?? null;
    if (stratifier !== null && (area !== ALL || need !== null))
      throw new PopulationError(
        'TOO_DETAILED',
        'stratifyBy comes for all areas and needs: ask for an area or a need without it (populationUnmetNeeds gives unmet needs by area and by need for each group)',
        'stratifyBy',
      );
    if (family === 'referrals' && area !== ALL && need !== null)
      throw new PopulationError(
        'TOO_DETAILED',
        'area and need together come for all quarters only: see populationUnmetNeeds, or ask for one of them',
        'need',
      );
    const tables = await this.protectedTables(organizationId, family, need, question.score ?? null);
    const strata = stratifier ? [...tables.values(stratifier), ALL] : [ALL];
    const periods = [...tables.dimensionValues('period'), ALL];
    const cells: PopulationCellView[] = [];
    for (const period of periods.sort(ORDER)) {
      for (const stratum of strata.sort(ORDER)) {
        const where: Where =
          family === 'referrals' ? { period, area, need: need ?? ALL, category } : { period, area, category };
        cells.push(view(tables.cell(where, stratifier, stratum), period, area, need ?? ALL, stratum));
      }
    }
    return cells;
  }

  /**
   * Which needs go unmet in which areas, and for whom: referrals ended for want of a resource, by
   * need × area; stratified, also each group's by need (area '*') and by area (need '*').
   */
  async unmetNeeds(organizationId: string, stratifyBy: Stratifier | null): Promise<PopulationCellView[]> {
    const tables = await this.protectedTables(organizationId, 'referrals', null, null);
    const needs = [...tables.dimensionValues('need'), ALL].sort(ORDER);
    const areas = [...tables.dimensionValues('area'), ALL].sort(ORDER);
    const cells: PopulationCellView[] = [];
    const add = (need: string, area: string, stratum: string) => {
      const cell = tables.cell(
        { area, need, category: 'unmet' },
        stratum === ALL ? null : stratifyBy,
        stratum,
      );
      if (cell.count !== 0) cells.push(view(cell, ALL, area, need, stratum));
    };
    for (const need of needs) for (const area of areas) add(need, area, ALL);
    if (stratifyBy)
      for (const stratum of [...tables.values(stratifyBy)].sort(ORDER)) {
        for (const need of needs) add(need, ALL, stratum);
        for (const area of areas.filter((area) => area !== ALL)) add(ALL, area, stratum);
      }
    return cells;
  }

  /**
   * Who is not reached, who waits longer, whose referrals go unmet more often: each group's share or
   * mean beside everyone's, as a gap (the group's minus everyone's). Null wherever a figure it needs
   * is suppressed.
   */
  async equityGaps(organizationId: string, stratifyBy: Stratifier): Promise<EquityGapView[]> {
    const clients = await this.protectedTables(organizationId, 'clients', null, null);
    const referrals = await this.protectedTables(organizationId, 'referrals', null, null);
    const line = (stratum: string) => {
      const stratifier = stratum === ALL ? null : stratifyBy;
      const of = (tables: FamilyTables, category: string) => tables.cell({ category }, stratifier, stratum);
      const referred = of(clients, ALL);
      const notReached = of(clients, 'not-reached');
      const contacted = of(clients, 'contacted');
      const made = of(referrals, ALL);
      const unmet = of(referrals, 'unmet');
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

  private async protectedTables(
    organizationId: string,
    family: Family,
    need: string | null,
    score: string | null,
  ): Promise<FamilyTables> {
    if (family === 'outcomes') checkScore(score);
    const version = await this.queries.factsVersion(family);
    const key = JSON.stringify([organizationId, family, need, score]);
    const cached = this.cache.get(key);
    if (cached?.version === version) return cached.table;
    const table = this.computeTables(organizationId, family, need, score);
    // Last used last: the oldest entry goes first once there are too many.
    this.cache.delete(key);
    this.cache.set(key, { version, table });
    const oldest = this.cache.keys().next().value;
    if (this.cache.size > CACHED_TABLES && oldest !== undefined) this.cache.delete(oldest);
    // A failed computation is not kept: the next question tries again.
    void table.catch(() => {
      if (this.cache.get(key)?.table === table) this.cache.delete(key);
    });
    return table;
  }

  private async computeTables(
    organizationId: string,
    family: Family,
    need: string | null,
    score: string | null,
  ): Promise<FamilyTables> {
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

/** Enough for every table a few organizations' dashboards ask for; each holds one family's units. */
const CACHED_TABLES = 64;

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

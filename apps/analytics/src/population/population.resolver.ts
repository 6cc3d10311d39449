import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import { AllowedQuery, callerOf, operationRunner, type RequestContext } from '@spn/service-kit';
import type { Stratifier } from '../disclosure/small-cells';
import type { Measure } from './population';
import { PopulationService } from './population.service';
import { EquityGap, MeasureValue, PopulationCell, StratifierValue } from './population.types';

const run = operationRunner('analytics');
const ANALYST = ['analyst'] as const;

/** Population health monitoring for the organization's analysts: consented clients, protected tables. */
@Resolver(() => PopulationCell)
export class PopulationResolver {
  constructor(@Inject(PopulationService) private readonly population: PopulationService) {}

  @AllowedQuery(() => [PopulationCell], ANALYST, {
    description:
      "One measure by quarter (and '*', all quarters): for all areas and needs, stratified or not; or for one area or one need (not both: TOO_DETAILED), unstratified. score (e.g. SWEMWBS, UCLA3, ONS4.anxious) for OUTCOMES_*. Only clients who consented to evaluation; cells of 1 to 4 clients, and cells that would reveal them in this or any other answer, are suppressed.",
  })
  populationHealth(
    @Args('measure', { type: () => MeasureValue }) measure: Measure,
    @Args('stratifyBy', { type: () => StratifierValue, nullable: true }) stratifyBy: Stratifier | null,
    @Args('area', { type: () => String, nullable: true }) area: string | null,
    @Args('need', { type: () => String, nullable: true }) need: string | null,
    @Args('score', { type: () => String, nullable: true }) score: string | null,
    @Context() ctx: RequestContext,
  ) {
    return run(() =>
      this.population.table(callerOf(ctx.req).organizationId, { measure, stratifyBy, area, need, score }),
    );
  }

  @AllowedQuery(() => [PopulationCell], ANALYST, {
    description:
      "Which needs go unmet in which areas, and for whom: referrals ended rejected or failed for want of a resource, by need × area (and '*'); stratified, also each group's by need (area '*') and by area (need '*'). Cells of zero are left out. Consented clients only; protected.",
  })
  populationUnmetNeeds(
    @Args('stratifyBy', { type: () => StratifierValue, nullable: true }) stratifyBy: Stratifier | null,
    @Context() ctx: RequestContext,
  ) {
    return run(() => this.population.unmetNeeds(callerOf(ctx.req).organizationId, stratifyBy));
  }

  @AllowedQuery(() => [EquityGap], ANALYST, {
    description:
      "Who is not reached, who waits longer for first contact, whose referrals go unmet more often: each group beside everyone ('*'). Consented clients only; null where a figure is suppressed.",
  })
  equityGaps(
    @Args('stratifyBy', { type: () => StratifierValue }) stratifyBy: Stratifier,
    @Context() ctx: RequestContext,
  ) {
    return run(() => this.population.equityGaps(callerOf(ctx.req).organizationId, stratifyBy));
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import { AllowedQuery, callerOf, Clock, operationRunner, type RequestContext } from '@spn/service-kit';
import { IndicatorsService } from './indicators.service';
import {
  CountIndicator,
  FirstContactIndicator,
  OutcomeChangeIndicator,
  ReferralLoopIndicator,
  StatusTimeIndicator,
} from './indicators.types';

const run = operationRunner('analytics');
const PROGRAMME = ['analyst', 'org-admin'] as const;

/** Programme indicators (docs/domain.md, domain 9): the organization's own figures, protected like all. */
@Resolver(() => FirstContactIndicator)
export class IndicatorsResolver {
  constructor(
    @Inject(IndicatorsService) private readonly indicators: IndicatorsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => [FirstContactIndicator], PROGRAMME, {
    description: 'Time from referral to first contact.',
  })
  firstContactIndicator(@Context() ctx: RequestContext) {
    return run(() => this.indicators.firstContact(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => [ReferralLoopIndicator], PROGRAMME, {
    description: 'Referral acceptance and completion (the closed loop).',
  })
  referralLoopIndicator(@Context() ctx: RequestContext) {
    return run(() => this.indicators.referralLoop(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => [StatusTimeIndicator], PROGRAMME, { description: 'Time in each referral status.' })
  timeInStatusIndicator(@Context() ctx: RequestContext) {
    return run(() => this.indicators.timeInStatus(callerOf(ctx.req).organizationId, this.clock.now()));
  }

  @AllowedQuery(() => [CountIndicator], PROGRAMME, { description: 'Open care plans per Link Worker.' })
  caseloadIndicator(@Context() ctx: RequestContext) {
    return run(() => this.indicators.caseloads(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => [CountIndicator], PROGRAMME, {
    description: 'Unmet needs Link Workers recorded, by the area named (key) and need (detail).',
  })
  recordedUnmetNeedIndicator(@Context() ctx: RequestContext) {
    return run(() => this.indicators.recordedUnmetNeeds(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => OutcomeChangeIndicator, PROGRAMME, {
    description: 'Outcome change from baseline to follow-up, with counts, on one score (e.g. SWEMWBS).',
  })
  outcomeChangeIndicator(@Args('score') score: string, @Context() ctx: RequestContext) {
    return run(() => this.indicators.outcomeChange(callerOf(ctx.req).organizationId, score));
  }
}

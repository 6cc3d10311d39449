import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import { AllowedQuery, callerOf, Clock, operationRunner, type RequestContext } from '@spn/service-kit';
import { ComplianceService } from './compliance.service';
import { ComplianceView } from './compliance.types';

const run = operationRunner('quality-safety');

/** The compliance view per organization. */
@Resolver(() => ComplianceView)
export class ComplianceResolver {
  constructor(
    @Inject(ComplianceService) private readonly compliance: ComplianceService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => ComplianceView, ['org-admin', 'supervisor'], {
    description:
      "Supervision frequency, training, policies and caseload per Link Worker (an admin: the organization's; a supervisor: their team's), and the organization's open and overdue incidents, as of a time (default now).",
  })
  complianceView(
    @Args('asOf', { type: () => Date, nullable: true }) asOf: Date | undefined,
    @Context() ctx: RequestContext,
  ) {
    return run(() => this.compliance.view(callerOf(ctx.req), asOf ?? this.clock.now()));
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, Int, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  operationRunner,
  PageArgs,
  pageRequest,
  type RequestContext,
} from '@spn/service-kit';
import { Receipt, receiptOf } from '../shared/receipt.types';
import { CaseloadsService } from './caseloads.service';
import { Caseload, CaseloadAlertPage, CaseloadPage, SetCaseloadThresholdInput } from './caseloads.types';

const run = operationRunner('quality-safety');

/** Caseload monitoring: counts from care-plans' events, a threshold per organization, alerts. */
@Resolver(() => Caseload)
export class CaseloadsResolver {
  constructor(@Inject(CaseloadsService) private readonly caseloads: CaseloadsService) {}

  @AllowedQuery(() => CaseloadPage, ['org-admin', ...CARE_TEAM], {
    description:
      "A Link Worker's own caseload, a supervisor's Link Workers', the organization's for an admin; by Link Worker, a page at a time.",
  })
  caseloadMonitor(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() => this.caseloads.caseloadsPage(callerOf(ctx.req), pageRequest(page, 1)));
  }

  @AllowedQuery(() => Int, ['org-admin', ...CARE_TEAM], {
    nullable: true,
    description: "The organization's caseload threshold (null: none set).",
  })
  caseloadThreshold(@Context() ctx: RequestContext) {
    return run(() => this.caseloads.queries.threshold(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => CaseloadAlertPage, ['org-admin', 'supervisor'], {
    description:
      'Threshold alerts, newest first, a page at a time: a supervisor for their Link Workers, an admin all.',
  })
  caseloadAlerts(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() => this.caseloads.alerts(callerOf(ctx.req), pageRequest(page, 2)));
  }

  @AllowedMutation(() => Receipt, ['org-admin'], {
    description: "Sets the organization's caseload threshold.",
  })
  setCaseloadThreshold(@Args('input') input: SetCaseloadThresholdInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      return receiptOf(
        caller.organizationId,
        await this.caseloads.setThreshold(caller, input.maxActiveCases, input.commandId),
      );
    });
  }
}

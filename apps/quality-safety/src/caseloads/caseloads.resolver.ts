import { Inject } from '@nestjs/common';
import { Args, Context, Int, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  operationRunner,
  type RequestContext,
} from '@spn/service-kit';
import { Receipt, receiptOf } from '../shared/receipt.types';
import { CaseloadsService } from './caseloads.service';
import { Caseload, CaseloadAlert, SetCaseloadThresholdInput } from './caseloads.types';

const run = operationRunner('quality-safety');

/** Caseload monitoring: counts from care-plans' events, a threshold per organization, alerts. */
@Resolver(() => Caseload)
export class CaseloadsResolver {
  constructor(@Inject(CaseloadsService) private readonly caseloads: CaseloadsService) {}

  @AllowedQuery(() => [Caseload], ['org-admin', ...CARE_TEAM], {
    description:
      "A Link Worker's own caseload, a supervisor's Link Workers', the organization's for an admin.",
  })
  caseloadMonitor(@Context() ctx: RequestContext) {
    return run(() => this.caseloads.caseloads(callerOf(ctx.req)));
  }

  @AllowedQuery(() => Int, ['org-admin', ...CARE_TEAM], {
    nullable: true,
    description: "The organization's caseload threshold (null: none set).",
  })
  caseloadThreshold(@Context() ctx: RequestContext) {
    return run(() => this.caseloads.queries.threshold(callerOf(ctx.req).organizationId));
  }

  @AllowedQuery(() => [CaseloadAlert], ['org-admin', 'supervisor'], {
    description: 'Threshold alerts, newest first: a supervisor for their Link Workers, an admin all.',
  })
  caseloadAlerts(@Context() ctx: RequestContext) {
    return run(() => this.caseloads.alerts(callerOf(ctx.req)));
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

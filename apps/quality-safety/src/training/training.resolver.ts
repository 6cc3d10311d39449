import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  Clock,
  operationRunner,
  PageArgs,
  pageOfSorted,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { Receipt, receiptOf } from '../shared/receipt.types';
import { TrainingService } from './training.service';
import {
  AcknowledgePolicyInput,
  PolicyAcknowledgementPage,
  PolicyPage,
  PublishPolicyVersionInput,
  RecordTrainingInput,
  TrainingRecord,
  TrainingRecordPage,
  TrainingReminders,
} from './training.types';

const run = operationRunner('quality-safety');
const STAFF = ['org-admin', ...CARE_TEAM] as const;

/** Training records, expiry reminders, policies and their acknowledgements. */
@Resolver(() => TrainingRecord)
export class TrainingResolver {
  constructor(
    @Inject(TrainingService) private readonly training: TrainingService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => TrainingRecordPage, STAFF, {
    description:
      "A Link Worker's own records, a supervisor's and their Link Workers', an org-admin's organization's; by person, newest first, a page at a time.",
  })
  trainingRecords(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() => this.training.records(callerOf(ctx.req), pageRequest(page, 3)));
  }

  @AllowedQuery(() => PolicyPage, STAFF, {
    description: "The organization's policies at their latest version, by title, a page at a time.",
  })
  policies(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      // An organization's policies are read whole (one row each) and paged here.
      const policies = await this.training.queries.policies(caller.organizationId, caller.subject);
      return pageOfSorted(policies, request, (policy) => [policy.title, policy.policyId]);
    });
  }

  @AllowedQuery(() => PolicyAcknowledgementPage, ['org-admin', 'supervisor'], {
    description:
      "Who acknowledged which version of one of the organization's policies, newest version first, a page at a time.",
  })
  policyAcknowledgements(
    @Args('policyId', { type: () => ID }) policyId: string,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(() =>
      this.training.queries.acknowledgements(
        callerOf(ctx.req).organizationId,
        uuidArgument(policyId, 'policyId'),
        pageRequest(page, 2),
      ),
    );
  }

  @AllowedMutation(() => Receipt, ['link-worker', 'org-admin'], {
    description: "A training completed: one's own, or an org-admin's for a Link Worker of the organization.",
  })
  recordTraining(@Args('input') input: RecordTrainingInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const recordId = input.recordId ? uuidArgument(input.recordId, 'recordId') : randomUUID();
      const result = await this.training.record(
        callerOf(ctx.req),
        {
          recordId,
          topic: input.topic,
          completedOn: input.completedOn,
          ...(input.subject ? { subject: input.subject } : {}),
          ...(input.title ? { title: input.title } : {}),
          ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
        },
        input.commandId,
      );
      return receiptOf(recordId, result);
    });
  }

  @AllowedMutation(() => Receipt, ['org-admin'], { description: "A policy's first or next version." })
  publishPolicyVersion(@Args('input') input: PublishPolicyVersionInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const policyId = input.policyId ? uuidArgument(input.policyId, 'policyId') : randomUUID();
      const result = await this.training.publishPolicy(
        callerOf(ctx.req),
        policyId,
        input.title,
        input.summary,
        input.commandId,
      );
      return receiptOf(policyId, result);
    });
  }

  @AllowedMutation(() => Receipt, CARE_TEAM, {
    description: 'The caller acknowledges a published policy version.',
  })
  acknowledgePolicy(@Args('input') input: AcknowledgePolicyInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const policyId = uuidArgument(input.policyId, 'policyId');
      const result = await this.training.acknowledge(
        callerOf(ctx.req),
        policyId,
        input.version,
        input.commandId,
      );
      return receiptOf(policyId, result);
    });
  }

  @AllowedMutation(() => TrainingReminders, ['org-admin'], {
    description:
      'Issues a reminder for each training record of the organization expiring within 30 days of asOf (default today); once per record.',
  })
  issueTrainingReminders(
    @Args('asOf', { type: () => String, nullable: true }) asOf: string | undefined,
    @Context() ctx: RequestContext,
  ) {
    return run(async () => {
      const day = asOf ?? this.clock.today();
      return { asOf: day, recordIds: await this.training.issueReminders(callerOf(ctx.req), day) };
    });
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import {
  AccessAudit,
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  Clock,
  openClientFile,
  metadataOf,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
  type Caller,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { CarePlansService } from './care-plans.service';
import { CarePlanError, scoredOutcomeOf, type CarePlanCommand } from './care-plan';
import type { OutcomeAnswers } from '../outcome-measures/outcome-measures';
import { changesOf, scoreLines, type PlanView } from './plan-view';
import {
  AddNavigationTaskInput,
  AssessNeedsInput,
  CarePlan,
  CarePlanPage,
  CarePlanReceipt,
  ClientRefInput,
  ClosePlanInput,
  FollowUpInput,
  MeasureValue,
  OpenCarePlanInput,
  PlanActionInput,
  PrescribeInput,
  RateReadinessInput,
  RecordOutcomeInput,
  RecordSessionInput,
  ReviewPlanInput,
  SetGoalInput,
  ServiceAlertPage,
  TimepointValue,
  UpdateNavigationTaskInput,
} from './care-plans.types';

const run = operationRunner('care-plans');

const clientIdOf = (id: string, field = 'clientId'): string => uuidArgument(id, field);

/** The plan's view as the API shows it: outcomes as score lines, and the change since baseline. */
function toCarePlan(view: PlanView): CarePlan {
  return {
    ...view,
    outcomes: view.outcomes.map((outcome) => ({
      measurementId: outcome.measurementId,
      measure: scoredOutcomeOf(outcome.result).measure,
      timepoint: outcome.timepoint,
      recordedAt: outcome.recordedAt,
      scores: scoreLines(outcome.result),
    })),
    changes: changesOf(view),
    closeNote: view.closeNote ?? null,
    sessions: view.sessions ?? [],
    navigationTasks: view.navigationTasks ?? [],
  };
}

/** The measure's answers in the scoring module's shape; the one field given must match the measure. */
function answersOf(input: RecordOutcomeInput): OutcomeAnswers {
  const missing = () => {
    const field = input.measure.toLowerCase();
    return new CarePlanError('REQUIRED', `${field} is required for ${input.measure}`, field);
  };
  switch (input.measure) {
    case MeasureValue.ONS4:
      if (!input.ons4) throw missing();
      return {
        measure: 'ONS4',
        items: {
          lifeSatisfaction: input.ons4.lifeSatisfaction,
          worthwhile: input.ons4.worthwhile,
          happy: input.ons4.happy,
          anxious: input.ons4.anxious,
        },
      };
    case MeasureValue.UCLA3:
      if (!input.ucla3) throw missing();
      return {
        measure: 'UCLA3',
        items: {
          lackCompanionship: input.ucla3.lackCompanionship,
          leftOut: input.ucla3.leftOut,
          isolated: input.ucla3.isolated,
        },
      };
    case MeasureValue.SWEMWBS:
      if (!input.swemwbs) throw missing();
      return { measure: 'SWEMWBS', items: input.swemwbs };
    case MeasureValue.MYCAW:
      if (!input.mycaw) throw missing();
      return {
        measure: 'MYCAW',
        concerns: input.mycaw.concerns.map((c) => ({ id: c.id, description: c.description, score: c.score })),
        wellbeing: input.mycaw.wellbeing,
      };
  }
}

/** The care-plans subgraph: thin; the decider decides, the read model answers. */
@Resolver(() => CarePlan)
export class CarePlansResolver {
  constructor(
    @Inject(CarePlansService) private readonly plans: CarePlansService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => CarePlan, CARE_TEAM, {
    nullable: true,
    description: "A client's current care plan (open, or the last closed), in the caller's organization.",
  })
  carePlan(@Args('clientId', { type: () => ID }) clientId: string, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const view = await this.plans.queries.currentPlan(caller.organizationId, clientIdOf(clientId));
      // Need to know: the plan's Link Worker, their team's supervisor, others with a recorded reason.
      await openClientFile(this.audit, caller, ctx.req, {
        operation: 'Query.carePlan',
        resourceType: 'care-plan',
        file: view ? { clientId: view.clientId, linkWorker: view.linkWorker } : null,
        supervises: (supervisor, linkWorker) =>
          this.plans.supervises(caller.organizationId, supervisor, linkWorker),
      });
      return view ? toCarePlan(view) : null;
    });
  }

  @AllowedQuery(() => CarePlanPage, CARE_TEAM, {
    description: "The caller's open care plans, oldest opened first, a page at a time.",
  })
  myCarePlans(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      const views = await this.plans.queries.openPlansPage(caller.organizationId, caller.subject, request);
      await this.audit.disclosed(
        caller,
        'Query.myCarePlans',
        'care-plan',
        views.items.map((view) => view.clientId),
      );
      return { items: views.items.map(toCarePlan), nextCursor: views.nextCursor };
    });
  }

  @AllowedQuery(() => ServiceAlertPage, CARE_TEAM, {
    description:
      "Confirmed changes (closed, waitlist, eligibility, hours) to directory services the caller's open plans have open referrals to, newest first, a page at a time.",
  })
  serviceAlerts(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 4);
      const caller = callerOf(ctx.req);
      const alerts = await this.plans.queries.serviceAlerts(caller.organizationId, caller.subject, request);
      await this.audit.disclosed(caller, 'Query.serviceAlerts', 'care-plan', [
        ...new Set(alerts.items.map((alert) => alert.clientId)),
      ]);
      return alerts;
    });
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'Opens a care plan for a referred client.',
  })
  openCarePlan(@Args('input') input: OpenCarePlanInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, (clientId, caller) => ({
      kind: 'open',
      planId: input.planId ?? randomUUID(),
      clientId,
      linkWorker: input.linkWorker ?? caller.subject,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'Needs across the social determinants, what matters to the client, strengths.',
  })
  assessNeeds(@Args('input') input: AssessNeedsInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'assessNeeds',
      assessmentId: input.assessmentId,
      needs: input.needs,
      whatMattersToMe: input.whatMattersToMe,
      strengths: input.strengths,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, { description: "A goal in the client's words." })
  setGoal(@Args('input') input: SetGoalInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'setGoal',
      goalId: input.goalId,
      inClientsWords: input.inClientsWords,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'Readiness for change on a goal, with the importance and confidence rulers.',
  })
  rateReadiness(@Args('input') input: RateReadinessInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'rateReadiness',
      goalId: input.goalId,
      stage: input.stage,
      importance: input.importance,
      confidence: input.confidence,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'An action towards a goal: who does what, by when.',
  })
  planAction(@Args('input') input: PlanActionInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'planAction',
      actionId: input.actionId,
      goalId: input.goalId,
      description: input.description,
      owner: input.owner,
      due: input.due,
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, { description: "The client's agreement to the plan." })
  recordPlanAgreement(@Args('input') input: ClientRefInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({ kind: 'agree', at: this.clock.timestamp() }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'A social prescription: a resource for a need, with a follow-up date.',
  })
  prescribeResource(@Args('input') input: PrescribeInput, @Context() ctx: RequestContext) {
    const partner = input.partnerOrganizationId;
    // A partner the organization never registered would be a referral to nobody.
    const check = async (caller: Caller) => {
      if (partner)
        await this.plans.partners.require(
          caller.organizationId,
          partner,
          'partnerOrganizationId',
          CarePlanError,
        );
    };
    return this.command(
      ctx,
      input,
      () => ({
        kind: 'prescribe',
        prescriptionId: input.prescriptionId,
        ...(input.goalId ? { goalId: input.goalId } : {}),
        need: input.need,
        resourceName: input.resourceName,
        ...(input.partnerOrganizationId ? { partnerOrganizationId: input.partnerOrganizationId } : {}),
        ...(input.serviceId ? { serviceId: uuidArgument(input.serviceId, 'serviceId') } : {}),
        followUpOn: input.followUpOn,
        at: this.clock.timestamp(),
      }),
      check,
    );
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, { description: 'How a social prescription went.' })
  recordFollowUp(@Args('input') input: FollowUpInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'followUp',
      prescriptionId: input.prescriptionId,
      attended: input.attended,
      note: input.note,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'An outcome measure at baseline or follow-up, scored as its authors define.',
  })
  recordOutcome(@Args('input') input: RecordOutcomeInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'recordOutcome',
      measurementId: input.measurementId,
      timepoint: input.timepoint === TimepointValue.baseline ? 'baseline' : 'follow-up',
      answers: answersOf(input),
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, { description: 'A review of the plan with the client.' })
  reviewPlan(@Args('input') input: ReviewPlanInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'review',
      reviewId: input.reviewId,
      summary: input.summary,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'Notes of a coaching or motivational interviewing session.',
  })
  recordSession(@Args('input') input: RecordSessionInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'recordSession',
      sessionId: input.sessionId,
      sessionKind: input.kind,
      ...(input.goalId ? { goalId: input.goalId } : {}),
      notes: input.notes,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: 'A navigation task: accompany, transport, forms.',
  })
  addNavigationTask(@Args('input') input: AddNavigationTaskInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'addTask',
      taskId: input.taskId,
      taskKind: input.kind,
      description: input.description,
      due: input.due,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, {
    description: "A navigation task's status, and a barrier met.",
  })
  updateNavigationTask(@Args('input') input: UpdateNavigationTaskInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'updateTask',
      taskId: input.taskId,
      status: input.status,
      ...(input.barrier ? { barrier: input.barrier } : {}),
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CarePlanReceipt, CARE_TEAM, { description: 'Closes the plan, with the reason.' })
  closePlan(@Args('input') input: ClosePlanInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input, () => ({
      kind: 'close',
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
      at: this.clock.timestamp(),
    }));
  }

  /** Every mutation: check the id, run the command as the caller, answer with a receipt. */
  private command(
    ctx: RequestContext,
    input: { clientId: string; commandId?: string },
    build: (clientId: string, caller: Caller) => CarePlanCommand,
    check?: (caller: Caller) => Promise<void>,
  ): Promise<CarePlanReceipt> {
    return run(async () => {
      const clientId = clientIdOf(input.clientId);
      const caller = callerOf(ctx.req);
      await check?.(caller);
      const result = await this.plans.execute(
        clientId,
        build(clientId, caller),
        metadataOf(caller),
        input.commandId,
      );
      return { clientId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }
}

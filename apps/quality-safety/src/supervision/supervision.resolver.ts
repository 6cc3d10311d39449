import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AccessAudit,
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  Clock,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { Receipt, receiptOf } from '../shared/receipt.types';
import { SupervisionService } from './supervision.service';
import {
  CancelSupervisionInput,
  HoldSupervisionInput,
  MarkSupervisionActionDoneInput,
  ScheduleSupervisionInput,
  SupervisionSession,
  SupervisionSessionPage,
} from './supervision.types';

const run = operationRunner('quality-safety');

/** Supervision sessions: supervisors schedule and hold them, Link Workers follow their actions through. */
@Resolver(() => SupervisionSession)
export class SupervisionResolver {
  constructor(
    @Inject(SupervisionService) private readonly supervision: SupervisionService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => SupervisionSessionPage, ['link-worker', 'supervisor', 'org-admin'], {
    description:
      "Sessions, newest first, a page at a time: a Link Worker's own, a supervisor's and their Link Workers', an org-admin all of the organization.",
  })
  supervisionSessions(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      const sessions = await this.supervision.sessions(caller, request);
      // Supervision notes speak of clients and of the Link Worker: recorded before they are answered.
      await this.audit.disclosed(
        caller,
        'Query.supervisionSessions',
        'supervision-session',
        sessions.items.map((session) => session.sessionId),
      );
      return sessions;
    });
  }

  @AllowedMutation(() => Receipt, CARE_TEAM, {
    description:
      'A supervisor schedules a session with Link Workers they supervise; a Link Worker a peer-support session with peers of a team.',
  })
  scheduleSupervision(@Args('input') input: ScheduleSupervisionInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const sessionId = input.sessionId ? uuidArgument(input.sessionId, 'sessionId') : randomUUID();
      const result = await this.supervision.schedule(
        callerOf(ctx.req),
        { sessionId, linkWorkers: input.linkWorkers, kind: input.kind, scheduledFor: input.scheduledFor },
        input.commandId,
      );
      return receiptOf(sessionId, result);
    });
  }

  @AllowedMutation(() => Receipt, CARE_TEAM, {
    description: 'The facilitator records the session held: notes and agreed actions.',
  })
  holdSupervision(@Args('input') input: HoldSupervisionInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const sessionId = uuidArgument(input.sessionId, 'sessionId');
      const result = await this.supervision.hold(
        callerOf(ctx.req),
        sessionId,
        {
          notes: input.notes,
          actions: input.actions.map((action) => ({
            actionId: action.actionId ?? randomUUID(),
            description: action.description,
            owner: action.owner,
            dueOn: action.dueOn,
          })),
          clientId: input.clientId ? uuidArgument(input.clientId, 'clientId') : null,
          at: this.clock.timestamp(),
        },
        input.commandId,
      );
      return receiptOf(sessionId, result);
    });
  }

  @AllowedMutation(() => Receipt, CARE_TEAM, {
    description: "An action's owner (or the facilitator) marks it done.",
  })
  markSupervisionActionDone(
    @Args('input') input: MarkSupervisionActionDoneInput,
    @Context() ctx: RequestContext,
  ) {
    return this.command(ctx, input.sessionId, input.commandId, (by) => ({
      kind: 'markActionDone',
      by,
      actionId: input.actionId,
      doneOn: input.doneOn ?? this.clock.today(),
    }));
  }

  @AllowedMutation(() => Receipt, CARE_TEAM, { description: 'The facilitator cancels a scheduled session.' })
  cancelSupervision(@Args('input') input: CancelSupervisionInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const sessionId = uuidArgument(input.sessionId, 'sessionId');
      const result = await this.supervision.cancel(
        callerOf(ctx.req),
        sessionId,
        {
          reason: input.reason,
          clientId: input.clientId ? uuidArgument(input.clientId, 'clientId') : null,
          at: this.clock.timestamp(),
        },
        input.commandId,
      );
      return receiptOf(sessionId, result);
    });
  }

  private command(
    ctx: RequestContext,
    rawSessionId: string,
    commandId: string | undefined,
    build: (by: string) => Parameters<SupervisionService['execute']>[2],
  ): Promise<Receipt> {
    return run(async () => {
      const sessionId = uuidArgument(rawSessionId, 'sessionId');
      const caller = callerOf(ctx.req);
      return receiptOf(
        sessionId,
        await this.supervision.execute(caller, sessionId, build(caller.subject), commandId),
      );
    });
  }
}

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
import type { IncidentCommand } from './incident';
import { IncidentsService } from './incidents.service';
import {
  AcknowledgeIncidentInput,
  AcknowledgementTime,
  Incident,
  IncidentPage,
  ReportIncidentInput,
  ResolveIncidentInput,
} from './incidents.types';

const run = operationRunner('quality-safety');
const RESPONDERS = ['supervisor', 'org-admin'] as const;

/** Incidents and safeguarding concerns: reported by staff, acknowledged and resolved by the role escalated to. */
@Resolver(() => Incident)
export class IncidentsResolver {
  constructor(
    @Inject(IncidentsService) private readonly incidents: IncidentsService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => IncidentPage, ['org-admin', ...CARE_TEAM], {
    description:
      "A Link Worker's own reports; the organization's for supervisors and admins. Flagged and open first, a page at a time.",
  })
  incidentReports(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const incidents = await this.incidents.incidents(caller, pageRequest(page, 3));
      // A client's id and a safeguarding account: recorded before it is answered.
      await this.audit.disclosed(
        caller,
        'Query.incidentReports',
        'incident',
        incidents.items.map((incident) => incident.incidentId),
      );
      return incidents;
    });
  }

  @AllowedQuery(() => [AcknowledgementTime], RESPONDERS, {
    description: 'Per severity: incidents acknowledged, mean and median seconds to acknowledge.',
  })
  incidentAcknowledgementTimes(@Context() ctx: RequestContext) {
    return run(() => this.incidents.queries.acknowledgementTimes(callerOf(ctx.req).organizationId));
  }

  @AllowedMutation(() => Receipt, ['org-admin', ...CARE_TEAM], {
    description:
      'Reports an incident or safeguarding concern; escalated at once by severity (low, moderate: supervisor; high: org-admin; critical: org-admin, flagged).',
  })
  reportIncident(@Args('input') input: ReportIncidentInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const incidentId = input.incidentId ? uuidArgument(input.incidentId, 'incidentId') : randomUUID();
      const result = await this.incidents.report(
        callerOf(ctx.req),
        {
          incidentId,
          kind: input.kind,
          severity: input.severity,
          summary: input.summary,
          clientId: input.clientId ? uuidArgument(input.clientId, 'clientId') : null,
          occurredOn: input.occurredOn,
        },
        input.commandId,
      );
      return receiptOf(incidentId, result);
    });
  }

  @AllowedMutation(() => Receipt, RESPONDERS, {
    description: 'The role the incident is escalated to acknowledges it; the time to acknowledge is stored.',
  })
  acknowledgeIncident(@Args('input') input: AcknowledgeIncidentInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.incidentId, input.commandId, (by, roles) => ({
      kind: 'acknowledge',
      by,
      roles,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => Receipt, RESPONDERS, {
    description: 'Resolves an acknowledged incident, with lessons learned.',
  })
  resolveIncident(@Args('input') input: ResolveIncidentInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.incidentId, input.commandId, (by, roles) => ({
      kind: 'resolve',
      by,
      roles,
      resolution: input.resolution,
      lessonsLearned: input.lessonsLearned,
      // The service learns otherwise if the client's key is gone.
      clientErased: false,
      at: this.clock.timestamp(),
    }));
  }

  private command(
    ctx: RequestContext,
    rawIncidentId: string,
    commandId: string | undefined,
    build: (by: string, roles: readonly string[]) => IncidentCommand,
  ): Promise<Receipt> {
    return run(async () => {
      const incidentId = uuidArgument(rawIncidentId, 'incidentId');
      const caller = callerOf(ctx.req);
      return receiptOf(
        incidentId,
        await this.incidents.execute(caller, incidentId, build(caller.subject, caller.roles), commandId),
      );
    });
  }
}

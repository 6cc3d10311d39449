import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AccessAudit,
  AllowedMutation,
  AllowedQuery,
  callerOf,
  Clock,
  hasRole,
  metadataOf,
  compareKeys,
  operationRunner,
  PageArgs,
  pageOfSorted,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { ClientsService } from '../clients/clients.service';
import { TeamsService } from './teams.service';
import type { TeamCommand } from './team';
import {
  AddTeamMemberInput,
  FormTeamInput,
  RemoveTeamMemberInput,
  Team,
  TeamCaseloadPage,
  TeamPage,
  TeamReceipt,
} from './teams.types';

const run = operationRunner('clients');

/** Teams: formed and staffed by the organization's admin; read by its supervisors and admins. */
@Resolver(() => Team)
export class TeamsResolver {
  constructor(
    @Inject(TeamsService) private readonly service: TeamsService,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => TeamPage, ['org-admin', 'supervisor', 'link-worker'], {
    description:
      "The organization's teams (an admin); the caller's own teams (anyone else). By name, a page at a time.",
  })
  teams(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      return this.service.queries.teams(
        caller.organizationId,
        hasRole(caller, 'org-admin') ? undefined : caller.subject,
        request,
      );
    });
  }

  @AllowedQuery(() => TeamCaseloadPage, ['supervisor'], {
    description:
      'The caseloads of the Link Workers of the teams the caller supervises, by Link Worker, a page at a time.',
  })
  teamCaseloads(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 1);
      const caller = callerOf(ctx.req);
      // The Link Workers a supervisor supervises are few (their teams'): read whole, sorted here by
      // code unit so the cursor compares as the page does, then paged.
      const supervised = await this.service.queries.supervisedBy(caller.organizationId, caller.subject);
      const sorted = [...supervised].sort((a, b) => compareKeys([a], [b]));
      const linkWorkers = pageOfSorted(sorted, request, (linkWorker) => [linkWorker]);
      const caseloads = await Promise.all(
        linkWorkers.items.map(async (linkWorker) => ({
          linkWorker,
          clients: await this.clients.queries.caseload(caller.organizationId, linkWorker),
        })),
      );
      await this.audit.disclosed(
        caller,
        'Query.teamCaseloads',
        'client',
        caseloads.flatMap((caseload) => caseload.clients.map((client) => client.clientId)),
      );
      return { items: caseloads, nextCursor: linkWorkers.nextCursor };
    });
  }

  @AllowedMutation(() => TeamReceipt, ['org-admin'])
  formTeam(@Args('input') input: FormTeamInput, @Context() ctx: RequestContext) {
    const teamId = input.teamId ?? randomUUID();
    return this.command(ctx, teamId, input.commandId, (id) => ({
      kind: 'form',
      teamId: id,
      name: input.name,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => TeamReceipt, ['org-admin'])
  addTeamMember(@Args('input') input: AddTeamMemberInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.teamId, input.commandId, () => ({
      kind: 'addMember',
      subject: input.subject,
      role: input.role,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => TeamReceipt, ['org-admin'])
  removeTeamMember(@Args('input') input: RemoveTeamMemberInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.teamId, input.commandId, () => ({
      kind: 'removeMember',
      subject: input.subject,
      at: this.clock.timestamp(),
    }));
  }

  private command(
    ctx: RequestContext,
    rawTeamId: string,
    commandId: string | undefined,
    build: (teamId: string) => TeamCommand,
  ): Promise<TeamReceipt> {
    return run(async () => {
      const teamId = uuidArgument(rawTeamId, 'teamId');
      const result = await this.service.execute(
        teamId,
        build(teamId),
        metadataOf(callerOf(ctx.req)),
        commandId,
      );
      return { teamId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }
}

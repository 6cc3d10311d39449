import type { EventMetadata } from '@spn/event-store';
import { handleCommand, type ServiceRuntime } from '@spn/service-kit';
import { TeamError, teamDecider, teamStreamId, type TeamCommand } from './team';
import { teamsProjection } from './teams.projection';
import { TeamsQueries } from './teams.queries';

/** Teams: commands through the team decider, queries from the teams read model. */
export class TeamsService {
  readonly queries: TeamsQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new TeamsQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime): Promise<TeamsService> {
    await runtime.project(teamsProjection);
    return new TeamsService(runtime);
  }

  execute(teamId: string, command: TeamCommand, metadata: EventMetadata, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      teamDecider,
      teamStreamId(metadata.organizationId, teamId),
      command,
      {
        metadata,
        ...(commandId ? { commandId } : {}),
        // Another organization's team is, to the caller, no team at all.
        notFound: () => new TeamError('TEAM_NOT_FOUND', 'No team with this id', 'teamId'),
      },
    );
  }
}

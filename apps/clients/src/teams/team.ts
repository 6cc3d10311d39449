import {
  type ContractData,
  type teamFormed,
  type teamMemberAdded,
  type teamMemberRemoved,
  type TeamRole,
} from '@spn/contracts';
import { DomainError, organizationStreamId, type Decider, requiredText } from '@spn/service-kit';

/**
 * A team of an organization (stream `team-<organizationId>-<teamId>`): the Link Workers a supervisor supervises. Who
 * may read whose caseload follows from it: a supervisor reads the caseloads of the Link Workers of the
 * teams they supervise, and nobody else's. Members are named by their identity subject (the token's
 * `sub`), never by name: a team holds no personal data of clients.
 */

export { TEAM_ROLES, type TeamRole } from '@spn/contracts';

/** The events other contexts read have their data types from their contracts in @spn/contracts. */
export type TeamEvent =
  | { type: 'clients.TeamFormed'; data: ContractData<typeof teamFormed> }
  | { type: 'clients.TeamMemberAdded'; data: ContractData<typeof teamMemberAdded> }
  | { type: 'clients.TeamMemberRemoved'; data: ContractData<typeof teamMemberRemoved> }
  | { type: 'clients.TeamRenamed'; data: { name: string } };

export type TeamCommand =
  | { kind: 'form'; teamId: string; name: string; at: string }
  | { kind: 'rename'; name: string }
  | { kind: 'addMember'; subject: string; role: TeamRole; at: string }
  | { kind: 'removeMember'; subject: string; at: string };

export interface TeamState {
  readonly teamId: string | null;
  readonly name: string;
  readonly members: ReadonlyMap<string, TeamRole>;
}

export class TeamError extends DomainError {}

const MAX_NAME = 120;
const MAX_SUBJECT = 255;

const text = (value: string, field: string, max: number): string =>
  requiredText(value, field, max, TeamError);

function formed(state: TeamState): void {
  if (state.teamId === null) throw new TeamError('TEAM_NOT_FOUND', 'No team with this id', 'teamId');
}

function decide(command: TeamCommand, state: TeamState): TeamEvent[] {
  switch (command.kind) {
    case 'form':
      if (state.teamId !== null) throw new TeamError('TEAM_EXISTS', 'A team with this id exists', 'teamId');
      return [
        {
          type: 'clients.TeamFormed',
          data: { teamId: command.teamId, name: text(command.name, 'name', MAX_NAME), formedAt: command.at },
        },
      ];
    case 'rename': {
      formed(state);
      const name = text(command.name, 'name', MAX_NAME);
      return name === state.name ? [] : [{ type: 'clients.TeamRenamed', data: { name } }];
    }
    case 'addMember': {
      formed(state);
      const subject = text(command.subject, 'subject', MAX_SUBJECT);
      const role = state.members.get(subject);
      // Adding a member again in the same role changes nothing; in another role it is a mistake to fix.
      if (role === command.role) return [];
      if (role !== undefined)
        throw new TeamError('ALREADY_MEMBER', `Already a member of this team as ${role}`, 'subject');
      return [
        { type: 'clients.TeamMemberAdded', data: { subject, role: command.role, addedAt: command.at } },
      ];
    }
    case 'removeMember': {
      formed(state);
      if (!state.members.has(command.subject))
        throw new TeamError('NOT_A_MEMBER', 'Not a member of this team', 'subject');
      return [
        { type: 'clients.TeamMemberRemoved', data: { subject: command.subject, removedAt: command.at } },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: TeamState, event: TeamEvent): TeamState {
  switch (event.type) {
    case 'clients.TeamFormed':
      return { ...state, teamId: event.data.teamId, name: event.data.name };
    case 'clients.TeamRenamed':
      return { ...state, name: event.data.name };
    case 'clients.TeamMemberAdded': {
      const members = new Map(state.members);
      members.set(event.data.subject, event.data.role);
      return { ...state, members };
    }
    case 'clients.TeamMemberRemoved': {
      const members = new Map(state.members);
      members.delete(event.data.subject);
      return { ...state, members };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: () => ({ teamId: null, name: '', members: new Map() }),
  decide,
  evolve,
};

export const teamStreamId = (organizationId: string, teamId: string): string =>
  organizationStreamId('team', organizationId, teamId);

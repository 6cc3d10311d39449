import { deciderSpecification } from '@spn/service-kit';
import { teamDecider, type TeamEvent } from './team';

const spec = deciderSpecification(teamDecider);
const AT = '2026-11-20T09:00:00.000Z';
const formed: TeamEvent = {
  type: 'clients.TeamFormed',
  data: { teamId: 't-1', name: 'Tri-Cities', formedAt: AT },
};
const supervisor: TeamEvent = {
  type: 'clients.TeamMemberAdded',
  data: { subject: 'sup-1', role: 'supervisor', addedAt: AT },
};
const linkWorker: TeamEvent = {
  type: 'clients.TeamMemberAdded',
  data: { subject: 'lw-1', role: 'link-worker', addedAt: AT },
};

describe('team', () => {
  it('is formed with a trimmed name', () => {
    spec.given([]).when({ kind: 'form', teamId: 't-1', name: '  Tri-Cities ', at: AT }).then([formed]);
  });

  it('refuses a second forming and an empty or overlong name', () => {
    spec
      .given([formed])
      .when({ kind: 'form', teamId: 't-1', name: 'x', at: AT })
      .thenRefuses('TEAM_EXISTS', 'teamId');
    spec.given([]).when({ kind: 'form', teamId: 't-1', name: '  ', at: AT }).thenRefuses('REQUIRED', 'name');
    spec
      .given([])
      .when({ kind: 'form', teamId: 't-1', name: 'x'.repeat(121), at: AT })
      .thenRefuses('TOO_LONG', 'name');
  });

  it('adds a supervisor and a Link Worker; adding one again in the same role changes nothing', () => {
    spec
      .given([formed])
      .when({ kind: 'addMember', subject: 'sup-1', role: 'supervisor', at: AT })
      .then([supervisor]);
    spec
      .given([formed, supervisor])
      .when({ kind: 'addMember', subject: 'lw-1', role: 'link-worker', at: AT })
      .then([linkWorker]);
    spec
      .given([formed, linkWorker])
      .when({ kind: 'addMember', subject: 'lw-1', role: 'link-worker', at: AT })
      .then([]);
  });

  it('refuses a member in a second role, and members of a team never formed', () => {
    spec
      .given([formed, linkWorker])
      .when({ kind: 'addMember', subject: 'lw-1', role: 'supervisor', at: AT })
      .thenRefuses('ALREADY_MEMBER', 'subject');
    spec
      .given([])
      .when({ kind: 'addMember', subject: 'lw-1', role: 'link-worker', at: AT })
      .thenRefuses('TEAM_NOT_FOUND', 'teamId');
  });

  it('removes a member, and refuses to remove one who is not', () => {
    spec
      .given([formed, linkWorker])
      .when({ kind: 'removeMember', subject: 'lw-1', at: AT })
      .then([{ type: 'clients.TeamMemberRemoved', data: { subject: 'lw-1', removedAt: AT } }]);
    spec
      .given([
        formed,
        linkWorker,
        { type: 'clients.TeamMemberRemoved', data: { subject: 'lw-1', removedAt: AT } },
      ])
      .when({ kind: 'removeMember', subject: 'lw-1', at: AT })
      .thenRefuses('NOT_A_MEMBER', 'subject');
  });

  it('renames, and a rename to the same name changes nothing', () => {
    spec
      .given([formed])
      .when({ kind: 'rename', name: 'Tri-Cities East' })
      .then([{ type: 'clients.TeamRenamed', data: { name: 'Tri-Cities East' } }]);
    spec.given([formed]).when({ kind: 'rename', name: 'Tri-Cities' }).then([]);
  });
});

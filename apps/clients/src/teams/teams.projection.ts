import { topicOfContext } from '@spn/contracts';
import { ownEvent, type Projection, recordIdOfStream } from '@spn/service-kit';
import { teamDecider } from './team';

/** The teams read model: who supervises whom, which the caseload reads check on every call. */
export const TEAMS_MIGRATIONS: readonly string[] = [
  // 1: Teams and their members.
  `CREATE TABLE IF NOT EXISTS clients_team (
    team_id text NOT NULL,
    organization_id text NOT NULL,
    name text NOT NULL,
    formed_at timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS clients_team_member (
    team_id text NOT NULL,
    subject text NOT NULL,
    role text NOT NULL,
    added_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS clients_team_member_subject ON clients_team_member (subject)`,
  // 2: A team's id is its organization's own (stream team-<organizationId>-<teamId>): the keys start with the
  // organization (docs/read-models.md, "Ids and keys").
  `ALTER TABLE clients_team DROP CONSTRAINT IF EXISTS clients_team_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS clients_team_key ON clients_team (organization_id, team_id)`,
  // 3: A member's key starts with the organization too.
  `ALTER TABLE clients_team_member ADD COLUMN IF NOT EXISTS organization_id text NOT NULL DEFAULT '';
  ALTER TABLE clients_team_member DROP CONSTRAINT IF EXISTS clients_team_member_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS clients_team_member_key ON clients_team_member (organization_id, team_id, subject)`,
];

export const teamsProjection: Projection = {
  name: 'teams',
  topics: [topicOfContext('clients')],
  migrations: TEAMS_MIGRATIONS,
  handle: async (message, tx) => {
    const teamId = recordIdOfStream(message.streamId, 'team', message.organizationId);
    if (teamId === null) return;
    const organizationId = message.organizationId;
    const event = ownEvent([teamDecider], message);
    switch (event.type) {
      case 'clients.TeamFormed':
        await tx.query(
          `INSERT INTO clients_team (team_id, organization_id, name, formed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (organization_id, team_id) DO NOTHING`,
          [teamId, organizationId, event.data.name, event.data.formedAt],
        );
        return;
      case 'clients.TeamRenamed':
        await tx.query('UPDATE clients_team SET name = $3 WHERE organization_id = $1 AND team_id = $2', [
          organizationId,
          teamId,
          event.data.name,
        ]);
        return;
      case 'clients.TeamMemberAdded':
        await tx.query(
          `INSERT INTO clients_team_member (organization_id, team_id, subject, role, added_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (organization_id, team_id, subject) DO UPDATE SET role = EXCLUDED.role`,
          [organizationId, teamId, event.data.subject, event.data.role, event.data.addedAt],
        );
        return;
      case 'clients.TeamMemberRemoved':
        await tx.query(
          'DELETE FROM clients_team_member WHERE organization_id = $1 AND team_id = $2 AND subject = $3',
          [organizationId, teamId, event.data.subject],
        );
        return;
      default:
        // The clients' own events: the clients read model's.
        return;
    }
  },
};

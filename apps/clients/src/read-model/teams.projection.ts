import { topicOfContext } from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/** The teams read model: who supervises whom, which the caseload reads check on every call. */
export const TEAMS_SCHEMA = `
CREATE TABLE IF NOT EXISTS clients_team (
  team_id text PRIMARY KEY,
  organization_id text NOT NULL,
  name text NOT NULL,
  formed_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS clients_team_member (
  team_id text NOT NULL,
  subject text NOT NULL,
  role text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, subject)
);
CREATE INDEX IF NOT EXISTS clients_team_member_subject ON clients_team_member (subject);`;

const teamIdOf = (streamId: string) => streamId.slice('team-'.length);

export const teamsProjection: Projection = {
  name: 'teams',
  topics: [topicOfContext('clients')],
  schema: TEAMS_SCHEMA,
  handle: async (message, tx) => {
    const data = message.data;
    switch (message.type) {
      case 'clients.TeamFormed':
        await tx.query(
          `INSERT INTO clients_team (team_id, organization_id, name, formed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (team_id) DO NOTHING`,
          [teamIdOf(message.streamId), message.organizationId, data['name'], data['formedAt']],
        );
        return;
      case 'clients.TeamRenamed':
        await tx.query('UPDATE clients_team SET name = $2 WHERE team_id = $1', [
          teamIdOf(message.streamId),
          data['name'],
        ]);
        return;
      case 'clients.TeamMemberAdded':
        await tx.query(
          `INSERT INTO clients_team_member (team_id, subject, role, added_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (team_id, subject) DO UPDATE SET role = EXCLUDED.role`,
          [teamIdOf(message.streamId), data['subject'], data['role'], data['addedAt']],
        );
        return;
      case 'clients.TeamMemberRemoved':
        await tx.query('DELETE FROM clients_team_member WHERE team_id = $1 AND subject = $2', [
          teamIdOf(message.streamId),
          data['subject'],
        ]);
        return;
      default:
        // The clients' own events: the clients read model's.
        return;
    }
  },
};

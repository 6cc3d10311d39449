import {
  CLIENT_REFERRED,
  clientErased,
  dataOf,
  teamMemberAdded,
  teamMemberRemoved,
  topicOfContext,
} from '@spn/contracts';
import { recordIdOfStream, type Projection } from '@spn/service-kit';

/**
 * What quality-safety learns from the clients context, through its events only (never its tables):
 * who supervises whom (teams: `clients.TeamMemberAdded` / `TeamMemberRemoved` on `team-<organizationId>-<teamId>`),
 * and which organization each client belongs to (`clients.ClientReferred`), so an incident links to a
 * client of the reporter's organization only, and not to one erased (`clients.ClientErased`). No client personal data: ids and organizations.
 */
export const ORGANIZATION_MIGRATIONS: readonly string[] = [
  // 1: Team members and clients.
  `CREATE TABLE IF NOT EXISTS quality_safety_team_member (
    team_id text NOT NULL,
    organization_id text NOT NULL,
    subject text NOT NULL,
    role text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS quality_safety_team_member_subject ON quality_safety_team_member (subject);
  CREATE TABLE IF NOT EXISTS quality_safety_client (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL
  )`,
  // 2: A team's id is its organization's own (stream team-<organizationId>-<teamId>; docs/read-models.md).
  `ALTER TABLE quality_safety_team_member DROP CONSTRAINT IF EXISTS quality_safety_team_member_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_team_member_key
    ON quality_safety_team_member (organization_id, team_id, subject)`,
  // 3: An erased client is no longer one an incident or a supervision session can be about.
  `ALTER TABLE quality_safety_client ADD COLUMN IF NOT EXISTS erased_at timestamptz`,
];

export const organizationProjection: Projection = {
  name: 'organization',
  topics: [topicOfContext('clients')],
  migrations: ORGANIZATION_MIGRATIONS,
  handle: async (message, tx) => {
    const teamId = recordIdOfStream(message.streamId, 'team', message.organizationId);
    if (teamId !== null) {
      if (message.type === 'clients.TeamMemberAdded') {
        const { subject, role } = dataOf(teamMemberAdded, message);
        await tx.query(
          `INSERT INTO quality_safety_team_member (team_id, organization_id, subject, role) VALUES ($1, $2, $3, $4)
           ON CONFLICT (organization_id, team_id, subject) DO UPDATE SET role = EXCLUDED.role`,
          [teamId, message.organizationId, subject, role],
        );
      }
      if (message.type === 'clients.TeamMemberRemoved')
        await tx.query(
          'DELETE FROM quality_safety_team_member WHERE organization_id = $1 AND team_id = $2 AND subject = $3',
          [message.organizationId, teamId, dataOf(teamMemberRemoved, message).subject],
        );
      return;
    }
    if (message.type === CLIENT_REFERRED && message.streamId.startsWith('client-'))
      await tx.query(
        `INSERT INTO quality_safety_client (client_id, organization_id) VALUES ($1, $2)
         ON CONFLICT (client_id) DO NOTHING`,
        [message.streamId.slice('client-'.length), message.organizationId],
      );
    if (message.type === 'clients.ClientErased' && message.streamId.startsWith('client-'))
      await tx.query('UPDATE quality_safety_client SET erased_at = $2 WHERE client_id = $1', [
        message.streamId.slice('client-'.length),
        dataOf(clientErased, message).erasedAt,
      ]);
  },
};

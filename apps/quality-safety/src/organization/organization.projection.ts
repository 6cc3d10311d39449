import { CLIENT_REFERRED, topicOfContext } from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/**
 * What quality-safety learns from the clients context, through its events only (never its tables):
 * who supervises whom (teams: `clients.TeamMemberAdded` / `TeamMemberRemoved` on `team-<teamId>`),
 * and which organization each client belongs to (`clients.ClientReferred`), so an incident links to a
 * client of the reporter's organization only. No client personal data: ids and organizations.
 */
export const ORGANIZATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS quality_safety_team_member (
  team_id text NOT NULL,
  organization_id text NOT NULL,
  subject text NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (team_id, subject)
);
CREATE INDEX IF NOT EXISTS quality_safety_team_member_subject ON quality_safety_team_member (subject);
CREATE TABLE IF NOT EXISTS quality_safety_client (
  client_id text PRIMARY KEY,
  organization_id text NOT NULL
);`;

export const organizationProjection: Projection = {
  name: 'organization',
  topics: [topicOfContext('clients')],
  schema: ORGANIZATION_SCHEMA,
  handle: async (message, tx) => {
    const data = message.data;
    if (message.streamId.startsWith('team-')) {
      const teamId = message.streamId.slice('team-'.length);
      if (message.type === 'clients.TeamMemberAdded')
        await tx.query(
          `INSERT INTO quality_safety_team_member (team_id, organization_id, subject, role) VALUES ($1, $2, $3, $4)
           ON CONFLICT (team_id, subject) DO UPDATE SET role = EXCLUDED.role`,
          [teamId, message.organizationId, data['subject'], data['role']],
        );
      if (message.type === 'clients.TeamMemberRemoved')
        await tx.query('DELETE FROM quality_safety_team_member WHERE team_id = $1 AND subject = $2', [
          teamId,
          data['subject'],
        ]);
      return;
    }
    if (message.type === CLIENT_REFERRED && message.streamId.startsWith('client-'))
      await tx.query(
        `INSERT INTO quality_safety_client (client_id, organization_id) VALUES ($1, $2)
         ON CONFLICT (client_id) DO NOTHING`,
        [message.streamId.slice('client-'.length), message.organizationId],
      );
  },
};

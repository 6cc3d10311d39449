import { dataOf, teamMemberAdded, teamMemberRemoved, topicOfContext } from '@spn/contracts';
import type { SqlClient } from '@spn/event-store';
import type { Projection } from '@spn/service-kit';

/**
 * Who supervises whom, as the clients context's team events tell it (`clients.TeamMemberAdded` /
 * `TeamMemberRemoved` on `team-<teamId>`): need to know lets a supervisor open the plans of their
 * team's Link Workers (docs/identity.md). Subjects and roles only, no client data.
 */
export const TEAMS_FEED_MIGRATIONS: readonly string[] = [
  // 1: The care teams' members.
  `CREATE TABLE IF NOT EXISTS care_plans_team_member (
    team_id text NOT NULL,
    organization_id text NOT NULL,
    subject text NOT NULL,
    role text NOT NULL,
    PRIMARY KEY (team_id, subject)
  );
  CREATE INDEX IF NOT EXISTS care_plans_team_member_subject ON care_plans_team_member (subject)`,
];

export const teamsFeedProjection: Projection = {
  name: 'teams-feed',
  topics: [topicOfContext('clients')],
  migrations: TEAMS_FEED_MIGRATIONS,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('team-')) return;
    const teamId = message.streamId.slice('team-'.length);
    if (message.type === 'clients.TeamMemberAdded') {
      const { subject, role } = dataOf(teamMemberAdded, message);
      await tx.query(
        `INSERT INTO care_plans_team_member (team_id, organization_id, subject, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (team_id, subject) DO UPDATE SET role = EXCLUDED.role`,
        [teamId, message.organizationId, subject, role],
      );
    }
    if (message.type === 'clients.TeamMemberRemoved')
      await tx.query('DELETE FROM care_plans_team_member WHERE team_id = $1 AND subject = $2', [
        teamId,
        dataOf(teamMemberRemoved, message).subject,
      ]);
  },
};

/** Whether `supervisor` supervises `linkWorker`: a team of the organization has both, in those roles. */
export async function supervises(
  db: SqlClient,
  organizationId: string,
  supervisor: string,
  linkWorker: string,
): Promise<boolean> {
  const rows = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM care_plans_team_member s JOIN care_plans_team_member w
       ON w.team_id = s.team_id AND w.role = 'link-worker' AND w.subject = $3
     WHERE s.organization_id = $1 AND s.subject = $2 AND s.role = 'supervisor') AS found`,
    [organizationId, supervisor, linkWorker],
  );
  return rows[0]?.found ?? false;
}

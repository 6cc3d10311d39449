import type { SqlClient } from '@spn/event-store';

/**
 * Who supervises whom in an organization, and whose client is whose: the questions every module asks
 * before it lets a supervisor act for a Link Worker or links an incident to a client.
 */
export class OrganizationQueries {
  constructor(private readonly db: SqlClient) {}

  /** Whether `supervisor` supervises `linkWorker` (a team of the organization has both, in those roles). */
  async supervises(organizationId: string, supervisor: string, linkWorker: string): Promise<boolean> {
    const rows = await this.db.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM quality_safety_team_member s JOIN quality_safety_team_member w
         ON w.organization_id = s.organization_id AND w.team_id = s.team_id AND w.role = 'link-worker' AND w.subject = $3
       WHERE s.organization_id = $1 AND s.subject = $2 AND s.role = 'supervisor') AS found`,
      [organizationId, supervisor, linkWorker],
    );
    return rows[0]?.found ?? false;
  }

  /** The Link Workers of the teams `supervisor` supervises. */
  async supervisedBy(organizationId: string, supervisor: string): Promise<string[]> {
    const rows = await this.db.query<{ subject: string }>(
      `SELECT DISTINCT w.subject FROM quality_safety_team_member s JOIN quality_safety_team_member w
         ON w.organization_id = s.organization_id AND w.team_id = s.team_id AND w.role = 'link-worker'
       WHERE s.organization_id = $1 AND s.subject = $2 AND s.role = 'supervisor' ORDER BY w.subject`,
      [organizationId, supervisor],
    );
    return rows.map((row) => row.subject);
  }

  /** Whether two Link Workers share a team (peers). */
  async peers(organizationId: string, one: string, other: string): Promise<boolean> {
    const rows = await this.db.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM quality_safety_team_member a JOIN quality_safety_team_member b
         ON b.organization_id = a.organization_id AND b.team_id = a.team_id AND b.subject = $3
       WHERE a.organization_id = $1 AND a.subject = $2) AS found`,
      [organizationId, one, other],
    );
    return rows[0]?.found ?? false;
  }

  /** The organization's Link Workers (members of its teams as Link Workers). */
  async linkWorkers(organizationId: string): Promise<string[]> {
    const rows = await this.db.query<{ subject: string }>(
      `SELECT DISTINCT subject FROM quality_safety_team_member
       WHERE organization_id = $1 AND role = 'link-worker' ORDER BY subject`,
      [organizationId],
    );
    return rows.map((row) => row.subject);
  }

  /** Whether a client of this organization, not erased, has this id (an incident may link to it). */
  async isClientOf(organizationId: string, clientId: string): Promise<boolean> {
    const rows = await this.db.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM quality_safety_client
         WHERE client_id = $1 AND organization_id = $2 AND erased_at IS NULL) AS found`,
      [clientId, organizationId],
    );
    return rows[0]?.found ?? false;
  }
}

import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest } from '@spn/service-kit';
import type { TeamRole } from './team';

export interface TeamMemberView {
  readonly subject: string;
  readonly role: TeamRole;
  readonly addedAt: Date;
}

export interface TeamView {
  readonly teamId: string;
  readonly name: string;
  readonly formedAt: Date;
  readonly members: readonly TeamMemberView[];
}

/** What the teams read model answers, always within one organization. */
export class TeamsQueries {
  constructor(private readonly db: SqlClient) {}

  /**
   * One page of the organization's teams by name (with `member`, only the teams that subject belongs
   * to): the cursor is the last one's name and id. A team's members are bounded by the team.
   */
  async teams(
    organizationId: string,
    member: string | undefined,
    request: PageRequest,
  ): Promise<Page<TeamView>> {
    const [name, id] = request.after ?? [null, null];
    const found = await this.db.query<{ team_id: string; name: string; formed_at: Date }>(
      `SELECT team_id, name, formed_at FROM clients_team t WHERE organization_id = $1
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM clients_team_member m
           WHERE m.organization_id = t.organization_id AND m.team_id = t.team_id AND m.subject = $2))
         AND ($3::text IS NULL OR name > $3 OR (name = $3 AND team_id > $4::text))
       ORDER BY name, team_id LIMIT $5`,
      [organizationId, member ?? null, name, id, request.limit + 1],
    );
    const page = pageFrom(found, request, (team) => [team.name, team.team_id]);
    const teams = page.items;
    if (teams.length === 0) return { items: [], nextCursor: null };
    const members = await this.db.query<{ team_id: string; subject: string; role: TeamRole; added_at: Date }>(
      `SELECT team_id, subject, role, added_at FROM clients_team_member WHERE organization_id = $1 AND team_id = ANY($2::text[])
       ORDER BY role DESC, added_at, subject`,
      [organizationId, teams.map((team) => team.team_id)],
    );
    const items = teams.map((team) => ({
      teamId: team.team_id,
      name: team.name,
      formedAt: team.formed_at,
      members: members
        .filter((member) => member.team_id === team.team_id)
        .map((member) => ({ subject: member.subject, role: member.role, addedAt: member.added_at })),
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** Whether the subject is a Link Worker of one of the organization's teams. */
  async isLinkWorker(organizationId: string, subject: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM clients_team t
         JOIN clients_team_member m ON m.team_id = t.team_id AND m.role = 'link-worker' AND m.subject = $2
       WHERE t.organization_id = $1 LIMIT 1`,
      [organizationId, subject],
    );
    return rows.length > 0;
  }

  /** The Link Workers of the teams a supervisor supervises, in that organization. */
  async supervisedBy(organizationId: string, supervisor: string): Promise<string[]> {
    const rows = await this.db.query<{ subject: string }>(
      `SELECT DISTINCT lw.subject FROM clients_team t
         JOIN clients_team_member sup ON sup.organization_id = t.organization_id AND sup.team_id = t.team_id
           AND sup.role = 'supervisor' AND sup.subject = $2
         JOIN clients_team_member lw ON lw.organization_id = t.organization_id AND lw.team_id = t.team_id
           AND lw.role = 'link-worker'
       WHERE t.organization_id = $1 ORDER BY lw.subject`,
      [organizationId, supervisor],
    );
    return rows.map((row) => row.subject);
  }
}

import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest, type PersonalData } from '@spn/service-kit';
import type { Scope } from '../shared/access';

export interface ActionView {
  readonly actionId: string;
  readonly description: string | null;
  readonly owner: string;
  readonly dueOn: string;
  readonly doneOn: string | null;
}

export interface SessionView {
  readonly sessionId: string;
  readonly facilitator: string;
  readonly linkWorkers: string[];
  readonly kind: string;
  readonly scheduledFor: Date;
  readonly status: string;
  readonly notes: string | null;
  readonly clientId: string | null;
  readonly heldAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly actions: ActionView[];
}

/** Reads of the supervision sessions; their notes and action descriptions are sealed, opened per answer. */
export class SupervisionQueries {
  constructor(
    private readonly db: SqlClient,
    private readonly personalData: PersonalData,
  ) {}

  /**
   * The organization's sessions, newest first: all of them, or those where one of `subjects` is the
   * facilitator or a participant; a page at a time, the cursor the last one's time (PostgreSQL's
   * text) and id. A session's participants and actions are bounded by the session.
   */
  async sessions(
    organizationId: string,
    scope: Scope,
    request: PageRequest,
    sessionId?: string,
  ): Promise<Page<SessionView>> {
    const [at, id] = request.after ?? [null, null];
    const found = await this.db.query<{
      session_id: string;
      facilitator: string;
      kind: string;
      scheduled_for: Date;
      status: string;
      notes: string | null;
      client_id: string | null;
      held_at: Date | null;
      cancelled_at: Date | null;
      link_workers: string[];
      actions: ActionView[] | null;
      sealed_for: string | null;
      action_descriptions: Record<string, string | null> | string | null;
      page_at: string;
    }>(
      `SELECT s.session_id, s.facilitator, s.kind, s.scheduled_for, s.status, s.notes, s.client_id, s.held_at, s.cancelled_at,
         s.scheduled_for::text AS page_at, s.sealed_for, s.action_descriptions,
         ARRAY(SELECT p.subject FROM quality_safety_session_participant p
           WHERE p.organization_id = s.organization_id AND p.session_id = s.session_id ORDER BY p.subject) AS link_workers,
         (SELECT jsonb_agg(jsonb_build_object('actionId', a.action_id, 'description', a.description, 'owner', a.owner,
            'dueOn', to_char(a.due_on, 'YYYY-MM-DD'), 'doneOn', to_char(a.done_on, 'YYYY-MM-DD')) ORDER BY a.action_id)
          FROM quality_safety_session_action a
          WHERE a.organization_id = s.organization_id AND a.session_id = s.session_id) AS actions
       FROM quality_safety_session s
       WHERE s.organization_id = $1 AND ($2::text IS NULL OR s.session_id = $2)
         AND ($3::boolean OR s.facilitator = ANY($4::text[]) OR EXISTS (SELECT 1 FROM quality_safety_session_participant p
           WHERE p.organization_id = s.organization_id AND p.session_id = s.session_id
             AND p.subject = ANY($4::text[])))
         AND ($5::timestamptz IS NULL OR s.scheduled_for < $5::timestamptz
              OR (s.scheduled_for = $5::timestamptz AND s.session_id > $6::text))
       ORDER BY s.scheduled_for DESC, s.session_id LIMIT $7`,
      [
        organizationId,
        sessionId ?? null,
        scope.all,
        scope.all ? [] : [...scope.subjects],
        at,
        id,
        request.limit + 1,
      ],
    );
    const page = pageFrom(found, request, (row) => [row.page_at, row.session_id]);
    const opened = await this.personalData.openRows(page.items, (row) => row.sealed_for, [
      'notes',
      'action_descriptions',
    ]);
    const items = opened.map((row) => ({
      sessionId: row.session_id,
      facilitator: row.facilitator,
      linkWorkers: row.link_workers,
      kind: row.kind,
      scheduledFor: row.scheduled_for,
      status: row.status,
      notes: row.notes,
      clientId: row.client_id,
      heldAt: row.held_at,
      cancelledAt: row.cancelled_at,
      actions: (row.actions ?? []).map((action) => ({
        ...action,
        description: descriptionOf(row.action_descriptions, action),
      })),
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** Each participant's last held session (for compliance). */
  async lastHeld(organizationId: string): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ subject: string; held_at: Date }>(
      `SELECT p.subject, max(s.held_at) AS held_at FROM quality_safety_session s
       JOIN quality_safety_session_participant p ON p.organization_id = s.organization_id AND p.session_id = s.session_id
       WHERE s.organization_id = $1 AND s.status = 'held' GROUP BY p.subject`,
      [organizationId],
    );
    return new Map(rows.map((row) => [row.subject, new Date(row.held_at)]));
  }
}

/** An action's description: from the session's descriptions (opened; none once erased), or, held before, its own. */
function descriptionOf(
  descriptions: Record<string, string | null> | string | null,
  action: ActionView,
): string | null {
  if (descriptions !== null && typeof descriptions === 'object' && action.actionId in descriptions)
    return descriptions[action.actionId] ?? null;
  return action.description;
}

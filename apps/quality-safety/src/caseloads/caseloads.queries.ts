import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest } from '@spn/service-kit';
import type { Scope } from '../shared/access';

export interface CaseloadView {
  readonly linkWorker: string;
  readonly activeCases: number;
  readonly threshold: number | null;
  readonly overThreshold: boolean;
}

export interface CaseloadAlertView {
  readonly linkWorker: string;
  readonly activeCases: number;
  readonly threshold: number;
  readonly exceededAt: Date;
}

export class CaseloadsQueries {
  constructor(private readonly db: SqlClient) {}

  async threshold(organizationId: string): Promise<number | null> {
    const [row] = await this.db.query<{ max_active_cases: number }>(
      'SELECT max_active_cases FROM quality_safety_caseload_threshold WHERE organization_id = $1',
      [organizationId],
    );
    return row?.max_active_cases ?? null;
  }

  /** Active cases per Link Worker (those with plans, and `also` with none), against the threshold. */
  async caseloads(
    organizationId: string,
    scope: Scope,
    also: readonly string[] = [],
  ): Promise<CaseloadView[]> {
    const rows = await this.db.query<{ link_worker: string; active: number }>(
      `SELECT link_worker, count(*) FILTER (WHERE open)::int AS active FROM quality_safety_caseload_plan
       WHERE organization_id = $1 AND ($2::boolean OR link_worker = ANY($3::text[])) GROUP BY link_worker`,
      [organizationId, scope.all, scope.all ? [] : [...scope.subjects]],
    );
    const active = new Map(rows.map((row) => [row.link_worker, row.active]));
    for (const subject of also) if (!active.has(subject)) active.set(subject, 0);
    const threshold = await this.threshold(organizationId);
    return [...active]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([linkWorker, activeCases]) => ({
        linkWorker,
        activeCases,
        threshold,
        overThreshold: threshold !== null && activeCases > threshold,
      }));
  }

  /** A page of the alerts, newest first: the cursor is the time (PostgreSQL's text) and the cause (unique). */
  async alerts(organizationId: string, scope: Scope, request: PageRequest): Promise<Page<CaseloadAlertView>> {
    const [at, cause] = request.after ?? [null, null];
    const rows = await this.db.query<{
      link_worker: string;
      active_cases: number;
      threshold: number;
      exceeded_at: Date;
      caused_by: string;
      page_at: string;
    }>(
      `SELECT link_worker, active_cases, threshold, exceeded_at, caused_by, exceeded_at::text AS page_at
       FROM quality_safety_caseload_alert
       WHERE organization_id = $1 AND ($2::boolean OR link_worker = ANY($3::text[]))
         AND ($4::timestamptz IS NULL OR exceeded_at < $4::timestamptz
              OR (exceeded_at = $4::timestamptz AND caused_by > $5::text))
       ORDER BY exceeded_at DESC, caused_by LIMIT $6`,
      [organizationId, scope.all, scope.all ? [] : [...scope.subjects], at, cause, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.caused_by]);
    const items = page.items.map((row) => ({
      linkWorker: row.link_worker,
      activeCases: row.active_cases,
      threshold: row.threshold,
      exceededAt: row.exceeded_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }
}

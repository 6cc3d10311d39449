import type { SqlClient } from '@spn/event-store';
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

  async alerts(organizationId: string, scope: Scope): Promise<CaseloadAlertView[]> {
    const rows = await this.db.query<{
      link_worker: string;
      active_cases: number;
      threshold: number;
      exceeded_at: Date;
    }>(
      `SELECT link_worker, active_cases, threshold, exceeded_at FROM quality_safety_caseload_alert
       WHERE organization_id = $1 AND ($2::boolean OR link_worker = ANY($3::text[]))
       ORDER BY exceeded_at DESC, caused_by`,
      [organizationId, scope.all, scope.all ? [] : [...scope.subjects]],
    );
    return rows.map((row) => ({
      linkWorker: row.link_worker,
      activeCases: row.active_cases,
      threshold: row.threshold,
      exceededAt: row.exceeded_at,
    }));
  }
}

import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest, type PersonalData } from '@spn/service-kit';

export interface IncidentView {
  readonly incidentId: string;
  readonly kind: string;
  readonly severity: string;
  readonly summary: string | null;
  readonly clientId: string | null;
  readonly occurredOn: string;
  readonly reportedBy: string;
  readonly reportedAt: Date;
  readonly escalatedTo: string | null;
  readonly flagged: boolean;
  readonly acknowledgeBy: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly secondsToAcknowledge: number | null;
  readonly resolvedAt: Date | null;
  readonly resolution: string | null;
  readonly lessonsLearned: string | null;
}

export interface AcknowledgementTimes {
  readonly severity: string;
  readonly count: number;
  readonly meanSeconds: number | null;
  readonly medianSeconds: number | null;
}

export interface IncidentCounts {
  readonly open: number;
  readonly overdue: number;
  readonly flagged: number;
}

/** Reads of the incidents; the account and the resolution are sealed, opened for each answer. */
export class IncidentsQueries {
  constructor(
    private readonly db: SqlClient,
    private readonly personalData: PersonalData,
  ) {}

  /** The organization's incidents (or those `reporter` reported), flagged and open first, newest first. */
  /**
   * One page of the incidents (flagged and open first, then open, then resolved; newest reported first
   * within each): the cursor is the last one's rank (0, 1, 2), report time (PostgreSQL's text) and id.
   */
  async incidents(
    organizationId: string,
    reporter: string | null,
    request: PageRequest,
  ): Promise<Page<IncidentView>> {
    const [rank, at, id] = request.after ?? [null, null, null];
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM (
         SELECT incident_id, kind, severity, summary, client_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on,
           reported_by, reported_at, escalated_to, flagged, acknowledge_by, acknowledged_at, acknowledged_by,
           seconds_to_acknowledge, resolved_at, resolution, lessons_learned, reported_at::text AS page_at,
           summary_sealed_for, resolution_sealed_for,
           CASE WHEN resolved_at IS NULL AND flagged THEN 0 WHEN resolved_at IS NULL THEN 1 ELSE 2 END AS page_rank
         FROM quality_safety_incident WHERE organization_id = $1 AND ($2::text IS NULL OR reported_by = $2)
       ) i
       WHERE $3::int IS NULL OR page_rank > $3::int
          OR (page_rank = $3::int AND (reported_at < $4::timestamptz
              OR (reported_at = $4::timestamptz AND incident_id > $5::text)))
       ORDER BY page_rank, reported_at DESC, incident_id LIMIT $6`,
      [organizationId, reporter, rank, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [
      row['page_rank'] as number,
      row['page_at'] as string,
      row['incident_id'] as string,
    ]);
    // Each sealed with its own subject's key (the incident's client, or the incident).
    const sealedFor = (column: string) => (row: Record<string, unknown>) =>
      (row[column] as string | null) ?? null;
    const opened = await this.personalData.openRows(
      await this.personalData.openRows(page.items, sealedFor('summary_sealed_for'), ['summary']),
      sealedFor('resolution_sealed_for'),
      ['resolution'],
    );
    const items = opened.map((row) => ({
      incidentId: row['incident_id'] as string,
      kind: row['kind'] as string,
      severity: row['severity'] as string,
      summary: row['summary'] as string | null,
      clientId: row['client_id'] as string | null,
      occurredOn: row['occurred_on'] as string,
      reportedBy: row['reported_by'] as string,
      reportedAt: row['reported_at'] as Date,
      escalatedTo: row['escalated_to'] as string | null,
      flagged: row['flagged'] as boolean,
      acknowledgeBy: row['acknowledge_by'] as Date | null,
      acknowledgedAt: row['acknowledged_at'] as Date | null,
      acknowledgedBy: row['acknowledged_by'] as string | null,
      secondsToAcknowledge: row['seconds_to_acknowledge'] as number | null,
      resolvedAt: row['resolved_at'] as Date | null,
      resolution: row['resolution'] as string | null,
      lessonsLearned: row['lessons_learned'] as string | null,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** Per severity: the incidents acknowledged, and their mean and median seconds to acknowledge. */
  async acknowledgementTimes(organizationId: string): Promise<AcknowledgementTimes[]> {
    const rows = await this.db.query<{
      severity: string;
      count: number;
      mean: number | null;
      median: number | null;
    }>(
      `SELECT s.severity, count(i.seconds_to_acknowledge)::int AS count,
         avg(i.seconds_to_acknowledge)::float8 AS mean,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY i.seconds_to_acknowledge)::float8 AS median
       FROM unnest(ARRAY['low', 'moderate', 'high', 'critical']) WITH ORDINALITY AS s(severity, rank)
       LEFT JOIN quality_safety_incident i ON i.severity = s.severity AND i.organization_id = $1
         AND i.seconds_to_acknowledge IS NOT NULL
       GROUP BY s.severity, s.rank ORDER BY s.rank`,
      [organizationId],
    );
    return rows.map((row) => ({
      severity: row.severity,
      count: row.count,
      meanSeconds: row.mean,
      medianSeconds: row.median,
    }));
  }

  /** Open incidents of the organization; overdue: not acknowledged by their target (or acknowledged late). */
  async counts(organizationId: string, asOf: Date): Promise<IncidentCounts> {
    const [row] = await this.db.query<{ open: number; overdue: number; flagged: number }>(
      `SELECT count(*)::int AS open,
         count(*) FILTER (WHERE COALESCE(acknowledged_at, $2::timestamptz) > acknowledge_by)::int AS overdue,
         count(*) FILTER (WHERE flagged)::int AS flagged
       FROM quality_safety_incident WHERE organization_id = $1 AND resolved_at IS NULL`,
      [organizationId, asOf.toISOString()],
    );
    return row ?? { open: 0, overdue: 0, flagged: 0 };
  }
}

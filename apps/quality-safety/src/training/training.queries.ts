import type { SqlClient } from '@spn/event-store';
import { compareKeys, pageFrom, type Page, type PageRequest } from '@spn/service-kit';
import type { Scope } from '../shared/access';

export interface TrainingRecordView {
  readonly recordId: string;
  readonly subject: string;
  readonly topic: string;
  readonly title: string | null;
  readonly completedOn: string;
  readonly expiresOn: string | null;
  readonly remindedOn: string | null;
}

export interface PolicyView {
  readonly policyId: string;
  readonly title: string;
  readonly latestVersion: number;
  readonly publishedAt: Date;
  readonly summary: string | null;
  /** The version the reader last acknowledged (null: none). */
  readonly acknowledgedVersion: number | null;
}

export interface AcknowledgementView {
  readonly subject: string;
  readonly version: number;
  readonly acknowledgedAt: Date;
}

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

type RecordRow = {
  record_id: string;
  subject: string;
  topic: string;
  title: string | null;
  completed_on: string;
  expires_on: string | null;
  reminded_on: string | null;
};

const toRecordView = (row: RecordRow): TrainingRecordView => ({
  recordId: row.record_id,
  subject: row.subject,
  topic: row.topic,
  title: row.title,
  completedOn: row.completed_on,
  expiresOn: row.expires_on,
  remindedOn: row.reminded_on,
});

export class TrainingQueries {
  constructor(private readonly db: SqlClient) {}

  /** Every record in scope, by person, newest completed first (for compliance). */
  async records(organizationId: string, scope: Scope): Promise<TrainingRecordView[]> {
    return (await this.readRecords(organizationId, scope, undefined, null)).map(toRecordView);
  }

  /** A page of the records in scope, in the same order: the cursor is the person, the day and the id. */
  async recordsPage(
    organizationId: string,
    scope: Scope,
    request: PageRequest,
  ): Promise<Page<TrainingRecordView>> {
    const rows = await this.readRecords(organizationId, scope, request.after, request.limit + 1);
    const page = pageFrom(rows, request, (row) => [row.subject, row.completed_on, row.record_id]);
    return { items: page.items.map(toRecordView), nextCursor: page.nextCursor };
  }

  /** The records in scope after a key (subject, completed_on, record_id), at most `limit` (null: all). */
  private readRecords(
    organizationId: string,
    scope: Scope,
    after: PageRequest['after'],
    limit: number | null,
  ) {
    const [subject, completedOn, id] = after ?? [null, null, null];
    return this.db.query<RecordRow>(
      `SELECT record_id, subject, topic, title, ${day('completed_on')} AS completed_on, ${day('expires_on')} AS expires_on,
         ${day('reminded_on')} AS reminded_on
       FROM quality_safety_training_record r WHERE organization_id = $1 AND ($2::boolean OR subject = ANY($3::text[]))
         AND ($4::text IS NULL OR r.subject > $4 OR (r.subject = $4 AND (r.completed_on < $5::date
              OR (r.completed_on = $5::date AND r.record_id > $6::text))))
       ORDER BY r.subject, r.completed_on DESC, r.record_id LIMIT $7`,
      [organizationId, scope.all, scope.all ? [] : [...scope.subjects], subject, completedOn, id, limit],
    );
  }

  /**
   * The records due a reminder on `asOf`: expiring within the window, not reminded, and not superseded
   * by a record of the same person and topic that lasts longer.
   */
  async reminderCandidates(organizationId: string, asOf: string, days: number) {
    return this.db.query<{ record_id: string; subject: string }>(
      `SELECT r.record_id, r.subject FROM quality_safety_training_record r
       WHERE r.organization_id = $1 AND r.reminded_on IS NULL AND r.expires_on >= $2::date
         AND r.expires_on <= $2::date + $3::int
         AND NOT EXISTS (SELECT 1 FROM quality_safety_training_record n
           WHERE n.organization_id = r.organization_id AND n.subject = r.subject
           AND n.topic = r.topic AND n.record_id <> r.record_id AND (n.expires_on IS NULL OR n.expires_on > r.expires_on))
       ORDER BY r.expires_on, r.record_id`,
      [organizationId, asOf, days],
    );
  }

  async versionPublished(organizationId: string, policyId: string, version: number): Promise<boolean> {
    const rows = await this.db.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM quality_safety_policy_version WHERE organization_id = $1 AND policy_id = $2
         AND version = $3) AS found`,
      [organizationId, policyId, version],
    );
    return rows[0]?.found ?? false;
  }

  /**
   * The organization's policies at their latest version, with what `reader` acknowledged, by title
   * then id (in code-unit order, so a page's cursor compares as the list is sorted).
   */
  async policies(organizationId: string, reader: string): Promise<PolicyView[]> {
    const rows = await this.db.query<{
      policy_id: string;
      title: string;
      version: number;
      published_at: Date;
      summary: string | null;
      acknowledged: number | null;
    }>(
      `SELECT DISTINCT ON (v.policy_id) v.policy_id, v.title, v.version, v.published_at, v.summary,
         (SELECT max(a.version) FROM quality_safety_policy_ack a
           WHERE a.organization_id = v.organization_id AND a.policy_id = v.policy_id AND a.subject = $2)
           AS acknowledged
       FROM quality_safety_policy_version v WHERE v.organization_id = $1 ORDER BY v.policy_id, v.version DESC`,
      [organizationId, reader],
    );
    return rows
      .map((row) => ({
        policyId: row.policy_id,
        title: row.title,
        latestVersion: row.version,
        publishedAt: row.published_at,
        summary: row.summary,
        acknowledgedVersion: row.acknowledged,
      }))
      .sort((a, b) => compareKeys([a.title, a.policyId], [b.title, b.policyId]));
  }

  /** A page of who acknowledged which version, newest version first: the cursor is the version and person. */
  async acknowledgements(
    organizationId: string,
    policyId: string,
    request: PageRequest,
  ): Promise<Page<AcknowledgementView>> {
    const [version, subject] = request.after ?? [null, null];
    const rows = await this.db.query<{ subject: string; version: number; acknowledged_at: Date }>(
      `SELECT subject, version, acknowledged_at FROM quality_safety_policy_ack
       WHERE organization_id = $1 AND policy_id = $2
         AND ($3::int IS NULL OR version < $3::int OR (version = $3::int AND subject > $4::text))
       ORDER BY version DESC, subject LIMIT $5`,
      [organizationId, policyId, version, subject, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.version, row.subject]);
    const items = page.items.map((row) => ({
      subject: row.subject,
      version: row.version,
      acknowledgedAt: row.acknowledged_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** Per person: the number of the organization's policies whose latest version they have not acknowledged. */
  async unacknowledged(organizationId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.query<{ subject: string; missing: number }>(
      `SELECT s.subject, count(l.policy_id)::int AS missing
       FROM unnest($2::text[]) AS s(subject)
       LEFT JOIN (SELECT policy_id, max(version) AS version FROM quality_safety_policy_version
                  WHERE organization_id = $1 GROUP BY policy_id) l
         ON NOT EXISTS (SELECT 1 FROM quality_safety_policy_ack a WHERE a.organization_id = $1 AND a.subject = s.subject
              AND a.policy_id = l.policy_id AND a.version = l.version)
       GROUP BY s.subject`,
      [organizationId, [...subjects]],
    );
    return new Map(rows.map((row) => [row.subject, row.missing]));
  }
}

import type { SqlClient } from '@spn/event-store';
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

export class TrainingQueries {
  constructor(private readonly db: SqlClient) {}

  async records(organizationId: string, scope: Scope): Promise<TrainingRecordView[]> {
    const rows = await this.db.query<{
      record_id: string;
      subject: string;
      topic: string;
      title: string | null;
      completed_on: string;
      expires_on: string | null;
      reminded_on: string | null;
    }>(
      `SELECT record_id, subject, topic, title, ${day('completed_on')} AS completed_on, ${day('expires_on')} AS expires_on,
         ${day('reminded_on')} AS reminded_on
       FROM quality_safety_training_record WHERE organization_id = $1 AND ($2::boolean OR subject = ANY($3::text[]))
       ORDER BY subject, completed_on DESC, record_id`,
      [organizationId, scope.all, scope.all ? [] : [...scope.subjects]],
    );
    return rows.map((row) => ({
      recordId: row.record_id,
      subject: row.subject,
      topic: row.topic,
      title: row.title,
      completedOn: row.completed_on,
      expiresOn: row.expires_on,
      remindedOn: row.reminded_on,
    }));
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

  /** The organization's policies at their latest version, with what `reader` acknowledged. */
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
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  async acknowledgements(organizationId: string, policyId: string): Promise<AcknowledgementView[]> {
    const rows = await this.db.query<{ subject: string; version: number; acknowledged_at: Date }>(
      `SELECT subject, version, acknowledged_at FROM quality_safety_policy_ack
       WHERE organization_id = $1 AND policy_id = $2 ORDER BY version DESC, subject`,
      [organizationId, policyId],
    );
    return rows.map((row) => ({
      subject: row.subject,
      version: row.version,
      acknowledgedAt: row.acknowledged_at,
    }));
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

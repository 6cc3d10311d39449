import { topicOfContext } from '@spn/contracts';
import type { SqlClient } from '@spn/event-store';
import { ownEvent, type Page, pageFrom, type PageRequest, type Projection } from '@spn/service-kit';
import { evaluatorExportDecider } from './evaluator-export';

/** The releases of evaluator exports, from analytics' own events: what was released, by whom, when. */
export const exportsProjection: Projection = {
  name: 'exports',
  topics: [topicOfContext('analytics')],
  migrations: [
    // 1: The releases.
    `CREATE TABLE IF NOT EXISTS analytics_export (
      export_id text NOT NULL,
      organization_id text NOT NULL,
      released_by text NOT NULL,
      format text NOT NULL,
      purpose text NOT NULL,
      records integer NOT NULL,
      suppressed_records integer NOT NULL,
      excluded_indigenous_records integer NOT NULL,
      indigenous_data text NOT NULL,
      k integer NOT NULL,
      released_at timestamptz NOT NULL
    )`,
    // 2: An export's id is its organization's own (stream export-<organizationId>-<exportId>;
    // docs/read-models.md).
    `ALTER TABLE analytics_export DROP CONSTRAINT IF EXISTS analytics_export_pkey;
    CREATE UNIQUE INDEX IF NOT EXISTS analytics_export_key ON analytics_export (organization_id, export_id)`,
  ],
  handle: async (message, tx) => {
    const event = ownEvent([evaluatorExportDecider], message);
    if (event.type !== 'analytics.EvaluatorExportReleased') return;
    await tx.query(
      `INSERT INTO analytics_export (export_id, organization_id, released_by, format, purpose, records,
         suppressed_records, excluded_indigenous_records, indigenous_data, k, released_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        event.data.exportId,
        message.organizationId,
        message.metadata.actor.subject,
        event.data.format,
        event.data.purpose,
        event.data.records,
        event.data.suppressedRecords,
        event.data.excludedIndigenousRecords,
        event.data.indigenousData,
        event.data.k,
        event.data.releasedAt,
      ],
    );
  },
};

export interface ExportRelease {
  readonly exportId: string;
  readonly releasedBy: string;
  readonly format: string;
  readonly purpose: string;
  readonly records: number;
  readonly suppressedRecords: number;
  readonly excludedIndigenousRecords: number;
  readonly indigenousData: string;
  readonly k: number;
  readonly releasedAt: Date;
}

export class ExportsQueries {
  constructor(private readonly db: SqlClient) {}

  /** A page of the releases, newest first: the cursor is the release time (PostgreSQL's text) and id. */
  async releases(organizationId: string, request: PageRequest): Promise<Page<ExportRelease>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<{
      export_id: string;
      released_by: string;
      format: string;
      purpose: string;
      records: number;
      suppressed_records: number;
      excluded_indigenous_records: number;
      indigenous_data: string;
      k: number;
      released_at: Date;
      page_at: string;
    }>(
      `SELECT *, released_at::text AS page_at FROM analytics_export WHERE organization_id = $1
         AND ($2::timestamptz IS NULL OR released_at < $2::timestamptz
              OR (released_at = $2::timestamptz AND export_id > $3::text))
       ORDER BY released_at DESC, export_id LIMIT $4`,
      [organizationId, at, id, request.limit + 1],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.export_id]);
    const items = page.items.map((row) => ({
      exportId: row.export_id,
      releasedBy: row.released_by,
      format: row.format,
      purpose: row.purpose,
      records: row.records,
      suppressedRecords: row.suppressed_records,
      excludedIndigenousRecords: row.excluded_indigenous_records,
      indigenousData: row.indigenous_data,
      k: row.k,
      releasedAt: new Date(row.released_at),
    }));
    return { items, nextCursor: page.nextCursor };
  }
}

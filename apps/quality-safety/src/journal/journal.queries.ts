import type { SqlClient } from '@spn/event-store';

export interface EntryRow {
  readonly author: string;
  readonly entryId: string;
  readonly writtenAt: Date;
  readonly shared: boolean;
}

export class JournalQueries {
  constructor(private readonly db: SqlClient) {}

  /** The organization's entries (of these authors, or all), newest first: that they exist, never their text. */
  async entries(organizationId: string, authors: readonly string[] | null): Promise<EntryRow[]> {
    const rows = await this.db.query<{ author: string; entry_id: string; written_at: Date; shared: boolean }>(
      `SELECT author, entry_id, written_at, shared FROM quality_safety_journal_entry
       WHERE organization_id = $1 AND ($2::text[] IS NULL OR author = ANY($2::text[]))
       ORDER BY written_at DESC, entry_id`,
      [organizationId, authors ? [...authors] : null],
    );
    return rows.map((row) => ({
      author: row.author,
      entryId: row.entry_id,
      writtenAt: row.written_at,
      shared: row.shared,
    }));
  }
}

import type { SqlClient } from '@spn/event-store';
import { pageFrom, type Page, type PageRequest } from '@spn/service-kit';

export interface EntryRow {
  readonly author: string;
  readonly entryId: string;
  readonly writtenAt: Date;
  readonly shared: boolean;
}

export class JournalQueries {
  constructor(private readonly db: SqlClient) {}

  /**
   * A page of the organization's entries (of these authors, or all), newest first: that they exist,
   * never their text. An entry's id is its author's: the cursor is the time, the id and the author.
   */
  async entries(
    organizationId: string,
    authors: readonly string[] | null,
    request: PageRequest,
  ): Promise<Page<EntryRow>> {
    const [at, id, author] = request.after ?? [null, null, null];
    const found = await this.db.query<{
      author: string;
      entry_id: string;
      written_at: Date;
      shared: boolean;
      page_at: string;
    }>(
      `SELECT author, entry_id, written_at, shared, written_at::text AS page_at FROM quality_safety_journal_entry
       WHERE organization_id = $1 AND ($2::text[] IS NULL OR author = ANY($2::text[]))
         AND ($3::timestamptz IS NULL OR written_at < $3::timestamptz
              OR (written_at = $3::timestamptz AND (entry_id, author) > ($4::text, $5::text)))
       ORDER BY written_at DESC, entry_id, author LIMIT $6`,
      [organizationId, authors ? [...authors] : null, at, id, author, request.limit + 1],
    );
    const page = pageFrom(found, request, (row) => [row.page_at, row.entry_id, row.author]);
    const items = page.items.map((row) => ({
      author: row.author,
      entryId: row.entry_id,
      writtenAt: row.written_at,
      shared: row.shared,
    }));
    return { items, nextCursor: page.nextCursor };
  }
}

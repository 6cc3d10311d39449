import {
  handleCommand,
  hasRole,
  metadataOf,
  type AccessAudit,
  type Caller,
  type Page,
  type PageRequest,
  type ServiceRuntime,
} from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { JournalError, journalDecider, journalStreamId, type JournalCommand } from './journal';
import { journalProjection } from './journal.projection';
import { JournalQueries } from './journal.queries';

export interface EntryView {
  readonly author: string;
  readonly entryId: string;
  readonly writtenAt: Date;
  readonly shared: boolean;
  /** Only for the author, or a supervisor of the author's team once the entry is shared; else null. */
  readonly text: string | null;
}

/**
 * The reflective practice journal. Its privacy rule is here, in one place (`mayRead`): the text goes to
 * its author, and to a supervisor of the author's team for a shared entry; to everyone else an entry is
 * only an id, a time and a flag. The text is read from the author's stream and opened with their key
 * only for such a reader; the read model never holds it.
 */
export class JournalService {
  readonly queries: JournalQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.queries = new JournalQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime, organization: OrganizationQueries): Promise<JournalService> {
    await runtime.project(journalProjection);
    return new JournalService(runtime, organization);
  }

  /** Every command acts on the caller's own journal: nobody writes or shares in another's. */
  execute(caller: Caller, command: JournalCommand, commandId?: string) {
    return handleCommand(this.runtime.store, journalDecider, journalStreamId(caller.subject), command, {
      metadata: metadataOf(caller),
      personalData: this.runtime.personalData,
      ...(commandId ? { commandId } : {}),
      notFound: () => new JournalError('ENTRY_NOT_FOUND', 'No journal entry with this id', 'entryId'),
    });
  }

  /**
   * Entries of `author` (or: a Link Worker's own, a supervisor's Link Workers', everyone's of the
   * organization for an admin or auditor), with the text only where the caller may read it. A text
   * read (by its author too) is recorded in the access audit first.
   */
  async entries(
    caller: Caller,
    audit: AccessAudit,
    request: PageRequest,
    author?: string,
  ): Promise<Page<EntryView>> {
    const authors =
      author !== undefined
        ? [author]
        : hasRole(caller, 'org-admin', 'auditor')
          ? null
          : hasRole(caller, 'supervisor')
            ? [
                caller.subject,
                ...(await this.organization.supervisedBy(caller.organizationId, caller.subject)),
              ]
            : [caller.subject];
    const page = await this.queries.entries(caller.organizationId, authors, request);
    const rows = page.items;
    const readable = new Set<string>();
    for (const row of rows) if (await this.mayRead(caller, row)) readable.add(`${row.author}/${row.entryId}`);
    // Every read of texts is recorded, the author's own included (the texts are personal data).
    await audit.record(caller, {
      operation: 'Query.journalEntries',
      resourceType: 'JournalEntry',
      resourceIds: rows
        .filter((row) => readable.has(`${row.author}/${row.entryId}`))
        .map((row) => row.entryId),
      outcome: 'permitted',
    });
    const texts = await this.texts(caller.organizationId, [
      ...new Set(rows.filter((row) => readable.has(`${row.author}/${row.entryId}`)).map((row) => row.author)),
    ]);
    const items = rows.map((row) => ({
      ...row,
      text: readable.has(`${row.author}/${row.entryId}`)
        ? (texts.get(`${row.author}/${row.entryId}`) ?? null)
        : null,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  private async mayRead(caller: Caller, entry: { author: string; shared: boolean }): Promise<boolean> {
    if (entry.author === caller.subject) return true;
    return (
      entry.shared &&
      hasRole(caller, 'supervisor') &&
      this.organization.supervises(caller.organizationId, caller.subject, entry.author)
    );
  }

  /** The texts of these authors' entries, opened from their streams with each author's key. */
  private async texts(organizationId: string, authors: readonly string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const author of authors) {
      const recorded = (await this.runtime.store.readStream(journalStreamId(author))).filter(
        (event) =>
          event.organizationId === organizationId && event.type === 'quality-safety.JournalEntryWritten',
      );
      const opened = await this.runtime.personalData.open(
        author,
        recorded.map((event) => ({ type: event.type, data: event.data })),
      );
      for (const event of opened) {
        const { entryId, text } = event.data;
        if (typeof entryId === 'string' && typeof text === 'string') texts.set(`${author}/${entryId}`, text);
      }
    }
    return texts;
  }
}

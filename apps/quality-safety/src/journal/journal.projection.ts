import { topicOfContext } from '@spn/contracts';
import { type Projection, sealedOwnEvent } from '@spn/service-kit';
import { journalDecider } from './journal';

/**
 * The journal's read model holds that an entry exists, when, by whom and whether it is shared: never
 * its text. The text stays sealed in the author's stream and is opened only for a reader who may see it.
 */
export const JOURNAL_MIGRATIONS: readonly string[] = [
  // 1: Journal entries.
  `CREATE TABLE IF NOT EXISTS quality_safety_journal_entry (
    author text NOT NULL,
    entry_id text NOT NULL,
    organization_id text NOT NULL,
    written_at timestamptz NOT NULL,
    shared boolean NOT NULL DEFAULT false,
    PRIMARY KEY (author, entry_id)
  );
  CREATE INDEX IF NOT EXISTS quality_safety_journal_entry_org ON quality_safety_journal_entry (organization_id)`,
];

export const journalProjection: Projection = {
  name: 'journal',
  topics: [topicOfContext('quality-safety')],
  migrations: JOURNAL_MIGRATIONS,
  // It keeps nothing personal: its messages need not be opened.
  sealed: true,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('journal-')) return;
    const author = message.streamId.slice('journal-'.length);
    const event = sealedOwnEvent([journalDecider], message);
    switch (event.type) {
      case 'quality-safety.JournalEntryWritten':
        await tx.query(
          `INSERT INTO quality_safety_journal_entry (author, entry_id, organization_id, written_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [author, event.data.entryId, message.organizationId, event.data.writtenAt],
        );
        return;
      case 'quality-safety.JournalEntryShared':
      case 'quality-safety.JournalEntryUnshared':
        await tx.query(
          'UPDATE quality_safety_journal_entry SET shared = $3 WHERE author = $1 AND entry_id = $2',
          [author, event.data.entryId, message.type === 'quality-safety.JournalEntryShared'],
        );
        return;
      default:
        return;
    }
  },
};

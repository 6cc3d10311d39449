import { deciderSpecification } from '@spn/service-kit';
import { JOURNAL_PERSONAL_FIELDS, journalDecider, journalStreamId, type JournalEvent } from './journal';

const spec = deciderSpecification(journalDecider);
const AT = '2026-11-20T10:00:00.000Z';
const written: JournalEvent = {
  type: 'quality-safety.JournalEntryWritten',
  data: { entryId: 'e-1', text: 'A hard visit today', writtenAt: AT },
};
const shared: JournalEvent = {
  type: 'quality-safety.JournalEntryShared',
  data: { entryId: 'e-1', sharedAt: AT },
};
const unshared: JournalEvent = {
  type: 'quality-safety.JournalEntryUnshared',
  data: { entryId: 'e-1', unsharedAt: AT },
};

describe('reflective practice journal', () => {
  it('writes private entries with text, sealed as personal data of the author', () => {
    spec
      .given([])
      .when({ kind: 'write', entryId: 'e-1', text: ' A hard visit today ', at: AT })
      .then([written]);
    spec
      .given([])
      .when({ kind: 'write', entryId: 'e-1', text: '  ', at: AT })
      .thenRefuses('REQUIRED', 'text');
    spec
      .given([written])
      .when({ kind: 'write', entryId: 'e-1', text: 'again', at: AT })
      .thenRefuses('DUPLICATE_ID', 'entryId');
    expect(JOURNAL_PERSONAL_FIELDS['quality-safety.JournalEntryWritten']).toEqual(['text']);
    // The stream is the author's, so the key that seals the text is the author's.
    expect(journalStreamId('89cf16f3')).toBe('journal-89cf16f3');
  });

  it('shares an entry and takes it back; again changes nothing; an unknown entry is refused', () => {
    spec.given([written]).when({ kind: 'share', entryId: 'e-1', at: AT }).then([shared]);
    spec.given([written, shared]).when({ kind: 'share', entryId: 'e-1', at: AT }).then([]);
    spec.given([written, shared]).when({ kind: 'unshare', entryId: 'e-1', at: AT }).then([unshared]);
    spec.given([written, shared, unshared]).when({ kind: 'unshare', entryId: 'e-1', at: AT }).then([]);
    spec
      .given([written])
      .when({ kind: 'share', entryId: 'e-9', at: AT })
      .thenRefuses('ENTRY_NOT_FOUND', 'entryId');
  });
});

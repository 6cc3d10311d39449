import { PERSONAL_FIELDS } from '@spn/contracts';
import { DomainError, requiredText, type Decider, type PersonalFields } from '@spn/service-kit';

/**
 * A Link Worker's reflective practice journal (stream `journal-<authorSubject>`: the stream's subject is
 * the author, so the entries' text is sealed with the author's own key). Entries are private to their
 * author, who may share one with their supervisor(s) and take it back. Pure: the time comes in the command.
 */

export type JournalEvent =
  | { type: 'quality-safety.JournalEntryWritten'; data: { entryId: string; text: string; writtenAt: string } }
  | { type: 'quality-safety.JournalEntryShared'; data: { entryId: string; sharedAt: string } }
  | { type: 'quality-safety.JournalEntryUnshared'; data: { entryId: string; unsharedAt: string } };

/** The text of an entry is personal data of its author: stored encrypted with the author's key. */
export const JOURNAL_PERSONAL_FIELDS: PersonalFields = {
  'quality-safety.JournalEntryWritten': PERSONAL_FIELDS['quality-safety.JournalEntryWritten'],
};

export type JournalCommand =
  | { kind: 'write'; entryId: string; text: string; at: string }
  | { kind: 'share'; entryId: string; at: string }
  | { kind: 'unshare'; entryId: string; at: string };

export interface JournalState {
  /** Entry id → whether it is shared now. */
  readonly entries: ReadonlyMap<string, boolean>;
}

export class JournalError extends DomainError {}

export const MAX_ENTRY = 20_000;

function entry(state: JournalState, entryId: string): boolean {
  const shared = state.entries.get(entryId);
  if (shared === undefined)
    throw new JournalError('ENTRY_NOT_FOUND', 'No journal entry with this id', 'entryId');
  return shared;
}

function decide(command: JournalCommand, state: JournalState): JournalEvent[] {
  switch (command.kind) {
    case 'write':
      if (state.entries.has(command.entryId))
        throw new JournalError('DUPLICATE_ID', 'entryId is used already', 'entryId');
      return [
        {
          type: 'quality-safety.JournalEntryWritten',
          data: {
            entryId: command.entryId,
            text: requiredText(command.text, 'text', MAX_ENTRY, JournalError),
            writtenAt: command.at,
          },
        },
      ];
    case 'share':
      // Sharing a shared entry again changes nothing.
      return entry(state, command.entryId)
        ? []
        : [
            {
              type: 'quality-safety.JournalEntryShared',
              data: { entryId: command.entryId, sharedAt: command.at },
            },
          ];
    case 'unshare':
      return entry(state, command.entryId)
        ? [
            {
              type: 'quality-safety.JournalEntryUnshared',
              data: { entryId: command.entryId, unsharedAt: command.at },
            },
          ]
        : [];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: JournalState, event: JournalEvent): JournalState {
  const entries = new Map(state.entries);
  switch (event.type) {
    case 'quality-safety.JournalEntryWritten':
      entries.set(event.data.entryId, false);
      return { entries };
    case 'quality-safety.JournalEntryShared':
      entries.set(event.data.entryId, true);
      return { entries };
    case 'quality-safety.JournalEntryUnshared':
      entries.set(event.data.entryId, false);
      return { entries };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const journalDecider: Decider<JournalCommand, JournalEvent, JournalState> = {
  initialState: () => ({ entries: new Map() }),
  decide,
  evolve,
};

export const journalStreamId = (author: string): string => `journal-${author}`;

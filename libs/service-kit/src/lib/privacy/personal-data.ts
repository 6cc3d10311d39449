import {
  PERSONAL_DATA_SUBJECTS,
  PERSONAL_FIELDS,
  type PersonalDataSubjects,
  type PersonalFields,
} from '@spn/contracts';
import { decryptValue, isEncrypted, type JsonObject, type KeyVault } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';

/**
 * Which fields of which event types are personal data: they are stored encrypted with the subject's
 * key (crypto-shredding), everything else (ids, codes, dates of acts) in clear. Declared once for the
 * network in `@spn/contracts` (`PERSONAL_FIELDS`).
 */
export type { PersonalDataSubjects, PersonalFields };

/**
 * What a service's runtime seals and opens: the network's declaration (a projection reads the
 * personal fields of every context it follows) and the service's own, should it declare more.
 */
export const personalFieldsWith = (own: PersonalFields = {}): PersonalFields => ({
  ...PERSONAL_FIELDS,
  ...own,
});

/** The subject of a stream: the client whose data it holds (`client-<id>`, `careplan-<id>` → `<id>`). */
export const subjectOfStream = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

interface EventLike {
  readonly type: string;
  readonly data: JsonObject;
}

/**
 * The subject of an event's personal fields: the client it names where the network declares so
 * (`PERSONAL_DATA_SUBJECTS`: an incident or a supervision session about a client), else its stream's.
 */
export function subjectOfEvent(
  event: EventLike,
  streamSubject: string,
  subjects: PersonalDataSubjects = PERSONAL_DATA_SUBJECTS,
): string {
  const field = subjects[event.type];
  const named = field === undefined ? undefined : event.data[field];
  return typeof named === 'string' && named.length > 0 ? named : streamSubject;
}

/**
 * Encrypts the personal fields of events before they are stored, and decrypts them on the way out
 * (a command's history, a projection's message). When the subject's key was destroyed, a personal
 * field reads as `null`: replays go on, with nothing of the erased person in them. A key that is not
 * there at all is `DataKeyMissingError`: a lost key is never taken for an erasure.
 */
export class PersonalData {
  constructor(
    private readonly keys: KeyVault,
    private readonly fields: PersonalFields,
    private readonly subjects: PersonalDataSubjects = PERSONAL_DATA_SUBJECTS,
  ) {}

  /**
   * The events with their personal fields encrypted (`SubjectErasedError` for an erased subject), each
   * with its subject's key: the stream's, or the client the event names ({@link subjectOfEvent}).
   */
  async seal<E extends EventLike>(
    streamSubject: string,
    organizationId: string,
    events: readonly E[],
  ): Promise<E[]> {
    return Promise.all(
      events.map(async (event) => {
        const names = (this.fields[event.type] ?? []).filter((name) => event.data[name] !== undefined);
        if (names.length === 0) return event;
        const sealed = await this.keys.encrypt(
          subjectOfEvent(event, streamSubject, this.subjects),
          organizationId,
          names.map((name) => event.data[name]),
        );
        const data: JsonObject = { ...event.data };
        names.forEach((name, i) => (data[name] = sealed[i] ?? null));
        return { ...event, data };
      }),
    );
  }

  /**
   * The events with their declared personal fields decrypted, or `null` where the subject was erased.
   * Only declared fields are opened: any other value that starts like a ciphertext (`pd1:`) is text.
   */
  async open<E extends EventLike>(streamSubject: string, events: readonly E[]): Promise<E[]> {
    const subjectOf = (event: E) => subjectOfEvent(event, streamSubject, this.subjects);
    const sealed = events.filter((event) => this.sealed(event));
    if (sealed.length === 0) return [...events];
    const keys = await this.keys.keysOf(sealed.map(subjectOf));
    return events.map((event) => {
      if (!this.sealed(event)) return event;
      const subjectId = subjectOf(event);
      return { ...event, data: this.openData(subjectId, keys.get(subjectId), event) };
    });
  }

  /** A projection's message, decrypted (its subject is its stream's, or the client it names). */
  async openMessage(message: IntegrationMessage): Promise<IntegrationMessage> {
    return (await this.openMessages([message]))[0] ?? message;
  }

  /** Several messages, decrypted with one read of their subjects' keys (a replay's page). */
  async openMessages(messages: readonly IntegrationMessage[]): Promise<IntegrationMessage[]> {
    const sealed = (message: IntegrationMessage) => this.sealed(message);
    const subjectOf = (message: IntegrationMessage) =>
      subjectOfEvent(message, subjectOfStream(message.streamId), this.subjects);
    const subjects = messages.filter(sealed).map(subjectOf);
    if (subjects.length === 0) return [...messages];
    const keys = await this.keys.keysOf(subjects);
    return messages.map((message) => {
      if (!sealed(message)) return message;
      const subjectId = subjectOf(message);
      return { ...message, data: this.openData(subjectId, keys.get(subjectId), message) };
    });
  }

  /**
   * The messages as a projection takes them: as stored (personal fields still sealed) for one that
   * keeps sealed values (`sealed: true`), else opened. One rule for the consumer, a rebuild and a
   * dead letter's replay.
   */
  async forProjection(
    projection: { readonly sealed?: boolean },
    messages: readonly IntegrationMessage[],
  ): Promise<IntegrationMessage[]> {
    return projection.sealed ? [...messages] : this.openMessages(messages);
  }

  /**
   * Rows of a read model that keeps sealed values (`pd1:`, as in the events), opened for an answer with
   * one read of their subjects' keys: in each named column, every sealed value (the column's own, or
   * one nested in its JSON) becomes what was sealed, or `null` where the subject was erased; a missing
   * key is {@link DataKeyMissingError}. Rows without a subject, or columns in clear, are as they are.
   */
  async openRows<R extends object>(
    rows: readonly R[],
    subjectOf: (row: R) => string | null,
    columns: readonly (keyof R)[],
  ): Promise<R[]> {
    const sealedRows = rows.filter(
      (row) => subjectOf(row) !== null && columns.some((column) => holdsSealed(row[column])),
    );
    if (sealedRows.length === 0) return [...rows];
    const keys = await this.keys.keysOf(sealedRows.map((row) => subjectOf(row) as string));
    return rows.map((row) => {
      const subjectId = subjectOf(row);
      if (subjectId === null) return row;
      const opened = { ...row };
      for (const column of columns)
        opened[column] = openDeep(subjectId, keys.get(subjectId), row[column]) as R[keyof R];
      return opened;
    });
  }

  /** Whether any of the event's declared personal fields holds a ciphertext. */
  private sealed(event: EventLike): boolean {
    return (this.fields[event.type] ?? []).some((name) => isEncrypted(event.data[name]));
  }

  /** The event's data with its declared personal fields decrypted; every other value as it is. */
  private openData(subjectId: string, key: Buffer | null | undefined, event: EventLike): JsonObject {
    const data: JsonObject = { ...event.data };
    for (const name of this.fields[event.type] ?? []) {
      const value = data[name];
      if (isEncrypted(value))
        data[name] = (decryptValue(subjectId, key, value) ?? null) as JsonObject[string];
    }
    return data;
  }
}

/** Whether a value holds a sealed value anywhere in it (a column, or JSON inside one). */
function holdsSealed(value: unknown): boolean {
  if (isEncrypted(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSealed);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.values(value).some(holdsSealed);
  return false;
}

/** The value with every sealed value in it opened (`null` for an erased subject). */
function openDeep(subjectId: string, key: Buffer | null | undefined, value: unknown): unknown {
  if (isEncrypted(value)) return decryptValue(subjectId, key, value) ?? null;
  if (Array.isArray(value)) return value.map((item) => openDeep(subjectId, key, item));
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, openDeep(subjectId, key, item)]),
    );
  return value;
}

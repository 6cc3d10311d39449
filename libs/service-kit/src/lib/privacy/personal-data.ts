import { PERSONAL_FIELDS, type PersonalFields } from '@spn/contracts';
import { decryptValue, isEncrypted, type JsonObject, type KeyVault } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';

/**
 * Which fields of which event types are personal data: they are stored encrypted with the subject's
 * key (crypto-shredding), everything else (ids, codes, dates of acts) in clear. Declared once for the
 * network in `@spn/contracts` (`PERSONAL_FIELDS`).
 */
export type { PersonalFields };

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
 * Encrypts the personal fields of events before they are stored, and decrypts them on the way out
 * (a command's history, a projection's message). When the subject's key was destroyed, a personal
 * field reads as `null`: replays go on, with nothing of the erased person in them. A key that is not
 * there at all is `DataKeyMissingError`: a lost key is never taken for an erasure.
 */
export class PersonalData {
  constructor(
    private readonly keys: KeyVault,
    private readonly fields: PersonalFields,
  ) {}

  /** The events with their personal fields encrypted (`SubjectErasedError` for an erased subject). */
  async seal<E extends EventLike>(
    subjectId: string,
    organizationId: string,
    events: readonly E[],
  ): Promise<E[]> {
    return Promise.all(
      events.map(async (event) => {
        const names = (this.fields[event.type] ?? []).filter((name) => event.data[name] !== undefined);
        if (names.length === 0) return event;
        const sealed = await this.keys.encrypt(
          subjectId,
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
  async open<E extends EventLike>(subjectId: string, events: readonly E[]): Promise<E[]> {
    if (!events.some((event) => this.sealed(event))) return [...events];
    const key = (await this.keys.keysOf([subjectId])).get(subjectId);
    return events.map((event) =>
      this.sealed(event) ? { ...event, data: this.openData(subjectId, key, event) } : event,
    );
  }

  /** A projection's message, decrypted (its subject is its stream's). */
  async openMessage(message: IntegrationMessage): Promise<IntegrationMessage> {
    return (await this.openMessages([message]))[0] ?? message;
  }

  /** Several messages, decrypted with one read of their subjects' keys (a replay's page). */
  async openMessages(messages: readonly IntegrationMessage[]): Promise<IntegrationMessage[]> {
    const sealed = (message: IntegrationMessage) => this.sealed(message);
    const subjects = messages.filter(sealed).map((message) => subjectOfStream(message.streamId));
    if (subjects.length === 0) return [...messages];
    const keys = await this.keys.keysOf(subjects);
    return messages.map((message) => {
      if (!sealed(message)) return message;
      const subjectId = subjectOfStream(message.streamId);
      return { ...message, data: this.openData(subjectId, keys.get(subjectId), message) };
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

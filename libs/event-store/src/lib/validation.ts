import { EventStoreError } from './errors';
import type { EventMetadata, ExpectedVersion, NewEvent } from './event-store.port';
import { canonicalJson } from './hashing';

/** `<category>-<id>`: the category names the owning context's aggregate (e.g. `client`, `careplan`). */
const STREAM_ID = /^([a-z][a-zA-Z0-9]{0,62})-([A-Za-z0-9][A-Za-z0-9._:-]{0,199})$/;
const EVENT_TYPE = /^[a-z][a-zA-Z0-9-]*\.[A-Z][A-Za-z0-9]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function streamCategory(streamId: string): string {
  const match = STREAM_ID.exec(streamId);
  if (!match?.[1]) {
    throw new EventStoreError(
      'INVALID_STREAM_ID',
      'Invalid stream id: expected `<category>-<id>`, category lower camel case (max 63), id of letters, digits and ._:- (max 200)',
    );
  }
  return match[1];
}

function invalid(index: number, field: string, why: string): EventStoreError {
  return new EventStoreError('INVALID_EVENT', `events[${index}].${field} ${why}`, {
    field: `events[${index}].${field}`,
  });
}

// Callers outside TypeScript (GraphQL, CLI, JSON) can send anything: these checks take unknown.
const isJsonObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function validateMetadata(index: number, metadata: EventMetadata | undefined): void {
  if (metadata === undefined || typeof metadata !== 'object') throw invalid(index, 'metadata', 'is required');
  if (!nonEmpty(metadata.organizationId)) throw invalid(index, 'metadata.organizationId', 'is required');
  if (typeof metadata.actor !== 'object') throw invalid(index, 'metadata.actor', 'is required');
  if (!nonEmpty(metadata.actor.subject)) throw invalid(index, 'metadata.actor.subject', 'is required');
  if (!nonEmpty(metadata.actor.organizationId))
    throw invalid(index, 'metadata.actor.organizationId', 'is required');
  if (!Array.isArray(metadata.actor.roles) || !metadata.actor.roles.every(nonEmpty)) {
    throw invalid(index, 'metadata.actor.roles', 'must be a list of role names');
  }
  if (!nonEmpty(metadata.purposeOfUse)) throw invalid(index, 'metadata.purposeOfUse', 'is required');
  if (!nonEmpty(metadata.correlationId)) throw invalid(index, 'metadata.correlationId', 'is required');
  if (metadata.causationId !== undefined && !nonEmpty(metadata.causationId)) {
    throw invalid(index, 'metadata.causationId', 'must be a non-empty string when present');
  }
  if (metadata.onBehalfOf !== undefined && !nonEmpty(metadata.onBehalfOf)) {
    throw invalid(index, 'metadata.onBehalfOf', 'must be a non-empty string when present');
  }
  if (metadata.traceparent !== undefined && !TRACEPARENT.test(metadata.traceparent)) {
    throw invalid(index, 'metadata.traceparent', 'must be a W3C traceparent');
  }
}

export interface ValidatedAppend {
  readonly category: string;
  readonly organizationId: string;
}

/** Checks everything that can be checked without the database, so bad input writes nothing. */
export function validateAppend(
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
  maxEventBytes: number,
): ValidatedAppend {
  const category = streamCategory(streamId);
  if (expectedVersion !== 'any' && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)) {
    throw new EventStoreError('INVALID_EVENT', 'expectedVersion must be a whole number >= 0 or "any"', {
      field: 'expectedVersion',
    });
  }
  if (events.length === 0) {
    throw new EventStoreError('INVALID_EVENT', 'events must be a non-empty list', { field: 'events' });
  }
  const seen = new Set<string>();
  let organizationId = '';
  events.forEach((event, index) => {
    if (!EVENT_TYPE.test(event.type)) throw invalid(index, 'type', 'must look like `context.EventName`');
    if (event.eventId !== undefined) {
      if (!UUID.test(event.eventId)) throw invalid(index, 'eventId', 'must be a UUID');
      if (seen.has(event.eventId)) throw invalid(index, 'eventId', 'is repeated in the same append');
      seen.add(event.eventId);
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      throw invalid(index, 'schemaVersion', 'must be a whole number >= 1');
    }
    if (!isJsonObject(event.data)) {
      throw invalid(index, 'data', 'must be a JSON object');
    }
    if (
      event.occurredAt !== undefined &&
      !(event.occurredAt instanceof Date && !isNaN(event.occurredAt.getTime()))
    ) {
      throw invalid(index, 'occurredAt', 'must be a valid date');
    }
    validateMetadata(index, event.metadata);
    if (index === 0) organizationId = event.metadata.organizationId;
    if (event.metadata.organizationId !== organizationId) {
      throw invalid(index, 'metadata.organizationId', 'differs from the other events of the append');
    }
    const dataJson = canonicalJson(event.data);
    if (dataJson.includes('\\u0000')) throw invalid(index, 'data', 'must not contain NUL characters');
    const size = Buffer.byteLength(dataJson) + Buffer.byteLength(canonicalJson(event.metadata));
    if (size > maxEventBytes) {
      throw new EventStoreError(
        'EVENT_TOO_LARGE',
        `events[${index}] (${event.type}) is ${size} bytes; the limit is ${maxEventBytes}`,
        { field: `events[${index}]`, size, limit: maxEventBytes },
      );
    }
  });
  return { category, organizationId };
}

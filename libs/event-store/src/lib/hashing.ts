import { createHash } from 'node:crypto';
import type { JsonValue } from './event-store.port';

/**
 * Canonical JSON: object keys sorted, no white space, `undefined` members dropped (as JSON.stringify
 * does). The same value gives the same text before it is stored and after it is read back from jsonb,
 * so hashes can be recomputed by the verifier.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash a stream's first event links to: binds the chain to its stream id. */
export const genesisHash = (streamId: string): string => sha256(`stream:${streamId}`);

/** What an event's hash covers. The stream version is not in it: the chain itself fixes the order. */
export interface HashedEventContent {
  readonly previousHash: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly organizationId: string;
  readonly data: JsonValue;
  readonly metadata: object;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
}

export function eventHash(content: HashedEventContent): string {
  return sha256(
    canonicalJson({
      previousHash: content.previousHash,
      eventId: content.eventId,
      streamId: content.streamId,
      type: content.type,
      schemaVersion: content.schemaVersion,
      organizationId: content.organizationId,
      data: content.data,
      metadata: content.metadata,
      occurredAt: content.occurredAt.toISOString(),
      recordedAt: content.recordedAt.toISOString(),
    }),
  );
}

/** A seal's hash chains the previous seal with the digest of the range it covers. */
export function sealHash(seal: {
  readonly sealNumber: number;
  readonly previousSealHash: string;
  readonly eventCount: number;
  readonly eventsDigest: string;
  readonly toTransactionId: string;
  readonly toGlobalPosition: number;
}): string {
  return sha256(canonicalJson(seal));
}

/** Order-sensitive digest of a range: (event id, hash) in global-log order. */
export function rangeDigest(items: readonly { eventId: string; hash: string }[]): string {
  const digest = createHash('sha256');
  for (const item of items) digest.update(`${item.eventId}:${item.hash}\n`);
  return digest.digest('hex');
}

/** Order-insensitive digest of the same range: tells a reordering from an edit. */
export function rangeSetDigest(items: readonly { eventId: string; hash: string }[]): string {
  return rangeDigest([...items].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)));
}

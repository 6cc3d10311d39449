import { rangeDigest, rangeSetDigest } from '../hashing';
import type { TamperKind } from './integrity-report';

/** A seal as stored (numbers as text: see sql/rows.ts). Shared by the sealer and the verifiers. */
export interface SealRow {
  [column: string]: unknown;
  seal_number: string;
  from_transaction_id: string;
  from_global_position: string;
  to_transaction_id: string;
  to_global_position: string;
  event_count: number;
  events_digest: string;
  events_set_digest: string;
  previous_seal_hash: string;
  seal_hash: string;
  signing_key_id: string;
  signature: string;
}

/** The hash the first seal links to. */
export const GENESIS_SEAL_HASH = '';

export const SEAL_COLUMNS = `seal_number::text AS seal_number, from_transaction_id::text AS from_transaction_id,
  from_global_position::text AS from_global_position, to_transaction_id::text AS to_transaction_id,
  to_global_position::text AS to_global_position, event_count, events_digest, events_set_digest,
  previous_seal_hash, seal_hash, signing_key_id, signature`;

/** What a sealed range's re-read events say: nothing wrong, or the kind of tampering. */
export function classifyRange(
  seal: SealRow,
  items: readonly { event_id: string; hash: string }[],
): TamperKind | undefined {
  const mapped = items.map((item) => ({ eventId: item.event_id, hash: item.hash }));
  if (items.length < seal.event_count) return 'deleted';
  if (items.length > seal.event_count) return 'inserted';
  if (rangeDigest(mapped) === seal.events_digest) return undefined;
  return rangeSetDigest(mapped) === seal.events_set_digest ? 'reordered' : 'edited';
}

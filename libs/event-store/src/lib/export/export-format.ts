import type { EventMetadata, JsonObject, LogCheckpoint } from '../event-store.port';
import type { AppendSigning } from '../integrity/append-signing';
import type { ResolvedRange } from '../integrity/log-range';
import type { SigningHandover } from '../integrity/signing-key-ring';

/**
 * The auditor's export: JSON Lines, one record per line, in this order: a header, the anchors (the
 * hash each stream's first exported event links to), the signing keys' history (the signed-appends
 * marker and every key handover, when the log has them), the seals that overlap the range (with the
 * (event id, hash) pairs each covers), the events as stored, and an end record. Everything a verifier
 * needs to check the file with no database: with the handovers, each seal's signature is checked with
 * the pinned key in force for it, across a rotation.
 */
export const EXPORT_FORMAT = 'spn.event-export/1';

export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly range: ResolvedRange;
}

/** The event just before a stream's first exported one: its hash is what that event must link to. */
export interface ExportAnchor {
  readonly kind: 'anchor';
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly hash: string;
}

/** The signed-appends marker: the first key of the chain (integrity/append-signing.ts). */
export interface ExportAppendSigning extends AppendSigning {
  readonly kind: 'append-signing';
}

/** A signing-key handover, as stored (integrity/signing-key-ring.ts). */
export interface ExportHandover extends SigningHandover {
  readonly kind: 'handover';
}

export interface ExportSeal {
  readonly kind: 'seal';
  readonly sealNumber: number;
  readonly from: LogCheckpoint;
  readonly to: LogCheckpoint;
  readonly eventCount: number;
  readonly eventsDigest: string;
  readonly eventsSetDigest: string;
  readonly previousSealHash: string;
  readonly sealHash: string;
  /** The id of the key that signed the seal, and its Ed25519 signature (base64) over the seal's hash. */
  readonly signingKeyId: string;
  readonly signature: string;
  /** The covered events in the seals' order: [event id, hash, global position]. */
  readonly items: readonly (readonly [string, string, number])[];
}

/** An event exactly as stored (no upcasting, personal fields still encrypted). */
export interface ExportEvent {
  readonly kind: 'event';
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly organizationId: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly previousHash: string;
  readonly hash: string;
}

export interface ExportEnd {
  readonly kind: 'end';
  readonly events: number;
  readonly anchors: number;
  readonly seals: number;
}

export type ExportRecord =
  ExportHeader | ExportAnchor | ExportAppendSigning | ExportHandover | ExportSeal | ExportEvent | ExportEnd;

import { sign, verify, type KeyObject } from 'node:crypto';
import type { SqlQueryable } from '../sql/sql-client';
import { SealKeyError, sealKeyId, verifyingKeyOf, type SealKeys } from './seal-signing';
import type { KeyHistory } from './signing-key-ring';

/**
 * Signed appends: each event's hash is signed by the store's signing key (the seals' key, held outside
 * the database) as it is appended. A writer with the store's database login alone can append a row
 * with a valid hash, linked to its stream and with the stream's head moved to it; without the key it
 * cannot sign it, so the sealer refuses to seal it and `verify` names it. Events from before the store
 * had a key are unsigned: the `append_signing` row (append-only, itself signed) says from which
 * position on every event must be signed.
 */
/** What the checks need of a database: reads only. */
type Reader = Pick<SqlQueryable, 'query'>;

const eventPayload = (hash: string): Buffer => Buffer.from(`spn.event/1:${hash}`, 'utf8');
const sincePayload = (position: number, keyId: string): Buffer =>
  Buffer.from(`spn.append-signing/1:${position}:${keyId}`, 'utf8');

export const signAppend = (signingKey: KeyObject, hash: string): string =>
  sign(null, eventPayload(hash), signingKey).toString('base64');

function validSignature(publicKey: KeyObject, payload: Buffer, signature: string | null): boolean {
  if (!signature) return false;
  try {
    return verify(null, payload, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export const appendSignatureValid = (publicKey: KeyObject, hash: string, signature: string | null): boolean =>
  validSignature(publicKey, eventPayload(hash), signature);

/** From which global position on every event is signed, by which key. */
export interface AppendSigning {
  readonly sincePosition: number;
  readonly keyId: string;
  readonly signature: string;
}

/** Whether the marker is signed by `publicKey` (the pinned key it names). */
export const markerSignatureValid = (publicKey: KeyObject, marker: AppendSigning): boolean =>
  validSignature(publicKey, sincePayload(marker.sincePosition, marker.keyId), marker.signature);

export async function readAppendSigning(reader: Reader): Promise<AppendSigning | null> {
  const [row] = await reader.query<{ since_position: string; key_id: string; signature: string }>(
    'SELECT since_position::text AS since_position, key_id, signature FROM append_signing WHERE id = 1',
  );
  return row
    ? { sincePosition: Number(row.since_position), keyId: row.key_id, signature: row.signature }
    : null;
}

/**
 * Signed from now on: the row is written once, by the first process that appends with the key (under
 * the event log lock, so no append of another process falls between the position read and the row).
 */
export async function startAppendSigning(tx: SqlQueryable, signingKey: KeyObject): Promise<void> {
  const keys: SealKeys = { signingKey };
  const publicKey = verifyingKeyOf(keys);
  if (!publicKey) return;
  const keyId = sealKeyId(publicKey);
  const [last] = await tx.query<{ position: string }>(
    'SELECT COALESCE(max(global_position), 0)::text AS position FROM events',
  );
  const since = Number(last?.position ?? 0);
  await tx.query(
    `INSERT INTO append_signing (id, since_position, key_id, signature) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO NOTHING`,
    [since, keyId, sign(null, sincePayload(since, keyId), signingKey).toString('base64')],
  );
}

/** An event that should be signed and is not (or not by the pinned key in force at its position). */
export interface UnsignedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  /** Whether it carries a signature (of other content: edited since) or none (added by a keyless writer). */
  readonly signed: boolean;
}

export type AppendSigningCheck =
  | { readonly kind: 'unsigned-log' }
  | { readonly kind: 'checked'; readonly signing: AppendSigning; readonly unsigned: readonly UnsignedEvent[] }
  | { readonly kind: 'forged-marker' };

const PAGE = 5000;

/**
 * The events of `where` (a condition on `events`, with its parameters from `$2`) past the signing
 * position, each signature checked with the key in force at its position (signing-key-ring.ts). A
 * marker not signed by a pinned key it names is itself a forgery (someone wrote it to move the
 * position), reported as such.
 */
export async function checkAppendSignatures(
  reader: Reader,
  history: KeyHistory | undefined,
  where: { readonly condition: string; readonly params: readonly unknown[] },
): Promise<AppendSigningCheck> {
  const signing = await readAppendSigning(reader);
  if (!signing) return { kind: 'unsigned-log' };
  if (!history) throw new SealKeyError('publicKey', "verifying signed appends needs the seals' public key");
  if (!history.markerValid) return { kind: 'forged-marker' };
  const unsigned: UnsignedEvent[] = [];
  let after = signing.sincePosition;
  for (;;) {
    const rows = await reader.query<{
      stream_id: string;
      stream_version: string;
      global_position: string;
      hash: string;
      signature: string | null;
    }>(
      `SELECT stream_id, stream_version::text AS stream_version, global_position::text AS global_position,
              hash, signature
       FROM events WHERE global_position > $1::bigint AND (${where.condition})
       ORDER BY events.global_position LIMIT ${PAGE}`,
      [after, ...where.params],
    );
    for (const row of rows) {
      const publicKey = history.keyAtPosition(Number(row.global_position));
      if (!publicKey || !appendSignatureValid(publicKey, row.hash, row.signature))
        unsigned.push({
          streamId: row.stream_id,
          streamVersion: Number(row.stream_version),
          globalPosition: Number(row.global_position),
          signed: Boolean(row.signature),
        });
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = Number(last.global_position);
  }
  return { kind: 'checked', signing, unsigned };
}

export const UNSIGNED_DETAIL = "not signed by the store's signing key: appended by a writer without it";
export const MISSIGNED_DETAIL = 'its signature does not match its content: changed after it was signed';
export const FORGED_MARKER_DETAIL = 'the signed-appends position is not signed by a pinned seal key it names';

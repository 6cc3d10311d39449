import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SqlQueryable } from '../sql/sql-client';
import { EVENT_LOG_LOCK, SEALER_LOCK } from '../sql/schema';
import {
  markerSignatureValid,
  readAppendSigning,
  startAppendSigning,
  type AppendSigning,
} from './append-signing';
import { SealKeyError, sealKeyId, type SealKeys } from './seal-signing';

/**
 * Which key signs where: the one place that knows. The `append_signing` marker names the first key;
 * each handover (`signing_handovers`, append-only) says from which global position and seal number on
 * the next key signs, names the key before it, is endorsed (signed) by that key and signed by the new
 * one (it holds the key it names). An auditor pins every key the chain names; a handover not endorsed by
 * the key in force before it, or naming a key the auditor did not pin, is a forgery and is skipped: the
 * key before it stays in force, so what the forger signed after it does not verify either.
 */
type Reader = Pick<SqlQueryable, 'query'>;

/** One handover as stored: from `fromPosition` and seal `fromSealNumber` on, `keyId` signs. */
export interface SigningHandover {
  readonly handoverNumber: number;
  readonly fromPosition: number;
  readonly fromSealNumber: number;
  readonly previousKeyId: string;
  readonly keyId: string;
  /** By the previous key, over the same payload. */
  readonly endorsement: string;
  /** By the new key: it holds the key it names. */
  readonly signature: string;
}

/** A handover that does not belong to the chain, named by number and why. */
export interface ForgedHandover {
  readonly handoverNumber: number;
  readonly detail: string;
}

const handoverPayload = (handover: Omit<SigningHandover, 'endorsement' | 'signature'>): Buffer =>
  Buffer.from(
    `spn.signing-handover/1:${handover.handoverNumber}:${handover.fromPosition}:${handover.fromSealNumber}:` +
      `${handover.previousKeyId}:${handover.keyId}`,
    'utf8',
  );

function signedBy(publicKey: KeyObject, payload: Buffer, signature: string): boolean {
  try {
    return verify(null, payload, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The keys a verifier pinned: the current one and those before it, by id. */
export class SigningKeyRing {
  private readonly byId = new Map<string, KeyObject>();

  constructor(
    readonly current: KeyObject,
    readonly previous: readonly KeyObject[] = [],
  ) {
    for (const key of [current, ...previous]) this.byId.set(sealKeyId(key), key);
  }

  /**
   * The verifying ring of a process's keys: the pinned public key (else the signing key's half) and the
   * earlier ones. Never the signing key beside a pinned one: the pin is what an auditor trusts.
   */
  static of(keys: SealKeys): SigningKeyRing | undefined {
    const current = keys.publicKey ?? (keys.signingKey ? createPublicKey(keys.signingKey) : undefined);
    return current && new SigningKeyRing(current, keys.previousPublicKeys);
  }

  get currentId(): string {
    return sealKeyId(this.current);
  }

  key(id: string): KeyObject | undefined {
    return this.byId.get(id);
  }
}

interface Step {
  readonly fromPosition: number;
  readonly fromSealNumber: number;
  readonly keyId: string;
  readonly key: KeyObject | undefined;
}

/** The log's keys over time as a ring resolves them; see the module comment. */
export class KeyHistory {
  private constructor(
    /** The id of the ring's current key (the one the auditor pinned as current). */
    readonly pinnedKeyId: string,
    /** The marker, when it is signed by the pinned key it names. */
    readonly markerValid: boolean,
    private readonly steps: readonly Step[],
    readonly forgedHandovers: readonly ForgedHandover[],
  ) {}

  /**
   * The chain starts at the marker's key (when the marker is signed by a pinned key: else at the ring's
   * current key, as for a log never rotated) and follows each handover that the key in force endorsed,
   * that names a pinned key and that key signed, and that does not go back in the log.
   */
  static resolve(
    ring: SigningKeyRing,
    marker: AppendSigning | null,
    handovers: readonly SigningHandover[],
  ): KeyHistory {
    const markerKey = marker ? ring.key(marker.keyId) : undefined;
    const markerValid = Boolean(marker && markerKey && markerSignatureValid(markerKey, marker));
    const startId = markerValid && marker ? marker.keyId : ring.currentId;
    const steps: Step[] = [{ fromPosition: 0, fromSealNumber: 0, keyId: startId, key: ring.key(startId) }];
    const forged: ForgedHandover[] = [];
    for (const handover of handovers) {
      const inForce = steps[steps.length - 1] as Step;
      const next = ring.key(handover.keyId);
      const payload = handoverPayload(handover);
      const detail = !marker
        ? 'a handover in a log whose appends were never signed'
        : !ring.key(handover.previousKeyId)
          ? `hands over from key ${handover.previousKeyId}, which is not pinned`
          : handover.previousKeyId !== inForce.keyId
            ? `hands over from key ${handover.previousKeyId}, not from the key in force (${inForce.keyId})`
            : !inForce.key || !signedBy(inForce.key, payload, handover.endorsement)
              ? 'not endorsed by the key in force before it'
              : !next
                ? `names key ${handover.keyId}, which is not pinned`
                : !signedBy(next, payload, handover.signature)
                  ? 'not signed by the key it names'
                  : handover.fromPosition < inForce.fromPosition ||
                      handover.fromSealNumber < inForce.fromSealNumber
                    ? 'goes back in the log'
                    : undefined;
      if (detail) forged.push({ handoverNumber: handover.handoverNumber, detail });
      else steps.push({ ...handover, key: next });
    }
    return new KeyHistory(ring.currentId, markerValid, steps, forged);
  }

  /** The pinned key in force at a global position (undefined: its key is not pinned). */
  keyAtPosition(position: number): KeyObject | undefined {
    return this.stepWhere((step) => step.fromPosition <= position).key;
  }

  /** The pinned key in force at a seal number. */
  keyAtSeal(sealNumber: number): KeyObject | undefined {
    return this.stepWhere((step) => step.fromSealNumber <= sealNumber).key;
  }

  /** The ids of the keys in the chain, oldest first. */
  get keyIds(): string[] {
    return this.steps.map((step) => step.keyId);
  }

  private stepWhere(holds: (step: Step) => boolean): Step {
    return this.steps.findLast(holds) ?? (this.steps[0] as Step);
  }
}

export async function readHandovers(reader: Reader): Promise<SigningHandover[]> {
  const rows = await reader.query<{
    handover_number: number;
    from_position: string;
    from_seal_number: string;
    previous_key_id: string;
    key_id: string;
    endorsement: string;
    signature: string;
  }>(
    `SELECT handover_number, from_position::text AS from_position, from_seal_number::text AS from_seal_number,
            previous_key_id, key_id, endorsement, signature
     FROM signing_handovers ORDER BY signing_handovers.handover_number`,
  );
  return rows.map((row) => ({
    handoverNumber: row.handover_number,
    fromPosition: Number(row.from_position),
    fromSealNumber: Number(row.from_seal_number),
    previousKeyId: row.previous_key_id,
    keyId: row.key_id,
    endorsement: row.endorsement,
    signature: row.signature,
  }));
}

/** The log's key history as `ring` resolves it; undefined without a ring (nothing pinned). */
export async function loadKeyHistory(
  reader: Reader,
  ring: SigningKeyRing | undefined,
): Promise<KeyHistory | undefined> {
  if (!ring) return undefined;
  const [marker, handovers] = [await readAppendSigning(reader), await readHandovers(reader)];
  return KeyHistory.resolve(ring, marker, handovers);
}

/**
 * SQL for the id of the key the log says signs now (the last handover's, else the marker's), its rows
 * taken as they are: a writer holds its own key only, so checks no signature. A forged last handover
 * thus makes honest writers refuse to append, which `verify` names.
 */
export const KEY_ID_IN_FORCE_SQL = `COALESCE(
  (SELECT key_id FROM signing_handovers ORDER BY signing_handovers.handover_number DESC LIMIT 1),
  (SELECT key_id FROM append_signing WHERE id = 1))`;

export async function keyIdInForce(reader: Reader): Promise<string | undefined> {
  const [row] = await reader.query<{ key_id: string | null }>(`SELECT ${KEY_ID_IN_FORCE_SQL} AS key_id`);
  return row?.key_id ?? undefined;
}

/** What a process must refuse to sign with: the log has handed signing over to another key. */
export function assertKeyInForce(inForce: string | null | undefined, ownKeyId: string, what: string): void {
  if (inForce && inForce !== ownKeyId)
    throw new SealKeyError(
      'signingKey',
      `SPN_SEAL_SIGNING_KEY (key ${ownKeyId}) is not the key in force (${inForce}): ${what} refused; ` +
        'deploy the key the last rotation handed over to (docs/operations.md)',
    );
}

/**
 * Hands signing over from `previous` to `next`: from the next position and the next seal on, `next`
 * signs. Under the sealer's lock and the event log lock (in that order: a seal in progress finishes
 * first, and appends wait only for the insert), so no append or seal falls between the positions read
 * and the row. Marks the log signed by `previous` first if no append has been signed yet.
 */
export async function writeHandover(
  tx: SqlQueryable,
  previous: KeyObject,
  next: KeyObject,
): Promise<SigningHandover> {
  const previousKeyId = sealKeyId(createPublicKey(previous));
  const keyId = sealKeyId(createPublicKey(next));
  if (previousKeyId === keyId) throw new SealKeyError('signingKey', 'the new key is the key in force');
  await tx.query(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
  await tx.query(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
  await startAppendSigning(tx, previous);
  assertKeyInForce(await keyIdInForce(tx), previousKeyId, 'the handover');
  const [at] = await tx.query<{ position: string; seal_number: string; handover_number: number }>(
    `SELECT (SELECT COALESCE(max(global_position), 0) + 1 FROM events)::text AS position,
            (SELECT COALESCE(max(seal_number), 0) + 1 FROM seals)::text AS seal_number,
            (SELECT COALESCE(max(handover_number), 0) + 1 FROM signing_handovers)::integer AS handover_number`,
  );
  const unsigned = {
    handoverNumber: at?.handover_number ?? 1,
    fromPosition: Number(at?.position ?? 1),
    fromSealNumber: Number(at?.seal_number ?? 1),
    previousKeyId,
    keyId,
  };
  const handover = signHandover(unsigned, previous, next);
  await tx.query(
    `INSERT INTO signing_handovers (handover_number, from_position, from_seal_number, previous_key_id, key_id,
                                    endorsement, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      handover.handoverNumber,
      handover.fromPosition,
      handover.fromSealNumber,
      handover.previousKeyId,
      handover.keyId,
      handover.endorsement,
      handover.signature,
    ],
  );
  return handover;
}

/** A handover endorsed by `endorser` (the key before) and signed by `signer` (the key it names). */
export function signHandover(
  unsigned: Omit<SigningHandover, 'endorsement' | 'signature'>,
  endorser: KeyObject,
  signer: KeyObject,
): SigningHandover {
  const payload = handoverPayload(unsigned);
  return {
    ...unsigned,
    endorsement: sign(null, payload, endorser).toString('base64'),
    signature: sign(null, payload, signer).toString('base64'),
  };
}

import { LOG_START, type LogCheckpoint } from '../event-store.port';
import { sealHash } from '../hashing';
import type { AuditProblems, SealCoverage } from './audit-report';
import { classifyRange, GENESIS_SEAL_HASH, SEAL_COLUMNS, type SealRow } from './seal-rows';
import type { AuditReader } from './log-range';
import { SealKeyError, SIGNATURE_PROBLEM, sealSignatureValid } from './seal-signing';
import type { KeyHistory } from './signing-key-ring';

/** The range in the seals' order, (transaction id, position): its first and last events. */
export interface SealOrderBounds {
  readonly first: LogCheckpoint;
  readonly last: LogCheckpoint;
  /** The range's positions, first and last. */
  readonly positions: { readonly from: number; readonly to: number };
}

const checkpointOf = (transactionId: string, position: string): LogCheckpoint => ({
  transactionId,
  globalPosition: Number(position),
});

/**
 * Re-checks every seal whose range overlaps the audited range: its hash, its link to the seal before
 * it, and the digests of the events it covers (which tell a deletion, insertion, reordering or edit).
 */
export async function verifySeals(
  reader: AuditReader,
  bounds: SealOrderBounds | null,
  wholeLog: boolean,
  problems: AuditProblems,
  history: KeyHistory | undefined,
): Promise<SealCoverage> {
  const seals = bounds
    ? await reader.query<SealRow>(
        `SELECT ${SEAL_COLUMNS} FROM seals
         WHERE ($5::boolean OR (to_transaction_id, to_global_position) >= ($1::xid8, $2::bigint))
           AND ($5::boolean OR (from_transaction_id, from_global_position) < ($3::xid8, $4::bigint))
         ORDER BY seals.seal_number`,
        [
          bounds.first.transactionId,
          bounds.first.globalPosition,
          bounds.last.transactionId,
          bounds.last.globalPosition,
          wholeLog,
        ],
      )
    : [];
  if (seals.length > 0 && !history)
    throw new SealKeyError('publicKey', "verifying seals needs the seals' public key");
  const firstSeal = seals[0];
  let previous = firstSeal ? await sealBefore(reader, Number(firstSeal.seal_number)) : undefined;
  for (const seal of seals) {
    if (history) checkSeal(seal, previous ?? { hash: GENESIS_SEAL_HASH, to: LOG_START }, problems, history);
    const items = await reader.query<{ event_id: string; hash: string; global_position: string }>(
      `SELECT event_id::text AS event_id, hash, global_position::text AS global_position FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
       ORDER BY events.transaction_id, events.global_position`,
      [seal.from_transaction_id, seal.from_global_position, seal.to_transaction_id, seal.to_global_position],
    );
    const kind = classifyRange(seal, items);
    if (kind) {
      const positions = items.map((item) => Number(item.global_position));
      problems.add({
        kind,
        check: 'seal',
        sealNumber: Number(seal.seal_number),
        positions: {
          from: positions.length > 0 ? Math.min(...positions) : Number(seal.from_global_position) + 1,
          to: positions.length > 0 ? Math.max(...positions) : Number(seal.to_global_position),
        },
        detail: `the sealed range holds ${items.length} events; ${seal.event_count} were sealed`,
      });
    }
    previous = { hash: seal.seal_hash, to: checkpointOf(seal.to_transaction_id, seal.to_global_position) };
  }
  return coverage(reader, seals, bounds, seals.length > 0 && history ? history.pinnedKeyId : null);
}

async function sealBefore(
  reader: AuditReader,
  sealNumber: number,
): Promise<{ hash: string; to: LogCheckpoint } | undefined> {
  const [row] = await reader.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM seals WHERE seal_number = $1`, [
    sealNumber - 1,
  ]);
  return row
    ? { hash: row.seal_hash, to: checkpointOf(row.to_transaction_id, row.to_global_position) }
    : undefined;
}

function checkSeal(
  seal: SealRow,
  previous: { hash: string; to: LogCheckpoint },
  problems: AuditProblems,
  history: KeyHistory,
): void {
  const sealNumber = Number(seal.seal_number);
  const publicKey = history.keyAtSeal(sealNumber);
  const recomputed = sealHash({
    sealNumber,
    previousSealHash: seal.previous_seal_hash,
    eventCount: seal.event_count,
    eventsDigest: seal.events_digest,
    toTransactionId: seal.to_transaction_id,
    toGlobalPosition: Number(seal.to_global_position),
  });
  const contiguous =
    seal.from_transaction_id === previous.to.transactionId &&
    Number(seal.from_global_position) === previous.to.globalPosition;
  if (recomputed !== seal.seal_hash || seal.previous_seal_hash !== previous.hash || !contiguous) {
    problems.add({
      kind: 'edited',
      check: 'seal',
      sealNumber,
      positions: { from: Number(seal.from_global_position) + 1, to: Number(seal.to_global_position) },
      detail: 'the seal chain is broken at this seal',
    });
  } else if (!publicKey || !sealSignatureValid(publicKey, seal.seal_hash, seal.signature)) {
    problems.add({
      kind: 'edited',
      check: 'seal',
      sealNumber,
      positions: { from: Number(seal.from_global_position) + 1, to: Number(seal.to_global_position) },
      detail: SIGNATURE_PROBLEM,
    });
  }
}

/** How much of the range the seals cover: events up to the last seal's end are sealed. */
async function coverage(
  reader: AuditReader,
  seals: readonly SealRow[],
  bounds: SealOrderBounds | null,
  publicKeyId: string | null,
): Promise<SealCoverage> {
  const [latest] = await reader.query<SealRow>(
    `SELECT ${SEAL_COLUMNS} FROM seals ORDER BY seals.seal_number DESC LIMIT 1`,
  );
  const end = latest ? checkpointOf(latest.to_transaction_id, latest.to_global_position) : LOG_START;
  let sealed = 0;
  let unsealed = 0;
  if (bounds) {
    const [row] = await reader.query<{ sealed: string; unsealed: string }>(
      `SELECT count(*) FILTER (WHERE (transaction_id, global_position) <= ($3::xid8, $4::bigint))::text AS sealed,
              count(*) FILTER (WHERE (transaction_id, global_position) > ($3::xid8, $4::bigint))::text AS unsealed
       FROM events WHERE global_position BETWEEN $1::bigint AND $2::bigint`,
      [bounds.positions.from, bounds.positions.to, end.transactionId, end.globalPosition],
    );
    sealed = Number(row?.sealed ?? 0);
    unsealed = Number(row?.unsealed ?? 0);
  }
  const last = seals.at(-1);
  return {
    seals: seals.length,
    firstSealNumber: seals[0] ? Number(seals[0].seal_number) : null,
    lastSealNumber: last ? Number(last.seal_number) : null,
    lastSealHash: last?.seal_hash ?? null,
    sealedEvents: sealed,
    unsealedEvents: unsealed,
    publicKeyId,
  };
}

import { EVENT_COLUMNS, type EventRow } from '../sql/rows';
import { Lease } from '../sql/lease';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { SEALER_LOCK } from '../sql/schema';
import { BrokenChainError } from '../errors';
import { LOG_START, type LogCheckpoint } from '../event-store.port';
import { eventHash, genesisHash, rangeDigest, rangeSetDigest, sealHash } from '../hashing';
import type { SqlClient, SqlRow } from '../sql/sql-client';
import type { AuditIntegrityReport } from './audit-report';
import type { AuditReader, LogRange } from './log-range';
import {
  reportKeyHistory,
  reportSignatures,
  verifyLogRange,
  type VerifyRangeOptions,
} from './range-verifier';
import { checkAppendSignatures } from './append-signing';
import { ProblemCollector, type IntegrityReport } from './integrity-report';
import { classifyRange, GENESIS_SEAL_HASH, SEAL_COLUMNS, type SealRow } from './seal-rows';
import {
  SealKeyError,
  SIGNATURE_PROBLEM,
  sealKeyId,
  sealSignatureValid,
  signSeal,
  type SealKeys,
} from './seal-signing';
import {
  assertKeyInForce,
  keyIdInForce,
  loadKeyHistory,
  SigningKeyRing,
  writeHandover,
  type KeyHistory,
  type SigningHandover,
} from './signing-key-ring';

export interface Seal {
  readonly sealNumber: number;
  readonly from: LogCheckpoint;
  readonly to: LogCheckpoint;
  readonly eventCount: number;
  readonly sealHash: string;
  /** The id of the key that signed it (see seal-signing.ts). */
  readonly signingKeyId: string;
}

const PAGE = 5000;

/**
 * Tamper evidence over the log: each stream's hash chain (written at append) and seals, chained
 * hashes over consecutive ranges of the global log. `seal` is run in the background or by the CLI;
 * `verify` recomputes everything from the rows and names what was edited, deleted, reordered or inserted.
 */
export class EventLogIntegrity {
  /** The pinned keys: the current public key and those from before a rotation (signing-key-ring.ts). */
  private readonly ring: SigningKeyRing | undefined;

  constructor(
    private readonly sql: SqlClient,
    private readonly keys: SealKeys = {},
  ) {
    this.ring = SigningKeyRing.of(keys);
  }

  /** The id of the public key seals are verified with (auditors pin it); null when none was given. */
  get sealPublicKeyId(): string | null {
    return this.ring?.currentId ?? null;
  }

  /** The pinned keys as verifyLogRange takes them. */
  private get pinned(): Pick<VerifyRangeOptions, 'sealPublicKey' | 'previousSealPublicKeys'> {
    return this.ring ? { sealPublicKey: this.ring.current, previousSealPublicKeys: this.ring.previous } : {};
  }

  /**
   * Hands signing over from `previous` (the key in force) to `next`: from the next position and seal
   * on, `next` signs (signing-key-ring.ts). Every writer must then sign with `next`.
   */
  handOverSigning(previous: KeyObject, next: KeyObject): Promise<SigningHandover> {
    return this.sql.transaction((tx) => writeHandover(tx, previous, next));
  }

  /** The log's database for the read-only audit tools (history, range reports, export): they only SELECT. */
  auditReader(): AuditReader {
    return {
      query: <R extends SqlRow>(text: string, params?: readonly unknown[]) => this.sql.query<R>(text, params),
    };
  }

  /** The report an auditor keeps, for a range of the log or all of it (see range-verifier.ts). */
  report(range: LogRange = {}, options: VerifyRangeOptions = {}): Promise<AuditIntegrityReport> {
    return verifyLogRange(this.auditReader(), range, { ...options, ...this.pinned });
  }

  /**
   * Seals the committed events after the last seal (at most `maxEvents`); null when there are none.
   * No event can commit below them later: appends commit in log order (see the store's readLog).
   * The range is verified first (hashes recomputed, chains linked, stream heads, the previous seal and
   * its signature, with the key in force for it): a broken range is never sealed ({@link BrokenChainError}).
   * A signing key that is not the key in force (a rotation handed over to another) is refused
   * ({@link SealKeyError}).
   */
  async seal(maxEvents = 10_000): Promise<Seal | null> {
    const signingKey = this.keys.signingKey;
    const ring = this.ring;
    if (!signingKey || !ring)
      throw new SealKeyError('signingKey', 'sealing needs the seal signing key (see docs/event-store.md)');
    const ownKey = createPublicKey(signingKey);
    return this.sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
      const [last] = await tx.query<SealRow>(
        `SELECT ${SEAL_COLUMNS} FROM seals ORDER BY seals.seal_number DESC LIMIT 1`,
      );
      const from: LogCheckpoint = last
        ? { transactionId: last.to_transaction_id, globalPosition: Number(last.to_global_position) }
        : LOG_START;
      const rows = await tx.query<{
        transaction_id: string;
        global_position: string;
        event_id: string;
        hash: string;
      }>(
        `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position,
                event_id::text AS event_id, hash
         FROM events
         WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         ORDER BY events.transaction_id, events.global_position LIMIT $3`,
        [from.transactionId, from.globalPosition, maxEvents],
      );
      const lastRow = rows.at(-1);
      if (!lastRow) return null;
      const positions = rows.map((row) => Number(row.global_position));
      const span = { from: Math.min(...positions), to: Math.max(...positions) };
      assertKeyInForce(await keyIdInForce(tx), sealKeyId(ownKey), 'sealing');
      const check = await verifyLogRange(
        tx,
        { fromPosition: span.from, toPosition: span.to },
        { ...this.pinned, maxListedProblems: 0 },
      );
      // The seal this one links to must be the one that was signed: its hash recomputed, its signature
      // by the key in force for it.
      const previousKey = last
        ? (await loadKeyHistory(tx, ring))?.keyAtSeal(Number(last.seal_number))
        : undefined;
      const previousSigned =
        !last ||
        (sealHash({
          sealNumber: Number(last.seal_number),
          previousSealHash: last.previous_seal_hash,
          eventCount: last.event_count,
          eventsDigest: last.events_digest,
          toTransactionId: last.to_transaction_id,
          toGlobalPosition: Number(last.to_global_position),
        }) === last.seal_hash &&
          previousKey !== undefined &&
          last.signing_key_id === sealKeyId(previousKey) &&
          sealSignatureValid(previousKey, last.seal_hash, last.signature));
      if (!check.ok || !previousSigned) {
        const counts = { ...check.problemCounts, ...(previousSigned ? {} : { unsignedPreviousSeal: 1 }) };
        throw new BrokenChainError(span, counts);
      }
      const items = rows.map((row) => ({ eventId: row.event_id, hash: row.hash }));
      const to: LogCheckpoint = {
        transactionId: lastRow.transaction_id,
        globalPosition: Number(lastRow.global_position),
      };
      const sealNumber = last ? Number(last.seal_number) + 1 : 1;
      const eventsDigest = rangeDigest(items);
      const previousSealHash = last?.seal_hash ?? GENESIS_SEAL_HASH;
      const hash = sealHash({
        sealNumber,
        previousSealHash,
        eventCount: rows.length,
        eventsDigest,
        toTransactionId: to.transactionId,
        toGlobalPosition: to.globalPosition,
      });
      await tx.query(
        `INSERT INTO seals (seal_number, from_transaction_id, from_global_position, to_transaction_id, to_global_position,
                            event_count, events_digest, events_set_digest, previous_seal_hash, seal_hash,
                            signing_key_id, signature)
         VALUES ($1, $2::xid8, $3, $4::xid8, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          sealNumber,
          from.transactionId,
          from.globalPosition,
          to.transactionId,
          to.globalPosition,
          rows.length,
          eventsDigest,
          rangeSetDigest(items),
          previousSealHash,
          hash,
          sealKeyId(ownKey),
          signSeal(signingKey, hash),
        ],
      );
      return {
        sealNumber,
        from,
        to,
        eventCount: rows.length,
        sealHash: hash,
        signingKeyId: sealKeyId(ownKey),
      };
    });
  }

  /** Seals until every committed event is sealed; returns how many seals were written. */
  /** A lease on this store's database, so that of several sealers one works at a time. */
  lease(name: string, ttlMs: number, holder?: string): Lease {
    return new Lease(this.sql, name, holder, ttlMs);
  }

  async sealAll(maxEventsPerSeal = 10_000): Promise<number> {
    let count = 0;
    while (await this.seal(maxEventsPerSeal)) count += 1;
    return count;
  }

  async verify(options: { maxListedProblems?: number } = {}): Promise<IntegrityReport> {
    const problems = new ProblemCollector(options.maxListedProblems ?? 1000);
    const { eventsChecked, heads } = await this.verifyStreamChains(problems);
    const streamsChecked = await this.verifyStreamHeads(heads, problems);
    const history = await loadKeyHistory(this.sql, this.ring);
    reportKeyHistory(history, problems);
    const { sealsChecked, unsealedEvents, sealedTo } = await this.verifySeals(problems, history);
    // The sealed ranges' signatures were checked before they were sealed, and the seals vouch for them.
    reportSignatures(
      await checkAppendSignatures(this.sql, history, {
        condition: '(transaction_id, global_position) > ($2::xid8, $3::bigint)',
        params: [sealedTo.transactionId, sealedTo.globalPosition],
      }),
      problems,
    );
    return {
      ok: problems.total === 0,
      verifiedAt: new Date().toISOString(),
      eventsChecked,
      streamsChecked,
      sealsChecked,
      unsealedEvents,
      sealPublicKeyId: this.sealPublicKeyId,
      problemCounts: { ...problems.counts },
      problems: problems.problems,
    };
  }

  /** Recomputes each event's hash and follows each stream's chain in version order. */
  private async verifyStreamChains(
    problems: ProblemCollector,
  ): Promise<{ eventsChecked: number; heads: Map<string, { version: number; hash: string }> }> {
    const heads = new Map<string, { version: number; hash: string }>();
    let eventsChecked = 0;
    let stream:
      | {
          id: string;
          hashes: Set<string>;
          links: { version: number; position: number; previousHash: string }[];
        }
      | undefined;

    const finishStream = () => {
      if (!stream) return;
      // A link to a hash that is in the stream, but not the one before it, is a reordering;
      // a link to a hash that is nowhere in the stream means its predecessor was deleted.
      for (const link of stream.links) {
        const known = stream.hashes.has(link.previousHash) || link.previousHash === genesisHash(stream.id);
        problems.add({
          kind: known ? 'reordered' : 'deleted',
          check: 'stream-chain',
          streamId: stream.id,
          streamVersion: link.version,
          globalPosition: link.position,
          detail: known
            ? 'links to an event of its stream other than the one before it'
            : 'links to an event that is no longer in its stream',
        });
      }
    };

    let after = { streamId: '', version: 0 };
    for (;;) {
      const rows = await this.sql.query<EventRow>(
        `SELECT ${EVENT_COLUMNS}
         FROM events WHERE (stream_id, stream_version) > ($1, $2::bigint)
         ORDER BY events.stream_id, events.stream_version LIMIT ${PAGE}`,
        [after.streamId, after.version],
      );
      for (const row of rows) {
        eventsChecked += 1;
        const version = Number(row.stream_version);
        const position = Number(row.global_position);
        if (stream?.id !== row.stream_id) {
          finishStream();
          stream = { id: row.stream_id, hashes: new Set(), links: [] };
        }
        const head = heads.get(row.stream_id);
        const expectedVersion = (head?.version ?? 0) + 1;
        const expectedPrevious = head?.hash ?? genesisHash(row.stream_id);
        const recomputed = eventHash({
          previousHash: row.previous_hash,
          eventId: row.event_id,
          streamId: row.stream_id,
          type: row.event_type,
          schemaVersion: row.schema_version,
          organizationId: row.organization_id,
          data: row.data,
          metadata: row.metadata,
          occurredAt: row.occurred_at,
          recordedAt: row.recorded_at,
        });
        if (recomputed !== row.hash) {
          problems.add({
            kind: 'edited',
            check: 'stream-chain',
            streamId: row.stream_id,
            streamVersion: version,
            globalPosition: position,
            detail: 'content does not match its hash',
          });
        }
        if (version !== expectedVersion) {
          problems.add({
            kind: version > expectedVersion ? 'deleted' : 'inserted',
            check: 'stream-chain',
            streamId: row.stream_id,
            streamVersion: version,
            globalPosition: position,
            detail: `stream versions jump from ${expectedVersion - 1} to ${version}`,
          });
        } else if (row.previous_hash !== expectedPrevious) {
          stream.links.push({ version, position, previousHash: row.previous_hash });
        }
        stream.hashes.add(row.hash);
        heads.set(row.stream_id, { version, hash: row.hash });
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      after = { streamId: last.stream_id, version: Number(last.stream_version) };
    }
    finishStream();
    return { eventsChecked, heads };
  }

  /** Each stream's recorded head must be its last event: more events were inserted, fewer deleted. */
  private async verifyStreamHeads(
    heads: Map<string, { version: number; hash: string }>,
    problems: ProblemCollector,
  ): Promise<number> {
    const seen = new Set<string>();
    let after = '';
    for (;;) {
      const rows = await this.sql.query<{ stream_id: string; version: string; last_hash: string }>(
        `SELECT stream_id, version::text AS version, last_hash FROM streams
         WHERE stream_id > $1 ORDER BY stream_id LIMIT ${PAGE}`,
        [after],
      );
      for (const row of rows) {
        seen.add(row.stream_id);
        const head = heads.get(row.stream_id);
        const version = Number(row.version);
        if (!head || head.version < version) {
          problems.add({
            kind: 'deleted',
            check: 'stream-head',
            streamId: row.stream_id,
            streamVersion: version,
            detail: `the stream's head is version ${version}; its events end at ${head?.version ?? 0}`,
          });
        } else if (head.version > version) {
          problems.add({
            kind: 'inserted',
            check: 'stream-head',
            streamId: row.stream_id,
            streamVersion: head.version,
            detail: `events go past the stream's head, version ${version}`,
          });
        } else if (head.hash !== row.last_hash) {
          problems.add({
            kind: 'edited',
            check: 'stream-head',
            streamId: row.stream_id,
            streamVersion: version,
            detail: "the last event's hash differs from the stream's head",
          });
        }
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      after = last.stream_id;
    }
    for (const [streamId, head] of heads) {
      if (!seen.has(streamId)) {
        problems.add({
          kind: 'inserted',
          check: 'stream-head',
          streamId,
          streamVersion: head.version,
          detail: 'events of a stream that has no head',
        });
      }
    }
    return seen.size;
  }

  /** Re-reads each sealed range in global order and checks the seal chain and each range's digest. */
  private async verifySeals(
    problems: ProblemCollector,
    history: KeyHistory | undefined,
  ): Promise<{ sealsChecked: number; unsealedEvents: number; sealedTo: LogCheckpoint }> {
    let previousHash = GENESIS_SEAL_HASH;
    let previousTo: LogCheckpoint = LOG_START;
    let sealsChecked = 0;
    let afterSeal = 0;
    for (;;) {
      const seals = await this.sql.query<SealRow>(
        `SELECT ${SEAL_COLUMNS} FROM seals WHERE seal_number > $1 ORDER BY seals.seal_number LIMIT 100`,
        [afterSeal],
      );
      if (seals.length > 0 && !history)
        throw new SealKeyError('publicKey', "verifying seals needs the seals' public key");
      for (const seal of seals) {
        if (!history) break;
        sealsChecked += 1;
        const sealNumber = Number(seal.seal_number);
        const publicKey = history.keyAtSeal(sealNumber);
        const to = { transactionId: seal.to_transaction_id, globalPosition: Number(seal.to_global_position) };
        const recomputedSeal = sealHash({
          sealNumber,
          previousSealHash: seal.previous_seal_hash,
          eventCount: seal.event_count,
          eventsDigest: seal.events_digest,
          toTransactionId: to.transactionId,
          toGlobalPosition: to.globalPosition,
        });
        const contiguous =
          seal.from_transaction_id === previousTo.transactionId &&
          Number(seal.from_global_position) === previousTo.globalPosition;
        if (recomputedSeal !== seal.seal_hash || seal.previous_seal_hash !== previousHash || !contiguous) {
          problems.add({
            kind: 'edited',
            check: 'seal',
            sealNumber,
            detail: 'the seal chain is broken at this seal',
          });
        } else if (!publicKey || !sealSignatureValid(publicKey, seal.seal_hash, seal.signature)) {
          problems.add({ kind: 'edited', check: 'seal', sealNumber, detail: SIGNATURE_PROBLEM });
        }
        const items = await this.sql.query<{ event_id: string; hash: string }>(
          `SELECT event_id::text AS event_id, hash FROM events
           WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
             AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
           ORDER BY transaction_id, global_position`,
          [seal.from_transaction_id, seal.from_global_position, to.transactionId, to.globalPosition],
        );
        const kind = classifyRange(seal, items);
        if (kind) {
          problems.add({
            kind,
            check: 'seal',
            sealNumber,
            detail: `the sealed range holds ${items.length} events; ${seal.event_count} were sealed`,
          });
        }
        previousHash = seal.seal_hash;
        previousTo = to;
      }
      const last = seals.at(-1);
      if (!last || seals.length < 100) break;
      afterSeal = Number(last.seal_number);
    }
    const [unsealed] = await this.sql.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [previousTo.transactionId, previousTo.globalPosition],
    );
    return { sealsChecked, unsealedEvents: Number(unsealed?.count ?? 0), sealedTo: previousTo };
  }
}

import type { KeyObject } from 'node:crypto';
import { loadKeyHistory, SigningKeyRing, type KeyHistory } from './signing-key-ring';
import type { AuditIntegrityReport, AuditProblem } from './audit-report';
import { AuditProblems } from './audit-report';
import { resolveRange, type AuditReader, type LogRange } from './log-range';
import { verifyChains, type StreamSpan } from './range-chains';
import { verifySeals, type SealOrderBounds } from './range-seals';
import {
  checkAppendSignatures,
  FORGED_MARKER_DETAIL,
  MISSIGNED_DETAIL,
  UNSIGNED_DETAIL,
  type AppendSigningCheck,
} from './append-signing';

const PAGE = 5000;

export interface VerifyRangeOptions {
  /** Problems listed in full (all are counted). Default 1000. */
  readonly maxListedProblems?: number;
  /** The pinned public key each seal's signature is checked with; required when a seal is checked. */
  readonly sealPublicKey?: KeyObject;
  /** The keys pinned from before a rotation: each seal and event is checked with the key in force for it. */
  readonly previousSealPublicKeys?: readonly KeyObject[];
}

/**
 * Verifies a range of the log (or all of it) and returns the report an auditor keeps: every hash in
 * the range recomputed, every chain followed back to the event before the range, each stream's
 * order in the global log, the stream heads, and every seal that overlaps the range.
 */
export async function verifyLogRange(
  reader: AuditReader,
  range: LogRange = {},
  options: VerifyRangeOptions = {},
): Promise<AuditIntegrityReport> {
  const problems = new AuditProblems(options.maxListedProblems ?? 1000);
  const resolved = await resolveRange(reader, range);
  const { firstPosition, lastPosition } = resolved;
  const history = await loadKeyHistory(
    reader,
    options.sealPublicKey && new SigningKeyRing(options.sealPublicKey, options.previousSealPublicKeys),
  );
  reportKeyHistory(history, problems);
  const spans = new Map<string, StreamSpan>();
  let eventsChecked = 0;
  let bounds: SealOrderBounds | null = null;
  if (firstPosition !== null && lastPosition !== null) {
    eventsChecked = await scanGlobalOrder(reader, firstPosition, lastPosition, spans, problems);
    reportSignatures(
      await checkAppendSignatures(reader, history, {
        condition: 'global_position <= $2::bigint AND global_position >= $3::bigint',
        params: [lastPosition, firstPosition],
      }),
      problems,
    );
    await verifyChains(reader, spans, problems);
    bounds = await sealOrderBounds(reader, firstPosition, lastPosition);
  }
  await verifyHeads(reader, spans, resolved.wholeLog, problems);
  const sealCoverage = await verifySeals(reader, bounds, resolved.wholeLog, problems, history);
  return {
    format: 'spn.integrity-report/1',
    ok: problems.total === 0,
    verifiedAt: new Date().toISOString(),
    range: resolved,
    eventsChecked,
    streamsChecked: spans.size,
    sealsChecked: sealCoverage.seals,
    unsealedEvents: sealCoverage.unsealedEvents,
    sealCoverage,
    problemCounts: { ...problems.counts },
    problems: problems.sorted(),
  };
}

/**
 * An event with no signature was inserted by a writer without the key; one whose signature no longer
 * matches was edited (and its hash recomputed); a forged marker is an edit too.
 */
export function reportSignatures(
  check: AppendSigningCheck,
  problems: { add(problem: AuditProblem): void },
): void {
  if (check.kind === 'forged-marker')
    problems.add({ kind: 'edited', check: 'signature', detail: FORGED_MARKER_DETAIL });
  if (check.kind !== 'checked') return;
  for (const { signed, ...event } of check.unsigned)
    problems.add({
      kind: signed ? 'edited' : 'inserted',
      check: 'signature',
      ...event,
      detail: signed ? MISSIGNED_DETAIL : UNSIGNED_DETAIL,
    });
}

/** Each handover the chain of keys does not accept is a forgery: a row someone inserted. */
export function reportKeyHistory(
  history: KeyHistory | undefined,
  problems: { add(problem: AuditProblem): void },
): void {
  for (const forged of history?.forgedHandovers ?? [])
    problems.add({ kind: 'inserted', check: 'key-handover', ...forged });
}

/**
 * Reads the range in position order: within a stream, positions must rise with versions. A stream's
 * event at a lower version after a higher one means rows were swapped in the global log.
 */
async function scanGlobalOrder(
  reader: AuditReader,
  first: number,
  last: number,
  spans: Map<string, StreamSpan>,
  problems: AuditProblems,
): Promise<number> {
  let after = first - 1;
  let count = 0;
  for (;;) {
    const rows = await reader.query<{ stream_id: string; stream_version: string; global_position: string }>(
      `SELECT stream_id, stream_version::text AS stream_version, global_position::text AS global_position
       FROM events WHERE global_position > $1::bigint AND global_position <= $2::bigint
       ORDER BY events.global_position LIMIT ${PAGE}`,
      [after, last],
    );
    for (const row of rows) {
      count += 1;
      const version = Number(row.stream_version);
      const position = Number(row.global_position);
      const span = spans.get(row.stream_id);
      if (!span) {
        spans.set(row.stream_id, { firstVersion: version, lastVersion: version, lastPosition: position });
        continue;
      }
      if (version <= span.lastVersion) {
        problems.add({
          kind: 'reordered',
          check: 'global-order',
          streamId: row.stream_id,
          streamVersion: version,
          globalPosition: position,
          detail: `comes after version ${span.lastVersion} of its stream in the global log`,
        });
      } else {
        span.lastVersion = version;
        span.lastPosition = position;
      }
    }
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < PAGE) break;
    after = Number(lastRow.global_position);
  }
  // A swapped pair also lowers a stream's first version seen: take the smallest for the chain pass.
  for (const [streamId, version] of await minVersions(reader, first, last)) {
    const span = spans.get(streamId);
    if (span && version < span.firstVersion) spans.set(streamId, { ...span, firstVersion: version });
  }
  return count;
}

async function minVersions(reader: AuditReader, first: number, last: number): Promise<Map<string, number>> {
  const rows = await reader.query<{ stream_id: string; v: string }>(
    `SELECT stream_id, min(stream_version)::text AS v FROM events
     WHERE global_position BETWEEN $1::bigint AND $2::bigint GROUP BY stream_id`,
    [first, last],
  );
  return new Map(rows.map((row) => [row.stream_id, Number(row.v)]));
}

/**
 * Each stream's recorded head against its events: events past the head were inserted; a head whose
 * hash differs from its event's was edited. Over the whole log, a head with fewer events than its
 * version (or none) means events were deleted.
 */
async function verifyHeads(
  reader: AuditReader,
  spans: ReadonlyMap<string, StreamSpan>,
  wholeLog: boolean,
  problems: AuditProblems,
): Promise<void> {
  const ids = [...spans.keys()];
  for (let start = 0; start < ids.length; start += PAGE) {
    const heads = await reader.query<{ stream_id: string; version: string; last_hash: string }>(
      `SELECT stream_id, version::text AS version, last_hash FROM streams
       WHERE stream_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(ids.slice(start, start + PAGE))],
    );
    const byId = new Map(heads.map((head) => [head.stream_id, head]));
    for (const streamId of ids.slice(start, start + PAGE)) {
      const span = spans.get(streamId);
      if (!span) continue;
      const head = byId.get(streamId);
      const at = { streamId, streamVersion: span.lastVersion, globalPosition: span.lastPosition };
      const version = Number(head?.version ?? 0);
      if (!head || span.lastVersion > version) {
        problems.add({
          kind: 'inserted',
          check: 'stream-head',
          ...at,
          detail: head
            ? `events go past the stream's head, version ${version}`
            : 'events of a stream that has no head',
        });
      } else if (
        span.lastVersion === version &&
        span.lastHash !== undefined &&
        span.lastHash !== head.last_hash
      ) {
        problems.add({
          kind: 'edited',
          check: 'stream-head',
          ...at,
          detail: "the last event's hash differs from the stream's head",
        });
      } else if (wholeLog && span.lastVersion < version) {
        problems.add({
          kind: 'deleted',
          check: 'stream-head',
          ...at,
          detail: `the stream's head is version ${version}; its events end at ${span.lastVersion}`,
        });
      }
    }
  }
  if (wholeLog) {
    const empty = await reader.query<{ stream_id: string; version: string }>(
      `SELECT stream_id, version::text AS version FROM streams
       WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.stream_id = streams.stream_id)`,
    );
    for (const head of empty) {
      problems.add({
        kind: 'deleted',
        check: 'stream-head',
        streamId: head.stream_id,
        streamVersion: Number(head.version),
        detail: `the stream's head is version ${head.version}; none of its events remain`,
      });
    }
  }
}

/** The range's first and last events in the seals' order, (transaction id, position). */
async function sealOrderBounds(
  reader: AuditReader,
  first: number,
  last: number,
): Promise<SealOrderBounds | null> {
  const edge = (direction: 'ASC' | 'DESC') =>
    reader.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM events
       WHERE global_position BETWEEN $1::bigint AND $2::bigint
       ORDER BY events.transaction_id ${direction}, events.global_position ${direction} LIMIT 1`,
      [first, last],
    );
  const [[low], [high]] = await Promise.all([edge('ASC'), edge('DESC')]);
  if (!low || !high) return null;
  return {
    first: { transactionId: low.transaction_id, globalPosition: Number(low.global_position) },
    last: { transactionId: high.transaction_id, globalPosition: Number(high.global_position) },
    positions: { from: first, to: last },
  };
}

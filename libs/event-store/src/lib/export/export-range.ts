import { EVENT_COLUMNS, type EventRow } from '../sql/rows';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolveRange, type AuditReader, type LogRange } from '../integrity/log-range';
import { readAppendSigning } from '../integrity/append-signing';
import { SEAL_COLUMNS, type SealRow } from '../integrity/seal-rows';
import { readHandovers } from '../integrity/signing-key-ring';
import {
  EXPORT_FORMAT,
  type ExportAnchor,
  type ExportEvent,
  type ExportRecord,
  type ExportSeal,
} from './export-format';

const PAGE = 2000;

export interface ExportSummary {
  readonly events: number;
  readonly anchors: number;
  readonly seals: number;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
}

/** Writes a range of the log, with its verification material, as JSON Lines to `write`. */
export async function exportRange(
  reader: AuditReader,
  range: LogRange,
  write: (line: string) => Promise<void>,
): Promise<ExportSummary> {
  const resolved = await resolveRange(reader, range);
  const emit = (record: ExportRecord) => write(`${JSON.stringify(record)}\n`);
  await emit({
    kind: 'header',
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    range: resolved,
  });
  const { firstPosition: first, lastPosition: last } = resolved;
  let events = 0;
  let anchors: ExportAnchor[] = [];
  let seals: ExportSeal[] = [];
  if (first !== null && last !== null) {
    anchors = await anchorsOf(reader, first, last);
    for (const anchor of anchors) await emit(anchor);
    // The whole key history (a few rows): the verifier needs the keys in force for the seals.
    const marker = await readAppendSigning(reader);
    if (marker) await emit({ kind: 'append-signing', ...marker });
    for (const handover of await readHandovers(reader)) await emit({ kind: 'handover', ...handover });
    seals = await sealsOf(reader, first, last);
    for (const seal of seals) await emit(seal);
    events = await emitEvents(reader, first, last, emit);
  }
  await emit({ kind: 'end', events, anchors: anchors.length, seals: seals.length });
  return { events, anchors: anchors.length, seals: seals.length, firstPosition: first, lastPosition: last };
}

/** The same, to a file. */
export async function exportRangeToFile(
  reader: AuditReader,
  range: LogRange,
  path: string,
): Promise<ExportSummary> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    return await exportRange(reader, range, async (line) => {
      if (!out.write(line)) await once(out, 'drain');
    });
  } finally {
    out.end();
    await once(out, 'finish');
  }
}

/** For each stream whose first event in the range is not its first: the event before it. */
async function anchorsOf(reader: AuditReader, first: number, last: number): Promise<ExportAnchor[]> {
  const rows = await reader.query<{
    stream_id: string;
    stream_version: string;
    global_position: string;
    hash: string;
  }>(
    `WITH firsts AS (SELECT stream_id, min(stream_version) AS v FROM events
                     WHERE global_position BETWEEN $1::bigint AND $2::bigint GROUP BY stream_id)
     SELECT events.stream_id, events.stream_version::text AS stream_version,
            events.global_position::text AS global_position, events.hash
     FROM firsts JOIN events ON events.stream_id = firsts.stream_id AND events.stream_version = firsts.v - 1
     ORDER BY events.global_position`,
    [first, last],
  );
  return rows.map((row) => ({
    kind: 'anchor',
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: Number(row.global_position),
    hash: row.hash,
  }));
}

/** The seals whose ranges hold any event of the range, each with the (event id, hash) pairs it covers. */
async function sealsOf(reader: AuditReader, first: number, last: number): Promise<ExportSeal[]> {
  const seals = await reader.query<SealRow>(
    `WITH bounds AS (SELECT min(global_position) AS lo, max(global_position) AS hi FROM events
                     WHERE global_position BETWEEN $1::bigint AND $2::bigint)
     SELECT ${SEAL_COLUMNS} FROM seals
     WHERE EXISTS (SELECT 1 FROM events, bounds
                   WHERE events.global_position BETWEEN bounds.lo AND bounds.hi
                     AND (events.transaction_id, events.global_position) > (seals.from_transaction_id, seals.from_global_position)
                     AND (events.transaction_id, events.global_position) <= (seals.to_transaction_id, seals.to_global_position))
     ORDER BY seals.seal_number`,
    [first, last],
  );
  const result: ExportSeal[] = [];
  for (const seal of seals) {
    const items = await reader.query<{ event_id: string; hash: string; global_position: string }>(
      `SELECT event_id::text AS event_id, hash, global_position::text AS global_position FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
       ORDER BY events.transaction_id, events.global_position`,
      [seal.from_transaction_id, seal.from_global_position, seal.to_transaction_id, seal.to_global_position],
    );
    result.push({
      kind: 'seal',
      sealNumber: Number(seal.seal_number),
      from: { transactionId: seal.from_transaction_id, globalPosition: Number(seal.from_global_position) },
      to: { transactionId: seal.to_transaction_id, globalPosition: Number(seal.to_global_position) },
      eventCount: seal.event_count,
      eventsDigest: seal.events_digest,
      eventsSetDigest: seal.events_set_digest,
      previousSealHash: seal.previous_seal_hash,
      sealHash: seal.seal_hash,
      signingKeyId: seal.signing_key_id,
      signature: seal.signature,
      items: items.map((item) => [item.event_id, item.hash, Number(item.global_position)] as const),
    });
  }
  return result;
}

async function emitEvents(
  reader: AuditReader,
  first: number,
  last: number,
  emit: (record: ExportEvent) => Promise<void>,
): Promise<number> {
  let after = first - 1;
  let count = 0;
  for (;;) {
    const rows = await reader.query<EventRow>(
      `SELECT ${EVENT_COLUMNS}
       FROM events WHERE global_position > $1::bigint AND global_position <= $2::bigint
       ORDER BY events.global_position LIMIT ${PAGE}`,
      [after, last],
    );
    for (const row of rows) {
      await emit({
        kind: 'event',
        globalPosition: Number(row.global_position),
        transactionId: row.transaction_id,
        streamId: row.stream_id,
        streamVersion: Number(row.stream_version),
        eventId: row.event_id,
        type: row.event_type,
        schemaVersion: row.schema_version,
        organizationId: row.organization_id,
        data: row.data,
        metadata: row.metadata,
        occurredAt: new Date(row.occurred_at).toISOString(),
        recordedAt: new Date(row.recorded_at).toISOString(),
        previousHash: row.previous_hash,
        hash: row.hash,
      });
      count += 1;
    }
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < PAGE) break;
    after = Number(lastRow.global_position);
  }
  return count;
}

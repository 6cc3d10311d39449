import { EVENT_COLUMNS, type EventRow } from '../sql/rows';
import { eventHash, genesisHash } from '../hashing';
import type { AuditProblems } from './audit-report';
import type { AuditReader } from './log-range';

/** What the range's first pass learnt of each stream it touches. */
export interface StreamSpan {
  readonly firstVersion: number;
  lastVersion: number;
  lastPosition: number;
  /** Filled by the chain pass: the hash of the stream's event at `lastVersion`. */
  lastHash?: string;
}

const STREAMS_PER_QUERY = 200;
const PAGE = 5000;

/**
 * Recomputes each hash and follows each stream's chain over the versions the range holds, starting
 * from the event just before (the anchor, outside the range, trusted as the link to check against).
 * The same rules as the whole-log verifier: a link to a hash elsewhere in the stream is a reordering,
 * to a hash nowhere in it a deletion.
 */
export async function verifyChains(
  reader: AuditReader,
  spans: ReadonlyMap<string, StreamSpan>,
  problems: AuditProblems,
): Promise<void> {
  const ids = [...spans.keys()].sort();
  for (let start = 0; start < ids.length; start += STREAMS_PER_QUERY) {
    const batch = ids.slice(start, start + STREAMS_PER_QUERY).map((s) => {
      const span = spans.get(s);
      return { s, v0: (span?.firstVersion ?? 1) - 1, v1: span?.lastVersion ?? 0 };
    });
    let after = { streamId: '', version: -1 };
    let state: StreamState | undefined;
    for (;;) {
      const rows = await reader.query<EventRow>(
        `SELECT ${EVENT_COLUMNS}
         FROM events JOIN jsonb_to_recordset($1::jsonb) AS r(s text, v0 bigint, v1 bigint)
           ON events.stream_id = r.s AND events.stream_version BETWEEN r.v0 AND r.v1
         WHERE (events.stream_id, events.stream_version) > ($2, $3::bigint)
         ORDER BY events.stream_id, events.stream_version LIMIT ${PAGE}`,
        [JSON.stringify(batch), after.streamId, after.version],
      );
      for (const row of rows) {
        if (state?.streamId !== row.stream_id) {
          if (state) finish(state, problems);
          const span = spans.get(row.stream_id);
          state = newState(row.stream_id, (span?.firstVersion ?? 1) - 1);
        }
        check(state, row, spans.get(row.stream_id), problems);
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      after = { streamId: last.stream_id, version: Number(last.stream_version) };
    }
    if (state) finish(state, problems);
  }
}

interface StreamState {
  readonly streamId: string;
  readonly anchorVersion: number;
  head: { version: number; hash: string | undefined };
  readonly hashes: Set<string>;
  readonly links: { version: number; position: number; previousHash: string }[];
}

function newState(streamId: string, anchorVersion: number): StreamState {
  // Version 0 is the stream's genesis; a missing anchor leaves the expected link unknown.
  const hash = anchorVersion === 0 ? genesisHash(streamId) : undefined;
  return { streamId, anchorVersion, head: { version: anchorVersion, hash }, hashes: new Set(), links: [] };
}

function check(
  state: StreamState,
  row: EventRow,
  span: StreamSpan | undefined,
  problems: AuditProblems,
): void {
  const version = Number(row.stream_version);
  const position = Number(row.global_position);
  const at = { streamId: row.stream_id, streamVersion: version, globalPosition: position };
  if (version === state.anchorVersion) {
    state.head = { version, hash: row.hash };
    state.hashes.add(row.hash);
    return;
  }
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
    problems.add({ kind: 'edited', check: 'stream-chain', ...at, detail: 'content does not match its hash' });
  }
  const expectedVersion = state.head.version + 1;
  if (version !== expectedVersion) {
    problems.add({
      kind: version > expectedVersion ? 'deleted' : 'inserted',
      check: 'stream-chain',
      ...at,
      detail: `stream versions jump from ${expectedVersion - 1} to ${version}`,
    });
  } else if (state.head.hash === undefined) {
    problems.add({
      kind: 'deleted',
      check: 'stream-chain',
      ...at,
      detail: 'the event before it in its stream is missing',
    });
  } else if (row.previous_hash !== state.head.hash) {
    state.links.push({ version, position, previousHash: row.previous_hash });
  }
  state.hashes.add(row.hash);
  state.head = { version, hash: row.hash };
  if (span && version === span.lastVersion) span.lastHash = row.hash;
}

function finish(state: StreamState, problems: AuditProblems): void {
  for (const link of state.links) {
    const known = state.hashes.has(link.previousHash) || link.previousHash === genesisHash(state.streamId);
    problems.add({
      kind: known ? 'reordered' : 'deleted',
      check: 'stream-chain',
      streamId: state.streamId,
      streamVersion: link.version,
      globalPosition: link.position,
      detail: known
        ? 'links to an event of its stream other than the one before it'
        : 'links to an event that is no longer in its stream',
    });
  }
}

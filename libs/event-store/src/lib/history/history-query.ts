import type { Actor, EventMetadata, JsonObject } from '../event-store.port';
import type { AuditReader } from '../integrity/log-range';
import { querySql, sql, Sql } from '../sql/sql-fragment';
import { erasedSubjects, hasEncryptedFields, subjectOfStream } from './erasure';

/** What an auditor filters the log by; every filter is optional, and they combine (AND). */
export interface HistoryFilter {
  readonly streamId?: string;
  readonly organizationId?: string;
  /** The acting subject (`metadata.actor.subject`). */
  readonly actorSubject?: string;
  /** An exact type (`clients.ClientReferred`) or a prefix ending in `*` or `.` (`clients.*`). */
  readonly type?: string;
  /** Recorded-at bounds, inclusive. */
  readonly from?: Date;
  readonly to?: Date;
  /** Paging: entries after this global position (the previous page's `nextAfterPosition`). */
  readonly afterPosition?: number;
  /** Page size; default 100, at most 1000. */
  readonly limit?: number;
}

/** One event as an auditor sees it: who, when, for whom, why; data exactly as stored. */
export interface HistoryEntry {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly organizationId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly onBehalfOf?: string;
  readonly purposeOfUse: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** As stored: personal fields stay encrypted (`pd1:…`); decrypting them is the policy's call. */
  readonly data: JsonObject;
  readonly hash: string;
  /** When its subject's key was destroyed, if this event holds personal fields: they are unreadable. */
  readonly erasedAt?: string;
}

export interface HistoryPage {
  readonly entries: readonly HistoryEntry[];
  /** Pass as `afterPosition` for the next page; null when this page was the last. */
  readonly nextAfterPosition: number | null;
}

interface HistoryRow {
  [column: string]: unknown;
  global_position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  organization_id: string;
  occurred_at: Date;
  recorded_at: Date;
  metadata: EventMetadata;
  data: JsonObject;
  hash: string;
}

const MAX_LIMIT = 1000;

/** The WHERE condition of a filter: its values as parameters, never text pasted into SQL. */
function whereOf(filter: HistoryFilter): Sql {
  const conditions: Sql[] = [];
  if (filter.streamId) conditions.push(sql`events.stream_id = ${filter.streamId}`);
  if (filter.organizationId) conditions.push(sql`events.organization_id = ${filter.organizationId}`);
  if (filter.actorSubject)
    conditions.push(sql`events.metadata->'actor'->>'subject' = ${filter.actorSubject}`);
  if (filter.type) {
    const prefix = filter.type.endsWith('*') ? filter.type.slice(0, -1) : filter.type;
    if (prefix.endsWith('.') || filter.type.endsWith('*'))
      conditions.push(sql`left(events.event_type, length(${prefix}::text)) = ${prefix}`);
    else conditions.push(sql`events.event_type = ${prefix}`);
  }
  if (filter.from) conditions.push(sql`events.recorded_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`events.recorded_at <= ${filter.to.toISOString()}::timestamptz`);
  conditions.push(sql`events.global_position > ${filter.afterPosition ?? 0}::bigint`);
  return Sql.join(conditions, ' AND ');
}

/** A page of the log's events that match the filter, in global-position order. */
export async function queryHistory(reader: AuditReader, filter: HistoryFilter = {}): Promise<HistoryPage> {
  const limit = Math.min(Math.max(1, filter.limit ?? 100), MAX_LIMIT);
  const rows = await querySql<HistoryRow>(
    reader,
    sql`SELECT global_position::text AS global_position, stream_id, stream_version::text AS stream_version,
            event_id::text AS event_id, event_type, schema_version, organization_id, occurred_at, recorded_at,
            metadata, data, hash
     FROM events WHERE ${whereOf(filter)} ORDER BY events.global_position LIMIT ${limit}`,
  );
  const personal = rows
    .filter((row) => hasEncryptedFields(row.data))
    .map((row) => subjectOfStream(row.stream_id));
  const erased = await erasedSubjects(reader, personal);
  const entries = rows.map((row) => toEntry(row, erased));
  const last = entries.at(-1);
  return { entries, nextAfterPosition: last && entries.length === limit ? last.globalPosition : null };
}

function toEntry(row: HistoryRow, erased: ReadonlyMap<string, string>): HistoryEntry {
  const meta = row.metadata;
  const erasedAt = hasEncryptedFields(row.data) ? erased.get(subjectOfStream(row.stream_id)) : undefined;
  return {
    globalPosition: Number(row.global_position),
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    organizationId: row.organization_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    recordedAt: new Date(row.recorded_at).toISOString(),
    actor: meta.actor,
    ...(meta.onBehalfOf ? { onBehalfOf: meta.onBehalfOf } : {}),
    purposeOfUse: meta.purposeOfUse,
    correlationId: meta.correlationId,
    ...(meta.causationId ? { causationId: meta.causationId } : {}),
    data: row.data,
    hash: row.hash,
    ...(erasedAt ? { erasedAt } : {}),
  };
}

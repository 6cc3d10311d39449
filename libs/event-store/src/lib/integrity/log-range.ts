import type { SqlQueryable } from '../sql/sql-client';
import { querySql, sql, Sql } from '../sql/sql-fragment';

/** The read-only face of the log's database that audit tools use: they only ever SELECT. */
export type AuditReader = Pick<SqlQueryable, 'query'>;

/**
 * A part of the global log an auditor asks about: by recorded-at time (inclusive), by global position
 * (inclusive), or both (the intersection). Empty = the whole log.
 */
export interface LogRange {
  readonly from?: Date;
  readonly to?: Date;
  readonly fromPosition?: number;
  readonly toPosition?: number;
}

/** A range resolved to the positions it holds; `null` bounds when it holds no event. */
export interface ResolvedRange {
  readonly requested: {
    readonly from?: string;
    readonly to?: string;
    readonly fromPosition?: number;
    readonly toPosition?: number;
  };
  readonly wholeLog: boolean;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
}

export const isWholeLog = (range: LogRange): boolean =>
  range.from === undefined &&
  range.to === undefined &&
  range.fromPosition === undefined &&
  range.toPosition === undefined;

/** The SQL condition (on table `events`) for a range, its bounds as parameters. */
function rangeCondition(range: LogRange): Sql {
  const conditions: Sql[] = [];
  if (range.from) conditions.push(sql`events.recorded_at >= ${range.from.toISOString()}::timestamptz`);
  if (range.to) conditions.push(sql`events.recorded_at <= ${range.to.toISOString()}::timestamptz`);
  if (range.fromPosition !== undefined)
    conditions.push(sql`events.global_position >= ${range.fromPosition}::bigint`);
  if (range.toPosition !== undefined)
    conditions.push(sql`events.global_position <= ${range.toPosition}::bigint`);
  return Sql.join(conditions, ' AND ', sql`true`);
}

/**
 * Resolves a range to its first and last positions. Time bounds select by recorded-at; recorded-at
 * follows commit order only roughly, so the range is then every position between the first and last
 * event recorded in the window: an auditor gets a contiguous piece of the log, never one with holes.
 */
export async function resolveRange(reader: AuditReader, range: LogRange): Promise<ResolvedRange> {
  const [row] = await querySql<{ first: string | null; last: string | null }>(
    reader,
    sql`SELECT min(events.global_position)::text AS first, max(events.global_position)::text AS last
     FROM events WHERE ${rangeCondition(range)}`,
  );
  return {
    requested: {
      ...(range.from ? { from: range.from.toISOString() } : {}),
      ...(range.to ? { to: range.to.toISOString() } : {}),
      ...(range.fromPosition !== undefined ? { fromPosition: range.fromPosition } : {}),
      ...(range.toPosition !== undefined ? { toPosition: range.toPosition } : {}),
    },
    wholeLog: isWholeLog(range),
    firstPosition: row?.first ? Number(row.first) : null,
    lastPosition: row?.last ? Number(row.last) : null,
  };
}

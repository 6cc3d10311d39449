import type { SqlQueryable } from '@spn/event-store';

/** A dead letter as `npm run dead-letters -- list` shows it: ids, type, position and why, no data. */
export interface DeadLetterEntry {
  readonly groupId: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly position: number;
  readonly attempts: number;
  readonly error: string;
  readonly deadLetteredAt: string;
  readonly replayedAt: string | null;
}

type Row = {
  consumer_group: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  position: string | null;
  attempts: number;
  error: string;
  dead_lettered_at: Date | string;
  replayed_at: Date | string | null;
};

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/**
 * The dead letters in a consumer database (every group's, or one's), oldest first: those not replayed
 * yet, or every one with `includeReplayed`; `eventId` picks one event's (in each group it failed in).
 */
export async function listDeadLetters(
  database: SqlQueryable,
  filter: { groupId?: string; eventId?: string; includeReplayed?: boolean } = {},
): Promise<DeadLetterEntry[]> {
  const rows = await database.query<Row>(
    `SELECT consumer_group, event_id::text AS event_id, event_type, stream_id,
            (message->>'globalPosition') AS position, attempts, error, dead_lettered_at, replayed_at
     FROM dead_letters
     WHERE ($1::text IS NULL OR consumer_group = $1)
       AND ($2::text IS NULL OR event_id::text = lower($2))
       AND ($3::boolean OR replayed_at IS NULL)
     ORDER BY dead_lettered_at, consumer_group, event_id`,
    [filter.groupId ?? null, filter.eventId ?? null, filter.includeReplayed ?? false],
  );
  return rows.map((row) => ({
    groupId: row.consumer_group,
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    position: Number(row.position),
    attempts: row.attempts,
    error: row.error,
    deadLetteredAt: iso(row.dead_lettered_at),
    replayedAt: row.replayed_at === null ? null : iso(row.replayed_at),
  }));
}

import type { NewEvent } from '../lib/event-store.port';
import { eventHash } from '../lib/hashing';

/** How a test reaches the database as the forger (the store's role, or an owner with the triggers off). */
export type RawSql = (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

export interface Forgery {
  readonly streamId: string;
  /** The stream version it takes. */
  readonly version: number;
  /** The hash it links to: the stream's last event's, as a forger would read it. */
  readonly previousHash: string;
  readonly event: NewEvent;
  /** Where it goes in the log's order: another transaction's id (into a sealed range); default its own. */
  readonly transactionId?: string;
}

/**
 * Writes an event as a writer with database access alone can: a valid hash over its content, linked
 * to its stream, with no signature (the key is not the database's). Returns its hash and position.
 */
export async function insertForgedEvent(
  run: RawSql,
  forgery: Forgery,
): Promise<{ readonly hash: string; readonly position: number }> {
  const { event, streamId } = forgery;
  const at = new Date();
  const hash = eventHash({
    previousHash: forgery.previousHash,
    eventId: event.eventId!,
    streamId,
    type: event.type,
    schemaVersion: 1,
    organizationId: 'org-north-health',
    data: event.data,
    metadata: event.metadata,
    occurredAt: at,
    recordedAt: at,
  });
  const [row] = await run(
    `INSERT INTO events (transaction_id, stream_id, category, stream_version, event_id, event_type,
       schema_version, organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash)
     SELECT COALESCE($1::xid8, pg_current_xact_id()), $2, 'client', $3, $4, $5, 1, 'org-north-health',
       $6, $7, $8, $8, $9, $10
     RETURNING global_position::text AS p`,
    [
      forgery.transactionId ?? null,
      streamId,
      forgery.version,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      at.toISOString(),
      forgery.previousHash,
      hash,
    ],
  );
  return { hash, position: Number(row?.['p']) };
}

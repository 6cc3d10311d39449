import type { EventMetadata, JsonObject, RecordedEvent } from '../event-store.port';
import type { Upcasters } from '../upcasting';
import { upcast } from '../upcasting';

/**
 * The columns every read selects, with types both drivers return alike. The numbers come back as text
 * under their own names, so an ORDER BY must name the table's column (`events.global_position`): a bare
 * name sorts the text alias, and '10' comes before '9'.
 */
export const EVENT_COLUMNS = `global_position::text AS global_position, transaction_id::text AS transaction_id,
  stream_id, category, stream_version::text AS stream_version, event_id::text AS event_id, event_type,
  schema_version, organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash`;

export interface EventRow {
  [column: string]: unknown;
  global_position: string;
  transaction_id: string;
  stream_id: string;
  category: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  organization_id: string;
  data: JsonObject;
  metadata: EventMetadata;
  occurred_at: Date;
  recorded_at: Date;
  previous_hash: string;
  hash: string;
}

export function toRecordedEvent(row: EventRow, upcasters: Upcasters): RecordedEvent {
  const current = upcast(upcasters, row.event_type, row.schema_version, row.data);
  return {
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    category: row.category,
    streamVersion: Number(row.stream_version),
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: current.schemaVersion,
    organizationId: row.organization_id,
    data: current.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}

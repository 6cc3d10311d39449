import type { EventMetadata, JsonObject, RecordedEvent } from '@spn/event-store';

/** An event as it travels between services: what a consumer in another context may rely on. */
export interface IntegrationMessage {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly organizationId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    organizationId: event.organizationId,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}

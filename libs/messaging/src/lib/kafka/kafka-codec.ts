import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { IntegrationMessage } from '../integration-message';

/**
 * One message on a Kafka topic: key = stream id (order per stream), value = the integration message as
 * JSON, headers for routing and tracing without parsing the value (docs/messaging.md).
 */
export function encode(message: IntegrationMessage, error?: string, term?: number): Message {
  const { metadata } = message;
  const headers: IHeaders = {
    'event-id': message.eventId,
    'event-type': message.type,
    'schema-version': String(message.schemaVersion),
    'organization-id': message.organizationId,
    'correlation-id': metadata.correlationId,
    ...(metadata.causationId ? { 'causation-id': metadata.causationId } : {}),
    ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    ...(error ? { error } : {}),
    ...(term !== undefined ? { 'relay-term': String(term) } : {}),
  };
  return { key: message.streamId, value: JSON.stringify(message), headers };
}

export class UndecodableMessage extends Error {
  constructor(reason: string) {
    super(`Undecodable message: ${reason}`);
    this.name = 'UndecodableMessage';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function decode(record: KafkaMessage): IntegrationMessage {
  if (!record.value) throw new UndecodableMessage('no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value.toString('utf8'));
  } catch {
    throw new UndecodableMessage('value is not JSON');
  }
  if (!isRecord(parsed)) throw new UndecodableMessage('value is not an object');
  for (const field of ['eventId', 'type', 'streamId', 'organizationId', 'occurredAt', 'recordedAt']) {
    if (typeof parsed[field] !== 'string') throw new UndecodableMessage(`${field} is missing`);
  }
  for (const field of ['schemaVersion', 'streamVersion', 'globalPosition']) {
    if (typeof parsed[field] !== 'number') throw new UndecodableMessage(`${field} is missing`);
  }
  if (!isRecord(parsed['data']) || !isRecord(parsed['metadata']))
    throw new UndecodableMessage('data or metadata is missing');
  return parsed as unknown as IntegrationMessage;
}

export const header = (record: KafkaMessage, name: string): string | undefined => {
  const value = record.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

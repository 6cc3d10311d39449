import { ContractViolation, deadLetterTopic, topicOfEventType, type ContractRegistry } from '@spn/contracts';
import type { EventStore, Subscription } from '@spn/event-store';
import { toIntegrationMessage } from '../integration-message';
import type { MessagePublisher, OutgoingMessage } from '../transport.port';

export const RELAY_DEAD_LETTERS = deadLetterTopic('relay');

export interface RelayOptions {
  /** Durable checkpoint name; one relay per name. Default `relay`. */
  readonly subscriptionId?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Events whose type has a contract are validated; one that breaks it goes to `relay.dead-letters`. */
  readonly contracts?: ContractRegistry;
  /** Called after the broker acknowledged a batch and before the checkpoint moves (metrics, fault tests). */
  readonly onPublished?: (count: number) => void | Promise<void>;
  readonly onError?: (error: unknown, attempt: number) => void;
}

/** Routes one stored event: its context's topic, or the relay's dead letters if it breaks its contract. */
export function route(
  message: ReturnType<typeof toIntegrationMessage>,
  contracts?: ContractRegistry,
): OutgoingMessage {
  if (contracts?.knows(message.type)) {
    try {
      contracts.validate(message.type, message.schemaVersion, message.data);
    } catch (error) {
      if (error instanceof ContractViolation)
        return { topic: RELAY_DEAD_LETTERS, message, error: error.message };
      throw error;
    }
  }
  return { topic: topicOfEventType(message.type), message };
}

/**
 * Publishes every event of the store's global log, in order, to its context's topic (key = stream id).
 * The checkpoint moves only after the broker acknowledged the batch: a crash in between publishes
 * some events twice, which consumers absorb through their inbox. A failed publish is retried.
 */
export function startRelay(
  store: EventStore,
  publisher: MessagePublisher,
  options: RelayOptions = {},
): Subscription {
  return store.subscribe({
    subscriptionId: options.subscriptionId ?? 'relay',
    batchSize: options.batchSize ?? 500,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    maxRetryDelayMs: 2000,
    ...(options.onError ? { onError: options.onError } : {}),
    handler: async (events) => {
      await publisher.publish(events.map((event) => route(toIntegrationMessage(event), options.contracts)));
      await options.onPublished?.(events.length);
    },
  });
}

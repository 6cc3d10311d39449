import { ContractViolation, deadLetterTopic, topicOfEventType, type ContractRegistry } from '@spn/contracts';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import type { EventStore, RecordedEvent, Subscription } from '@spn/event-store';
import { toIntegrationMessage } from '../integration-message';
import { ageSeconds, ATTR, errorType, lagHistograms, spanContextOf, tracer } from '../telemetry';
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
  const subscriptionId = options.subscriptionId ?? 'relay';
  return store.subscribe({
    subscriptionId,
    batchSize: options.batchSize ?? 500,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    maxRetryDelayMs: 2000,
    ...(options.onError ? { onError: options.onError } : {}),
    handler: async (events) => {
      await publishBatch(events, publisher, subscriptionId, options.contracts);
      await options.onPublished?.(events.length);
    },
  });
}

/**
 * One batch, traced as `relay publish` (PRODUCER) with a link to each event's trace context. When the
 * whole batch belongs to one trace (one request's events), the span joins that trace as a child of the
 * append; a batch that mixes traces starts a trace of its own, reachable through the links.
 */
async function publishBatch(
  events: readonly RecordedEvent[],
  publisher: MessagePublisher,
  subscriptionId: string,
  contracts: ContractRegistry | undefined,
): Promise<void> {
  const outgoing = events.map((event) => route(toIntegrationMessage(event), contracts));
  const links = new Map<string, SpanContext>();
  for (const event of events) {
    const spanContext = spanContextOf(event.metadata.traceparent);
    if (spanContext) links.set(`${spanContext.traceId}-${spanContext.spanId}`, spanContext);
  }
  const contexts = [...links.values()];
  const traces = new Set(contexts.map((spanContext) => spanContext.traceId));
  const [first] = contexts;
  const parent = traces.size === 1 && first ? trace.setSpanContext(ROOT_CONTEXT, first) : ROOT_CONTEXT;
  const topics = new Set(outgoing.map((message) => message.topic));
  const [topic] = topics;
  await tracer().startActiveSpan(
    'relay publish',
    {
      kind: SpanKind.PRODUCER,
      links: contexts.map((context) => ({ context })),
      attributes: {
        [ATTR.operationType]: 'send',
        [ATTR.operationName]: 'publish',
        [ATTR.batchCount]: events.length,
        [ATTR.relaySubscription]: subscriptionId,
        [ATTR.relayDeadLettered]: outgoing.filter((message) => message.topic === RELAY_DEAD_LETTERS).length,
        ...(topics.size === 1 && topic ? { [ATTR.destination]: topic } : {}),
      },
    },
    parent,
    async (span) => {
      try {
        await publisher.publish(outgoing);
        const now = Date.now();
        const { relayLag } = lagHistograms();
        for (const event of events) {
          relayLag.record(ageSeconds(event.recordedAt, now), { [ATTR.relaySubscription]: subscriptionId });
        }
      } catch (error) {
        span.setAttribute(ATTR.errorType, errorType(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

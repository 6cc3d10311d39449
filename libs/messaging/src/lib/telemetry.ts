/**
 * Tracing and metrics of event distribution through `@opentelemetry/api` only (a no-op until the
 * process starts the SDK). The trace context travels in each event's `metadata.traceparent`, written by
 * the event store's append (and as the Kafka header `traceparent`). Attributes are ids, types, counts
 * and error names, never event data.
 */
import {
  metrics,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Counter,
  type Histogram,
  type MeterProvider,
  type SpanContext,
  type Tracer,
  type UpDownCounter,
} from '@opentelemetry/api';

const SCOPE = '@spn/messaging';

export const ATTR = {
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  batchCount: 'messaging.batch.message_count',
  destination: 'messaging.destination.name',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  eventType: 'spn.event.type',
  organization: 'spn.organization_id',
  relaySubscription: 'spn.relay.subscription',
  relayDeadLettered: 'spn.relay.dead_lettered',
  relayUnsendable: 'spn.relay.unsendable',
  outcome: 'spn.inbox.outcome',
  attempts: 'spn.inbox.attempts',
  rolledBack: 'spn.inbox.batch_rolled_back',
  errorType: 'error.type',
} as const;

/** Looked up on each use: the SDK may be registered (or replaced, in tests) after this module loads. */
export const tracer = (): Tracer => trace.getTracer(SCOPE);

interface Instruments {
  readonly provider: MeterProvider;
  readonly relayLag: Histogram;
  readonly consumerLag: Histogram;
}
let instruments: Instruments | undefined;

/** The histograms, made again when the global meter provider changes (the metrics API has no proxy). */
export function lagHistograms(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider !== provider) {
    const meter = provider.getMeter(SCOPE);
    instruments = {
      provider,
      relayLag: meter.createHistogram('spn.relay.lag', {
        description: "Age of each event when the broker acknowledged the relay's publish (since its commit)",
        unit: 's',
      }),
      consumerLag: meter.createHistogram('spn.consumer.lag', {
        description: 'Age of each message when its consumer group applied it (since its commit)',
        unit: 's',
      }),
    };
  }
  return instruments;
}

interface Counters {
  readonly provider: MeterProvider;
  readonly relayUnsendable: Counter;
  readonly relayRetries: Counter;
  readonly inboxRetries: Counter;
  readonly inboxDeadLetters: Counter;
  readonly inboxReplayed: Counter;
  readonly inboxHeld: UpDownCounter;
}
let counters: Counters | undefined;

/** The counters of what went wrong (made again, like the histograms, when the meter provider changes). */
export function failureCounters(): Counters {
  const provider = metrics.getMeterProvider();
  if (counters?.provider !== provider) {
    const meter = provider.getMeter(SCOPE);
    counters = {
      provider,
      relayUnsendable: meter.createCounter('spn.relay.unsendable', {
        description: 'Events the relay could not send (the broker refused them for their size); in the log',
      }),
      relayRetries: meter.createCounter('spn.relay.publish_retries', {
        description: 'Publishes the relay tried again after the broker failed (the same part of a batch)',
      }),
      inboxRetries: meter.createCounter('spn.inbox.retries', {
        description: 'Tries of a message that failed with an error that can pass (it is tried again)',
      }),
      inboxDeadLetters: meter.createCounter('spn.inbox.dead_letters', {
        description: 'Messages dead-lettered: they can never apply as they are (replay them once fixed)',
      }),
      inboxReplayed: meter.createCounter('spn.inbox.replayed', {
        description: 'Dead letters replayed and applied',
      }),
      inboxHeld: meter.createUpDownCounter('spn.inbox.held', {
        description: 'Messages being tried again after an error that can pass, each holding its partition',
      }),
    };
  }
  return counters;
}

/** Seconds since `recordedAt` (an ISO string or a date), never negative. */
export const ageSeconds = (recordedAt: string | Date, now = Date.now()): number =>
  Math.max(0, (now - new Date(recordedAt).getTime()) / 1000);

/** The context an event's `traceparent` carries, as the parent of the span that handles it. */
export function contextOf(traceparent: string | undefined): Context {
  if (traceparent === undefined) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** The span context an event's `traceparent` names, if it is valid. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  return traceparent === undefined ? undefined : trace.getSpanContext(contextOf(traceparent));
}

/** The error's name (its class), never its message: messages may quote data. */
export const errorType = (error: unknown): string => (error instanceof Error ? error.name : 'unknown');

/**
 * One trace from the append to the consumer: telemetry with the in-memory exporter, an event appended
 * inside a request's span, then the relay and a consumer (Kafka), or a consumer following the log
 * (embedded: there is no relay there). The append span, the relay's publish span and the consumer's
 * span must share the request's trace id, and no span may carry the event's data.
 */
import { SpanKind, trace, type SpanContext } from '@opentelemetry/api';
import { ALL_CONTEXT_TOPICS, deadLetterTopic } from '@spn/contracts';
import type { JsonObject } from '@spn/event-store';
import { startTelemetry, type ReadableSpan, type ResourceMetrics, type Telemetry } from '@spn/observability';
import { testKafkaBrokers, until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { openPipeline, type TransportFixture } from '../test/delivery-suite';
import { referral } from '../test/projection';
import { EmbeddedTransport } from './embedded/embedded-transport';
import { KafkaTransport } from './kafka/kafka-transport';
import { startRelay } from './relay/relay';

const embedded: TransportFixture = {
  name: 'embedded',
  open: async (store, database) => ({
    transport: new EmbeddedTransport(store, database, { pollIntervalMs: 50 }),
    childEnv: {},
    deadLetters: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  }),
};

const kafka: TransportFixture = {
  name: 'kafka',
  open: async (store, _database, groupId) => {
    const transport = new KafkaTransport({
      brokers: testKafkaBrokers(),
      clientId: `trace-${groupId}`,
      // The consumer reads the shared topic from its start: other tests' poison messages need a place.
      topics: [...ALL_CONTEXT_TOPICS, deadLetterTopic(groupId)],
    });
    await transport.start();
    const relay = startRelay(store, transport, { pollIntervalMs: 50 });
    return {
      transport,
      childEnv: {},
      deadLetters: () => Promise.resolve([]),
      close: () => relay.stop(),
    };
  },
};

/** A counter's value, or a histogram's count, for one attribute value. */
function observed(metrics: ResourceMetrics | undefined, name: string, key: string, value: string): number {
  const metric = metrics?.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name);
  const point = metric?.dataPoints.find((p) => p.attributes[key] === value);
  const data = point?.value as number | { count: number } | undefined;
  return typeof data === 'number' ? data : (data?.count ?? 0);
}

interface Traced {
  readonly request: SpanContext;
  readonly groupId: string;
  readonly data: JsonObject;
  readonly storedTraceparent: string | undefined;
  readonly append: ReadableSpan | undefined;
  readonly publish: ReadableSpan | undefined;
  readonly consumer: ReadableSpan | undefined;
  /** Every span of the request's trace. */
  readonly inTrace: readonly ReadableSpan[];
  readonly metrics: ResourceMetrics | undefined;
}

/** Appends one event inside a request's span, lets the pipeline carry it, and collects what was recorded. */
async function traceThrough(telemetry: Telemetry, fixture: TransportFixture): Promise<Traced> {
  const p = await openPipeline(fixture);
  try {
    const event = referral();
    const streamId = `client-${randomUUID()}`;
    // The request that causes the event, as a GraphQL resolver's span would be.
    const request = await trace.getTracer('test').startActiveSpan('request', async (span) => {
      try {
        await p.store.append(streamId, 0, [event]);
        return span.spanContext();
      } finally {
        span.end();
      }
    });
    await p.consume();

    const isConsumerOf = (span: ReadableSpan) =>
      span.kind === SpanKind.CONSUMER &&
      span.attributes['messaging.message.id'] === event.eventId &&
      span.attributes['messaging.consumer.group.name'] === p.groupId;
    await until(() => Promise.resolve(telemetry.finishedSpans().some(isConsumerOf)), 'the consumer span');

    const inTrace = telemetry
      .finishedSpans()
      .filter((span) => span.spanContext().traceId === request.traceId);
    const [stored] = await p.store.readStream(streamId);
    return {
      request,
      groupId: p.groupId,
      data: event.data,
      storedTraceparent: stored?.metadata.traceparent,
      append: inTrace.find((span) => span.name === 'event_store.append'),
      publish: inTrace.find((span) => span.kind === SpanKind.PRODUCER && span.name === 'relay publish'),
      // Looked for among all spans: found in another trace, the test fails below.
      consumer: telemetry.finishedSpans().find(isConsumerOf),
      inTrace,
      metrics: await telemetry.collectMetrics(),
    };
  } finally {
    await p.close();
  }
}

/** The append and the consumer in the request's trace, the consumer a child of the append; no data. */
function expectOneTrace(traced: Traced): void {
  const { request, append, consumer } = traced;
  expect(append?.spanContext().traceId).toBe(request.traceId);
  expect(append?.parentSpanContext?.spanId).toBe(request.spanId);
  expect(append?.attributes).toMatchObject({
    'spn.event_store.category': 'client',
    'spn.event_store.event_count': 1,
    'spn.organization_id': 'org-north-health',
  });
  // The append wrote its own traceparent into the stored event.
  expect(traced.storedTraceparent).toBe(`00-${request.traceId}-${append?.spanContext().spanId}-01`);

  expect(consumer?.spanContext().traceId).toBe(request.traceId);
  expect(consumer?.parentSpanContext?.spanId).toBe(append?.spanContext().spanId);
  expect(consumer?.attributes['spn.inbox.outcome']).toBe('applied');

  // Nothing of the event's data on any span of the trace.
  const recorded = JSON.stringify(traced.inTrace.map((span) => [span.name, span.attributes, span.events]));
  for (const value of Object.values(traced.data).flat()) {
    expect(recorded).not.toContain(JSON.stringify(value).replaceAll('"', ''));
  }

  expect(
    observed(traced.metrics, 'spn.event_store.appended', 'spn.event_store.category', 'client'),
  ).toBeGreaterThanOrEqual(1);
  expect(
    observed(traced.metrics, 'spn.consumer.lag', 'messaging.consumer.group.name', traced.groupId),
  ).toBeGreaterThanOrEqual(1);
}

describe('one trace from the append through the relay to the consumer', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'trace-through', traces: 'memory' });
  });
  afterAll(async () => {
    await telemetry.shutdown();
  });

  it('over the embedded transport (consumers follow the log: there is no relay)', async () => {
    const traced = await traceThrough(telemetry, embedded);
    expectOneTrace(traced);
    expect(traced.publish).toBeUndefined();
  });

  it('over Kafka, through the relay', async () => {
    const traced = await traceThrough(telemetry, kafka);
    expectOneTrace(traced);
    const appendSpanId = traced.append?.spanContext().spanId;
    // The relay's batch held this request's event only: its span joins the trace and links the append.
    expect(traced.publish?.parentSpanContext?.spanId).toBe(appendSpanId);
    expect(traced.publish?.links.map((link) => link.context.spanId)).toEqual([appendSpanId]);
    expect(traced.publish?.attributes).toMatchObject({
      'messaging.operation.type': 'send',
      'messaging.batch.message_count': 1,
      'messaging.destination.name': 'clients.events',
    });
    expect(
      observed(traced.metrics, 'spn.relay.lag', 'spn.relay.subscription', 'relay'),
    ).toBeGreaterThanOrEqual(1);
  });
});

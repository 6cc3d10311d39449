import { SpanStatusCode, trace } from '@opentelemetry/api';
import { startTelemetry, type ReadableSpan, type Telemetry } from '@spn/observability';
import { event, metadata, newStreamId } from '../test/builders';
import { openPgliteEventStore } from './adapters/pglite';
import type { NewEvent } from './event-store.port';
import type { SqlEventStore } from './sql/sql-event-store';

/** A copy of the event without a traceparent: the store fills it in. */
function untraced(n: number): NewEvent {
  return event(n, { metadata: metadata({ traceparent: undefined }) });
}

describe('event store telemetry', () => {
  let telemetry: Telemetry;
  let store: SqlEventStore;
  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'event-store-test', traces: 'memory' });
    store = await openPgliteEventStore();
  });
  afterAll(async () => {
    await store.close();
    await telemetry.shutdown();
  });
  beforeEach(() => {
    telemetry.resetSpans();
  });

  const appendSpans = (): ReadableSpan[] =>
    telemetry.finishedSpans().filter((span) => span.name === 'event_store.append');

  async function appendedByCategory(category: string): Promise<number> {
    const collected = await telemetry.collectMetrics();
    const metric = collected?.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((m) => m.descriptor.name === 'spn.event_store.appended');
    const point = metric?.dataPoints.find((p) => p.attributes['spn.event_store.category'] === category);
    return typeof point?.value === 'number' ? point.value : 0;
  }

  it('traces an append inside the caller span and writes its traceparent into each event', async () => {
    const streamId = newStreamId('careplan');
    const before = await appendedByCategory('careplan');
    await trace.getTracer('test').startActiveSpan('request', async (request) => {
      await store.append(streamId, 0, [untraced(1), untraced(2)]);
      request.end();
    });

    const [append, ...more] = appendSpans();
    expect(more).toEqual([]);
    const request = telemetry.finishedSpans().find((span) => span.name === 'request');
    expect(append?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(append?.attributes).toEqual({
      'spn.event_store.event_count': 2,
      'spn.event_store.category': 'careplan',
      'spn.organization_id': 'org-north-health',
      'spn.event_store.stream_version': 2,
      'spn.event_store.idempotent_replay': false,
    });
    const { traceId, spanId } = append!.spanContext();
    const stored = await store.readStream(streamId);
    expect(stored.map((e) => e.metadata.traceparent)).toEqual([
      `00-${traceId}-${spanId}-01`,
      `00-${traceId}-${spanId}-01`,
    ]);
    expect(await appendedByCategory('careplan')).toBe(before + 2);
  });

  it("keeps the caller's traceparent, and does not count an idempotent replay", async () => {
    const streamId = newStreamId('careplan');
    const given = event(1); // its metadata names a traceparent of its own
    await store.append(streamId, 0, [given]);
    const counted = await appendedByCategory('careplan');
    await store.append(streamId, 0, [given]);

    expect((await store.readStream(streamId))[0]?.metadata.traceparent).toBe(given.metadata.traceparent);
    expect(await appendedByCategory('careplan')).toBe(counted);
    expect(appendSpans().map((span) => span.attributes['spn.event_store.idempotent_replay'])).toEqual([
      false,
      true,
    ]);
  });

  it('marks a refused append with its error code and nothing of the data', async () => {
    const bad = event(1, { type: 'not a type' });
    await expect(store.append(newStreamId(), 0, [bad])).rejects.toMatchObject({ code: 'INVALID_EVENT' });

    const [span] = appendSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'INVALID_EVENT' });
    expect(span?.attributes['error.type']).toBe('INVALID_EVENT');
    expect(span?.events).toEqual([]);
    expect(JSON.stringify(span?.attributes)).not.toContain('fictional reason');
  });
});

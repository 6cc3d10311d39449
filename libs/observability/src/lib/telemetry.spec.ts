import { context, metrics, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTelemetry } from './telemetry';

describe('startTelemetry', () => {
  it('keeps finished spans in memory and propagates W3C trace context', async () => {
    const telemetry = startTelemetry({ serviceName: 'telemetry-test', traces: 'memory' });
    try {
      const carrier: Record<string, string> = {};
      trace.getTracer('test').startActiveSpan('outer', { kind: SpanKind.SERVER }, (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
      });
      const [outer] = telemetry.finishedSpans();
      expect(outer?.name).toBe('outer');
      expect(outer?.resource.attributes['service.name']).toBe('telemetry-test');
      const { traceId, spanId } = outer!.spanContext();
      expect(carrier['traceparent']).toBe(`00-${traceId}-${spanId}-01`);

      // The other side of a hop: a span whose parent is the extracted context joins the trace.
      const remote = propagation.extract(ROOT_CONTEXT, carrier);
      trace.getTracer('test').startSpan('inner', {}, remote).end();
      const inner = telemetry.finishedSpans().find((span) => span.name === 'inner');
      expect(inner?.spanContext().traceId).toBe(traceId);
      expect(inner?.parentSpanContext?.spanId).toBe(spanId);

      telemetry.resetSpans();
      expect(telemetry.finishedSpans()).toEqual([]);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('collects metrics in memory', async () => {
    const telemetry = startTelemetry({ serviceName: 'telemetry-test', traces: 'memory' });
    try {
      metrics.getMeter('test').createCounter('test.things').add(3, { kind: 'a' });
      const collected = await telemetry.collectMetrics();
      const metric = collected?.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((m) => m.descriptor.name === 'test.things');
      expect(metric?.dataPoints[0]?.value).toBe(3);
      expect(metric?.dataPoints[0]?.attributes).toEqual({ kind: 'a' });
    } finally {
      await telemetry.shutdown();
    }
  });

  it('refuses a second start, and starts again after shutdown', async () => {
    const first = startTelemetry({ serviceName: 'first', traces: 'memory' });
    expect(() => startTelemetry({ serviceName: 'second', traces: 'memory' })).toThrow(/already started/);
    await first.shutdown();
    // Unregistered: the API is a no-op again.
    expect(trace.getTracer('test').startSpan('nothing').isRecording()).toBe(false);
    const again = startTelemetry({ serviceName: 'again', traces: 'memory' });
    try {
      trace.getTracer('test').startSpan('recorded').end();
      expect(again.finishedSpans().map((span) => span.name)).toEqual(['recorded']);
    } finally {
      await again.shutdown();
    }
  });

  it('creates and propagates spans without exporting them when traces is none', async () => {
    const telemetry = startTelemetry({ serviceName: 'quiet', traces: 'none' });
    try {
      const carrier: Record<string, string> = {};
      trace.getTracer('test').startActiveSpan('work', (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
      });
      expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(telemetry.finishedSpans()).toEqual([]);
      expect(await telemetry.collectMetrics()).toBeUndefined();
    } finally {
      await telemetry.shutdown();
    }
  });

  it('exports spans and metrics over OTLP/HTTP to the configured endpoint', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const telemetry = startTelemetry({
      serviceName: 'exported',
      traces: 'otlp',
      otlpEndpoint: `http://127.0.0.1:${port}/`,
    });
    try {
      trace.getTracer('test').startSpan('shipped').end();
      metrics.getMeter('test').createCounter('test.shipped').add(1);
      await telemetry.forceFlush();
      const traces = received.find((r) => r.path === '/v1/traces');
      const exportedMetrics = received.find((r) => r.path === '/v1/metrics');
      expect(traces?.body).toContain('shipped');
      expect(traces?.body).toContain('exported');
      expect(exportedMetrics?.body).toContain('test.shipped');
    } finally {
      await telemetry.shutdown();
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});

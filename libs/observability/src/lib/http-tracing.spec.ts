import { SpanKind, trace } from '@opentelemetry/api';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphqlOperationTracing, httpServerTracing, injectTraceContext } from './http-tracing';
import { startTelemetry, type Telemetry } from './telemetry';

describe('httpServerTracing', () => {
  let telemetry: Telemetry;
  let server: Server;
  let url: string;
  /** What the handler saw: the active span's ids, and the headers an outgoing call would carry. */
  let seen: { traceId?: string; outgoing?: Record<string, string> };
  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'http-test', traces: 'memory', metrics: 'none' });
    const middleware = httpServerTracing('http-test');
    const plugin = graphqlOperationTracing();
    server = createServer((request, response) => {
      middleware(request, response, () => {
        // Asynchronous work inside the request stays in its span.
        setTimeout(() => {
          void (async () => {
            const listener = await plugin.requestDidStart();
            await listener.didResolveOperation({
              operationName: 'ReferClient',
              operation: { operation: 'mutation' },
            });
            const outgoing: Record<string, string> = {};
            injectTraceContext((name, value) => (outgoing[name] = value));
            seen = {
              ...(trace.getActiveSpan() ? { traceId: trace.getActiveSpan()!.spanContext().traceId } : {}),
              outgoing,
            };
            response.writeHead(request.url?.startsWith('/boom') ? 500 : 200).end();
          })();
        }, 5);
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    await telemetry.shutdown();
  });
  beforeEach(() => {
    telemetry.resetSpans();
  });

  it("continues the caller's trace and names the span after the GraphQL operation", async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await fetch(`${url}/graphql?name=Ada`, {
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    const [span] = telemetry.finishedSpans();
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.name).toBe('mutation ReferClient');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.path': '/graphql', // the query string (which could name someone) is not kept
      'http.response.status_code': 200,
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'ReferClient',
    });
    // The handler ran inside the span: what it calls next continues the trace from it.
    expect(seen.traceId).toBe(traceId);
    expect(seen.outgoing?.['traceparent']).toBe(`00-${traceId}-${span?.spanContext().spanId}-01`);
  });

  it('starts a trace when the caller sends none, and marks a server error', async () => {
    await fetch(`${url}/boom`);
    const [span] = telemetry.finishedSpans();
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.attributes['http.response.status_code']).toBe(500);
    expect(span?.status.code).toBe(2); // ERROR
  });
});

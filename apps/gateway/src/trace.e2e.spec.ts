/**
 * One trace from the gateway to the consumer, in the distributed mode: a mutation through the gateway
 * (this process, in-memory exporter), the clients subgraph as a process of its own (PostgreSQL, Kafka),
 * exporting over OTLP/HTTP to a collector this test runs. Every span, on both sides, must be in the
 * trace the gateway's request started, and each must be the child of the one before it.
 */
import { demoUser, openDevIssuer } from '@spn/auth';
import { startTelemetry, type Telemetry } from '@spn/observability';
import {
  createTestDatabase,
  eventually,
  freePort,
  startTsProcess,
  testKafkaBrokers,
  type TsProcess,
} from '@spn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayServer } from './server';

interface SpanSeen {
  readonly service: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly attributes: Record<string, unknown>;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: {
      spans?: {
        name: string;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: { key: string; value: Record<string, unknown> }[];
      }[];
    }[];
  }[];
}

/** A minimal OTLP/HTTP (JSON) collector: what the clients process exports arrives here. */
async function startCollector(): Promise<{ endpoint: string; spans: SpanSeen[]; server: Server }> {
  const spans: SpanSeen[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        for (const resourceSpans of (JSON.parse(body) as OtlpJson).resourceSpans ?? []) {
          const service =
            resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ??
            '';
          for (const span of (resourceSpans.scopeSpans ?? []).flatMap((scope) => scope.spans ?? [])) {
            spans.push({
              service,
              name: span.name,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]),
              ),
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return { endpoint: `http://127.0.0.1:${port}`, spans, server };
}

describe('one trace from the gateway through the subgraph, the store, the relay, Kafka and the consumer', () => {
  let telemetry: Telemetry;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let dataDir: string;
  let db: { url: string; drop(): Promise<void> };
  let clients: TsProcess | undefined;
  let gateway: GatewayServer | undefined;
  let token: string;
  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'gateway', traces: 'memory', metrics: 'none' });
    collector = await startCollector();
    dataDir = await mkdtemp(join(tmpdir(), 'spn-trace-'));
    db = await createTestDatabase('spn_trace');
    token = await (await openDevIssuer(join(dataDir, 'dev-issuer'), {})).mint(demoUser('linkworker.fraser')!);
    const port = await freePort();
    clients = startTsProcess(
      'apps/clients/src/main.ts',
      {
        SPN_MODE: 'distributed',
        SPN_DATA_DIR: dataDir,
        // The development issuer beside the distributed mode: a test run's explicit opt-in.
        NODE_ENV: 'test',
        AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
        SPN_SEALER: 'off',
        SPN_KEK: randomBytes(32).toString('base64'),
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_METRIC_EXPORT_INTERVAL: '600000',
      },
      'clients subgraph ready',
    );
    await clients.ready;
    // Imported only now: a library takes its tracer when it loads (as in main.ts, telemetry comes first).
    const { startGateway } = await import('./server');
    gateway = await startGateway({
      PORT: String(await freePort()),
      CLIENTS_URL: `http://127.0.0.1:${port}/graphql`,
      SPN_DATA_DIR: dataDir,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await clients?.kill('SIGTERM');
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
    collector.server.close();
    await telemetry.shutdown();
  });

  it('finds every span in the trace the gateway started, each the child of the one before', async () => {
    const response = await fetch(gateway!.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        query:
          'mutation ReferClient($input: ReferClientInput!) { referClient(input: $input) { clientId version } }',
        variables: {
          input: {
            referralId: randomUUID(),
            referrerOrganizationId: 'org-clinic',
            reason: 'Fictional: lives alone.',
            needs: ['food'],
            urgency: 'routine',
          },
        },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    // The gateway's side, from its in-memory exporter: the request's span is the trace's root.
    const gatewaySpans = await eventually(
      () => Promise.resolve(telemetry.finishedSpans()),
      (spans) => spans.some((span) => span.name === 'mutation ReferClient'),
    );
    const root = gatewaySpans.find((span) => span.name === 'mutation ReferClient')!;
    const traceId = root.spanContext().traceId;
    expect(root.parentSpanContext).toBeUndefined();
    const fetchSpan = gatewaySpans.find(
      (span) => span.name === 'gateway.fetch' && span.spanContext().traceId === traceId,
    );
    expect(fetchSpan).toBeDefined();

    // The subgraph's side, exported over OTLP: wait for the consumer's span of this trace.
    const inTrace = await eventually(
      () => Promise.resolve(collector.spans.filter((span) => span.traceId === traceId)),
      (spans) => spans.some((span) => span.name === 'inbox process'),
      60_000,
    );
    const named = (name: string) => inTrace.find((span) => span.name === name);
    // The gateway names its subgraph operations (`ReferClient__clients__0`).
    const server = inTrace.find((span) => span.name.startsWith('mutation ReferClient'));
    const append = named('event_store.append');
    const publish = named('relay publish');
    const consume = named('inbox process');
    expect([server, append, publish, consume].map((span) => span?.service)).toEqual([
      'clients',
      'clients',
      'clients',
      'clients',
    ]);
    // The chain: gateway fetch → subgraph request → append → relay publish → Kafka → consumer.
    expect(server!.parentSpanId).toBe(fetchSpan!.spanContext().spanId);
    const ancestors = (span: SpanSeen): string[] => {
      const parent = inTrace.find((candidate) => candidate.spanId === span.parentSpanId);
      return parent ? [parent.spanId, ...ancestors(parent)] : [];
    };
    expect(ancestors(append!)).toContain(server!.spanId);
    expect(publish!.parentSpanId).toBe(append!.spanId);
    expect(consume!.parentSpanId).toBe(append!.spanId);
    // No span carries the request's document or its variables.
    const everything = JSON.stringify([inTrace, gatewaySpans.map((span) => span.attributes)]);
    expect(everything).not.toContain('lives alone');
  });
});

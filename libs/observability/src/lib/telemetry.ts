/**
 * The OpenTelemetry SDK of one process: traces and metrics, W3C trace-context propagation.
 *
 * `startTelemetry` must be the first statement of a process's `main.ts`, before NestJS (or anything
 * that creates spans or instruments) loads: it registers the global providers that `@opentelemetry/api`
 * hands to every library. Libraries only ever use `@opentelemetry/api`, which is a no-op until this runs.
 */
import {
  context,
  diag,
  DiagLogLevel,
  metrics,
  propagation,
  trace,
  type DiagLogger,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  resourceAttributesEnvDetector,
  resourceFromAttributes,
  serviceNameEnvDetector,
} from '@opentelemetry/resources';
import {
  MeterProvider,
  MetricReader,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createLogger } from './logger';

/** Where finished spans (and metrics) go: an OTLP/HTTP collector, this process's memory (tests), nowhere. */
export type TelemetryExport = 'otlp' | 'memory' | 'none';

export interface TelemetryOptions {
  /** `service.name` of every span and metric (e.g. `clients`, `gateway`). */
  readonly serviceName: string;
  /**
   * `otlp`: batched OTLP/HTTP export. `memory`: kept in memory, read with `finishedSpans()` (tests).
   * `none`: spans are still created and propagated (trace ids in logs and in events' `traceparent`),
   * but not exported.
   */
  readonly traces: TelemetryExport;
  /** Metrics export; defaults to `traces` (`memory`: read with `collectMetrics()`). */
  readonly metrics?: TelemetryExport;
  /**
   * Base URL of an OTLP/HTTP collector, e.g. `http://otel-collector:4318`; `/v1/traces` and
   * `/v1/metrics` are appended. When omitted, the exporters read the standard `OTEL_EXPORTER_OTLP_*`
   * environment variables (default `http://localhost:4318`).
   */
  readonly otlpEndpoint?: string;
  /** Interval of the periodic metric export (otlp). Default `OTEL_METRIC_EXPORT_INTERVAL`, else 60 s. */
  readonly metricExportIntervalMs?: number;
}

export interface Telemetry {
  /** Spans finished so far (`traces: 'memory'`; empty otherwise). */
  finishedSpans(): ReadableSpan[];
  /** Forgets the finished spans kept in memory. */
  resetSpans(): void;
  /** Reads every instrument now (`metrics: 'memory'`; `undefined` otherwise). */
  collectMetrics(): Promise<ResourceMetrics | undefined>;
  /** Exports what is buffered. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the exporters and unregisters the global providers (a later start may register again). */
  shutdown(): Promise<void>;
}

/** A metric reader that reads only when asked: tests collect after the code under test ran. */
class OnDemandMetricReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const signalUrl = (endpoint: string | undefined, path: string): { url?: string } =>
  endpoint === undefined ? {} : { url: `${endpoint.replace(/\/+$/, '')}/${path}` };

function exportInterval(options: TelemetryOptions): number {
  const fromEnv = Number(process.env['OTEL_METRIC_EXPORT_INTERVAL']);
  return options.metricExportIntervalMs ?? (fromEnv > 0 ? fromEnv : 60_000);
}

const ALREADY_STARTED = 'startTelemetry: OpenTelemetry is already started in this process';
let started = false;

/** Starts the SDK for this process; see the module comment for where to call it. */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (!options.serviceName.trim()) throw new Error('startTelemetry: serviceName is required');
  if (started) throw new Error(ALREADY_STARTED);
  const resource = defaultResource()
    .merge(detectResources({ detectors: [resourceAttributesEnvDetector, serviceNameEnvDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }));

  const memorySpans = options.traces === 'memory' ? new InMemorySpanExporter() : undefined;
  const spanProcessors: SpanProcessor[] = [];
  if (memorySpans) spanProcessors.push(new SimpleSpanProcessor({ exporter: memorySpans }));
  if (options.traces === 'otlp') {
    spanProcessors.push(
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter(signalUrl(options.otlpEndpoint, 'v1/traces')),
      }),
    );
  }
  const tracerProvider = new TracerProvider({ resource, spanProcessors });

  const metricMode = options.metrics ?? options.traces;
  const memoryMetrics = metricMode === 'memory' ? new OnDemandMetricReader() : undefined;
  const readers: MetricReader[] = [];
  if (memoryMetrics) readers.push(memoryMetrics);
  if (metricMode === 'otlp') {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter(signalUrl(options.otlpEndpoint, 'v1/metrics')),
        exportIntervalMillis: exportInterval(options),
      }),
    );
  }
  const meterProvider = metricMode === 'none' ? undefined : new MeterProvider({ resource, readers });

  // The tracer provider first: if it is taken, telemetry is already started and nothing was changed.
  if (!trace.setGlobalTracerProvider(tracerProvider)) throw new Error(ALREADY_STARTED);
  started = true;
  const contextManager = new AsyncLocalStorageContextManager().enable();
  // Only what this call registered is unregistered at shutdown.
  const registered: (() => void)[] = [trace.disable.bind(trace)];
  if (context.setGlobalContextManager(contextManager)) registered.push(context.disable.bind(context));
  if (propagation.setGlobalPropagator(new W3CTraceContextPropagator()))
    registered.push(propagation.disable.bind(propagation));
  if (meterProvider && metrics.setGlobalMeterProvider(meterProvider))
    registered.push(metrics.disable.bind(metrics));
  // The SDK's own problems (an unreachable collector) as warnings in the structured log.
  const sdkLog = createLogger('opentelemetry');
  const diagLogger: DiagLogger = {
    error: sdkLog.error.bind(sdkLog),
    warn: sdkLog.warn.bind(sdkLog),
    info: sdkLog.info.bind(sdkLog),
    debug: sdkLog.debug.bind(sdkLog),
    verbose: sdkLog.trace.bind(sdkLog),
  };
  if (diag.setLogger(diagLogger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true }))
    registered.push(diag.disable.bind(diag));

  let stopped: Promise<void> | undefined;
  return {
    finishedSpans: () => memorySpans?.getFinishedSpans() ?? [],
    resetSpans: () => {
      memorySpans?.reset();
    },
    collectMetrics: async () => (memoryMetrics ? (await memoryMetrics.collect()).resourceMetrics : undefined),
    forceFlush: async () => {
      await Promise.all([tracerProvider.forceFlush(), meterProvider?.forceFlush()]);
    },
    shutdown: () =>
      (stopped ??= (async () => {
        try {
          await Promise.all([tracerProvider.shutdown(), meterProvider?.shutdown()]);
        } finally {
          for (const undo of registered) undo();
          contextManager.disable();
          started = false;
        }
      })()),
  };
}

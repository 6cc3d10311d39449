// The public entry of @spn/observability: telemetry (OpenTelemetry SDK) and structured logs.
// Only a process's main.ts starts telemetry; libraries use @opentelemetry/api directly.
export { startTelemetry, type Telemetry, type TelemetryExport, type TelemetryOptions } from './lib/telemetry';
export { runWithTelemetry } from './lib/process-main';
export {
  createLogger,
  withCorrelationId,
  REDACTED,
  REDACTED_FIELDS,
  REDACTED_PATHS,
  type Logger,
  type LoggerOptions,
} from './lib/logger';
export type { ReadableSpan } from '@opentelemetry/sdk-trace';
export type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
export {
  extractTraceContext,
  graphqlOperationTracing,
  graphqlOperationTracingEnvelop,
  httpServerTracing,
  injectTraceContext,
  type TracedRequest,
  type TracedResponse,
} from './lib/http-tracing';

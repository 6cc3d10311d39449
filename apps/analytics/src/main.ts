// Tracing starts first, before NestJS and the rest load (STYLE.md 8): the app comes in by import().
import { startTelemetry } from '@spn/observability';

// Reading OTEL_* here is the OpenTelemetry convention; the service's own settings go through loadConfig.
const telemetry = startTelemetry({
  serviceName: 'analytics',
  traces: process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none',
});

void import('./server').then(
  ({ startAnalyticsServer }) => startAnalyticsServer(process.env, { onStopped: () => telemetry.shutdown() }),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

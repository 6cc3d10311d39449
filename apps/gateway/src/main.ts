// Tracing starts first, before NestJS and the rest load (STYLE.md 8): the app comes in by import().
import { startTelemetry } from '@spn/observability';

const telemetry = startTelemetry({
  serviceName: 'gateway',
  traces: process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none',
});

void import('./server')
  .then(async ({ startGateway }) => {
    const gateway = await startGateway(process.env);
    const stop = () => {
      void gateway
        .stop()
        .then(() => telemetry.shutdown())
        .finally(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

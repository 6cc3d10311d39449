/**
 * The embedded mode's services host: one process, one PGlite event store, every service's subgraph on
 * its own port (ARCHITECTURE.md: PGlite takes one connection). Each service's consumers follow the
 * one store's log, so the services learn of each other's events as they would over Kafka.
 *
 * The services are loaded by convention, as the launcher starts processes: `apps/<service>/src/server.ts`
 * exports `subgraph` (a `SubgraphDefinition`). This host is not compiled against them.
 */
// Tracing starts first, before NestJS and the rest load (STYLE.md 8): the host comes in by import().
import { startTelemetry } from '@spn/observability';

const telemetry = startTelemetry({
  serviceName: 'embedded-services',
  traces: process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none',
});

void import('./embedded-host')
  .then(
    ({ hostServices }) => hostServices(telemetry),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  )
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

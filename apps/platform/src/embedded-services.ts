/**
 * The embedded mode's services host: one process, one PGlite event store, every service's subgraph on
 * its own port (PGlite takes one connection). Each service's consumers follow the
 * one store's log, so the services learn of each other's events as they would over Kafka.
 *
 * The services are loaded by convention, as the launcher starts processes: `apps/<service>/src/server.ts`
 * exports `subgraph` (a `SubgraphDefinition`). This host is not compiled against them.
 */
// Telemetry starts first; the host comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('embedded-services', (telemetry) =>
  import('./embedded-host').then(({ hostServices }) => hostServices(telemetry)),
);

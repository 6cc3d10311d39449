/**
 * The embedded mode's services host: one process, one PGlite event store, every service's subgraph on
 * its own port (ARCHITECTURE.md: PGlite takes one connection). Each service's consumers follow the
 * one store's log, so the services learn of each other's events as they would over Kafka.
 *
 * The services are loaded by convention, as the launcher starts processes: `apps/<service>/src/server.ts`
 * exports `subgraph` (a `SubgraphDefinition`). This host is not compiled against them.
 */
import { startSealer } from '@spn/event-store';
import { startTelemetry } from '@spn/observability';

const telemetry = startTelemetry({
  serviceName: 'embedded-services',
  traces: process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none',
});

/** Each service of the platform and the variable naming its port (the gateway's `<NAME>_URL` matches). */
export const EMBEDDED_SERVICES = [
  { service: 'clients', portVariable: 'CLIENTS_PORT', defaultPort: 4001 },
  { service: 'care-plans', portVariable: 'CARE_PLANS_PORT', defaultPort: 4002 },
] as const;

async function main(): Promise<void> {
  const { loadConfig, openEventStore, startSubgraph, stopOnSignals, Lifecycle } =
    await import('@spn/service-kit');
  const config = loadConfig(process.env);
  // Stopped in reverse: the services first, then the sealer and the store, telemetry last.
  const lifecycle = new Lifecycle();
  lifecycle.onStop('telemetry', () => telemetry.shutdown());
  const store = await openEventStore(config);
  lifecycle.onStop('event store', () => store.close());
  if (config.SPN_SEALER === 'on') {
    const sealer = startSealer(store.integrity, { intervalMs: config.SPN_SEAL_INTERVAL_MS });
    lifecycle.onStop('sealer', () => sealer.stop());
  }
  stopOnSignals(lifecycle, {
    onError: (error) => {
      console.error(error);
    },
  });
  for (const { service, portVariable, defaultPort } of EMBEDDED_SERVICES) {
    const module = (await import(`../../${service}/src/server`)) as {
      subgraph: Parameters<typeof startSubgraph>[0];
    };
    const env = { ...process.env, PORT: process.env[portVariable] ?? String(defaultPort) };
    const server = await startSubgraph(module.subgraph, env, { signals: false, sharedStore: store });
    lifecycle.onStop(service, () => server.stop());
  }
  console.log('embedded services ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

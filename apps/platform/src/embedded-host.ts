import { startSealer } from '@spn/event-store';
import type { Telemetry } from '@spn/observability';
import {
  type Clock,
  Lifecycle,
  loadConfig,
  openEventStore,
  startSubgraph,
  stopOnSignals,
  systemClock,
  type SubgraphDefinition,
} from '@spn/service-kit';
import { portOf, SERVICES } from './services';

/**
 * Opens the one store, starts every service on it, and stops them all on SIGTERM / SIGINT. `clock` is
 * the services' business time, the store's stamp of an event without its `occurredAt` included.
 */
export async function hostServices(telemetry: Telemetry, clock: Clock = systemClock): Promise<void> {
  const config = loadConfig(process.env);
  // Stopped in reverse: the services first, then the sealer and the store, telemetry last.
  const lifecycle = new Lifecycle();
  lifecycle.onStop('telemetry', () => telemetry.shutdown());
  const store = await openEventStore(config, clock);
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
  for (const entry of SERVICES) {
    const { service } = entry;
    const module = (await import(`../../${service}/src/server`)) as {
      subgraph: SubgraphDefinition;
    };
    const env = { ...process.env, PORT: portOf(entry, process.env) };
    const server = await startSubgraph(module.subgraph, env, { signals: false, sharedStore: store, clock });
    lifecycle.onStop(service, () => server.stop());
  }
  console.log('embedded services ready');
}

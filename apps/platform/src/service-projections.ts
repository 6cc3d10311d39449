import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient, type SqlEventStore } from '@spn/event-store';
import {
  accessAuditProjection,
  Health,
  Lifecycle,
  loadConfig,
  PersonalData,
  personalFieldsWith,
  systemClock,
  type Projection,
  type ServiceRuntime,
  type SubgraphDefinition,
} from '@spn/service-kit';

/** A service's definition, found by convention (`apps/<service>/src/server.ts` exports `subgraph`). */
export async function subgraphOf(service: string): Promise<SubgraphDefinition> {
  const module = (await import(`../../${service}/src/server`)) as { subgraph: SubgraphDefinition };
  return module.subgraph;
}

/** The projections a service runs: its `setUp` against a runtime that collects them. */
export async function projectionsOf(
  definition: SubgraphDefinition,
  store: SqlEventStore,
): Promise<Projection[]> {
  const collected: Projection[] = [accessAuditProjection(definition.service)];
  const scratch = new PgliteSqlClient(await PGlite.create(), true);
  const lifecycle = new Lifecycle();
  const runtime: ServiceRuntime = {
    service: definition.service,
    config: loadConfig({}),
    store,
    personalData: new PersonalData(store.keys, personalFieldsWith(definition.personalFields)),
    keys: store.keys,
    integrity: store.integrity,
    readModels: scratch,
    // Never used: nothing is consumed, only collected.
    transport: undefined as never,
    lifecycle,
    health: new Health(lifecycle),
    clock: systemClock,
    project: (projection) => {
      collected.push(projection);
      return Promise.resolve({ stop: () => Promise.resolve() } as never);
    },
    close: () => lifecycle.stop(),
  };
  await definition.setUp(runtime);
  await scratch.close();
  return collected;
}

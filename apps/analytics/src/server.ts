import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { ExportsController } from './exports/exports.controller';
import { ExportsResolver } from './exports/exports.resolver';
import { ExportsService } from './exports/exports.service';
import { factsProjection } from './facts/facts.projection';
import { IndicatorsQueries } from './indicators/indicators.queries';
import { IndicatorsResolver } from './indicators/indicators.resolver';
import { IndicatorsService } from './indicators/indicators.service';
import { PopulationQueries } from './population/population.queries';
import { PopulationResolver } from './population/population.resolver';
import { PopulationService } from './population/population.service';
import { ANALYTICS_PERSONAL_DATA } from './personal-data';

/**
 * The analytics subgraph (docs/domain.md, domains 7 to 9), in parts a newcomer can change one at a time:
 * `facts/` keeps what the other contexts' events say (the only way in), `disclosure/` the statistical
 * disclosure control every output goes through, `population/` the consented population's health,
 * `indicators/` the programme indicators, `exports/` the evaluators' de-identified exports.
 */
export const subgraph: SubgraphDefinition = {
  service: 'analytics',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: ANALYTICS_PERSONAL_DATA,
  defaultPort: 4006,
  setUp: async (runtime) => {
    await runtime.project(factsProjection(runtime.personalData));
    const population = new PopulationQueries(runtime.readModels, runtime.personalData);
    return [
      { provide: PopulationService, useValue: new PopulationService(population) },
      {
        provide: IndicatorsService,
        useValue: new IndicatorsService(population, new IndicatorsQueries(runtime.readModels)),
      },
      { provide: ExportsService, useValue: await ExportsService.start(runtime) },
    ];
  },
  resolvers: [PopulationResolver, IndicatorsResolver, ExportsResolver],
  // The evaluators' downloads: an export's rows, streamed, outside GraphQL (docs/analytics.md).
  rest: { path: '/exports', controllers: [ExportsController] },
};

export const startAnalyticsServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);

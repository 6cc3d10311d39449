import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { CarePlansService } from './care-plans/care-plans.service';
import { CARE_PLAN_PERSONAL_FIELDS } from './care-plans/care-plan';
import { CarePlansResolver } from './care-plans/care-plans.resolver';
import { CARE_PLANS_PERSONAL_DATA } from './personal-data';

/** The care-plans subgraph: its projections, and its resolver (the rest is every subgraph's). */
export const subgraph: SubgraphDefinition = {
  service: 'care-plans',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: CARE_PLANS_PERSONAL_DATA,
  defaultPort: 4002,
  setUp: async (runtime) => [{ provide: CarePlansService, useValue: await CarePlansService.start(runtime) }],
  resolvers: [CarePlansResolver],
  personalFields: CARE_PLAN_PERSONAL_FIELDS,
};

export const startCarePlansServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);

import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { ClientsService } from './clients/clients.service';
import { CLIENT_PERSONAL_FIELDS } from './clients/client';
import { TeamsService } from './teams/teams.service';
import { ClientsResolver } from './clients/clients.resolver';
import { TeamsResolver } from './teams/teams.resolver';
import { CLIENTS_PERSONAL_DATA } from './personal-data';

/** The clients subgraph: its read models' projections, and its resolvers (the rest is every subgraph's). */
export const subgraph: SubgraphDefinition = {
  service: 'clients',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: CLIENTS_PERSONAL_DATA,
  defaultPort: 4001,
  setUp: async (runtime) => [
    { provide: ClientsService, useValue: await ClientsService.start(runtime) },
    { provide: TeamsService, useValue: await TeamsService.start(runtime) },
  ],
  resolvers: [ClientsResolver, TeamsResolver],
  personalFields: CLIENT_PERSONAL_FIELDS,
};

export const startClientsServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);

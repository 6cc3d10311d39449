import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { COMMUNITY_RESOLVERS, startCommunity } from './community/community.feature';
import { DIRECTORY_RESOLVERS, HSDS_CONTROLLERS, startDirectory } from './directory/directory.feature';
import { STEWARDS } from './directory/directory.roles';
import { PARTNERSHIP_RESOLVERS, startPartnership } from './partnership/partnership.feature';
import { REFERRAL_PERSONAL_FIELDS } from './referrals/referral';
import { REFERRAL_RESOLVERS, startReferrals } from './referrals/referrals.feature';
import { PARTNERS_PERSONAL_DATA } from './personal-data';

/** The largest HSDS import body, 25 MiB (the gateway's limit for the same route is the same). */
export const HSDS_IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

/**
 * The partners subgraph, in four parts a newcomer can change one at a time: the partnership registry
 * (organizations, agreements, engagement), the HSDS resource directory (also served as HSDS REST under
 * `/hsds`), the partner's side of each closed-loop referral, and community development (asset map,
 * unmet needs).
 */
export const subgraph: SubgraphDefinition = {
  service: 'partners',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: PARTNERS_PERSONAL_DATA,
  defaultPort: 4003,
  setUp: async (runtime) => [
    ...(await startPartnership(runtime)),
    ...(await startDirectory(runtime)),
    ...(await startReferrals(runtime)),
    ...(await startCommunity(runtime)),
  ],
  resolvers: [
    ...PARTNERSHIP_RESOLVERS,
    ...DIRECTORY_RESOLVERS,
    ...REFERRAL_RESOLVERS,
    ...COMMUNITY_RESOLVERS,
  ],
  rest: {
    path: '/hsds',
    controllers: HSDS_CONTROLLERS,
    // An HSDS import carries a whole directory (a thousand services is about 3.5 MB of JSON): the one
    // large body, read only for a steward. Every other body is GraphQL's size (1 MiB).
    largeBodies: [{ method: 'POST', path: '/import', limitBytes: HSDS_IMPORT_BODY_LIMIT, roles: STEWARDS }],
  },
  personalFields: REFERRAL_PERSONAL_FIELDS,
};

export const startPartnersServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);

import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { CommunityResolver } from './community.resolver';
import { CommunityService } from './community.service';

/** Community development: the ABCD asset map and the unmet needs by area. */
export const startCommunity = async (runtime: ServiceRuntime): Promise<readonly Provider[]> => [
  { provide: CommunityService, useValue: await CommunityService.start(runtime) },
];
export const COMMUNITY_RESOLVERS: readonly Type[] = [CommunityResolver];

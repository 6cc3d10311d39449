import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { PartnershipResolver } from './partnership.resolver';
import { PartnershipService } from './partnership.service';

/** The partnership registry: organizations, contacts, pathways, agreements, engagement. */
export const startPartnership = async (runtime: ServiceRuntime): Promise<readonly Provider[]> => [
  { provide: PartnershipService, useValue: await PartnershipService.start(runtime) },
];
export const PARTNERSHIP_RESOLVERS: readonly Type[] = [PartnershipResolver];

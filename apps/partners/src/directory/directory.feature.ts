import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { DirectoryService } from './directory.service';
import { DirectoryResolver } from './directory.resolver';
import { DirectoryQueries } from './directory.queries';
import { HsdsController } from './hsds.controller';

/**
 * The HSDS resource directory of the partners service: starts its projection (`partners.directory`)
 * and answers its providers. `DirectoryQueries` is a provider too, so another module of the service
 * can inject it (e.g. `servicesMatchingNeed` for unmet needs) without reaching into these folders.
 */
export const startDirectory = async (runtime: ServiceRuntime): Promise<readonly Provider[]> => {
  const directory = await DirectoryService.start(runtime);
  return [
    { provide: DirectoryService, useValue: directory },
    { provide: DirectoryQueries, useValue: directory.queries },
  ];
};
export const DIRECTORY_RESOLVERS: readonly Type[] = [DirectoryResolver];
export const HSDS_CONTROLLERS: readonly Type[] = [HsdsController];

export { DirectoryQueries, type Area, type DirectoryMatch, type MatchCriteria } from './directory.queries';
export { DirectoryService } from './directory.service';
export { SERVICE_CHANGE_CONFIRMED, type ServiceChangeConfirmed } from './directory-events';

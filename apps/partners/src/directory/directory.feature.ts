import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { DirectoryService } from './application/directory.service';
import { DirectoryResolver } from './graphql/directory.resolver';
import { DirectoryQueries } from './read-model/directory.queries';
import { HsdsController } from './rest/hsds.controller';

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

export {
  DirectoryQueries,
  type Area,
  type DirectoryMatch,
  type MatchCriteria,
} from './read-model/directory.queries';
export { DirectoryService } from './application/directory.service';
export { SERVICE_CHANGE_CONFIRMED, type ServiceChangeConfirmed } from './domain/directory-events';

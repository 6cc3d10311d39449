import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { SupervisionResolver } from './supervision.resolver';
import { SupervisionService } from './supervision.service';

/** Supervision sessions (one-to-one, group, peer support), notes and agreed actions. */
export const startSupervision = async (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): Promise<readonly Provider[]> => [
  { provide: SupervisionService, useValue: await SupervisionService.start(runtime, organization) },
];
export const SUPERVISION_RESOLVERS: readonly Type[] = [SupervisionResolver];

import type { Provider } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { organizationProjection } from './organization.projection';
import { OrganizationQueries } from './organization.queries';

/** Teams and clients' organizations, learned from the clients context's events; shared by the modules. */
export async function startOrganization(runtime: ServiceRuntime): Promise<OrganizationQueries> {
  await runtime.project(organizationProjection);
  return new OrganizationQueries(runtime.readModels);
}

export const organizationProviders = (queries: OrganizationQueries): readonly Provider[] => [
  { provide: OrganizationQueries, useValue: queries },
];

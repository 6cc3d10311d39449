import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { IncidentsResolver } from './incidents.resolver';
import { IncidentsService } from './incidents.service';

/** Incidents and safeguarding concerns: severity, escalation, acknowledgement, resolution. */
export const startIncidents = async (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): Promise<readonly Provider[]> => [
  { provide: IncidentsService, useValue: await IncidentsService.start(runtime, organization) },
];
export const INCIDENT_RESOLVERS: readonly Type[] = [IncidentsResolver];

import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { CaseloadsResolver } from './caseloads.resolver';
import { CaseloadsService } from './caseloads.service';

/** Caseload monitoring against organization thresholds. */
export const startCaseloads = async (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): Promise<readonly Provider[]> => [
  { provide: CaseloadsService, useValue: await CaseloadsService.start(runtime, organization) },
];
export const CASELOAD_RESOLVERS: readonly Type[] = [CaseloadsResolver];

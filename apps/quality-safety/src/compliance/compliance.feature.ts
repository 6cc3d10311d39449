import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { ComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';

/** The compliance view: no events of its own, the other modules' read models judged by pure rules. */
export const startCompliance = (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): readonly Provider[] => [
  { provide: ComplianceService, useValue: new ComplianceService(runtime, organization) },
];
export const COMPLIANCE_RESOLVERS: readonly Type[] = [ComplianceResolver];

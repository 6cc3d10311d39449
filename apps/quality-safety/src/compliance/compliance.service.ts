import type { ServiceRuntime, Caller } from '@spn/service-kit';
import { hasRole } from '@spn/service-kit';
import { CaseloadsQueries } from '../caseloads/caseloads.queries';
import { IncidentsQueries, type IncidentCounts } from '../incidents/incidents.queries';
import type { OrganizationQueries } from '../organization/organization.queries';
import { SupervisionQueries } from '../supervision/supervision.queries';
import { TrainingQueries } from '../training/training.queries';
import { assessLinkWorker, type LinkWorkerCompliance } from './compliance';

export interface ComplianceView {
  readonly organizationId: string;
  readonly asOf: Date;
  readonly linkWorkers: LinkWorkerCompliance[];
  readonly incidents: IncidentCounts;
}

/**
 * The compliance view of an organization, read from the other modules' read models (the same service's
 * database) and judged by the pure rules of `compliance.ts`. A supervisor sees their Link Workers.
 */
export class ComplianceService {
  private readonly supervision: SupervisionQueries;
  private readonly training: TrainingQueries;
  private readonly incidents: IncidentsQueries;
  private readonly caseloads: CaseloadsQueries;

  constructor(
    runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.supervision = new SupervisionQueries(runtime.readModels, runtime.personalData);
    this.training = new TrainingQueries(runtime.readModels);
    this.incidents = new IncidentsQueries(runtime.readModels, runtime.personalData);
    this.caseloads = new CaseloadsQueries(runtime.readModels);
  }

  async view(caller: Caller, asOf: Date): Promise<ComplianceView> {
    const org = caller.organizationId;
    const all = hasRole(caller, 'org-admin');
    const team = all
      ? await this.organization.linkWorkers(org)
      : await this.organization.supervisedBy(org, caller.subject);
    const scope = all ? ({ all: true } as const) : ({ all: false, subjects: team } as const);
    const caseloads = await this.caseloads.caseloads(org, scope, team);
    const subjects = [...new Set([...team, ...caseloads.map((c) => c.linkWorker)])].sort();
    const lastHeld = await this.supervision.lastHeld(org);
    const records = await this.training.records(org, scope);
    const unacknowledged = await this.training.unacknowledged(org, subjects);
    return {
      organizationId: org,
      asOf,
      linkWorkers: subjects.map((linkWorker) => {
        const caseload = caseloads.find((c) => c.linkWorker === linkWorker);
        return assessLinkWorker(
          {
            linkWorker,
            lastSupervisionHeldAt: lastHeld.get(linkWorker) ?? null,
            training: records.filter((r) => r.subject === linkWorker),
            unacknowledgedPolicies: unacknowledged.get(linkWorker) ?? 0,
            activeCases: caseload?.activeCases ?? 0,
            threshold: caseload?.threshold ?? null,
          },
          asOf,
        );
      }),
      incidents: await this.incidents.counts(org, asOf),
    };
  }
}

import {
  compareKeys,
  handleCommand,
  hasRole,
  metadataOf,
  pageOfSorted,
  type Caller,
  type PageRequest,
  type ServiceRuntime,
} from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { readableSubjects } from '../shared/access';
import { caseloadPolicyDecider, caseloadPolicyStreamId } from './caseload';
import { caseloadPlansProjection, caseloadsProjection } from './caseloads.projection';
import { CaseloadsQueries } from './caseloads.queries';

/** Caseloads against the organization's threshold; the alerts come from the care-plans projection. */
export class CaseloadsService {
  readonly queries: CaseloadsQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.queries = new CaseloadsQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime, organization: OrganizationQueries): Promise<CaseloadsService> {
    await runtime.project(caseloadsProjection);
    await runtime.project(caseloadPlansProjection(runtime.store));
    return new CaseloadsService(runtime, organization);
  }

  setThreshold(caller: Caller, maxActiveCases: number, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      caseloadPolicyDecider,
      caseloadPolicyStreamId(caller.organizationId),
      { kind: 'setThreshold', maxActiveCases, at: this.runtime.clock.timestamp() },
      { metadata: metadataOf(caller), ...(commandId ? { commandId } : {}) },
    );
  }

  /** A Link Worker's own caseload; a supervisor's Link Workers'; every Link Worker's of the organization for an admin. */
  async caseloads(caller: Caller) {
    const scope = await readableSubjects(caller, this.organization);
    // Link Workers with no open plan are listed too (0 cases); a supervisor is not a Link Worker.
    const also = scope.all
      ? await this.organization.linkWorkers(caller.organizationId)
      : scope.subjects.filter((subject) => subject !== caller.subject || !hasRole(caller, 'supervisor'));
    return this.queries.caseloads(caller.organizationId, scope, also);
  }

  /**
   * A page of the caseloads, by Link Worker: counted whole (one GROUP BY over the plans, a row per Link
   * Worker), sorted by code unit so the cursor compares as the list is sorted, then paged.
   */
  async caseloadsPage(caller: Caller, request: PageRequest) {
    const caseloads = (await this.caseloads(caller)).sort((a, b) =>
      compareKeys([a.linkWorker], [b.linkWorker]),
    );
    return pageOfSorted(caseloads, request, (caseload) => [caseload.linkWorker]);
  }

  async alerts(caller: Caller, request: PageRequest) {
    return this.queries.alerts(
      caller.organizationId,
      await readableSubjects(caller, this.organization),
      request,
    );
  }
}

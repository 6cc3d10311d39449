import { SubjectErasedError } from '@spn/event-store';
import {
  handleCommand,
  hasRole,
  metadataOf,
  type Caller,
  type Page,
  type PageRequest,
  type ServiceRuntime,
} from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { IncidentError, incidentDecider, incidentStreamId, type IncidentCommand } from './incident';
import { incidentsProjection } from './incidents.projection';
import { IncidentsQueries, type IncidentView } from './incidents.queries';

/** Incidents and safeguarding concerns: the client look-up and the caller's roles go into the command. */
export class IncidentsService {
  readonly queries: IncidentsQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.queries = new IncidentsQueries(runtime.readModels, runtime.personalData);
  }

  static async start(runtime: ServiceRuntime, organization: OrganizationQueries): Promise<IncidentsService> {
    await runtime.project(incidentsProjection);
    return new IncidentsService(runtime, organization);
  }

  async report(
    caller: Caller,
    input: {
      incidentId: string;
      kind: string;
      severity: string;
      summary: string;
      clientId: string | null;
      occurredOn: string;
    },
    commandId?: string,
  ) {
    const clientKnown =
      input.clientId !== null && (await this.organization.isClientOf(caller.organizationId, input.clientId));
    return this.execute(
      caller,
      input.incidentId,
      {
        kind: 'report',
        incidentId: input.incidentId,
        incidentKind: input.kind,
        severity: input.severity,
        summary: input.summary,
        clientId: input.clientId,
        clientKnown,
        occurredOn: input.occurredOn,
        by: caller.subject,
        at: this.runtime.clock.timestamp(),
      },
      commandId,
    );
  }

  async execute(caller: Caller, incidentId: string, command: IncidentCommand, commandId?: string) {
    try {
      return await this.handle(caller, incidentId, command, commandId);
    } catch (error) {
      // A resolution is sealed with the key of the client the incident concerns; once that client is
      // erased the key is gone, and the resolution is sealed with the incident's own instead.
      if (!(error instanceof SubjectErasedError) || command.kind !== 'resolve' || command.clientErased)
        throw error;
      return this.handle(caller, incidentId, { ...command, clientErased: true }, commandId);
    }
  }

  private handle(caller: Caller, incidentId: string, command: IncidentCommand, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      incidentDecider,
      incidentStreamId(caller.organizationId, incidentId),
      command,
      {
        metadata: metadataOf(caller),
        personalData: this.runtime.personalData,
        ...(commandId ? { commandId } : {}),
        notFound: () => new IncidentError('INCIDENT_NOT_FOUND', 'No incident with this id', 'incidentId'),
      },
    );
  }

  /** A Link Worker reads the incidents they reported; supervisors and admins the organization's. */
  incidents(caller: Caller, request: PageRequest): Promise<Page<IncidentView>> {
    const all = hasRole(caller, 'supervisor', 'org-admin');
    return this.queries.incidents(caller.organizationId, all ? null : caller.subject, request);
  }
}

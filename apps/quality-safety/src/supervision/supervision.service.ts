import {
  handleCommand,
  hasRole,
  metadataOf,
  type Caller,
  type Page,
  type PageRequest,
  type ServiceRuntime,
} from '@spn/service-kit';
import { readableSubjects } from '../shared/access';
import type { OrganizationQueries } from '../organization/organization.queries';
import {
  SupervisionError,
  supervisionDecider,
  supervisionStreamId,
  type SupervisionCommand,
} from './supervision';
import { supervisionProjection } from './supervision.projection';
import { SupervisionQueries, type SessionView } from './supervision.queries';

/**
 * Supervision: who may schedule for whom is checked here against the teams (a supervisor for the Link
 * Workers they supervise; a Link Worker a peer-support session with peers of a team), the rest in the
 * decider.
 */
export class SupervisionService {
  readonly queries: SupervisionQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.queries = new SupervisionQueries(runtime.readModels, runtime.personalData);
  }

  static async start(
    runtime: ServiceRuntime,
    organization: OrganizationQueries,
  ): Promise<SupervisionService> {
    await runtime.project(supervisionProjection);
    return new SupervisionService(runtime, organization);
  }

  async schedule(
    caller: Caller,
    input: { sessionId: string; linkWorkers: readonly string[]; kind: string; scheduledFor: string },
    commandId?: string,
  ) {
    const asSupervisor = hasRole(caller, 'supervisor');
    if (!asSupervisor && input.kind !== 'peer-support')
      throw new SupervisionError('NOT_ALLOWED', 'A Link Worker schedules peer-support sessions only', 'kind');
    for (const [index, linkWorker] of input.linkWorkers.entries()) {
      const allowed = asSupervisor
        ? await this.organization.supervises(caller.organizationId, caller.subject, linkWorker)
        : await this.organization.peers(caller.organizationId, caller.subject, linkWorker);
      if (!allowed)
        throw new SupervisionError(
          'NOT_IN_TEAM',
          asSupervisor ? 'Not a Link Worker you supervise' : 'Not a peer of one of your teams',
          `linkWorkers[${index}]`,
        );
    }
    return this.execute(
      caller,
      input.sessionId,
      {
        kind: 'schedule',
        sessionId: input.sessionId,
        facilitator: caller.subject,
        linkWorkers: input.linkWorkers,
        sessionKind: input.kind,
        scheduledFor: input.scheduledFor,
      },
      commandId,
    );
  }

  /** Records a session held; a client it was about must be one of the organization's, not erased. */
  async hold(
    caller: Caller,
    sessionId: string,
    input: Omit<Extract<SupervisionCommand, { kind: 'hold' }>, 'kind' | 'by' | 'clientKnown'>,
    commandId?: string,
  ) {
    const clientKnown = await this.isClientOfCaller(caller, input.clientId);
    return this.execute(
      caller,
      sessionId,
      { kind: 'hold', by: caller.subject, ...input, clientKnown },
      commandId,
    );
  }

  /** Records a session cancelled; a client it was to be about must be one of the organization's. */
  async cancel(
    caller: Caller,
    sessionId: string,
    input: Omit<Extract<SupervisionCommand, { kind: 'cancel' }>, 'kind' | 'by' | 'clientKnown'>,
    commandId?: string,
  ) {
    const clientKnown = await this.isClientOfCaller(caller, input.clientId);
    return this.execute(
      caller,
      sessionId,
      { kind: 'cancel', by: caller.subject, ...input, clientKnown },
      commandId,
    );
  }

  /** Whether a session's client (none: not asked) is one of the caller's organization's. */
  private async isClientOfCaller(caller: Caller, clientId: string | null): Promise<boolean> {
    return clientId !== null && this.organization.isClientOf(caller.organizationId, clientId);
  }

  execute(caller: Caller, sessionId: string, command: SupervisionCommand, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      supervisionDecider,
      supervisionStreamId(caller.organizationId, sessionId),
      command,
      {
        metadata: metadataOf(caller),
        // Notes, action descriptions and a cancellation's reason are sealed: with the key of the client
        // the session was about, else the session's.
        personalData: this.runtime.personalData,
        ...(commandId ? { commandId } : {}),
        notFound: () =>
          new SupervisionError('SESSION_NOT_FOUND', 'No supervision session with this id', 'sessionId'),
      },
    );
  }

  async sessions(caller: Caller, request: PageRequest, sessionId?: string): Promise<Page<SessionView>> {
    return this.queries.sessions(
      caller.organizationId,
      await readableSubjects(caller, this.organization),
      request,
      sessionId,
    );
  }
}

import type { EventMetadata } from '@spn/event-store';
import { handleCommand, KnownPartners, knownPartnersProjection, type ServiceRuntime } from '@spn/service-kit';
import { CarePlanError, carePlanDecider, carePlanStreamId, type CarePlanCommand } from './care-plan';
import { carePlansProjection, clientsFeedProjection } from './care-plans.projection';
import { CarePlansQueries } from './care-plans.queries';
import { partnersFeedProjection } from './partners-feed.projection';
import { supervises, teamsFeedProjection } from './teams-feed.projection';

/** What the subgraph's resolvers call: commands through the decider, queries from the read models. */
export class CarePlansService {
  readonly queries: CarePlansQueries;
  /** The partners each organization registered: a prescription's partner must be one. */
  readonly partners: KnownPartners;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new CarePlansQueries(runtime.readModels, runtime.personalData);
    this.partners = new KnownPartners(runtime.readModels, runtime.service);
  }

  /**
   * Starts the projections: the plans, what the clients context tells (clients, erasures) and what
   * the partners context tells (referral statuses, service changes).
   */
  static async start(runtime: ServiceRuntime): Promise<CarePlansService> {
    await runtime.project(clientsFeedProjection);
    await runtime.project(carePlansProjection);
    await runtime.project(partnersFeedProjection);
    await runtime.project(knownPartnersProjection(runtime.service));
    await runtime.project(teamsFeedProjection);
    return new CarePlansService(runtime);
  }

  /** Whether `supervisor` supervises `linkWorker` in the organization (need to know). */
  supervises(organizationId: string, supervisor: string, linkWorker: string): Promise<boolean> {
    return supervises(this.runtime.readModels, organizationId, supervisor, linkWorker);
  }

  /**
   * Runs a command on a client's plans. A plan is opened only for a client the organization referred
   * (as the clients context's events told this service); `commandId` makes a retry safe.
   */
  async execute(clientId: string, command: CarePlanCommand, metadata: EventMetadata, commandId?: string) {
    if (command.kind === 'open' && !(await this.queries.knowsClient(metadata.organizationId, clientId)))
      throw new CarePlanError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId');
    if (await this.queries.isErased(clientId))
      throw new CarePlanError('CLIENT_ERASED', 'This client was erased', 'clientId');
    return handleCommand(this.runtime.store, carePlanDecider, carePlanStreamId(clientId), command, {
      metadata,
      ...(commandId ? { commandId } : {}),
      notFound: () => new CarePlanError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId'),
      personalData: this.runtime.personalData,
    });
  }
}

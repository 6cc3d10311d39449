import type { EventMetadata } from '@spn/event-store';
import { handleCommand, KnownPartners, knownPartnersProjection, type ServiceRuntime } from '@spn/service-kit';
import { ClientError, clientDecider, clientStreamId, type ClientCommand, type ErasureReason } from './client';
import { clientsProjection } from './clients.projection';
import { ClientsQueries } from './clients.queries';

/** What the subgraph's resolvers call: commands through the decider, queries from the read model. */
export class ClientsService {
  readonly queries: ClientsQueries;
  /** The partners each organization registered: a sharing consent's recipient must be one. */
  readonly partners: KnownPartners;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new ClientsQueries(runtime.readModels, runtime.personalData);
    this.partners = new KnownPartners(runtime.readModels, runtime.service);
  }

  /** Starts the read models' projections on the runtime. */
  static async start(runtime: ServiceRuntime): Promise<ClientsService> {
    await runtime.project(clientsProjection);
    await runtime.project(knownPartnersProjection(runtime.service));
    return new ClientsService(runtime);
  }

  /**
   * Erases a client (crypto-shredding): the client's key is destroyed in the transaction that records
   * `clients.ClientErased`, both or neither, so every personal field of every event of the client, in
   * every service, in the log, in Kafka and in backups, is unreadable from the moment the erasure is on
   * record; the read models then drop what they had in clear. A refused erasure (an unknown client,
   * another organization's, no reason) destroys nothing; a retry after a failure finds neither done.
   */
  erase(clientId: string, reason: ErasureReason, metadata: EventMetadata, commandId?: string) {
    const erase: ClientCommand = { kind: 'erase', reason, at: this.runtime.clock.timestamp() };
    return this.execute(clientId, erase, metadata, commandId, { reason });
  }

  /** Runs a command on a client's stream; `commandId` makes a client's retry safe. */
  execute(
    clientId: string,
    command: ClientCommand,
    metadata: EventMetadata,
    commandId?: string,
    erasure?: { readonly reason: string },
  ) {
    return handleCommand(this.runtime.store, clientDecider, clientStreamId(clientId), command, {
      metadata,
      ...(commandId ? { commandId } : {}),
      ...(erasure ? { erasure } : {}),
      // Another organization's client is, to the caller, no client at all.
      notFound: () => new ClientError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId'),
      personalData: this.runtime.personalData,
    });
  }
}

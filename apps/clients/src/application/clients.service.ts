import type { EventMetadata } from '@spn/event-store';
import {
  fold,
  handleCommand,
  KnownPartners,
  knownPartnersProjection,
  type ServiceRuntime,
} from '@spn/service-kit';
import {
  ClientError,
  clientDecider,
  clientStreamId,
  type ClientCommand,
  type ErasureReason,
  type ClientEvent,
} from '../domain/client';
import { clientsProjection } from '../read-model/clients.projection';
import { ClientsQueries } from '../read-model/clients.queries';

/** What the subgraph's resolvers call: commands through the decider, queries from the read model. */
export class ClientsService {
  readonly queries: ClientsQueries;
  /** The partners each organization registered: a sharing consent's recipient must be one. */
  readonly partners: KnownPartners;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new ClientsQueries(runtime.readModels);
    this.partners = new KnownPartners(runtime.readModels, runtime.service);
  }

  /** Starts the read models' projections on the runtime. */
  static async start(runtime: ServiceRuntime): Promise<ClientsService> {
    await runtime.project(clientsProjection);
    await runtime.project(knownPartnersProjection(runtime.service));
    return new ClientsService(runtime);
  }

  /**
   * Erases a client (crypto-shredding): the client's key is destroyed first, so every personal field of
   * every event of the client, in every service, in the log, in Kafka and in backups, is unreadable from
   * that moment; then the erasure is recorded, and the read models drop what they had in clear. A retry
   * after a failure in between finds the key destroyed already and records the erasure.
   */
  async erase(clientId: string, reason: ErasureReason, metadata: EventMetadata, commandId?: string) {
    const erase: ClientCommand = { kind: 'erase', reason, at: new Date().toISOString() };
    // Decided first (it refuses an unknown client, another organization's, or a bad reason), then done.
    const state = await this.runtime.store.readStream(clientStreamId(clientId));
    if (state.length === 0 || state[0]?.metadata.organizationId !== metadata.organizationId)
      throw new ClientError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId');
    clientDecider.decide(
      erase,
      fold(
        clientDecider,
        state.map((e) => ({ type: e.type, data: e.data }) as ClientEvent),
      ),
    );
    await this.runtime.keys.destroy(clientId, metadata.organizationId, reason);
    return this.execute(clientId, erase, metadata, commandId);
  }

  /** Runs a command on a client's stream; `commandId` makes a client's retry safe. */
  execute(clientId: string, command: ClientCommand, metadata: EventMetadata, commandId?: string) {
    return handleCommand(this.runtime.store, clientDecider, clientStreamId(clientId), command, {
      metadata,
      ...(commandId ? { commandId } : {}),
      // Another organization's client is, to the caller, no client at all.
      notFound: () => new ClientError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId'),
      personalData: this.runtime.personalData,
    });
  }
}

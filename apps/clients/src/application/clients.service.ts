import type { EventMetadata } from '@spn/event-store';
import { handleCommand, type ServiceRuntime } from '@spn/service-kit';
import { ClientError, clientDecider, clientStreamId, type ClientCommand } from '../domain/client';
import { clientsProjection } from '../read-model/clients.projection';
import { ClientsQueries } from '../read-model/clients.queries';

/** What the subgraph's resolvers call: commands through the decider, queries from the read model. */
export class ClientsService {
  readonly queries: ClientsQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new ClientsQueries(runtime.readModels);
  }

  /** Starts the read model's projection on the runtime. */
  static async start(runtime: ServiceRuntime): Promise<ClientsService> {
    await runtime.project(clientsProjection);
    return new ClientsService(runtime);
  }

  /** Runs a command on a client's stream; `commandId` makes a client's retry safe. */
  execute(clientId: string, command: ClientCommand, metadata: EventMetadata, commandId?: string) {
    return handleCommand(this.runtime.store, clientDecider, clientStreamId(clientId), command, {
      metadata,
      ...(commandId ? { commandId } : {}),
      // Another organization's client is, to the caller, no client at all.
      notFound: () => new ClientError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId'),
    });
  }
}

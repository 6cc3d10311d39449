import type { EventMetadata, EventStore, KeyVault } from '@spn/event-store';
import { PersonalData } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import {
  clientStreams,
  communityStreams,
  NETWORK_PERSONAL_FIELDS,
  type FixtureClient,
  type Network,
  type StreamEvents,
} from './network';

/**
 * Appends a generated network's events to a store as the clients, care-plans and partners contexts
 * would: personal fields sealed with the client's key, a full envelope, and an erased client's key
 * destroyed once their events are in. `concurrency` appends that many clients at a time (PGlite
 * takes one connection, so 1 there). Returns the number of events appended.
 */
export async function appendNetwork(
  store: Pick<EventStore, 'append'> & { readonly keys: KeyVault },
  network: Network,
  options: { readonly concurrency?: number; readonly onClient?: (done: number) => void } = {},
): Promise<number> {
  const personalData = new PersonalData(store.keys, NETWORK_PERSONAL_FIELDS);
  let appended = 0;
  const appendStream = async (stream: StreamEvents) => {
    const events = stream.subjectId
      ? await personalData.seal(stream.subjectId, stream.organizationId, stream.events)
      : stream.events;
    const metadata = metadataOf(stream.organizationId);
    await store.append(
      stream.streamId,
      'any',
      events.map((event) => ({ ...event, metadata })),
    );
    appended += events.length;
  };
  const appendClient = async (client: FixtureClient) => {
    for (const stream of clientStreams(client)) await appendStream(stream);
    if (client.erased) await store.keys.destroy(client.clientId, client.organizationId, 'erased');
  };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < network.clients.length) {
      const client = network.clients[next]!;
      next += 1;
      await appendClient(client);
      done += 1;
      options.onClient?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  for (const stream of communityStreams(network.unmetNeeds)) await appendStream(stream);
  return appended;
}

/** The envelope a Link Worker's command would carry. */
const metadataOf = (organizationId: string): EventMetadata => ({
  organizationId,
  actor: { subject: 'user-lw-1', organizationId, roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
});

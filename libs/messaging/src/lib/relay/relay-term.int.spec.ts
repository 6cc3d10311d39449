import {
  LocalKeyEncryptionKeys,
  openPgliteEventStore,
  type EventMetadata,
  type SqlEventStore,
  type SubscriptionOptions,
} from '@spn/event-store';
import { until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import type { MessagePublisher, OutgoingMessage } from '../transport.port';
import { startRelay } from './relay';

const metadata: EventMetadata = {
  organizationId: 'org-north-health',
  actor: { subject: 'user-1', organizationId: 'org-north-health', roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
};

describe('relay: a long term', () => {
  let store: SqlEventStore;
  beforeEach(async () => {
    store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
  });
  afterEach(async () => {
    await store.close();
  });

  it('leaves no listener behind on its term per page published (a leader may hold a term for weeks)', async () => {
    // The term's signal after each page the relay handled, as the subscription hands it over.
    const listenersAfterPage: number[] = [];
    const subscribe = store.subscribe.bind(store);
    store.subscribe = (options: SubscriptionOptions) =>
      subscribe({
        ...options,
        handler: async (events, term) => {
          await options.handler(events, term);
          listenersAfterPage.push(getEventListeners(term, 'abort').length);
        },
      });
    const published: OutgoingMessage[] = [];
    const publisher: MessagePublisher = {
      publish: (messages) => {
        published.push(...messages);
        return Promise.resolve();
      },
    };
    const relay = startRelay(store, publisher, { batchSize: 1, pollIntervalMs: 20 });
    try {
      for (let index = 0; index < 25; index++)
        await store.append(`client-${randomUUID()}`, 0, [
          { type: 'tests.Ticked', data: { index }, metadata },
        ]);
      await until(() => Promise.resolve(published.length === 25), 'every event published', 20_000, 20);
    } finally {
      await relay.stop();
    }
    // One page per event, all in one term: as many listeners after the last page as after the first.
    expect(listenersAfterPage).toHaveLength(25);
    expect(new Set(listenersAfterPage)).toEqual(new Set([listenersAfterPage[0]]));
  });
});

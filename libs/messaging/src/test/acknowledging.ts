import type { OutgoingMessage, TransactionalPublisher } from '../lib/transport.port';

/**
 * The real transport, noting when each event was acknowledged and in what order: its page's commit
 * (the relay publishes each page in one transaction; consumers see it from then on), by `clock`.
 */
export function acknowledging(inner: TransactionalPublisher, clock: () => number = Date.now) {
  const acknowledgedAt = new Map<string, number>();
  const sent: OutgoingMessage[] = [];
  const acknowledge = (messages: readonly OutgoingMessage[]) => {
    const now = clock();
    for (const outgoing of messages) {
      acknowledgedAt.set(outgoing.message.eventId, now);
      sent.push(outgoing);
    }
  };
  const publisher: TransactionalPublisher = {
    publish: async (messages) => {
      await inner.publish(messages);
      acknowledge(messages);
    },
    fencedPublisher: (name) => {
      const fenced = inner.fencedPublisher(name);
      return {
        close: () => fenced.close(),
        open: () => fenced.open(),
        begin: async () => {
          const transaction = await fenced.begin();
          const pending: OutgoingMessage[] = [];
          return {
            publish: async (messages) => {
              await transaction.publish(messages);
              pending.push(...messages);
            },
            commit: async () => {
              await transaction.commit();
              acknowledge(pending);
            },
            abort: () => transaction.abort(),
          };
        },
      };
    },
  };
  return { publisher, acknowledgedAt, sent };
}

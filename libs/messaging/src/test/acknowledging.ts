import type { OutgoingMessage, TransactionalPublisher } from '../lib/transport.port';
import { observeTransactional } from './observe-transactional';

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
  const publisher = observeTransactional(inner, {
    afterPublish: (messages, inTransaction) => {
      if (!inTransaction) acknowledge(messages);
    },
    afterCommit: acknowledge,
  });
  return { publisher, acknowledgedAt, sent };
}

import { topicOfEventType } from '@spn/contracts';
import type { EventStore, SqlClient, Subscription } from '@spn/event-store';
import { toIntegrationMessage } from '../integration-message';
import type { ConsumeOptions, DeadLetterSink, MessageTransport, RunningConsumer } from '../transport.port';

/**
 * The transport of the embedded mode (`npm start`, no Kafka): each consumer group follows the event
 * store's global log itself, from a durable checkpoint named after the group, and takes the events of
 * its topics. Dead letters go to a table in the consumer's database.
 */
export class EmbeddedTransport implements MessageTransport {
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly store: EventStore,
    private readonly deadLetterDatabase: SqlClient,
    private readonly options: { pollIntervalMs?: number; batchSize?: number } = {},
  ) {}

  consume(options: ConsumeOptions): Promise<RunningConsumer> {
    const topics = new Set(options.topics);
    const subscription = this.store.subscribe({
      subscriptionId: `consumer:${options.groupId}`,
      ...(this.options.pollIntervalMs ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
      ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      // The events of its topics: the rest of the log is passed over without an inbox transaction.
      accepts: (event) => topics.has(topicOfEventType(event.type)),
      handler: async (mine) => {
        const size = options.maxBatchSize ?? 100;
        for (let from = 0; from < mine.length; from += size) {
          await options.deliver(mine.slice(from, from + size).map(toIntegrationMessage));
        }
      },
    });
    this.subscriptions.add(subscription);
    // Resolves at once, not when caught up: catching up on a long log can take a while, and the
    // service must be able to stop meanwhile.
    return Promise.resolve({
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    });
  }

  deadLetters(groupId: string): DeadLetterSink {
    return {
      send: async (letter) => {
        await this.deadLetterDatabase.query(
          `INSERT INTO dead_letters (consumer_group, event_id, event_type, stream_id, attempts, error, message)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [
            groupId,
            letter.message.eventId,
            letter.message.type,
            letter.message.streamId,
            letter.attempts,
            letter.error,
            JSON.stringify(letter.message),
          ],
        );
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
  }
}

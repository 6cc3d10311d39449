import { InboxConsumer, type InboxConsumerOptions } from './inbox/inbox-consumer';
import type { MessageTransport, RunningConsumer } from './transport.port';

export interface StartConsumerOptions extends Omit<InboxConsumerOptions, 'deadLetters'> {
  readonly topics: readonly string[];
}

/** Runs a projection over a transport: inbox, retries and dead letters, the same on every transport. */
export async function startConsumer(
  transport: MessageTransport,
  options: StartConsumerOptions,
): Promise<RunningConsumer> {
  const inbox = new InboxConsumer({ ...options, deadLetters: transport.deadLetters(options.groupId) });
  return transport.consume({
    groupId: options.groupId,
    topics: options.topics,
    deliver: async (messages) => {
      await inbox.processBatch(messages);
    },
  });
}

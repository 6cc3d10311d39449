import {
  InboxConsumer,
  type InboxConsumerOptions,
  type InboxStatus,
  type Outcome,
} from './inbox/inbox-consumer';
import type { MessageTransport, RunningConsumer } from './transport.port';

export interface StartConsumerOptions extends Omit<InboxConsumerOptions, 'deadLetters'> {
  readonly topics: readonly string[];
  /**
   * Told each run's outcomes once the run has committed, before the next is taken: for work that
   * follows the read model's changes outside its transactions. It must neither block nor throw.
   */
  readonly afterRun?: (outcomes: readonly Outcome[]) => void;
}

export interface InboxRunningConsumer extends RunningConsumer {
  /** Messages held by errors that can pass (for health). */
  status(): InboxStatus;
}

/** Runs a projection over a transport: inbox, retries and dead letters, the same on every transport. */
export async function startConsumer(
  transport: MessageTransport,
  options: StartConsumerOptions,
): Promise<InboxRunningConsumer> {
  const inbox = new InboxConsumer({ ...options, deadLetters: transport.deadLetters(options.groupId) });
  const running = await transport.consume({
    groupId: options.groupId,
    topics: options.topics,
    deliver: async (messages) => {
      const outcomes = await inbox.processBatch(messages);
      options.afterRun?.(outcomes);
    },
  });
  return {
    status: () => inbox.status(),
    stop: async () => {
      // A message held by an error that can pass gives up first (it is delivered again after a restart).
      inbox.stop();
      await running.stop();
    },
  };
}

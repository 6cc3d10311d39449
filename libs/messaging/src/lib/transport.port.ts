import type { IntegrationMessage } from './integration-message';

/** A message that could not be processed, with why (no payload values in `error`: they may be personal). */
export interface DeadLetter {
  readonly message: IntegrationMessage;
  readonly groupId: string;
  readonly attempts: number;
  readonly error: string;
}

export interface DeadLetterSink {
  /** Resolves once the dead letter is durably stored (Kafka: acknowledged by all in-sync replicas). */
  send(letter: DeadLetter): Promise<void>;
}

export interface ConsumeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Called with runs of messages (one partition's, or the log's), in order per stream, one run at a
   * time per partition. It must not throw for a bad message (the inbox consumer retries and
   * dead-letters); a throw means "stop and redeliver later".
   */
  readonly deliver: (messages: readonly IntegrationMessage[]) => Promise<void>;
  /** Largest run handed to `deliver` at once. Default 100. */
  readonly maxBatchSize?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/** The narrow port services use to receive events; Kafka and the embedded log implement it. */
export interface MessageTransport {
  consume(options: ConsumeOptions): Promise<RunningConsumer>;
  deadLetters(groupId: string): DeadLetterSink;
  close(): Promise<void>;
}

/** What the relay needs: send messages to a topic, resolved only once the broker acknowledged them. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly message: IntegrationMessage;
  /** Set on messages routed to a dead-letter topic. */
  readonly error?: string;
}

export interface MessagePublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
}

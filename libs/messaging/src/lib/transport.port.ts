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
  /**
   * The relay's term (its lease's epoch) when it sent the message: on the wire (Kafka header
   * `relay-term`), so which leader published each record, and that terms never interleave, can be read
   * from the topic itself.
   */
  readonly term?: number;
}

export interface MessagePublisher {
  /**
   * Sends these messages; resolves once the broker acknowledged all of them. Throws
   * {@link MessageTooLargeError} when the broker refuses them for their size (sending fewer at once, or
   * that message alone, is then the caller's choice); any other throw may succeed if tried again.
   */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
}

/** The broker refused a publish for its size (Kafka: MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE). */
export class MessageTooLargeError extends Error {
  constructor(
    readonly count: number,
    readonly bytes: number,
    cause?: unknown,
  ) {
    super(`The broker refused ${count} message(s) of ${bytes} bytes as too large`, { cause });
    this.name = 'MessageTooLargeError';
  }
}

/**
 * The bytes one message takes on the wire before compression: key, value (the message as JSON),
 * headers and the record's own overhead. What the relay adds up to stay under the broker's limit.
 */
export function outgoingBytes(outgoing: OutgoingMessage): number {
  const { message } = outgoing;
  const headers =
    message.eventId.length +
    message.type.length +
    message.organizationId.length +
    message.metadata.correlationId.length +
    (message.metadata.causationId?.length ?? 0) +
    (message.metadata.traceparent?.length ?? 0) +
    (outgoing.error?.length ?? 0) +
    (outgoing.term !== undefined ? String(outgoing.term).length : 0);
  return (
    Buffer.byteLength(JSON.stringify(message)) +
    Buffer.byteLength(message.streamId) +
    headers +
    RECORD_OVERHEAD
  );
}

/** A record's framing (lengths, offsets, timestamps, header names): generously rounded up. */
const RECORD_OVERHEAD = 256;

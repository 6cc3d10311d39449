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

/**
 * One transaction of a {@link FencedPublisher}: what its publishes carry reaches consumers (which read
 * committed records only) at `commit`, all of it, or never.
 */
export interface PublishTransaction extends MessagePublisher {
  /** Throws {@link PublisherFencedError} when a newer publisher of the same name has started since. */
  commit(): Promise<void>;
  /** Discards what the transaction sent; never throws (a transaction it cannot end is ended by the broker). */
  abort(): Promise<void>;
}

/**
 * A publisher the broker fences: every one of a name shares one identity there (Kafka: a transactional
 * id), and the newest to start refuses every older one's transactions, open or later. A relay opens one
 * for each term it leads, so a leader that wakes from a pause can write nothing once the next began.
 */
export interface FencedPublisher {
  /**
   * Takes the name over at the broker now, writing nothing: an older publisher's open transaction is
   * aborted and its later ones refused, before this one has anything to send.
   */
  open(): Promise<void>;
  /** Starts a transaction (the first also takes over the name at the broker, if `open` did not). */
  begin(): Promise<PublishTransaction>;
  close(): Promise<void>;
}

/** A publisher that can also open {@link FencedPublisher}s (Kafka); the relay uses one when it can. */
export interface TransactionalPublisher extends MessagePublisher {
  fencedPublisher(name: string): FencedPublisher;
}

export const isTransactionalPublisher = (publisher: MessagePublisher): publisher is TransactionalPublisher =>
  typeof (publisher as Partial<TransactionalPublisher>).fencedPublisher === 'function';

/** The broker refused a fenced publisher: a newer one of its name started (another relay leads). */
export class PublisherFencedError extends Error {
  constructor(
    readonly publisherName: string,
    cause?: unknown,
  ) {
    super(`The broker fenced the publisher "${publisherName}": a newer one of that name has started`, {
      cause,
    });
    this.name = 'PublisherFencedError';
  }
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

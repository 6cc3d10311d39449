import { deadLetterTopic } from '@spn/contracts';
import {
  CompressionTypes,
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type Producer,
  type ProducerBatch,
  type Transaction,
} from 'kafkajs';
import {
  MessageTooLargeError,
  outgoingBytes,
  PublisherFencedError,
  type ConsumeOptions,
  type DeadLetterSink,
  type FencedPublisher,
  type MessageTransport,
  type OutgoingMessage,
  type PublishTransaction,
  type RunningConsumer,
  type TransactionalPublisher,
} from '../transport.port';
import type { IntegrationMessage } from '../integration-message';
import { decode, encode, UndecodableMessage } from './kafka-codec';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions and replication of the topics created at start. */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** Topics to create at start (the contexts' topics and dead-letter topics). */
  readonly topics?: readonly string[];
  /**
   * Partitions a consumer works on at once (order holds per partition, so per stream). Default: the
   * partitions of the topics created here, so one consumer keeps up with every partition it owns.
   */
  readonly concurrentPartitions?: number;
  /** How long a consumer may go silent before the group rebalances. */
  readonly sessionTimeoutMs?: number;
  /**
   * How long a fenced publisher's transaction may stay open before the broker aborts it (default 60 s,
   * kafkajs's): one whose process hangs holds back consumers of its partitions (they read committed
   * records only) until then, or until the next leader takes the name over, whichever comes first.
   */
  readonly transactionTimeoutMs?: number;
}

/**
 * The distributed transport over kafkajs. The producer is idempotent with acks=all, so a publish
 * resolves only once every in-sync replica has the batch; consumers commit offsets after `deliver`
 * resolves (at least once; the inbox makes effects exactly once) and read committed records only, so
 * nothing of a transaction that was aborted, or fenced, is ever delivered.
 */
export class KafkaTransport implements MessageTransport, TransactionalPublisher {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private readonly consumers = new Set<Consumer>();
  private readonly fenced = new Set<FencedPublisher>();

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 10 },
    });
  }

  /** Creates the configured topics if they do not exist yet. */
  async start(): Promise<void> {
    await this.ensureTopics(this.options.topics ?? []);
  }

  /**
   * Creates these topics (configured partitions and replication) unless they exist. A broker that has
   * just started (or just created them) may answer with a retriable error for a moment: tried again.
   */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.createMissingTopics(topics);
        return;
      } catch (error) {
        const retriable = (error as { retriable?: boolean }).retriable === true;
        if (!retriable || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private async createMissingTopics(topics: readonly string[]): Promise<void> {
    if (topics.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 3,
            replicationFactor: this.options.replicationFactor ?? 1,
          })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    try {
      await producer.sendBatch(producerBatch(messages));
    } catch (error) {
      if (isTooLarge(error)) throw tooLarge(messages, error);
      // A producer that lost its broker is rebuilt on the next publish; the caller retries the batch.
      await this.resetProducer();
      throw error;
    }
  }

  /**
   * A transactional producer named `name` (its transactional id): every process that opens one of this
   * name shares the identity, and the broker refuses the transactions of every one but the newest.
   */
  fencedPublisher(name: string): FencedPublisher {
    const publisher = new KafkaFencedPublisher(this.kafka, name, this.options.transactionTimeoutMs);
    this.fenced.add(publisher);
    return {
      open: () => publisher.open(),
      begin: () => publisher.begin(),
      close: async () => {
        this.fenced.delete(publisher);
        await publisher.close();
      },
    };
  }

  async consume(options: ConsumeOptions): Promise<RunningConsumer> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      // Committed records only (kafkajs's default, said here because fencing the relay relies on it):
      // an aborted or fenced transaction's records are skipped, never applied.
      readUncommitted: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
    const deadLetters = this.deadLetterTopicSink(options.groupId);
    await consumer.run({
      autoCommit: true,
      // Offsets at most once a second, not after every fetch: a round trip less per batch. A crash
      // redelivers up to a second of messages, which the inbox skips.
      autoCommitInterval: 1000,
      // Offsets are resolved run by run below, never for a run that was not applied.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrentPartitions ?? this.options.partitions ?? 3,
      // A partition's fetched records go to `deliver` in runs; each run's offsets are resolved once
      // it is applied, so a crash redelivers from the first run not applied.
      eachBatch: async (payload) => {
        const { batch } = payload;
        const size = options.maxBatchSize ?? 100;
        for (let from = 0; from < batch.messages.length; from += size) {
          if (!payload.isRunning() || payload.isStale()) return;
          const records = batch.messages.slice(from, from + size);
          const run: IntegrationMessage[] = [];
          for (const record of records) {
            try {
              run.push(decode(record));
            } catch (error) {
              if (!(error instanceof UndecodableMessage)) throw error;
              // Not a message at all: to the dead letters as it came. Nothing to apply, so order is moot.
              await deadLetters.sendRaw(record.key, record.value, error.message);
            }
          }
          if (run.length > 0) {
            // A run held by an error that can pass may take long: the group must not think us gone.
            const beat = setInterval(() => {
              void payload.heartbeat().catch(() => undefined);
            }, 1000);
            try {
              await options.deliver(run);
            } finally {
              clearInterval(beat);
            }
          }
          const last = records.at(-1);
          if (last) payload.resolveOffset(last.offset);
          await payload.heartbeat();
        }
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  deadLetters(groupId: string): DeadLetterSink {
    const sink = this.deadLetterTopicSink(groupId);
    return { send: (letter) => sink.send(letter) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    await Promise.all([...this.fenced].map((publisher) => publisher.close()));
    this.fenced.clear();
    await this.resetProducer();
  }

  private deadLetterTopicSink(groupId: string) {
    const topic = deadLetterTopic(groupId);
    return {
      send: (letter: Parameters<DeadLetterSink['send']>[0]) =>
        this.publish([
          { topic, message: letter.message, error: `${letter.attempts} attempts: ${letter.error}` },
        ]),
      sendRaw: async (key: Buffer | null, value: Buffer | null, error: string) => {
        const producer = await this.connectedProducer();
        await producer.send({ topic, acks: -1, messages: [{ key, value, headers: { error } }] });
      },
    };
  }

  private connectedProducer(): Promise<Producer> {
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
      return producer;
    })().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

/** One publish as kafkajs sends it: by topic, acks=all, gzip. */
function producerBatch(messages: readonly OutgoingMessage[]): ProducerBatch {
  const byTopic = new Map<string, ReturnType<typeof encode>[]>();
  for (const { topic, message, error, term } of messages) {
    const list = byTopic.get(topic) ?? [];
    list.push(encode(message, error, term));
    byTopic.set(topic, list);
  }
  return {
    acks: -1,
    // Gzip (built into kafkajs): JSON events shrink several times, so more fit under the limit.
    compression: CompressionTypes.GZIP,
    topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
  };
}

/** The broker answered: the producer is fine; the caller sends fewer at once, or gives up on one. */
function tooLarge(messages: readonly OutgoingMessage[], error: unknown): MessageTooLargeError {
  const bytes = messages.reduce((sum, message) => sum + outgoingBytes(message), 0);
  return new MessageTooLargeError(messages.length, bytes, error);
}

/**
 * A transactional producer (idempotent, one request in flight, as kafkajs requires). Its first
 * transaction registers the transactional id with the broker's coordinator, which bumps the id's
 * producer epoch: the transaction an older producer of that id has open is aborted, and every later
 * request of that older one is refused (INVALID_PRODUCER_EPOCH). A producer that failed in any other
 * way is dropped and built again for the next transaction (which fences whatever it left open).
 */
class KafkaFencedPublisher {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly name: string,
    private readonly transactionTimeoutMs: number | undefined,
  ) {}

  /** An empty transaction, begun and aborted: kafkajs registers the id at the first begin, not at connect. */
  async open(): Promise<void> {
    const transaction = await this.begin();
    await transaction.abort();
  }

  async begin(): Promise<PublishTransaction> {
    const producer = await this.connected();
    const transaction = await this.guard(() => producer.transaction());
    return {
      publish: async (messages) => {
        if (messages.length === 0) return;
        try {
          await transaction.sendBatch(producerBatch(messages));
        } catch (error) {
          // Refused for its size, nothing was written: the transaction goes on with smaller parts.
          if (isTooLarge(error)) throw tooLarge(messages, error);
          throw await this.failed(error);
        }
      },
      commit: () => this.guard(() => transaction.commit()),
      abort: async () => {
        await abortQuietly(transaction).catch(async () => this.close());
      },
    };
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      transactionalId: this.name,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      ...(this.transactionTimeoutMs !== undefined ? { transactionTimeout: this.transactionTimeoutMs } : {}),
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw await this.failed(error);
    }
  }

  /** A failed transaction leaves kafkajs's producer unusable: dropped; fencing is named as such. */
  private async failed(error: unknown): Promise<unknown> {
    await this.close();
    return isFenced(error) ? new PublisherFencedError(this.name, error) : error;
  }
}

async function abortQuietly(transaction: Transaction): Promise<void> {
  if (transaction.isActive()) await transaction.abort();
}

/**
 * The broker's answers to a producer whose epoch is not the id's newest: INVALID_PRODUCER_EPOCH (47,
 * what the request versions kafkajs uses get) or PRODUCER_FENCED (90, newer versions).
 */
const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

function isFenced(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { type, code, cause, errors } = error as {
    type?: unknown;
    code?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if ((typeof type === 'string' && FENCED.has(type)) || code === 47 || code === 90) return true;
  if (Array.isArray(errors) && errors.some((inner) => isFenced(inner, depth + 1))) return true;
  return isFenced(cause, depth + 1);
}

/** Kafka's answers for a record or a record batch over `message.max.bytes` (possibly wrapped). */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

function isTooLarge(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { type, cause, errors } = error as { type?: unknown; cause?: unknown; errors?: unknown };
  if (typeof type === 'string' && TOO_LARGE.has(type)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isTooLarge(inner, depth + 1))) return true;
  return isTooLarge(cause, depth + 1);
}

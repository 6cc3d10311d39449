import { ContractViolation, deadLetterTopic, topicOfEventType, type ContractRegistry } from '@spn/contracts';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import {
  DEFAULT_MAX_EVENT_BYTES,
  LeaseLostError,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@spn/event-store';
import { createLogger, type Logger } from '@spn/observability';
import { toIntegrationMessage } from '../integration-message';
import { errorCode } from '../inbox/transient';
import {
  ageSeconds,
  ATTR,
  errorType,
  failureCounters,
  lagHistograms,
  spanContextOf,
  tracer,
} from '../telemetry';
import {
  isTransactionalPublisher,
  MessageTooLargeError,
  outgoingBytes,
  PublisherFencedError,
  type FencedPublisher,
  type MessagePublisher,
  type OutgoingMessage,
  type PublishTransaction,
} from '../transport.port';

export const RELAY_DEAD_LETTERS = deadLetterTopic('relay');

/**
 * The most bytes (before compression) the relay sends in one publish: under Kafka's default
 * `message.max.bytes` (1,048,588), which bounds one partition's record batch. Setting: KAFKA_MAX_BATCH_BYTES.
 */
export const DEFAULT_MAX_BATCH_BYTES = 900_000;
/**
 * What an integration message adds to the event's data and metadata (ids, type, stream, positions,
 * times, headers, record framing): the store's limit on an event plus this must fit in one publish.
 */
export const ENVELOPE_BYTES = 16 * 1024;

/** The relay's settings cannot carry an event the store accepts (its limit is above the batch's). */
export class RelaySettingsError extends Error {
  constructor(
    readonly field: 'maxBatchBytes',
    message: string,
  ) {
    super(message);
    this.name = 'RelaySettingsError';
  }
}

export interface RelayOptions {
  /** Durable checkpoint and lease name: relays of one name share the work, one at a time. Default `relay`. */
  readonly subscriptionId?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Events whose type has a contract are validated; one that breaks it goes to `relay.dead-letters`. */
  readonly contracts?: ContractRegistry;
  /** Called after the broker acknowledged a batch and before the checkpoint moves (metrics, fault tests). */
  readonly onPublished?: (count: number) => void | Promise<void>;
  readonly onError?: (error: unknown, attempt: number) => void;
  /**
   * Most bytes per publish, before compression (default {@link DEFAULT_MAX_BATCH_BYTES}). A page of the
   * log is sent in as many publishes as it takes; it must hold the largest event the store accepts.
   */
  readonly maxBatchBytes?: number;
  /** The store's limit on one event (data and metadata), checked against `maxBatchBytes` at start. */
  readonly maxEventBytes?: number;
  /** Backoff of a publish that failed and may succeed later (broker down): from this, doubling. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly log?: Logger;
  /**
   * Every relay is exclusive: any number may run on one store, one publishes at a time (leader
   * election on the store's database, see `SubscriptionOptions.exclusive`). A dead leader is replaced
   * after this long (ms); default 10 s. Setting: SPN_RELAY_LEASE_MS.
   */
  readonly leaseMs?: number;
  /** This relay's name in the `leases` table (default host, process id, a random part). */
  readonly holder?: string;
  /** Called when this relay starts publishing (its term) or stops (undefined). */
  readonly onLeadership?: (term: { readonly holder: string; readonly epoch: number } | undefined) => void;
  /**
   * Each page in one transaction of a publisher the broker fences (default: whenever the publisher
   * can, as Kafka's does): a leader that paused mid-publish and wakes after the next term began can
   * write nothing more. `false` (`SPN_RELAY_TRANSACTIONS=off`): plain publishes, which such a leader
   * may land after the next term's, as copies the inboxes drop.
   */
  readonly transactions?: boolean;
  /** The fenced publisher's name at the broker, shared by every relay of this subscription. */
  readonly transactionalId?: string;
}

/** Routes one stored event: its context's topic, or the relay's dead letters if it breaks its contract. */
export function route(
  message: ReturnType<typeof toIntegrationMessage>,
  contracts?: ContractRegistry,
): OutgoingMessage {
  if (contracts?.knows(message.type)) {
    try {
      contracts.validate(message.type, message.schemaVersion, message.data);
    } catch (error) {
      if (error instanceof ContractViolation)
        return { topic: RELAY_DEAD_LETTERS, message, error: error.message };
      throw error;
    }
  }
  return { topic: topicOfEventType(message.type), message };
}

/**
 * Publishes every event of the store's global log, in order, to its context's topic (key = stream id).
 * Each page of the log goes out in one transaction (Kafka), in publishes of at most `maxBatchBytes`; a
 * page whose transaction fails is sent again whole in a new one until it goes through (consumers read
 * committed records only, so they never see the failed one's). A publish the broker refuses for its
 * size is split, down to the one event that cannot be sent, which is logged, counted and left behind
 * (it stays in the store) so that nothing one event does holds the others. Every relay of one name
 * shares its transactional id: the broker refuses every transaction of a leader once the next term's
 * relay has started its own, so a leader that wakes from a pause writes nothing more; it gives its
 * term up and follows. The checkpoint moves only after the page was committed: a crash in between
 * publishes some events twice, which consumers absorb through their inbox.
 */
export function startRelay(
  store: EventStore,
  publisher: MessagePublisher,
  options: RelayOptions = {},
): Subscription {
  const subscriptionId = options.subscriptionId ?? 'relay';
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  if (!Number.isSafeInteger(maxBatchBytes) || maxBatchBytes < maxEventBytes + ENVELOPE_BYTES) {
    throw new RelaySettingsError(
      'maxBatchBytes',
      `maxBatchBytes is ${maxBatchBytes}: it must be at least the store's event limit (${maxEventBytes}) plus ${ENVELOPE_BYTES} bytes of envelope`,
    );
  }
  let stopping = false;
  const fencing =
    options.transactions !== false && isTransactionalPublisher(publisher)
      ? {
          transactional: publisher,
          name: options.transactionalId ?? `spn-relay-${subscriptionId}`,
        }
      : undefined;
  // The fenced publisher of the term it was opened in: each term opens its own, and so takes the name
  // over at the broker before its first record; a term's is kept after the term ends, so a publish the
  // relay had begun then is refused by the broker, not cut short here (it is closed by the next term).
  // It is opened as the term starts, so the older leader is fenced even while there is nothing to send.
  let opened: { term: number | undefined; fenced: FencedPublisher; ready: Promise<void> } | undefined;
  const closeFenced = async () => {
    const closing = opened;
    opened = undefined;
    await closing?.fenced.close();
  };
  // The leadership of the batch in hand: lost (another relay took over), it publishes no more.
  let leadership: AbortSignal | undefined;
  let wake: (() => void) | undefined;
  // The term this relay leads in, stamped on what it publishes.
  let term: number | undefined;
  const sender: Sender = {
    publisher,
    subscriptionId,
    maxBatchBytes,
    retryDelayMs: options.retryDelayMs ?? 100,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 5000,
    log: options.log ?? createLogger('relay'),
    term: () => term,
    fenced: async () => {
      if (!fencing) return undefined;
      if (!opened || opened.term !== term) {
        void closeFenced();
        const fenced = fencing.transactional.fencedPublisher(fencing.name);
        // A failed open is tried again by the first begin, which reports it.
        opened = { term, fenced, ready: fenced.open().catch(() => undefined) };
      }
      const { fenced, ready } = opened;
      await ready;
      return fenced;
    },
    ...(options.onError ? { onError: options.onError } : {}),
    // The lease's local deadline is read at each check: a relay that wakes from a pause knows at once.
    stopping: () => stopping || leadership?.aborted === true || !subscription.leading(),
    pause: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      }),
  };
  const subscription = store.subscribe({
    subscriptionId,
    batchSize: options.batchSize ?? 500,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    maxRetryDelayMs: 2000,
    // A log that cannot be read, a checkpoint or lease that cannot be written: said, then tried again.
    onError: (error, attempt) => {
      if (!(error instanceof RelayStopped) && (attempt <= 1 || attempt % 10 === 0))
        sender.log.warn(
          { subscription: subscriptionId, attempt, error: errorCode(error) },
          'relay cannot read the log or keep its checkpoint; trying again',
        );
      options.onError?.(error, attempt);
    },
    exclusive: {
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
      ...(options.holder !== undefined ? { holder: options.holder } : {}),
      onLeadership: (leads) => {
        term = leads?.epoch;
        if (leads) void sender.fenced();
        sender.log.info(
          { subscription: subscriptionId, ...(leads ? { holder: leads.holder, term: leads.epoch } : {}) },
          leads
            ? 'relay leads: it publishes'
            : stopping
              ? 'relay stops: it no longer publishes'
              : 'relay follows: another relay publishes',
        );
        options.onLeadership?.(leads);
      },
    },
    handler: async (events, batchLeadership) => {
      leadership = batchLeadership;
      // A retry waiting for the broker wakes at once when the lease is lost. Removed after the page:
      // the signal lasts the whole term, and a listener left per page would pile up for as long.
      const wakeOnLoss = () => wake?.();
      batchLeadership.addEventListener('abort', wakeOnLoss, { once: true });
      if (batchLeadership.aborted) throw new RelayStopped();
      try {
        await publishBatch(events, sender, options.contracts);
      } catch (error) {
        if (!(error instanceof PublisherFencedError)) throw error;
        // Only a leader opens a fenced publisher: a newer term publishes. This one gives its term up
        // and goes back to asking for the lease. Its term is the publisher's (the relay may already
        // know it lost the lease, and have none).
        const fencedTerm = opened?.term ?? term ?? 0;
        sender.log.warn(
          { subscription: subscriptionId, term: fencedTerm },
          'relay fenced by the broker: a newer term publishes; it follows',
        );
        await closeFenced();
        throw new LeaseLostError(`subscription:${subscriptionId}`, fencedTerm);
      } finally {
        batchLeadership.removeEventListener('abort', wakeOnLoss);
      }
      await options.onPublished?.(events.length);
    },
  });
  return {
    caughtUp: subscription.caughtUp,
    checkpoint: () => subscription.checkpoint(),
    leading: () => subscription.leading(),
    stop: async () => {
      // A publish waiting to be tried again gives up now; the page is published again after a restart.
      stopping = true;
      wake?.();
      await subscription.stop();
      await closeFenced();
    },
  };
}

interface Sender {
  readonly publisher: MessagePublisher;
  readonly subscriptionId: string;
  readonly maxBatchBytes: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly log: Logger;
  readonly onError?: (error: unknown, attempt: number) => void;
  /** The term the relay leads in (stamped on each message it sends). */
  term(): number | undefined;
  /** The fenced publisher of this term, or undefined when the relay publishes without transactions. */
  fenced(): Promise<FencedPublisher | undefined>;
  stopping(): boolean;
  pause(ms: number): Promise<void>;
}

class RelayStopped extends Error {
  constructor() {
    super('The relay stopped before the page was published');
    this.name = 'RelayStopped';
  }
}

/** Consecutive messages in log order, each run at most `maxBatchBytes` (one larger message alone). */
export function splitByBytes(
  outgoing: readonly OutgoingMessage[],
  maxBatchBytes: number,
): { messages: OutgoingMessage[]; bytes: number }[] {
  const parts: { messages: OutgoingMessage[]; bytes: number }[] = [];
  let current: { messages: OutgoingMessage[]; bytes: number } = { messages: [], bytes: 0 };
  for (const message of outgoing) {
    const bytes = outgoingBytes(message);
    if (current.messages.length > 0 && current.bytes + bytes > maxBatchBytes) {
      parts.push(current);
      current = { messages: [], bytes: 0 };
    }
    current.messages.push(message);
    current.bytes += bytes;
  }
  if (current.messages.length > 0) parts.push(current);
  return parts;
}

/**
 * Sends the page part by part, in order; returns how many events could not be sent. With a fenced
 * publisher the whole page is one transaction, sent again whole in a new one after a failure (what the
 * failed one carried is aborted: consumers never see it); without, a failed part is sent again alone.
 */
async function sendPage(outgoing: readonly OutgoingMessage[], sender: Sender): Promise<number> {
  const fenced = await sender.fenced();
  if (!fenced) return sendParts(outgoing, sender.publisher, sender, true);
  for (let attempt = 1; ; attempt++) {
    if (sender.stopping()) throw new RelayStopped();
    let transaction: PublishTransaction | undefined;
    try {
      transaction = await fenced.begin();
      const unsendable = await sendParts(outgoing, transaction, sender, false);
      // A relay that lost its lease meanwhile leaves the page to the next leader, whole.
      if (sender.stopping()) throw new RelayStopped();
      await transaction.commit();
      return unsendable;
    } catch (error) {
      await transaction?.abort();
      if (error instanceof RelayStopped || error instanceof PublisherFencedError) throw error;
      if (sender.stopping()) throw new RelayStopped();
      const bytes = outgoing.reduce((sum, message) => sum + outgoingBytes(message), 0);
      await retryLater(error, attempt, outgoing.length, bytes, sender);
    }
  }
}

async function sendParts(
  outgoing: readonly OutgoingMessage[],
  publisher: MessagePublisher,
  sender: Sender,
  retry: boolean,
): Promise<number> {
  let unsendable = 0;
  for (const part of splitByBytes(outgoing, sender.maxBatchBytes)) {
    unsendable += await sendPart(part.messages, part.bytes, publisher, sender, retry);
  }
  return unsendable;
}

async function sendPart(
  messages: OutgoingMessage[],
  bytes: number,
  publisher: MessagePublisher,
  sender: Sender,
  retry: boolean,
): Promise<number> {
  const [only] = messages;
  if (messages.length === 1 && only && bytes > sender.maxBatchBytes) {
    return giveUp(only, bytes, publisher, sender, 'over the relay limit');
  }
  for (let attempt = 1; ; attempt++) {
    // Checked before each publish: a relay that lost its lease while it waited sends nothing more.
    if (sender.stopping()) throw new RelayStopped();
    try {
      await publisher.publish(messages);
      return 0;
    } catch (error) {
      if (error instanceof MessageTooLargeError) {
        if (messages.length === 1 && only)
          return giveUp(only, bytes, publisher, sender, 'refused by the broker');
        // Halves, in order: the broker's limit may be below ours (a topic's max.message.bytes).
        const middle = Math.ceil(messages.length / 2);
        const first = messages.slice(0, middle);
        const second = messages.slice(middle);
        const size = (part: OutgoingMessage[]) =>
          part.reduce((sum, message) => sum + outgoingBytes(message), 0);
        return (
          (await sendPart(first, size(first), publisher, sender, retry)) +
          (await sendPart(second, size(second), publisher, sender, retry))
        );
      }
      if (!retry) throw error;
      if (sender.stopping()) throw new RelayStopped();
      await retryLater(error, attempt, messages.length, bytes, sender);
    }
  }
}

/** A publish that failed and may go through later: counted, said (now and then), waited for. */
async function retryLater(
  error: unknown,
  attempt: number,
  events: number,
  bytes: number,
  sender: Sender,
): Promise<void> {
  sender.onError?.(error, attempt);
  failureCounters().relayRetries.add(1, { [ATTR.relaySubscription]: sender.subscriptionId });
  if (attempt === 1 || attempt % 10 === 0) {
    sender.log.warn(
      { subscription: sender.subscriptionId, events, bytes, attempt, error: errorType(error) },
      'relay publish failed; trying again',
    );
  }
  await sender.pause(Math.min(sender.retryDelayMs * 2 ** (attempt - 1), sender.maxRetryDelayMs));
  if (sender.stopping()) throw new RelayStopped();
}

/**
 * An event no publish can carry: logged (position, type, stream, size; never its data), counted and
 * named on the relay's dead letters (without its data, which is what was too large); it stays in the
 * store, and the relay goes on with the next.
 */
async function giveUp(
  outgoing: OutgoingMessage,
  bytes: number,
  publisher: MessagePublisher,
  sender: Sender,
  why: string,
): Promise<number> {
  const { message } = outgoing;
  const reason = `unsendable: ${bytes} bytes, ${why}; the event stays in the store at position ${message.globalPosition}`;
  sender.log.error(
    {
      subscription: sender.subscriptionId,
      position: message.globalPosition,
      type: message.type,
      stream: message.streamId,
      bytes,
    },
    'relay cannot send an event: left in the store, not on the topic',
  );
  failureCounters().relayUnsendable.add(1, {
    [ATTR.relaySubscription]: sender.subscriptionId,
    [ATTR.eventType]: message.type,
  });
  try {
    await publisher.publish([
      { topic: RELAY_DEAD_LETTERS, message: { ...message, data: {} }, error: reason },
    ]);
  } catch (error) {
    sender.log.error(
      { position: message.globalPosition, error: errorType(error) },
      'relay cannot name the unsendable event on its dead letters',
    );
  }
  return 1;
}

/**
 * One batch, traced as `relay publish` (PRODUCER) with a link to each event's trace context. When the
 * whole batch belongs to one trace (one request's events), the span joins that trace as a child of the
 * append; a batch that mixes traces starts a trace of its own, reachable through the links.
 */
async function publishBatch(
  events: readonly RecordedEvent[],
  sender: Sender,
  contracts: ContractRegistry | undefined,
): Promise<void> {
  const { subscriptionId } = sender;
  const term = sender.term();
  const outgoing = events.map((event) => ({
    ...route(toIntegrationMessage(event), contracts),
    ...(term !== undefined ? { term } : {}),
  }));
  const links = new Map<string, SpanContext>();
  for (const event of events) {
    const spanContext = spanContextOf(event.metadata.traceparent);
    if (spanContext) links.set(`${spanContext.traceId}-${spanContext.spanId}`, spanContext);
  }
  const contexts = [...links.values()];
  const traces = new Set(contexts.map((spanContext) => spanContext.traceId));
  const [first] = contexts;
  const parent = traces.size === 1 && first ? trace.setSpanContext(ROOT_CONTEXT, first) : ROOT_CONTEXT;
  const topics = new Set(outgoing.map((message) => message.topic));
  const [topic] = topics;
  await tracer().startActiveSpan(
    'relay publish',
    {
      kind: SpanKind.PRODUCER,
      links: contexts.map((context) => ({ context })),
      attributes: {
        [ATTR.operationType]: 'send',
        [ATTR.operationName]: 'publish',
        [ATTR.batchCount]: events.length,
        [ATTR.relaySubscription]: subscriptionId,
        [ATTR.relayDeadLettered]: outgoing.filter((message) => message.topic === RELAY_DEAD_LETTERS).length,
        ...(topics.size === 1 && topic ? { [ATTR.destination]: topic } : {}),
      },
    },
    parent,
    async (span) => {
      try {
        const unsendable = await sendPage(outgoing, sender);
        if (unsendable > 0) span.setAttribute(ATTR.relayUnsendable, unsendable);
        const now = Date.now();
        const { relayLag } = lagHistograms();
        for (const event of events) {
          relayLag.record(ageSeconds(event.recordedAt, now), { [ATTR.relaySubscription]: subscriptionId });
        }
      } catch (error) {
        span.setAttribute(ATTR.errorType, errorType(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

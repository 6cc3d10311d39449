import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ContractRegistry } from '@spn/contracts';
import { ContractViolation } from '@spn/contracts';
import type { SqlClient, SqlQueryable } from '@spn/event-store';
import type { IntegrationMessage } from '../integration-message';
import { ageSeconds, ATTR, contextOf, errorType, lagHistograms, tracer } from '../telemetry';
import type { DeadLetterSink } from '../transport.port';

/** Applies one message to a projection inside the inbox transaction. Throwing rolls both back. */
export type ProjectionHandler = (message: IntegrationMessage, tx: SqlQueryable) => Promise<void>;
/**
 * Applies a run of messages in order, with the same result as a {@link ProjectionHandler} on each in
 * turn: for a projection that reads and writes a run as a whole.
 */
export type BatchProjectionHandler = (
  messages: readonly IntegrationMessage[],
  tx: SqlQueryable,
) => Promise<void>;

export interface InboxConsumerOptions {
  readonly groupId: string;
  /** The consumer's own database: projection tables and the inbox. */
  readonly database: SqlClient;
  readonly handle: ProjectionHandler;
  /** When given, a run's new messages are handed over together (`handle` still takes one alone). */
  readonly handleBatch?: BatchProjectionHandler;
  readonly deadLetters: DeadLetterSink;
  /**
   * When given, messages of a type with a contract are validated and upcast to the newest version
   * before `handle`; other types (a context's internal events) reach `handle` as stored.
   */
  readonly contracts?: ContractRegistry;
  /** Tries before a message is dead-lettered (N). Default 5. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onFailure?: (failure: { eventId: string; type: string; attempt: number; error: string }) => void;
}

export type Outcome = 'applied' | 'duplicate' | 'dead-lettered';

const reasonOf = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : 'non-error thrown';

/**
 * Exactly-once effects over at-least-once delivery: the projection change and the event id commit in
 * one transaction, so a redelivered message finds its id and changes nothing. Failures are retried with
 * backoff; after `maxAttempts` (or at once, for a message that breaks its contract) the message goes to
 * the dead letters and is marked handled, so it never loops and its partition moves on.
 */
export class InboxConsumer {
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: InboxConsumerOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One message with its own retries and dead letter, traced as one `inbox process` span. */
  process(received: IntegrationMessage): Promise<Outcome> {
    const span = this.startSpan(received);
    return context.with(trace.setSpan(ROOT_CONTEXT, span), async () => {
      try {
        const outcome = await this.processWithRetries(received, span);
        this.endSpan(span, received, outcome);
        return outcome;
      } catch (error) {
        span.setAttribute(ATTR.errorType, errorType(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
        span.end();
        throw error;
      }
    });
  }

  private async processWithRetries(received: IntegrationMessage, span: Span): Promise<Outcome> {
    let message: IntegrationMessage;
    try {
      message = this.upcast(received);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      span.setAttribute(ATTR.errorType, errorType(error));
      return this.deadLetter(received, 1, reasonOf(error));
    }
    for (let attempt = 1; ; attempt++) {
      span.setAttribute(ATTR.attempts, attempt);
      try {
        return await this.applyOnce(message);
      } catch (error) {
        const reason = reasonOf(error);
        // On the span: the attempt and the error's name, never its message (it travels with the dead letter).
        span.addEvent('attempt failed', { [ATTR.attempts]: attempt, [ATTR.errorType]: errorType(error) });
        this.options.onFailure?.({ eventId: message.eventId, type: message.type, attempt, error: reason });
        if (attempt >= this.maxAttempts) {
          span.setAttribute(ATTR.errorType, errorType(error));
          return this.deadLetter(received, attempt, reason);
        }
        await this.sleep(Math.min(this.retryDelayMs * 2 ** (attempt - 1), this.maxRetryDelayMs));
      }
    }
  }

  /**
   * A run of messages in order (one partition's, or the log's): all of them in one transaction, one
   * inbox statement for all their ids, which is what makes a consumer fast. If anything fails, that
   * transaction rolls back and each message goes through {@link process} on its own, with its own
   * retries and dead letter; so the batch changes how fast, never what is applied.
   */
  async processBatch(received: readonly IntegrationMessage[]): Promise<Outcome[]> {
    if (received.length <= 1) return Promise.all(received.map((message) => this.process(message)));
    // One span per message, ended once the run's transaction has committed (or rolled back).
    const spans: { span: Span; message: IntegrationMessage; outcome: Outcome }[] = [];
    try {
      const messages = received.map((message) => this.upcast(message));
      const outcomes = await this.options.database.transaction(async (tx) => {
        const claimed = await tx.query<{ event_id: string }>(
          `INSERT INTO inbox (consumer_group, event_id, outcome)
           SELECT $1, id::uuid, 'applied' FROM jsonb_array_elements_text($2::jsonb) AS id
           ON CONFLICT DO NOTHING RETURNING event_id::text AS event_id`,
          [this.options.groupId, JSON.stringify(messages.map((message) => message.eventId))],
        );
        const fresh = new Set(claimed.map((row) => row.event_id));
        const outcomes: Outcome[] = [];
        const applied: IntegrationMessage[] = [];
        const whole = this.options.handleBatch;
        for (const message of messages) {
          const span = this.startSpan(message);
          // `delete`: an event delivered twice within the batch is applied once.
          const outcome: Outcome = fresh.delete(message.eventId.toLowerCase()) ? 'applied' : 'duplicate';
          spans.push({ span, message, outcome });
          if (outcome === 'applied') {
            if (whole) applied.push(message);
            else
              await context.with(trace.setSpan(ROOT_CONTEXT, span), () => this.options.handle(message, tx));
          }
          outcomes.push(outcome);
        }
        // One call for the run: its queries are traced under no single message's span.
        if (whole && applied.length > 0) await whole(applied, tx);
        return outcomes;
      });
      for (const { span, message, outcome } of spans) this.endSpan(span, message, outcome);
      return outcomes;
    } catch (error) {
      for (const { span } of spans) {
        span.setAttributes({ [ATTR.rolledBack]: true, [ATTR.errorType]: errorType(error) });
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'batch rolled back' });
        span.end();
      }
      const outcomes: Outcome[] = [];
      for (const message of received) outcomes.push(await this.process(message));
      return outcomes;
    }
  }

  /** `inbox process` (CONSUMER), a child of the append that wrote the event (its `traceparent`). */
  private startSpan(message: IntegrationMessage): Span {
    return tracer().startSpan(
      'inbox process',
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [ATTR.operationType]: 'process',
          [ATTR.operationName]: 'process',
          [ATTR.consumerGroup]: this.options.groupId,
          [ATTR.messageId]: message.eventId,
          [ATTR.eventType]: message.type,
          [ATTR.organization]: message.organizationId,
        },
      },
      contextOf(message.metadata.traceparent),
    );
  }

  private endSpan(span: Span, message: IntegrationMessage, outcome: Outcome): void {
    span.setAttribute(ATTR.outcome, outcome);
    if (outcome === 'dead-lettered') span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
    if (outcome === 'applied') {
      lagHistograms().consumerLag.record(ageSeconds(message.recordedAt), {
        [ATTR.consumerGroup]: this.options.groupId,
      });
    }
    span.end();
  }

  private upcast(message: IntegrationMessage): IntegrationMessage {
    const contracts = this.options.contracts;
    // Contracts govern integration events; a context's own internal events (no contract) pass as stored.
    if (!contracts?.knows(message.type)) return message;
    const current = contracts.toNewest(message.type, message.schemaVersion, message.data);
    return { ...message, schemaVersion: current.version, data: current.data as IntegrationMessage['data'] };
  }

  private applyOnce(message: IntegrationMessage): Promise<Outcome> {
    return this.options.database.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO inbox (consumer_group, event_id, outcome) VALUES ($1, $2, 'applied')
         ON CONFLICT DO NOTHING RETURNING 1`,
        [this.options.groupId, message.eventId],
      );
      if (claimed.length === 0) return 'duplicate';
      await this.options.handle(message, tx);
      return 'applied';
    });
  }

  private async deadLetter(message: IntegrationMessage, attempts: number, error: string): Promise<Outcome> {
    // Already handled (a redelivery after the dead letter was sent): nothing to do, no second letter.
    const [seen] = await this.options.database.query(
      'SELECT 1 FROM inbox WHERE consumer_group = $1 AND event_id = $2',
      [this.options.groupId, message.eventId],
    );
    if (seen) return 'duplicate';
    await this.options.deadLetters.send({ message, groupId: this.options.groupId, attempts, error });
    await this.options.database.query(
      `INSERT INTO inbox (consumer_group, event_id, outcome) VALUES ($1, $2, 'dead-lettered') ON CONFLICT DO NOTHING`,
      [this.options.groupId, message.eventId],
    );
    return 'dead-lettered';
  }
}

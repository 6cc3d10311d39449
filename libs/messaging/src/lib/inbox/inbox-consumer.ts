import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ContractRegistry } from '@spn/contracts';
import { ContractViolation } from '@spn/contracts';
import type { SqlClient, SqlQueryable } from '@spn/event-store';
import { createLogger, type Logger } from '@spn/observability';
import type { IntegrationMessage } from '../integration-message';
import { ageSeconds, ATTR, contextOf, errorType, failureCounters, lagHistograms, tracer } from '../telemetry';
import type { DeadLetterSink } from '../transport.port';
import { failureReason } from './failure-reason';
import { errorCode, isTransientError } from './transient';

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
  /**
   * Tries before a message that fails with an error of its own (not one that can pass) is
   * dead-lettered (N). Default 5. An error that can pass ({@link isTransientError}: connection lost,
   * serialization failure, deadlock, lock timeout, database restarting) is tried again for as long as
   * it takes, holding the partition.
   */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onFailure?: (failure: {
    eventId: string;
    type: string;
    attempt: number;
    error: string;
    transient: boolean;
  }) => void;
  readonly log?: Logger;
}

/** What the consumer is doing about failures, for health: messages held by errors that can pass. */
export interface InboxStatus {
  /** Messages being tried again (each holds its partition). */
  readonly held: number;
  /** Since when the oldest of them has been held, and the code of its last error. */
  readonly heldSince?: Date;
  readonly lastError?: string;
}

/** The consumer stopped while a message waited to be tried again: it is delivered again later. */
export class ConsumerStoppedError extends Error {
  constructor(readonly groupId: string) {
    super(`Consumer ${groupId} stopped`);
    this.name = 'ConsumerStoppedError';
  }
}

/** One dead letter replayed: applied, or failed again (with why). */
export interface ReplayResult {
  readonly groupId: string;
  readonly eventId: string;
  readonly outcome: 'replayed' | 'failed';
  readonly error?: string;
}

export type Outcome = 'applied' | 'duplicate' | 'dead-lettered';

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
  private readonly log: Logger;
  /** Messages held by an error that can pass: since when, and the last error's code. */
  private readonly held = new Map<string, { since: Date; code: string }>();
  private readonly wakers = new Set<() => void>();
  private stopped = false;

  constructor(private readonly options: InboxConsumerOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
    this.sleep =
      options.sleep ??
      ((ms) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.wakers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, ms);
          this.wakers.add(done);
        }));
    this.log = options.log ?? createLogger('inbox');
  }

  /** Messages held by errors that can pass (health says so while there are any). */
  status(): InboxStatus {
    let oldest: { since: Date; code: string } | undefined;
    for (const entry of this.held.values()) if (!oldest || entry.since < oldest.since) oldest = entry;
    return oldest ? { held: this.held.size, heldSince: oldest.since, lastError: oldest.code } : { held: 0 };
  }

  /** Stops retrying: a message waiting to be tried again gives up ({@link ConsumerStoppedError}). */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.wakers]) wake();
  }

  /** Read through a method: `stop()` changes it while a retry awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private backoff(attempt: number): number {
    return Math.min(this.retryDelayMs * 2 ** (Math.min(attempt, 30) - 1), this.maxRetryDelayMs);
  }

  private hold(message: IntegrationMessage, error: unknown, attempt: number): void {
    const code = errorCode(error);
    const entry = this.held.get(message.eventId);
    if (entry) entry.code = code;
    else {
      this.held.set(message.eventId, { since: new Date(), code });
      failureCounters().inboxHeld.add(1, { [ATTR.consumerGroup]: this.options.groupId });
    }
    failureCounters().inboxRetries.add(1, {
      [ATTR.consumerGroup]: this.options.groupId,
      [ATTR.errorType]: code,
    });
    if (attempt === 1 || attempt % 20 === 0) {
      this.log.warn(
        {
          group: this.options.groupId,
          eventId: message.eventId,
          type: message.type,
          position: message.globalPosition,
          attempt,
          error: code,
        },
        'message failed with an error that can pass: trying again, its partition waits',
      );
    }
  }

  private release(message: IntegrationMessage): void {
    if (!this.held.delete(message.eventId)) return;
    failureCounters().inboxHeld.add(-1, { [ATTR.consumerGroup]: this.options.groupId });
    this.log.info(
      { group: this.options.groupId, eventId: message.eventId, position: message.globalPosition },
      'message went through after being held',
    );
  }

  /** Runs `work` until it succeeds or fails with an error that cannot pass (thrown). */
  private async untilDone<T>(message: IntegrationMessage, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.isStopped()) throw new ConsumerStoppedError(this.options.groupId);
      try {
        return await work();
      } catch (error) {
        if (!isTransientError(error)) throw error;
        this.hold(message, error, attempt);
        await this.sleep(this.backoff(attempt));
      }
    }
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
      return this.deadLetter(received, 1, failureReason(error), error);
    }
    try {
      // Errors that can pass are retried for as long as it takes; the others `maxAttempts` times.
      for (let attempt = 1, failures = 0; ; attempt++) {
        if (this.isStopped()) throw new ConsumerStoppedError(this.options.groupId);
        span.setAttribute(ATTR.attempts, attempt);
        try {
          return await this.applyOnce(message);
        } catch (error) {
          if (this.isStopped()) throw new ConsumerStoppedError(this.options.groupId);
          const reason = failureReason(error);
          const transient = isTransientError(error);
          // On the span: the attempt and the error's name, never its message (it travels with the dead letter).
          span.addEvent('attempt failed', { [ATTR.attempts]: attempt, [ATTR.errorType]: errorType(error) });
          this.options.onFailure?.({
            eventId: message.eventId,
            type: message.type,
            attempt,
            error: reason,
            transient,
          });
          if (transient) {
            this.hold(message, error, attempt);
            await this.sleep(this.backoff(attempt));
            continue;
          }
          failures += 1;
          if (failures >= this.maxAttempts) {
            span.setAttribute(ATTR.errorType, errorType(error));
            return await this.deadLetter(received, attempt, reason, error);
          }
          await this.sleep(this.backoff(failures));
        }
      }
    } finally {
      this.release(message);
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

  /**
   * Dead-letters a message that can never apply as it is: on the transport's dead letters, and in the
   * `dead_letters` table with the inbox row in one transaction (what `npm run dead-letters` lists and
   * replays); logged with ids and the error's code only, and counted.
   */
  private async deadLetter(
    message: IntegrationMessage,
    attempts: number,
    error: string,
    cause: unknown,
  ): Promise<Outcome> {
    const { groupId, database } = this.options;
    return this.untilDone(message, async () => {
      // Already handled (a redelivery after the dead letter was sent): nothing to do, no second letter.
      const [seen] = await database.query('SELECT 1 FROM inbox WHERE consumer_group = $1 AND event_id = $2', [
        groupId,
        message.eventId,
      ]);
      if (seen) return 'duplicate';
      await this.options.deadLetters.send({ message, groupId, attempts, error });
      await database.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO dead_letters (consumer_group, event_id, event_type, stream_id, attempts, error, message)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [
            groupId,
            message.eventId,
            message.type,
            message.streamId,
            attempts,
            error,
            JSON.stringify(message),
          ],
        );
        await tx.query(
          `INSERT INTO inbox (consumer_group, event_id, outcome) VALUES ($1, $2, 'dead-lettered') ON CONFLICT DO NOTHING`,
          [groupId, message.eventId],
        );
      });
      failureCounters().inboxDeadLetters.add(1, {
        [ATTR.consumerGroup]: groupId,
        [ATTR.eventType]: message.type,
      });
      this.log.error(
        {
          group: groupId,
          eventId: message.eventId,
          type: message.type,
          stream: message.streamId,
          position: message.globalPosition,
          attempts,
          error: errorCode(cause),
        },
        'message dead-lettered: it cannot apply as it is (npm run dead-letters -- show <event id>)',
      );
      return 'dead-lettered' as const;
    });
  }

  /**
   * Applies this group's dead letters again (those named, or all not replayed yet), oldest first, each
   * in one transaction with its inbox row and its dead letter marked replayed. One that fails again
   * stays a dead letter, with its new error and one more attempt.
   */
  async replay(eventIds?: readonly string[]): Promise<ReplayResult[]> {
    const { groupId, database } = this.options;
    const rows = await database.query<{ event_id: string; message: IntegrationMessage | string }>(
      `SELECT event_id::text AS event_id, message FROM dead_letters
       WHERE consumer_group = $1 AND replayed_at IS NULL
         AND ($2::jsonb IS NULL OR event_id::text IN (SELECT jsonb_array_elements_text($2::jsonb)))
       ORDER BY dead_lettered_at, event_id`,
      [groupId, eventIds ? JSON.stringify(eventIds.map((id) => id.toLowerCase())) : null],
    );
    const results: ReplayResult[] = [];
    for (const row of rows) {
      const stored =
        typeof row.message === 'string' ? (JSON.parse(row.message) as IntegrationMessage) : row.message;
      try {
        const message = this.upcast(stored);
        await this.untilDone(message, () =>
          database.transaction(async (tx) => {
            await this.options.handle(message, tx);
            await tx.query(
              `INSERT INTO inbox (consumer_group, event_id, outcome) VALUES ($1, $2, 'applied')
               ON CONFLICT (consumer_group, event_id) DO UPDATE SET outcome = 'applied', handled_at = now()`,
              [groupId, message.eventId],
            );
            await tx.query(
              'UPDATE dead_letters SET replayed_at = now() WHERE consumer_group = $1 AND event_id = $2',
              [groupId, message.eventId],
            );
          }),
        );
        failureCounters().inboxReplayed.add(1, { [ATTR.consumerGroup]: groupId });
        this.log.info({ group: groupId, eventId: row.event_id, type: stored.type }, 'dead letter replayed');
        results.push({ groupId, eventId: row.event_id, outcome: 'replayed' });
      } catch (error) {
        if (error instanceof ConsumerStoppedError) throw error;
        const reason = failureReason(error);
        await database.query(
          'UPDATE dead_letters SET attempts = attempts + 1, error = $3 WHERE consumer_group = $1 AND event_id = $2',
          [groupId, row.event_id, reason],
        );
        results.push({ groupId, eventId: row.event_id, outcome: 'failed', error: reason });
      }
    }
    return results;
  }
}

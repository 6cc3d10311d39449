import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { EventStoreError, WrongExpectedVersionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  ReadLogResult,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { eventHash, genesisHash } from '../hashing';
import { EventLogIntegrity } from '../integrity/event-log-integrity';
import { readAppendSigning, signAppend, startAppendSigning } from '../integrity/append-signing';
import { SealKeyError, sealKeyId, type SealKeys } from '../integrity/seal-signing';
import { assertKeyInForce, KEY_ID_IN_FORCE_SQL } from '../integrity/signing-key-ring';
import type { KeyEncryptionKeys } from '../privacy/key-encryption';
import { DEFAULT_DATA_KEY_CACHE_SIZE } from '../privacy/data-key-cache';
import { destroyKey, KeyVault } from '../privacy/key-vault';
import type { Upcasters } from '../upcasting';
import { streamCategory, validateAppend } from '../validation';
import { appendedCounter, ATTR, tracer, withActiveTraceparent } from '../telemetry';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';
import { LogTurns } from './log-turns';
import { EVENT_LOG_LOCK, EVENTS_CHANNEL } from './schema';
import { sqlErrorOf, type SqlClient, type SqlQueryable } from './sql-client';
import { GroupQueue, type GroupQueueStats } from './group-queue';
import { SharedLogReads, startSubscription } from './subscription';

export interface EventStoreOptions {
  /** Largest canonical JSON size of one event's data plus metadata, in bytes. Default 256 KiB. */
  readonly maxEventBytes?: number;
  readonly upcasters?: Upcasters;
  /** Business clock for `occurredAt` when an event does not give one. */
  readonly clock?: () => Date;
  /**
   * Bound on an append's wait for the event log lock, on each of its statements and on each pause
   * between them (lock_timeout, statement_timeout, idle_in_transaction_session_timeout), in ms; 0 for
   * none. Another append holds the lock for at most about this long per step; a wait beyond it fails
   * with `APPEND_TIMEOUT`. Default 0 (none): the PostgreSQL adapter sets 5000.
   */
  readonly appendTimeoutMs?: number;
  /**
   * The key-encryption keys that wrap the data keys (a key file, a variable, a KMS). Without them the
   * store appends and reads, but personal data can be neither sealed nor opened.
   */
  readonly keyEncryptionKeys?: KeyEncryptionKeys;
  /** The seals' signing key (to seal) and public key (to verify); see integrity/seal-signing.ts. */
  readonly sealKeys?: SealKeys;
  /**
   * How many opened data keys the store keeps in memory (privacy/data-key-cache.ts: an erasure evicts
   * its subject's key in every process); 0 reads every key from the database. Default 10,000.
   */
  readonly dataKeyCacheSize?: number;
}

/** Most appends one group commit takes in its transaction. */
const MAX_GROUP_COMMIT = 64;

export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

/** One append's work in its transaction; `logLocked`: the event log lock is already held in it. */
type AppendWork = (tx: SqlQueryable, logLocked: boolean) => Promise<AppendResult>;

interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: NewEvent['data'];
  readonly metadata: NewEvent['metadata'];
  readonly occurredAt: Date;
}

// The first statement of an append, before its transaction has an id: takes the event log lock (see
// readLog) under the append's time bounds ($1: a duration, '0' for none).
const LOCK_LOG_SQL = `
SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $1, true),
       set_config('idle_in_transaction_session_timeout', $1, true), pg_advisory_xact_lock(${EVENT_LOG_LOCK})`;

// Locks the stream's head (if any) and takes the commit time after the lock, never before the
// stream's last event: recorded-at never goes back within a stream. Reads, after the event log lock
// (this statement's snapshot is taken after it), the key in force: a rotation is seen by the next append.
const LOCK_HEAD_SQL = `
WITH head AS (SELECT version, last_hash, organization_id, updated_at FROM streams WHERE stream_id = $1 FOR UPDATE)
SELECT head.version::text AS version, head.last_hash, head.organization_id,
       date_trunc('milliseconds', GREATEST(clock_timestamp(), head.updated_at)) AS recorded_at,
       ${KEY_ID_IN_FORCE_SQL} AS key_in_force
FROM (SELECT 1) AS one LEFT JOIN head ON true`;

// One statement writes the events, moves the stream head and signals live subscribers (on commit).
const INSERT_SQL = `
WITH inserted AS (
  INSERT INTO events (stream_id, category, stream_version, event_id, event_type, schema_version, organization_id,
                      data, metadata, occurred_at, recorded_at, previous_hash, hash, signature)
  SELECT $1, $2, (e->>'v')::bigint, (e->>'id')::uuid, e->>'t', (e->>'sv')::int, $3,
         e->'d', e->'m', (e->>'o')::timestamptz, $4::timestamptz, e->>'ph', e->>'h', e->>'s'
  FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS batch(e, n)
  ORDER BY n
  RETURNING global_position, stream_version
), head AS (
  INSERT INTO streams (stream_id, category, organization_id, version, last_hash, updated_at)
  VALUES ($1, $2, $3, $6, $7, $4::timestamptz)
  ON CONFLICT (stream_id) DO UPDATE
    SET version = EXCLUDED.version, last_hash = EXCLUDED.last_hash, updated_at = EXCLUDED.updated_at
  RETURNING 1
), notified AS (SELECT pg_notify('${EVENTS_CHANNEL}', $2) FROM head)
SELECT inserted.global_position::text AS global_position
FROM inserted CROSS JOIN notified ORDER BY inserted.stream_version`;

// Appends take the event log lock before their transaction has an id and hold it to commit (the lock
// is released after the commit is visible), and the events_in_log_order trigger refuses a writer that
// did not: so an event still uncommitted always sorts after every committed one, and the reader needs
// no wait for running transactions (other databases, read models), only this order.
const READ_LOG_SQL = `
SELECT ${EVENT_COLUMNS} FROM events
WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
ORDER BY events.transaction_id, events.global_position
LIMIT $3`;

/** The event store over any PostgreSQL driver that implements {@link SqlClient}. */
export class SqlEventStore implements EventStore {
  readonly integrity: EventLogIntegrity;
  /** Per-subject keys for the personal fields of events (crypto-shredding). */
  readonly keys: KeyVault;
  private readonly maxEventBytes: number;
  private readonly upcasters: Upcasters;
  private readonly clock: () => Date;
  private readonly appendTimeout: string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly sharedLogReads = new SharedLogReads((from, limit) => this.readLog(from, limit));
  private closed = false;
  /** Signs every append's hashes (integrity/append-signing.ts); without it, appends to a signed log are refused. */
  private readonly signingKey: KeyObject | undefined;
  /** Its id: an append is refused unless it is the key in force (integrity/signing-key-ring.ts). */
  private readonly signingKeyId: string | undefined;
  /** Whether this process has made sure the log's appends are signed from now on. */
  private signingStarted = false;

  constructor(
    private readonly sql: SqlClient,
    options: EventStoreOptions = {},
  ) {
    this.signingKey = options.sealKeys?.signingKey;
    this.signingKeyId = this.signingKey && sealKeyId(createPublicKey(this.signingKey));
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.upcasters = options.upcasters ?? {};
    this.clock = options.clock ?? (() => new Date());
    this.appendTimeout = `${options.appendTimeoutMs ?? 0}ms`;
    this.logTurns = new LogTurns(options.appendTimeoutMs ?? 0);
    this.integrity = new EventLogIntegrity(sql, options.sealKeys);
    this.keys = new KeyVault(
      sql,
      options.keyEncryptionKeys,
      options.dataKeyCacheSize ?? DEFAULT_DATA_KEY_CACHE_SIZE,
    );
  }

  /**
   * Grouped appends ({@link AppendOptions.group}) run in one transaction, one after the other, under
   * the event log lock taken once for all of them. One that fails is rejected with its own error, and
   * the others run again without it in a new transaction: no savepoint per append, whose round trips
   * would cost every group what only a failing one needs.
   */
  private readonly groupCommit = new GroupQueue<AppendWork, AppendResult>(async (appends) => {
    const outcomes: PromiseSettledResult<AppendResult>[] = [];
    let pending = appends.map((work, index) => ({ work, index }));
    while (pending.length > 0) {
      const attempt: { failed?: { index: number; error: unknown } } = {};
      const group = pending;
      try {
        const results = await this.inLogTurn(() =>
          this.sql.transaction(async (tx) => {
            await tx.query(LOCK_LOG_SQL, [this.appendTimeout]);
            const committed: AppendResult[] = [];
            for (const { work, index } of group) {
              try {
                committed.push(await work(tx, true));
              } catch (error) {
                attempt.failed = { index, error };
                throw error;
              }
            }
            return committed;
          }),
        );
        group.forEach(({ index }, position) => {
          outcomes[index] = { status: 'fulfilled', value: results[position] as AppendResult };
        });
        pending = [];
      } catch (error) {
        // Not one append's failure (the lock, the connection, the commit): every append of the group.
        const { failed } = attempt;
        if (failed === undefined) throw error;
        outcomes[failed.index] = { status: 'rejected', reason: failed.error };
        pending = group.filter(({ index }) => index !== failed.index);
      }
    }
    return outcomes;
  }, MAX_GROUP_COMMIT);

  /** Turns at the event log lock (see {@link LogTurns}), bounded like the lock's own wait. */
  private readonly logTurns: LogTurns;

  private inLogTurn<T>(transaction: () => Promise<T>, streamId?: string): Promise<T> {
    return this.logTurns.run(
      transaction,
      () =>
        new EventStoreError(
          'APPEND_TIMEOUT',
          `The append waited longer than ${this.appendTimeout} for its turn at the event log`,
          streamId === undefined ? {} : { streamId },
        ),
    );
  }

  /** How many grouped appends were committed, in how many flushes (a failing append adds a transaction). */
  groupCommitStats(): GroupQueueStats {
    return this.groupCommit.stats();
  }

  /**
   * Traced as `event_store.append` (category, event count, organization; never data). Events without a
   * `metadata.traceparent` get the append span's, so the trace continues through relay and consumers.
   */
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return tracer().startActiveSpan(
      'event_store.append',
      { kind: SpanKind.INTERNAL, attributes: { [ATTR.eventCount]: events.length } },
      async (span) => {
        try {
          const { result, category } = await this.appendEvents(
            streamId,
            expectedVersion,
            withActiveTraceparent(events),
            span,
            options,
          );
          span.setAttributes({
            [ATTR.streamVersion]: result.nextExpectedVersion,
            [ATTR.idempotentReplay]: result.idempotentReplay,
          });
          if (!result.idempotentReplay) appendedCounter().add(events.length, { [ATTR.category]: category });
          return result;
        } catch (error) {
          // The code or the error's name only: messages may name streams.
          const type =
            error instanceof EventStoreError ? error.code : error instanceof Error ? error.name : 'unknown';
          span.setAttribute(ATTR.errorType, type);
          span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async appendEvents(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    span: Span,
    options: AppendOptions,
  ): Promise<{ result: AppendResult; category: string }> {
    this.assertOpen();
    const { category, organizationId } = validateAppend(
      streamId,
      expectedVersion,
      events,
      this.maxEventBytes,
    );
    span.setAttributes({ [ATTR.category]: category, [ATTR.organization]: organizationId });
    const prepared: PreparedEvent[] = events.map((event) => ({
      eventId: event.eventId?.toLowerCase() ?? uuidv7(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata: event.metadata,
      occurredAt: event.occurredAt ?? this.clock(),
    }));
    try {
      const erased = options.destroyKeyOf;
      const work: AppendWork = async (tx, logLocked) => {
        // First, so that the events' insert (and any failure of it) follows the destruction in the
        // one transaction: an erasure is the key gone and its event recorded, or neither.
        if (erased) await destroyKey(tx, { ...erased, organizationId });
        return this.appendInTransaction(
          tx,
          logLocked,
          streamId,
          category,
          organizationId,
          expectedVersion,
          prepared,
        );
      };
      const result =
        (options.group ?? true)
          ? await this.groupCommit.push(work)
          : await this.inLogTurn(() => this.sql.transaction((tx) => work(tx, false)), streamId);
      if (this.signingKey) this.signingStarted = true;
      return { result, category };
    } catch (error) {
      const { code, constraint } = sqlErrorOf(error);
      const conflict =
        error instanceof WrongExpectedVersionError || (code === '23505' && constraint !== 'streams_pkey');
      if (conflict && events.every((event) => event.eventId !== undefined)) {
        const replay = await this.findReplay(streamId, prepared);
        if (replay) return { result: replay, category };
      }
      if (error instanceof EventStoreError) throw error;
      if (code === '23505' && constraint === 'events_event_id_unique') {
        throw new EventStoreError(
          'IDEMPOTENCY_CONFLICT',
          `An event id of this append is already stored elsewhere`,
          {
            streamId,
          },
        );
      }
      // lock_not_available, query_canceled, idle_in_transaction_session_timeout: a bound ran out.
      if (code === '55P03' || code === '57014' || code === '25P03') {
        throw new EventStoreError(
          'APPEND_TIMEOUT',
          `The append took longer than ${this.appendTimeout} at one step (waiting for the event log)`,
          { streamId },
        );
      }
      if (code === '23505') {
        throw new WrongExpectedVersionError(streamId, expectedVersion, await this.streamVersion(streamId));
      }
      if (code === '22P05' || code === '22P02' || code === '22021') {
        throw new EventStoreError('INVALID_EVENT', 'An event holds text PostgreSQL cannot store', {
          streamId,
        });
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    streamCategory(streamId);
    const rows = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version >= $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
       ORDER BY events.stream_version`,
      [streamId, options.fromVersion ?? 1, options.asOf?.toISOString() ?? null],
    );
    return rows.map((row) => toRecordedEvent(row, this.upcasters));
  }

  async readLog(from: LogCheckpoint, limit = 1000): Promise<ReadLogResult> {
    this.assertOpen();
    const rows = await this.sql.query<EventRow>(READ_LOG_SQL, [
      from.transactionId,
      from.globalPosition,
      limit,
    ]);
    const events = rows.map((row) => toRecordedEvent(row, this.upcasters));
    const last = events.at(-1);
    return {
      events,
      checkpoint: last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : from,
    };
  }

  subscribe(options: SubscriptionOptions): Subscription {
    this.assertOpen();
    const subscription = startSubscription(
      this.sql,
      (from, limit) => this.sharedLogReads.read(from, limit),
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.keys.close();
    await this.sql.close();
  }

  private async appendInTransaction(
    tx: SqlQueryable,
    logLocked: boolean,
    streamId: string,
    category: string,
    organizationId: string,
    expectedVersion: ExpectedVersion,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    // A group commit takes it once for all its appends, with its time bounds (a round trip less each,
    // inside the lock that every append of the database waits for).
    if (!logLocked) await tx.query(LOCK_LOG_SQL, [this.appendTimeout]);
    await this.assertCanSign(tx);
    const [head] = await tx.query<{
      version: string | null;
      last_hash: string | null;
      organization_id: string | null;
      recorded_at: Date;
      key_in_force: string | null;
    }>(LOCK_HEAD_SQL, [streamId]);
    if (!head) throw new Error('The stream head query returned no row');
    // Every append, not only the first: a process left running with the old key after a rotation
    // is refused rather than writing events that fail verification.
    if (this.signingKeyId) assertKeyInForce(head.key_in_force, this.signingKeyId, 'appending');
    const actualVersion = head.version === null ? 0 : Number(head.version);
    if (expectedVersion !== 'any' && expectedVersion !== actualVersion) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, actualVersion);
    }
    if (head.organization_id !== null && head.organization_id !== organizationId) {
      throw new EventStoreError(
        'ORGANIZATION_MISMATCH',
        `Stream ${streamId} belongs to another organization`,
        {
          streamId,
        },
      );
    }
    let previousHash = head.last_hash ?? genesisHash(streamId);
    const batch = events.map((event, index) => {
      const hash = eventHash({
        ...event,
        previousHash,
        streamId,
        organizationId,
        recordedAt: head.recorded_at,
      });
      const row = {
        v: actualVersion + index + 1,
        id: event.eventId,
        t: event.type,
        sv: event.schemaVersion,
        d: event.data,
        m: event.metadata,
        o: event.occurredAt.toISOString(),
        ph: previousHash,
        h: hash,
        ...(this.signingKey ? { s: signAppend(this.signingKey, hash) } : {}),
      };
      previousHash = hash;
      return row;
    });
    const nextVersion = actualVersion + events.length;
    const inserted = await tx.query<{ global_position: string }>(INSERT_SQL, [
      streamId,
      category,
      organizationId,
      head.recorded_at.toISOString(),
      JSON.stringify(batch),
      nextVersion,
      previousHash,
    ]);
    return {
      nextExpectedVersion: nextVersion,
      globalPositions: inserted.map((row) => Number(row.global_position)),
      idempotentReplay: false,
    };
  }

  /**
   * Under the event log lock: with the key, the log is marked signed from here on (once per process);
   * without it, an append to a log whose appends are signed is refused, as it could not be told from
   * a forgery.
   */
  private async assertCanSign(tx: SqlQueryable): Promise<void> {
    if (this.signingKey) {
      if (this.signingStarted) return;
      // Marked only once the transaction commits (appendEvents): a rolled-back append tries again.
      await startAppendSigning(tx, this.signingKey);
      return;
    }
    if (await readAppendSigning(tx))
      throw new SealKeyError(
        'signingKey',
        "this log's appends are signed: appending needs the store's signing key (SPN_SEAL_KEY_DIR or SPN_SEAL_SIGNING_KEY)",
      );
  }

  /** A retry of an append that was stored already: the same ids, in the same stream, in order. */
  private async findReplay(
    streamId: string,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult | undefined> {
    const rows = await this.sql.query<{
      event_id: string;
      stream_id: string;
      stream_version: string;
      global_position: string;
    }>(
      `SELECT event_id::text AS event_id, stream_id, stream_version::text AS stream_version,
              global_position::text AS global_position
       FROM events WHERE event_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))
       ORDER BY events.stream_version`,
      [JSON.stringify(events.map((event) => event.eventId))],
    );
    if (rows.length === 0) return undefined;
    const sameAppend =
      rows.length === events.length &&
      rows.every((row, index) => row.stream_id === streamId && row.event_id === events[index]?.eventId);
    if (!sameAppend) {
      throw new EventStoreError(
        'IDEMPOTENCY_CONFLICT',
        'Some event ids of this append are already stored, not all',
        {
          streamId,
        },
      );
    }
    return {
      nextExpectedVersion: Number(rows.at(-1)?.stream_version),
      globalPositions: rows.map((row) => Number(row.global_position)),
      idempotentReplay: true,
    };
  }

  private async streamVersion(streamId: string): Promise<number> {
    const [row] = await this.sql.query<{ version: string }>(
      'SELECT version::text AS version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return row ? Number(row.version) : 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreError('STORE_CLOSED', 'The event store is closed');
  }
}

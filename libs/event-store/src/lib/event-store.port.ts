/**
 * The event store port: what services and tools may ask of the audit-complete event log.
 * Adapters (PostgreSQL, PGlite) implement it over one SQL schema; see ../README.md.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who acted: the authenticated subject, their organization and roles at the time. */
export interface Actor {
  readonly subject: string;
  readonly organizationId: string;
  readonly roles: readonly string[];
}

/** The envelope every event carries (docs/architecture.md, the event). */
export interface EventMetadata {
  /** The tenant the stream belongs to. */
  readonly organizationId: string;
  readonly actor: Actor;
  /** The subject the actor acted for, when not themselves (e.g. a supervisor for a Link Worker). */
  readonly onBehalfOf?: string;
  /** Why the data was touched (e.g. `care`, `audit`, `evaluation`): PHIPA asks for it. */
  readonly purposeOfUse: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** W3C trace context of the request that caused the event. */
  readonly traceparent?: string;
}

export interface NewEvent<TData extends JsonObject = JsonObject> {
  /** UUIDv7; the idempotency key. Generated when omitted (then a retry is not idempotent). */
  readonly eventId?: string;
  /** `<context>.<EventName>`, e.g. `clients.ClientReferred`. */
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  /** Business time; defaults to the store's clock. */
  readonly occurredAt?: Date;
}

export interface RecordedEvent<TData extends JsonObject = JsonObject> {
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly streamId: string;
  readonly category: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  /** After upcasting: the newest schema version this process knows for the type. */
  readonly schemaVersion: number;
  readonly organizationId: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly occurredAt: Date;
  /** Server time of the commit's transaction, to the millisecond. */
  readonly recordedAt: Date;
  readonly hash: string;
}

/** A stream's version before the append: a number (0 = the stream must not exist yet) or `any`. */
export type ExpectedVersion = number | 'any';
export const NO_STREAM = 0;

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  readonly globalPositions: readonly number[];
  /** True when every event id was already stored in this stream: nothing was appended. */
  readonly idempotentReplay: boolean;
}

/**
 * A position in the global log that a reader can trust: ordered by the appending transaction's id,
 * then by position, so a transaction that commits late is never skipped (docs/event-store.md).
 */
export interface LogCheckpoint {
  readonly transactionId: string;
  readonly globalPosition: number;
}
export const LOG_START: LogCheckpoint = { transactionId: '0', globalPosition: 0 };

export interface ReadStreamOptions {
  /** First stream version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  /** Return the stream as it stood at this moment (events recorded at or before it). */
  readonly asOf?: Date;
}

export interface ReadLogResult {
  readonly events: readonly RecordedEvent[];
  /** Where the next read starts; equal to the input when nothing new was committed. */
  readonly checkpoint: LogCheckpoint;
}

export interface SubscriptionOptions {
  /** Durable name: the checkpoint is stored under it and survives restarts. */
  readonly subscriptionId: string;
  /**
   * Called with each batch in global order; the checkpoint moves only after it resolves. `leadership`
   * is aborted when this subscriber must stop acting on the batch: it is stopping, or (exclusive) it
   * lost its lease to another process; a handler with side effects outside the store checks it first.
   */
  readonly handler: (events: readonly RecordedEvent[], leadership: AbortSignal) => Promise<void>;
  /**
   * The events this subscriber acts on; `handler` is given only these. A page with none of them is
   * passed over without a call, and its checkpoint is stored lazily: with the next page handled, once
   * the log is quiet (the next read finds nothing), or after ten seconds of such pages
   * (`IDLE_CHECKPOINT_MS`); a restart before then reads such events again and passes them over.
   * Where many subscribers follow one log and each takes a few of its types, that is a write per
   * subscriber per event saved. Default: every event.
   */
  readonly accepts?: (event: RecordedEvent) => boolean;
  readonly batchSize?: number;
  /** Fallback polling when no notification arrives (ms). */
  readonly pollIntervalMs?: number;
  /**
   * Following live, the least time between the starts of two reads of the log (ms; default
   * `LIVE_GATHER_MS`, 10). Under a steady stream of appends each read then takes what gathered
   * meanwhile, rather than a read, a handler call and a checkpoint write for every event or two, which
   * competed with the appends themselves for the database. An append after a quiet spell is read at
   * once.
   */
  readonly gatherMs?: number;
  /** A failed batch is retried after this delay, doubling up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown, attempt: number) => void;
  /**
   * One subscriber under this id works at a time, across processes: the others wait, following the
   * leader's checkpoint, and one takes over when the leader's lease (held in the store's database)
   * expires or is released. The leader's checkpoint writes carry its term, so a leader that paused past
   * its lease cannot move the checkpoint once another took over. Omitted: every subscriber works.
   */
  readonly exclusive?: {
    /** How long a silent leader keeps the lease (ms); a dead leader is replaced after this. */
    readonly leaseMs?: number;
    /** Who this subscriber is, in the `leases` table; default host, process id and a random part. */
    readonly holder?: string;
    /** Called when this subscriber becomes the leader (term) or stops being it (undefined). */
    readonly onLeadership?: (term: { readonly holder: string; readonly epoch: number } | undefined) => void;
  };
}

export interface Subscription {
  /** Resolves once the subscription has read everything committed when it started. */
  readonly caughtUp: Promise<void>;
  /** The last checkpoint stored (a follower's: the last it read from the leader's). */
  checkpoint(): LogCheckpoint;
  /** Whether this subscriber works now: always, unless exclusive and another process leads. */
  leading(): boolean;
  stop(): Promise<void>;
}

/** What else an append does in its transaction: both commit, or neither. */
export interface AppendOptions {
  /**
   * Erases a subject with the append (the event that records the erasure): its data key is destroyed
   * in the same transaction, so the key's destruction and the event are never one without the other.
   */
  readonly destroyKeyOf?: { readonly subjectId: string; readonly reason: string };
  /**
   * Whether the append may share its transaction with concurrent appends (a group commit: one commit
   * for many small appends); default true. Resolves only once that transaction has committed. An
   * append that fails is rejected with its own error and the others of its group run again without
   * it; a transaction that fails as a whole rejects every append of the group, and stores none.
   * `false`: a transaction of its own (the read-path benchmark's baseline for access records).
   */
  readonly group?: boolean;
}

export interface EventStore {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readLog(from: LogCheckpoint, limit?: number): Promise<ReadLogResult>;
  subscribe(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}

import {
  ContractViolation,
  createContractRegistry,
  topicOfEventType,
  type ContractRegistry,
} from '@spn/contracts';
import {
  LOG_START,
  type EventStore,
  type LogCheckpoint,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import { INBOX_MIGRATIONS, toIntegrationMessage, type IntegrationMessage } from '@spn/messaging';
import { performance } from 'node:perf_hooks';
import type { PersonalData } from '../privacy/personal-data';
import type { Projection } from '../runtime/runtime';
import type { RebuildProgress } from './rebuild-progress';

export interface RebuildOptions {
  /** The store to replay: its log, and (for the total) its audit reader. */
  readonly store: Pick<EventStore, 'readLog'> & Partial<Pick<SqlEventStore, 'integrity'>>;
  /** Opens personal fields as the runtime does (null once their subject is erased). */
  readonly personalData: PersonalData;
  /**
   * A fresh database: the projection's migrations are run in it first, in order and unrecorded, so it
   * holds the read model's tables only.
   */
  readonly into: SqlClient;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Events read per page of the log (each page is applied in one transaction). Default 1000. */
  readonly batchSize?: number;
  /** Contracts to upcast messages with, as consumers do; default the platform's registry. */
  readonly contracts?: ContractRegistry;
  /**
   * The consumer group whose inbox to fill in `into` (an `inbox` table as consumers have it), one row
   * per event applied: what a replacement of the live read model tops the live inbox up with.
   */
  readonly inboxGroup?: string;
}

/**
 * A handler that failed during a rebuild: where in the log (position, stream), which event type, and
 * the error's code (a SQLSTATE, a domain code, or the error's name). Never the error itself: its
 * message may quote the decrypted personal data the handler was given (PostgreSQL's "date/time field
 * value out of range: ..." does), and the rebuild CLI prints what it throws.
 */
export class RebuildError extends Error {
  override readonly name = 'RebuildError';
  constructor(
    readonly projection: string,
    readonly globalPosition: number,
    readonly eventType: string,
    readonly streamId: string,
    readonly code: string,
  ) {
    super(
      `Projection ${projection} failed on ${eventType} at position ${globalPosition} of stream ${streamId} (error code ${code})`,
    );
  }
}

/** The code of what a handler threw: its `code` when it has one (SQLSTATE, DomainError), else its name. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Replays the whole log into a fresh read model, as a consumer of the projection's topics would see
 * it: the same messages (`toIntegrationMessage`), upcast by contract, personal fields opened. Each page
 * is one transaction; no inbox is needed, since the log is read once in order. A message that breaks
 * its contract is skipped (the live consumer dead-letters it); a handler that throws stops the
 * rebuild with a {@link RebuildError}, since a read model with a hole in it is worse than none.
 * The read model is analyzed at the end, so its queries are planned from its statistics.
 */
export async function rebuildProjection(
  projection: Projection,
  options: RebuildOptions,
): Promise<RebuildProgress> {
  const batchSize = options.batchSize ?? 1000;
  const contracts = options.contracts ?? createContractRegistry();
  const topics = new Set(projection.topics);
  for (const migration of projection.migrations ?? []) await options.into.exec(migration);
  if (options.inboxGroup !== undefined)
    for (const migration of INBOX_MIGRATIONS) await options.into.exec(migration);
  const eventsTotal = await countEvents(options.store);
  const started = performance.now();
  let eventsDone = 0;
  let applied = 0;
  const progress = (finished: boolean): RebuildProgress => {
    const elapsedMs = performance.now() - started;
    return {
      projection: projection.name,
      eventsDone,
      eventsTotal,
      applied,
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? (eventsDone * 1000) / elapsedMs : 0,
      finished,
    };
  };
  let from: LogCheckpoint = LOG_START;
  for (;;) {
    const page = await options.store.readLog(from, batchSize);
    if (page.events.length === 0) break;
    const messages = page.events
      .filter((event) => topics.has(topicOfEventType(event.type)))
      .map(toIntegrationMessage)
      .flatMap((message) => upcast(contracts, message));
    const opened = await options.personalData.forProjection(projection, messages);
    if (opened.length > 0) {
      // A page the projection cannot apply as a whole is applied again message by message, which names
      // the message that fails (the two give the same result by contract).
      const whole = projection.handleBatch;
      const done =
        whole !== undefined &&
        (await options.into
          .transaction((tx) => whole(opened, tx))
          .then(
            () => true,
            () => false,
          ));
      if (!done) await applyOneByOne(projection, opened, options.into);
      if (options.inboxGroup !== undefined)
        await options.into.query(
          `INSERT INTO inbox (consumer_group, event_id, outcome)
           SELECT $1, unnest($2::uuid[]), 'applied' ON CONFLICT DO NOTHING`,
          [options.inboxGroup, opened.map((message) => message.eventId)],
        );
    }
    eventsDone += page.events.length;
    applied += opened.length;
    from = page.checkpoint;
    options.onProgress?.(progress(false));
  }
  // A read model made at once has no planner statistics (PGlite runs no autovacuum; a server's may
  // not have come round yet): without them a lookup by a non-unique column, such as a client's
  // consents, is planned as a scan of the whole table, which grows with the log.
  await options.into.exec('ANALYZE');
  const done = progress(true);
  options.onProgress?.(done);
  return done;
}

async function applyOneByOne(
  projection: Projection,
  messages: readonly IntegrationMessage[],
  into: SqlClient,
): Promise<void> {
  await into.transaction(async (tx) => {
    for (const message of messages) {
      try {
        await projection.handle(message, tx);
      } catch (error) {
        throw new RebuildError(
          projection.name,
          message.globalPosition,
          message.type,
          message.streamId,
          codeOf(error),
        );
      }
    }
  });
}

/** The message at its contract's newest version; none when it breaks its contract. */
function upcast(contracts: ContractRegistry, message: IntegrationMessage): IntegrationMessage[] {
  if (!contracts.knows(message.type)) return [message];
  try {
    const current = contracts.toNewest(message.type, message.schemaVersion, message.data);
    return [{ ...message, schemaVersion: current.version, data: current.data as IntegrationMessage['data'] }];
  } catch (error) {
    if (error instanceof ContractViolation) return [];
    throw error;
  }
}

/** The log's length for progress; 0 (unknown) for a store without an audit reader. */
async function countEvents(store: RebuildOptions['store']): Promise<number> {
  if (!store.integrity) return 0;
  const [row] = await store.integrity
    .auditReader()
    .query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(row?.n ?? 0);
}

/** Several projections of one service into one fresh database, one after another. */
export async function rebuildProjections(
  projections: readonly Projection[],
  options: RebuildOptions,
): Promise<RebuildProgress[]> {
  const results: RebuildProgress[] = [];
  for (const projection of projections) results.push(await rebuildProjection(projection, options));
  return results;
}

import type { LogCheckpoint, ReadLogResult, Subscription, SubscriptionOptions } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import { fencedCheckpointSql, Lease, LeaseLostError } from './lease';
import { EVENTS_CHANNEL } from './schema';
import type { SqlClient } from './sql-client';

type ReadLog = (from: LogCheckpoint, limit: number) => Promise<ReadLogResult>;

/**
 * The subscribers of one store share their log reads: a read asked for while an identical one (same
 * checkpoint, same limit) waits to be sent joins it. Caught-up subscribers all stand at the log's
 * head and an append wakes them together, so where each read the page itself (the embedded mode:
 * about thirty consumer groups on one PGlite) one query now serves them all. A read waits one turn
 * of the event loop to gather the others; one asked for after it was sent starts another, so every
 * subscriber still sees everything committed before it asked.
 */
export class SharedLogReads {
  private readonly waiting = new Map<string, Promise<ReadLogResult>>();

  constructor(private readonly readLog: ReadLog) {}

  read(from: LogCheckpoint, limit: number): Promise<ReadLogResult> {
    const key = `${from.transactionId}/${from.globalPosition}/${limit}`;
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.waiting.delete(key);
      return this.readLog(from, limit);
    });
    this.waiting.set(key, sent);
    return sent;
  }
}

/**
 * At most this long between checkpoint writes of a subscriber that passes every event over
 * (`accepts`), so that a restart does not read far back.
 */
export const IDLE_CHECKPOINT_MS = 10_000;

/**
 * See `SubscriptionOptions.gatherMs`. Measured with one subscriber following appends offered at 500 a
 * second on 2 cores (docs/benchmarks.md): without it the appends kept up with 373 to 405 a second.
 */
export const LIVE_GATHER_MS = 10;

async function loadCheckpoint(sql: SqlClient, subscriptionId: string): Promise<LogCheckpoint> {
  const [row] = await sql.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position
     FROM subscription_checkpoints WHERE subscription_id = $1`,
    [subscriptionId],
  );
  return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : LOG_START;
}

/** The last committed event when the subscription starts: reaching it means caught up. */
async function logHead(sql: SqlClient): Promise<LogCheckpoint> {
  const [row] = await sql.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position
     FROM events ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
  );
  return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : LOG_START;
}

const reached = (checkpoint: LogCheckpoint, target: LogCheckpoint): boolean => {
  const [a, b] = [BigInt(checkpoint.transactionId), BigInt(target.transactionId)];
  return a > b || (a === b && checkpoint.globalPosition >= target.globalPosition);
};

async function storeCheckpoint(
  sql: SqlClient,
  subscriptionId: string,
  checkpoint: LogCheckpoint,
): Promise<void> {
  await sql.query(
    `INSERT INTO subscription_checkpoints (subscription_id, transaction_id, global_position, updated_at)
     VALUES ($1, $2::xid8, $3, now())
     ON CONFLICT (subscription_id) DO UPDATE
       SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [subscriptionId, checkpoint.transactionId, checkpoint.globalPosition],
  );
}

/**
 * Keeps an exclusive subscriber's lease: renews it every third of its length, and aborts `leadership`
 * when a renewal finds another holder, or when the local deadline passes without one (this process
 * was paused, or the database unreachable, for most of the lease).
 */
function keepLease(
  lease: Lease,
  leadership: AbortController,
  onError?: (error: unknown) => void,
): () => void {
  let deadline: NodeJS.Timeout | undefined;
  const lose = (reason: unknown) => {
    clearInterval(renewals);
    clearTimeout(deadline);
    leadership.abort(reason);
  };
  const armDeadline = () => {
    clearTimeout(deadline);
    deadline = setTimeout(() => {
      lose(new LeaseLostError(lease.name, lease.term()?.epoch ?? 0));
    }, lease.remainingMs());
  };
  let renewing = false;
  const renewals = setInterval(() => {
    if (renewing || leadership.signal.aborted) return;
    renewing = true;
    const epoch = lease.term()?.epoch ?? 0;
    lease
      .acquire()
      .then((term) => {
        if (term) armDeadline();
        else lose(new LeaseLostError(lease.name, epoch));
      })
      .catch((error: unknown) => onError?.(error)) // the deadline decides if no renewal gets through
      .finally(() => {
        renewing = false;
      });
  }, lease.ttlMs / 3);
  armDeadline();
  return () => {
    clearInterval(renewals);
    clearTimeout(deadline);
  };
}

/**
 * Catch up from the stored checkpoint, then follow live: woken by the append's NOTIFY, with polling
 * as a fallback. Delivery is at least once: the checkpoint is stored after the handler resolves, so a
 * crash in between hands the batch over again (consumers make their effects idempotent). An exclusive
 * subscription works only while it holds the lease; it reads the checkpoint after each takeover.
 */
export function startSubscription(
  sql: SqlClient,
  readLog: ReadLog,
  options: SubscriptionOptions,
  onStopped: () => void,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const gatherMs = options.gatherMs ?? LIVE_GATHER_MS;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  const { exclusive } = options;
  const lease = exclusive
    ? new Lease(sql, `subscription:${options.subscriptionId}`, exclusive.holder, exclusive.leaseMs)
    : undefined;
  let checkpoint: LogCheckpoint = LOG_START;
  let stopped = false;
  // Read through a function: `stop()` changes it while the loop awaits.
  const isStopped = () => stopped;
  let wake: (() => void) | undefined;
  let wakeOnStop: (() => void) | undefined;
  let signalled = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);
  // Aborted when this subscriber must stop working: on stop, and when an exclusive one loses its lease.
  let leadership: AbortController | undefined = lease ? undefined : new AbortController();
  let stopKeepingLease: (() => void) | undefined;

  const sleep = (ms: number, wakeOnAppend: boolean) =>
    new Promise<void>((resolve) => {
      if (isStopped() || (wakeOnAppend && signalled)) {
        signalled = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        wakeOnStop = undefined;
        if (wakeOnAppend) signalled = false;
        resolve();
      }
      if (wakeOnAppend) wake = done;
      else wakeOnStop = done;
    });
  const pause = (ms: number) => sleep(ms, true);
  const signal = () => {
    signalled = true;
    wake?.();
  };
  const abandon = () => {
    stopKeepingLease?.();
    stopKeepingLease = undefined;
    if (leadership && !leadership.signal.aborted) leadership.abort();
    if (lease) {
      leadership = undefined;
      exclusive?.onLeadership?.(undefined);
    }
  };

  /** A follower: tries to take the lease; meanwhile follows the leader's checkpoint. */
  const lead = async (head: LogCheckpoint): Promise<boolean> => {
    if (!lease) return true;
    if (leadership && lease.held()) return true;
    if (leadership) abandon();
    const term = await lease.acquire();
    // After the takeover: the last checkpoint the previous leader could write.
    checkpoint = await loadCheckpoint(sql, options.subscriptionId);
    if (reached(checkpoint, head)) resolveCaughtUp();
    if (!term) return false;
    const controller = new AbortController();
    leadership = controller;
    controller.signal.addEventListener('abort', () => wake?.(), { once: true });
    stopKeepingLease = keepLease(lease, controller, (error) => options.onError?.(error, 0));
    exclusive?.onLeadership?.({ holder: term.holder, epoch: term.epoch });
    return true;
  };

  const storeCheckpointOf = async (next: LogCheckpoint): Promise<void> => {
    if (!lease) return storeCheckpoint(sql, options.subscriptionId, next);
    // The database decides, even past the local deadline: the write passes only in the current term.
    const term = lease.term();
    if (!term) throw new LeaseLostError(lease.name, 0);
    const written = await sql.query(fencedCheckpointSql, [
      options.subscriptionId,
      next.transactionId,
      next.globalPosition,
      term.name,
      term.holder,
      term.epoch,
    ]);
    if (written.length === 0) throw new LeaseLostError(lease.name, term.epoch);
  };

  const run = async () => {
    let unlisten: (() => Promise<void>) | undefined;
    // The log's head when the subscriber started: caught up once the checkpoint reaches it.
    let head: LogCheckpoint | undefined;
    let checkpointLoaded = lease !== undefined; // an exclusive one loads it when it takes the lease
    let attempt = 0;
    // The next page, read while the handler works on this one (a relay waits on the broker meanwhile).
    let readAhead: ReturnType<ReadLog> | undefined;
    let storedAt = Date.now();
    // The checkpoint moved past events passed over, and is not stored yet.
    let unstored = false;
    try {
      while (!isStopped()) {
        try {
          // Set up inside the retries: a database that is away when the process starts is waited for,
          // not a subscriber that ends for good.
          unlisten ??= await sql.listen(EVENTS_CHANNEL, signal);
          if (!checkpointLoaded) {
            checkpoint = await loadCheckpoint(sql, options.subscriptionId);
            checkpointLoaded = true;
          }
          head ??= await logHead(sql);
          if (!(await lead(head))) {
            readAhead = undefined;
            // Not on every append: a follower asks again at a third of the lease.
            await sleep((lease?.ttlMs ?? pollIntervalMs) / 3, false);
            continue;
          }
          const working = leadership?.signal;
          if (!working) continue;
          if (reached(checkpoint, head)) resolveCaughtUp();
          const readStartedAt = Date.now();
          const page = readAhead ?? readLog(checkpoint, batchSize);
          readAhead = undefined;
          const { events, checkpoint: next } = await page;
          if (events.length === 0) {
            // Quiet: what was passed over without a write becomes durable now, so the stored
            // checkpoint says how far the subscriber got (`consumersCaughtUp` reads it).
            if (unstored) {
              await storeCheckpointOf(checkpoint);
              storedAt = Date.now();
              unstored = false;
            }
            await pause(pollIntervalMs);
            continue;
          }
          // A page short of the batch reached the log's end: the next append wakes the subscriber.
          const atEnd = events.length < batchSize;
          if (!atEnd) {
            readAhead = readLog(next, batchSize);
            readAhead.catch(() => undefined); // its error, if any, surfaces when it is awaited
          }
          const accepted = options.accepts ? events.filter(options.accepts) : events;
          if (accepted.length > 0) await options.handler(accepted, working);
          unstored = true;
          if (accepted.length > 0 || Date.now() - storedAt >= IDLE_CHECKPOINT_MS) {
            await storeCheckpointOf(next);
            storedAt = Date.now();
            unstored = false;
          }
          checkpoint = next;
          attempt = 0;
          if (reached(checkpoint, head)) resolveCaughtUp();
          if (atEnd) {
            // Woken by a stop only: the appends meanwhile are what this wait gathers.
            const gathering = gatherMs - (Date.now() - readStartedAt);
            if (gathering > 0) await sleep(gathering, false);
            await pause(pollIntervalMs);
          }
        } catch (error) {
          readAhead = undefined; // the retry reads again from the checkpoint
          if (isStopped()) break;
          if (lease && (error instanceof LeaseLostError || leadership?.signal.aborted)) {
            // Another holder leads now: follow, without the backoff of a failure.
            abandon();
            options.onError?.(error instanceof LeaseLostError ? error : leadership?.signal.reason, 0);
            continue;
          }
          attempt += 1;
          options.onError?.(error, attempt);
          await pause(Math.min(retryDelayMs * 2 ** (attempt - 1), maxRetryDelayMs));
        }
      }
    } finally {
      await readAhead?.catch(() => undefined); // settle it before the store may close its connections
      abandon();
      // A graceful stop hands the lease over at once rather than after it expires.
      await lease?.release().catch(() => undefined);
      await unlisten?.();
    }
  };

  const running = run().catch((error: unknown) => {
    rejectCaughtUp(error);
    options.onError?.(error, 0);
  });

  return {
    caughtUp,
    checkpoint: () => checkpoint,
    leading: () => (lease ? lease.held() !== undefined && leadership !== undefined : !stopped),
    stop: async () => {
      stopped = true;
      leadership?.abort();
      wake?.();
      wakeOnStop?.();
      await running;
      onStopped();
    },
  };
}

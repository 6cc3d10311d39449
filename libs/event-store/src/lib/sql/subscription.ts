import type { LogCheckpoint, ReadLogResult, Subscription, SubscriptionOptions } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import { EVENTS_CHANNEL } from './schema';
import type { SqlClient } from './sql-client';

type ReadLog = (from: LogCheckpoint, limit: number) => Promise<ReadLogResult>;

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
 * Catch up from the stored checkpoint, then follow live: woken by the append's NOTIFY, with polling
 * as a fallback. Delivery is at least once: the checkpoint is stored after the handler resolves, so a
 * crash in between hands the batch over again (consumers make their effects idempotent).
 */
export function startSubscription(
  sql: SqlClient,
  readLog: ReadLog,
  options: SubscriptionOptions,
  onStopped: () => void,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  let checkpoint: LogCheckpoint = LOG_START;
  let stopped = false;
  // Read through a function: `stop()` changes it while the loop awaits.
  const isStopped = () => stopped;
  let wake: (() => void) | undefined;
  let signalled = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (isStopped() || signalled) {
        signalled = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        signalled = false;
        resolve();
      }
      wake = done;
    });
  const signal = () => {
    signalled = true;
    wake?.();
  };

  const run = async () => {
    const unlisten = await sql.listen(EVENTS_CHANNEL, signal);
    let attempt = 0;
    // The next page, read while the handler works on this one (a relay waits on the broker meanwhile).
    let readAhead: ReturnType<ReadLog> | undefined;
    try {
      checkpoint = await loadCheckpoint(sql, options.subscriptionId);
      const head = await logHead(sql);
      while (!isStopped()) {
        try {
          if (reached(checkpoint, head)) resolveCaughtUp();
          const page = readAhead ?? readLog(checkpoint, batchSize);
          readAhead = undefined;
          const { events, checkpoint: next } = await page;
          if (events.length === 0) {
            await pause(pollIntervalMs);
            continue;
          }
          readAhead = readLog(next, batchSize);
          readAhead.catch(() => undefined); // its error, if any, surfaces when it is awaited
          await options.handler(events);
          await storeCheckpoint(sql, options.subscriptionId, next);
          checkpoint = next;
          attempt = 0;
          if (reached(checkpoint, head)) resolveCaughtUp();
        } catch (error) {
          readAhead = undefined; // the retry reads again from the checkpoint
          if (isStopped()) break;
          attempt += 1;
          options.onError?.(error, attempt);
          await pause(Math.min(retryDelayMs * 2 ** (attempt - 1), maxRetryDelayMs));
        }
      }
    } finally {
      await readAhead?.catch(() => undefined); // settle it before the store may close its connections
      await unlisten();
    }
  };

  const running = run().catch((error: unknown) => {
    rejectCaughtUp(error);
    options.onError?.(error, 0);
  });

  return {
    caughtUp,
    checkpoint: () => checkpoint,
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
      onStopped();
    },
  };
}

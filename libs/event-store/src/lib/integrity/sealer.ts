import { isEventStoreError } from '../errors';
import { sealsRefusedCounter } from '../telemetry';
import type { EventLogIntegrity } from './event-log-integrity';

export interface SealerOptions {
  /** How often it seals what was committed since. Default 5 s. */
  readonly intervalMs?: number;
  readonly maxEventsPerSeal?: number;
  /** A failed round is reported here and tried again at the next tick. */
  readonly onError?: (error: unknown) => void;
  /**
   * Where a refused round (a broken chain: {@link BrokenChainError}) is written, one line with
   * positions and counts only. Default `console.error`.
   */
  readonly log?: (line: string) => void;
  /**
   * Of several sealers on one store (replicas), one seals at a time: the others skip their rounds
   * until the leader's lease (renewed at each round) expires or is released on stop. Without it every
   * sealer seals, which is safe (each seal takes an advisory lock) but repeats the verification work.
   */
  readonly exclusive?: { readonly leaseMs?: number; readonly holder?: string };
}

export interface Sealer {
  /** Whether this sealer seals: it took the lease at its last round and holds it still (not exclusive: always). */
  leading(): boolean;
  /** Stops after the round in progress, if any, and hands the lease over. */
  stop(): Promise<void>;
}

/**
 * Seals the global log in the background, so the window an auditor must trust to stream chains alone
 * stays short. Several sealers on one store are safe: each seal takes an advisory lock (and, exclusive,
 * only the lease's holder seals). A range that
 * does not verify is not sealed: the round is refused, logged and counted, and tried again (it stays
 * refused until the log is repaired from a backup; `verify` names what is wrong).
 */
export function startSealer(integrity: EventLogIntegrity, options: SealerOptions = {}): Sealer {
  const intervalMs = options.intervalMs ?? 5000;
  // Renewed at every round: three missed rounds and another sealer takes over.
  const lease = options.exclusive
    ? integrity.lease(
        'sealer',
        options.exclusive.leaseMs ?? Math.max(3 * intervalMs, 1000),
        options.exclusive.holder,
      )
    : undefined;
  let leading = !lease;
  let stopped = false;
  let round: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const sealIfLeading = async (): Promise<void> => {
    if (lease) leading = (await lease.acquire()) !== undefined;
    if (leading) await integrity.sealAll(options.maxEventsPerSeal);
  };
  const tick = () => {
    round = sealIfLeading()
      .then(
        () => undefined,
        (error: unknown) => {
          if (isEventStoreError(error, 'BROKEN_CHAIN')) {
            sealsRefusedCounter().add(1);
            (options.log ?? console.error)(`event-store sealer: ${error.message}`);
          }
          options.onError?.(error);
        },
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    // Its lease still in force, not only taken at the last round: a round slower than the lease (a
    // loaded machine) may have let another sealer take over meanwhile.
    leading: () => leading && (!lease || lease.held() !== undefined),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await round;
      await lease?.release().catch(() => undefined);
    },
  };
}

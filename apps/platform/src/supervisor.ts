import type { PlannedProcess } from './launch-plan';
import { startApp, stopAll, STOP_GRACE_MS, type Started } from './processes';

/** How often a process that dies is started again before the platform gives up on it. */
export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more death within it stops the platform. */
  readonly maxRestarts: number;
  readonly windowMs: number;
  /** The wait before the first restart in the window, doubled for each further one up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const RESTART_POLICY: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  firstDelayMs: 1000,
  maxDelayMs: 4000,
};

export type RestartDecision =
  | { readonly restart: true; readonly attempt: number; readonly delayMs: number }
  | { readonly restart: false; readonly restartsInWindow: number };

/**
 * Whether a process that just died (at `now`) is started again, given when it was restarted before:
 * yes, after a wait that doubles with each restart in the window, until `maxRestarts` of them; then
 * no, so a crash that recurs stops the platform loudly instead of looping.
 */
export function decideRestart(
  restartedAt: readonly number[],
  now: number,
  policy: RestartPolicy = RESTART_POLICY,
): RestartDecision {
  const inWindow = restartedAt.filter((at) => now - at < policy.windowMs).length;
  if (inWindow >= policy.maxRestarts) return { restart: false, restartsInWindow: inWindow };
  return {
    restart: true,
    attempt: inWindow + 1,
    delayMs: Math.min(policy.firstDelayMs * 2 ** inWindow, policy.maxDelayMs),
  };
}

export interface SupervisorOptions {
  readonly policy?: RestartPolicy;
  /** Called once a process died more often than the policy allows: the caller stops the platform. */
  readonly onGiveUp: (why: string) => void;
  /** Where starts and restarts are said (the launcher's log, stdout, by default). */
  readonly log?: (line: string) => void;
}

/** The platform's processes, each started again when it dies, until the policy gives up or a stop. */
export interface Supervisor {
  /**
   * Starts every planned process at once and resolves when all are ready (the subgraphs need nothing
   * of one another to start, and the gateway composes from the committed schemas); a process that
   * ends before it is ready rejects it, once the others' starts settled.
   */
  startAll(plan: readonly PlannedProcess[]): Promise<void>;
  /** The process running now under that name (a restarted one replaces the one that died). */
  current(name: string): Started | undefined;
  /** Stops every process at once; nothing is restarted from then on, even a restart already waiting. */
  stopAll(graceMs?: number): Promise<void>;
}

export function supervise(options: SupervisorOptions): Supervisor {
  const policy = options.policy ?? RESTART_POLICY;
  const log =
    options.log ??
    ((line: string) => {
      console.log(line);
    });
  // Every process ever started, the dead ones too: a stop reaches whatever runs, whenever it started.
  const started: Started[] = [];
  const current = new Map<string, Started>();
  const restartedAt = new Map<string, number[]>();
  const waits = new Set<NodeJS.Timeout>();
  let stopping = false;

  const watch = (planned: PlannedProcess, app: Started): void => {
    current.set(planned.name, app);
    void app.exited.then((how) => {
      diedWith(planned, how);
    });
  };

  const diedWith = (planned: PlannedProcess, how: string): void => {
    if (stopping) return;
    const times = restartedAt.get(planned.name) ?? [];
    const decision = decideRestart(times, Date.now(), policy);
    if (!decision.restart) {
      options.onGiveUp(
        `${planned.name} ended unexpectedly (${how}) after ${decision.restartsInWindow} restarts within ${policy.windowMs / 1000} s`,
      );
      return;
    }
    times.push(Date.now());
    restartedAt.set(planned.name, times);
    log(
      `npm start: ${planned.name} ended unexpectedly (${how}); restart ${decision.attempt} of ${policy.maxRestarts} in ${decision.delayMs} ms`,
    );
    const wait = setTimeout(() => {
      waits.delete(wait);
      if (stopping) return;
      startApp(planned.name, planned.entry, planned.env, planned.readyText, started).then(
        (app) => {
          if (stopping) return;
          log(
            `npm start: ${planned.name} is back (restart ${decision.attempt}, pid ${app.child.pid ?? '?'})`,
          );
          watch(planned, app);
        },
        // Ended again before it was ready: one more death, counted as such.
        (error: unknown) => {
          diedWith(planned, error instanceof Error ? error.message : String(error));
        },
      );
    }, decision.delayMs);
    waits.add(wait);
  };

  return {
    startAll: async (plan) => {
      const starts = plan.map(async (planned) => {
        if (stopping) return;
        const app = await startApp(planned.name, planned.entry, planned.env, planned.readyText, started);
        log(`npm start: ${planned.name} ready (pid ${app.child.pid ?? '?'})`);
        watch(planned, app);
      });
      const outcomes = await Promise.allSettled(starts);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
    current: (name) => current.get(name),
    stopAll: async (graceMs = STOP_GRACE_MS) => {
      stopping = true;
      for (const wait of waits) clearTimeout(wait);
      waits.clear();
      await stopAll(started, graceMs);
    },
  };
}

import type { SqlClient } from '@spn/event-store';
import { errorCode } from '@spn/messaging';
import { createLogger, type Logger } from '@spn/observability';
import { performance } from 'node:perf_hooks';

/**
 * PostgreSQL's own rule for when autovacuum analyzes a table (`autovacuum_analyze_threshold` and
 * `autovacuum_analyze_scale_factor`, at their defaults): once more rows have changed since its last
 * ANALYZE than 50 plus 10% of the rows it had then.
 */
export const ANALYZE_THRESHOLD = 50;
export const ANALYZE_SCALE_FACTOR = 0.1;

/** The longest wait before trying again after checks that failed one after another. */
const MAX_RETRY_MS = 60_000;

export interface ReadModelAnalyzerOptions {
  readonly threshold?: number;
  readonly scaleFactor?: number;
  /**
   * The least time between two checks, in ms (default 1000); after a check that failed, twice as long
   * for each failure in a row, up to a minute.
   */
  readonly intervalMs?: number;
  readonly log?: Logger;
}

/**
 * Keeps the planner statistics of a read-model database that runs no autovacuum (PGlite): told that
 * rows may have changed ({@link changed}, after a consumer's run has committed), it checks soon after,
 * never in the caller's transaction nor on its path, and analyzes the tables that autovacuum's rule
 * says are due. One check at a time, at most one per interval; a failed check is logged by its error's
 * code only (a message may quote a row) and tried again later.
 */
export class ReadModelAnalyzer {
  private readonly threshold: number;
  private readonly scaleFactor: number;
  private readonly intervalMs: number;
  private readonly log: Logger;
  /** Rows may have changed since the last check began. */
  private dirty = false;
  /** The check to come or under way, from the moment it is scheduled until it is done. */
  private scheduled: Promise<void> | undefined;
  /** Cancels the check to come, while it waits for its turn. */
  private cancel: (() => void) | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly database: SqlClient,
    options: ReadModelAnalyzerOptions = {},
  ) {
    this.threshold = options.threshold ?? ANALYZE_THRESHOLD;
    this.scaleFactor = options.scaleFactor ?? ANALYZE_SCALE_FACTOR;
    this.intervalMs = options.intervalMs ?? 1000;
    this.log = options.log ?? createLogger('read-model-analyzer');
  }

  /** Rows may have changed: a check follows, off the caller's path. Never throws. */
  changed(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Resolves once no check is due or under way (a check that keeps failing keeps it waiting). */
  async idle(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  /** No more checks; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.idle();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || !this.dirty) return;
    const pause = Math.min(this.intervalMs * 2 ** this.failures, Math.max(this.intervalMs, MAX_RETRY_MS));
    const wait = Math.max(0, this.lastCheck + pause - performance.now());
    this.scheduled = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.cancel = undefined;
        void this.check().finally(resolve);
      }, wait);
      // A check due does not keep a process alive that has nothing else to do.
      timer.unref();
      this.cancel = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      this.scheduled = undefined;
      this.cancel = undefined;
      this.schedule();
    });
  }

  private async check(): Promise<void> {
    this.dirty = false;
    try {
      const started = performance.now();
      const tables = await this.analyzeDue();
      this.failures = 0;
      if (tables.length > 0) {
        this.log.debug({ tables, ms: Math.round(performance.now() - started) }, 'read model analyzed');
      }
    } catch (error) {
      this.failures += 1;
      this.dirty = true;
      this.log.warn(
        { error: errorCode(error), failures: this.failures },
        'read model statistics not updated: trying again later',
      );
    } finally {
      this.lastCheck = performance.now();
    }
  }

  /** Analyzes the tables due by the rule; resolves to their names. */
  private async analyzeDue(): Promise<string[]> {
    // PGlite adds a session's row counts to the statistics at the end of a statement only once a
    // second has passed since it last did: without this, the runs just committed are not counted yet.
    await this.database.query('SELECT pg_stat_force_next_flush()');
    // A table never analyzed has reltuples -1: none counted yet.
    const due = await this.database.query<{ name: string }>(
      `SELECT format('%I.%I', s.schemaname, s.relname) AS name
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0)
       ORDER BY 1`,
      [this.threshold, this.scaleFactor],
    );
    const tables = due.map((row) => row.name);
    // Names cannot be parameters: these come from the catalogue, quoted by format's %I.
    if (tables.length > 0) await this.database.exec(`ANALYZE ${tables.join(', ')}`);
    return tables;
  }
}

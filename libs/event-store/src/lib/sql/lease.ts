import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EventStoreError } from '../errors';
import type { SqlQueryable } from './sql-client';

/** Default time a leader holds its lease without renewing it: a dead leader is replaced after this. */
export const DEFAULT_LEASE_MS = 10_000;

/** Who holds a lease and which term: the fencing token every write of the leader carries. */
export interface LeaseTerm {
  readonly name: string;
  readonly holder: string;
  readonly epoch: number;
}

/** The lease was taken by another holder (this one paused or was cut off longer than the lease). */
export class LeaseLostError extends EventStoreError {
  constructor(name: string, epoch: number) {
    super('LEASE_LOST', `the lease "${name}" (term ${epoch}) was taken over by another holder`, {
      name,
      epoch,
    });
    this.name = 'LeaseLostError';
  }
}

/** A holder id: unique to this process's lease, readable in the `leases` table. */
export function newLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

// Takes the lease when it is free or expired (a new term), renews it when this holder's term is
// current (the same term, even after it expired, since no one else took it in between).
const ACQUIRE_SQL = `
INSERT INTO leases (name, holder, epoch, expires_at, acquired_at)
VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond', clock_timestamp())
ON CONFLICT (name) DO UPDATE SET
  holder = EXCLUDED.holder,
  epoch = CASE WHEN leases.holder = EXCLUDED.holder AND leases.epoch = $4 THEN leases.epoch ELSE leases.epoch + 1 END,
  acquired_at = CASE WHEN leases.holder = EXCLUDED.holder AND leases.epoch = $4 THEN leases.acquired_at ELSE EXCLUDED.acquired_at END,
  expires_at = EXCLUDED.expires_at
WHERE (leases.holder = EXCLUDED.holder AND leases.epoch = $4) OR leases.expires_at < clock_timestamp()
RETURNING epoch::text AS epoch`;

/**
 * Leader election on the store's database: a row per lease name, with an expiry and a term (epoch)
 * that grows at each change of holder. The holder renews it well before it expires; a holder that
 * stops renewing (killed, paused, cut off) is replaced once it expired. Holding is only ever believed
 * locally up to a deadline measured from before the renewal was sent, so a paused holder that wakes
 * knows it may have lost the lease before it acts; and its writes carry the term
 * ({@link fencedCheckpointSql}), so one that acts anyway is refused by the database.
 */
export class Lease {
  private currentTerm: LeaseTerm | undefined;
  private deadline = 0;

  constructor(
    private readonly sql: SqlQueryable,
    readonly name: string,
    readonly holder: string = newLeaseHolder(),
    readonly ttlMs: number = DEFAULT_LEASE_MS,
  ) {
    if (!Number.isSafeInteger(ttlMs) || ttlMs < 100)
      throw new RangeError(`ttlMs is ${ttlMs}: a lease lasts at least 100 ms`);
  }

  /**
   * Takes the lease if it is free or expired, renews it if this holder has it. Returns the term held,
   * or undefined when another holder has it. A term that changed under this holder ends here.
   */
  async acquire(): Promise<LeaseTerm | undefined> {
    const sentAt = performance.now();
    const [row] = await this.sql.query<{ epoch: string }>(ACQUIRE_SQL, [
      this.name,
      this.holder,
      this.ttlMs,
      this.currentTerm?.epoch ?? 0,
    ]);
    if (!row) {
      this.currentTerm = undefined;
      return undefined;
    }
    this.currentTerm = { name: this.name, holder: this.holder, epoch: Number(row.epoch) };
    // The database's expiry is later than this (it started counting after we sent); a tenth of the
    // lease is left as a margin for the two clocks' rates.
    this.deadline = sentAt + this.ttlMs * 0.9;
    return this.currentTerm;
  }

  /** The term, while this holder can still be sure it has it (its local deadline not passed). */
  held(): LeaseTerm | undefined {
    return this.currentTerm && performance.now() < this.deadline ? this.currentTerm : undefined;
  }

  /** The last term this holder acquired, past its local deadline too (for writes the database fences). */
  term(): LeaseTerm | undefined {
    return this.currentTerm;
  }

  /** Milliseconds left before this holder must stop believing it has the lease. */
  remainingMs(): number {
    return this.currentTerm ? Math.max(0, this.deadline - performance.now()) : 0;
  }

  /** Gives the lease up at once (a graceful stop), so another holder takes it without waiting. */
  async release(): Promise<void> {
    const term = this.currentTerm;
    this.currentTerm = undefined;
    if (!term) return;
    await this.sql.query(
      `UPDATE leases SET expires_at = clock_timestamp() - interval '1 millisecond'
       WHERE name = $1 AND holder = $2 AND epoch = $3`,
      [term.name, term.holder, term.epoch],
    );
  }
}

/**
 * Stores a subscription's checkpoint only if `term` is still the lease's current term, in one
 * statement: the lease row is locked in share mode, so a takeover waits for this write to commit and
 * the new holder then reads the checkpoint it wrote. Returns a row when it was written.
 * Parameters: $1 subscription, $2 transaction id, $3 position, $4 lease, $5 holder, $6 epoch.
 */
export const fencedCheckpointSql = `
WITH term AS (
  SELECT 1 FROM leases WHERE name = $4 AND holder = $5 AND epoch = $6 FOR SHARE
)
INSERT INTO subscription_checkpoints (subscription_id, transaction_id, global_position, updated_at)
SELECT $1, $2::xid8, $3, now() FROM term
ON CONFLICT (subscription_id) DO UPDATE
  SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()
RETURNING 1 AS written`;

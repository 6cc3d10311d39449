import type { ResolvedRange } from './log-range';
import type { TamperKind } from './integrity-report';

/**
 * Which check found a problem. `global-order`: a stream's events out of version order in the global log;
 * `signature`: an event past the signed-appends position without the store's signature; `key-handover`:
 * a signing-key handover the key before it did not endorse, or naming a key that is not pinned.
 */
export type AuditCheck =
  'stream-chain' | 'stream-head' | 'global-order' | 'seal' | 'signature' | 'key-handover';

/** One problem, named by kind and where it is; never with event data (it may be personal). */
export interface AuditProblem {
  readonly kind: TamperKind;
  readonly check: AuditCheck;
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly globalPosition?: number;
  readonly sealNumber?: number;
  /** For a key handover: its number (signing-key-ring.ts). */
  readonly handoverNumber?: number;
  /** For a seal: the positions its range spans (the problem lies among them). */
  readonly positions?: { readonly from: number; readonly to: number };
  readonly detail: string;
}

export interface SealCoverage {
  /** Seals whose ranges overlap the range, each re-checked. */
  readonly seals: number;
  readonly firstSealNumber: number | null;
  readonly lastSealNumber: number | null;
  readonly lastSealHash: string | null;
  /** Events of the range under a seal, and after the last seal (covered by stream chains only). */
  readonly sealedEvents: number;
  readonly unsealedEvents: number;
  /**
   * The id of the pinned current public key; null when no seal was checked. After a rotation, each
   * seal was checked with the pinned key in force for its number (signing-key-ring.ts).
   */
  readonly publicKeyId: string | null;
}

/**
 * The report an auditor keeps (`verify --out report.json`). The fields of the store's own
 * `IntegrityReport` are kept as they were, so older readers of the file still work.
 */
export interface AuditIntegrityReport {
  readonly format: 'spn.integrity-report/1';
  readonly ok: boolean;
  readonly verifiedAt: string;
  readonly range: ResolvedRange;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  readonly unsealedEvents: number;
  readonly sealCoverage: SealCoverage;
  readonly problemCounts: Readonly<Record<TamperKind, number>>;
  /** The first problems found (at most `maxListedProblems`), ordered by position; all are counted. */
  readonly problems: readonly AuditProblem[];
}

export class AuditProblems {
  readonly listed: AuditProblem[] = [];
  readonly counts: Record<TamperKind, number> = { edited: 0, deleted: 0, reordered: 0, inserted: 0 };

  constructor(private readonly maxListed: number) {}

  add(problem: AuditProblem): void {
    this.counts[problem.kind] += 1;
    if (this.listed.length < this.maxListed) this.listed.push(problem);
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
  }

  /** By position (seal problems at the start of their range), so a reader sees the log's order. */
  sorted(): AuditProblem[] {
    const at = (problem: AuditProblem) =>
      problem.globalPosition ?? problem.positions?.from ?? Number.MAX_SAFE_INTEGER;
    return [...this.listed].sort((a, b) => at(a) - at(b));
  }
}

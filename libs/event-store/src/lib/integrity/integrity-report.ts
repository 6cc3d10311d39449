/** What an auditor keeps: which checks ran over how much, and each problem found, by kind. */
export type TamperKind = 'edited' | 'deleted' | 'reordered' | 'inserted';

export interface IntegrityProblem {
  readonly kind: TamperKind;
  /**
   * Which check found it: a stream's hash chain, the stream heads, a seal over the global log, an
   * append's signature, or a signing-key handover.
   */
  readonly check: 'stream-chain' | 'stream-head' | 'seal' | 'signature' | 'key-handover';
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly globalPosition?: number;
  readonly sealNumber?: number;
  readonly handoverNumber?: number;
  /** What is wrong, without event data (it may be personal). */
  readonly detail: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly verifiedAt: string;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  /** Events after the last seal: covered by their streams' chains only, until the next seal. */
  readonly unsealedEvents: number;
  /** The id of the public key every seal's signature was checked with (auditors compare it to theirs). */
  readonly sealPublicKeyId: string | null;
  readonly problemCounts: Readonly<Record<TamperKind, number>>;
  /** The first problems found (at most `maxListedProblems`); `problemCounts` counts them all. */
  readonly problems: readonly IntegrityProblem[];
}

export class ProblemCollector {
  readonly problems: IntegrityProblem[] = [];
  readonly counts: Record<TamperKind, number> = { edited: 0, deleted: 0, reordered: 0, inserted: 0 };

  constructor(private readonly maxListed: number) {}

  add(problem: IntegrityProblem): void {
    this.counts[problem.kind] += 1;
    if (this.problems.length < this.maxListed) this.problems.push(problem);
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
  }
}

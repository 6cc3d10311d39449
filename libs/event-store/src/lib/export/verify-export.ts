import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { eventHash, genesisHash, rangeDigest, sealHash } from '../hashing';
import type { TamperKind } from '../integrity/integrity-report';
import type { ResolvedRange } from '../integrity/log-range';
import type { AppendSigning } from '../integrity/append-signing';
import { SIGNATURE_PROBLEM, sealSignatureValid } from '../integrity/seal-signing';
import { KeyHistory, SigningKeyRing, type SigningHandover } from '../integrity/signing-key-ring';
import { EXPORT_FORMAT, type ExportEvent, type ExportRecord, type ExportSeal } from './export-format';

/** A problem in an exported file: the line it is on, and the event or seal it concerns. */
export interface ExportProblem {
  readonly kind: TamperKind | 'malformed';
  readonly line: number;
  readonly globalPosition?: number;
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly sealNumber?: number;
  readonly handoverNumber?: number;
  readonly detail: string;
}

export interface ExportVerification {
  readonly ok: boolean;
  readonly format: string | null;
  readonly range: ResolvedRange | null;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  /** The id of the pinned key the seals' signatures were checked with; null: signatures not checked. */
  readonly sealPublicKeyId: string | null;
  readonly problems: readonly ExportProblem[];
}

const compareCheckpoints = (
  a: { transactionId: string; globalPosition: number },
  b: { transactionId: string; globalPosition: number },
): number => {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition - b.globalPosition;
};

/**
 * Checks an export with the store's own hashing code and no database: every event's hash, every
 * stream's chain from its anchor, every seal's hash, digest and link to the one before, that each
 * event inside a sealed range is the one the seal covers, and that the file is complete.
 */
export class ExportVerifier {
  private readonly problems: ExportProblem[] = [];
  private header: { format: string; range: ResolvedRange } | null = null;
  private readonly anchors = new Map<string, { version: number; hash: string }>();
  private readonly streams = new Map<string, { version: number; hash: string; hashes: Set<string> }>();
  private readonly seals: ExportSeal[] = [];
  /** Sealed (event id → hash) pairs, for events that lie in a seal's range. */
  private readonly sealed = new Map<string, { hash: string; sealNumber: number }>();
  private events = 0;
  private readonly seen = new Set<string>();
  private readonly sealLines = new Map<number, number>();
  private end: { events: number; line: number } | null = null;
  private lineNumber = 0;
  private readonly ring: SigningKeyRing | undefined;
  private marker: AppendSigning | null = null;
  private readonly handovers: (SigningHandover & { line: number })[] = [];
  /** Resolved at the first seal: the file gives the key history before its seals. */
  private history: KeyHistory | undefined;

  /**
   * `sealPublicKey`: the key the auditor pinned, and `previousSealPublicKeys` those from before a
   * rotation; without it, seals' signatures are not checked.
   */
  constructor(sealPublicKey?: KeyObject, previousSealPublicKeys: readonly KeyObject[] = []) {
    this.ring = sealPublicKey && new SigningKeyRing(sealPublicKey, previousSealPublicKeys);
  }

  /** Feeds one line of the file. */
  add(text: string): void {
    this.lineNumber += 1;
    const line = this.lineNumber;
    if (text.trim() === '') return;
    let record: ExportRecord;
    try {
      record = JSON.parse(text) as ExportRecord;
    } catch {
      this.problem({ kind: 'malformed', line, detail: 'not a JSON line' });
      return;
    }
    if (line === 1 && record.kind !== 'header')
      this.problem({ kind: 'malformed', line, detail: 'no header' });
    switch (record.kind) {
      case 'header':
        // Read as any string: the file may come from another version of the tool.
        const format: unknown = record.format;
        this.header = { format: typeof format === 'string' ? format : '', range: record.range };
        if (this.header.format !== EXPORT_FORMAT)
          this.problem({ kind: 'malformed', line, detail: `unknown format` });
        return;
      case 'anchor':
        this.anchors.set(record.streamId, { version: record.streamVersion, hash: record.hash });
        return;
      case 'append-signing':
        this.marker = record;
        return;
      case 'handover':
        this.handovers.push({ ...record, line });
        return;
      case 'seal':
        this.checkSeal(record, line);
        return;
      case 'event':
        this.checkEvent(record, line);
        return;
      case 'end':
        this.end = { events: record.events, line };
        return;
      default:
        this.problem({ kind: 'malformed', line, detail: 'unknown record kind' });
    }
  }

  result(): ExportVerification {
    const problems = [...this.problems, ...this.forgedHandovers(), ...this.missingSealed()];
    if (!this.end) {
      problems.push({
        kind: 'deleted',
        line: this.lineNumber,
        detail: 'the file ends without its end record',
      });
    } else if (this.end.events !== this.events) {
      problems.push({
        kind: this.end.events > this.events ? 'deleted' : 'inserted',
        line: this.end.line,
        detail: `the end record counts ${this.end.events} events; the file holds ${this.events}`,
      });
    }
    return {
      ok: problems.length === 0,
      format: this.header?.format ?? null,
      range: this.header?.range ?? null,
      eventsChecked: this.events,
      streamsChecked: this.streams.size,
      sealsChecked: this.seals.length,
      sealPublicKeyId: this.ring?.currentId ?? null,
      problems,
    };
  }

  /** Sealed events whose positions lie in the exported range but that are not in the file. */
  private missingSealed(): ExportProblem[] {
    const range = this.header?.range;
    if (!range || range.firstPosition === null || range.lastPosition === null) return [];
    const { firstPosition: first, lastPosition: last } = range;
    return this.seals.flatMap((seal) =>
      seal.items
        .filter(([eventId, , position]) => position >= first && position <= last && !this.seen.has(eventId))
        .map(([, , position]) => ({
          kind: 'deleted' as const,
          line: this.sealLines.get(seal.sealNumber) ?? 0,
          globalPosition: position,
          sealNumber: seal.sealNumber,
          detail: 'a sealed event of the range is missing from the file',
        })),
    );
  }

  private keyHistory(): KeyHistory | undefined {
    if (this.ring && !this.history) this.history = KeyHistory.resolve(this.ring, this.marker, this.handovers);
    return this.history;
  }

  /** Handovers the chain of pinned keys does not accept: rows someone inserted. */
  private forgedHandovers(): ExportProblem[] {
    const lines = new Map(this.handovers.map((handover) => [handover.handoverNumber, handover.line]));
    return (this.keyHistory()?.forgedHandovers ?? []).map((forged) => ({
      kind: 'inserted',
      line: lines.get(forged.handoverNumber) ?? 0,
      ...forged,
    }));
  }

  private problem(problem: ExportProblem): void {
    this.problems.push(problem);
  }

  private checkSeal(seal: ExportSeal, line: number): void {
    const at = { line, sealNumber: seal.sealNumber };
    const previous = this.seals.at(-1);
    const recomputed = sealHash({
      sealNumber: seal.sealNumber,
      previousSealHash: seal.previousSealHash,
      eventCount: seal.eventCount,
      eventsDigest: seal.eventsDigest,
      toTransactionId: seal.to.transactionId,
      toGlobalPosition: seal.to.globalPosition,
    });
    const digest = rangeDigest(seal.items.map(([eventId, hash]) => ({ eventId, hash })));
    if (recomputed !== seal.sealHash)
      this.problem({ kind: 'edited', ...at, detail: 'the seal does not match its hash' });
    if (
      previous &&
      (seal.previousSealHash !== previous.sealHash || seal.sealNumber !== previous.sealNumber + 1)
    ) {
      this.problem({ kind: 'edited', ...at, detail: 'the seal does not link to the seal before it' });
    }
    const history = this.keyHistory();
    const publicKey = history?.keyAtSeal(seal.sealNumber);
    if (history && (!publicKey || !sealSignatureValid(publicKey, seal.sealHash, seal.signature)))
      this.problem({ kind: 'edited', ...at, detail: SIGNATURE_PROBLEM });
    if (seal.items.length !== seal.eventCount || digest !== seal.eventsDigest) {
      this.problem({ kind: 'edited', ...at, detail: "the seal's events do not match its digest" });
    }
    for (const [eventId, hash] of seal.items) this.sealed.set(eventId, { hash, sealNumber: seal.sealNumber });
    this.seals.push(seal);
    this.sealLines.set(seal.sealNumber, line);
  }

  private checkEvent(event: ExportEvent, line: number): void {
    this.events += 1;
    this.seen.add(event.eventId);
    const at = {
      line,
      globalPosition: event.globalPosition,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
    };
    const recomputed = eventHash({
      previousHash: event.previousHash,
      eventId: event.eventId,
      streamId: event.streamId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      organizationId: event.organizationId,
      data: event.data,
      metadata: event.metadata,
      occurredAt: new Date(event.occurredAt),
      recordedAt: new Date(event.recordedAt),
    });
    if (recomputed !== event.hash)
      this.problem({ kind: 'edited', ...at, detail: 'content does not match its hash' });
    this.checkLink(event, at);
    this.checkSealed(event, at);
  }

  /** The event links to the one before it in its stream: the previous line's, or its anchor. */
  private checkLink(event: ExportEvent, at: Omit<ExportProblem, 'kind' | 'detail'>): void {
    const anchor = this.anchors.get(event.streamId);
    const before =
      this.streams.get(event.streamId) ??
      (event.streamVersion === 1
        ? { version: 0, hash: genesisHash(event.streamId), hashes: new Set<string>() }
        : anchor && { version: anchor.version, hash: anchor.hash, hashes: new Set([anchor.hash]) });
    if (!before) {
      this.problem({ kind: 'deleted', ...at, detail: 'no anchor for the event before it in its stream' });
    } else if (event.streamVersion <= before.version) {
      this.problem({
        kind: 'reordered',
        ...at,
        detail: `comes after version ${before.version} of its stream`,
      });
    } else if (event.streamVersion > before.version + 1) {
      this.problem({
        kind: 'deleted',
        ...at,
        detail: `stream versions jump from ${before.version} to ${event.streamVersion}`,
      });
    } else if (event.previousHash !== before.hash) {
      const known = before.hashes.has(event.previousHash);
      this.problem({
        kind: known ? 'reordered' : 'edited',
        ...at,
        detail: known ? 'links to another event of its stream' : 'does not link to the event before it',
      });
    }
    const hashes = before?.hashes ?? new Set<string>();
    hashes.add(event.hash);
    if (!before || event.streamVersion > before.version) {
      this.streams.set(event.streamId, { version: event.streamVersion, hash: event.hash, hashes });
    }
  }

  /** An event inside a sealed range must be one the seal covers, with the same hash. */
  private checkSealed(event: ExportEvent, at: Omit<ExportProblem, 'kind' | 'detail'>): void {
    const checkpoint = { transactionId: event.transactionId, globalPosition: event.globalPosition };
    const seal = this.seals.find(
      (candidate) =>
        compareCheckpoints(checkpoint, candidate.from) > 0 &&
        compareCheckpoints(checkpoint, candidate.to) <= 0,
    );
    if (!seal) return;
    const sealed = this.sealed.get(event.eventId);
    if (!sealed) {
      this.problem({
        kind: 'inserted',
        ...at,
        sealNumber: seal.sealNumber,
        detail: 'not among the events its seal covers',
      });
    } else if (sealed.hash !== event.hash) {
      this.problem({
        kind: 'edited',
        ...at,
        sealNumber: seal.sealNumber,
        detail: 'its hash differs from the sealed one',
      });
    }
  }
}

/** Verifies an export file line by line (memory grows with its streams and sealed events, not its data). */
export async function verifyExportFile(
  path: string,
  options: { sealPublicKey?: KeyObject; previousSealPublicKeys?: readonly KeyObject[] } = {},
): Promise<ExportVerification> {
  const verifier = new ExportVerifier(options.sealPublicKey, options.previousSealPublicKeys);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) verifier.add(line);
  return verifier.result();
}

import { DomainError, handleCommand, metadataOf, type Caller, type ServiceRuntime } from '@spn/service-kit';
import type { SqlQueryable } from '@spn/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { SCORES } from '../facts/facts';
import { PopulationQueries } from '../population/population.queries';
import {
  downloadDeadline,
  evaluatorExportDecider,
  exportStreamId,
  ExportError,
  MIN_K,
  type EvaluatorExportEvent,
  type ExportFacts,
  type ExportFormat,
} from './evaluator-export';
import {
  decideRelease,
  exportColumns,
  exportWriter,
  releasedRecord,
  type IndigenousData,
  type ReleaseDecision,
} from './export-records';
import { exportsProjection, ExportsQueries } from './exports.projection';

export interface ReleasedExport extends ExportFacts {
  readonly columns: readonly string[];
  /** Where the one copy is downloaded (the gateway's origin, or this subgraph's). */
  readonly download: string;
  readonly downloadBefore: Date;
}

/** A download about to be written: its type, then its text a piece at a time. */
export interface ExportDownload {
  readonly exportId: string;
  readonly format: ExportFormat;
  readonly contentType: string;
  readonly chunks: AsyncIterable<string>;
}

type ReleasedFacts = Extract<EvaluatorExportEvent, { type: 'analytics.EvaluatorExportReleased' }>['data'];

/** Clients read (and rows written) per batch: a download holds one batch of facts at a time. */
const BATCH = 500;

/** The path a released export is downloaded from (`GET`, the releasing analyst's token). */
export const downloadPath = (exportId: string): string => `/exports/${encodeURIComponent(exportId)}`;

/**
 * Evaluator exports (docs/domain.md, domain 9): consented clients only, de-identified and k-anonymous,
 * Indigenous clients' data only under the deployment's governance flag. A release decides the export
 * on one snapshot of the read model and records it; the one download then reads another snapshot,
 * decides again and streams the rows only if the decision is the same (else `EXPORT_CHANGED`), with
 * the download recorded before the first byte: no export leaves unaudited, none is held whole in
 * memory, none is other than what was checked.
 */
export class ExportsService {
  readonly queries: ExportsQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new ExportsQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime): Promise<ExportsService> {
    await runtime.project(exportsProjection);
    return new ExportsService(runtime);
  }

  private get indigenousData(): IndigenousData {
    return this.runtime.config.SPN_INDIGENOUS_DATA_IN_EXPORTS === 'permitted' ? 'included' : 'excluded';
  }

  /**
   * `work` on one consistent snapshot of the facts (REPEATABLE READ, read only): the decision and
   * every batch of rows see the same clients, consents and referrals, whatever the projections write
   * meanwhile.
   */
  private snapshot<T>(work: (population: PopulationQueries) => Promise<T>): Promise<T> {
    return this.runtime.readModels.transaction(async (tx: SqlQueryable) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return work(new PopulationQueries(tx, this.runtime.personalData));
    });
  }

  private async decide(population: PopulationQueries, organizationId: string): Promise<ReleaseDecision> {
    return decideRelease(await population.clients(organizationId), this.indigenousData, MIN_K);
  }

  async release(
    caller: Caller,
    format: ExportFormat,
    purpose: string,
    exportId: string = randomUUID(),
  ): Promise<ReleasedExport> {
    const decision = await this.snapshot((population) => this.decide(population, caller.organizationId));
    const facts: ExportFacts = {
      exportId,
      format,
      purpose,
      records: decision.records,
      suppressedRecords: decision.suppressedRecords,
      excludedIndigenousRecords: decision.excludedIndigenousRecords,
      indigenousData: this.indigenousData,
      k: decision.k,
      smallestClass: decision.smallestClass,
      levels: { ...decision.levels },
    };
    const at = this.runtime.clock.timestamp();
    const result = await handleCommand(
      this.runtime.store,
      evaluatorExportDecider,
      exportStreamId(caller.organizationId, exportId),
      { kind: 'release', facts, at },
      { metadata: metadataOf(caller) },
    );
    const releasedAt = result.state.release?.releasedAt ?? at;
    return {
      ...facts,
      columns: exportColumns(this.indigenousData),
      download: downloadPath(exportId),
      downloadBefore: new Date(downloadDeadline(releasedAt)),
    };
  }

  /**
   * The export's one copy, for the analyst who released it: refused (a typed error, nothing sent) when
   * it is someone else's, downloaded already, expired, or the data changed since its release. `write`
   * is called once the download is recorded, and the snapshot stays open until it resolves: the rows
   * are read a batch at a time as `write` takes them (backpressure from the client's socket).
   */
  async download(
    caller: Caller,
    exportId: string,
    write: (download: ExportDownload) => Promise<void>,
  ): Promise<void> {
    const streamId = exportStreamId(caller.organizationId, exportId);
    const [released] = await this.runtime.store.readStream(streamId);
    // Another organization's export, or none: the same answer (its existence is not told).
    if (
      released?.type !== 'analytics.EvaluatorExportReleased' ||
      released.metadata.organizationId !== caller.organizationId
    )
      throw new ExportError('EXPORT_NOT_FOUND', 'No such export', 'exportId');
    if (released.metadata.actor.subject !== caller.subject)
      throw new ExportError(
        'NOT_RELEASER',
        'Only the analyst who released an export downloads it',
        'exportId',
      );
    const facts = released.data as unknown as ReleasedFacts;
    await this.snapshot(async (population) => {
      const decision = await this.decide(population, caller.organizationId);
      // Recorded before the first byte leaves; refused (and nothing recorded) if the data changed.
      await handleCommand(
        this.runtime.store,
        evaluatorExportDecider,
        streamId,
        { kind: 'download', observed: decision, at: this.runtime.clock.timestamp() },
        { metadata: metadataOf(caller) },
      );
      const writer = exportWriter(facts.format, exportColumns(facts.indigenousData));
      await write({
        exportId,
        format: facts.format,
        contentType: writer.contentType,
        chunks: this.rows(population, caller.organizationId, decision, facts.indigenousData, writer),
      });
    });
  }

  private async *rows(
    population: PopulationQueries,
    organizationId: string,
    decision: ReleaseDecision,
    indigenousData: IndigenousData,
    writer: ReturnType<typeof exportWriter>,
  ): AsyncGenerator<string> {
    yield writer.start;
    // A salt of this download's own: the rows' order says nothing of ids or of arrival, and differs
    // from one export to the next.
    const salt = randomBytes(16).toString('hex');
    let after: string | null = null;
    let written = 0;
    for (;;) {
      const clients = await population.clientBatch(organizationId, { salt, after, limit: BATCH });
      if (clients.length === 0) break;
      after = clients.at(-1)?.orderKey ?? null;
      const ids = clients.map((client) => client.clientId);
      const referrals = await population.referrals(organizationId, 'consented', ids);
      const outcomes = [];
      for (const score of Object.keys(SCORES))
        outcomes.push(...(await population.outcomes(organizationId, score, 'consented', ids)));
      let text = '';
      for (const client of clients) {
        const record = releasedRecord(
          {
            client,
            referrals: referrals.filter((referral) => referral.clientId === client.clientId),
            outcomes: outcomes.filter((outcome) => outcome.clientId === client.clientId),
          },
          decision,
          indigenousData,
        );
        if (record === null) continue;
        text += writer.row(record, written);
        written += 1;
      }
      if (text) yield text;
    }
    // The snapshot makes this impossible; were it not, the answer is cut rather than ended as if whole.
    if (written !== decision.records)
      throw new DomainError('EXPORT_INCOMPLETE', 'The export did not give the records it was released with');
    yield writer.end;
  }
}

import { handleCommand, metadataOf, type Caller, type ServiceRuntime } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { SCORES } from '../facts/facts';
import type { PopulationQueries } from '../population/population.queries';
import {
  evaluatorExportDecider,
  exportStreamId,
  MIN_K,
  type ExportFacts,
  type ExportFormat,
} from './evaluator-export';
import { exportRecords, toCsv, toJson } from './export-records';
import { exportsProjection, ExportsQueries } from './exports.projection';

export interface ReleasedExport extends ExportFacts {
  readonly columns: readonly string[];
  readonly content: string;
}

/**
 * Evaluator exports (DOMAIN.md, domain 9): consented clients only, de-identified and k-anonymous,
 * Indigenous clients' data only under the deployment's governance flag; each release recorded in the
 * log before its content is handed over, so no export goes unaudited.
 */
export class ExportsService {
  readonly queries: ExportsQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly population: PopulationQueries,
  ) {
    this.queries = new ExportsQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime, population: PopulationQueries): Promise<ExportsService> {
    await runtime.project(exportsProjection);
    return new ExportsService(runtime, population);
  }

  async release(
    caller: Caller,
    format: ExportFormat,
    purpose: string,
    exportId: string = randomUUID(),
  ): Promise<ReleasedExport> {
    const organizationId = caller.organizationId;
    const outcomes = [];
    for (const score of Object.keys(SCORES))
      outcomes.push(...(await this.population.outcomes(organizationId, score)));
    const indigenousData =
      this.runtime.config.SPN_INDIGENOUS_DATA_IN_EXPORTS === 'permitted' ? 'included' : 'excluded';
    const data = exportRecords({
      clients: await this.population.clients(organizationId),
      referrals: await this.population.referrals(organizationId),
      outcomes,
      indigenousData,
      k: MIN_K,
    });
    const facts: ExportFacts = {
      exportId,
      format,
      purpose,
      records: data.records.length,
      suppressedRecords: data.suppressedRecords,
      excludedIndigenousRecords: data.excludedIndigenousRecords,
      indigenousData,
      k: data.k,
      smallestClass: data.smallestClass,
      levels: { ...data.levels },
    };
    // Recorded before the content leaves: an export the log does not hold was never handed over.
    await handleCommand(
      this.runtime.store,
      evaluatorExportDecider,
      exportStreamId(caller.organizationId, exportId),
      { kind: 'release', facts, at: new Date().toISOString() },
      { metadata: metadataOf(caller) },
    );
    return { ...facts, columns: data.columns, content: format === 'csv' ? toCsv(data) : toJson(data) };
  }
}

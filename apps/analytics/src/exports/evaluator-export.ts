import { DomainError, organizationStreamId, type Decider } from '@spn/service-kit';

/**
 * An evaluator export, as recorded in the log (stream `export-<organizationId>-<exportId>`): who released what, of how
 * many clients, at which k and generalisation, with or without Indigenous data. The data itself is
 * never recorded: only what an auditor needs to know the export happened and how it was protected.
 * An export is released once; the same id again is refused. Pure.
 */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type EvaluatorExportEvent = {
  type: 'analytics.EvaluatorExportReleased';
  data: {
    exportId: string;
    format: ExportFormat;
    purpose: string;
    records: number;
    suppressedRecords: number;
    excludedIndigenousRecords: number;
    indigenousData: 'excluded' | 'included';
    k: number;
    smallestClass: number;
    levels: Record<string, number>;
    releasedAt: string;
  };
};

/** What the release is: everything recorded but the moment. */
export type ExportFacts = Omit<EvaluatorExportEvent['data'], 'releasedAt'>;
export type EvaluatorExportCommand = { kind: 'release'; facts: ExportFacts; at: string };

export interface EvaluatorExportState {
  readonly released: boolean;
}

export class ExportError extends DomainError {}

export const MIN_K = 5;
const MAX_PURPOSE = 500;

export const evaluatorExportDecider: Decider<
  EvaluatorExportCommand,
  EvaluatorExportEvent,
  EvaluatorExportState
> = {
  initialState: () => ({ released: false }),
  decide: (command, state) => {
    if (state.released)
      throw new ExportError('ALREADY_RELEASED', 'This export was released already', 'exportId');
    const { facts } = command;
    const purpose = facts.purpose.trim();
    if (purpose === '' || purpose.length > MAX_PURPOSE)
      throw new ExportError('INVALID_PURPOSE', `purpose must be 1 to ${MAX_PURPOSE} characters`, 'purpose');
    // The release is refused, not recorded, when the data would not pass the check before release.
    if (facts.k < MIN_K || (facts.records > 0 && facts.smallestClass < facts.k))
      throw new ExportError('NOT_K_ANONYMOUS', `Every group of records must hold at least ${MIN_K}`, 'k');
    return [
      { type: 'analytics.EvaluatorExportReleased', data: { ...facts, purpose, releasedAt: command.at } },
    ];
  },
  evolve: () => ({ released: true }),
};

export const exportStreamId = (organizationId: string, exportId: string): string =>
  organizationStreamId('export', organizationId, exportId);

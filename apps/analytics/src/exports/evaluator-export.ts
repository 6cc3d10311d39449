import { DomainError, organizationStreamId, type Decider } from '@spn/service-kit';

/**
 * An evaluator export, as recorded in the log (stream `export-<organizationId>-<exportId>`): who released what, of how
 * many clients, at which k and generalisation, with or without Indigenous data, and when its one copy
 * was handed over. The data itself is never recorded: only what an auditor needs to know the export
 * happened and how it was protected. An export is released once (the same id again is refused) and
 * downloaded once, within {@link DOWNLOAD_WINDOW_MS} of its release, and only while the data still
 * gives exactly what was released. Pure.
 */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type EvaluatorExportEvent =
  | EvaluatorExportReleased
  | {
      type: 'analytics.EvaluatorExportDownloaded';
      data: { exportId: string; records: number; downloadedAt: string };
    };

type EvaluatorExportReleased = {
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
export type ExportFacts = Omit<EvaluatorExportReleased['data'], 'releasedAt'>;
/** What decides whether the data still gives the release: the counts and levels, not the purpose or format. */
export type ExportOutcome = Pick<
  ExportFacts,
  'records' | 'suppressedRecords' | 'excludedIndigenousRecords' | 'k' | 'smallestClass' | 'levels'
>;
export type EvaluatorExportCommand =
  | { kind: 'release'; facts: ExportFacts; at: string }
  /** `observed`: the release decided again on the data the download is read from. */
  | { kind: 'download'; observed: ExportOutcome; at: string };

export interface EvaluatorExportState {
  readonly release: EvaluatorExportReleased['data'] | null;
  readonly downloaded: boolean;
}

export class ExportError extends DomainError {}

export const MIN_K = 5;
/** An export id (the caller's, for a safe retry, or a UUID): it becomes a download path, so no other characters. */
export const EXPORT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_PURPOSE = 500;
/** How long after its release an export can be downloaded: one working hour, then release again. */
export const DOWNLOAD_WINDOW_MS = 60 * 60 * 1000;

export const downloadDeadline = (releasedAt: string): string =>
  new Date(Date.parse(releasedAt) + DOWNLOAD_WINDOW_MS).toISOString();

const sameOutcome = (released: ExportOutcome, observed: ExportOutcome): boolean =>
  released.records === observed.records &&
  released.suppressedRecords === observed.suppressedRecords &&
  released.excludedIndigenousRecords === observed.excludedIndigenousRecords &&
  released.k === observed.k &&
  released.smallestClass === observed.smallestClass &&
  JSON.stringify(Object.entries(released.levels).sort()) ===
    JSON.stringify(Object.entries(observed.levels).sort());

function decideDownload(
  command: Extract<EvaluatorExportCommand, { kind: 'download' }>,
  state: EvaluatorExportState,
): EvaluatorExportEvent[] {
  const { release } = state;
  if (release === null) throw new ExportError('EXPORT_NOT_FOUND', 'No such export', 'exportId');
  if (state.downloaded)
    throw new ExportError(
      'ALREADY_DOWNLOADED',
      'This export was downloaded already: release a new one',
      'exportId',
    );
  if (Date.parse(command.at) > Date.parse(downloadDeadline(release.releasedAt)))
    throw new ExportError(
      'EXPORT_EXPIRED',
      'This export can no longer be downloaded: release a new one',
      'exportId',
    );
  // The rows are produced now: they must be the ones the release checked (consents withdrawn or
  // clients added since change the classes, and k was proven for the release's, not for these).
  if (!sameOutcome(release, command.observed))
    throw new ExportError(
      'EXPORT_CHANGED',
      'The data changed since the release: release a new export',
      'exportId',
    );
  return [
    {
      type: 'analytics.EvaluatorExportDownloaded',
      data: { exportId: release.exportId, records: release.records, downloadedAt: command.at },
    },
  ];
}

export const evaluatorExportDecider: Decider<
  EvaluatorExportCommand,
  EvaluatorExportEvent,
  EvaluatorExportState
> = {
  initialState: () => ({ release: null, downloaded: false }),
  decide: (command, state) => {
    if (command.kind === 'download') return decideDownload(command, state);
    if (state.release !== null)
      throw new ExportError('ALREADY_RELEASED', 'This export was released already', 'exportId');
    const { facts } = command;
    if (!EXPORT_ID.test(facts.exportId))
      throw new ExportError('INVALID_ID', 'exportId must be 1 to 100 letters, digits, - or _', 'exportId');
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
  evolve: (state, event) =>
    event.type === 'analytics.EvaluatorExportReleased'
      ? { ...state, release: event.data }
      : { ...state, downloaded: true },
};

export const exportStreamId = (organizationId: string, exportId: string): string =>
  organizationStreamId('export', organizationId, exportId);

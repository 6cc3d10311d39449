import { deciderSpecification } from '@spn/service-kit';
import {
  evaluatorExportDecider,
  type EvaluatorExportCommand,
  type EvaluatorExportEvent,
} from './evaluator-export';

const AT = '2026-11-25T10:00:00.000Z';

describe('evaluator export release', () => {
  const spec = deciderSpecification(evaluatorExportDecider);
  const facts = {
    exportId: 'x-1',
    format: 'csv' as const,
    purpose: '  Evaluation of the 2026 pilot  ',
    records: 40,
    suppressedRecords: 2,
    excludedIndigenousRecords: 3,
    indigenousData: 'excluded' as const,
    k: 5,
    smallestClass: 5,
    levels: { area: 1 },
  };
  const release: EvaluatorExportCommand = { kind: 'release', facts, at: AT };
  const changed = (change: Partial<typeof facts>): EvaluatorExportCommand => ({
    ...release,
    facts: { ...facts, ...change },
  });
  const released: EvaluatorExportEvent = {
    type: 'analytics.EvaluatorExportReleased',
    data: {
      exportId: 'x-1',
      format: 'csv',
      purpose: 'Evaluation of the 2026 pilot',
      records: 40,
      suppressedRecords: 2,
      excludedIndigenousRecords: 3,
      indigenousData: 'excluded',
      k: 5,
      smallestClass: 5,
      levels: { area: 1 },
      releasedAt: AT,
    },
  };

  it('records what was released and how it was protected, once', () => {
    spec.given([]).when(release).then([released]);
    spec.given([released]).when(release).thenRefuses('ALREADY_RELEASED', 'exportId');
  });

  it('refuses a release whose smallest group is under k, or a k under 5', () => {
    spec
      .given([])
      .when(changed({ smallestClass: 4 }))
      .thenRefuses('NOT_K_ANONYMOUS', 'k');
    spec
      .given([])
      .when(changed({ k: 3, smallestClass: 3 }))
      .thenRefuses('NOT_K_ANONYMOUS', 'k');
  });

  it('releases an empty export (no consented client) as such', () => {
    spec
      .given([])
      .when(changed({ records: 0, smallestClass: 0 }))
      .then([{ ...released, data: { ...released.data, records: 0, smallestClass: 0 } }]);
  });

  it('needs a purpose', () => {
    spec
      .given([])
      .when(changed({ purpose: ' ' }))
      .thenRefuses('INVALID_PURPOSE', 'purpose');
  });

  it('refuses an export id that could not be a download path', () => {
    spec
      .given([])
      .when(changed({ exportId: '../x' }))
      .thenRefuses('INVALID_ID', 'exportId');
  });
});

describe('evaluator export download', () => {
  const spec = deciderSpecification(evaluatorExportDecider);
  const released: EvaluatorExportEvent = {
    type: 'analytics.EvaluatorExportReleased',
    data: {
      exportId: 'x-1',
      format: 'json',
      purpose: 'Evaluation',
      records: 40,
      suppressedRecords: 2,
      excludedIndigenousRecords: 3,
      indigenousData: 'excluded',
      k: 5,
      smallestClass: 5,
      levels: { area: 1, ageBand: 0 },
      releasedAt: AT,
    },
  };
  const observed = {
    records: 40,
    suppressedRecords: 2,
    excludedIndigenousRecords: 3,
    k: 5,
    smallestClass: 5,
    levels: { ageBand: 0, area: 1 },
  };
  const minutesLater = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();
  const download = (change: Partial<typeof observed> = {}, at = minutesLater(5)): EvaluatorExportCommand => ({
    kind: 'download',
    observed: { ...observed, ...change },
    at,
  });
  const downloaded: EvaluatorExportEvent = {
    type: 'analytics.EvaluatorExportDownloaded',
    data: { exportId: 'x-1', records: 40, downloadedAt: minutesLater(5) },
  };

  it('records the one copy handed over, when the data still gives the release', () => {
    spec.given([released]).when(download()).then([downloaded]);
    spec.given([released, downloaded]).when(download()).thenRefuses('ALREADY_DOWNLOADED', 'exportId');
  });

  it('refuses an export never released', () => {
    spec.given([]).when(download()).thenRefuses('EXPORT_NOT_FOUND', 'exportId');
  });

  it('refuses a download after the window: release again', () => {
    spec
      .given([released])
      .when(download({}, minutesLater(60)))
      .then([{ ...downloaded, data: { ...downloaded.data, downloadedAt: minutesLater(60) } }]);
    spec
      .given([released])
      .when(download({}, minutesLater(61)))
      .thenRefuses('EXPORT_EXPIRED', 'exportId');
  });

  it('refuses rows other than those the release checked: a count or a level changed', () => {
    for (const change of [
      { records: 41 },
      { suppressedRecords: 1 },
      { excludedIndigenousRecords: 4 },
      { smallestClass: 6 },
      { levels: { ageBand: 1, area: 1 } },
    ])
      spec.given([released]).when(download(change)).thenRefuses('EXPORT_CHANGED', 'exportId');
  });
});

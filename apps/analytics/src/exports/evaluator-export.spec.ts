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
});

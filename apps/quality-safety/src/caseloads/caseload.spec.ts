import { deciderSpecification } from '@spn/service-kit';
import { caseloadAlertDecider, caseloadPolicyDecider, type CaseloadAlertEvent } from './caseload';

const AT = '2026-11-20T10:00:00.000Z';

describe('caseload threshold', () => {
  const spec = deciderSpecification(caseloadPolicyDecider);
  const set = {
    type: 'quality-safety.CaseloadThresholdSet' as const,
    data: { maxActiveCases: 25, setAt: AT },
  };
  it('is set by whole numbers in range; the same value again changes nothing', () => {
    spec.given([]).when({ kind: 'setThreshold', maxActiveCases: 25, at: AT }).then([set]);
    spec.given([set]).when({ kind: 'setThreshold', maxActiveCases: 25, at: AT }).then([]);
    spec
      .given([])
      .when({ kind: 'setThreshold', maxActiveCases: 0, at: AT })
      .thenRefuses('INVALID_VALUE', 'maxActiveCases');
    spec
      .given([])
      .when({ kind: 'setThreshold', maxActiveCases: 2.5, at: AT })
      .thenRefuses('INVALID_VALUE', 'maxActiveCases');
  });
});

describe('caseload alert', () => {
  const spec = deciderSpecification(caseloadAlertDecider);
  const check = {
    kind: 'checkThreshold' as const,
    linkWorker: 'lw',
    activeCases: 3,
    threshold: 2,
    causedBy: 'ev-1',
    at: AT,
  };
  const exceeded: CaseloadAlertEvent = {
    type: 'quality-safety.CaseloadThresholdExceeded',
    data: { linkWorker: 'lw', activeCases: 3, threshold: 2, causedBy: 'ev-1', exceededAt: AT },
  };
  it('fires when an opening takes the Link Worker over the threshold, once per source event', () => {
    spec.given([]).when(check).then([exceeded]);
    spec.given([exceeded]).when(check).then([]);
    spec
      .given([])
      .when({ ...check, activeCases: 2 })
      .then([]);
    spec
      .given([])
      .when({ ...check, threshold: null })
      .then([]);
  });
});

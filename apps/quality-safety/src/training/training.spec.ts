import { deciderSpecification } from '@spn/service-kit';
import { policyDecider } from './policy';
import { trainingDecider, type TrainingEvent } from './training';

const spec = deciderSpecification(trainingDecider);
const AT = '2026-11-20T10:00:00.000Z';
const recorded: TrainingEvent = {
  type: 'quality-safety.TrainingRecorded',
  data: {
    recordId: 'r-1',
    subject: 'lw',
    topic: 'cultural-safety',
    title: null,
    completedOn: '2025-12-20',
    expiresOn: '2026-12-20',
    recordedAt: AT,
  },
};
const record = {
  kind: 'record' as const,
  recordId: 'r-1',
  subject: 'lw',
  topic: 'cultural-safety',
  completedOn: '2025-12-20',
  expiresOn: '2026-12-20',
  at: AT,
};
const reminded: TrainingEvent = {
  type: 'quality-safety.TrainingExpiryReminderIssued',
  data: {
    recordId: 'r-1',
    topic: 'cultural-safety',
    expiresOn: '2026-12-20',
    daysBefore: 30,
    issuedOn: '2026-11-20',
  },
};

describe('training file', () => {
  it('records a training of a known topic with its expiry', () => {
    spec.given([]).when(record).then([recorded]);
    spec
      .given([])
      .when({ ...record, topic: 'juggling' })
      .thenRefuses('INVALID_VALUE', 'topic');
    spec
      .given([])
      .when({ ...record, topic: 'other' })
      .thenRefuses('REQUIRED', 'title');
    spec
      .given([])
      .when({ ...record, expiresOn: '2025-12-01' })
      .thenRefuses('INVALID_DATE', 'expiresOn');
    spec
      .given([])
      .when({ ...record, completedOn: '2025-13-01' })
      .thenRefuses('INVALID_DATE', 'completedOn');
    spec.given([recorded]).when(record).thenRefuses('DUPLICATE_ID', 'recordId');
  });

  it('issues one reminder per record, inside the 30 days before its expiry only', () => {
    const remind = { kind: 'issueReminder' as const, recordId: 'r-1', asOf: '2026-11-20' };
    spec.given([recorded]).when(remind).then([reminded]);
    spec
      .given([recorded, reminded])
      .when({ ...remind, asOf: '2026-11-21' })
      .then([]);
    spec
      .given([recorded])
      .when({ ...remind, asOf: '2026-11-19' })
      .then([]);
    spec
      .given([recorded])
      .when({ ...remind, asOf: '2026-12-21' })
      .then([]);
    expect(
      spec
        .given([recorded])
        .when({ ...remind, asOf: '2026-12-20' })
        .events(),
    ).toHaveLength(1);
    spec.given([]).when(remind).thenRefuses('RECORD_NOT_FOUND', 'recordId');
  });

  it('acknowledges a published policy version once', () => {
    const acknowledge = {
      kind: 'acknowledge' as const,
      policyId: 'p',
      version: 2,
      versionPublished: true,
      at: AT,
    };
    const acknowledged: TrainingEvent = {
      type: 'quality-safety.PolicyAcknowledged',
      data: { policyId: 'p', version: 2, acknowledgedAt: AT },
    };
    spec.given([]).when(acknowledge).then([acknowledged]);
    spec.given([acknowledged]).when(acknowledge).then([]);
    spec
      .given([])
      .when({ ...acknowledge, versionPublished: false })
      .thenRefuses('POLICY_VERSION_NOT_FOUND', 'version');
  });
});

describe('policy', () => {
  const spec = deciderSpecification(policyDecider);
  it('publishes numbered versions', () => {
    const first = {
      type: 'quality-safety.PolicyVersionPublished' as const,
      data: { policyId: 'p', version: 1, title: 'Privacy', summary: null, publishedAt: AT },
    };
    spec.given([]).when({ kind: 'publish', policyId: 'p', title: ' Privacy ', at: AT }).then([first]);
    spec
      .given([first])
      .when({ kind: 'publish', policyId: 'p', title: 'Privacy', summary: 'Lockbox', at: AT })
      .then([{ ...first, data: { ...first.data, version: 2, summary: 'Lockbox' } }]);
    spec
      .given([])
      .when({ kind: 'publish', policyId: 'p', title: '', at: AT })
      .thenRefuses('REQUIRED', 'title');
  });
});

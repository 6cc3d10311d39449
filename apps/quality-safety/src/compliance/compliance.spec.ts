import { assessLinkWorker, type LinkWorkerFacts } from './compliance';

const asOf = new Date('2026-11-20T12:00:00.000Z');
const current: LinkWorkerFacts = {
  linkWorker: 'lw',
  lastSupervisionHeldAt: new Date('2026-11-01T10:00:00.000Z'),
  training: [
    { topic: 'cultural-safety', expiresOn: '2027-01-01' },
    { topic: 'safeguarding', expiresOn: null },
    { topic: 'privacy', expiresOn: '2026-11-20' },
  ],
  unacknowledgedPolicies: 0,
  activeCases: 10,
  threshold: 10,
};

describe('compliance rules', () => {
  it('is compliant with supervision within 30 days, required training current, policies acknowledged, caseload at most the threshold', () => {
    expect(assessLinkWorker(current, asOf)).toMatchObject({
      supervisionMet: true,
      trainingCurrent: true,
      expiredTopics: [],
      missingTopics: [],
      overThreshold: false,
      compliant: true,
    });
  });

  it('names what is missing: late supervision, expired or missing topics, a policy, a caseload over', () => {
    const result = assessLinkWorker(
      {
        ...current,
        lastSupervisionHeldAt: new Date('2026-10-01T10:00:00.000Z'),
        training: [
          { topic: 'cultural-safety', expiresOn: '2026-11-19' },
          { topic: 'safeguarding', expiresOn: '2026-01-01' },
          { topic: 'safeguarding', expiresOn: '2027-01-01' },
        ],
        unacknowledgedPolicies: 1,
        activeCases: 11,
      },
      asOf,
    );
    expect(result).toMatchObject({
      supervisionMet: false,
      expiredTopics: ['cultural-safety'],
      missingTopics: ['privacy'],
      trainingCurrent: false,
      overThreshold: true,
      compliant: false,
    });
    expect(
      assessLinkWorker({ ...current, lastSupervisionHeldAt: null, threshold: null, activeCases: 99 }, asOf),
    ).toMatchObject({
      supervisionMet: false,
      overThreshold: false,
    });
  });
});

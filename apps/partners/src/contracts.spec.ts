import { ALL_CONTRACTS, contractBreaches } from '@spn/contracts';
import { eventsOfStory } from '@spn/service-kit';
import { changeReportDecider } from './directory/change-report';
import { communityDecider } from './community/community';
import { referralDecider } from './referrals/referral';

/**
 * What the partners context emits, against the contracts other contexts read it by: stories through
 * its deciders reach every contracted event, and each must hold its newest contract exactly.
 */
const AT = '2026-03-01T10:00:00.000Z';
const PARTNER = 'org-club';

const referral = eventsOfStory(referralDecider, [
  {
    kind: 'create',
    referralId: 'rx-1',
    clientId: 'c-1',
    need: 'social-connection',
    serviceId: 'svc-1',
    resourceName: 'Seniors lunch club',
    partnerOrganizationId: PARTNER,
    consented: false,
    at: AT,
  },
  { kind: 'consentGiven', partnerOrganizationId: PARTNER, consented: true, at: AT },
  {
    kind: 'changeStatus',
    referralId: 'rx-1',
    to: 'rejected',
    side: 'receiver',
    organizationId: PARTNER,
    consented: true,
    reason: 'no-capacity',
    note: 'Full until spring.',
    at: AT,
  },
]);

const community = eventsOfStory(communityDecider, [
  { kind: 'recordUnmetNeed', unmetNeedId: 'u-1', need: 'housing', area: 'Port Moody', at: AT },
]);

const changeReport = eventsOfStory(changeReportDecider, [
  {
    kind: 'report',
    reportId: 'cr-1',
    serviceId: 'svc-1',
    changeKind: 'waitlist',
    summary: 'A waitlist of six weeks',
    by: 'lw-1',
    at: AT,
  },
  { kind: 'review', decision: 'confirmed', by: 'steward-1', at: AT },
]);

describe('the partners context keeps its contracts', () => {
  const emitted = [...referral, ...community, ...changeReport];

  it.each(ALL_CONTRACTS.filter((contract) => contract.type.startsWith('partners.')).map((c) => c.type))(
    'the stories emit %s',
    (type) => {
      expect(emitted.map((event) => event.type)).toContain(type);
    },
  );

  it.each(emitted.map((event, index) => [index, event.type, event] as const))(
    'event %i, %s, holds its newest contract',
    (_index, _type, event) => {
      expect(contractBreaches(ALL_CONTRACTS, event)).toEqual([]);
    },
  );
});

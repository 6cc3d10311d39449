import { ALL_CONTRACTS, contractBreaches } from '@spn/contracts';
import { eventsOfStory } from '@spn/service-kit';
import { carePlanDecider } from './care-plans/care-plan';

/**
 * What the care-plans context emits, against the contracts other contexts read it by: a plan's story
 * reaches every contracted event, and each must hold its newest contract exactly.
 */
const AT = '2026-03-01T10:00:00.000Z';

const emitted = eventsOfStory(carePlanDecider, [
  { kind: 'open', planId: 'p-1', clientId: 'c-1', linkWorker: 'lw-1', at: AT },
  { kind: 'setGoal', goalId: 'g-1', inClientsWords: 'See friends again', at: AT },
  {
    kind: 'prescribe',
    prescriptionId: 'rx-1',
    goalId: 'g-1',
    need: 'social-connection',
    resourceName: 'Seniors lunch club',
    partnerOrganizationId: 'org-club',
    serviceId: 'svc-1',
    followUpOn: '2026-03-15',
    at: AT,
  },
  {
    kind: 'prescribe',
    prescriptionId: 'rx-2',
    need: 'food',
    resourceName: 'Food bank',
    followUpOn: '2026-03-15',
    at: AT,
  },
  {
    kind: 'recordOutcome',
    measurementId: 'm-1',
    timepoint: 'baseline',
    answers: { measure: 'UCLA3', items: { lackCompanionship: 3, leftOut: 3, isolated: 2 } },
    at: AT,
  },
  { kind: 'close', reason: 'goals-met', note: 'Going weekly now.', at: AT },
]);

describe('the care-plans context keeps its contracts', () => {
  it.each(ALL_CONTRACTS.filter((contract) => contract.type.startsWith('care-plans.')).map((c) => c.type))(
    'the story emits %s',
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

import { ALL_CONTRACTS, contractBreaches } from '@spn/contracts';
import { eventsOfStory } from '@spn/service-kit';
import { clientDecider } from './clients/client';
import { teamDecider } from './teams/team';

/**
 * What the clients context emits, against the contracts other contexts read it by: a story through
 * both deciders reaches every contracted event, and each must hold its newest contract exactly.
 */
const AT = '2026-11-20T10:00:00.000Z';

const client = eventsOfStory(clientDecider, [
  {
    kind: 'refer',
    clientId: 'c-1',
    referralId: 'r-1',
    referrerOrganizationId: 'org-clinic',
    reason: 'Lives alone since a fall.',
    needs: ['food'],
    urgency: 'urgent',
  },
  {
    kind: 'registerDetails',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1990-01-01',
    today: '2026-11-20',
  },
  { kind: 'registerDetails', givenName: 'Ada', familyName: 'Lovelace', today: '2026-11-20' },
  {
    kind: 'recordConsent',
    consentId: 'k-1',
    purpose: 'sharing',
    recipientOrganizationId: 'org-food',
    at: AT,
  },
  { kind: 'recordConsent', consentId: 'k-2', purpose: 'care', at: AT },
  { kind: 'withdrawConsent', consentId: 'k-1', at: AT },
  { kind: 'assignLinkWorker', linkWorker: 'lw-1' },
  {
    kind: 'describeCulturalIdentity',
    inClientsWords: 'Cree',
    indigenousIdentity: 'first-nations',
    languages: ['cr'],
  },
  { kind: 'describeCulturalIdentity' },
  {
    kind: 'describeDemographics',
    area: 'V3B',
    gender: 'woman',
    incomeBand: 'under-20k',
    ethnicity: 'another',
  },
  { kind: 'describeDemographics' },
  {
    kind: 'logInteraction',
    interactionId: 'i-1',
    party: 'client',
    channel: 'phone',
    purpose: 'Check-in',
    summary: 'Went to the lunch program.',
    followUpNeeded: false,
    at: AT,
  },
  { kind: 'erase', reason: 'CLIENT_REQUEST', at: AT },
]);

const team = eventsOfStory(teamDecider, [
  { kind: 'form', teamId: 't-1', name: 'North shore', at: AT },
  { kind: 'addMember', subject: 'lw-1', role: 'link-worker', at: AT },
  { kind: 'addMember', subject: 'sup-1', role: 'supervisor', at: AT },
  { kind: 'removeMember', subject: 'lw-1', at: AT },
]);

describe('the clients context keeps its contracts', () => {
  const emitted = [...client, ...team];

  it.each(ALL_CONTRACTS.filter((contract) => contract.type.startsWith('clients.')).map((c) => c.type))(
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

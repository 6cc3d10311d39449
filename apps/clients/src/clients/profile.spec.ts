import { CLIENT_REFERRED } from '@spn/contracts';
import { deciderSpecification } from '@spn/service-kit';
import { clientDecider, type ClientEvent } from './client';

const spec = deciderSpecification(clientDecider);
const referred: ClientEvent = {
  type: CLIENT_REFERRED,
  schemaVersion: 2,
  data: {
    clientId: 'c-1',
    referralId: 'r-1',
    referrerOrganizationId: 'org-clinic',
    needs: ['food'],
    urgency: 'routine',
  },
};
const AT = '2026-03-01T10:00:00.000Z';

describe("the client's profile: communication, cultural identity, demographics, circle of support, interactions", () => {
  it('records how to communicate with the client, and refuses what it does not know', () => {
    spec
      .given([referred])
      .when({
        kind: 'setCommunication',
        channels: ['phone', 'text', 'phone'],
        interpreterNeeded: true,
        accessibilityNeeds: ['hearing'],
        bestTimes: ' Mornings ',
      })
      .then([
        {
          type: 'clients.CommunicationPreferencesSet',
          data: {
            channels: ['phone', 'text'],
            interpreterNeeded: true,
            accessibilityNeeds: ['hearing'],
            bestTimes: 'Mornings',
          },
        },
      ]);
    spec
      .given([referred])
      .when({
        kind: 'setCommunication',
        channels: ['pigeon'],
        interpreterNeeded: false,
        accessibilityNeeds: [],
      })
      .thenRefuses('INVALID_VALUE', 'channels[0]');
    spec
      .given([])
      .when({
        kind: 'setCommunication',
        channels: ['phone'],
        interpreterNeeded: false,
        accessibilityNeeds: [],
      })
      .thenRefuses('CLIENT_NOT_FOUND', 'clientId');
  });

  it('takes a cultural identity only as the client gives it: every part optional', () => {
    spec
      .given([referred])
      .when({
        kind: 'describeCulturalIdentity',
        indigenousIdentity: 'metis',
        languages: ['Michif', 'French'],
      })
      .then([
        {
          type: 'clients.CulturalIdentityDescribed',
          data: {
            inClientsWords: null,
            indigenousIdentity: 'metis',
            languages: ['Michif', 'French'],
            practicesAndPreferences: null,
          },
        },
      ]);
    spec
      .given([referred])
      .when({ kind: 'describeCulturalIdentity', indigenousIdentity: 'unsure' })
      .thenRefuses('INVALID_VALUE', 'indigenousIdentity');
  });

  describe('demographics, as the client describes them', () => {
    const described = (
      data: Partial<Record<'area' | 'gender' | 'incomeBand' | 'ethnicity', string>>,
    ): ClientEvent => ({
      type: 'clients.DemographicsDescribed',
      data: { area: null, gender: null, incomeBand: null, ethnicity: null, ...data },
    });

    it('records the forward sortation area in upper case, and the categories given', () => {
      spec
        .given([referred])
        .when({
          kind: 'describeDemographics',
          area: ' v3b ',
          gender: 'two-spirit',
          incomeBand: '20k-40k',
          ethnicity: 'southeast-asian',
        })
        .then([
          described({
            area: 'V3B',
            gender: 'two-spirit',
            incomeBand: '20k-40k',
            ethnicity: 'southeast-asian',
          }),
        ]);
    });

    it('takes every part as optional: what is left out is null', () => {
      spec
        .given([referred])
        .when({ kind: 'describeDemographics' })
        .then([described({})]);
      spec
        .given([referred])
        .when({ kind: 'describeDemographics', area: '', incomeBand: 'prefer-not-to-say' })
        .then([described({ incomeBand: 'prefer-not-to-say' })]);
    });

    it('replaces an earlier description wholly', () => {
      spec
        .given([referred, described({ area: 'V3B', gender: 'woman', ethnicity: 'black' })])
        .when({ kind: 'describeDemographics', gender: 'prefer-not-to-say' })
        .then([described({ gender: 'prefer-not-to-say' })]);
    });

    it('refuses a full postal code: only the forward sortation area is taken', () => {
      for (const postalCode of ['V3B 1A1', 'v3b1a1']) {
        const refusal = spec
          .given([referred])
          .when({ kind: 'describeDemographics', area: postalCode })
          .thenRefuses('FULL_POSTAL_CODE', 'area');
        // The refusal names the field, never the value (a postal code is personal data).
        expect(refusal.message).not.toMatch(/1A1/i);
      }
    });

    it('refuses what is not a forward sortation area or not one of the categories', () => {
      for (const area of ['123', 'V3', 'VVB', 'V3B 1'])
        spec
          .given([referred])
          .when({ kind: 'describeDemographics', area })
          .thenRefuses('INVALID_VALUE', 'area');
      spec
        .given([referred])
        .when({ kind: 'describeDemographics', gender: 'female' })
        .thenRefuses('INVALID_VALUE', 'gender');
      spec
        .given([referred])
        .when({ kind: 'describeDemographics', incomeBand: '45000' })
        .thenRefuses('INVALID_VALUE', 'incomeBand');
      // Indigenous identity is not an ethnicity here: describeCulturalIdentity records it, apart.
      spec
        .given([referred])
        .when({ kind: 'describeDemographics', ethnicity: 'first-nations' })
        .thenRefuses('INVALID_VALUE', 'ethnicity');
    });

    it('needs a known client, not erased', () => {
      spec
        .given([])
        .when({ kind: 'describeDemographics', gender: 'man' })
        .thenRefuses('CLIENT_NOT_FOUND', 'clientId');
      spec
        .given([
          referred,
          {
            type: 'clients.ClientErased',
            data: { reason: 'CLIENT_REQUEST', erasedAt: AT },
          },
        ])
        .when({ kind: 'describeDemographics', gender: 'man' })
        .thenRefuses('CLIENT_ERASED', 'clientId');
    });
  });

  it('keeps the circle of support and what each member may know', () => {
    const added: ClientEvent = {
      type: 'clients.SupportPersonAdded',
      data: { personId: 'p-1', name: 'Lou', relationship: 'daughter', mayKnow: ['appointments'] },
    };
    spec
      .given([referred])
      .when({
        kind: 'addSupportPerson',
        personId: 'p-1',
        name: 'Lou',
        relationship: 'daughter',
        mayKnow: ['appointments'],
      })
      .then([added]);
    spec
      .given([referred, added])
      .when({ kind: 'addSupportPerson', personId: 'p-1', name: 'Lou', relationship: 'daughter', mayKnow: [] })
      .thenRefuses('DUPLICATE_ID', 'personId');
    spec
      .given([referred])
      .when({
        kind: 'addSupportPerson',
        personId: 'p-2',
        name: 'Sam',
        relationship: 'friend',
        mayKnow: ['everything'],
      })
      .thenRefuses('INVALID_VALUE', 'mayKnow[0]');
    spec
      .given([referred, added])
      .when({ kind: 'removeSupportPerson', personId: 'p-1' })
      .then([{ type: 'clients.SupportPersonRemoved', data: { personId: 'p-1' } }]);
    spec
      .given([referred])
      .when({ kind: 'removeSupportPerson', personId: 'p-1' })
      .thenRefuses('PERSON_NOT_FOUND', 'personId');
  });

  it('logs interactions: who, channel, purpose, summary, follow-up', () => {
    const log = {
      kind: 'logInteraction' as const,
      interactionId: 'i-1',
      party: 'caregiver',
      channel: 'phone',
      purpose: 'Arrange a first visit',
      summary: 'Her daughter will be there on Tuesday.',
      followUpNeeded: true,
      at: AT,
    };
    spec
      .given([referred])
      .when(log)
      .then([
        {
          type: 'clients.InteractionLogged',
          data: {
            interactionId: 'i-1',
            party: 'caregiver',
            channel: 'phone',
            purpose: 'Arrange a first visit',
            summary: 'Her daughter will be there on Tuesday.',
            followUpNeeded: true,
            occurredAt: AT,
          },
        },
      ]);
    spec
      .given([referred])
      .when({ ...log, party: 'stranger' })
      .thenRefuses('INVALID_VALUE', 'party');
    spec
      .given([referred])
      .when({ ...log, summary: '' })
      .thenRefuses('REQUIRED', 'summary');
  });
});

import { deciderSpecification } from '@spn/service-kit';
import { partnerDecider, type PartnerEvent } from './partner';

const spec = deciderSpecification(partnerDecider);
const AT = '2026-11-20T10:00:00.000Z';
const registered: PartnerEvent = {
  type: 'partners.PartnerRegistered',
  data: {
    partnerId: 'p-1',
    alias: 'harbour-food-bank',
    name: 'Harbour Food Bank',
    kind: 'community-organization',
    registeredAt: AT,
  },
};
const signed: PartnerEvent = {
  type: 'partners.AgreementSigned',
  data: {
    agreementId: 'a-1',
    alias: 'harbour-food-bank',
    kind: 'data-sharing',
    scope: ['contact-details', 'referrals'],
    startsOn: '2026-01-01',
    expiresOn: '2026-12-31',
    signedAt: AT,
  },
};
const sign = {
  kind: 'signAgreement' as const,
  agreementId: 'a-1',
  agreementKind: 'data-sharing',
  scope: ['referrals', 'contact-details', 'referrals'],
  startsOn: '2026-01-01',
  expiresOn: '2026-12-31',
  at: AT,
};

describe('partner registry', () => {
  it('registers a partner organization of a known kind under its identity alias', () => {
    spec
      .given([])
      .when({
        kind: 'register',
        partnerId: 'p-1',
        alias: 'harbour-food-bank',
        name: ' Harbour Food Bank ',
        partnerKind: 'community-organization',
        at: AT,
      })
      .then([registered]);
  });

  it('refuses an unknown kind, a malformed alias, a second registration, and acts on no partner', () => {
    const register = { kind: 'register' as const, partnerId: 'p-1', alias: 'x-y', name: 'X', at: AT };
    spec
      .given([])
      .when({ ...register, partnerKind: 'bank' })
      .thenRefuses('INVALID_VALUE', 'kind');
    spec
      .given([])
      .when({ ...register, alias: 'Not An Alias', partnerKind: 'volunteer-group' })
      .thenRefuses('INVALID_VALUE', 'alias');
    spec
      .given([registered])
      .when({ ...register, partnerKind: 'volunteer-group' })
      .thenRefuses('PARTNER_EXISTS', 'partnerId');
    spec.given([]).when(sign).thenRefuses('PARTNER_NOT_FOUND', 'partnerId');
  });

  it('adds contacts with a checked email, and removes them', () => {
    const contact = {
      contactId: 'k-1',
      name: 'Intake desk',
      role: 'Intake',
      email: 'intake@example.org',
      phone: null,
    };
    spec
      .given([registered])
      .when({ kind: 'addContact', contact, at: AT })
      .then([{ type: 'partners.PartnerContactAdded', data: { ...contact, addedAt: AT } }]);
    spec
      .given([registered])
      .when({ kind: 'addContact', contact: { ...contact, email: 'not-an-email' }, at: AT })
      .thenRefuses('INVALID_VALUE', 'email');
    spec
      .given([registered])
      .when({ kind: 'removeContact', contactId: 'k-9', at: AT })
      .thenRefuses('CONTACT_NOT_FOUND', 'contactId');
  });

  it('defines referral pathways for needs of the shared taxonomy only', () => {
    spec
      .given([registered])
      .when({
        kind: 'definePathway',
        pathwayId: 'w-1',
        needs: ['food', 'food'],
        howToRefer: 'Call the intake desk',
      })
      .then([
        {
          type: 'partners.ReferralPathwayDefined',
          data: {
            pathwayId: 'w-1',
            needs: ['food'],
            howToRefer: 'Call the intake desk',
            intakeRequirements: null,
          },
        },
      ]);
    spec
      .given([registered])
      .when({ kind: 'definePathway', pathwayId: 'w-1', needs: ['food', 'pizza'], howToRefer: 'Call' })
      .thenRefuses('INVALID_VALUE', 'needs[1]');
  });

  it('signs agreements with a scope and an expiry, and terminates them once', () => {
    spec.given([registered]).when(sign).then([signed]);
    spec
      .given([registered])
      .when({ ...sign, scope: ['contact-details'] })
      .thenRefuses('INVALID_VALUE', 'scope');
    spec
      .given([registered])
      .when({ ...sign, scope: ['everything'] })
      .thenRefuses('INVALID_VALUE', 'scope[0]');
    spec
      .given([registered])
      .when({ ...sign, expiresOn: '2025-12-31' })
      .thenRefuses('INVALID_DATE', 'expiresOn');
    spec
      .given([registered])
      .when({ ...sign, startsOn: '2026-02-30' })
      .thenRefuses('INVALID_DATE', 'startsOn');
    spec.given([registered, signed]).when(sign).thenRefuses('DUPLICATE_ID', 'agreementId');
    const terminate = {
      kind: 'terminateAgreement' as const,
      agreementId: 'a-1',
      reason: 'Programme ended',
      at: AT,
    };
    const terminated: PartnerEvent = {
      type: 'partners.AgreementTerminated',
      data: { agreementId: 'a-1', alias: 'harbour-food-bank', reason: 'Programme ended', terminatedAt: AT },
    };
    spec.given([registered, signed]).when(terminate).then([terminated]);
    spec
      .given([registered, signed, terminated])
      .when(terminate)
      .thenRefuses('AGREEMENT_TERMINATED', 'agreementId');
  });

  it('logs engagement', () => {
    spec
      .given([registered])
      .when({
        kind: 'logEngagement',
        engagementId: 'e-1',
        engagementKind: 'meeting',
        summary: 'Quarterly review',
        occurredOn: '2026-11-18',
      })
      .then([
        {
          type: 'partners.EngagementLogged',
          data: {
            engagementId: 'e-1',
            kind: 'meeting',
            summary: 'Quarterly review',
            occurredOn: '2026-11-18',
          },
        },
      ]);
  });
});

import { deciderSpecification } from '@spn/service-kit';
import {
  REFERRAL_STATUSES,
  referralDecider,
  type ReferralEvent,
  type ReferralSide,
  type ReferralStatus,
} from './referral';

const spec = deciderSpecification(referralDecider);
const AT = '2026-11-20T10:00:00.000Z';
const PARTNER = 'harbour-food-bank';

const created = (status: 'draft' | 'requested'): ReferralEvent => ({
  type: 'partners.ReferralCreated',
  data: {
    referralId: 'rx-1',
    clientId: 'c-1',
    need: 'food',
    serviceId: null,
    resourceName: 'Thursday hampers',
    partnerOrganizationId: PARTNER,
    status,
    createdAt: AT,
  },
});

/** A history that leaves the referral in `status` (through a legal path). */
function historyTo(status: ReferralStatus): ReferralEvent[] {
  if (status === 'draft' || status === 'requested') return [created(status)];
  const paths: Record<string, [ReferralSide, ReferralStatus][]> = {
    accepted: [['receiver', 'accepted']],
    rejected: [['receiver', 'rejected']],
    'in-progress': [
      ['receiver', 'accepted'],
      ['receiver', 'in-progress'],
    ],
    'on-hold': [
      ['receiver', 'accepted'],
      ['receiver', 'on-hold'],
    ],
    failed: [
      ['receiver', 'accepted'],
      ['receiver', 'failed'],
    ],
    completed: [
      ['receiver', 'accepted'],
      ['receiver', 'completed'],
    ],
    cancelled: [['requester', 'cancelled']],
    'entered-in-error': [['requester', 'entered-in-error']],
  };
  let from: ReferralStatus = 'requested';
  return [
    created('requested'),
    ...(paths[status] ?? []).map(([by, to]) => {
      const event: ReferralEvent = {
        type: 'partners.ReferralStatusChanged',
        data: {
          referralId: 'rx-1',
          partnerOrganizationId: PARTNER,
          from,
          to,
          by,
          reason: 'other',
          note: null,
          changedAt: AT,
        },
      };
      from = to;
      return event;
    }),
  ];
}

/**
 * The rule of docs/domain.md, written out row by row (not derived from the code's table): from each status,
 * what the requester (R) and the receiver (P) may set. Every other pair is refused.
 */
const EXPECTED: Record<ReferralStatus, { R: ReferralStatus[]; P: ReferralStatus[] }> = {
  draft: { R: ['requested', 'cancelled', 'entered-in-error'], P: [] },
  requested: { R: ['cancelled', 'entered-in-error'], P: ['accepted', 'rejected', 'cancelled'] },
  accepted: {
    R: ['cancelled', 'entered-in-error'],
    P: ['in-progress', 'on-hold', 'completed', 'failed', 'cancelled'],
  },
  'in-progress': { R: ['cancelled', 'entered-in-error'], P: ['on-hold', 'completed', 'failed', 'cancelled'] },
  'on-hold': { R: ['cancelled', 'entered-in-error'], P: ['in-progress', 'failed', 'cancelled'] },
  rejected: { R: ['entered-in-error'], P: [] },
  failed: { R: ['entered-in-error'], P: [] },
  completed: { R: ['entered-in-error'], P: [] },
  cancelled: { R: ['entered-in-error'], P: [] },
  'entered-in-error': { R: [], P: [] },
};

describe('referral: the FHIR SDOH status model, allowed and refused for each side', () => {
  const rows = REFERRAL_STATUSES.flatMap((from) =>
    REFERRAL_STATUSES.flatMap((to) =>
      (['requester', 'receiver'] as const).map((side) => ({
        from,
        to,
        side,
        allowed: EXPECTED[from][side === 'requester' ? 'R' : 'P'].includes(to),
      })),
    ),
  );

  it.each(rows)('$side: $from → $to allowed=$allowed', ({ from, to, side, allowed }) => {
    const command = {
      kind: 'changeStatus' as const,
      referralId: 'rx-1',
      to,
      side,
      organizationId: PARTNER,
      consented: true,
      reason: 'no-capacity' as const,
      at: AT,
    };
    if (allowed)
      spec
        .given(historyTo(from))
        .when(command)
        .then([
          {
            type: 'partners.ReferralStatusChanged',
            data: {
              referralId: 'rx-1',
              partnerOrganizationId: PARTNER,
              from,
              to,
              by: side,
              reason: 'no-capacity',
              note: null,
              changedAt: AT,
            },
          },
        ]);
    // A draft is invisible to the partner: not found rather than not allowed.
    else if (side === 'receiver' && from === 'draft')
      spec.given(historyTo(from)).when(command).thenRefuses('REFERRAL_NOT_FOUND', 'referralId');
    else spec.given(historyTo(from)).when(command).thenRefuses('TRANSITION_NOT_ALLOWED', 'status');
  });
});

describe('referral: creation, consent, reasons, and who is the receiver', () => {
  const create = {
    kind: 'create' as const,
    referralId: 'rx-1',
    clientId: 'c-1',
    need: 'food',
    serviceId: null,
    resourceName: 'Thursday hampers',
    partnerOrganizationId: PARTNER,
    at: AT,
  };

  it('starts requested when the client consents to share, else as a draft; a redelivery adds nothing', () => {
    spec
      .given([])
      .when({ ...create, consented: true })
      .then([created('requested')]);
    spec
      .given([])
      .when({ ...create, consented: false })
      .then([created('draft')]);
    spec
      .given([created('draft')])
      .when({ ...create, consented: true })
      .then([]);
  });

  it('requests a draft only once the client consents', () => {
    const request = {
      kind: 'changeStatus' as const,
      referralId: 'rx-1',
      to: 'requested' as const,
      side: 'requester' as const,
      organizationId: 'fraser-north-health',
      at: AT,
    };
    spec
      .given([created('draft')])
      .when({ ...request, consented: false })
      .thenRefuses('CONSENT_REQUIRED', 'referralId');
    spec
      .given([created('draft')])
      .when({ ...request, consented: true })
      .then([
        {
          type: 'partners.ReferralStatusChanged',
          data: {
            referralId: 'rx-1',
            partnerOrganizationId: PARTNER,
            from: 'draft',
            to: 'requested',
            by: 'requester',
            reason: null,
            note: null,
            changedAt: AT,
          },
        },
      ]);
  });

  it('needs a coded reason to reject, fail, cancel or mark in error; keeps a trimmed note', () => {
    const reject = {
      kind: 'changeStatus' as const,
      referralId: 'rx-1',
      to: 'rejected' as const,
      side: 'receiver' as const,
      organizationId: PARTNER,
      consented: true,
      at: AT,
    };
    spec
      .given([created('requested')])
      .when(reject)
      .thenRefuses('REASON_REQUIRED', 'reason');
    spec
      .given([created('requested')])
      .when({ ...reject, reason: 'no-capacity', note: '  Full until January. ' })
      .then([
        {
          type: 'partners.ReferralStatusChanged',
          data: {
            referralId: 'rx-1',
            partnerOrganizationId: PARTNER,
            from: 'requested',
            to: 'rejected',
            by: 'receiver',
            reason: 'no-capacity',
            note: 'Full until January.',
            changedAt: AT,
          },
        },
      ]);
    spec
      .given([created('requested')])
      .when({ ...reject, reason: 'other', note: 'x'.repeat(2001) })
      .thenRefuses('TOO_LONG', 'note');
  });

  it('lets only the addressed partner act as receiver: to another, the referral does not exist', () => {
    spec
      .given([created('requested')])
      .when({
        kind: 'changeStatus',
        referralId: 'rx-1',
        to: 'accepted',
        side: 'receiver',
        organizationId: 'greenway-seniors-centre',
        consented: true,
        at: AT,
      })
      .thenRefuses('REFERRAL_NOT_FOUND', 'referralId');
  });
});

describe('referral: the consent and the prescription converge in either order', () => {
  const LATER = '2026-11-21T09:30:00.000Z';
  const EARLIER = '2026-11-19T08:00:00.000Z';
  const prescription = (referralId: string, partnerOrganizationId: string, consented: boolean) => ({
    kind: 'create' as const,
    referralId,
    clientId: 'c-1',
    need: 'food',
    serviceId: null,
    resourceName: 'Thursday hampers',
    partnerOrganizationId,
    consented,
    at: AT,
  });
  const draftTo = (referralId: string, partnerOrganizationId: string): ReferralEvent => ({
    type: 'partners.ReferralCreated',
    data: {
      referralId,
      clientId: 'c-1',
      need: 'food',
      serviceId: null,
      resourceName: 'Thursday hampers',
      partnerOrganizationId,
      status: 'draft',
      createdAt: AT,
    },
  });
  const requestedOn = (referralId: string, changedAt: string): ReferralEvent => ({
    type: 'partners.ReferralStatusChanged',
    data: {
      referralId,
      partnerOrganizationId: PARTNER,
      from: 'draft',
      to: 'requested',
      by: 'requester',
      reason: null,
      note: null,
      changedAt,
    },
  });
  const consentGiven = (consented: boolean, at = LATER) => ({
    kind: 'consentGiven' as const,
    partnerOrganizationId: PARTNER,
    consented,
    at,
  });

  it('consent first: the prescription starts requested', () => {
    spec
      .given([])
      .when(prescription('rx-1', PARTNER, true))
      .then([created('requested')]);
  });

  it('consent later: every draft to that partner is requested, and none to another partner', () => {
    spec
      .given([draftTo('rx-1', PARTNER), draftTo('rx-2', 'greenway-seniors-centre'), draftTo('rx-3', PARTNER)])
      .when(consentGiven(true))
      .then([requestedOn('rx-1', LATER), requestedOn('rx-3', LATER)]);
  });

  it('a consent given before the prescription but learned after it: requested from the draft on', () => {
    spec
      .given([draftTo('rx-1', PARTNER)])
      .when(consentGiven(true, EARLIER))
      .then([requestedOn('rx-1', AT)]);
  });

  it('a consent already withdrawn when partners learns it requests nothing', () => {
    spec
      .given([draftTo('rx-1', PARTNER)])
      .when(consentGiven(false))
      .then([]);
  });

  it('a redelivered consent, or one given again, leaves referrals past draft as they are', () => {
    spec
      .given([draftTo('rx-1', PARTNER), requestedOn('rx-1', LATER)])
      .when(consentGiven(true))
      .then([]);
    spec.given(historyTo('accepted')).when(consentGiven(true)).then([]);
    spec.given(historyTo('cancelled')).when(consentGiven(true)).then([]);
    spec.given([]).when(consentGiven(true)).then([]);
  });
});

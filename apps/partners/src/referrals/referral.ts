import {
  personalFieldsOf,
  type ContractData,
  type referralCreated,
  type referralStatusChanged,
} from '@spn/contracts';
import { codePoints, DomainError, type Decider } from '@spn/service-kit';
import type { ReferralStatusReason } from '@spn/vocabularies';

/**
 * The closed-loop referrals of one client to partner organizations (stream `referral-<clientId>`),
 * with the HL7 FHIR SDOH referral Task statuses (docs/domain.md): who may set which is a table here, so the
 * rule is in one place and tested row by row. A referral starts from a social prescription in
 * care-plans: `requested` when the client consents to share with the partner, else `draft`, and a draft
 * becomes `requested` when that consent arrives (`consentGiven`), whichever of the two partners learns
 * first. Pure: the time, and whether the client consents, come in the command.
 */

export const REFERRAL_STATUSES = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'cancelled',
  'entered-in-error',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Which side acts: the Link Worker's organization (requester) or the partner (receiver). */
export type ReferralSide = 'requester' | 'receiver';

/** No status leaves these (entered-in-error aside, which the requester may set from any other). */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [
  'rejected',
  'failed',
  'completed',
  'cancelled',
  'entered-in-error',
];

const ACTIVE: readonly ReferralStatus[] = ['requested', 'accepted', 'in-progress', 'on-hold'];

/**
 * Every allowed transition, by side: `from` → the statuses that side may set. The requester sets
 * draft, requested and entered-in-error; the receiver accepted, rejected, in-progress, on-hold, failed
 * and completed; either side may cancel a referral that is still open.
 */
export const TRANSITIONS: Readonly<
  Record<ReferralSide, Readonly<Partial<Record<ReferralStatus, readonly ReferralStatus[]>>>>
> = {
  requester: {
    draft: ['requested', 'cancelled', 'entered-in-error'],
    requested: ['cancelled', 'entered-in-error'],
    accepted: ['cancelled', 'entered-in-error'],
    'in-progress': ['cancelled', 'entered-in-error'],
    'on-hold': ['cancelled', 'entered-in-error'],
    rejected: ['entered-in-error'],
    failed: ['entered-in-error'],
    completed: ['entered-in-error'],
    cancelled: ['entered-in-error'],
  },
  receiver: {
    requested: ['accepted', 'rejected', 'cancelled'],
    accepted: ['in-progress', 'on-hold', 'completed', 'failed', 'cancelled'],
    'in-progress': ['on-hold', 'completed', 'failed', 'cancelled'],
    'on-hold': ['in-progress', 'failed', 'cancelled'],
  },
};

/** These statuses need a reason. */
const NEEDS_REASON: readonly ReferralStatus[] = ['rejected', 'failed', 'cancelled', 'entered-in-error'];

export type ReferralEvent =
  | {
      type: 'partners.ReferralCreated';
      // The events other contexts read take their data types from their contracts (@spn/contracts).
      data: ContractData<typeof referralCreated>;
    }
  | {
      type: 'partners.ReferralStatusChanged';
      data: ContractData<typeof referralStatusChanged> & {
        from: ReferralStatus;
        to: ReferralStatus;
        by: ReferralSide;
        reason: ReferralStatusReason | null;
      };
    };

/** The partner's note may name the client or their circumstances: sealed with the client's key. */
export const REFERRAL_PERSONAL_FIELDS = personalFieldsOf('partners');

export type ReferralCommand =
  | {
      kind: 'create';
      referralId: string;
      clientId: string;
      need: string;
      serviceId: string | null;
      resourceName: string;
      partnerOrganizationId: string;
      consented: boolean;
      at: string;
    }
  | {
      /**
       * The client consented to share with this partner (partners learned it from the clients
       * context): its drafts to the partner are requested now. `consented` is the consent as partners
       * knows it now, so a consent already withdrawn requests nothing.
       */
      kind: 'consentGiven';
      partnerOrganizationId: string;
      consented: boolean;
      at: string;
    }
  | {
      kind: 'changeStatus';
      referralId: string;
      to: ReferralStatus;
      side: ReferralSide;
      /** The caller's organization: a receiver must be the referral's partner. */
      organizationId: string;
      /** Whether the client consents, now, to share with the partner (needed to request). */
      consented: boolean;
      reason?: ReferralStatusReason;
      note?: string;
      at: string;
    };

export interface ReferralState {
  readonly clientId: string | null;
  readonly referrals: ReadonlyMap<
    string,
    {
      readonly partnerOrganizationId: string;
      readonly status: ReferralStatus;
      readonly createdAt: string;
    }
  >;
}

export class ReferralError extends DomainError {}

const MAX_NOTE = 2000;

/**
 * The rule, in one place, for facts that come from two topics in no set order (the prescription from
 * care-plans, the consent from clients): a referral is requested exactly when its client consents to
 * share with its partner, and a draft until then. Both commands that learn one of the facts apply it,
 * so the outcome does not depend on which fact partners learns first.
 */
export const statusUnderConsent = (consented: boolean): 'draft' | 'requested' =>
  consented ? 'requested' : 'draft';

/** The later of two instants: a request never predates the draft it upgrades. */
const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

function decide(command: ReferralCommand, state: ReferralState): ReferralEvent[] {
  switch (command.kind) {
    case 'create':
      // The same prescription seen twice (a redelivery) creates nothing new.
      if (state.referrals.has(command.referralId)) return [];
      return [
        {
          type: 'partners.ReferralCreated',
          data: {
            referralId: command.referralId,
            clientId: command.clientId,
            need: command.need,
            serviceId: command.serviceId,
            resourceName: command.resourceName,
            partnerOrganizationId: command.partnerOrganizationId,
            status: statusUnderConsent(command.consented),
            createdAt: command.at,
          },
        },
      ];
    case 'consentGiven': {
      if (statusUnderConsent(command.consented) !== 'requested') return [];
      // Only this partner's drafts: a requested or later referral keeps its status (a redelivered
      // consent, or one given again after a withdrawal, changes nothing).
      return [...state.referrals]
        .filter(
          ([, referral]) =>
            referral.status === 'draft' && referral.partnerOrganizationId === command.partnerOrganizationId,
        )
        .map(([referralId, referral]) => ({
          type: 'partners.ReferralStatusChanged' as const,
          data: {
            referralId,
            partnerOrganizationId: referral.partnerOrganizationId,
            from: 'draft' as const,
            to: 'requested' as const,
            by: 'requester' as const,
            reason: null,
            note: null,
            // A consent that partners learned after the prescription but that was given before it:
            // requested from the draft's creation on, not before it.
            changedAt: later(command.at, referral.createdAt),
          },
        }));
    }
    case 'changeStatus': {
      const referral = state.referrals.get(command.referralId);
      // A partner learns nothing of referrals addressed to others, nor of drafts: to it they do not exist.
      if (
        !referral ||
        (command.side === 'receiver' &&
          (referral.partnerOrganizationId !== command.organizationId || referral.status === 'draft'))
      )
        throw new ReferralError('REFERRAL_NOT_FOUND', 'No referral with this id', 'referralId');
      const allowed = TRANSITIONS[command.side][referral.status] ?? [];
      if (!allowed.includes(command.to))
        throw new ReferralError(
          'TRANSITION_NOT_ALLOWED',
          `The ${command.side} may not move a referral from ${referral.status} to ${command.to}`,
          'status',
        );
      if (command.to === 'requested' && !command.consented)
        throw new ReferralError(
          'CONSENT_REQUIRED',
          'The client has not consented to share with this partner',
          'referralId',
        );
      if (NEEDS_REASON.includes(command.to) && !command.reason)
        throw new ReferralError('REASON_REQUIRED', `A reason is required for ${command.to}`, 'reason');
      const note = command.note?.trim() ?? '';
      if (codePoints(note) > MAX_NOTE)
        throw new ReferralError('TOO_LONG', `note is longer than ${MAX_NOTE} characters`, 'note');
      return [
        {
          type: 'partners.ReferralStatusChanged',
          data: {
            referralId: command.referralId,
            partnerOrganizationId: referral.partnerOrganizationId,
            from: referral.status,
            to: command.to,
            by: command.side,
            reason: command.reason ?? null,
            note: note || null,
            changedAt: command.at,
          },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  const referrals = new Map(state.referrals);
  switch (event.type) {
    case 'partners.ReferralCreated':
      referrals.set(event.data.referralId, {
        partnerOrganizationId: event.data.partnerOrganizationId,
        status: event.data.status,
        createdAt: event.data.createdAt,
      });
      return { clientId: event.data.clientId, referrals };
    case 'partners.ReferralStatusChanged': {
      const referral = referrals.get(event.data.referralId);
      if (referral) referrals.set(event.data.referralId, { ...referral, status: event.data.to });
      return { ...state, referrals };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: () => ({ clientId: null, referrals: new Map() }),
  decide,
  evolve,
};

export const referralStreamId = (clientId: string): string => `referral-${clientId}`;
export const isOpen = (status: ReferralStatus): boolean => ACTIVE.includes(status) || status === 'draft';

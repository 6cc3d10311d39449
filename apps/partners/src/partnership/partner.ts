import { NEEDS } from '@spn/contracts';
import {
  byCommandKind,
  calendarDay,
  DomainError,
  oneOf,
  organizationStreamId,
  type Decider,
  requiredText,
} from '@spn/service-kit';

/**
 * A partner organization in a network's registry (stream `partner-<organizationId>-<partnerId>`), kept by the hosting
 * organization (a health authority): what kind it is, who to call, how to refer to it for which
 * needs, the agreements in force and the engagement over time. `alias` is the partner's own
 * organization in the identity provider: its staff and service accounts act as that organization.
 * Contacts are business contact information (staff at work), not clients' personal data.
 */

export const PARTNER_KINDS = [
  'community-organization',
  'healthcare-provider',
  'government-service',
  'volunteer-group',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const AGREEMENT_KINDS = ['partnership', 'data-sharing'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/**
 * What a data-sharing agreement lets the partner see: the referrals addressed to it (their need,
 * service and status), and with `contact-details` the client's given name and preferred language.
 */
export const SHARING_SCOPES = ['referrals', 'contact-details'] as const;
export type SharingScope = (typeof SHARING_SCOPES)[number];

export const ENGAGEMENT_KINDS = ['meeting', 'call', 'event', 'training', 'site-visit', 'other'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export interface Contact {
  readonly contactId: string;
  readonly name: string;
  readonly role: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export type PartnerEvent =
  | {
      type: 'partners.PartnerRegistered';
      data: { partnerId: string; alias: string; name: string; kind: PartnerKind; registeredAt: string };
    }
  | {
      type: 'partners.PartnerContactAdded';
      data: {
        contactId: string;
        name: string;
        role: string;
        email: string | null;
        phone: string | null;
        addedAt: string;
      };
    }
  | { type: 'partners.PartnerContactRemoved'; data: { contactId: string; removedAt: string } }
  | {
      type: 'partners.ReferralPathwayDefined';
      data: { pathwayId: string; needs: string[]; howToRefer: string; intakeRequirements: string | null };
    }
  | {
      type: 'partners.AgreementSigned';
      data: {
        agreementId: string;
        alias: string;
        kind: AgreementKind;
        scope: SharingScope[];
        startsOn: string;
        expiresOn: string;
        signedAt: string;
      };
    }
  | {
      type: 'partners.AgreementTerminated';
      data: { agreementId: string; alias: string; reason: string; terminatedAt: string };
    }
  | {
      type: 'partners.EngagementLogged';
      data: { engagementId: string; kind: EngagementKind; summary: string; occurredOn: string };
    };

export type PartnerCommand =
  | { kind: 'register'; partnerId: string; alias: string; name: string; partnerKind: string; at: string }
  | { kind: 'addContact'; contact: Contact; at: string }
  | { kind: 'removeContact'; contactId: string; at: string }
  | {
      kind: 'definePathway';
      pathwayId: string;
      needs: readonly string[];
      howToRefer: string;
      intakeRequirements?: string;
    }
  | {
      kind: 'signAgreement';
      agreementId: string;
      agreementKind: string;
      scope: readonly string[];
      startsOn: string;
      expiresOn: string;
      at: string;
    }
  | { kind: 'terminateAgreement'; agreementId: string; reason: string; at: string }
  | {
      kind: 'logEngagement';
      engagementId: string;
      engagementKind: string;
      summary: string;
      occurredOn: string;
    };

export interface PartnerState {
  readonly partnerId: string | null;
  readonly alias: string;
  readonly contacts: ReadonlySet<string>;
  readonly pathways: ReadonlySet<string>;
  /** Agreement id → whether it was terminated. */
  readonly agreements: ReadonlyMap<string, boolean>;
  readonly engagements: ReadonlySet<string>;
}

export class PartnerError extends DomainError {}

const ALIAS = /^[a-z0-9][a-z0-9-]{1,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (value: string, field: string, max: number): string =>
  requiredText(value, field, max, PartnerError);

const day = (value: string, field: string): string => calendarDay(value, field, PartnerError);

function registered(state: PartnerState): void {
  if (state.partnerId === null)
    throw new PartnerError('PARTNER_NOT_FOUND', 'No partner with this id', 'partnerId');
}

function fresh(ids: ReadonlySet<string> | ReadonlyMap<string, unknown>, id: string, field: string): string {
  const trimmed = text(id, field, 100);
  if (ids.has(trimmed)) throw new PartnerError('DUPLICATE_ID', `${field} is used already`, field);
  return trimmed;
}

function register(
  command: Extract<PartnerCommand, { kind: 'register' }>,
  state: PartnerState,
): PartnerEvent[] {
  if (state.partnerId !== null)
    throw new PartnerError('PARTNER_EXISTS', 'A partner with this id exists', 'partnerId');
  if (!ALIAS.test(command.alias))
    throw new PartnerError(
      'INVALID_VALUE',
      'alias must be the organization alias (lower-case letters, digits, hyphens)',
      'alias',
    );
  return [
    {
      type: 'partners.PartnerRegistered',
      data: {
        partnerId: command.partnerId,
        alias: command.alias,
        name: text(command.name, 'name', 200),
        kind: oneOf(command.partnerKind, PARTNER_KINDS, 'kind', PartnerError),
        registeredAt: command.at,
      },
    },
  ];
}

function addContact(
  command: Extract<PartnerCommand, { kind: 'addContact' }>,
  state: PartnerState,
): PartnerEvent[] {
  const { contact } = command;
  const email = contact.email?.trim() || null;
  if (email !== null && !EMAIL.test(email))
    throw new PartnerError('INVALID_VALUE', 'email is not an email address', 'email');
  return [
    {
      type: 'partners.PartnerContactAdded',
      data: {
        contactId: fresh(state.contacts, contact.contactId, 'contactId'),
        name: text(contact.name, 'name', 200),
        role: text(contact.role, 'role', 200),
        email,
        phone: contact.phone?.trim() || null,
        addedAt: command.at,
      },
    },
  ];
}

function removeContact(
  command: Extract<PartnerCommand, { kind: 'removeContact' }>,
  state: PartnerState,
): PartnerEvent[] {
  if (!state.contacts.has(command.contactId))
    throw new PartnerError('CONTACT_NOT_FOUND', 'No contact with this id', 'contactId');
  return [
    {
      type: 'partners.PartnerContactRemoved',
      data: { contactId: command.contactId, removedAt: command.at },
    },
  ];
}

function definePathway(
  command: Extract<PartnerCommand, { kind: 'definePathway' }>,
  state: PartnerState,
): PartnerEvent[] {
  if (command.needs.length === 0) throw new PartnerError('REQUIRED', 'needs is required', 'needs');
  command.needs.forEach((need, index) => oneOf(need, NEEDS, `needs[${index}]`, PartnerError));
  return [
    {
      type: 'partners.ReferralPathwayDefined',
      data: {
        pathwayId: fresh(state.pathways, command.pathwayId, 'pathwayId'),
        needs: [...new Set(command.needs)].sort(),
        howToRefer: text(command.howToRefer, 'howToRefer', 2000),
        intakeRequirements: command.intakeRequirements?.trim() || null,
      },
    },
  ];
}

function signAgreement(
  command: Extract<PartnerCommand, { kind: 'signAgreement' }>,
  state: PartnerState,
): PartnerEvent[] {
  const kind = oneOf(command.agreementKind, AGREEMENT_KINDS, 'kind', PartnerError);
  const scope = command.scope.map((item, index) =>
    oneOf(item, SHARING_SCOPES, `scope[${index}]`, PartnerError),
  );
  if (kind === 'data-sharing' && !scope.includes('referrals'))
    throw new PartnerError('INVALID_VALUE', 'a data-sharing agreement covers referrals at least', 'scope');
  const startsOn = day(command.startsOn, 'startsOn');
  const expiresOn = day(command.expiresOn, 'expiresOn');
  if (expiresOn < startsOn)
    throw new PartnerError('INVALID_DATE', 'expiresOn is before startsOn', 'expiresOn');
  return [
    {
      type: 'partners.AgreementSigned',
      data: {
        agreementId: fresh(state.agreements, command.agreementId, 'agreementId'),
        alias: state.alias,
        kind,
        scope: kind === 'data-sharing' ? [...new Set(scope)].sort() : [],
        startsOn,
        expiresOn,
        signedAt: command.at,
      },
    },
  ];
}

function terminateAgreement(
  command: Extract<PartnerCommand, { kind: 'terminateAgreement' }>,
  state: PartnerState,
): PartnerEvent[] {
  const terminated = state.agreements.get(command.agreementId);
  if (terminated === undefined)
    throw new PartnerError('AGREEMENT_NOT_FOUND', 'No agreement with this id', 'agreementId');
  if (terminated)
    throw new PartnerError('AGREEMENT_TERMINATED', 'This agreement was terminated already', 'agreementId');
  return [
    {
      type: 'partners.AgreementTerminated',
      data: {
        agreementId: command.agreementId,
        alias: state.alias,
        reason: text(command.reason, 'reason', 500),
        terminatedAt: command.at,
      },
    },
  ];
}

function logEngagement(
  command: Extract<PartnerCommand, { kind: 'logEngagement' }>,
  state: PartnerState,
): PartnerEvent[] {
  return [
    {
      type: 'partners.EngagementLogged',
      data: {
        engagementId: fresh(state.engagements, command.engagementId, 'engagementId'),
        kind: oneOf(command.engagementKind, ENGAGEMENT_KINDS, 'kind', PartnerError),
        summary: text(command.summary, 'summary', 2000),
        occurredOn: day(command.occurredOn, 'occurredOn'),
      },
    },
  ];
}

const decideByKind = byCommandKind<PartnerCommand, PartnerState, PartnerEvent>({
  register,
  addContact,
  removeContact,
  definePathway,
  signAgreement,
  terminateAgreement,
  logEngagement,
});

function decide(command: PartnerCommand, state: PartnerState): PartnerEvent[] {
  // Every command but register acts on a registered partner.
  if (command.kind !== 'register') registered(state);
  return decideByKind(command, state);
}

const add = (ids: ReadonlySet<string>, id: string) => new Set([...ids, id]);

function evolve(state: PartnerState, event: PartnerEvent): PartnerState {
  switch (event.type) {
    case 'partners.PartnerRegistered':
      return { ...state, partnerId: event.data.partnerId, alias: event.data.alias };
    case 'partners.PartnerContactAdded':
      return { ...state, contacts: add(state.contacts, event.data.contactId) };
    case 'partners.PartnerContactRemoved': {
      const contacts = new Set(state.contacts);
      contacts.delete(event.data.contactId);
      return { ...state, contacts };
    }
    case 'partners.ReferralPathwayDefined':
      return { ...state, pathways: add(state.pathways, event.data.pathwayId) };
    case 'partners.AgreementSigned':
      return { ...state, agreements: new Map([...state.agreements, [event.data.agreementId, false]]) };
    case 'partners.AgreementTerminated':
      return { ...state, agreements: new Map([...state.agreements, [event.data.agreementId, true]]) };
    case 'partners.EngagementLogged':
      return { ...state, engagements: add(state.engagements, event.data.engagementId) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const partnerDecider: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  initialState: () => ({
    partnerId: null,
    alias: '',
    contacts: new Set(),
    pathways: new Set(),
    agreements: new Map(),
    engagements: new Set(),
  }),
  decide,
  evolve,
};

export const partnerStreamId = (organizationId: string, partnerId: string): string =>
  organizationStreamId('partner', organizationId, partnerId);

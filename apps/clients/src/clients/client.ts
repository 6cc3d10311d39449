import {
  CLIENT_REFERRED,
  ERASURE_REASONS,
  NEEDS,
  personalFieldsOf,
  type clientDetailsRegistered,
  type clientErased,
  type clientReferred,
  type ConsentPurpose,
  type consentRecorded,
  type consentWithdrawn,
  type ContractData,
  type ErasureReason,
  type linkWorkerAssigned,
  type Need,
  type referralReasonRecorded,
} from '@spn/contracts';
import { byCommandKind, calendarDay, DomainError, type Decider, requiredText } from '@spn/service-kit';
import {
  decideProfile,
  evolveProfile,
  type ProfileCommand,
  type ProfileEvent,
  type ProfileState,
} from './profile';

/**
 * The client aggregate (stream `client-<clientId>`): referrals received from healthcare providers,
 * the client's details, consents per purpose and recipient, and the Link Worker assigned. Pure: the
 * time of each act comes in the command.
 */

/*
 * The events other contexts read take their data types from their contracts in @spn/contracts, so the
 * two cannot drift; the domain narrows a field where it writes less than the contract accepts.
 *
 * Why a client is erased: a code (ERASURE_REASONS), never free text. The erasure is recorded after the
 * client's key is destroyed, so nothing written with it could be sealed: words about the client would
 * stay in clear in the log for good.
 */
export {
  CONSENT_PURPOSES,
  ERASURE_REASONS,
  NEEDS,
  type ConsentPurpose,
  type ErasureReason,
  type Need,
} from '@spn/contracts';
export type Urgency = ContractData<typeof clientReferred>['urgency'];

export type ClientEvent =
  | {
      type: typeof CLIENT_REFERRED;
      schemaVersion: 2;
      // The clients service has written a referral's id and known needs since its first version.
      data: ContractData<typeof clientReferred> & { referralId: string; needs: Need[] };
    }
  | { type: 'clients.ReferralReasonRecorded'; data: ContractData<typeof referralReasonRecorded> }
  | { type: 'clients.ClientDetailsRegistered'; data: ContractData<typeof clientDetailsRegistered> }
  | { type: 'clients.ConsentRecorded'; data: ContractData<typeof consentRecorded> }
  | { type: 'clients.ConsentWithdrawn'; data: ContractData<typeof consentWithdrawn> }
  | { type: 'clients.LinkWorkerAssigned'; data: ContractData<typeof linkWorkerAssigned> }
  | {
      type: 'clients.ClientErased';
      /** `reason` is an {@link ErasureReason} (events recorded before the codes hold the text given). */
      data: ContractData<typeof clientErased> & { reason: ErasureReason };
    }
  | ProfileEvent;

/**
 * The personal fields of the client's events: stored encrypted with the client's key, which erasing
 * the client destroys (crypto-shredding). The rest (ids, needs, consents, dates of acts) stays in clear.
 */
export const CLIENT_PERSONAL_FIELDS = personalFieldsOf('clients');

export type ClientCommand =
  | {
      kind: 'refer';
      clientId: string;
      referralId: string;
      referrerOrganizationId: string;
      reason: string;
      needs: readonly string[];
      urgency: Urgency;
    }
  | {
      kind: 'registerDetails';
      givenName: string;
      familyName: string;
      dateOfBirth?: string;
      preferredLanguage?: string;
      today: string;
    }
  | {
      kind: 'recordConsent';
      consentId: string;
      purpose: ConsentPurpose;
      recipientOrganizationId?: string;
      at: string;
    }
  | { kind: 'withdrawConsent'; consentId: string; at: string }
  | { kind: 'assignLinkWorker'; linkWorker: string }
  | { kind: 'erase'; reason: string; at: string }
  | ProfileCommand;

export interface Consent {
  readonly purpose: ConsentPurpose;
  readonly recipientOrganizationId: string | null;
  readonly withdrawn: boolean;
}

export interface ClientState extends ProfileState {
  readonly clientId: string | null;
  readonly referralIds: readonly string[];
  readonly registered: boolean;
  readonly consents: ReadonlyMap<string, Consent>;
  readonly linkWorker: string | null;
  readonly erased: boolean;
}

/** Every refusal of this feature: a stable code for the API and the field it is about. */
export class ClientError extends DomainError {}

const MAX_REASON = 2000;
const MAX_NAME = 200;

const text = (value: string, field: string, max: number): string =>
  requiredText(value, field, max, ClientError);

function referred(state: ClientState): void {
  if (state.clientId === null)
    throw new ClientError('CLIENT_NOT_FOUND', 'No client with this id', 'clientId');
  if (state.erased) throw new ClientError('CLIENT_ERASED', 'This client was erased', 'clientId');
}

function erasureReason(reason: string): ErasureReason {
  if (reason.trim() === '') throw new ClientError('REQUIRED', 'reason is required', 'reason');
  const known = ERASURE_REASONS.find((code) => code === reason);
  if (known === undefined)
    throw new ClientError('INVALID_VALUE', `reason is one of ${ERASURE_REASONS.join(', ')}`, 'reason');
  return known;
}

function refer(command: Extract<ClientCommand, { kind: 'refer' }>, state: ClientState): ClientEvent[] {
  if (state.erased) throw new ClientError('CLIENT_ERASED', 'This client was erased', 'clientId');
  if (state.referralIds.includes(command.referralId))
    throw new ClientError('REFERRAL_EXISTS', 'This referral was received already', 'referralId');
  if (command.needs.length === 0) throw new ClientError('REQUIRED', 'needs is required', 'needs');
  const unknown = command.needs.findIndex((need) => !(NEEDS as readonly string[]).includes(need));
  if (unknown >= 0)
    throw new ClientError('UNKNOWN_NEED', `needs[${unknown}] is not a known need`, `needs[${unknown}]`);
  return [
    {
      type: CLIENT_REFERRED,
      schemaVersion: 2,
      data: {
        clientId: command.clientId,
        referralId: command.referralId,
        referrerOrganizationId: command.referrerOrganizationId,
        needs: [...new Set(command.needs as Need[])],
        urgency: command.urgency,
      },
    },
    {
      type: 'clients.ReferralReasonRecorded',
      data: { referralId: command.referralId, reason: text(command.reason, 'reason', MAX_REASON) },
    },
  ];
}

function registerDetails(
  command: Extract<ClientCommand, { kind: 'registerDetails' }>,
  state: ClientState,
): ClientEvent[] {
  referred(state);
  if (command.dateOfBirth !== undefined) calendarDay(command.dateOfBirth, 'dateOfBirth', ClientError);
  if (command.dateOfBirth !== undefined && !(command.dateOfBirth <= command.today))
    throw new ClientError('INVALID_DATE', 'dateOfBirth is in the future', 'dateOfBirth');
  return [
    {
      type: 'clients.ClientDetailsRegistered',
      data: {
        givenName: text(command.givenName, 'givenName', MAX_NAME),
        familyName: text(command.familyName, 'familyName', MAX_NAME),
        dateOfBirth: command.dateOfBirth ?? null,
        preferredLanguage: command.preferredLanguage?.trim() || null,
      },
    },
  ];
}

function recordConsent(
  command: Extract<ClientCommand, { kind: 'recordConsent' }>,
  state: ClientState,
): ClientEvent[] {
  referred(state);
  if (state.consents.has(command.consentId))
    throw new ClientError('CONSENT_EXISTS', 'This consent was recorded already', 'consentId');
  const recipient = command.recipientOrganizationId ?? null;
  if (command.purpose === 'sharing' && recipient === null)
    throw new ClientError(
      'REQUIRED',
      'recipientOrganizationId is required to share',
      'recipientOrganizationId',
    );
  const active = [...state.consents.values()].some(
    (consent) =>
      !consent.withdrawn &&
      consent.purpose === command.purpose &&
      consent.recipientOrganizationId === recipient,
  );
  if (active) throw new ClientError('CONSENT_EXISTS', 'The client gave this consent already', 'purpose');
  return [
    {
      type: 'clients.ConsentRecorded',
      data: {
        consentId: command.consentId,
        purpose: command.purpose,
        recipientOrganizationId: recipient,
        recordedAt: command.at,
      },
    },
  ];
}

function withdrawConsent(
  command: Extract<ClientCommand, { kind: 'withdrawConsent' }>,
  state: ClientState,
): ClientEvent[] {
  referred(state);
  const consent = state.consents.get(command.consentId);
  if (!consent) throw new ClientError('CONSENT_NOT_FOUND', 'No consent with this id', 'consentId');
  if (consent.withdrawn)
    throw new ClientError('CONSENT_WITHDRAWN', 'This consent was withdrawn already', 'consentId');
  return [
    { type: 'clients.ConsentWithdrawn', data: { consentId: command.consentId, withdrawnAt: command.at } },
  ];
}

function assignLinkWorker(
  command: Extract<ClientCommand, { kind: 'assignLinkWorker' }>,
  state: ClientState,
): ClientEvent[] {
  referred(state);
  const linkWorker = text(command.linkWorker, 'linkWorker', MAX_NAME);
  // Assigning the one already assigned changes nothing: no event.
  return state.linkWorker === linkWorker
    ? []
    : [{ type: 'clients.LinkWorkerAssigned', data: { linkWorker } }];
}

function erase(command: Extract<ClientCommand, { kind: 'erase' }>, state: ClientState): ClientEvent[] {
  referred(state);
  return [
    {
      type: 'clients.ClientErased',
      data: { reason: erasureReason(command.reason), erasedAt: command.at },
    },
  ];
}

/** The profile's commands, decided in profile.ts, on a referred client. */
function profile(command: ProfileCommand, state: ClientState): ClientEvent[] {
  referred(state);
  return decideProfile(command, state);
}

const decide = byCommandKind<ClientCommand, ClientState, ClientEvent>({
  refer,
  registerDetails,
  recordConsent,
  withdrawConsent,
  assignLinkWorker,
  erase,
  setCommunication: profile,
  describeCulturalIdentity: profile,
  describeDemographics: profile,
  addSupportPerson: profile,
  removeSupportPerson: profile,
  logInteraction: profile,
});

function evolve(state: ClientState, event: ClientEvent): ClientState {
  switch (event.type) {
    case CLIENT_REFERRED:
      return {
        ...state,
        clientId: event.data.clientId,
        referralIds: [...state.referralIds, event.data.referralId],
      };
    case 'clients.ReferralReasonRecorded':
      return state;
    case 'clients.ClientDetailsRegistered':
      return { ...state, registered: true };
    case 'clients.ConsentRecorded': {
      const consents = new Map(state.consents);
      consents.set(event.data.consentId, {
        purpose: event.data.purpose,
        recipientOrganizationId: event.data.recipientOrganizationId,
        withdrawn: false,
      });
      return { ...state, consents };
    }
    case 'clients.ConsentWithdrawn': {
      const consents = new Map(state.consents);
      const consent = consents.get(event.data.consentId);
      if (consent) consents.set(event.data.consentId, { ...consent, withdrawn: true });
      return { ...state, consents };
    }
    case 'clients.LinkWorkerAssigned':
      return { ...state, linkWorker: event.data.linkWorker };
    case 'clients.ClientErased':
      return { ...state, erased: true };
    case 'clients.CommunicationPreferencesSet':
    case 'clients.CulturalIdentityDescribed':
    case 'clients.DemographicsDescribed':
    case 'clients.SupportPersonAdded':
    case 'clients.SupportPersonRemoved':
    case 'clients.InteractionLogged':
      return { ...state, ...evolveProfile(state, event) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const clientDecider: Decider<ClientCommand, ClientEvent, ClientState> = {
  initialState: () => ({
    clientId: null,
    referralIds: [],
    registered: false,
    consents: new Map(),
    linkWorker: null,
    erased: false,
    supportPeople: new Set(),
    interactions: new Set(),
  }),
  decide,
  evolve,
};

export const clientStreamId = (clientId: string): string => `client-${clientId}`;

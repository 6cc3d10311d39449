import {
  type ContractData,
  type culturalIdentityDescribed,
  type demographicsDescribed,
  type interactionLogged,
} from '@spn/contracts';
import { DomainError, oneOf, requiredText } from '@spn/service-kit';

/**
 * The client's profile beyond the referral (docs/domain.md, domains 1, 2, 8 and 9): how to communicate with
 * them, their cultural identity in their own words (optional, self-identified, never inferred), their
 * self-described demographics (for population health stratification), the circle of support and what each
 * member may know, and the interaction log. Part of the client aggregate: these
 * commands and events are decided on the client's stream.
 */

export const CHANNELS = ['in-person', 'phone', 'video', 'text', 'letter'] as const;
export const ACCESSIBILITY_NEEDS = ['hearing', 'vision', 'literacy', 'cognitive', 'mobility'] as const;
/** First Nations, Inuit, Métis: only as the client self-identifies; governed by OCAP® in every export. */
export const INDIGENOUS_IDENTITIES = ['first-nations', 'inuit', 'metis'] as const;
/** What a member of the circle of support may know. */
export const DISCLOSURES = ['appointments', 'care-plan', 'health', 'contact-only'] as const;
export const INTERACTION_PARTIES = ['client', 'caregiver', 'provider', 'community'] as const;

/**
 * Demographics, only as the client describes them (each optional, never inferred), for population health
 * stratification (docs/domain.md, domain 8). The area is the forward sortation area (FSA): the first three
 * characters of the postal code, e.g. `V3B`; the full postal code is never taken.
 */
export const FSA_PATTERN = /^[A-Z]\d[A-Z]$/;
export const GENDERS = [
  'woman',
  'man',
  'non-binary',
  'two-spirit',
  'another-gender',
  'prefer-not-to-say',
] as const;
/** Household income before tax. */
export const INCOME_BANDS = [
  'under-20k',
  '20k-40k',
  '40k-60k',
  '60k-100k',
  '100k-plus',
  'prefer-not-to-say',
] as const;
/**
 * The race categories of the Canadian Institute for Health Information's race-based data standard.
 * Indigenous identity is not among them: it is recorded apart, by `describeCulturalIdentity` (OCAP®).
 */
export const ETHNICITIES = [
  'black',
  'east-asian',
  'latin-american',
  'middle-eastern',
  'south-asian',
  'southeast-asian',
  'white',
  'another',
  'prefer-not-to-say',
] as const;

export type ProfileEvent =
  | {
      type: 'clients.CommunicationPreferencesSet';
      data: {
        channels: string[];
        interpreterNeeded: boolean;
        accessibilityNeeds: string[];
        bestTimes: string | null;
      };
    }
  | { type: 'clients.CulturalIdentityDescribed'; data: ContractData<typeof culturalIdentityDescribed> }
  | { type: 'clients.DemographicsDescribed'; data: ContractData<typeof demographicsDescribed> }
  | {
      type: 'clients.SupportPersonAdded';
      data: { personId: string; name: string; relationship: string; mayKnow: string[] };
    }
  | { type: 'clients.SupportPersonRemoved'; data: { personId: string } }
  | { type: 'clients.InteractionLogged'; data: ContractData<typeof interactionLogged> };

export type ProfileCommand =
  | {
      kind: 'setCommunication';
      channels: readonly string[];
      interpreterNeeded: boolean;
      accessibilityNeeds: readonly string[];
      bestTimes?: string;
    }
  | {
      kind: 'describeCulturalIdentity';
      inClientsWords?: string;
      indigenousIdentity?: string;
      languages?: readonly string[];
      practicesAndPreferences?: string;
    }
  | { kind: 'describeDemographics'; area?: string; gender?: string; incomeBand?: string; ethnicity?: string }
  | {
      kind: 'addSupportPerson';
      personId: string;
      name: string;
      relationship: string;
      mayKnow: readonly string[];
    }
  | { kind: 'removeSupportPerson'; personId: string }
  | {
      kind: 'logInteraction';
      interactionId: string;
      party: string;
      channel: string;
      purpose: string;
      summary: string;
      followUpNeeded: boolean;
      at: string;
    };

/** The part of the client's state the profile needs: who is in the circle, which interactions exist. */
export interface ProfileState {
  readonly supportPeople: ReadonlySet<string>;
  readonly interactions: ReadonlySet<string>;
}

class ProfileError extends DomainError {}

const text = (value: string, field: string, max = 2000): string =>
  requiredText(value, field, max, ProfileError);

const optional = (value: string | undefined, field: string, max = 2000): string | null =>
  value === undefined || value.trim() === '' ? null : text(value, field, max);

function each(values: readonly string[], allowed: readonly string[], field: string): string[] {
  values.forEach((value, i) => {
    if (!allowed.includes(value))
      throw new ProfileError(
        'INVALID_VALUE',
        `${field}[${i}] must be one of ${allowed.join(', ')}`,
        `${field}[${i}]`,
      );
  });
  return [...new Set(values)];
}

const optionalOneOf = (
  value: string | undefined,
  allowed: readonly string[],
  field: string,
): string | null => (value === undefined ? null : oneOf(value, allowed, field, ProfileError));

/**
 * The forward sortation area, upper case (`v3b` → `V3B`). A full postal code is refused rather than cut
 * short: the caller must know it was not stored. No message echoes the value (it is personal data).
 */
function area(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(compact))
    throw new ProfileError(
      'FULL_POSTAL_CODE',
      'area takes only the forward sortation area (the first three characters of the postal code, e.g. V3B): the full postal code is never stored',
      'area',
    );
  if (!FSA_PATTERN.test(compact))
    throw new ProfileError(
      'INVALID_VALUE',
      'area must be a forward sortation area: letter, digit, letter (e.g. V3B)',
      'area',
    );
  return compact;
}

/** Decides a profile command on a referred, not erased client (the client decider checks that first). */
export function decideProfile(command: ProfileCommand, state: ProfileState): ProfileEvent[] {
  switch (command.kind) {
    case 'setCommunication':
      if (command.channels.length === 0)
        throw new ProfileError('REQUIRED', 'channels is required', 'channels');
      return [
        {
          type: 'clients.CommunicationPreferencesSet',
          data: {
            channels: each(command.channels, CHANNELS, 'channels'),
            interpreterNeeded: command.interpreterNeeded,
            accessibilityNeeds: each(command.accessibilityNeeds, ACCESSIBILITY_NEEDS, 'accessibilityNeeds'),
            bestTimes: optional(command.bestTimes, 'bestTimes', 300),
          },
        },
      ];
    case 'describeCulturalIdentity':
      return [
        {
          type: 'clients.CulturalIdentityDescribed',
          data: {
            inClientsWords: optional(command.inClientsWords, 'inClientsWords'),
            indigenousIdentity:
              command.indigenousIdentity === undefined
                ? null
                : oneOf(
                    command.indigenousIdentity,
                    INDIGENOUS_IDENTITIES,
                    'indigenousIdentity',
                    ProfileError,
                  ),
            languages: (command.languages ?? []).map((language, i) => text(language, `languages[${i}]`, 100)),
            practicesAndPreferences: optional(command.practicesAndPreferences, 'practicesAndPreferences'),
          },
        },
      ];
    case 'describeDemographics':
      // The whole description: what is omitted now is null, whatever an earlier one said.
      return [
        {
          type: 'clients.DemographicsDescribed',
          data: {
            area: area(command.area),
            gender: optionalOneOf(command.gender, GENDERS, 'gender'),
            incomeBand: optionalOneOf(command.incomeBand, INCOME_BANDS, 'incomeBand'),
            ethnicity: optionalOneOf(command.ethnicity, ETHNICITIES, 'ethnicity'),
          },
        },
      ];
    case 'addSupportPerson':
      if (state.supportPeople.has(command.personId))
        throw new ProfileError('DUPLICATE_ID', 'personId is in the circle already', 'personId');
      return [
        {
          type: 'clients.SupportPersonAdded',
          data: {
            personId: command.personId,
            name: text(command.name, 'name', 200),
            relationship: text(command.relationship, 'relationship', 100),
            mayKnow: each(command.mayKnow, DISCLOSURES, 'mayKnow'),
          },
        },
      ];
    case 'removeSupportPerson':
      if (!state.supportPeople.has(command.personId))
        throw new ProfileError('PERSON_NOT_FOUND', 'No such person in the circle of support', 'personId');
      return [{ type: 'clients.SupportPersonRemoved', data: { personId: command.personId } }];
    case 'logInteraction':
      if (state.interactions.has(command.interactionId))
        throw new ProfileError('DUPLICATE_ID', 'interactionId is logged already', 'interactionId');
      return [
        {
          type: 'clients.InteractionLogged',
          data: {
            interactionId: command.interactionId,
            party: oneOf(command.party, INTERACTION_PARTIES, 'party', ProfileError),
            channel: oneOf(command.channel, CHANNELS, 'channel', ProfileError),
            purpose: text(command.purpose, 'purpose', 300),
            summary: text(command.summary, 'summary'),
            followUpNeeded: command.followUpNeeded,
            occurredAt: command.at,
          },
        },
      ];
  }
}

/** Folds a profile event into the profile's part of the state. */
export function evolveProfile(state: ProfileState, event: ProfileEvent): ProfileState {
  switch (event.type) {
    case 'clients.SupportPersonAdded':
      return { ...state, supportPeople: new Set([...state.supportPeople, event.data.personId]) };
    case 'clients.SupportPersonRemoved':
      return {
        ...state,
        supportPeople: new Set([...state.supportPeople].filter((id) => id !== event.data.personId)),
      };
    case 'clients.InteractionLogged':
      return { ...state, interactions: new Set([...state.interactions, event.data.interactionId]) };
    case 'clients.CommunicationPreferencesSet':
    case 'clients.CulturalIdentityDescribed':
    case 'clients.DemographicsDescribed':
      return state;
  }
}

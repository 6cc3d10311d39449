/**
 * A small fictional population for the analyst's demo: 30 clients of the Tri-Cities in three forward
 * sortation areas, each referred, described in their own terms, most consenting to evaluation and
 * contacted; six of V3B referred to the food bank, which has no room (`no-capacity`). Enough for some
 * cells of 5 and more beside suppressed ones, and for "which needs in which areas go unmet, and for
 * whom" to have an answer. Names are invented; nobody here exists.
 */

/** Runs one mutation with a fixed command id (`step`, `index`); the seed's own `command`. */
export type SeedCommand = (
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  step: number,
  index: number,
) => Promise<boolean>;

/** Retries a step while another service has not learned of what it needs yet (the seed's `once`). */
export type SeedOnce = (run: () => Promise<unknown>, waitingCodes: readonly string[]) => Promise<void>;

const AREAS = ['V3B', 'V3B', 'V3C', 'V3B', 'V3E', 'V3C'] as const;
const GENDERS = ['woman', 'man', 'woman', 'non-binary', 'man', 'woman', 'prefer-not-to-say'] as const;
const INCOMES = ['under-20k', '20k-40k', '40k-60k', 'under-20k', '60k-100k'] as const;
const ETHNICITIES = [
  'white',
  'east-asian',
  'south-asian',
  'white',
  'black',
  'southeast-asian',
  'another',
] as const;
const LANGUAGES = ['en', 'en', 'fr', 'pa', 'zh', 'en', 'tl'] as const;
const NEEDS = [
  ['food', 'social-connection'],
  ['housing'],
  ['food'],
  ['mental-wellbeing', 'physical-activity'],
  ['income', 'food'],
] as const;

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

export interface DemoPerson {
  readonly id: string;
  readonly area: string;
  readonly unmetFood: boolean;
}

export const DEMO_POPULATION: readonly DemoPerson[] = Array.from({ length: 30 }, (_, index) => {
  const area = index < 14 ? 'V3B' : pick(AREAS, index);
  return {
    id: `0193a0de-0000-7000-8000-${(0x100 + index).toString(16).padStart(12, '0')}`,
    area,
    // The first six of V3B asked for food the food bank could not give.
    unmetFood: index < 6,
  };
});

export async function seedPopulation(
  command: SeedCommand,
  partnerCommand: SeedCommand,
  once: SeedOnce,
  foodBank: string,
): Promise<void> {
  for (const [index, person] of DEMO_POPULATION.entries()) {
    const clientId = person.id;
    const needs = person.unmetFood ? ['food'] : [...pick(NEEDS, index)];
    await command(
      'referClient',
      'ReferClientInput',
      {
        clientId,
        referralId: `demo-population-referral-${index + 1}`,
        referrerOrganizationId: 'org-riverside-clinic',
        reason: 'Fictional demo referral.',
        needs,
        urgency: index % 4 === 0 ? 'urgent' : 'routine',
      },
      60,
      index,
    );
    // Consent to share comes first: by the prescription, the partners service knows of it.
    if (person.unmetFood)
      await once(
        () =>
          command(
            'recordConsent',
            'RecordConsentInput',
            {
              clientId,
              consentId: `demo-population-sharing-${index + 1}`,
              purpose: 'sharing',
              recipientOrganizationId: foodBank,
            },
            65,
            index,
          ),
        ['UNKNOWN_PARTNER'],
      );
    const born = `${1940 + ((index * 7) % 60)}-0${(index % 9) + 1}-1${index % 9}`;
    await command(
      'registerClientDetails',
      'RegisterClientDetailsInput',
      {
        clientId,
        givenName: `Demo ${index + 1}`,
        familyName: 'Person',
        dateOfBirth: born,
        preferredLanguage: pick(LANGUAGES, index),
      },
      61,
      index,
    );
    await command(
      'describeDemographics',
      'DemographicsInput',
      {
        clientId,
        area: person.area,
        gender: pick(GENDERS, index),
        incomeBand: pick(INCOMES, index),
        ethnicity: pick(ETHNICITIES, index),
      },
      62,
      index,
    );
    // Four of them did not consent to evaluation: they are in no population figure.
    if (index % 8 !== 7)
      await command(
        'recordConsent',
        'RecordConsentInput',
        { clientId, consentId: `demo-population-evaluation-${index + 1}`, purpose: 'evaluation' },
        63,
        index,
      );
    if (index % 5 !== 4)
      await command(
        'logInteraction',
        'LogInteractionInput',
        {
          clientId,
          interactionId: `demo-population-contact-${index + 1}`,
          party: 'client',
          channel: 'phone',
          purpose: 'First contact',
          summary: 'Introduced social prescribing; agreed to meet.',
          followUpNeeded: true,
        },
        64,
        index,
      );
    if (person.unmetFood) await referToFoodBank(command, partnerCommand, once, foodBank, clientId, index);
  }
}

/** A plan, a prescription to the food bank (the client consented to share with it), and its refusal. */
async function referToFoodBank(
  command: SeedCommand,
  partnerCommand: SeedCommand,
  once: SeedOnce,
  foodBank: string,
  clientId: string,
  index: number,
): Promise<void> {
  await once(
    () =>
      command(
        'openCarePlan',
        'OpenCarePlanInput',
        { clientId, planId: `demo-population-plan-${index + 1}` },
        66,
        index,
      ),
    ['CLIENT_NOT_FOUND'],
  );
  const referralId = `demo-population-rx-${index + 1}`;
  await once(
    () =>
      command(
        'prescribeResource',
        'PrescribeInput',
        {
          clientId,
          prescriptionId: referralId,
          need: 'food',
          resourceName: 'Harbour food bank, Thursday hampers',
          partnerOrganizationId: foodBank,
          followUpOn: '2026-12-10',
        },
        67,
        index,
      ),
    ['UNKNOWN_PARTNER'],
  );
  await once(
    () =>
      partnerCommand(
        'updateReferralStatus',
        'UpdateReferralStatusInput',
        { clientId, referralId, status: 'rejected', reason: 'no-capacity' },
        68,
        index,
      ),
    ['REFERRAL_NOT_FOUND'],
  );
}

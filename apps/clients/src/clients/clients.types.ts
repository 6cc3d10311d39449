import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CARE_TEAM, PageType, referenceRolesNote } from '@spn/service-kit';
import { CONSENT_PURPOSES, ERASURE_REASONS, NEEDS, type ConsentPurpose, type ErasureReason } from './client';
import { ETHNICITIES, GENDERS, INCOME_BANDS } from './profile';

export enum UrgencyValue {
  routine = 'routine',
  urgent = 'urgent',
}
registerEnumType(UrgencyValue, { name: 'Urgency' });

/** The consent purposes, as a GraphQL enum: an input with anything else is refused before it runs. */
export const ConsentPurposeValue = Object.fromEntries(CONSENT_PURPOSES.map((code) => [code, code])) as {
  readonly [Code in ConsentPurpose]: Code;
};
registerEnumType(ConsentPurposeValue, {
  name: 'ConsentPurpose',
  description: `One of ${CONSENT_PURPOSES.join(', ')}`,
});

@ObjectType()
export class Consent {
  @Field(() => ID) consentId!: string;
  @Field(() => ConsentPurposeValue) purpose!: ConsentPurpose;
  @Field(() => String, { nullable: true }) recipientOrganizationId!: string | null;
  @Field() recordedAt!: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
}

@ObjectType()
export class Communication {
  @Field(() => [String], { description: 'in-person, phone, video, text, letter' }) channels!: string[];
  @Field() interpreterNeeded!: boolean;
  @Field(() => [String], { description: 'hearing, vision, literacy, cognitive, mobility' })
  accessibilityNeeds!: string[];
  @Field(() => String, { nullable: true }) bestTimes!: string | null;
}

@ObjectType({ description: "Self-identified, optional, in the client's own words; never inferred." })
export class CulturalIdentity {
  @Field(() => String, { nullable: true }) inClientsWords!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'first-nations, inuit or metis, as self-identified (OCAP® governs its use)',
  })
  indigenousIdentity!: string | null;
  @Field(() => [String]) languages!: string[];
  @Field(() => String, { nullable: true }) practicesAndPreferences!: string | null;
}

@ObjectType({
  description:
    'Demographics as the client describes them, for population health stratification: each optional, never inferred.',
})
export class Demographics {
  @Field(() => String, {
    nullable: true,
    description:
      'The forward sortation area (first three characters of the postal code, e.g. V3B); never more.',
  })
  area!: string | null;
  @Field(() => String, { nullable: true, description: GENDERS.join(', ') }) gender!: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Household income before tax: ${INCOME_BANDS.join(', ')}`,
  })
  incomeBand!: string | null;
  @Field(() => String, {
    nullable: true,
    description: `CIHI race-based data standard: ${ETHNICITIES.join(', ')} (Indigenous identity is in culturalIdentity)`,
  })
  ethnicity!: string | null;
}

@ObjectType({ description: 'Someone the client chose, and what they may know.' })
export class SupportPerson {
  @Field(() => ID) personId!: string;
  @Field() name!: string;
  @Field() relationship!: string;
  @Field(() => [String], { description: 'appointments, care-plan, health, contact-only' }) mayKnow!: string[];
}

@ObjectType()
export class Interaction {
  @Field(() => ID) interactionId!: string;
  @Field({ description: 'client, caregiver, provider or community' }) party!: string;
  @Field() channel!: string;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field() followUpNeeded!: boolean;
  @Field() occurredAt!: Date;
}

@ObjectType({
  description: `A client's file, as the Link Worker's organization sees it.\n\n${referenceRolesNote(CARE_TEAM)}`,
})
@Directive('@key(fields: "clientId")')
export class Client {
  @Field(() => ID) clientId!: string;
  @Field() organizationId!: string;
  @Field() firstReferredAt!: Date;
  @Field() lastReferredAt!: Date;
  @Field() referrals!: number;
  @Field(() => [String], { description: `Needs, from: ${NEEDS.join(', ')}` }) needs!: string[];
  @Field(() => UrgencyValue) urgency!: UrgencyValue;
  @Field(() => String, { nullable: true }) givenName!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage!: string | null;
  @Field(() => String, { nullable: true }) linkWorker!: string | null;
  @Field(() => [Consent]) consents!: Consent[];
  @Field(() => Date, { nullable: true, description: 'When the client was erased: nothing personal is kept.' })
  erasedAt!: Date | null;
  @Field(() => Communication, { nullable: true }) communication!: Communication | null;
  @Field(() => CulturalIdentity, { nullable: true }) culturalIdentity!: CulturalIdentity | null;
  @Field(() => Demographics, { nullable: true }) demographics!: Demographics | null;
  @Field(() => [SupportPerson]) circleOfSupport!: SupportPerson[];
}

@ObjectType({
  description:
    'A client of the organization who may be the person about to be referred: the same names (ignoring case and accents) and, where both are known, the same date of birth. Only what tells them apart is shown.',
})
export class PossibleDuplicate {
  @Field(() => ID) clientId!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth!: string | null;
  @Field() lastReferredAt!: Date;
  @Field({ description: "In the caller's own caseload." }) inMyCaseload!: boolean;
  @Field({ description: 'No Link Worker assigned yet (intake).' }) unassigned!: boolean;
}

@ObjectType({
  description: 'One read or disclosure of personal data, or one refused attempt (PHIPA s.10.1).',
})
export class AccessRecord {
  @Field(() => ID) eventId!: string;
  @Field() recordedAt!: Date;
  @Field() subject!: string;
  @Field() organizationId!: string;
  @Field(() => [String]) roles!: string[];
  @Field() purposeOfUse!: string;
  @Field() correlationId!: string;
  @Field({ description: 'The GraphQL operation, e.g. Query.client.' }) operation!: string;
  @Field() resourceType!: string;
  @Field(() => [String]) resourceIds!: string[];
  @Field({ description: 'permitted or denied' }) outcome!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Denied: role, organization, consent, team or need-to-know; permitted: break-the-glass.',
  })
  reason!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The caller's own x-correlation-id (bounded), beside the gateway's correlationId.",
  })
  callerCorrelationId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The reason stated for a break-the-glass access (x-spn-access-reason).',
  })
  justification!: string | null;
}

@ObjectType({
  description: 'What a command stored: the stream version after it, and whether it was a retry.',
})
export class CommandReceipt {
  @Field(() => ID) clientId!: string;
  @Field() version!: number;
  @Field({ description: 'True when this commandId had been handled already: nothing new was stored.' })
  replayed!: boolean;
}

@InputType()
export class ReferClientInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new client.' }) clientId?: string;
  @Field(() => ID) referralId!: string;
  @Field() referrerOrganizationId!: string;
  @Field() reason!: string;
  @Field(() => [String]) needs!: string[];
  @Field(() => UrgencyValue) urgency!: UrgencyValue;
  @Field(() => ID, { nullable: true, description: 'Idempotency key: a retry with it stores nothing twice.' })
  commandId?: string;
}

@InputType()
export class RegisterClientDetailsInput {
  @Field(() => ID) clientId!: string;
  @Field() givenName!: string;
  @Field() familyName!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth?: string;
  @Field({ nullable: true }) preferredLanguage?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

/** The erasure's codes, as a GraphQL enum: an input with anything else is refused before it runs. */
export const ErasureReasonValue = Object.fromEntries(ERASURE_REASONS.map((code) => [code, code])) as {
  readonly [Code in ErasureReason]: Code;
};
registerEnumType(ErasureReasonValue, {
  name: 'ErasureReason',
  description: `Why a client is erased: ${ERASURE_REASONS.join(', ')}. A code only: no free text is kept.`,
});

@InputType()
export class EraseClientInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ErasureReasonValue, { description: 'Why, as a code (recorded with the erasure).' })
  reason!: ErasureReason;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) consentId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RecordConsentInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) consentId!: string;
  @Field(() => ConsentPurposeValue) purpose!: ConsentPurpose;
  @Field({ nullable: true }) recipientOrganizationId?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AssignLinkWorkerInput {
  @Field(() => ID) clientId!: string;
  @Field({ description: "The Link Worker's subject (user id)." }) linkWorker!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class SetCommunicationInput {
  @Field(() => ID) clientId!: string;
  @Field(() => [String]) channels!: string[];
  @Field() interpreterNeeded!: boolean;
  @Field(() => [String]) accessibilityNeeds!: string[];
  @Field({ nullable: true }) bestTimes?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class DescribeCulturalIdentityInput {
  @Field(() => ID) clientId!: string;
  @Field({ nullable: true }) inClientsWords?: string;
  @Field({ nullable: true }) indigenousIdentity?: string;
  @Field(() => [String], { nullable: true }) languages?: string[];
  @Field({ nullable: true }) practicesAndPreferences?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType({ description: 'Each part optional: what is left out is recorded as not described.' })
export class DemographicsInput {
  @Field(() => ID) clientId!: string;
  @Field({
    nullable: true,
    description: 'The forward sortation area only (e.g. V3B): a full postal code is refused.',
  })
  area?: string;
  @Field({ nullable: true, description: GENDERS.join(', ') }) gender?: string;
  @Field({ nullable: true, description: INCOME_BANDS.join(', ') }) incomeBand?: string;
  @Field({ nullable: true, description: ETHNICITIES.join(', ') }) ethnicity?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AddSupportPersonInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) personId!: string;
  @Field() name!: string;
  @Field() relationship!: string;
  @Field(() => [String]) mayKnow!: string[];
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RemoveSupportPersonInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class LogInteractionInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) interactionId!: string;
  @Field({ description: 'client, caregiver, provider or community' }) party!: string;
  @Field({ description: 'in-person, phone, video, text or letter' }) channel!: string;
  @Field() purpose!: string;
  @Field() summary!: string;
  @Field() followUpNeeded!: boolean;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of clients; nextCursor is null on the last page.' })
export class ClientPage extends PageType(Client) {}

@ObjectType({ description: 'A page of access records; nextCursor is null on the last page.' })
export class AccessRecordPage extends PageType(AccessRecord) {}

@ObjectType({ description: 'A page of interactions; nextCursor is null on the last page.' })
export class InteractionPage extends PageType(Interaction) {}

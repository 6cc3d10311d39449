import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { AGREEMENT_KINDS, ENGAGEMENT_KINDS, PARTNER_KINDS, SHARING_SCOPES } from './partner';

@ObjectType()
export class PartnerContact {
  @Field(() => ID) contactId!: string;
  @Field() name!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType({ description: 'How to refer to the partner, for which needs.' })
export class ReferralPathway {
  @Field(() => ID) pathwayId!: string;
  @Field(() => [String]) needs!: string[];
  @Field() howToRefer!: string;
  @Field(() => String, { nullable: true }) intakeRequirements!: string | null;
}

@ObjectType()
export class Agreement {
  @Field(() => ID) agreementId!: string;
  @Field(() => ID) partnerId!: string;
  @Field({ description: 'The hosting organization that signed it.' }) organizationId!: string;
  @Field({ description: "The partner's organization." }) alias!: string;
  @Field({ description: AGREEMENT_KINDS.join(' or ') }) kind!: string;
  @Field(() => [String], { description: `Of a data-sharing agreement: ${SHARING_SCOPES.join(', ')}` })
  scope!: string[];
  @Field() startsOn!: string;
  @Field() expiresOn!: string;
  @Field() signedAt!: Date;
  @Field(() => Date, { nullable: true }) terminatedAt!: Date | null;
  @Field({ description: 'In force today: started, not expired, not terminated.' }) active!: boolean;
}

@ObjectType({ description: "A partner organization in the hosting organization's registry." })
export class Partner {
  @Field(() => ID) partnerId!: string;
  @Field({ description: "The partner's organization in the identity provider (its staff act as it)." })
  alias!: string;
  @Field() name!: string;
  @Field({ description: PARTNER_KINDS.join(', ') }) kind!: string;
  @Field() registeredAt!: Date;
  @Field(() => [PartnerContact]) contacts!: PartnerContact[];
  @Field(() => [ReferralPathway]) pathways!: ReferralPathway[];
  @Field(() => [Agreement]) agreements!: Agreement[];
}

@ObjectType()
export class Engagement {
  @Field(() => ID) engagementId!: string;
  @Field({ description: ENGAGEMENT_KINDS.join(', ') }) kind!: string;
  @Field() summary!: string;
  @Field() occurredOn!: string;
  @Field({ description: 'Who logged it (subject).' }) loggedBy!: string;
}

@ObjectType()
export class PartnerReceipt {
  @Field(() => ID) partnerId!: string;
  @Field() version!: number;
  @Field({ description: 'True when this commandId had been handled already: nothing new was stored.' })
  replayed!: boolean;
}

@InputType()
export class RegisterPartnerInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) partnerId?: string;
  @Field({ description: "The partner's organization alias in the identity provider." }) alias!: string;
  @Field() name!: string;
  @Field({ description: PARTNER_KINDS.join(', ') }) kind!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AddPartnerContactInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) contactId!: string;
  @Field() name!: string;
  @Field() role!: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) phone?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RemovePartnerContactInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) contactId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class DefineReferralPathwayInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) pathwayId!: string;
  @Field(() => [String], { description: 'Needs of the shared taxonomy.' }) needs!: string[];
  @Field() howToRefer!: string;
  @Field({ nullable: true }) intakeRequirements?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class SignAgreementInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) agreementId!: string;
  @Field({ description: AGREEMENT_KINDS.join(' or ') }) kind!: string;
  @Field(() => [String], { description: SHARING_SCOPES.join(', ') }) scope!: string[];
  @Field({ description: 'YYYY-MM-DD' }) startsOn!: string;
  @Field({ description: 'YYYY-MM-DD: sharing stops after this day.' }) expiresOn!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class TerminateAgreementInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) agreementId!: string;
  @Field() reason!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class LogEngagementInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) engagementId!: string;
  @Field({ description: ENGAGEMENT_KINDS.join(', ') }) kind!: string;
  @Field() summary!: string;
  @Field({ description: 'YYYY-MM-DD' }) occurredOn!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of partner organizations; nextCursor is null on the last page.' })
export class PartnerPage extends PageType(Partner) {}

@ObjectType({ description: 'A page of agreements; nextCursor is null on the last page.' })
export class AgreementPage extends PageType(Agreement) {}

@ObjectType({ description: 'A page of engagements; nextCursor is null on the last page.' })
export class EngagementPage extends PageType(Engagement) {}

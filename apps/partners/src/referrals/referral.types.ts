import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { REFERRAL_STATUS_REASONS } from '@spn/vocabularies';
import { REFERRAL_STATUSES } from './referral';

const STATUS_NOTE = `A FHIR SDOH referral Task status: ${REFERRAL_STATUSES.join(', ')}`;

@ObjectType({ description: 'A status the referral went through, and how long it stayed in it.' })
export class ReferralStatusSpell {
  @Field({ description: STATUS_NOTE }) status!: string;
  @Field() enteredAt!: Date;
  @Field(() => String, { nullable: true, description: 'requester or receiver' }) by!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The note written with this change: the referring organization's care team reads every note, the partner its own; null once the client is erased.",
  })
  note!: string | null;
  @Field(() => Int, { description: 'Until the next status, or until now.' }) seconds!: number;
}

@ObjectType({ description: 'A closed-loop referral to a partner organization (from a social prescription).' })
export class Referral {
  @Field(() => ID, { description: "The prescription's id in the care plan." }) referralId!: string;
  @Field(() => ID) clientId!: string;
  @Field({ description: 'The referring organization.' }) organizationId!: string;
  @Field() partnerOrganizationId!: string;
  @Field() need!: string;
  @Field(() => ID, { nullable: true, description: 'The directory (HSDS) service, when named.' })
  serviceId!: string | null;
  @Field() resourceName!: string;
  @Field({ description: STATUS_NOTE }) status!: string;
  @Field() createdAt!: Date;
  @Field() statusSince!: Date;
  @Field(() => [ReferralStatusSpell]) history!: ReferralStatusSpell[];
  @Field(() => String, {
    nullable: true,
    description: 'For a partner: only under a data-sharing agreement covering contact details.',
  })
  clientGivenName!: string | null;
  @Field(() => String, { nullable: true }) clientPreferredLanguage!: string | null;
}

@ObjectType()
export class StatusDuration {
  @Field({ description: STATUS_NOTE }) status!: string;
  @Field(() => Int, { description: 'Spells ended in this status.' }) spells!: number;
  @Field(() => Int) meanSeconds!: number;
  @Field(() => Int) medianSeconds!: number;
}

@ObjectType()
export class ReferralReceipt {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) referralId!: string;
  @Field() version!: number;
  @Field({ description: 'True when this commandId had been handled already: nothing new was stored.' })
  replayed!: boolean;
}

@InputType()
export class UpdateReferralStatusInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) referralId!: string;
  @Field({ description: STATUS_NOTE }) status!: string;
  @Field({
    nullable: true,
    description: `Required to reject, fail, cancel or mark in error: ${REFERRAL_STATUS_REASONS.join(', ')}`,
  })
  reason?: string;
  @Field({ nullable: true, description: 'Kept sealed with the client’s key.' }) note?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of referrals; nextCursor is null on the last page.' })
export class ReferralPage extends PageType(Referral) {}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { TRAINING_TOPICS } from './training';

@ObjectType()
export class TrainingRecord {
  @Field(() => ID) recordId!: string;
  @Field({ description: 'Whose training (subject).' }) subject!: string;
  @Field({ description: TRAINING_TOPICS.join(', ') }) topic!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field({ description: 'YYYY-MM-DD' }) completedOn!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null: does not expire.' })
  expiresOn!: string | null;
  @Field(() => String, { nullable: true, description: 'When the expiry reminder was issued.' })
  remindedOn!: string | null;
}

@ObjectType({
  description: "A policy of the organization at its latest version, and the reader's acknowledgement.",
})
export class Policy {
  @Field(() => ID) policyId!: string;
  @Field() title!: string;
  @Field(() => Int) latestVersion!: number;
  @Field() publishedAt!: Date;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => Int, { nullable: true, description: 'The latest version the caller acknowledged.' })
  acknowledgedVersion!: number | null;
}

@ObjectType()
export class PolicyAcknowledgement {
  @Field() subject!: string;
  @Field(() => Int) version!: number;
  @Field() acknowledgedAt!: Date;
}

@ObjectType()
export class TrainingReminders {
  @Field({ description: 'YYYY-MM-DD' }) asOf!: string;
  @Field(() => [ID], { description: 'The records reminded by this run (none twice).' }) recordIds!: string[];
}

@InputType()
export class RecordTrainingInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) recordId?: string;
  @Field({
    nullable: true,
    description: "Whose (subject); omitted: the caller's own. An org-admin names a Link Worker.",
  })
  subject?: string;
  @Field({ description: TRAINING_TOPICS.join(', ') }) topic!: string;
  @Field({ nullable: true, description: 'Required for topic other.' }) title?: string;
  @Field({ description: 'YYYY-MM-DD' }) completedOn!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; omitted: does not expire.' }) expiresOn?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class PublishPolicyVersionInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new policy; given: its next version.' })
  policyId?: string;
  @Field() title!: string;
  @Field({ nullable: true }) summary?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AcknowledgePolicyInput {
  @Field(() => ID) policyId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of training records; nextCursor is null on the last page.' })
export class TrainingRecordPage extends PageType(TrainingRecord) {}

@ObjectType({ description: 'A page of policies; nextCursor is null on the last page.' })
export class PolicyPage extends PageType(Policy) {}

@ObjectType({ description: 'A page of policy acknowledgements; nextCursor is null on the last page.' })
export class PolicyAcknowledgementPage extends PageType(PolicyAcknowledgement) {}

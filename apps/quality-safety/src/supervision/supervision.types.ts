import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { SESSION_KINDS } from './supervision';

@ObjectType({ description: 'An action agreed in a supervision session.' })
export class SupervisionAction {
  @Field(() => ID) actionId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Null once the client the session was about is erased.',
  })
  description!: string | null;
  @Field({ description: 'Who does it (subject).' }) owner!: string;
  @Field({ description: 'YYYY-MM-DD' }) dueOn!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, once done.' }) doneOn!: string | null;
}

@ObjectType()
export class SupervisionSession {
  @Field(() => ID) sessionId!: string;
  @Field({
    description: 'Who scheduled and holds it (subject): a supervisor, or a Link Worker for peer support.',
  })
  facilitator!: string;
  @Field(() => [String], { description: 'The Link Workers supervised (subjects).' }) linkWorkers!: string[];
  @Field({ description: SESSION_KINDS.join(', ') }) kind!: string;
  @Field() scheduledFor!: Date;
  @Field({ description: 'scheduled, held or cancelled' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Null once the client it was about is erased.' })
  notes!: string | null;
  @Field(() => ID, { nullable: true, description: 'The client the session was about, if any.' })
  clientId!: string | null;
  @Field(() => Date, { nullable: true }) heldAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => [SupervisionAction]) actions!: SupervisionAction[];
}

@InputType()
export class ScheduleSupervisionInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) sessionId?: string;
  @Field(() => [String], { description: 'The Link Workers (subjects): one for one-to-one.' })
  linkWorkers!: string[];
  @Field({ description: SESSION_KINDS.join(', ') }) kind!: string;
  @Field({ description: 'When (ISO 8601 instant).' }) scheduledFor!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AgreedActionInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) actionId?: string;
  @Field() description!: string;
  @Field({ description: 'The facilitator or a participant (subject).' }) owner!: string;
  @Field({ description: 'YYYY-MM-DD' }) dueOn!: string;
}

@InputType()
export class HoldSupervisionInput {
  @Field(() => ID) sessionId!: string;
  @Field() notes!: string;
  @Field(() => ID, {
    nullable: true,
    description: "The client of the organization the session was about: the client's key seals the notes.",
  })
  clientId?: string;
  @Field(() => [AgreedActionInput], { defaultValue: [] }) actions!: AgreedActionInput[];
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class MarkSupervisionActionDoneInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => ID) actionId!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; omitted: today.' }) doneOn?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class CancelSupervisionInput {
  @Field(() => ID) sessionId!: string;
  @Field() reason!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      "The client of the organization the session was to be about: the client's key seals the reason.",
  })
  clientId?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of supervision sessions; nextCursor is null on the last page.' })
export class SupervisionSessionPage extends PageType(SupervisionSession) {}

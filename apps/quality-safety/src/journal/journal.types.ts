import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';

@ObjectType({
  description:
    "A reflective practice journal entry. Its text only for its author, or a supervisor of the author's team once shared.",
})
export class JournalEntry {
  @Field({ description: 'Who wrote it (subject).' }) author!: string;
  @Field(() => ID) entryId!: string;
  @Field() writtenAt!: Date;
  @Field({ description: "Shared with the author's supervisor(s)." }) shared!: boolean;
  @Field(() => String, { nullable: true, description: 'Null for anyone who may not read it.' })
  text!: string | null;
}

@InputType()
export class WriteJournalEntryInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) entryId?: string;
  @Field() text!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class JournalEntryInput {
  @Field(() => ID) entryId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of journal entries; nextCursor is null on the last page.' })
export class JournalEntryPage extends PageType(JournalEntry) {}

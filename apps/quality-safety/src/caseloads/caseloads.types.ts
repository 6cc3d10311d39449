import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { MAX_THRESHOLD } from './caseload';

@ObjectType({
  description: "A Link Worker's active caseload (open care plans) against the organization's threshold.",
})
export class Caseload {
  @Field({ description: 'The Link Worker (subject).' }) linkWorker!: string;
  @Field(() => Int) activeCases!: number;
  @Field(() => Int, { nullable: true, description: 'Null: no threshold set.' }) threshold!: number | null;
  @Field() overThreshold!: boolean;
}

@ObjectType({ description: 'A plan opening took a Link Worker over the threshold.' })
export class CaseloadAlert {
  @Field() linkWorker!: string;
  @Field(() => Int) activeCases!: number;
  @Field(() => Int) threshold!: number;
  @Field() exceededAt!: Date;
}

@InputType()
export class SetCaseloadThresholdInput {
  @Field(() => Int, { description: `Active cases per Link Worker, 1 to ${MAX_THRESHOLD}.` })
  maxActiveCases!: number;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of caseloads; nextCursor is null on the last page.' })
export class CaseloadPage extends PageType(Caseload) {}

@ObjectType({ description: 'A page of caseload alerts; nextCursor is null on the last page.' })
export class CaseloadAlertPage extends PageType(CaseloadAlert) {}

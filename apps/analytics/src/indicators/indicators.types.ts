import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SuppressionValue } from '../population/population.types';

@ObjectType({ description: 'A count, or null and why when it is suppressed.' })
export class IndicatorFigure {
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => SuppressionValue, { nullable: true }) suppressed!: string | null;
}

@ObjectType({ description: "Time to first contact, by quarter of first referral ('*': all)." })
export class FirstContactIndicator {
  @Field() period!: string;
  @Field(() => IndicatorFigure) referred!: IndicatorFigure;
  @Field(() => IndicatorFigure) contacted!: IndicatorFigure;
  @Field(() => IndicatorFigure, { description: 'Referred, not contacted yet.' }) notReached!: IndicatorFigure;
  @Field(() => Float, { nullable: true }) meanDays!: number | null;
  @Field(() => Float, { nullable: true }) medianDays!: number | null;
}

@ObjectType({ description: "The closed loop, by quarter the referral was made ('*': all)." })
export class ReferralLoopIndicator {
  @Field() period!: string;
  @Field(() => IndicatorFigure) made!: IndicatorFigure;
  @Field(() => IndicatorFigure) accepted!: IndicatorFigure;
  @Field(() => IndicatorFigure) completed!: IndicatorFigure;
  @Field(() => IndicatorFigure, { description: 'Ended rejected or failed for want of a resource.' })
  unmet!: IndicatorFigure;
  @Field(() => Float, { nullable: true }) acceptanceRate!: number | null;
  @Field(() => Float, { nullable: true }) completionRate!: number | null;
  @Field(() => Float, { nullable: true }) meanDaysToAcceptance!: number | null;
}

@ObjectType({ description: "Time referrals spent in a status (FHIR task status; '*': all spells)." })
export class StatusTimeIndicator {
  @Field() status!: string;
  @Field(() => IndicatorFigure) spells!: IndicatorFigure;
  @Field(() => Float, { nullable: true }) meanDays!: number | null;
  @Field(() => Float, { nullable: true }) medianDays!: number | null;
}

@ObjectType({ description: 'Change from baseline to follow-up on one score, with counts.' })
export class OutcomeChangeIndicator {
  @Field() score!: string;
  @Field(() => IndicatorFigure) measured!: IndicatorFigure;
  @Field(() => IndicatorFigure) improved!: IndicatorFigure;
  @Field(() => IndicatorFigure) unchanged!: IndicatorFigure;
  @Field(() => IndicatorFigure) worsened!: IndicatorFigure;
  @Field(() => Float, { nullable: true, description: 'Follow-up minus baseline, as the score runs.' })
  meanChange!: number | null;
}

@ObjectType({
  description: "A count by a key ('*': all), e.g. open plans per Link Worker, unmet needs by area.",
})
export class CountIndicator {
  @Field() key!: string;
  @Field() detail!: string;
  @Field(() => IndicatorFigure) figure!: IndicatorFigure;
}

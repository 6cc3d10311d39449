import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { STRATIFIERS } from '../disclosure/small-cells';
import { MEASURES } from './population';

/** The GraphQL enums, from the one list each: SCREAMING_CASE names for the camelCase stratifiers. */
export const StratifierValue = Object.fromEntries(
  STRATIFIERS.map((stratifier) => [stratifier.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), stratifier]),
);
registerEnumType(StratifierValue, {
  name: 'Stratifier',
  description: 'What to stratify by; only what clients who consented to evaluation said of themselves.',
});
export const MeasureValue = Object.fromEntries(Object.keys(MEASURES).map((measure) => [measure, measure]));
registerEnumType(MeasureValue, {
  name: 'PopulationMeasure',
  description:
    'CLIENTS_* count clients by the quarter of their first referral (the mean: days to first contact); REFERRALS_* count referrals by the quarter made (the mean: days to acceptance); OUTCOMES_* count clients measured at baseline and follow-up on a score (the mean: the change).',
});
export const SuppressionValue = { SMALL_CELL: 'small-cell', COMPLEMENTARY: 'complementary' } as const;
registerEnumType(SuppressionValue, {
  name: 'Suppression',
  description:
    'SMALL_CELL: 1 to 4 clients; COMPLEMENTARY: hidden so that a hidden cell cannot be worked out from others.',
});

@ObjectType({ description: "One cell of a protected table; '*' stands for all (a total)." })
export class PopulationCell {
  @Field({ description: "A calendar quarter (2026-Q3) or '*'." }) period!: string;
  @Field({ description: "A forward sortation area, 'not-stated' or '*'." }) area!: string;
  @Field({ description: "A need of the taxonomy or '*'." }) need!: string;
  @Field({ description: "A value of the stratifier, 'not-stated' or '*'." }) stratum!: string;
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' }) count!: number | null;
  @Field(() => Int, { nullable: true, description: 'Distinct clients; null when suppressed.' }) clients!:
    number | null;
  @Field(() => Float, { nullable: true, description: "The measure's mean (see PopulationMeasure)." })
  mean!: number | null;
  @Field(() => SuppressionValue, { nullable: true }) suppressed!: string | null;
}

@ObjectType({ description: "A group's figures beside everyone's: the gap is the group's minus everyone's." })
export class EquityGap {
  @Field({ description: "A value of the stratifier, 'not-stated', or '*' for everyone." }) stratum!: string;
  @Field(() => Int, { nullable: true }) clientsReferred!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of referred clients not contacted yet.' })
  notReachedShare!: number | null;
  @Field(() => Float, { nullable: true }) notReachedGap!: number | null;
  @Field(() => Float, { nullable: true }) meanDaysToFirstContact!: number | null;
  @Field(() => Float, { nullable: true, description: 'Positive: this group waits longer.' })
  daysToFirstContactGap!: number | null;
  @Field(() => Int, { nullable: true }) referralsMade!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of referrals unmet for want of a resource.' })
  unmetShare!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Positive: this group's referrals go unmet more often.",
  })
  unmetGap!: number | null;
}

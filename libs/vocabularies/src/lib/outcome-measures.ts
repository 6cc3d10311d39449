// The outcome measures' items, answer scales and score directions (docs/domain.md, domain 9): the
// care-plans service scores and compares answers with them (apps/care-plans/src/outcome-measures), the
// console asks the items on these scales and charts change by these directions.

/** ONS personal well-being's four items, in the questionnaire's order; decided by care-plans. */
export const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happy', 'anxious'] as const;
export type Ons4Item = (typeof ONS4_ITEMS)[number];

/** UCLA 3-item loneliness's items, in the questionnaire's order; decided by care-plans. */
export const UCLA3_ITEMS = ['lackCompanionship', 'leftOut', 'isolated'] as const;
export type Ucla3Item = (typeof UCLA3_ITEMS)[number];

/** SWEMWBS's seven items in the questionnaire's order (short labels, not the copyrighted wording); decided by care-plans. */
export const SWEMWBS_ITEMS = [
  'optimistic about the future',
  'useful',
  'relaxed',
  'dealing with problems well',
  'thinking clearly',
  'close to other people',
  'able to make up own mind',
] as const;

/** A SWEMWBS item's name by position (0 → `item1`), in a result's scores and the console's form. */
export const swemwbsItemName = (index: number): string => `item${String(index + 1)}`;

/** How many concerns a MYCaW names at most (one or two); decided by care-plans. */
export const MYCAW_MAX_CONCERNS = 2;

/** A whole-number answer scale, from `min` to `max` inclusive. */
export interface AnswerScale {
  readonly min: number;
  readonly max: number;
}

/**
 * Each scored measure's answer scale, as its authors define it; care-plans refuses answers outside it.
 * ONS4 0 (not at all) – 10 (completely); UCLA3 1 (hardly ever) – 3 (often); SWEMWBS 1 (none of the
 * time) – 5 (all of the time); MYCaW concerns and wellbeing 0 – 6.
 */
export const ANSWER_SCALES = {
  ONS4: { min: 0, max: 10 },
  UCLA3: { min: 1, max: 3 },
  SWEMWBS: { min: 1, max: 5 },
  MYCAW: { min: 0, max: 6 },
} as const satisfies Readonly<Record<string, AnswerScale>>;

/**
 * Whether a lower value of a measure's score is better for the client: ONS4 anxiety, every UCLA3 and
 * MYCaW score; higher is better for SWEMWBS and the other ONS4 items. Care-plans judges a change's
 * direction by it.
 */
export function lowerIsBetter(measure: string, score: string): boolean {
  switch (measure) {
    case 'UCLA3':
    case 'MYCAW':
      return true;
    case 'ONS4':
      return score === 'anxious';
    default:
      return false;
  }
}

import { codePoints, DomainError } from '@spn/service-kit';
import {
  ANSWER_SCALES,
  lowerIsBetter,
  MYCAW_MAX_CONCERNS,
  ONS4_ITEMS,
  SWEMWBS_ITEMS,
  swemwbsItemName,
  UCLA3_ITEMS,
  type AnswerScale,
} from '@spn/vocabularies';

/**
 * Outcome measures at baseline and follow-up, scored exactly as their authors define them
 * (docs/domain.md, domain 9): ONS4, UCLA 3-item loneliness, SWEMWBS, MYCaW, and PAM as an external score only.
 * Pure: answers in, scores out. Answers arrive over the wire, so every shape is checked again at
 * run time, whatever the types say. Sources and licences: README.md next to this file.
 */

/** Every refusal of this module: a stable code and the offending item (`items.anxious`, `items[2]`). */
export class OutcomeMeasureError extends DomainError {}

// ---------------------------------------------------------------------------------------------
// Answers (input shapes)

/** ONS personal well-being: four separate questions, each 0 (not at all) to 10 (completely). */
export interface Ons4Items {
  /** "Overall, how satisfied are you with your life nowadays?" */
  readonly lifeSatisfaction: number;
  /** "Overall, to what extent do you feel that the things you do in your life are worthwhile?" */
  readonly worthwhile: number;
  /** "Overall, how happy did you feel yesterday?" */
  readonly happy: number;
  /** "Overall, how anxious did you feel yesterday?" Higher is worse. */
  readonly anxious: number;
}
export interface Ons4Answers {
  readonly measure: 'ONS4';
  readonly items: Ons4Items;
}

/** UCLA 3-item loneliness (Hughes et al. 2004): 1 hardly ever (or never), 2 some of the time, 3 often. */
export interface Ucla3Items {
  /** "How often do you feel that you lack companionship?" */
  readonly lackCompanionship: number;
  /** "How often do you feel left out?" */
  readonly leftOut: number;
  /** "How often do you feel isolated from others?" */
  readonly isolated: number;
}
export interface Ucla3Answers {
  readonly measure: 'UCLA3';
  readonly items: Ucla3Items;
}

/**
 * SWEMWBS: seven items in the questionnaire's order (see {@link SWEMWBS_ITEMS}), each 1 (none of the
 * time) to 5 (all of the time).
 */
export interface SwemwbsAnswers {
  readonly measure: 'SWEMWBS';
  readonly items: readonly number[];
}

/** One MYCaW concern in the client's own words; the id lets follow-ups rate the same concern. */
export interface MycawConcernAnswer {
  readonly id: string;
  readonly description: string;
  /** 0 (not bothering me at all) to 6 (bothers me greatly). */
  readonly score: number;
}
/** MYCaW: one or two concerns, and wellbeing 0 (as good as it could be) to 6 (as bad as it could be). */
export interface MycawAnswers {
  readonly measure: 'MYCAW';
  readonly concerns: readonly MycawConcernAnswer[];
  readonly wellbeing: number;
}

export type OutcomeAnswers = Ons4Answers | Ucla3Answers | SwemwbsAnswers | MycawAnswers;
export type OutcomeMeasure = OutcomeAnswers['measure'];

// ---------------------------------------------------------------------------------------------
// Scored results

/** ONS thresholds for life satisfaction, worthwhile and happiness: 0–4, 5–6, 7–8, 9–10. */
export type Ons4Band = 'low' | 'medium' | 'high' | 'very-high';
/** ONS thresholds for anxiety, grouped the other way round because higher is worse: 0–1, 2–3, 4–5, 6–10. */
export type Ons4AnxietyBand = 'very-low' | 'low' | 'medium' | 'high';

/** No total: ONS publishes the four as separate measures and never sums them. */
export interface Ons4Result {
  readonly measure: 'ONS4';
  readonly items: Ons4Items;
  readonly bands: {
    readonly lifeSatisfaction: Ons4Band;
    readonly worthwhile: Ons4Band;
    readonly happy: Ons4Band;
    readonly anxious: Ons4AnxietyBand;
  };
}

export interface Ucla3Result {
  readonly measure: 'UCLA3';
  readonly items: Ucla3Items;
  /** 3–9; higher is lonelier. */
  readonly total: number;
  /**
   * A convention, not a verified part of the scale: secondary sources report that researchers have
   * grouped 3–5 as "not lonely" and 6–9 as "lonely", and other studies use other cut-offs. Report
   * the total; the band only helps reading it (README.md, Sources).
   */
  readonly band: 'not-lonely' | 'lonely';
}

export interface SwemwbsResult {
  readonly measure: 'SWEMWBS';
  readonly items: readonly number[];
  /** Sum of the seven items, 7–35. */
  readonly rawScore: number;
  /** The raw score through the official conversion table ({@link SWEMWBS_CONVERSION}). */
  readonly metricScore: number;
}

export interface MycawConcern {
  readonly id: string;
  readonly description: string;
  readonly score: number;
}
export interface MycawResult {
  readonly measure: 'MYCAW';
  readonly concerns: readonly MycawConcern[];
  readonly wellbeing: number;
  /** Mean of the concern scores and wellbeing, 0–6; lower is better. */
  readonly profile: number;
}

export type ScoredOutcome = Ons4Result | Ucla3Result | SwemwbsResult | MycawResult;

// ---------------------------------------------------------------------------------------------
// The measures' own data

// The items (ONS4_ITEMS, UCLA3_ITEMS, SWEMWBS_ITEMS), their answer scales and the scores' directions
// are shared with the console: @spn/vocabularies.

/**
 * SWEMWBS raw score (7–35) to metric score: the official Rasch-based conversion table of Warwick
 * Medical School (Stewart-Brown et al. 2009, Health Qual Life Outcomes 7:15). Raw scores are not an
 * interval scale; the metric score is the one to compare across people and studies. The table is
 * distributed to registered users only: WEMWBS/SWEMWBS use requires registration with the authors,
 * and this platform bundles no licence (README.md).
 */
export const SWEMWBS_CONVERSION: readonly (readonly [rawScore: number, metricScore: number])[] = [
  [7, 7.0],
  [8, 9.51],
  [9, 11.25],
  [10, 12.4],
  [11, 13.33],
  [12, 14.08],
  [13, 14.75],
  [14, 15.32],
  [15, 15.84],
  [16, 16.36],
  [17, 16.88],
  [18, 17.43],
  [19, 17.98],
  [20, 18.59],
  [21, 19.25],
  [22, 19.98],
  [23, 20.73],
  [24, 21.54],
  [25, 22.35],
  [26, 23.21],
  [27, 24.11],
  [28, 25.03],
  [29, 26.02],
  [30, 27.03],
  [31, 28.13],
  [32, 29.31],
  [33, 30.7],
  [34, 32.55],
  [35, 35.0],
];
const SWEMWBS_METRIC = new Map(SWEMWBS_CONVERSION);

const MAX_CONCERN_ID = 100;
const MAX_CONCERN_DESCRIPTION = 500;

// ---------------------------------------------------------------------------------------------
// Validation: messages name the field and the rule, never an answer (answers are health data).

function refuse(code: string, message: string, field: string): never {
  throw new OutcomeMeasureError(code, message, field);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) refuse('REQUIRED', `${field} is required`, field);
  if (!isRecord(value)) refuse('INVALID_TYPE', `${field} must be an object`, field);
  return value;
}

/** Refuses keys a shape does not have, so a misspelt item is not silently ignored. */
function onlyKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
  field: string,
  code: string,
): void {
  const extra = Object.keys(value).find((key) => !keys.includes(key));
  if (extra !== undefined) {
    const path = field === '' ? extra : `${field}.${extra}`;
    refuse(code, `${path} is not part of this measure`, path);
  }
}

function integer(value: unknown, field: string, { min, max }: AnswerScale): number {
  if (value === undefined || value === null) refuse('REQUIRED', `${field} is required`, field);
  if (typeof value !== 'number' || !Number.isInteger(value))
    refuse('NOT_AN_INTEGER', `${field} must be a whole number`, field);
  if (value < min || value > max) refuse('OUT_OF_RANGE', `${field} must be from ${min} to ${max}`, field);
  return value;
}

function text(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) refuse('REQUIRED', `${field} is required`, field);
  if (typeof value !== 'string') refuse('INVALID_TYPE', `${field} must be text`, field);
  const trimmed = value.trim();
  if (trimmed.length === 0) refuse('REQUIRED', `${field} is required`, field);
  if (codePoints(trimmed) > max) refuse('TOO_LONG', `${field} is longer than ${max} characters`, field);
  return trimmed;
}

function namedItems<K extends string>(
  value: unknown,
  keys: readonly K[],
  scale: AnswerScale,
): Record<K, number> {
  const items = object(value, 'items');
  const scores = {} as Record<K, number>;
  for (const key of keys) scores[key] = integer(items[key], `items.${key}`, scale);
  onlyKeys(items, keys, 'items', 'EXTRA_ITEM');
  return scores;
}

function listedItems(value: unknown, count: number, scale: AnswerScale): number[] {
  if (value === undefined || value === null) refuse('REQUIRED', 'items is required', 'items');
  if (!Array.isArray(value)) refuse('INVALID_TYPE', 'items must be a list', 'items');
  const list: readonly unknown[] = value;
  const scores = Array.from({ length: count }, (_, i) => integer(list[i], `items[${i}]`, scale));
  if (list.length > count)
    refuse('EXTRA_ITEM', `items has ${count} items, items[${count}] is one too many`, `items[${count}]`);
  return scores;
}

// ---------------------------------------------------------------------------------------------
// Scoring

export function ons4Band(score: number): Ons4Band {
  if (score <= 4) return 'low';
  if (score <= 6) return 'medium';
  if (score <= 8) return 'high';
  return 'very-high';
}

export function ons4AnxietyBand(score: number): Ons4AnxietyBand {
  if (score <= 1) return 'very-low';
  if (score <= 3) return 'low';
  if (score <= 5) return 'medium';
  return 'high';
}

function scoreOns4(answers: Record<string, unknown>): Ons4Result {
  onlyKeys(answers, ['measure', 'items'], '', 'UNKNOWN_FIELD');
  const items = namedItems(answers.items, ONS4_ITEMS, ANSWER_SCALES.ONS4);
  return {
    measure: 'ONS4',
    items,
    bands: {
      lifeSatisfaction: ons4Band(items.lifeSatisfaction),
      worthwhile: ons4Band(items.worthwhile),
      happy: ons4Band(items.happy),
      anxious: ons4AnxietyBand(items.anxious),
    },
  };
}

function scoreUcla3(answers: Record<string, unknown>): Ucla3Result {
  onlyKeys(answers, ['measure', 'items'], '', 'UNKNOWN_FIELD');
  const items = namedItems(answers.items, UCLA3_ITEMS, ANSWER_SCALES.UCLA3);
  const total = items.lackCompanionship + items.leftOut + items.isolated;
  return { measure: 'UCLA3', items, total, band: total >= 6 ? 'lonely' : 'not-lonely' };
}

export function swemwbsMetricScore(rawScore: number): number {
  const metric = SWEMWBS_METRIC.get(rawScore);
  if (metric === undefined)
    refuse('OUT_OF_RANGE', 'rawScore must be a whole number from 7 to 35', 'rawScore');
  return metric;
}

function scoreSwemwbs(answers: Record<string, unknown>): SwemwbsResult {
  onlyKeys(answers, ['measure', 'items'], '', 'UNKNOWN_FIELD');
  const items = listedItems(answers.items, SWEMWBS_ITEMS.length, ANSWER_SCALES.SWEMWBS);
  const rawScore = items.reduce((sum, score) => sum + score, 0);
  return { measure: 'SWEMWBS', items, rawScore, metricScore: swemwbsMetricScore(rawScore) };
}

function mycawConcerns(value: unknown): MycawConcern[] {
  if (value === undefined || value === null) refuse('REQUIRED', 'concerns is required', 'concerns');
  if (!Array.isArray(value)) refuse('INVALID_TYPE', 'concerns must be a list', 'concerns');
  const list: readonly unknown[] = value;
  if (list.length === 0) refuse('REQUIRED', 'at least one concern is required', 'concerns');
  if (list.length > MYCAW_MAX_CONCERNS)
    refuse(
      'EXTRA_ITEM',
      `MYCaW rates at most ${MYCAW_MAX_CONCERNS} concerns`,
      `concerns[${MYCAW_MAX_CONCERNS}]`,
    );
  const concerns = list.map((entry, i) => {
    const concern = object(entry, `concerns[${i}]`);
    const result: MycawConcern = {
      id: text(concern.id, `concerns[${i}].id`, MAX_CONCERN_ID),
      description: text(concern.description, `concerns[${i}].description`, MAX_CONCERN_DESCRIPTION),
      score: integer(concern.score, `concerns[${i}].score`, ANSWER_SCALES.MYCAW),
    };
    onlyKeys(concern, ['id', 'description', 'score'], `concerns[${i}]`, 'UNKNOWN_FIELD');
    return result;
  });
  const duplicate = concerns.findIndex((concern, i) => concerns.findIndex((c) => c.id === concern.id) !== i);
  if (duplicate >= 0)
    refuse('DUPLICATE_CONCERN', 'each concern needs its own id', `concerns[${duplicate}].id`);
  return concerns;
}

function scoreMycaw(answers: Record<string, unknown>): MycawResult {
  onlyKeys(answers, ['measure', 'concerns', 'wellbeing'], '', 'UNKNOWN_FIELD');
  const concerns = mycawConcerns(answers.concerns);
  const wellbeing = integer(answers.wellbeing, 'wellbeing', ANSWER_SCALES.MYCAW);
  // As in MYMOP, from which MYCaW derives: the profile is the mean of the scores given.
  const profile = (concerns.reduce((sum, c) => sum + c.score, 0) + wellbeing) / (concerns.length + 1);
  return { measure: 'MYCAW', concerns, wellbeing, profile };
}

/**
 * Scores one completed questionnaire, or refuses it with an {@link OutcomeMeasureError} naming the
 * offending item: non-integer, out of range, missing, or not part of the measure.
 */
export function scoreOutcome(answers: OutcomeAnswers): ScoredOutcome {
  const input = object(answers, 'answers');
  const measure = input.measure;
  switch (measure) {
    case 'ONS4':
      return scoreOns4(input);
    case 'UCLA3':
      return scoreUcla3(input);
    case 'SWEMWBS':
      return scoreSwemwbs(input);
    case 'MYCAW':
      return scoreMycaw(input);
    case 'PAM':
      // Its scoring algorithm is the licensor's and is not published: record its output instead.
      return refuse(
        'LICENSED_MEASURE',
        'PAM is scored by its licensor; record its result with acceptPamScore',
        'measure',
      );
    default:
      return refuse('UNKNOWN_MEASURE', 'measure is not an outcome measure scored here', 'measure');
  }
}

// ---------------------------------------------------------------------------------------------
// PAM: commercially licensed (Insignia Health). Never scored here; only its result is recorded.

/**
 * A Patient Activation Measure result computed elsewhere by a licensed PAM service: activation level
 * 1–4 and the 0–100 score. The platform holds no PAM licence and implements none of its scoring.
 */
export interface PamScore {
  readonly measure: 'PAM';
  readonly activationLevel: number;
  readonly score: number;
}

/** Checks an externally provided PAM result; it does not check the level against the score. */
export function acceptPamScore(input: PamScore): PamScore {
  const pam = object(input, 'answers');
  if (pam.measure !== 'PAM') refuse('UNKNOWN_MEASURE', 'measure must be PAM', 'measure');
  onlyKeys(pam, ['measure', 'activationLevel', 'score'], '', 'UNKNOWN_FIELD');
  const activationLevel = integer(pam.activationLevel, 'activationLevel', { min: 1, max: 4 });
  const score = pam.score;
  if (score === undefined || score === null) refuse('REQUIRED', 'score is required', 'score');
  // The licensor reports decimals (an interval scale), so not an integer check.
  if (typeof score !== 'number' || !Number.isFinite(score))
    refuse('NOT_A_NUMBER', 'score must be a number', 'score');
  if (score < 0 || score > 100) refuse('OUT_OF_RANGE', 'score must be from 0 to 100', 'score');
  return { measure: 'PAM', activationLevel, score };
}

// ---------------------------------------------------------------------------------------------
// Change from baseline to follow-up

export type ChangeDirection = 'improved' | 'worse' | 'unchanged';

/** `change` is follow-up minus baseline; `direction` says whether that is better for the client. */
export interface ScoreChange {
  readonly baseline: number;
  readonly followUp: number;
  readonly change: number;
  readonly direction: ChangeDirection;
}

export type OutcomeChange =
  | { readonly measure: 'ONS4'; readonly items: Readonly<Record<keyof Ons4Items, ScoreChange>> }
  | {
      readonly measure: 'UCLA3';
      readonly items: Readonly<Record<keyof Ucla3Items, ScoreChange>>;
      readonly total: ScoreChange;
    }
  | {
      readonly measure: 'SWEMWBS';
      readonly items: readonly ScoreChange[];
      readonly rawScore: ScoreChange;
      readonly metricScore: ScoreChange;
    }
  | {
      readonly measure: 'MYCAW';
      readonly concerns: readonly (ScoreChange & { readonly id: string })[];
      readonly wellbeing: ScoreChange;
      readonly profile: ScoreChange;
    };

type Better = 'higher' | 'lower';

/** The shared judgement of direction (@spn/vocabularies), which the console's charts follow too. */
const betterOf = (measure: OutcomeMeasure, score: string): Better =>
  lowerIsBetter(measure, score) ? 'lower' : 'higher';

function scoreChange(
  baseline: number,
  followUp: number,
  better: Better,
  change = followUp - baseline,
): ScoreChange {
  const direction: ChangeDirection =
    followUp === baseline
      ? 'unchanged'
      : followUp > baseline === (better === 'higher')
        ? 'improved'
        : 'worse';
  return { baseline, followUp, change, direction };
}

function itemAt(items: readonly number[], i: number): number {
  const score = items[i];
  if (score === undefined) throw new Error(`unreachable: a scored SWEMWBS has 7 items, not ${items.length}`);
  return score;
}

/** Metric scores have two decimals; rounding keeps 23.21 - 19.25 at 3.96, not 3.9600000000000009. */
const hundredths = (value: number): number => Math.round(value * 100) / 100;

function mycawChange(baseline: MycawResult, followUp: MycawResult): OutcomeChange {
  // A follow-up re-rates the same concerns (the client's words are shown back unchanged), so the
  // concern scores are comparable one by one; anything else would compare different worries.
  if (followUp.concerns.length !== baseline.concerns.length)
    refuse(
      'CONCERN_MISMATCH',
      'the follow-up must rate the same concerns as the baseline',
      'followUp.concerns',
    );
  followUp.concerns.forEach((concern, i) => {
    if (!baseline.concerns.some((c) => c.id === concern.id))
      refuse(
        'CONCERN_MISMATCH',
        `followUp.concerns[${i}] is not a concern of the baseline`,
        `followUp.concerns[${i}].id`,
      );
  });
  const concerns = baseline.concerns.map((before) => {
    const after = followUp.concerns.find((c) => c.id === before.id);
    if (after === undefined) throw new Error('unreachable: concerns were matched above');
    return { id: before.id, ...scoreChange(before.score, after.score, betterOf('MYCAW', 'concern')) };
  });
  const sum = (result: MycawResult) => result.concerns.reduce((s, c) => s + c.score, 0) + result.wellbeing;
  // From the sums, so equal profiles give exactly 0 and the change carries no rounding noise.
  const profileChange = (sum(followUp) - sum(baseline)) / (baseline.concerns.length + 1);
  return {
    measure: 'MYCAW',
    concerns,
    wellbeing: scoreChange(baseline.wellbeing, followUp.wellbeing, betterOf('MYCAW', 'wellbeing')),
    profile: scoreChange(baseline.profile, followUp.profile, betterOf('MYCAW', 'profile'), profileChange),
  };
}

/**
 * Change from a baseline to a follow-up of the same measure, per item and total, with the direction
 * made explicit: lower is better for ONS4 anxiety, UCLA and MYCaW; higher for SWEMWBS and the other
 * ONS4 items.
 */
export function compareOutcomes(baseline: ScoredOutcome, followUp: ScoredOutcome): OutcomeChange {
  if (baseline.measure !== followUp.measure)
    refuse(
      'MEASURE_MISMATCH',
      `a ${followUp.measure} follow-up cannot be compared with a ${baseline.measure} baseline`,
      'followUp.measure',
    );
  switch (baseline.measure) {
    case 'ONS4': {
      const after = followUp as Ons4Result;
      const item = (key: keyof Ons4Items) =>
        scoreChange(baseline.items[key], after.items[key], betterOf('ONS4', key));
      return {
        measure: 'ONS4',
        items: {
          lifeSatisfaction: item('lifeSatisfaction'),
          worthwhile: item('worthwhile'),
          happy: item('happy'),
          anxious: item('anxious'),
        },
      };
    }
    case 'UCLA3': {
      const after = followUp as Ucla3Result;
      const item = (key: keyof Ucla3Items) =>
        scoreChange(baseline.items[key], after.items[key], betterOf('UCLA3', key));
      return {
        measure: 'UCLA3',
        items: {
          lackCompanionship: item('lackCompanionship'),
          leftOut: item('leftOut'),
          isolated: item('isolated'),
        },
        total: scoreChange(baseline.total, after.total, betterOf('UCLA3', 'total')),
      };
    }
    case 'SWEMWBS': {
      const after = followUp as SwemwbsResult;
      return {
        measure: 'SWEMWBS',
        items: baseline.items.map((score, i) =>
          scoreChange(score, itemAt(after.items, i), betterOf('SWEMWBS', swemwbsItemName(i))),
        ),
        rawScore: scoreChange(baseline.rawScore, after.rawScore, betterOf('SWEMWBS', 'rawScore')),
        metricScore: scoreChange(
          baseline.metricScore,
          after.metricScore,
          betterOf('SWEMWBS', 'metricScore'),
          hundredths(after.metricScore - baseline.metricScore),
        ),
      };
    }
    case 'MYCAW':
      return mycawChange(baseline, followUp as MycawResult);
    default: {
      const unknown: never = baseline;
      throw new Error(`Unknown measure ${JSON.stringify(unknown)}`);
    }
  }
}

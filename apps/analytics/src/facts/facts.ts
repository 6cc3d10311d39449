/**
 * How a fact is generalised or read on its way into the analytics tables: pure, so the projection and
 * the tests that compute figures directly from a fixture use the same rules.
 */

/** Age bands at the first referral (Statistics Canada's usual cuts, with children and the oldest apart). */
export const AGE_BANDS = ['0-17', '18-24', '25-44', '45-64', '65-79', '80+'] as const;

/** The band of someone born on `dateOfBirth` (YYYY-MM-DD) on the day `at`; null for a date not understood. */
export function ageBandAt(dateOfBirth: string, at: Date): string | null {
  const born = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!born) return null;
  const [year, month, day] = [Number(born[1]), Number(born[2]), Number(born[3])];
  const beforeBirthday =
    at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day);
  const age = at.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
  if (age < 0) return null;
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 45) return '25-44';
  if (age < 65) return '45-64';
  if (age < 80) return '65-79';
  return '80+';
}

/** The calendar quarter of a moment, `2026-Q3`: the one time grain of every table (see disclosure). */
export const quarterOf = (at: Date): string =>
  `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;

/** The statuses a referral ends in (the final FHIR task statuses). */
export const ENDED_STATUSES: readonly string[] = [
  'rejected',
  'failed',
  'completed',
  'cancelled',
  'entered-in-error',
];

/** Whole and part days between two moments. */
export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 86_400_000;

/**
 * The scores kept of a scored outcome (care-plans' `OutcomeRecorded.result`), one per name: each
 * measure as its authors report it. ONS4's four items stay apart (ONS never sums them); UCLA3 its total;
 * SWEMWBS its metric score; MYCaW its profile.
 */
export function outcomeScores(result: Readonly<Record<string, unknown>>): [string, number][] {
  const number = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  const items = result['items'];
  switch (result['measure']) {
    case 'ONS4':
      if (items === null || typeof items !== 'object') return [];
      return Object.entries(items as Record<string, unknown>)
        .filter((entry): entry is [string, number] => number(entry[1]))
        .map(([item, value]) => [`ONS4.${item}`, value]);
    case 'UCLA3':
      return number(result['total']) ? [['UCLA3', result['total']]] : [];
    case 'SWEMWBS':
      return number(result['metricScore']) ? [['SWEMWBS', result['metricScore']]] : [];
    case 'MYCAW':
      return number(result['profile']) ? [['MYCAW', result['profile']]] : [];
    default:
      return [];
  }
}

/** The scores, and which way is better: for loneliness, MYCaW's concerns and anxiety, lower is better. */
export const SCORES: Readonly<Record<string, 'higher' | 'lower'>> = {
  'ONS4.lifeSatisfaction': 'higher',
  'ONS4.worthwhile': 'higher',
  'ONS4.happy': 'higher',
  'ONS4.anxious': 'lower',
  UCLA3: 'lower',
  SWEMWBS: 'higher',
  MYCAW: 'lower',
};

/** Whether a change from baseline to follow-up is an improvement, no change, or a worsening. */
export function direction(score: string, change: number): 'improved' | 'unchanged' | 'worsened' {
  if (change === 0) return 'unchanged';
  const better = SCORES[score] === 'lower' ? change < 0 : change > 0;
  return better ? 'improved' : 'worsened';
}

import {
  acceptPamScore,
  compareOutcomes,
  OutcomeMeasureError,
  scoreOutcome,
  SWEMWBS_CONVERSION,
  swemwbsMetricScore,
  type MycawAnswers,
  type MycawResult,
  type OutcomeAnswers,
  type PamScore,
  type ScoredOutcome,
} from './outcome-measures';

/** Answers as they may arrive over the wire, malformed on purpose. */
const loose = (value: unknown) => value as OutcomeAnswers;

function refusal(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof OutcomeMeasureError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected an OutcomeMeasureError, but it was accepted');
}

/** Seven SWEMWBS answers (1–5) that add up to `raw`. */
function swemwbsItems(raw: number): number[] {
  let rest = raw - 7;
  return Array.from({ length: 7 }, () => {
    const extra = Math.min(4, rest);
    rest -= extra;
    return 1 + extra;
  });
}

const ons4 = (items: Record<string, unknown>) => loose({ measure: 'ONS4', items });
const ONS4_ANSWERS = { lifeSatisfaction: 7, worthwhile: 8, happy: 6, anxious: 3 };
const ucla3 = (items: Record<string, unknown>) => loose({ measure: 'UCLA3', items });
const UCLA3_ANSWERS = { lackCompanionship: 2, leftOut: 2, isolated: 3 };
const GOING_OUT = { id: 'k-1', description: 'Going out alone since the fall', score: 5 };
const HEATING = { id: 'k-2', description: 'Paying the heating bill', score: 3 };
const MYCAW_ANSWERS: MycawAnswers = { measure: 'MYCAW', concerns: [GOING_OUT, HEATING], wellbeing: 4 };

describe('outcome measures: ONS4', () => {
  it('given four answers, when scored, then each item is kept on its own and never summed', () => {
    const result = scoreOutcome({ measure: 'ONS4', items: ONS4_ANSWERS });

    expect(result).toEqual({
      measure: 'ONS4',
      items: ONS4_ANSWERS,
      bands: { lifeSatisfaction: 'high', worthwhile: 'high', happy: 'medium', anxious: 'low' },
    });
    expect(Object.keys(result)).toEqual(['measure', 'items', 'bands']);
  });

  it.each([
    [0, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [8, 'high'],
    [9, 'very-high'],
    [10, 'very-high'],
  ])(
    'given life satisfaction, worthwhile and happiness at %i, when scored, then the ONS band is %s',
    (score, band) => {
      const result = scoreOutcome(
        ons4({ lifeSatisfaction: score, worthwhile: score, happy: score, anxious: 0 }),
      );

      expect(result).toMatchObject({ bands: { lifeSatisfaction: band, worthwhile: band, happy: band } });
    },
  );

  it.each([
    [0, 'very-low'],
    [1, 'very-low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [5, 'medium'],
    [6, 'high'],
    [10, 'high'],
  ])('given anxiety at %i, when scored, then the ONS anxiety band is %s', (score, band) => {
    const result = scoreOutcome(ons4({ ...ONS4_ANSWERS, anxious: score }));

    expect(result).toMatchObject({ bands: { anxious: band } });
  });

  it.each([
    { answers: ons4({ ...ONS4_ANSWERS, anxious: undefined }), code: 'REQUIRED', field: 'items.anxious' },
    { answers: ons4({ ...ONS4_ANSWERS, happy: null }), code: 'REQUIRED', field: 'items.happy' },
    {
      answers: ons4({ ...ONS4_ANSWERS, worthwhile: 6.5 }),
      code: 'NOT_AN_INTEGER',
      field: 'items.worthwhile',
    },
    {
      answers: ons4({ ...ONS4_ANSWERS, worthwhile: '6' }),
      code: 'NOT_AN_INTEGER',
      field: 'items.worthwhile',
    },
    { answers: ons4({ ...ONS4_ANSWERS, happy: Number.NaN }), code: 'NOT_AN_INTEGER', field: 'items.happy' },
    {
      answers: ons4({ ...ONS4_ANSWERS, lifeSatisfaction: 11 }),
      code: 'OUT_OF_RANGE',
      field: 'items.lifeSatisfaction',
    },
    { answers: ons4({ ...ONS4_ANSWERS, anxious: -1 }), code: 'OUT_OF_RANGE', field: 'items.anxious' },
    { answers: ons4({ ...ONS4_ANSWERS, total: 24 }), code: 'EXTRA_ITEM', field: 'items.total' },
    { answers: loose({ measure: 'ONS4' }), code: 'REQUIRED', field: 'items' },
    { answers: loose({ measure: 'ONS4', items: [7, 8, 6, 3] }), code: 'INVALID_TYPE', field: 'items' },
    {
      answers: loose({ measure: 'ONS4', items: ONS4_ANSWERS, total: 24 }),
      code: 'UNKNOWN_FIELD',
      field: 'total',
    },
  ])('given $field wrong, when scored, then it is refused with $code', ({ answers, code, field }) => {
    expect(refusal(() => scoreOutcome(answers))).toEqual({ code, field });
  });
});

describe('outcome measures: UCLA 3-item loneliness', () => {
  it('given "hardly ever" to all three, when scored, then the total is the minimum 3', () => {
    const result = scoreOutcome(ucla3({ lackCompanionship: 1, leftOut: 1, isolated: 1 }));

    expect(result).toEqual({
      measure: 'UCLA3',
      items: { lackCompanionship: 1, leftOut: 1, isolated: 1 },
      total: 3,
      band: 'not-lonely',
    });
  });

  it('given "often" to all three, when scored, then the total is the maximum 9', () => {
    const result = scoreOutcome(ucla3({ lackCompanionship: 3, leftOut: 3, isolated: 3 }));

    expect(result).toMatchObject({ total: 9, band: 'lonely' });
  });

  it.each([
    [{ lackCompanionship: 2, leftOut: 2, isolated: 1 }, 5, 'not-lonely'],
    [{ lackCompanionship: 2, leftOut: 2, isolated: 2 }, 6, 'lonely'],
  ])('given %o, when scored, then the total is %i and the conventional band %s', (items, total, band) => {
    expect(scoreOutcome(ucla3(items))).toMatchObject({ total, band });
  });

  it.each([
    { answers: ucla3({ ...UCLA3_ANSWERS, leftOut: 0 }), code: 'OUT_OF_RANGE', field: 'items.leftOut' },
    { answers: ucla3({ ...UCLA3_ANSWERS, isolated: 4 }), code: 'OUT_OF_RANGE', field: 'items.isolated' },
    { answers: ucla3({ ...UCLA3_ANSWERS, leftOut: 1.5 }), code: 'NOT_AN_INTEGER', field: 'items.leftOut' },
    {
      answers: ucla3({ leftOut: 2, isolated: 2 }),
      code: 'REQUIRED',
      field: 'items.lackCompanionship',
    },
    { answers: ucla3({ ...UCLA3_ANSWERS, lonely: 3 }), code: 'EXTRA_ITEM', field: 'items.lonely' },
  ])('given $field wrong, when scored, then it is refused with $code', ({ answers, code, field }) => {
    expect(refusal(() => scoreOutcome(answers))).toEqual({ code, field });
  });
});

describe('outcome measures: SWEMWBS', () => {
  it('given the conversion table, then it has one row for each raw score 7..35, rising', () => {
    expect(SWEMWBS_CONVERSION.map(([raw]) => raw)).toEqual(Array.from({ length: 29 }, (_, i) => 7 + i));
    const metrics = SWEMWBS_CONVERSION.map(([, metric]) => metric);
    metrics.slice(1).forEach((metric, i) => {
      expect(metric).toBeGreaterThan(metrics[i] ?? Infinity);
    });
  });

  // Values read from the published table (Warwick Medical School), not from the code above.
  it.each([
    [7, 7.0],
    [8, 9.51],
    [14, 15.32],
    [17, 16.88],
    [21, 19.25],
    [23, 20.73],
    [28, 25.03],
    [29, 26.02],
    [33, 30.7],
    [34, 32.55],
    [35, 35.0],
  ])('given the raw score %i, when converted, then the metric score is %d', (raw, metric) => {
    expect(swemwbsMetricScore(raw)).toBe(metric);
  });

  it.each(SWEMWBS_CONVERSION.map(([raw, metric]) => ({ raw, metric })))(
    'given seven answers adding up to $raw, when scored, then the metric score is $metric',
    ({ raw, metric }) => {
      const items = swemwbsItems(raw);

      expect(scoreOutcome({ measure: 'SWEMWBS', items })).toEqual({
        measure: 'SWEMWBS',
        items,
        rawScore: raw,
        metricScore: metric,
      });
    },
  );

  it.each([6, 36, 20.5])('given the raw score %d, when converted, then it is refused', (raw) => {
    expect(refusal(() => swemwbsMetricScore(raw))).toEqual({ code: 'OUT_OF_RANGE', field: 'rawScore' });
  });

  const swemwbs = (items: unknown) => loose({ measure: 'SWEMWBS', items });
  it.each([
    { answers: swemwbs([3, 3, 3, 3, 3, 3]), code: 'REQUIRED', field: 'items[6]' },
    { answers: swemwbs([3, 3, 3, 3, 3, 3, 3, 3]), code: 'EXTRA_ITEM', field: 'items[7]' },
    { answers: swemwbs([3, 3, 0, 3, 3, 3, 3]), code: 'OUT_OF_RANGE', field: 'items[2]' },
    { answers: swemwbs([3, 3, 3, 3, 6, 3, 3]), code: 'OUT_OF_RANGE', field: 'items[4]' },
    { answers: swemwbs([3, 2.5, 3, 3, 3, 3, 3]), code: 'NOT_AN_INTEGER', field: 'items[1]' },
    { answers: swemwbs([3, 3, 3, , 3, 3, 3]), code: 'REQUIRED', field: 'items[3]' },
    { answers: swemwbs({ 0: 3 }), code: 'INVALID_TYPE', field: 'items' },
  ])('given $field wrong, when scored, then it is refused with $code', ({ answers, code, field }) => {
    expect(refusal(() => scoreOutcome(answers))).toEqual({ code, field });
  });
});

describe('outcome measures: MYCaW', () => {
  it('given two concerns and wellbeing, when scored, then the profile is the mean of the three', () => {
    expect(scoreOutcome(MYCAW_ANSWERS)).toEqual({
      measure: 'MYCAW',
      concerns: [
        { id: 'k-1', description: 'Going out alone since the fall', score: 5 },
        { id: 'k-2', description: 'Paying the heating bill', score: 3 },
      ],
      wellbeing: 4,
      profile: 4,
    });
  });

  it('given one concern, when scored, then the profile is the mean of the concern and wellbeing', () => {
    const result = scoreOutcome({
      measure: 'MYCAW',
      concerns: [{ id: 'k-1', description: '  Sleeping badly ', score: 6 }],
      wellbeing: 1,
    });

    expect(result).toEqual({
      measure: 'MYCAW',
      concerns: [{ id: 'k-1', description: 'Sleeping badly', score: 6 }],
      wellbeing: 1,
      profile: 3.5,
    });
  });

  const concern = { id: 'k-1', description: 'Going out alone', score: 5 };
  const mycaw = (change: Record<string, unknown>) => loose({ ...MYCAW_ANSWERS, ...change });
  it.each([
    { answers: mycaw({ concerns: [] }), code: 'REQUIRED', field: 'concerns' },
    { answers: mycaw({ concerns: undefined }), code: 'REQUIRED', field: 'concerns' },
    {
      answers: mycaw({ concerns: [concern, { ...concern, id: 'k-2' }, { ...concern, id: 'k-3' }] }),
      code: 'EXTRA_ITEM',
      field: 'concerns[2]',
    },
    {
      answers: mycaw({ concerns: [concern, { ...concern, description: 'Money' }] }),
      code: 'DUPLICATE_CONCERN',
      field: 'concerns[1].id',
    },
    {
      answers: mycaw({ concerns: [{ ...concern, score: 7 }] }),
      code: 'OUT_OF_RANGE',
      field: 'concerns[0].score',
    },
    {
      answers: mycaw({ concerns: [{ ...concern, score: 2.5 }] }),
      code: 'NOT_AN_INTEGER',
      field: 'concerns[0].score',
    },
    {
      answers: mycaw({ concerns: [{ ...concern, description: '  ' }] }),
      code: 'REQUIRED',
      field: 'concerns[0].description',
    },
    {
      answers: mycaw({ concerns: [{ ...concern, description: 'x'.repeat(501) }] }),
      code: 'TOO_LONG',
      field: 'concerns[0].description',
    },
    { answers: mycaw({ concerns: [{ ...concern, id: '' }] }), code: 'REQUIRED', field: 'concerns[0].id' },
    {
      answers: mycaw({ concerns: [{ ...concern, rating: 5 }] }),
      code: 'UNKNOWN_FIELD',
      field: 'concerns[0].rating',
    },
    { answers: mycaw({ wellbeing: undefined }), code: 'REQUIRED', field: 'wellbeing' },
    { answers: mycaw({ wellbeing: -1 }), code: 'OUT_OF_RANGE', field: 'wellbeing' },
  ])('given $field wrong, when scored, then it is refused with $code', ({ answers, code, field }) => {
    expect(refusal(() => scoreOutcome(answers))).toEqual({ code, field });
  });
});

describe('outcome measures: which measure', () => {
  it.each([
    {
      given: 'a measure not scored here',
      answers: loose({ measure: 'WEMWBS', items: [] }),
      code: 'UNKNOWN_MEASURE',
      field: 'measure',
    },
    {
      given: 'no measure',
      answers: loose({ items: ONS4_ANSWERS }),
      code: 'UNKNOWN_MEASURE',
      field: 'measure',
    },
    { given: 'no answers', answers: loose(null), code: 'REQUIRED', field: 'answers' },
    // PAM's algorithm is its licensor's: the platform never scores it.
    {
      given: 'PAM answers',
      answers: loose({ measure: 'PAM', items: [] }),
      code: 'LICENSED_MEASURE',
      field: 'measure',
    },
  ])('given $given, when scored, then it is refused with $code', ({ answers, code, field }) => {
    expect(refusal(() => scoreOutcome(answers))).toEqual({ code, field });
  });
});

describe('outcome measures: PAM, an external score', () => {
  const pam: PamScore = { measure: 'PAM', activationLevel: 3, score: 58.4 };

  it('given a level and a score from the licensed service, when accepted, then they are kept as given', () => {
    expect(acceptPamScore(pam)).toEqual(pam);
  });

  it.each([
    { input: { ...pam, activationLevel: 0 }, code: 'OUT_OF_RANGE', field: 'activationLevel' },
    { input: { ...pam, activationLevel: 5 }, code: 'OUT_OF_RANGE', field: 'activationLevel' },
    { input: { ...pam, activationLevel: 2.5 }, code: 'NOT_AN_INTEGER', field: 'activationLevel' },
    { input: { ...pam, score: 100.1 }, code: 'OUT_OF_RANGE', field: 'score' },
    { input: { ...pam, score: -0.5 }, code: 'OUT_OF_RANGE', field: 'score' },
    { input: { ...pam, score: Number.NaN }, code: 'NOT_A_NUMBER', field: 'score' },
    { input: { ...pam, score: undefined }, code: 'REQUIRED', field: 'score' },
    { input: { ...pam, measure: 'ONS4' }, code: 'UNKNOWN_MEASURE', field: 'measure' },
    { input: { ...pam, items: [] }, code: 'UNKNOWN_FIELD', field: 'items' },
  ])('given $field wrong, when accepted, then it is refused with $code', ({ input, code, field }) => {
    expect(refusal(() => acceptPamScore(input as unknown as PamScore))).toEqual({ code, field });
  });
});

describe('outcome measures: change from baseline to follow-up', () => {
  it('given ONS4 twice, then higher is better except for anxiety, where lower is better', () => {
    const baseline = scoreOutcome(ons4({ lifeSatisfaction: 5, worthwhile: 8, happy: 6, anxious: 7 }));
    const followUp = scoreOutcome(ons4({ lifeSatisfaction: 7, worthwhile: 6, happy: 6, anxious: 3 }));

    expect(compareOutcomes(baseline, followUp)).toEqual({
      measure: 'ONS4',
      items: {
        lifeSatisfaction: { baseline: 5, followUp: 7, change: 2, direction: 'improved' },
        worthwhile: { baseline: 8, followUp: 6, change: -2, direction: 'worse' },
        happy: { baseline: 6, followUp: 6, change: 0, direction: 'unchanged' },
        anxious: { baseline: 7, followUp: 3, change: -4, direction: 'improved' },
      },
    });
  });

  it('given ONS4 anxiety going up, then that is worse', () => {
    const baseline = scoreOutcome(ons4({ ...ONS4_ANSWERS, anxious: 2 }));
    const followUp = scoreOutcome(ons4({ ...ONS4_ANSWERS, anxious: 5 }));

    expect(compareOutcomes(baseline, followUp)).toMatchObject({
      items: { anxious: { change: 3, direction: 'worse' } },
    });
  });

  it('given UCLA twice, then a lower total is an improvement', () => {
    const baseline = scoreOutcome(ucla3({ lackCompanionship: 3, leftOut: 2, isolated: 2 }));
    const followUp = scoreOutcome(ucla3({ lackCompanionship: 1, leftOut: 2, isolated: 3 }));

    expect(compareOutcomes(baseline, followUp)).toEqual({
      measure: 'UCLA3',
      items: {
        lackCompanionship: { baseline: 3, followUp: 1, change: -2, direction: 'improved' },
        leftOut: { baseline: 2, followUp: 2, change: 0, direction: 'unchanged' },
        isolated: { baseline: 2, followUp: 3, change: 1, direction: 'worse' },
      },
      total: { baseline: 7, followUp: 6, change: -1, direction: 'improved' },
    });
  });

  it('given UCLA rising from 3 to 9, then the total is worse', () => {
    const baseline = scoreOutcome(ucla3({ lackCompanionship: 1, leftOut: 1, isolated: 1 }));
    const followUp = scoreOutcome(ucla3({ lackCompanionship: 3, leftOut: 3, isolated: 3 }));

    expect(compareOutcomes(baseline, followUp)).toMatchObject({
      total: { baseline: 3, followUp: 9, change: 6, direction: 'worse' },
    });
  });

  it('given SWEMWBS twice, then higher is better and the metric change has two decimals', () => {
    const baseline = scoreOutcome({ measure: 'SWEMWBS', items: [3, 3, 3, 3, 3, 3, 3] });
    const followUp = scoreOutcome({ measure: 'SWEMWBS', items: [4, 4, 4, 4, 4, 3, 3] });

    const change = compareOutcomes(baseline, followUp);

    expect(change).toMatchObject({
      measure: 'SWEMWBS',
      rawScore: { baseline: 21, followUp: 26, change: 5, direction: 'improved' },
      metricScore: { baseline: 19.25, followUp: 23.21, change: 3.96, direction: 'improved' },
    });
    expect(change).toMatchObject({
      items: [
        { change: 1, direction: 'improved' },
        { change: 1, direction: 'improved' },
        { change: 1, direction: 'improved' },
        { change: 1, direction: 'improved' },
        { change: 1, direction: 'improved' },
        { change: 0, direction: 'unchanged' },
        { change: 0, direction: 'unchanged' },
      ],
    });
  });

  it('given SWEMWBS falling, then it is worse', () => {
    const baseline = scoreOutcome({ measure: 'SWEMWBS', items: swemwbsItems(29) });
    const followUp = scoreOutcome({ measure: 'SWEMWBS', items: swemwbsItems(22) });

    expect(compareOutcomes(baseline, followUp)).toMatchObject({
      rawScore: { change: -7, direction: 'worse' },
      metricScore: { baseline: 26.02, followUp: 19.98, change: -6.04, direction: 'worse' },
    });
  });

  it('given MYCaW concerns re-rated in another order, then each is matched by its id and lower is better', () => {
    const baseline = scoreOutcome(MYCAW_ANSWERS);
    const followUp = scoreOutcome({
      measure: 'MYCAW',
      concerns: [
        { id: 'k-2', description: 'Paying the heating bill', score: 4 },
        { id: 'k-1', description: 'Going out alone since the fall', score: 2 },
      ],
      wellbeing: 4,
    });

    const change = compareOutcomes(baseline, followUp);

    expect(change).toMatchObject({
      measure: 'MYCAW',
      concerns: [
        { id: 'k-1', baseline: 5, followUp: 2, change: -3, direction: 'improved' },
        { id: 'k-2', baseline: 3, followUp: 4, change: 1, direction: 'worse' },
      ],
      wellbeing: { baseline: 4, followUp: 4, change: 0, direction: 'unchanged' },
      profile: { baseline: 4, direction: 'improved' },
    });
    expect(change).toHaveProperty('profile.change', -2 / 3);
    expect((followUp as MycawResult).profile).toBeCloseTo(10 / 3);
  });

  it('given a MYCaW follow-up without one of the baseline concerns, then it is refused', () => {
    const baseline = scoreOutcome(MYCAW_ANSWERS);
    const followUp = scoreOutcome({ ...MYCAW_ANSWERS, concerns: [GOING_OUT] });

    expect(refusal(() => compareOutcomes(baseline, followUp))).toEqual({
      code: 'CONCERN_MISMATCH',
      field: 'followUp.concerns',
    });
  });

  it('given a MYCaW follow-up rating another concern, then it is refused at that concern', () => {
    const baseline = scoreOutcome(MYCAW_ANSWERS);
    const followUp = scoreOutcome({
      ...MYCAW_ANSWERS,
      concerns: [GOING_OUT, { id: 'k-9', description: 'Walking the dog', score: 1 }],
    });

    expect(refusal(() => compareOutcomes(baseline, followUp))).toEqual({
      code: 'CONCERN_MISMATCH',
      field: 'followUp.concerns[1].id',
    });
  });

  it('given two different measures, then they cannot be compared', () => {
    const baseline: ScoredOutcome = scoreOutcome({ measure: 'ONS4', items: ONS4_ANSWERS });
    const followUp: ScoredOutcome = scoreOutcome({ measure: 'UCLA3', items: UCLA3_ANSWERS });

    expect(refusal(() => compareOutcomes(baseline, followUp))).toEqual({
      code: 'MEASURE_MISMATCH',
      field: 'followUp.measure',
    });
  });
});

import { ageBandAt, direction, outcomeScores, quarterOf } from './facts';

describe('facts: what analytics keeps of an event', () => {
  it('keeps the age at the first referral as a band, counting the birthday', () => {
    const at = new Date('2026-03-15T12:00:00Z');
    expect(ageBandAt('2008-03-16', at)).toBe('0-17'); // 17 the day before their 18th birthday
    expect(ageBandAt('2008-03-15', at)).toBe('18-24');
    expect(ageBandAt('2001-03-16', at)).toBe('18-24');
    expect(ageBandAt('2001-03-15', at)).toBe('25-44');
    expect(ageBandAt('1961-03-15', at)).toBe('65-79');
    expect(ageBandAt('1946-03-15', at)).toBe('80+');
  });

  it('keeps no band for a date it does not understand or a birth after the referral', () => {
    expect(ageBandAt('15/03/1960', new Date('2026-01-01'))).toBeNull();
    expect(ageBandAt('2027-01-01', new Date('2026-01-01'))).toBeNull();
  });

  it('names the calendar quarter of a moment in UTC', () => {
    expect(quarterOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-06-30T23:59:59Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-07-01T00:00:00Z'))).toBe('2026-Q3');
    expect(quarterOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q4');
  });

  it("reads each measure's score as its authors report it: ONS4 items apart, never summed", () => {
    expect(
      outcomeScores({
        measure: 'ONS4',
        items: { lifeSatisfaction: 6, worthwhile: 7, happy: 5, anxious: 8 },
        bands: {},
      }),
    ).toEqual([
      ['ONS4.lifeSatisfaction', 6],
      ['ONS4.worthwhile', 7],
      ['ONS4.happy', 5],
      ['ONS4.anxious', 8],
    ]);
    expect(outcomeScores({ measure: 'UCLA3', items: {}, total: 7, band: 'lonely' })).toEqual([['UCLA3', 7]]);
    expect(outcomeScores({ measure: 'SWEMWBS', items: [], rawScore: 21, metricScore: 19.98 })).toEqual([
      ['SWEMWBS', 19.98],
    ]);
    expect(outcomeScores({ measure: 'MYCAW', concerns: [], wellbeing: 3, profile: 3.5 })).toEqual([
      ['MYCAW', 3.5],
    ]);
  });

  it('reads nothing from a result it does not know (or an erased one)', () => {
    expect(outcomeScores({ measure: 'PAM', score: 60 })).toEqual([]);
    expect(outcomeScores({ measure: 'UCLA3', total: null })).toEqual([]);
  });

  it('tells an improvement by the way the score runs', () => {
    expect(direction('SWEMWBS', 2.5)).toBe('improved');
    expect(direction('UCLA3', 2)).toBe('worsened');
    expect(direction('UCLA3', -1)).toBe('improved');
    expect(direction('ONS4.anxious', -3)).toBe('improved');
    expect(direction('ONS4.happy', -3)).toBe('worsened');
    expect(direction('MYCAW', 0)).toBe('unchanged');
  });
});

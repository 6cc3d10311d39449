import { seededRandom } from '@spn/testing';
import {
  K,
  KAnonymityError,
  MAX_LEVEL,
  QUASI_IDENTIFIERS,
  anonymise,
  assertKAnonymous,
  generalise,
  smallestClass,
  type ExportRecord,
  type QuasiIdentifier,
} from './k-anonymity';

type Quasi = Record<QuasiIdentifier, string>;
const TYPICAL: Quasi = {
  ageBand: '25-44',
  gender: 'woman',
  area: 'V3B',
  language: 'en',
  incomeBand: '20k-40k',
  ethnicity: 'white',
  indigenousIdentity: 'not-indigenous',
};

let serial = 0;
/** `n` records with the typical quasi-identifiers but for `quasi`, and attributes of their own. */
function records(n: number, quasi: Partial<Quasi> = {}): ExportRecord[] {
  return Array.from({ length: n }, () => ({
    quasi: { ...TYPICAL, ...quasi },
    attributes: {
      serial: ++serial,
      referralsMade: serial % 4,
      improved: serial % 3 === 0,
      daysToFirstContact: null,
    },
  }));
}

const shown = (record: ExportRecord) => QUASI_IDENTIFIERS.map((qi) => record.quasi[qi]).join('|');

describe('k-anonymity: generalisation hierarchies', () => {
  const at = (qi: QuasiIdentifier, values: readonly string[], level: number) =>
    values.map((value) => generalise(qi, value, level));

  it('keeps the value at level 0 and gives * at the last level', () => {
    for (const qi of QUASI_IDENTIFIERS) {
      expect(generalise(qi, TYPICAL[qi], 0)).toBe(TYPICAL[qi]);
      expect(generalise(qi, TYPICAL[qi], MAX_LEVEL[qi])).toBe('*');
      expect(generalise(qi, TYPICAL[qi], MAX_LEVEL[qi] + 3)).toBe('*');
    }
    expect(MAX_LEVEL).toEqual({
      ageBand: 2,
      gender: 2,
      area: 3,
      language: 2,
      incomeBand: 2,
      ethnicity: 1,
      indigenousIdentity: 2,
    });
  });

  it('groups age bands into 0-24, 25-44, 45-64 and 65+', () => {
    const bands = ['0-17', '18-24', '25-44', '45-64', '65-79', '80+'];
    expect(at('ageBand', bands, 1)).toEqual(['0-24', '0-24', '25-44', '45-64', '65+', '65+']);
    expect(at('ageBand', bands, 2)).toEqual(['*', '*', '*', '*', '*', '*']);
  });

  it('shortens a forward sortation area to two characters, then to its province or region letter', () => {
    expect([0, 1, 2, 3].map((level) => generalise('area', 'V3B', level))).toEqual(['V3B', 'V3', 'V', '*']);
  });

  it('keeps the official languages and groups every other as other', () => {
    expect(at('language', ['en', 'fr', 'pa', 'zh', 'tl'], 1)).toEqual([
      'en',
      'fr',
      'other',
      'other',
      'other',
    ]);
    expect(at('language', ['en', 'pa'], 2)).toEqual(['*', '*']);
  });

  it('groups income into under 40k, 40k to 100k and 100k plus', () => {
    const bands = ['under-20k', '20k-40k', '40k-60k', '60k-100k', '100k-plus'];
    expect(at('incomeBand', bands, 1)).toEqual([
      'under-40k',
      'under-40k',
      '40k-100k',
      '40k-100k',
      '100k-plus',
    ]);
  });

  it('keeps woman and man and groups every other gender as another-gender', () => {
    const genders = ['woman', 'man', 'non-binary', 'two-spirit', 'another-gender'];
    expect(at('gender', genders, 1)).toEqual([
      'woman',
      'man',
      'another-gender',
      'another-gender',
      'another-gender',
    ]);
  });

  it('hides ethnicity entirely at its first level', () => {
    expect(at('ethnicity', ['white', 'south-asian', 'black'], 1)).toEqual(['*', '*', '*']);
  });

  it('groups First Nations, Inuit and Métis as indigenous', () => {
    expect(at('indigenousIdentity', ['first-nations', 'inuit', 'metis', 'not-indigenous'], 1)).toEqual([
      'indigenous',
      'indigenous',
      'indigenous',
      'not-indigenous',
    ]);
  });

  it('keeps not-stated and prefer-not-to-say as they are until *, and * as *', () => {
    for (const qi of QUASI_IDENTIFIERS) {
      for (let level = 0; level < MAX_LEVEL[qi]; level++) {
        expect(generalise(qi, 'not-stated', level)).toBe('not-stated');
        expect(generalise(qi, 'prefer-not-to-say', level)).toBe('prefer-not-to-say');
      }
      expect(generalise(qi, 'not-stated', MAX_LEVEL[qi])).toBe('*');
      expect(generalise(qi, '*', 1)).toBe('*');
    }
  });

  it('refuses a value its hierarchy does not know, and a level that is not a whole number', () => {
    expect(() => generalise('ageBand', '30-39', 1)).toThrow(RangeError);
    expect(() => generalise('incomeBand', 'lots', 1)).toThrow(RangeError);
    expect(() => generalise('indigenousIdentity', 'unknown', 1)).toThrow(RangeError);
    expect(() => generalise('area', 'Vancouver', 1)).toThrow(RangeError);
    expect(() => generalise('area', 'V3B', -1)).toThrow(RangeError);
    expect(() => generalise('area', 'V3B', 1.5)).toThrow(RangeError);
  });
});

describe('k-anonymity: classes and the check before release', () => {
  const unique = [...records(30), ...records(1, { area: 'V5K', ageBand: '80+', gender: 'man' })];

  it('measures the smallest equivalence class over all quasi-identifiers; 0 for no records', () => {
    expect(smallestClass(unique)).toBe(1);
    expect(smallestClass(records(7))).toBe(7);
    expect(smallestClass([])).toBe(0);
  });

  it('throws KAnonymityError naming the class size and k, never a value', () => {
    const check = () => {
      assertKAnonymous(unique);
    };

    expect(check).toThrow(KAnonymityError);
    expect(check).toThrow(expect.objectContaining({ smallest: 1, k: K }) as Error);
    expect(check).toThrow(/^an equivalence class of 1 record\(s\) is smaller than k = 5$/);
  });

  it('passes k-anonymous records, a stricter k when asked, and no records at all', () => {
    expect(() => {
      assertKAnonymous(records(5));
    }).not.toThrow();
    expect(() => {
      assertKAnonymous(records(5), 6);
    }).toThrow(KAnonymityError);
    expect(() => {
      assertKAnonymous([]);
    }).not.toThrow();
  });
});

describe('k-anonymity: anonymise (Datafly)', () => {
  describe('given one person unique on area, age band and gender among 39 alike', () => {
    const unique = records(1, { area: 'V5K', ageBand: '80+', gender: 'man' })[0]!;
    const input = [...records(39), unique];

    it('drops them, 1 record in 40 being within the 5% that may be suppressed, and generalises nothing', () => {
      const result = anonymise(input);

      expect(result.records).toHaveLength(39);
      expect(result.records.map((r) => r.attributes)).not.toContain(unique.attributes);
      expect(result.suppressedRecords).toBe(1);
      expect(result.levels).toEqual({
        ageBand: 0,
        gender: 0,
        area: 0,
        language: 0,
        incomeBand: 0,
        ethnicity: 0,
        indigenousIdentity: 0,
      });
      expect(result.smallestClass).toBe(39);
      expect(result.k).toBe(5);
      expect(() => {
        assertKAnonymous(result.records);
      }).not.toThrow();
    });

    it('generalises instead when no record may be suppressed, until they share a class of 5 or more', () => {
      const result = anonymise(input, { maxSuppressedShare: 0 });

      expect(result.suppressedRecords).toBe(0);
      expect(result.records).toHaveLength(40);
      expect(result.smallestClass).toBeGreaterThanOrEqual(K);
      const theirs = result.records.find((r) => r.attributes === unique.attributes)!;
      expect(result.records.filter((r) => shown(r) === shown(theirs)).length).toBeGreaterThanOrEqual(K);
    });
  });

  it('generalises first the quasi-identifier with the most distinct values', () => {
    // 10 areas of 3 people each, alike otherwise: every class is under 5.
    const input = ['V3B', 'V3C', 'V3E', 'V3H', 'V3J', 'V3K', 'V3L', 'V3M', 'V3N', 'V3R'].flatMap((area) =>
      records(3, { area }),
    );

    const result = anonymise(input);

    expect(result.levels.area).toBe(1);
    expect(result.records.map((r) => r.quasi.area)).toEqual(Array.from({ length: 30 }, () => 'V3'));
    expect(result.suppressedRecords).toBe(0);
    expect(result.smallestClass).toBe(30);
  });

  it('holds a larger k when asked', () => {
    const input = ['V3B', 'V3C', 'V5K', 'V5L'].flatMap((area) => records(6, { area }));

    expect(anonymise(input).levels.area).toBe(0);
    const stricter = anonymise(input, { k: 10 });
    expect(stricter.k).toBe(10);
    expect(stricter.levels.area).toBe(1);
    expect(stricter.smallestClass).toBeGreaterThanOrEqual(10);
  });

  it('releases nothing from fewer than k records, and nothing from none', () => {
    const four = anonymise(records(4, { area: 'V3C' }));
    const none = anonymise([]);

    expect(four).toMatchObject({ records: [], suppressedRecords: 4, smallestClass: 0, k: 5 });
    expect(none).toMatchObject({ records: [], suppressedRecords: 0, smallestClass: 0, k: 5 });
    expect(() => {
      assertKAnonymous(four.records);
    }).not.toThrow();
  });

  it('releases 5 alike records as they are', () => {
    const five = records(5);

    const result = anonymise(five);

    expect(result.records).toEqual(five);
    expect(result.suppressedRecords).toBe(0);
  });

  it('never alters attributes, nor the records given', () => {
    const input = deepFreeze(populationOf(300, seededRandom(7)));
    const before = JSON.stringify(input);

    const result = anonymise(input);

    expect(JSON.stringify(input)).toBe(before);
    const given = new Set(input.map((r) => r.attributes));
    expect(result.records.every((r) => given.has(r.attributes))).toBe(true);
    expect(result.records.length + result.suppressedRecords).toBe(300);
  });

  it('refuses a k under 1 and a share outside 0 to 1', () => {
    expect(() => anonymise(records(5), { k: 0 })).toThrow(RangeError);
    expect(() => anonymise(records(5), { k: 2.5 })).toThrow(RangeError);
    expect(() => anonymise(records(5), { maxSuppressedShare: 1.5 })).toThrow(RangeError);
    expect(() => anonymise(records(5), { maxSuppressedShare: Number.NaN })).toThrow(RangeError);
  });

  describe('given a re-identification attack on a seeded population of 5,000', () => {
    const population = populationOf(5_000, seededRandom(20_261_120));
    const result = anonymise(population);
    const known = QUASI_IDENTIFIERS.filter((qi) => qi !== 'indigenousIdentity');
    /** What an attacker who knows a target's quasi-identifiers looks for, generalised as released. */
    const lookFor = (quasi: Readonly<Quasi>, knows: readonly QuasiIdentifier[]) =>
      JSON.stringify(knows.map((qi) => generalise(qi, quasi[qi], result.levels[qi])));
    const candidates = (knows: readonly QuasiIdentifier[]) => {
      const counts = new Map<string, number>();
      for (const r of result.records) {
        const key = JSON.stringify(knows.map((qi) => r.quasi[qi]));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return (quasi: Readonly<Quasi>) => counts.get(lookFor(quasi, knows)) ?? 0;
    };

    it('releases a k-anonymous export, suppressing at most 5% of the records', () => {
      expect(result.smallestClass).toBeGreaterThanOrEqual(K);
      expect(result.suppressedRecords).toBeLessThanOrEqual(0.05 * population.length);
      expect(result.records.length + result.suppressedRecords).toBe(population.length);
      expect(() => {
        assertKAnonymous(result.records);
      }).not.toThrow();
    });

    it('leaves an attacker who knows age, gender, area, language, income and ethnicity 5 candidates or more, never 1', () => {
      const count = candidates(known);
      const released = new Set(result.records.map((r) => r.attributes));

      const matches = population.map((target) => ({ target, n: count(target.quasi) }));

      expect(matches.filter(({ n }) => n > 0 && n < K)).toEqual([]);
      expect(matches.filter(({ target, n }) => released.has(target.attributes) && n < K)).toEqual([]);
    });

    it('leaves 5 candidates or more to an attacker who also knows Indigenous identity', () => {
      const count = candidates(QUASI_IDENTIFIERS);

      expect(population.map((target) => count(target.quasi)).filter((n) => n > 0 && n < K)).toEqual([]);
    });

    it('where the raw records would have given many targets away', () => {
      const raw = new Map<string, number>();
      for (const r of population) raw.set(shown(r), (raw.get(shown(r)) ?? 0) + 1);

      expect([...raw.values()].filter((n) => n === 1).length).toBeGreaterThan(1_000);
    });
  });
});

/** Clients of a social prescribing programme in a few provinces, with skewed, realistic mixes. */
function populationOf(size: number, random: () => number): ExportRecord[] {
  const weighted = (choices: Record<string, number>) => {
    const entries = Object.entries(choices);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    return () => {
      let r = random() * total;
      for (const [value, weight] of entries) if ((r -= weight) < 0) return value;
      return entries[0]![0];
    };
  };
  const draw: Record<QuasiIdentifier, () => string> = {
    ageBand: weighted({ '0-17': 4, '18-24': 8, '25-44': 25, '45-64': 30, '65-79': 23, '80+': 10 }),
    gender: weighted({
      woman: 55,
      man: 40,
      'non-binary': 2,
      'two-spirit': 0.5,
      'another-gender': 0.5,
      'prefer-not-to-say': 2,
    }),
    area: weighted({
      ...Object.fromEntries(['V3B', 'V3C', 'V3E', 'V3H', 'V3J', 'V3K', 'V3L', 'V3M'].map((fsa) => [fsa, 6])),
      ...Object.fromEntries(['V5K', 'V5L', 'V5N', 'V6A', 'V6B'].map((fsa) => [fsa, 4])),
      ...Object.fromEntries(['T2A', 'T2B', 'T3A', 'M4C', 'M5V', 'H2X'].map((fsa) => [fsa, 1])),
      'not-stated': 3,
    }),
    language: weighted({ en: 70, fr: 5, pa: 6, zh: 5, tl: 4, es: 3, ar: 2, fa: 2, ko: 1, vi: 1, so: 0.5 }),
    incomeBand: weighted({
      'under-20k': 20,
      '20k-40k': 25,
      '40k-60k': 18,
      '60k-100k': 15,
      '100k-plus': 7,
      'prefer-not-to-say': 10,
      'not-stated': 5,
    }),
    ethnicity: weighted({
      white: 50,
      'south-asian': 14,
      'east-asian': 12,
      'southeast-asian': 6,
      black: 4,
      indigenous: 4,
      'latin-american': 3,
      'middle-eastern': 3,
      'another-race': 1,
      'prefer-not-to-say': 3,
    }),
    indigenousIdentity: weighted({
      'not-indigenous': 88,
      'first-nations': 4,
      metis: 2,
      inuit: 0.5,
      'not-stated': 5.5,
    }),
  };
  return Array.from({ length: size }, (_, i) => ({
    quasi: Object.fromEntries(QUASI_IDENTIFIERS.map((qi) => [qi, draw[qi]()])) as Quasi,
    attributes: {
      client: i,
      referralsMade: 1 + Math.floor(random() * 4),
      daysToFirstContact: random() < 0.8 ? Math.floor(random() * 60) : null,
      improved: random() < 0.5,
    },
  }));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

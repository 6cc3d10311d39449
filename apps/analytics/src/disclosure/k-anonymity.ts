/**
 * De-identified record-level exports for evaluators: k-anonymity (Sweeney, "k-anonymity: a model
 * for protecting privacy", 2002), reached by full-domain global recoding with the Datafly heuristic
 * and record suppression (Sweeney, "Achieving k-anonymity privacy protection using generalization
 * and suppression", 2002). Every combination of quasi-identifiers a released record shows is shared
 * by at least k released records, so an attacker who knows someone's age band, gender, area,
 * language, income, ethnicity and Indigenous identity, and that they are in the export, finds at
 * least k candidates, never one. Global recoding (one level per quasi-identifier for the whole
 * export) keeps every column consistent for analysis; Datafly is simple, deterministic and explains
 * itself (the levels). k = 5 matches the minimum cell size of the published tables. Attributes are
 * released as they are: k-anonymity bounds re-identification, not what a class's shared
 * attributes reveal (l-diversity would). Pure.
 */

export const K = 5;
export const QUASI_IDENTIFIERS = [
  'ageBand',
  'gender',
  'area',
  'language',
  'incomeBand',
  'ethnicity',
  'indigenousIdentity',
] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

export interface ExportRecord {
  readonly quasi: Readonly<Record<QuasiIdentifier, string>>;
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
}

export interface Anonymised {
  readonly records: readonly ExportRecord[];
  readonly levels: Readonly<Record<QuasiIdentifier, number>>;
  readonly suppressedRecords: number;
  readonly smallestClass: number;
  readonly k: number;
}

/** A value withheld at the source says nothing more when generalised, so it stays until '*'. */
const WITHHELD = new Set(['not-stated', 'prefer-not-to-say']);

const lookup =
  (qi: QuasiIdentifier, table: Readonly<Record<string, string>>) =>
  (value: string): string => {
    const general = table[value];
    if (general === undefined) throw new RangeError(`${qi} has no generalisation for '${value}'`);
    return general;
  };

const FSA = /^[A-Z]\d[A-Z]$/;
const area = (length: number) => (value: string) => {
  if (!FSA.test(value)) throw new RangeError(`area '${value}' is not a forward sortation area`);
  return value.slice(0, length);
};

/** Each quasi-identifier's levels between as given (0) and '*' (MAX_LEVEL). */
const HIERARCHIES: Readonly<Record<QuasiIdentifier, readonly ((value: string) => string)[]>> = {
  ageBand: [
    lookup('ageBand', {
      '0-17': '0-24',
      '18-24': '0-24',
      '25-44': '25-44',
      '45-64': '45-64',
      '65-79': '65+',
      '80+': '65+',
    }),
  ],
  // The forward sortation area, then its first two characters, then its first: the province or region.
  area: [area(2), area(1)],
  // Official languages apart; every other language together.
  language: [(value) => (value === 'en' || value === 'fr' ? value : 'other')],
  incomeBand: [
    lookup('incomeBand', {
      'under-20k': 'under-40k',
      '20k-40k': 'under-40k',
      '40k-60k': '40k-100k',
      '60k-100k': '40k-100k',
      '100k-plus': '100k-plus',
    }),
  ],
  gender: [(value) => (value === 'woman' || value === 'man' ? value : 'another-gender')],
  ethnicity: [],
  indigenousIdentity: [
    lookup('indigenousIdentity', {
      'first-nations': 'indigenous',
      inuit: 'indigenous',
      metis: 'indigenous',
      'not-indigenous': 'not-indigenous',
    }),
  ],
};

export const MAX_LEVEL: Readonly<Record<QuasiIdentifier, number>> = {
  ageBand: HIERARCHIES.ageBand.length + 1,
  gender: HIERARCHIES.gender.length + 1,
  area: HIERARCHIES.area.length + 1,
  language: HIERARCHIES.language.length + 1,
  incomeBand: HIERARCHIES.incomeBand.length + 1,
  ethnicity: HIERARCHIES.ethnicity.length + 1,
  indigenousIdentity: HIERARCHIES.indigenousIdentity.length + 1,
};

/** A value at a level of its hierarchy: 0 as given, MAX_LEVEL (or more) '*'. */
export function generalise(qi: QuasiIdentifier, value: string, level: number): string {
  if (!Number.isInteger(level) || level < 0)
    throw new RangeError(`level must be a whole number ≥ 0: ${level}`);
  if (level === 0 || value === '*') return value;
  if (level >= MAX_LEVEL[qi]) return '*';
  if (WITHHELD.has(value)) return value;
  const step = HIERARCHIES[qi][level - 1];
  return step ? step(value) : '*';
}

export class KAnonymityError extends Error {
  constructor(
    readonly smallest: number,
    readonly k: number,
  ) {
    // Sizes only: a value in the message could itself identify someone in a log.
    super(`an equivalence class of ${smallest} record(s) is smaller than k = ${k}`);
    this.name = 'KAnonymityError';
  }
}

/** The equivalence class a record's quasi-identifiers put it in. */
export const classKey = (quasi: Readonly<Record<QuasiIdentifier, string>>): string =>
  JSON.stringify(QUASI_IDENTIFIERS.map((qi) => quasi[qi]));

function classSizes(records: readonly ExportRecord[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const record of records) {
    const key = classKey(record.quasi);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** The size of the smallest equivalence class over all quasi-identifiers; 0 when there are no records. */
export function smallestClass(records: readonly ExportRecord[]): number {
  const sizes = [...classSizes(records).values()];
  return sizes.length === 0 ? 0 : Math.min(...sizes);
}

/** Throws KAnonymityError unless every class holds at least k records. No records is k-anonymous. */
export function assertKAnonymous(records: readonly ExportRecord[], k: number = K): void {
  const smallest = smallestClass(records);
  if (records.length > 0 && smallest < k) throw new KAnonymityError(smallest, k);
}

export function anonymise(
  records: readonly ExportRecord[],
  options: { k?: number; maxSuppressedShare?: number } = {},
): Anonymised {
  const k = options.k ?? K;
  const maxSuppressedShare = options.maxSuppressedShare ?? 0.05;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1: ${k}`);
  if (!(maxSuppressedShare >= 0 && maxSuppressedShare <= 1))
    throw new RangeError(`maxSuppressedShare must be from 0 to 1: ${maxSuppressedShare}`);

  const levels = Object.fromEntries(QUASI_IDENTIFIERS.map((qi) => [qi, 0])) as Record<
    QuasiIdentifier,
    number
  >;
  const recode = () =>
    records.map((record) => ({
      quasi: Object.fromEntries(
        QUASI_IDENTIFIERS.map((qi) => [qi, generalise(qi, record.quasi[qi], levels[qi])]),
      ) as Record<QuasiIdentifier, string>,
      attributes: record.attributes,
    }));
  const inSmallClasses = (recoded: readonly ExportRecord[]) => {
    const sizes = classSizes(recoded);
    return recoded.filter((record) => (sizes.get(classKey(record.quasi)) ?? 0) < k);
  };

  // Datafly: while too many records sit in classes under k, generalise the quasi-identifier with
  // the most distinct values one level; then drop those still in classes under k.
  let recoded = recode();
  while (inSmallClasses(recoded).length > maxSuppressedShare * records.length) {
    let widest: QuasiIdentifier | undefined;
    let widestCount = 0;
    for (const qi of QUASI_IDENTIFIERS) {
      if (levels[qi] >= MAX_LEVEL[qi]) continue;
      const distinct = new Set(recoded.map((record) => record.quasi[qi])).size;
      if (distinct > widestCount) [widest, widestCount] = [qi, distinct];
    }
    if (widest === undefined) break; // all '*': one class, of fewer than k records
    levels[widest] += 1;
    recoded = recode();
  }
  const small = new Set(inSmallClasses(recoded));
  const released = recoded.filter((record) => !small.has(record));
  return {
    records: released,
    levels,
    suppressedRecords: small.size,
    smallestClass: smallestClass(released),
    k,
  };
}

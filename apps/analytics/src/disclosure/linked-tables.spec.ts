import { seededRandom } from '@spn/testing';
import { protectLinked, sharedKey, type TableSpec } from './linked-tables';
import {
  ALL,
  cellKey,
  derivable,
  protectTable,
  recoverable,
  STRATIFIERS,
  type ProtectedTable,
  type PublishedCell,
  type Stratifier,
  type Unit,
} from './small-cells';

const NAMES = ['period', 'area', 'need', 'category'];
const POOLS = [
  ['2026-Q1', '2026-Q2', '2026-Q3'],
  ['V3B', 'V3C', 'V3E', 'V5K', 'not-stated'],
  ['food', 'housing', 'income', 'legal'],
  ['completed', 'other', 'unmet'],
];
const STRATA: Record<Stratifier, string[]> = {
  ageBand: ['18-24', '45-64', '65-79'],
  gender: ['woman', 'man', 'non-binary'],
  language: ['en', 'fr'],
  incomeBand: ['under-20k', '20k-40k'],
  ethnicity: ['white', 'east-asian', 'black'],
  indigenousIdentity: ['not-stated', 'first-nations'],
};
/** The tables a family of referrals is published as (see population.ts). */
const SPECS: TableSpec[] = [
  { dimensions: ['period', 'category'], stratified: true },
  { dimensions: ['area', 'category'], stratified: true },
  { dimensions: ['need', 'category'], stratified: true },
  { dimensions: ['area', 'need', 'category'], stratified: false },
  { dimensions: ['period', 'area', 'category'], stratified: false },
];

/** Units skewed towards the first values of each pool, so there are large and small cells. */
function units(seed: number, n: number): Unit[] {
  const random = seededRandom(seed);
  const skewed = (pool: readonly string[]) => pool[Math.floor(pool.length * random() ** 2)] ?? pool[0]!;
  return Array.from({ length: n }, (_, i) => ({
    clientId: `client-${seed}-${i}`,
    dims: POOLS.map(skewed),
    strata: Object.fromEntries(STRATIFIERS.map((k) => [k, skewed(STRATA[k])])) as Record<Stratifier, string>,
  }));
}

/**
 * All the tables as one to an attacker: each cell once (by what it counts), each table's lines over
 * those cells. What derivable() and recoverable() find in it, they find by combining tables.
 */
function union(tables: readonly ProtectedTable[], specs: readonly TableSpec[]): ProtectedTable {
  const cells = new Map<string, PublishedCell>();
  const renamed = (i: number, cell: PublishedCell) => {
    const key = sharedKey(specs[i]?.dimensions ?? [], cell);
    return { ...cell, dims: [key], stratifier: null, stratum: ALL };
  };
  const byKey = tables.map((table, i) => {
    const map = new Map<string, string>();
    for (const cell of table.cells()) {
      const one = renamed(i, cell);
      cells.set(one.dims[0]!, one);
      map.set(cellKey(cell.dims, cell.stratifier, cell.stratum), cellKey(one.dims, null, ALL));
    }
    return map;
  });
  return {
    dimensions: ['cell'],
    cells: () => [...cells.values()],
    cell: () => {
      throw new Error('not used');
    },
    lines: () =>
      tables.flatMap((table, i) =>
        table.lines().map((line) => ({
          total: byKey[i]?.get(line.total) ?? '',
          parts: line.parts.map((part) => byKey[i]?.get(part) ?? ''),
        })),
      ),
    dimensionValues: () => [],
    values: () => [],
  };
}

const hiddenOf = (table: ProtectedTable) =>
  new Set(
    table
      .cells()
      .filter((cell) => cell.suppressed !== null)
      .map((cell) => cellKey(cell.dims, null, ALL)),
  );

describe('linked tables', () => {
  it.each([1, 2, 3, 4])(
    'given the tables of seed %i, when protected together, then every cell they share has one status and count',
    (seed) => {
      const { tables } = protectLinked(NAMES, units(seed, 400), SPECS);
      const seen = new Map<string, number | null>();
      const disagreeing: string[] = [];
      tables.forEach((table, i) => {
        for (const cell of table.cells()) {
          const key = sharedKey(SPECS[i]!.dimensions, cell);
          if (seen.has(key) && seen.get(key) !== cell.count) disagreeing.push(key);
          seen.set(key, cell.count);
        }
      });
      expect(disagreeing).toEqual([]);
      expect(seen.size).toBeGreaterThan(100);
    },
  );

  it.each([1, 2, 3, 4])(
    'given the tables of seed %i, when an attacker combines every line of every table, then no hidden cell comes out',
    (seed) => {
      const { tables } = protectLinked(NAMES, units(seed, 400), SPECS);
      const all = union(tables, SPECS);
      const hidden = hiddenOf(all);
      expect(hidden.size).toBeGreaterThan(0);
      expect([...derivable(all).keys()].filter((key) => hidden.has(key))).toEqual([]);
      expect([...recoverable(all).keys()].filter((key) => hidden.has(key))).toEqual([]);
    },
  );

  it('given the same tables protected one by one, then combining them gives hidden cells away', () => {
    // Why the tables are protected together: each safe on its own, not side by side.
    const leaks = [1, 2, 3, 4].map((seed) => {
      const all = units(seed, 400);
      const tables = SPECS.map((spec) =>
        protectTable(
          spec.dimensions,
          all.map((unit) => ({
            clientId: unit.clientId,
            dims: spec.dimensions.map((name) => unit.dims[NAMES.indexOf(name)] ?? ''),
            ...(spec.stratified ? { strata: unit.strata } : {}),
          })),
        ),
      );
      const joined = union(tables, SPECS);
      const hidden = hiddenOf(joined);
      return [...derivable(joined).keys()].filter((key) => hidden.has(key)).length;
    });
    expect(leaks.some((n) => n > 0)).toBe(true);
  });

  it('given a table that names a dimension the units lack, then it is refused by name', () => {
    expect(() => protectLinked(NAMES, units(1, 10), [{ dimensions: ['ward'], stratified: false }])).toThrow(
      'no dimension named ward',
    );
  });
});

import {
  ALL,
  protectTable,
  type CellAddress,
  type ProtectedTable,
  type PublishedCell,
  type Unit,
} from './small-cells';

/**
 * Several tables of the same units, each over some of their dimensions (by period, by area, by need,
 * area × need…), protected so that they can be published side by side.
 *
 * One cube over every dimension and stratifier at once is mostly small cells: 6,500 referrals over
 * quarter × area × need × category × a stratifier's values leave almost every cell under five, and
 * protecting them hides even the grand total. Agencies publish low-dimensional tables instead. But
 * tables of the same people share cells (the number of unmet referrals of women is in the table by
 * area and in the table by need), and a cell one table hides and another shows undoes the first's
 * protection. So the tables are protected in turns: each hides, besides its own small cells, every
 * cell it shares with a table that hides it, with a box of its own, until no table hides a shared cell
 * another shows (hidden cells only ever grow, so this ends). The specification checks that no line of
 * any table, nor of all of them together, recovers a hidden cell.
 */
export interface TableSpec {
  /** Which of the units' dimensions (by name) the table is over, in order. */
  readonly dimensions: readonly string[];
  /** Whether the table has the stratified faces, or only the unstratified one. */
  readonly stratified: boolean;
}

export interface LinkedTables {
  /** The protected tables, in the order of the specs. */
  readonly tables: readonly ProtectedTable[];
  /** The turns it took until every shared cell had one status. */
  readonly rounds: number;
}

/** The same cell in any table: the dimensions it fixes (by name), its stratifier and stratum. */
export function sharedKey(
  dimensions: readonly string[],
  cell: Pick<PublishedCell, 'dims' | 'stratifier' | 'stratum'>,
): string {
  const fixed = dimensions
    .map((name, d) => [name, cell.dims[d] ?? ALL] as const)
    .filter(([, value]) => value !== ALL)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([fixed, cell.stratum === ALL ? null : cell.stratifier, cell.stratum]);
}

const MAX_ROUNDS = 20;

/**
 * Protects the tables of `units` (named dimensions `names`, one value per name in each unit's dims)
 * that `specs` describe, consistently: a cell two tables share is hidden in both or shown in both.
 */
export function protectLinked(
  names: readonly string[],
  units: readonly Unit[],
  specs: readonly TableSpec[],
): LinkedTables {
  const projected = specs.map((spec) => {
    const at = spec.dimensions.map((name) => {
      const d = names.indexOf(name);
      if (d < 0) throw new RangeError(`no dimension named ${name} (${names.join(', ')})`);
      return d;
    });
    return units.map((unit) => ({
      clientId: unit.clientId,
      dims: at.map((d) => unit.dims[d] ?? ''),
      ...(spec.stratified && unit.strata ? { strata: unit.strata } : {}),
      ...(unit.value === undefined ? {} : { value: unit.value }),
    }));
  });
  const alsoHide: CellAddress[][] = specs.map(() => []);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const tables = specs.map((spec, i) =>
      protectTable(spec.dimensions, projected[i] ?? [], { alsoHide: alsoHide[i] ?? [] }),
    );
    const hiddenAnywhere = new Set<string>();
    tables.forEach((table, i) => {
      for (const cell of table.cells())
        if (cell.suppressed) hiddenAnywhere.add(sharedKey(specs[i]?.dimensions ?? [], cell));
    });
    let changed = false;
    for (const [i, table] of tables.entries()) {
      for (const cell of table.cells()) {
        if (cell.suppressed || cell.count === 0) continue;
        if (!hiddenAnywhere.has(sharedKey(specs[i]?.dimensions ?? [], cell))) continue;
        alsoHide[i]?.push({ dims: cell.dims, stratifier: cell.stratifier, stratum: cell.stratum });
        changed = true;
      }
    }
    if (!changed) return { tables, rounds: round };
  }
  throw new Error(`linked tables did not agree in ${MAX_ROUNDS} rounds`);
}

/**
 * Protected tables: small-cell suppression with complementary suppression, for every count the
 * analytics service publishes about clients (population health monitoring, programme indicators,
 * evaluator reports).
 *
 * Follows the minimum cell size rule of CIHI and Statistics Canada for health counts: a cell that
 * describes 1 to 4 clients is suppressed; zeros are published as 0. A table has any number N ≥ 1 of
 * named plain dimensions (period, area, need, category…), each with its observed values and ALL,
 * and, when the units carry strata, a face for each value of each stratifier. Every query the
 * service answers is a slice of one table, the whole cube with its margins, so protecting the cube
 * once protects each query against every other (all areas against one, unstratified against
 * stratified, all periods against one, one category against the others). Hiding the small cells
 * alone is not enough, since a total less its other parts gives a hidden one back; nor is then
 * hiding the next smallest cell of each such line, which in a table of several dimensions leaves
 * cells that the lines taken together still fix (the spec shows one). Complementary cells are
 * chosen by the hypercube method (Repsilber's GHMITER, as in τ-ARGUS; Hundepool et al., Statistical
 * Disclosure Control, Wiley 2012): each small cell is hidden with the corners of a box that lets it
 * move while every total stays put, within the bounds an attacker knows of each corner. Neither
 * differencing line by line nor linear algebra over all the lines then recovers a hidden count.
 *
 * A box gives each dimension an alternative to the small cell's coordinate, so it has 2^N corners
 * on each of its faces. To keep the search affordable it tries every alternative (each other value,
 * and ALL) only in the first two dimensions; in the others the alternative is ALL when the small
 * cell is at a value and, when it is at ALL, each value whose cell is not empty (the cheapest box
 * wins). The search is branch and bound: alternatives cheapest first, a partial box dropped as soon
 * as its corners so far cost as much as the best whole box or leave the cell no room, and stopped
 * at a box that hides nothing new. In sparse tables a small cell may have no box leaving it room
 * within the bounds (its neighbours small too); a last pass over the lines then hides, with a box of
 * its own, one more cell of any line whose bounds would pin a small cell. Pure.
 */

export const MIN_CELL_SIZE = 5;
export const ALL = '*';
export const STRATIFIERS = [
  'ageBand',
  'gender',
  'language',
  'incomeBand',
  'ethnicity',
  'indigenousIdentity',
] as const;
export type Stratifier = (typeof STRATIFIERS)[number];

/** One counted thing: a client, or a referral (then several units may share a clientId). */
export interface Unit {
  readonly clientId: string;
  /** One value per dimension, in the table's order: e.g. ['2026-Q3', 'V3B'] for [period, area]. */
  readonly dims: readonly string[];
  /** 'not-stated' when unknown. Absent: the table has only the unstratified face (on every unit). */
  readonly strata?: Readonly<Record<Stratifier, string>>;
  readonly value?: number; // e.g. days waited, outcome change; cells give its mean
}

export type Suppression = 'small-cell' | 'complementary';

export interface PublishedCell {
  readonly dims: readonly string[]; // a value or ALL per dimension
  readonly stratifier: Stratifier | null; // null: not stratified (then stratum is ALL)
  readonly stratum: string; // a value of the stratifier or ALL
  readonly count: number | null; // units; null when suppressed
  readonly clients: number | null; // distinct clients; null when suppressed
  /** Mean of value over the units having one; null when suppressed, or fewer than MIN_CELL_SIZE clients have one. */
  readonly mean: number | null;
  readonly suppressed: Suppression | null;
}

/** An additive line: the total's count is the sum of the parts' counts. Members are cell keys. */
export interface Line {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface ProtectedTable {
  /** The names of the plain dimensions, in the order of every cell's dims. */
  readonly dimensions: readonly string[];
  cells(): readonly PublishedCell[];
  /**
   * A zero cell (count 0, clients 0, mean null, not suppressed) when no unit falls in it. Stratum ALL
   * with any stratifier is the unstratified cell.
   */
  cell(dims: readonly string[], stratifier: Stratifier | null, stratum: string): PublishedCell;
  lines(): readonly Line[];
  /** The observed values of dimension i (sorted), without ALL. */
  dimensionValues(i: number): readonly string[];
  /** The observed values of a stratifier (sorted), without ALL; empty when units carry no strata. */
  values(stratifier: Stratifier): readonly string[];
}

/** A stratifier's ALL is the unstratified cell: both spellings give one key. */
export function cellKey(dims: readonly string[], stratifier: Stratifier | null, stratum: string): string {
  return JSON.stringify([dims, stratum === ALL ? null : stratifier, stratum]);
}

const PRIMARY = 1;
const COMPLEMENTARY = 2;

/**
 * How cells are numbered: by plain position, then face. The plain position runs over each
 * dimension's coordinates (its observed values, then ALL), the first dimension slowest. Face 0 is
 * the unstratified cell; then come each stratifier's values, from `first` to before `last` (no
 * stratifier when the units carry no strata).
 */
interface Geometry {
  /** Observed values per dimension: coordinate sizes[d] is ALL. */
  readonly sizes: readonly number[];
  /** A plain position is the sum of its coordinates times these. */
  readonly strides: readonly number[];
  readonly positions: number;
  readonly faces: number;
  readonly first: readonly number[];
  readonly last: readonly number[];
}
const coordinatesOf = (g: Geometry, position: number) =>
  g.strides.map((stride, d) => Math.floor(position / stride) % ((g.sizes[d] ?? 0) + 1));

interface IndexLine {
  readonly total: number;
  readonly parts: readonly number[];
}

/**
 * What else a table must hide: cells of it that a table linked to it hides (see linked-tables.ts),
 * each hidden here too and given a box, so that neither table gives it away.
 */
export interface ProtectOptions {
  readonly alsoHide?: readonly CellAddress[];
}

export interface CellAddress {
  readonly dims: readonly string[];
  readonly stratifier: Stratifier | null;
  readonly stratum: string;
}

export function protectTable(
  dimensions: readonly string[],
  units: readonly Unit[],
  options: ProtectOptions = {},
): ProtectedTable {
  const n = dimensions.length;
  if (n === 0) throw new RangeError('a table has at least one dimension');
  const stratified = units[0]?.strata !== undefined;
  for (const u of units) {
    if (u.dims.length !== n)
      throw new RangeError(
        `a unit of this table has ${String(n)} dimension value(s) (${dimensions.join(', ')}), not ${String(u.dims.length)}`,
      );
    if ((u.strata !== undefined) !== stratified)
      throw new RangeError('either every unit of a table has strata or none has');
  }
  const values = dimensions.map((_, d) => observed(units.map((u) => u.dims[d] ?? '')));
  const strata = STRATIFIERS.map((k) => observed(stratified ? units.map((u) => u.strata?.[k] ?? '') : []));

  const faceStratifier: (Stratifier | null)[] = [null];
  const faceStratum: string[] = [ALL];
  const first = STRATIFIERS.map((k, s) => {
    const start = faceStratum.length;
    for (const v of strata[s] ?? []) {
      faceStratifier.push(k);
      faceStratum.push(v);
    }
    return start;
  });
  const sizes = values.map((v) => v.length);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((stride, size) => stride * (size + 1), 1));
  const faces = faceStratum.length;
  const g: Geometry = {
    sizes,
    strides,
    positions: sizes.reduce((product, size) => product * (size + 1), 1),
    faces,
    first: stratified ? first : [],
    last: stratified ? first.map((start, s) => start + (strata[s]?.length ?? 0)) : [],
  };
  const size = g.positions * faces;

  const valueIndex = values.map(indexOf);
  const strataIndex = strata.map(indexOf);
  const faceOf = (s: number, value: string) => (first[s] ?? 0) + (strataIndex[s]?.get(value) ?? 0);

  // A unit falls in 2^N plain positions (its own value or ALL in each dimension) × its faces
  // (unstratified, and one per stratifier when stratified).
  const corners = 2 ** n;
  const perUnit = corners * (stratified ? 1 + STRATIFIERS.length : 1);
  const unitCells = new Int32Array(units.length * perUnit);
  units.forEach((u, i) => {
    const own = stratified ? [0, ...STRATIFIERS.map((k, s) => faceOf(s, u.strata?.[k] ?? ''))] : [0];
    const at = u.dims.map((v, d) => (valueIndex[d]?.get(v) ?? 0) * (strides[d] ?? 0));
    let j = i * perUnit;
    for (let mask = 0; mask < corners; mask++) {
      let position = 0;
      for (let d = 0; d < n; d++)
        position += mask & (1 << d) ? (sizes[d] ?? 0) * (strides[d] ?? 0) : (at[d] ?? 0);
      for (const f of own) unitCells[j++] = position * faces + f;
    }
  });
  const { count, clients, valued, valuedClients, sum } = tally(units, unitCells, perUnit, size);

  // The cell's index, or undefined for a cell no unit falls in.
  const indexOfCell = (dims: readonly string[], stratifier: Stratifier | null, stratum: string) => {
    const s = stratum === ALL || stratifier === null ? -1 : STRATIFIERS.indexOf(stratifier);
    let face = s < 0 ? 0 : strataIndex[s]?.get(stratum);
    if (face !== undefined && s >= 0) face += first[s] ?? 0;
    let position: number | undefined = 0;
    for (let d = 0; d < n && position !== undefined; d++) {
      const c = dims[d] === ALL ? sizes[d] : valueIndex[d]?.get(dims[d] ?? '');
      position = c === undefined ? undefined : position + c * (strides[d] ?? 0);
    }
    return position !== undefined && face !== undefined && (s >= 0 || stratum === ALL)
      ? position * faces + face
      : undefined;
  };

  const alsoHide = (options.alsoHide ?? [])
    .map((cell) => indexOfCell(cell.dims, cell.stratifier, cell.stratum))
    .filter((x): x is number => x !== undefined && (count[x] ?? 0) > 0);
  const hidden = suppress(g, count, clients, alsoHide);

  const published: (PublishedCell | undefined)[] = new Array<PublishedCell | undefined>(size);
  const publish = (x: number): PublishedCell => {
    const done = published[x];
    if (done) return done;
    const f = x % faces;
    const why = hidden[x] === PRIMARY ? 'small-cell' : hidden[x] === COMPLEMENTARY ? 'complementary' : null;
    return (published[x] = {
      dims: coordinatesOf(g, (x - f) / faces).map((c, d) => values[d]?.[c] ?? ALL),
      stratifier: faceStratifier[f] ?? null,
      stratum: faceStratum[f] ?? ALL,
      count: why ? null : (count[x] ?? 0),
      clients: why ? null : (clients[x] ?? 0),
      // A mean over fewer than five people is close to one person's value.
      mean: why || (valuedClients[x] ?? 0) < MIN_CELL_SIZE ? null : (sum[x] ?? 0) / (valued[x] ?? 1),
      suppressed: why,
    });
  };

  const keyOf = (x: number) => {
    const c = publish(x);
    return cellKey(c.dims, c.stratifier, c.stratum);
  };
  let all: PublishedCell[] | undefined;
  let keyed: Line[] | undefined;

  return {
    dimensions: [...dimensions],
    cells: () => (all ??= Array.from({ length: size }, (_, x) => publish(x))),
    cell: (dims, stratifier, stratum) => {
      if (dims.length !== n)
        throw new RangeError(`a cell of this table has ${String(n)} dimension(s) (${dimensions.join(', ')})`);
      if (stratifier === null && stratum !== ALL)
        throw new RangeError('an unstratified cell has stratum ALL');
      const x = indexOfCell(dims, stratifier, stratum);
      if (x !== undefined) return publish(x);
      return {
        dims: [...dims],
        stratifier: stratum === ALL ? null : stratifier,
        stratum,
        count: 0,
        clients: 0,
        mean: null,
        suppressed: null,
      };
    },
    lines: () =>
      (keyed ??= indexLines(g).map((line) => ({ total: keyOf(line.total), parts: line.parts.map(keyOf) }))),
    dimensionValues: (i) => {
      const found = values[i];
      if (!found) throw new RangeError(`this table has ${String(n)} dimension(s) (${dimensions.join(', ')})`);
      return found;
    },
    values: (stratifier) => strata[STRATIFIERS.indexOf(stratifier)] ?? [],
  };
}

/**
 * The additive lines of the table: along each dimension, on every face, each cell at ALL in it is
 * the total of the cells at its observed values; and at every plain position each stratifier's
 * values are the parts of the unstratified cell. Visits each with its total and parts (an array
 * reused from line to line).
 */
function forEachLine(g: Geometry, visit: (total: number, parts: readonly number[]) => void): void {
  const parts: number[] = [];
  for (let position = 0; position < g.positions; position++) {
    const at = coordinatesOf(g, position);
    g.sizes.forEach((size, d) => {
      if (at[d] !== size || size === 0) return;
      const stride = g.strides[d] ?? 0;
      for (let f = 0; f < g.faces; f++) {
        parts.length = 0;
        for (let v = 0; v < size; v++) parts.push((position + (v - size) * stride) * g.faces + f);
        visit(position * g.faces + f, parts);
      }
    });
    g.first.forEach((start, t) => {
      parts.length = 0;
      for (let w = start; w < (g.last[t] ?? start); w++) parts.push(position * g.faces + w);
      if (parts.length > 0) visit(position * g.faces, parts);
    });
  }
}

function indexLines(g: Geometry): IndexLine[] {
  const lines: IndexLine[] = [];
  forEachLine(g, (total, parts) => lines.push({ total, parts: [...parts] }));
  return lines;
}

/**
 * The differencing attacker: from the published counts, solve every line with exactly one unknown
 * member (a total is the sum of its parts; a part is the total less the others), again and again
 * until nothing new comes out. Returns the cells so recovered, by key, with their counts.
 */
export function derivable(table: ProtectedTable): Map<string, number> {
  const known = new Map<string, number>();
  for (const c of table.cells())
    if (c.count !== null) known.set(cellKey(c.dims, c.stratifier, c.stratum), c.count);
  const derived = new Map<string, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const line of table.lines()) {
      const unknown = [line.total, ...line.parts].filter((key) => !known.has(key));
      const [key] = unknown;
      if (unknown.length !== 1 || key === undefined) continue;
      const parts = line.parts.reduce((total, part) => total + (known.get(part) ?? 0), 0);
      const value = key === line.total ? parts : (known.get(line.total) ?? 0) - parts;
      known.set(key, value);
      derived.set(key, value);
      changed = true;
    }
  }
  return derived;
}

/**
 * A stronger attacker: every hidden count that the published lines fix when taken all together
 * (Gauss–Jordan elimination of their equations), not only one line at a time. Returns them by key.
 * For tests and audits: on a table of thousands of hidden cells it takes a second or more.
 */
export function recoverable(table: ProtectedTable): Map<string, number> {
  const cells = table.cells();
  const keys = cells.map((c) => cellKey(c.dims, c.stratifier, c.stratum));
  const index = new Map(keys.map((key, x) => [key, x]));
  const indexOfKey = (key: string) => {
    const x = index.get(key);
    if (x === undefined) throw new RangeError(`a line names a cell the table lacks: ${key}`);
    return x;
  };
  const lines = table.lines().map((line) => ({
    total: indexOfKey(line.total),
    parts: line.parts.map(indexOfKey),
  }));
  const fixed = solve(
    lines,
    (x) => cells[x]?.count === null,
    (x) => cells[x]?.count ?? 0,
  );
  return new Map([...fixed].map(([x, value]) => [keys[x] ?? '', value]));
}

/**
 * How far each small cell must stay free to move, as the attacker sees it. The attacker knows more
 * than the lines: a hidden small cell is at least 1 (zeros are published) and, counting clients, at
 * most 4; a complementary cell is at least MIN_CELL_SIZE (it had that many clients). Two hidden 1s
 * under a total that leaves 2, or a 1 beside a complementary 5 under a total that leaves 6, are
 * pinned although no equation fixes them. 1: no small cell is pinned to one value. (3 would leave
 * every small cell anywhere in 1–4, at several times the complementary cells in sparse tables.)
 */
const ROOM = 1;

/** What the attacker knows of a hidden cell: a small cell is 1 to 4, a complementary cell at least 5. */
const floorOf = (why: number) => (why === PRIMARY ? 1 : MIN_CELL_SIZE);
const ceilingOf = (why: number, n: number) =>
  why === PRIMARY && n < MIN_CELL_SIZE ? MIN_CELL_SIZE - 1 : Infinity;

/**
 * Primary suppression, then complementary suppression by hypercubes (Repsilber's method, as in
 * τ-ARGUS): each small cell is hidden with the other corners of a box around it, chosen so that the
 * cell can move up or down by ROOM, the corners moving in turn within what the attacker knows of
 * them, while every line keeps its sum; the cheapest such box (fewest units newly hidden), boxes
 * sharing corners where they can. Every hidden cell is then a corner of a box: no line has a single
 * hidden member, and no combination of lines fixes a hidden count.
 *
 * In sparse tables (several dimensions, many faces) a small cell may have no box with room, its
 * neighbours small too: the cheapest box without room keeps the equations open, but the bounds may
 * then pin the small cell in a line (two hidden 1s under a total that leaves 2). So last, in every
 * line where the bounds leave a small cell less than ROOM, one more published member is hidden, with
 * a box of its own: the smallest part of at least MIN_CELL_SIZE + ROOM units (it gives the room),
 * else the total (the line then tells nothing). Hiding cells that are not small only widens what
 * the others may be, so one pass over the lines does.
 */
function suppress(
  g: Geometry,
  count: Int32Array,
  clients: Int32Array,
  alsoHide: readonly number[],
): Uint8Array {
  const hidden = new Uint8Array(count.length);
  clients.forEach((c, x) => {
    if (c > 0 && c < MIN_CELL_SIZE) hidden[x] = PRIMARY;
  });
  const cheapestBox = boxSearch(g, hidden, count);
  const hide = (x: number, room: number) => {
    for (const y of cheapestBox(x, room)) if (!hidden[y]) hidden[y] = COMPLEMENTARY;
  };
  hidden.forEach((h, x) => {
    if (h === PRIMARY) hide(x, ROOM);
  });
  // A cell a linked table hides: hidden here with a box of its own, so that this table's lines do not
  // give it back (and with it the small cell it protects there).
  for (const x of alsoHide) {
    if (hidden[x]) continue;
    hidden[x] = COMPLEMENTARY;
    hide(x, ROOM);
  }

  // Whether the line's published members and the bounds of its hidden ones leave a small cell in
  // it less than ROOM.
  const pins = (total: number, parts: readonly number[]) => {
    let left = count[total] ?? 0;
    let floors = 0;
    let ceilings = 0;
    let unbounded = 0;
    for (const y of parts) {
      const why = hidden[y] ?? 0;
      if (!why) left -= count[y] ?? 0;
      else {
        floors += floorOf(why);
        const ceiling = ceilingOf(why, count[y] ?? 0);
        if (ceiling < Infinity) ceilings += ceiling;
        else unbounded++;
      }
    }
    return parts.some((y) => {
      if (hidden[y] !== PRIMARY) return false;
      const ceiling = ceilingOf(PRIMARY, count[y] ?? 0);
      const othersUnbounded = unbounded - (ceiling < Infinity ? 0 : 1) > 0;
      const least = Math.max(
        1,
        othersUnbounded ? -Infinity : left - (ceilings - (ceiling < Infinity ? ceiling : 0)),
      );
      const most = Math.min(ceiling, left - (floors - 1));
      return most - least < ROOM;
    });
  };
  forEachLine(g, (total, parts) => {
    while (!hidden[total] && pins(total, parts)) {
      let pick = total;
      for (const y of parts)
        if (!hidden[y] && (count[y] ?? 0) >= MIN_CELL_SIZE + ROOM && (count[y] ?? 0) < (count[pick] ?? 0))
          pick = y;
      hidden[pick] = COMPLEMENTARY;
      hide(pick, 0);
    }
  });
  return hidden;
}

/**
 * The box search of a table: for a hidden cell x, the cells to hide with it so that x can move
 * while every line keeps its sum. In the plain
 * dimensions a box takes x's coordinate and an alternative in each: 2^N corners, raised and lowered
 * alternately, save that an alternative at ALL, or any alternative when x is at ALL, moves with x (a
 * total moves with its part). On the faces it is x's face and another value of its stratifier
 * (moving against x's), or, the unstratified cell being each stratifier's total, the unstratified
 * face with one value's box in every stratifier (x's own in its stratifier); with N = 2 and six
 * stratifiers that is 28 cells. Zero cells are published, so never a corner. The widest room up to
 * `widest` (ROOM for a small cell, 0 for a cell hidden to unpin one) first, then the cheapest
 * (fewest units newly hidden).
 *
 * The alternatives searched: in the first two dimensions every other coordinate (values and ALL);
 * in the others ALL when x is at a value, and each value whose cell (x moved to it) is not empty
 * when x is at ALL. The search is branch and bound over the dimensions (those with fewest
 * alternatives first, alternatives cheapest first). A partial box, its alternatives chosen in some
 * dimensions, has some of its corners on every face: they bound from below what any box completing
 * it costs, and from above the room it leaves x (more corners only cost more and leave less room),
 * so a partial box that cannot beat the best box found is dropped. The search stops at a box with
 * the widest room that hides nothing new.
 */
function boxSearch(
  g: Geometry,
  hidden: Uint8Array,
  count: Int32Array,
): (x: number, widest: number) => number[] {
  const dimensions = g.sizes.length;
  const faces = g.faces;
  // Per depth of the search (dimensions chosen) and face, the box's corners so far on that face:
  // the units they newly hide, and how far x may rise and fall with them. Measured when first
  // needed, for the choices current at that depth (stamped).
  const costs = new Float64Array((dimensions + 1) * faces);
  const ups = new Float64Array((dimensions + 1) * faces);
  const downs = new Float64Array((dimensions + 1) * faces);
  const measured = new Int32Array((dimensions + 1) * faces).fill(-1);
  const chosen = new Int32Array(dimensions + 1);
  let choices = 0;
  // Corner i of the box (its cell on the unstratified face, and its sign) takes the alternative of
  // the d-th dimension searched when bit d of i is set.
  const bases = new Int32Array(2 ** dimensions);
  const signs = new Int8Array(2 ** dimensions);

  // The stratifier of each face (-1: the unstratified face).
  const stratifierOf = Int32Array.from({ length: faces }, (_, w) =>
    g.first.findIndex((first, t) => w >= first && w < (g.last[t] ?? 0)),
  );
  // The cell being hidden: its face and stratifier; the alternatives to its coordinate in the
  // dimension searched at each depth (`searched`), `counts[d]` of them from d × `stride` on: how
  // they shift its cell on a face (a plain position times the faces), the signs of the corners
  // taking them, and what the cell so moved costs.
  let f = 0;
  let s = -1;
  const stride = Math.max(0, ...g.sizes) + 1;
  const searched = new Int32Array(dimensions);
  const counts = new Int32Array(dimensions);
  const shifts = new Float64Array(dimensions * stride);
  const flips = new Int8Array(dimensions * stride);
  const prices = new Float64Array(dimensions * stride);

  const measure = (d: number, w: number): number => {
    const i = d * faces + w;
    if (measured[i] === chosen[d]) return i;
    measured[i] = chosen[d] ?? 0;
    let cost = 0;
    let rise = Infinity;
    let fall = Infinity;
    if (d > 0) {
      const j = measure(d - 1, w);
      cost = costs[j] ?? 0;
      rise = ups[j] ?? 0;
      fall = downs[j] ?? 0;
    }
    const end = 1 << d;
    for (let k = end >> 1; k < end && cost < Infinity; k++) {
      const y = (bases[k] ?? 0) + w;
      const n = count[y] ?? 0;
      const why = hidden[y] ?? 0;
      if (n === 0) cost = Infinity;
      else if (!why) cost += n;
      const more = ceilingOf(why, n) - n;
      const less = n - floorOf(why);
      if ((signs[k] ?? 1) > 0) {
        if (more < rise) rise = more;
        if (less < fall) fall = less;
      } else {
        if (less < rise) rise = less;
        if (more < fall) fall = more;
      }
    }
    costs[i] = cost;
    ups[i] = rise;
    downs[i] = fall;
    return i;
  };

  // A face's corners at depth d if measured, else the most of them measured: a lower bound on its
  // cost, upper bounds on its room.
  const known = (d: number, w: number) => {
    for (let e = d; e > 0; e--) if (measured[e * faces + w] === chosen[e]) return e * faces + w;
    return measure(0, w);
  };

  // The cheapest faces for a box whose corners so far are those of depth d, leaving x the room r:
  // x's face and another value of its stratifier, or the unstratified face and one value of each
  // stratifier. Their cost if under the budget (else Infinity), the faces in `picked`.
  let picked: number[] = [];
  const trial: number[] = [];
  const cheapestFaces = (d: number, r: number, budget: number): number => {
    let best = budget;
    let found = Infinity;
    const own = measure(d, f);
    const ownCost = costs[own] ?? 0;
    const ownUp = ups[own] ?? 0;
    const ownDown = downs[own] ?? 0;
    if (ownCost >= best || ownUp + ownDown < r) return found;
    // Another value of x's stratifier, its box moving against x's: first on what is known of it.
    if (s >= 0)
      for (let w = g.first[s] ?? 0; w < (g.last[s] ?? 0); w++) {
        if (w === f) continue;
        for (let i = known(d, w); ; i = measure(d, w)) {
          const cost = ownCost + (costs[i] ?? 0);
          if (cost >= best || Math.min(ownUp, downs[i] ?? 0) + Math.min(ownDown, ups[i] ?? 0) < r) break;
          if (i !== d * faces + w) continue;
          best = found = cost;
          picked = [f, w];
          break;
        }
      }
    // Across the stratifiers, with each split of the room between rising and falling.
    const all = measure(d, 0);
    for (let falls = 0; falls <= r; falls++) {
      const rises = r - falls;
      if (ownUp < rises || ownDown < falls || (ups[all] ?? 0) < rises || (downs[all] ?? 0) < falls) continue;
      let total = s >= 0 ? ownCost + (costs[all] ?? 0) : ownCost;
      trial.length = 0;
      for (let t = 0; t < g.first.length && total < best; t++) {
        if (t === s) continue;
        let pick = -1;
        let cheapest = best - total;
        for (let w = g.first[t] ?? 0; w < (g.last[t] ?? 0); w++)
          for (let i = known(d, w); ; i = measure(d, w)) {
            const cost = costs[i] ?? 0;
            if (cost >= cheapest || (ups[i] ?? 0) < rises || (downs[i] ?? 0) < falls) break;
            if (i !== d * faces + w) continue;
            pick = w;
            cheapest = cost;
            break;
          }
        total = pick < 0 ? Infinity : total + cheapest;
        trial.push(pick);
      }
      if (total < best) {
        best = found = total;
        picked = s >= 0 ? [0, f, ...trial] : [0, ...trial];
      }
    }
    return found;
  };

  // The best box per room (its corners on the unstratified face, and its faces), and the widest
  // room found yet.
  const bestCosts = new Float64Array(ROOM + 1);
  const bests: { bases: Int32Array; faces: number[] }[] = [];
  let top = -1;
  // Depth d: the dimensions before it chosen; wanted: the widest room still possible.
  const search = (d: number, wanted: number): void => {
    let room = -1;
    let cost = Infinity;
    // A dimension of one alternative: its corners are bounded with the next dimension's.
    if (d < dimensions && counts[searched[d] ?? 0] === 1) room = wanted;
    for (let r = wanted; r >= Math.max(top, 0) && room < 0; r--) {
      cost = cheapestFaces(d, r, bestCosts[r] ?? Infinity);
      if (cost < Infinity) room = r;
    }
    if (room < 0) return;
    if (d === dimensions) {
      bestCosts[room] = cost;
      bests[room] = { bases: bases.slice(), faces: picked };
      top = Math.max(top, room);
      return;
    }
    const half = 1 << d;
    const from = (searched[d] ?? 0) * stride;
    for (let a = from; a < from + (counts[searched[d] ?? 0] ?? 0); a++) {
      if (top >= room && bestCosts[top] === 0) return;
      for (let i = half; i < 2 * half; i++) {
        bases[i] = (bases[i - half] ?? 0) + (shifts[a] ?? 0);
        signs[i] = (signs[i - half] ?? 1) * (flips[a] ?? 1);
      }
      chosen[d + 1] = ++choices;
      search(d + 1, room);
    }
  };

  return (x, widest) => {
    f = x % faces;
    const home = (x - f) / faces;
    s = stratifierOf[f] ?? -1;
    // Cheapest first (by the cell x moved to it), the dimensions with fewest first. An alternative
    // whose cell is empty never makes a box.
    for (let d = 0; d < dimensions; d++) {
      const size = g.sizes[d] ?? 0;
      const step = g.strides[d] ?? 0;
      const own = Math.floor(home / step) % (size + 1);
      let n = 0;
      for (let c = d < 2 || own === size ? 0 : size; c <= size; c++) {
        const shift = (c - own) * step * faces;
        const y = x + shift;
        if (c === own || !count[y]) continue;
        const price = hidden[y] ? 0 : (count[y] ?? 0);
        let j = d * stride + n++;
        for (; j > d * stride && (prices[j - 1] ?? 0) > price; j--) {
          shifts[j] = shifts[j - 1] ?? 0;
          flips[j] = flips[j - 1] ?? 1;
          prices[j] = prices[j - 1] ?? 0;
        }
        shifts[j] = shift;
        flips[j] = c < size && own < size ? -1 : 1;
        prices[j] = price;
      }
      counts[d] = n;
      let k = d;
      for (; k > 0 && (counts[searched[k - 1] ?? 0] ?? 0) > n; k--) searched[k] = searched[k - 1] ?? 0;
      searched[k] = d;
    }
    bases[0] = home * faces;
    signs[0] = 1;
    chosen[0] = ++choices;
    bestCosts.fill(Infinity);
    bests.length = 0;
    top = -1;
    search(0, widest);
    const best = bests[top];
    if (!best)
      throw new Error('no box hides a small cell: cannot happen, a cell of its own units always fits');
    const cells: number[] = [];
    for (const w of best.faces) for (const base of best.bases) cells.push(base + w);
    return cells;
  };
}

// The audit's arithmetic is modulo the prime 2³¹ − 1, so exact (unless the prime divided a minor of
// these small ±1 systems), and a count fixed modulo it is the count itself, counts being far
// smaller. Products are split so doubles stay exact.
const PRIME = 2_147_483_647;
const RHS = -1;
const modP = (n: number) => ((n % PRIME) + PRIME) % PRIME;
const mulP = (a: number, b: number) => (((a * (b >>> 16)) % PRIME) * 65_536 + a * (b & 0xffff)) % PRIME;
function invP(a: number): number {
  let [r0, r1, t0, t1] = [PRIME, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return modP(t0);
}

/**
 * The hidden cells whose counts the lines' equations fix, with those counts: Gauss–Jordan
 * elimination over sparse rows (column → coefficient, RHS the constant). A pivot row left with its
 * pivot alone fixes that cell; any other hidden cell can take more than one value.
 */
function solve(
  lines: readonly IndexLine[],
  isHidden: (x: number) => boolean,
  known: (x: number) => number,
): Map<number, number> {
  type Row = Map<number, number>;
  const pivots = new Map<number, Row>(); // pivot column → its row, reduced against every other pivot
  const holders = new Map<number, Set<Row>>(); // column → the pivot rows having it beside their pivot
  const holdersOf = (column: number) => {
    let rows = holders.get(column);
    if (!rows) holders.set(column, (rows = new Set()));
    return rows;
  };
  const subtract = (target: Row, source: Row, factor: number, tracked: boolean) => {
    for (const [column, value] of source) {
      const before = target.get(column) ?? 0;
      const after = modP(before - mulP(factor, value));
      if (after === 0) target.delete(column);
      else target.set(column, after);
      if (!tracked || column === RHS) continue;
      if (after === 0) holders.get(column)?.delete(target);
      else if (before === 0) holdersOf(column).add(target);
    }
  };

  for (const line of lines) {
    // total − Σ parts = 0, the hidden counts on the left.
    const row: Row = new Map();
    let constant = 0;
    const term = (x: number, sign: number) => {
      if (isHidden(x)) row.set(x, modP(sign));
      else constant -= sign * known(x);
    };
    term(line.total, 1);
    for (const x of line.parts) term(x, -1);
    if (row.size === 0) continue;
    if (constant !== 0) row.set(RHS, modP(constant));
    for (const column of [...row.keys()]) {
      const pivot = pivots.get(column);
      const factor = row.get(column);
      if (pivot && factor) subtract(row, pivot, factor, false);
    }
    const column = [...row.keys()].find((c) => c !== RHS);
    if (column === undefined) continue; // the earlier lines imply this one
    const scale = invP(row.get(column) ?? 1);
    for (const [c, v] of row) row.set(c, mulP(v, scale));
    for (const other of [...(holders.get(column) ?? [])]) subtract(other, row, other.get(column) ?? 0, true);
    holders.delete(column);
    pivots.set(column, row);
    for (const c of row.keys()) if (c !== column && c !== RHS) holdersOf(c).add(row);
  }

  const fixed = new Map<number, number>();
  for (const [column, row] of pivots)
    if (row.size === (row.has(RHS) ? 2 : 1)) {
      const value = row.get(RHS) ?? 0;
      fixed.set(column, value > PRIME / 2 ? value - PRIME : value);
    }
  return fixed;
}

/** Units, valued units, their sum, and distinct clients (all, with a value) per cell. */
function tally(units: readonly Unit[], unitCells: Int32Array, perUnit: number, size: number) {
  const count = new Int32Array(size);
  const valued = new Int32Array(size);
  const sum = new Float64Array(size);
  units.forEach((u, i) => {
    for (const x of unitCells.subarray(i * perUnit, (i + 1) * perUnit)) {
      count[x] = (count[x] ?? 0) + 1;
      if (u.value === undefined) continue;
      valued[x] = (valued[x] ?? 0) + 1;
      sum[x] = (sum[x] ?? 0) + u.value;
    }
  });

  const ids = new Map<string, number>();
  const clientOf = units.map((u) => {
    let c = ids.get(u.clientId);
    if (c === undefined) ids.set(u.clientId, (c = ids.size));
    return c;
  });
  // Referrals of one client share a clientId; when no two units do, clients are units.
  if (ids.size === units.length) return { count, clients: count, valued, valuedClients: valued, sum };

  // Taking each client's units together, a cell stamped with the client has counted them already.
  const clients = new Int32Array(size);
  const valuedClients = new Int32Array(size);
  const stamp = new Int32Array(size).fill(-1);
  const valuedStamp = new Int32Array(size).fill(-1);
  const order = units.map((_, i) => i).sort((i, j) => (clientOf[i] ?? 0) - (clientOf[j] ?? 0));
  for (const i of order) {
    const c = clientOf[i] ?? 0;
    const hasValue = units[i]?.value !== undefined;
    for (const x of unitCells.subarray(i * perUnit, (i + 1) * perUnit)) {
      if (stamp[x] !== c) {
        stamp[x] = c;
        clients[x] = (clients[x] ?? 0) + 1;
      }
      if (hasValue && valuedStamp[x] !== c) {
        valuedStamp[x] = c;
        valuedClients[x] = (valuedClients[x] ?? 0) + 1;
      }
    }
  }
  return { count, clients, valued, valuedClients, sum };
}

function observed(values: readonly string[]): string[] {
  const distinct = [...new Set(values)].sort();
  if (distinct.includes(ALL)) throw new RangeError(`'${ALL}' stands for all values; no unit may have it`);
  return distinct;
}

function indexOf(values: readonly string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}

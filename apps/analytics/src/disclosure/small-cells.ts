/**
 * Protected tables: small-cell suppression with complementary suppression, for every count the
 * analytics service publishes about clients. A cell of 1 to 4 clients is hidden; each is hidden with
 * the corners of a box (the hypercube method) so that no total, no combination of totals and no bound
 * an attacker knows gives it back. docs/analytics.md ("How the hidden cells are chosen") explains the
 * method, the search and its limits, with a figure. Pure.
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
  /** Observed values per dimension: in each dimension, coordinate `sizes[dimension]` is ALL. */
  readonly sizes: readonly number[];
  /** A plain position is the sum of its coordinates times these. */
  readonly strides: readonly number[];
  readonly positions: number;
  readonly faces: number;
  readonly first: readonly number[];
  readonly last: readonly number[];
}
const coordinatesOf = (geometry: Geometry, position: number) =>
  geometry.strides.map(
    (stride, dimension) => Math.floor(position / stride) % ((geometry.sizes[dimension] ?? 0) + 1),
  );

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
  const dimensionCount = dimensions.length;
  if (dimensionCount === 0) throw new RangeError('a table has at least one dimension');
  const stratified = units[0]?.strata !== undefined;
  for (const unit of units) {
    if (unit.dims.length !== dimensionCount)
      throw new RangeError(
        `a unit of this table has ${String(dimensionCount)} dimension value(s) (${dimensions.join(', ')}), not ${String(unit.dims.length)}`,
      );
    if ((unit.strata !== undefined) !== stratified)
      throw new RangeError('either every unit of a table has strata or none has');
  }
  const values = dimensions.map((_, dimension) => observed(units.map((unit) => unit.dims[dimension] ?? '')));
  const strata = STRATIFIERS.map((stratifierName) =>
    observed(stratified ? units.map((unit) => unit.strata?.[stratifierName] ?? '') : []),
  );

  const faceStratifier: (Stratifier | null)[] = [null];
  const faceStratum: string[] = [ALL];
  const first = STRATIFIERS.map((stratifierName, stratifierIndex) => {
    const start = faceStratum.length;
    for (const value of strata[stratifierIndex] ?? []) {
      faceStratifier.push(stratifierName);
      faceStratum.push(value);
    }
    return start;
  });
  const sizes = values.map((value) => value.length);
  const strides = sizes.map((_, dimension) =>
    sizes.slice(dimension + 1).reduce((stride, size) => stride * (size + 1), 1),
  );
  const faces = faceStratum.length;
  const geometry: Geometry = {
    sizes,
    strides,
    positions: sizes.reduce((product, size) => product * (size + 1), 1),
    faces,
    first: stratified ? first : [],
    last: stratified
      ? first.map((start, stratifierIndex) => start + (strata[stratifierIndex]?.length ?? 0))
      : [],
  };
  const size = geometry.positions * faces;

  const valueIndex = values.map(indexOf);
  const strataIndex = strata.map(indexOf);
  const faceOf = (stratifierIndex: number, value: string) =>
    (first[stratifierIndex] ?? 0) + (strataIndex[stratifierIndex]?.get(value) ?? 0);

  // A unit falls in 2^N plain positions (its own value or ALL in each dimension) × its faces
  // (unstratified, and one per stratifier when stratified).
  const corners = 2 ** dimensionCount;
  const perUnit = corners * (stratified ? 1 + STRATIFIERS.length : 1);
  const unitCells = new Int32Array(units.length * perUnit);
  units.forEach((unit, unitIndex) => {
    const own = stratified
      ? [
          0,
          ...STRATIFIERS.map((stratifierName, stratifierIndex) =>
            faceOf(stratifierIndex, unit.strata?.[stratifierName] ?? ''),
          ),
        ]
      : [0];
    const at = unit.dims.map(
      (value, dimension) => (valueIndex[dimension]?.get(value) ?? 0) * (strides[dimension] ?? 0),
    );
    let slot = unitIndex * perUnit;
    for (let mask = 0; mask < corners; mask++) {
      let position = 0;
      for (let dimension = 0; dimension < dimensionCount; dimension++)
        position +=
          mask & (1 << dimension)
            ? (sizes[dimension] ?? 0) * (strides[dimension] ?? 0)
            : (at[dimension] ?? 0);
      for (const face of own) unitCells[slot++] = position * faces + face;
    }
  });
  const { count, clients, valued, valuedClients, sum } = tally(units, unitCells, perUnit, size);

  // The cell's index, or undefined for a cell no unit falls in.
  const indexOfCell = (dims: readonly string[], stratifier: Stratifier | null, stratum: string) => {
    const stratifierIndex = stratum === ALL || stratifier === null ? -1 : STRATIFIERS.indexOf(stratifier);
    let face = stratifierIndex < 0 ? 0 : strataIndex[stratifierIndex]?.get(stratum);
    if (face !== undefined && stratifierIndex >= 0) face += first[stratifierIndex] ?? 0;
    let position: number | undefined = 0;
    for (let dimension = 0; dimension < dimensionCount && position !== undefined; dimension++) {
      const coordinate =
        dims[dimension] === ALL ? sizes[dimension] : valueIndex[dimension]?.get(dims[dimension] ?? '');
      position = coordinate === undefined ? undefined : position + coordinate * (strides[dimension] ?? 0);
    }
    return position !== undefined && face !== undefined && (stratifierIndex >= 0 || stratum === ALL)
      ? position * faces + face
      : undefined;
  };

  const alsoHide = (options.alsoHide ?? [])
    .map((cell) => indexOfCell(cell.dims, cell.stratifier, cell.stratum))
    .filter((cell): cell is number => cell !== undefined && (count[cell] ?? 0) > 0);
  const hidden = suppress(geometry, count, clients, alsoHide);

  const published: (PublishedCell | undefined)[] = new Array<PublishedCell | undefined>(size);
  const publish = (cell: number): PublishedCell => {
    const done = published[cell];
    if (done) return done;
    const face = cell % faces;
    const why =
      hidden[cell] === PRIMARY ? 'small-cell' : hidden[cell] === COMPLEMENTARY ? 'complementary' : null;
    return (published[cell] = {
      dims: coordinatesOf(geometry, (cell - face) / faces).map(
        (coordinate, dimension) => values[dimension]?.[coordinate] ?? ALL,
      ),
      stratifier: faceStratifier[face] ?? null,
      stratum: faceStratum[face] ?? ALL,
      count: why ? null : (count[cell] ?? 0),
      clients: why ? null : (clients[cell] ?? 0),
      // A mean over fewer than five people is close to one person's value.
      mean: why || (valuedClients[cell] ?? 0) < MIN_CELL_SIZE ? null : (sum[cell] ?? 0) / (valued[cell] ?? 1),
      suppressed: why,
    });
  };

  const keyOf = (cell: number) => {
    const published = publish(cell);
    return cellKey(published.dims, published.stratifier, published.stratum);
  };
  let all: PublishedCell[] | undefined;
  let keyed: Line[] | undefined;

  return {
    dimensions: [...dimensions],
    cells: () => (all ??= Array.from({ length: size }, (_, cell) => publish(cell))),
    cell: (dims, stratifier, stratum) => {
      if (dims.length !== dimensionCount)
        throw new RangeError(
          `a cell of this table has ${String(dimensionCount)} dimension(s) (${dimensions.join(', ')})`,
        );
      if (stratifier === null && stratum !== ALL)
        throw new RangeError('an unstratified cell has stratum ALL');
      const cell = indexOfCell(dims, stratifier, stratum);
      if (cell !== undefined) return publish(cell);
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
      (keyed ??= indexLines(geometry).map((line) => ({
        total: keyOf(line.total),
        parts: line.parts.map(keyOf),
      }))),
    dimensionValues: (unitIndex) => {
      const found = values[unitIndex];
      if (!found)
        throw new RangeError(
          `this table has ${String(dimensionCount)} dimension(s) (${dimensions.join(', ')})`,
        );
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
function forEachLine(geometry: Geometry, visit: (total: number, parts: readonly number[]) => void): void {
  const parts: number[] = [];
  for (let position = 0; position < geometry.positions; position++) {
    const at = coordinatesOf(geometry, position);
    geometry.sizes.forEach((size, dimension) => {
      if (at[dimension] !== size || size === 0) return;
      const stride = geometry.strides[dimension] ?? 0;
      for (let face = 0; face < geometry.faces; face++) {
        parts.length = 0;
        for (let value = 0; value < size; value++)
          parts.push((position + (value - size) * stride) * geometry.faces + face);
        visit(position * geometry.faces + face, parts);
      }
    });
    geometry.first.forEach((start, stratifier) => {
      parts.length = 0;
      for (let face = start; face < (geometry.last[stratifier] ?? start); face++)
        parts.push(position * geometry.faces + face);
      if (parts.length > 0) visit(position * geometry.faces, parts);
    });
  }
}

function indexLines(geometry: Geometry): IndexLine[] {
  const lines: IndexLine[] = [];
  forEachLine(geometry, (total, parts) => lines.push({ total, parts: [...parts] }));
  return lines;
}

/**
 * The differencing attacker: from the published counts, solve every line with exactly one unknown
 * member (a total is the sum of its parts; a part is the total less the others), again and again
 * until nothing new comes out. Returns the cells so recovered, by key, with their counts.
 */
export function derivable(table: ProtectedTable): Map<string, number> {
  const known = new Map<string, number>();
  for (const published of table.cells())
    if (published.count !== null)
      known.set(cellKey(published.dims, published.stratifier, published.stratum), published.count);
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
  const keys = cells.map((published) => cellKey(published.dims, published.stratifier, published.stratum));
  const index = new Map(keys.map((key, cell) => [key, cell]));
  const indexOfKey = (key: string) => {
    const cell = index.get(key);
    if (cell === undefined) throw new RangeError(`a line names a cell the table lacks: ${key}`);
    return cell;
  };
  const lines = table.lines().map((line) => ({
    total: indexOfKey(line.total),
    parts: line.parts.map(indexOfKey),
  }));
  const fixed = solve(
    lines,
    (cell) => cells[cell]?.count === null,
    (cell) => cells[cell]?.count ?? 0,
  );
  return new Map([...fixed].map(([cell, value]) => [keys[cell] ?? '', value]));
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
  geometry: Geometry,
  count: Int32Array,
  clients: Int32Array,
  alsoHide: readonly number[],
): Uint8Array {
  const hidden = new Uint8Array(count.length);
  clients.forEach((clientCount, cell) => {
    if (clientCount > 0 && clientCount < MIN_CELL_SIZE) hidden[cell] = PRIMARY;
  });
  const cheapestBox = boxSearch(geometry, hidden, count);
  const hide = (cell: number, room: number) => {
    for (const corner of cheapestBox(cell, room)) if (!hidden[corner]) hidden[corner] = COMPLEMENTARY;
  };
  hidden.forEach((mark, cell) => {
    if (mark === PRIMARY) hide(cell, ROOM);
  });
  // A cell a linked table hides: hidden here with a box of its own, so that this table's lines do not
  // give it back (and with it the small cell it protects there).
  for (const cell of alsoHide) {
    if (hidden[cell]) continue;
    hidden[cell] = COMPLEMENTARY;
    hide(cell, ROOM);
  }

  // Whether the line's published members and the bounds of its hidden ones leave a small cell in
  // it less than ROOM.
  const pins = (total: number, parts: readonly number[]) => {
    let left = count[total] ?? 0;
    let floors = 0;
    let ceilings = 0;
    let unbounded = 0;
    for (const member of parts) {
      const why = hidden[member] ?? 0;
      if (!why) left -= count[member] ?? 0;
      else {
        floors += floorOf(why);
        const ceiling = ceilingOf(why, count[member] ?? 0);
        if (ceiling < Infinity) ceilings += ceiling;
        else unbounded++;
      }
    }
    return parts.some((member) => {
      if (hidden[member] !== PRIMARY) return false;
      const ceiling = ceilingOf(PRIMARY, count[member] ?? 0);
      const othersUnbounded = unbounded - (ceiling < Infinity ? 0 : 1) > 0;
      const least = Math.max(
        1,
        othersUnbounded ? -Infinity : left - (ceilings - (ceiling < Infinity ? ceiling : 0)),
      );
      const most = Math.min(ceiling, left - (floors - 1));
      return most - least < ROOM;
    });
  };
  forEachLine(geometry, (total, parts) => {
    while (!hidden[total] && pins(total, parts)) {
      let pick = total;
      for (const member of parts)
        if (
          !hidden[member] &&
          (count[member] ?? 0) >= MIN_CELL_SIZE + ROOM &&
          (count[member] ?? 0) < (count[pick] ?? 0)
        )
          pick = member;
      hidden[pick] = COMPLEMENTARY;
      hide(pick, 0);
    }
  });
  return hidden;
}

/**
 * The box search of a table: for a hidden `cell`, the cells to hide with it so that it can move while
 * every line keeps its sum; the widest room up to `widest` (ROOM for a small cell, 0 for a cell hidden
 * to unpin one) first, then the cheapest (fewest units newly hidden). A branch and bound over the
 * dimensions; docs/analytics.md ("How the hidden cells are chosen") describes the boxes it tries and
 * why a partial box can be dropped.
 */
function boxSearch(
  geometry: Geometry,
  hidden: Uint8Array,
  count: Int32Array,
): (cell: number, widest: number) => number[] {
  const dimensions = geometry.sizes.length;
  const faces = geometry.faces;
  // Per depth of the search (dimensions chosen) and face, the box's corners so far on that face:
  // the units they newly hide, and how far the cell may rise and fall with them. Measured when first
  // needed, for the choices current at that depth (stamped).
  const costs = new Float64Array((dimensions + 1) * faces);
  const ups = new Float64Array((dimensions + 1) * faces);
  const downs = new Float64Array((dimensions + 1) * faces);
  const measured = new Int32Array((dimensions + 1) * faces).fill(-1);
  const chosen = new Int32Array(dimensions + 1);
  let choices = 0;
  // Each corner of the box (its cell on the unstratified face, and its sign) takes the alternative of
  // the dimension searched at depth `depth` when bit `depth` of the corner's number is set.
  const bases = new Int32Array(2 ** dimensions);
  const signs = new Int8Array(2 ** dimensions);

  // The stratifier of each face (-1: the unstratified face).
  const stratifierOf = Int32Array.from({ length: faces }, (_, w) =>
    geometry.first.findIndex((first, t) => w >= first && w < (geometry.last[t] ?? 0)),
  );
  // The cell being hidden: its face and stratifier; the alternatives to its coordinate in the
  // dimension searched at each depth (`searched`), `counts[dimension]` of them from dimension × `stride` on: how
  // they shift its cell on a face (a plain position times the faces), the signs of the corners
  // taking them, and what the cell so moved costs.
  let cellFace = 0;
  let cellStratifier = -1;
  const stride = Math.max(0, ...geometry.sizes) + 1;
  const searched = new Int32Array(dimensions);
  const counts = new Int32Array(dimensions);
  const shifts = new Float64Array(dimensions * stride);
  const flips = new Int8Array(dimensions * stride);
  const prices = new Float64Array(dimensions * stride);

  const measure = (depth: number, face: number): number => {
    const slot = depth * faces + face;
    if (measured[slot] === chosen[depth]) return slot;
    measured[slot] = chosen[depth] ?? 0;
    let cost = 0;
    let rise = Infinity;
    let fall = Infinity;
    if (depth > 0) {
      const shallower = measure(depth - 1, face);
      cost = costs[shallower] ?? 0;
      rise = ups[shallower] ?? 0;
      fall = downs[shallower] ?? 0;
    }
    const end = 1 << depth;
    for (let corner = end >> 1; corner < end && cost < Infinity; corner++) {
      const cornerCell = (bases[corner] ?? 0) + face;
      const units = count[cornerCell] ?? 0;
      const why = hidden[cornerCell] ?? 0;
      if (units === 0) cost = Infinity;
      else if (!why) cost += units;
      const more = ceilingOf(why, units) - units;
      const less = units - floorOf(why);
      if ((signs[corner] ?? 1) > 0) {
        if (more < rise) rise = more;
        if (less < fall) fall = less;
      } else {
        if (less < rise) rise = less;
        if (more < fall) fall = more;
      }
    }
    costs[slot] = cost;
    ups[slot] = rise;
    downs[slot] = fall;
    return slot;
  };

  // A face's corners at this depth if measured, else the most of them measured: a lower bound on its
  // cost, upper bounds on its room.
  const known = (depth: number, face: number) => {
    for (let shallower = depth; shallower > 0; shallower--)
      if (measured[shallower * faces + face] === chosen[shallower]) return shallower * faces + face;
    return measure(0, face);
  };

  // The cheapest faces for a box whose corners so far are those of this depth, leaving the cell the
  // room `room`: the cell's face and another value of its stratifier, or the unstratified face and one value of each
  // stratifier. Their cost if under the budget (else Infinity), the faces in `picked`.
  let picked: number[] = [];
  const trial: number[] = [];
  const cheapestFaces = (depth: number, room: number, budget: number): number => {
    let best = budget;
    let found = Infinity;
    const own = measure(depth, cellFace);
    const ownCost = costs[own] ?? 0;
    const ownUp = ups[own] ?? 0;
    const ownDown = downs[own] ?? 0;
    if (ownCost >= best || ownUp + ownDown < room) return found;
    // Another value of the cell's stratifier, its box moving against the cell's: first on what is known of it.
    if (cellStratifier >= 0)
      for (
        let face = geometry.first[cellStratifier] ?? 0;
        face < (geometry.last[cellStratifier] ?? 0);
        face++
      ) {
        if (face === cellFace) continue;
        for (let slot = known(depth, face); ; slot = measure(depth, face)) {
          const cost = ownCost + (costs[slot] ?? 0);
          if (cost >= best || Math.min(ownUp, downs[slot] ?? 0) + Math.min(ownDown, ups[slot] ?? 0) < room)
            break;
          if (slot !== depth * faces + face) continue;
          best = found = cost;
          picked = [cellFace, face];
          break;
        }
      }
    // Across the stratifiers, with each split of the room between rising and falling.
    const all = measure(depth, 0);
    for (let falls = 0; falls <= room; falls++) {
      const rises = room - falls;
      if (ownUp < rises || ownDown < falls || (ups[all] ?? 0) < rises || (downs[all] ?? 0) < falls) continue;
      let total = cellStratifier >= 0 ? ownCost + (costs[all] ?? 0) : ownCost;
      trial.length = 0;
      for (let stratifier = 0; stratifier < geometry.first.length && total < best; stratifier++) {
        if (stratifier === cellStratifier) continue;
        let pick = -1;
        let cheapest = best - total;
        for (let face = geometry.first[stratifier] ?? 0; face < (geometry.last[stratifier] ?? 0); face++)
          for (let slot = known(depth, face); ; slot = measure(depth, face)) {
            const cost = costs[slot] ?? 0;
            if (cost >= cheapest || (ups[slot] ?? 0) < rises || (downs[slot] ?? 0) < falls) break;
            if (slot !== depth * faces + face) continue;
            pick = face;
            cheapest = cost;
            break;
          }
        total = pick < 0 ? Infinity : total + cheapest;
        trial.push(pick);
      }
      if (total < best) {
        best = found = total;
        picked = cellStratifier >= 0 ? [0, cellFace, ...trial] : [0, ...trial];
      }
    }
    return found;
  };

  // The best box per room (its corners on the unstratified face, and its faces), and the widest
  // room found yet.
  const bestCosts = new Float64Array(ROOM + 1);
  const bests: { bases: Int32Array; faces: number[] }[] = [];
  let top = -1;
  // At `depth` the dimensions before it are chosen; `wanted`: the widest room still possible.
  const search = (depth: number, wanted: number): void => {
    let room = -1;
    let cost = Infinity;
    // A dimension of one alternative: its corners are bounded with the next dimension's.
    if (depth < dimensions && counts[searched[depth] ?? 0] === 1) room = wanted;
    for (let tryRoom = wanted; tryRoom >= Math.max(top, 0) && room < 0; tryRoom--) {
      cost = cheapestFaces(depth, tryRoom, bestCosts[tryRoom] ?? Infinity);
      if (cost < Infinity) room = tryRoom;
    }
    if (room < 0) return;
    if (depth === dimensions) {
      bestCosts[room] = cost;
      bests[room] = { bases: bases.slice(), faces: picked };
      top = Math.max(top, room);
      return;
    }
    const half = 1 << depth;
    const from = (searched[depth] ?? 0) * stride;
    for (let alternative = from; alternative < from + (counts[searched[depth] ?? 0] ?? 0); alternative++) {
      if (top >= room && bestCosts[top] === 0) return;
      for (let corner = half; corner < 2 * half; corner++) {
        bases[corner] = (bases[corner - half] ?? 0) + (shifts[alternative] ?? 0);
        signs[corner] = (signs[corner - half] ?? 1) * (flips[alternative] ?? 1);
      }
      chosen[depth + 1] = ++choices;
      search(depth + 1, room);
    }
  };

  return (cell, widest) => {
    cellFace = cell % faces;
    const home = (cell - cellFace) / faces;
    cellStratifier = stratifierOf[cellFace] ?? -1;
    // Cheapest first (by the cell moved to it), the dimensions with fewest first. An alternative
    // whose cell is empty never makes a box.
    for (let dimension = 0; dimension < dimensions; dimension++) {
      const size = geometry.sizes[dimension] ?? 0;
      const step = geometry.strides[dimension] ?? 0;
      const own = Math.floor(home / step) % (size + 1);
      let alternatives = 0;
      for (let coordinate = dimension < 2 || own === size ? 0 : size; coordinate <= size; coordinate++) {
        const shift = (coordinate - own) * step * faces;
        const movedCell = cell + shift;
        if (coordinate === own || !count[movedCell]) continue;
        const price = hidden[movedCell] ? 0 : (count[movedCell] ?? 0);
        let slot = dimension * stride + alternatives++;
        for (; slot > dimension * stride && (prices[slot - 1] ?? 0) > price; slot--) {
          shifts[slot] = shifts[slot - 1] ?? 0;
          flips[slot] = flips[slot - 1] ?? 1;
          prices[slot] = prices[slot - 1] ?? 0;
        }
        shifts[slot] = shift;
        flips[slot] = coordinate < size && own < size ? -1 : 1;
        prices[slot] = price;
      }
      counts[dimension] = alternatives;
      let position = dimension;
      for (; position > 0 && (counts[searched[position - 1] ?? 0] ?? 0) > alternatives; position--)
        searched[position] = searched[position - 1] ?? 0;
      searched[position] = dimension;
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
    for (const face of best.faces) for (const base of best.bases) cells.push(base + face);
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
  isHidden: (cell: number) => boolean,
  known: (cell: number) => number,
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
    const term = (cell: number, sign: number) => {
      if (isHidden(cell)) row.set(cell, modP(sign));
      else constant -= sign * known(cell);
    };
    term(line.total, 1);
    for (const cell of line.parts) term(cell, -1);
    if (row.size === 0) continue;
    if (constant !== 0) row.set(RHS, modP(constant));
    for (const column of [...row.keys()]) {
      const pivot = pivots.get(column);
      const factor = row.get(column);
      if (pivot && factor) subtract(row, pivot, factor, false);
    }
    const column = [...row.keys()].find((rowColumn) => rowColumn !== RHS);
    if (column === undefined) continue; // the earlier lines imply this one
    const scale = invP(row.get(column) ?? 1);
    for (const [rowColumn, value] of row) row.set(rowColumn, mulP(value, scale));
    for (const other of [...(holders.get(column) ?? [])]) subtract(other, row, other.get(column) ?? 0, true);
    holders.delete(column);
    pivots.set(column, row);
    for (const rowColumn of row.keys())
      if (rowColumn !== column && rowColumn !== RHS) holdersOf(rowColumn).add(row);
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
  units.forEach((unit, unitIndex) => {
    for (const cell of unitCells.subarray(unitIndex * perUnit, (unitIndex + 1) * perUnit)) {
      count[cell] = (count[cell] ?? 0) + 1;
      if (unit.value === undefined) continue;
      valued[cell] = (valued[cell] ?? 0) + 1;
      sum[cell] = (sum[cell] ?? 0) + unit.value;
    }
  });

  const ids = new Map<string, number>();
  const clientOf = units.map((unit) => {
    let client = ids.get(unit.clientId);
    if (client === undefined) ids.set(unit.clientId, (client = ids.size));
    return client;
  });
  // Referrals of one client share a clientId; when no two units do, clients are units.
  if (ids.size === units.length) return { count, clients: count, valued, valuedClients: valued, sum };

  // Taking each client's units together, a cell stamped with the client has counted them already.
  const clients = new Int32Array(size);
  const valuedClients = new Int32Array(size);
  const stamp = new Int32Array(size).fill(-1);
  const valuedStamp = new Int32Array(size).fill(-1);
  const order = units
    .map((_, unitIndex) => unitIndex)
    .sort((unitIndex, other) => (clientOf[unitIndex] ?? 0) - (clientOf[other] ?? 0));
  for (const unitIndex of order) {
    const client = clientOf[unitIndex] ?? 0;
    const hasValue = units[unitIndex]?.value !== undefined;
    for (const cell of unitCells.subarray(unitIndex * perUnit, (unitIndex + 1) * perUnit)) {
      if (stamp[cell] !== client) {
        stamp[cell] = client;
        clients[cell] = (clients[cell] ?? 0) + 1;
      }
      if (hasValue && valuedStamp[cell] !== client) {
        valuedStamp[cell] = client;
        valuedClients[cell] = (valuedClients[cell] ?? 0) + 1;
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
  return new Map(values.map((value, index) => [value, index]));
}

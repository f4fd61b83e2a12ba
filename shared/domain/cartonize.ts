// Box suggestion (cartonization): which box preset should this package go into?
//
// The heuristic is the extreme-point first-fit-decreasing of Crainic, Perboli & Tadei,
// "Extreme Point-Based Heuristics for Three-Dimensional Bin Packing", INFORMS Journal on
// Computing 20(3):368–384, 2008, used for one bin at a time:
//
// - Units are placed largest volume first (units of one SKU stay next to each other).
// - A unit may go only at an "extreme point": the box origin, or a corner of a placed unit
//   pushed back along the other two axes until it meets a wall or another unit (the paper's
//   six projections per placed item). A point inside a placed unit is dropped.
// - Every extreme point is tried with every distinct orientation of the unit (all six: a box
//   may be turned any way). Among the positions that stay inside the box and overlap no
//   placed unit, the one with the lowest top is taken, then the nearest the back, then the
//   nearest the left. Taking the lowest top (not the paper's plain first fit) keeps layers
//   level, as a packer fills a box from the bottom.
// - If that fails, a second pass prefers for each SKU the orientation that fits the most
//   copies of it in a grid in the empty box (the guillotine "layer" view). The first pass
//   lays mugs flat and may stop two short of a box that holds them all standing up; the
//   second finds it. A box is suggested as soon as either pass places every unit.
//
// Known limits, by design:
// - It is a heuristic. It may miss an arrangement an exact solver (or a patient packer)
//   would find, so "fits nowhere" with code NO_ARRANGEMENT_FOUND means "not found", not
//   "impossible". It never claims a fit that is impossible: every suggestion carries the
//   placements it found, each inside the box and overlapping no other.
// - Units are rigid cuboids of their catalogue dimensions. No padding or void fill is added,
//   nothing checks that a unit rests on something (void fill holds it), and nothing nests
//   (a cable inside a mug is not found).
// - Flexible presets (poly mailers, envelopes) are simplified to a box whose length and width
//   are fixed and whose height can grow up to the stated inner height. A real bag loses some
//   length and width as it fills, so a mailer's inner size should be configured as what it
//   holds when filled to that height. Its fill ratio is taken over the height actually used.
// - Time grows with units³ (points × orientations × overlap checks). A 20-unit order over 50
//   presets stays well inside the bench's 5 ms budget (bench/checks.ts); hundreds of units in
//   one package would not, and are not what a packing bench sees.

export type CartonUnit = {
  sku: string;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  weightG: number | null;
};

export type BoxPreset = {
  id: string;
  innerLengthMm: number;
  innerWidthMm: number;
  innerHeightMm: number;
  maxLoadG: number;
  costMinor: number;
  flexible: boolean;
  stock: number;
};

export type BoxObjective = 'smallest' | 'cheapest';

export type SuggestOptions = { objective: BoxObjective };

/**
 * Where one unit goes: its corner nearest the box's origin, and its extent along the box's
 * length (x), width (y) and height (z), which is its catalogue size turned as suggested.
 */
export type Placement = {
  /** Index of the unit in the input array. */
  unit: number;
  sku: string;
  xMm: number;
  yMm: number;
  zMm: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
};

export type FitsNowhereReason =
  | { code: 'NO_BOX_IN_STOCK' }
  /** These units fit no box in stock on their own, whichever way they are turned. */
  | { code: 'UNIT_TOO_LARGE'; skus: string[] }
  /** The known unit weights add up to more than the strongest box in stock may carry. */
  | { code: 'TOO_HEAVY'; weightG: number; maxLoadG: number }
  /** The units need more room than the largest box in stock has, before any arrangement. */
  | { code: 'TOO_MUCH_VOLUME'; volumeMm3: number; largestInnerMm3: number }
  /** Every box large enough is too weak, and every box strong enough is too small. */
  | { code: 'NO_BOX_LARGE_AND_STRONG_ENOUGH' }
  /** Some boxes were large and strong enough on paper, but the heuristic found no arrangement. */
  | { code: 'NO_ARRANGEMENT_FOUND'; boxesTried: number };

export type BoxSuggestion =
  | {
      kind: 'suggestion';
      boxId: string;
      /** Unit volume over the box's inner volume (a flexible preset: over the height used). */
      fillRatio: number;
      /** Height of the highest placed unit: how thick a flexible mailer ends up. */
      usedHeightMm: number;
      placements: Placement[];
      /** Units without a catalogue weight: the box's maximum load was checked without them. */
      unweighedSkus: string[];
    }
  | { kind: 'unknown-dimensions'; skus: string[] }
  | { kind: 'fits-nowhere'; reason: FitsNowhereReason };

type PreparedUnit = {
  unit: number;
  sku: string;
  volume: number;
  /** Sides longest first: a unit fits a box in some orientation exactly when each sorted side fits. */
  sides: [number, number, number];
  /** Distinct orientations as (length, width, height) triples; a cube has one, a mug three. */
  orientations: number[];
};

function requireSize(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number of zero or more, got ${value}`);
  }
}

function sortedSides(a: number, b: number, c: number): [number, number, number] {
  const [x, y, z] = [a, b, c].sort((p, q) => q - p);
  return [x ?? 0, y ?? 0, z ?? 0];
}

function distinctOrientations(l: number, w: number, h: number): number[] {
  const all = [l, w, h, l, h, w, w, l, h, w, h, l, h, l, w, h, w, l];
  const out: number[] = [];
  for (let i = 0; i < all.length; i += 3) {
    const [a, b, c] = [all[i] ?? 0, all[i + 1] ?? 0, all[i + 2] ?? 0];
    let seen = false;
    for (let j = 0; j < out.length; j += 3) {
      if (out[j] === a && out[j + 1] === b && out[j + 2] === c) seen = true;
    }
    if (!seen) out.push(a, b, c);
  }
  return out;
}

function fitsAlone(unit: PreparedUnit, box: [number, number, number]): boolean {
  return unit.sides[0] <= box[0] && unit.sides[1] <= box[1] && unit.sides[2] <= box[2];
}

/**
 * The orientation index of `unit` that fits the most copies of it in a grid in an empty
 * L × W × H box; the lowest such stack wins a tie, so a single unit lies flat.
 */
function gridBestOrientation(unit: PreparedUnit, L: number, W: number, H: number): number {
  let best = 0;
  let bestCount = -1;
  let bestHeight = Number.POSITIVE_INFINITY;
  const o = unit.orientations;
  for (let i = 0; i < o.length; i += 3) {
    const l = o[i] ?? 0;
    const w = o[i + 1] ?? 0;
    const h = o[i + 2] ?? 0;
    if (l > L || w > W || h > H) continue;
    // Sides are positive here: a zero side was refused as unknown dimensions.
    const count = Math.floor(L / l) * Math.floor(W / w) * Math.floor(H / h);
    if (count > bestCount || (count === bestCount && h < bestHeight)) {
      best = i;
      bestCount = count;
      bestHeight = h;
    }
  }
  return best;
}

type Packing = { x: Float64Array; y: Float64Array; z: Float64Array; l: Float64Array; w: Float64Array; h: Float64Array; top: number };

/**
 * One extreme-point pass over `units` (already in placement order) into an L × W × H box.
 * With `preferGrid`, each unit's grid-best orientation beats any other at any point.
 * Returns null as soon as one unit has nowhere to go.
 */
function packPass(units: readonly PreparedUnit[], L: number, W: number, H: number, preferGrid: boolean): Packing | null {
  const n = units.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  const pl = new Float64Array(n);
  const pw = new Float64Array(n);
  const ph = new Float64Array(n);
  // Extreme points as flat (x, y, z) triples.
  let points: number[] = [0, 0, 0];
  let top = 0;

  const overlapsPlaced = (count: number, x: number, y: number, z: number, l: number, w: number, h: number): boolean => {
    for (let j = 0; j < count; j += 1) {
      // Touching faces do not overlap: strict comparisons on both sides.
      if (
        x < (px[j] ?? 0) + (pl[j] ?? 0) &&
        (px[j] ?? 0) < x + l &&
        y < (py[j] ?? 0) + (pw[j] ?? 0) &&
        (py[j] ?? 0) < y + w &&
        z < (pz[j] ?? 0) + (ph[j] ?? 0) &&
        (pz[j] ?? 0) < z + h
      ) {
        return true;
      }
    }
    return false;
  };
  const insidePlaced = (count: number, x: number, y: number, z: number): boolean => {
    for (let j = 0; j < count; j += 1) {
      const jx = px[j] ?? 0;
      const jy = py[j] ?? 0;
      const jz = pz[j] ?? 0;
      if (jx <= x && x < jx + (pl[j] ?? 0) && jy <= y && y < jy + (pw[j] ?? 0) && jz <= z && z < jz + (ph[j] ?? 0)) return true;
    }
    return false;
  };
  // Push a point back along one axis (0 = x, 1 = y, 2 = z) to the nearest placed face or wall.
  const project = (count: number, x: number, y: number, z: number, axis: 0 | 1 | 2): number => {
    let stop = 0;
    for (let j = 0; j < count; j += 1) {
      const jx = px[j] ?? 0;
      const jy = py[j] ?? 0;
      const jz = pz[j] ?? 0;
      const jl = pl[j] ?? 0;
      const jw = pw[j] ?? 0;
      const jh = ph[j] ?? 0;
      if (axis === 0) {
        const face = jx + jl;
        if (face <= x && face > stop && jy <= y && y < jy + jw && jz <= z && z < jz + jh) stop = face;
      } else if (axis === 1) {
        const face = jy + jw;
        if (face <= y && face > stop && jx <= x && x < jx + jl && jz <= z && z < jz + jh) stop = face;
      } else {
        const face = jz + jh;
        if (face <= z && face > stop && jx <= x && x < jx + jl && jy <= y && y < jy + jw) stop = face;
      }
    }
    return stop;
  };

  for (let i = 0; i < n; i += 1) {
    const unit = units[i] as PreparedUnit;
    const o = unit.orientations;
    const preferred = preferGrid ? gridBestOrientation(unit, L, W, H) : -1;
    let found = false;
    let bx = 0;
    let by = 0;
    let bz = 0;
    let bl = 0;
    let bw = 0;
    let bh = 0;
    let bRank = 0;
    for (let p = 0; p < points.length; p += 3) {
      const x = points[p] ?? 0;
      const y = points[p + 1] ?? 0;
      const z = points[p + 2] ?? 0;
      for (let k = 0; k < o.length; k += 3) {
        const l = o[k] ?? 0;
        const w = o[k + 1] ?? 0;
        const h = o[k + 2] ?? 0;
        if (x + l > L || y + w > W || z + h > H) continue;
        const rank = preferGrid && k !== preferred ? 1 : 0;
        // Cheap merit comparison first; the overlap scan only for a position that would win.
        if (found) {
          if (rank !== bRank) {
            if (rank > bRank) continue;
          } else if (z + h !== bz + bh) {
            if (z + h > bz + bh) continue;
          } else if (y + w !== by + bw) {
            if (y + w > by + bw) continue;
          } else if (x + l >= bx + bl) {
            continue;
          }
        }
        if (overlapsPlaced(i, x, y, z, l, w, h)) continue;
        found = true;
        bx = x;
        by = y;
        bz = z;
        bl = l;
        bw = w;
        bh = h;
        bRank = rank;
      }
    }
    if (!found) return null;
    px[i] = bx;
    py[i] = by;
    pz[i] = bz;
    pl[i] = bl;
    pw[i] = bw;
    ph[i] = bh;
    if (bz + bh > top) top = bz + bh;
    const placed = i + 1;

    // Crainic, Perboli & Tadei's six projections of the three new corners.
    const fresh = [
      bx + bl, project(placed, bx + bl, by, bz, 1), bz,
      bx + bl, by, project(placed, bx + bl, by, bz, 2),
      project(placed, bx, by + bw, bz, 0), by + bw, bz,
      bx, by + bw, project(placed, bx, by + bw, bz, 2),
      project(placed, bx, by, bz + bh, 0), by, bz + bh,
      bx, project(placed, bx, by, bz + bh, 1), bz + bh,
    ];
    const kept: number[] = [];
    const keep = (x: number, y: number, z: number): void => {
      // A point on or past a far wall, or inside a placed unit, can take nothing.
      if (x >= L || y >= W || z >= H || insidePlaced(placed, x, y, z)) return;
      for (let q = 0; q < kept.length; q += 3) {
        if (kept[q] === x && kept[q + 1] === y && kept[q + 2] === z) return;
      }
      kept.push(x, y, z);
    };
    for (let p = 0; p < points.length; p += 3) keep(points[p] ?? 0, points[p + 1] ?? 0, points[p + 2] ?? 0);
    for (let p = 0; p < fresh.length; p += 3) keep(fresh[p] ?? 0, fresh[p + 1] ?? 0, fresh[p + 2] ?? 0);
    points = kept;
  }
  return { x: px, y: py, z: pz, l: pl, w: pw, h: ph, top };
}

function compareBoxes(objective: BoxObjective): (a: BoxPreset, b: BoxPreset) => number {
  const volume = (box: BoxPreset): number => box.innerLengthMm * box.innerWidthMm * box.innerHeightMm;
  const byId = (a: BoxPreset, b: BoxPreset): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return objective === 'cheapest'
    ? (a, b) => a.costMinor - b.costMinor || volume(a) - volume(b) || byId(a, b)
    : (a, b) => volume(a) - volume(b) || a.costMinor - b.costMinor || byId(a, b);
}

/**
 * The first box, in the objective's order, that the heuristic packs every unit into:
 * 'smallest' = least inner volume (then cost), 'cheapest' = least cost (then volume).
 * Boxes with no stock are skipped. Units without dimensions make it refuse to guess.
 */
export function suggestBox(units: readonly CartonUnit[], boxes: readonly BoxPreset[], options: SuggestOptions): BoxSuggestion {
  const unknown = new Set<string>();
  const unweighed = new Set<string>();
  const prepared: PreparedUnit[] = [];
  let totalVolume = 0;
  let totalWeight = 0;
  units.forEach((unit, index) => {
    const { lengthMm, widthMm, heightMm, weightG } = unit;
    // A zero side is how an unmeasured catalogue row often looks: as unknown as a null.
    if (lengthMm === null || widthMm === null || heightMm === null || lengthMm === 0 || widthMm === 0 || heightMm === 0) {
      unknown.add(unit.sku);
      return;
    }
    requireSize(lengthMm, `lengthMm of ${unit.sku}`);
    requireSize(widthMm, `widthMm of ${unit.sku}`);
    requireSize(heightMm, `heightMm of ${unit.sku}`);
    if (weightG === null) {
      unweighed.add(unit.sku);
    } else {
      requireSize(weightG, `weightG of ${unit.sku}`);
      totalWeight += weightG;
    }
    const volume = lengthMm * widthMm * heightMm;
    totalVolume += volume;
    prepared.push({
      unit: index,
      sku: unit.sku,
      volume,
      sides: sortedSides(lengthMm, widthMm, heightMm),
      orientations: distinctOrientations(lengthMm, widthMm, heightMm),
    });
  });
  if (unknown.size > 0) return { kind: 'unknown-dimensions', skus: [...unknown] };

  // Largest first (first-fit decreasing); equal volumes by SKU so that identical units are
  // placed one after another and form rows, then by input order so the result is stable.
  prepared.sort((a, b) => b.volume - a.volume || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) || a.unit - b.unit);

  for (const box of boxes) {
    requireSize(box.innerLengthMm, `innerLengthMm of ${box.id}`);
    requireSize(box.innerWidthMm, `innerWidthMm of ${box.id}`);
    requireSize(box.innerHeightMm, `innerHeightMm of ${box.id}`);
    requireSize(box.maxLoadG, `maxLoadG of ${box.id}`);
  }
  const inStock = boxes.filter((box) => box.stock > 0).sort(compareBoxes(options.objective));

  let boxesTried = 0;
  for (const box of inStock) {
    const L = box.innerLengthMm;
    const W = box.innerWidthMm;
    const H = box.innerHeightMm;
    const innerVolume = L * W * H;
    // Quick rejects, each of which proves the box cannot work, before any placing.
    if (totalWeight > box.maxLoadG || totalVolume > innerVolume) continue;
    const sides = sortedSides(L, W, H);
    if (!prepared.every((unit) => fitsAlone(unit, sides))) continue;

    boxesTried += 1;
    const packing = packPass(prepared, L, W, H, false) ?? packPass(prepared, L, W, H, true);
    if (packing === null) continue;

    const placements: Placement[] = prepared.map((unit, i) => ({
      unit: unit.unit,
      sku: unit.sku,
      xMm: packing.x[i] ?? 0,
      yMm: packing.y[i] ?? 0,
      zMm: packing.z[i] ?? 0,
      lengthMm: packing.l[i] ?? 0,
      widthMm: packing.w[i] ?? 0,
      heightMm: packing.h[i] ?? 0,
    }));
    placements.sort((a, b) => a.unit - b.unit);
    const usedVolume = box.flexible ? L * W * packing.top : innerVolume;
    return {
      kind: 'suggestion',
      boxId: box.id,
      fillRatio: usedVolume > 0 ? totalVolume / usedVolume : 0,
      usedHeightMm: packing.top,
      placements,
      unweighedSkus: [...unweighed],
    };
  }
  return { kind: 'fits-nowhere', reason: whyNothingFits(prepared, inStock, totalWeight, totalVolume, boxesTried) };
}

// Only on failure: the clearest single reason a packer can act on, most specific first.
function whyNothingFits(
  units: readonly PreparedUnit[],
  inStock: readonly BoxPreset[],
  totalWeight: number,
  totalVolume: number,
  boxesTried: number,
): FitsNowhereReason {
  if (inStock.length === 0) return { code: 'NO_BOX_IN_STOCK' };
  const boxSides = inStock.map((box) => sortedSides(box.innerLengthMm, box.innerWidthMm, box.innerHeightMm));
  const tooLarge = new Set(units.filter((unit) => !boxSides.some((sides) => fitsAlone(unit, sides))).map((unit) => unit.sku));
  if (tooLarge.size > 0) return { code: 'UNIT_TOO_LARGE', skus: [...tooLarge] };
  const maxLoadG = Math.max(...inStock.map((box) => box.maxLoadG));
  if (totalWeight > maxLoadG) return { code: 'TOO_HEAVY', weightG: totalWeight, maxLoadG };
  const largestInnerMm3 = Math.max(...inStock.map((box) => box.innerLengthMm * box.innerWidthMm * box.innerHeightMm));
  if (totalVolume > largestInnerMm3) return { code: 'TOO_MUCH_VOLUME', volumeMm3: totalVolume, largestInnerMm3 };
  if (boxesTried === 0) return { code: 'NO_BOX_LARGE_AND_STRONG_ENOUGH' };
  return { code: 'NO_ARRANGEMENT_FOUND', boxesTried };
}

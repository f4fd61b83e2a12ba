import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestBox } from '../../shared/domain/cartonize';
import type { BoxObjective, BoxPreset, BoxSuggestion, CartonUnit, Placement } from '../../shared/domain/cartonize';

// Units and boxes as the demo bench has them (electron/services/demo-seed.ts), sizes in mm.
function unit(sku: string, lengthMm: number | null, widthMm: number | null, heightMm: number | null, weightG: number | null = 100): CartonUnit {
  return { sku, lengthMm, widthMm, heightMm, weightG };
}
const MUG = unit('PB-MUG-001', 120, 90, 90, 320);
const PHONE_CASE = unit('PB-PHONE-CASE', 170, 90, 15, 45);
const KETTLE = unit('PB-KETTLE-17', 240, 200, 260, 1400);
const LAMP = unit('PB-LAMP-DESK', 420, 160, 120, 1150);

function box(id: string, inner: [number, number, number], extra: Partial<BoxPreset> = {}): BoxPreset {
  return {
    id,
    innerLengthMm: inner[0],
    innerWidthMm: inner[1],
    innerHeightMm: inner[2],
    maxLoadG: 30_000,
    costMinor: 100,
    flexible: false,
    stock: 10,
    ...extra,
  };
}
const MAILER_S = box('MAILER-S', [250, 180, 30], { maxLoadG: 1000, costMinor: 30, flexible: true });
const BOX_S = box('BOX-S', [200, 150, 100], { maxLoadG: 3000, costMinor: 120 });
const BOX_M = box('BOX-M', [300, 200, 150], { maxLoadG: 8000, costMinor: 200 });
const BOX_L = box('BOX-L', [400, 300, 250], { maxLoadG: 15_000, costMinor: 350 });
const BOX_XL = box('BOX-XL', [600, 400, 400], { maxLoadG: 25_000, costMinor: 600 });
const DEMO_BOXES = [MAILER_S, BOX_S, BOX_M, BOX_L, BOX_XL];

const SMALLEST = { objective: 'smallest' } as const;

function times(count: number, what: CartonUnit): CartonUnit[] {
  return Array.from({ length: count }, () => what);
}

function boxIdOf(result: BoxSuggestion): string {
  return result.kind === 'suggestion' ? result.boxId : result.kind;
}

/** Every way a suggestion could be wrong about the physical world; empty when it is sound. */
function defects(units: readonly CartonUnit[], boxes: readonly BoxPreset[], result: BoxSuggestion): string[] {
  if (result.kind !== 'suggestion') return [];
  const problems: string[] = [];
  const chosen = boxes.find((candidate) => candidate.id === result.boxId);
  if (chosen === undefined) return [`unknown box ${result.boxId}`];
  if (chosen.stock <= 0) problems.push('box out of stock');
  const load = units.reduce((sum, u) => sum + (u.weightG ?? 0), 0);
  if (load > chosen.maxLoadG) problems.push(`load ${load} over ${chosen.maxLoadG}`);
  if (result.placements.length !== units.length) problems.push(`${result.placements.length} placements for ${units.length} units`);
  if (new Set(result.placements.map((p) => p.unit)).size !== units.length) problems.push('a unit placed twice');
  for (const p of result.placements) {
    const u = units[p.unit];
    const given = [u?.lengthMm, u?.widthMm, u?.heightMm].map(Number).sort((a, b) => a - b);
    const turned = [p.lengthMm, p.widthMm, p.heightMm].sort((a, b) => a - b);
    if (given.join() !== turned.join()) problems.push(`unit ${p.unit} resized to ${turned.join('×')}`);
    if (p.xMm < 0 || p.yMm < 0 || p.zMm < 0) problems.push(`unit ${p.unit} outside the box`);
    if (p.xMm + p.lengthMm > chosen.innerLengthMm || p.yMm + p.widthMm > chosen.innerWidthMm || p.zMm + p.heightMm > chosen.innerHeightMm) {
      problems.push(`unit ${p.unit} sticks out of the box`);
    }
  }
  const overlap = (a: Placement, b: Placement): boolean =>
    a.xMm < b.xMm + b.lengthMm &&
    b.xMm < a.xMm + a.lengthMm &&
    a.yMm < b.yMm + b.widthMm &&
    b.yMm < a.yMm + a.widthMm &&
    a.zMm < b.zMm + b.heightMm &&
    b.zMm < a.zMm + a.heightMm;
  result.placements.forEach((a, i) =>
    result.placements.slice(i + 1).forEach((b) => {
      if (overlap(a, b)) problems.push(`units ${a.unit} and ${b.unit} overlap`);
    }),
  );
  if (!(result.fillRatio > 0 && result.fillRatio <= 1) && units.length > 0) problems.push(`fill ratio ${result.fillRatio}`);
  return problems;
}

describe('suggestBox: which box', () => {
  it.each<[string, CartonUnit[], BoxPreset[], string]>([
    ['one mug goes into the small box', [MUG], DEMO_BOXES, 'BOX-S'],
    ['a phone case goes into the poly mailer', [PHONE_CASE], DEMO_BOXES, 'MAILER-S'],
    ['four phone cases still lie flat in the mailer (two layers of two)', times(4, PHONE_CASE), DEMO_BOXES, 'MAILER-S'],
    ['a mug is too thick for the mailer', [MUG, PHONE_CASE], DEMO_BOXES, 'BOX-S'],
    ['a kettle 260 mm tall lies on its side in the 250 mm high large box', [KETTLE], DEMO_BOXES, 'BOX-L'],
    ['a 420 mm lamp is longer than the 400 mm large box, so the extra-large', [LAMP], DEMO_BOXES, 'BOX-XL'],
    ['a 510 mm tube fits only the extra-large box', [unit('TUBE', 510, 80, 80)], DEMO_BOXES, 'BOX-XL'],
    ['nothing in stock is skipped, not suggested', [MUG], [box('BOX-S', [200, 150, 100], { stock: 0 }), BOX_M], 'BOX-M'],
    ['a box with negative stock (a miscount) is skipped too', [MUG], [box('BOX-S', [200, 150, 100], { stock: -1 }), BOX_M], 'BOX-M'],
    ['the order of the presets does not matter', [MUG], [BOX_XL, BOX_L, BOX_S, BOX_M], 'BOX-S'],
  ])('%s', (_name, units, boxes, expected) => {
    const result = suggestBox(units, boxes, SMALLEST);
    expect(boxIdOf(result)).toBe(expected);
    expect(defects(units, boxes, result)).toEqual([]);
  });

  it.each<[BoxObjective, string]>([
    ['smallest', 'SNUG'],
    ['cheapest', 'ROOMY'],
  ])('with objective "%s" a mug goes into %s', (objective, expected) => {
    const snugButDear = box('SNUG', [130, 100, 100], { costMinor: 300 });
    const roomyButCheap = box('ROOMY', [300, 300, 300], { costMinor: 90 });
    expect(boxIdOf(suggestBox([MUG], [roomyButCheap, snugButDear], { objective }))).toBe(expected);
  });

  it('among boxes of one price, "cheapest" takes the smaller', () => {
    const boxes = [box('BIG', [400, 400, 400], { costMinor: 100 }), box('SMALL', [200, 200, 200], { costMinor: 100 }), box('DEAR', [150, 150, 150], { costMinor: 500 })];
    expect(boxIdOf(suggestBox([MUG], boxes, { objective: 'cheapest' }))).toBe('SMALL');
  });

  it('among boxes of one volume, "smallest" takes the cheaper', () => {
    const boxes = [box('DEAR', [200, 150, 100], { costMinor: 200 }), box('CHEAP', [150, 100, 200], { costMinor: 150 })];
    expect(boxIdOf(suggestBox([MUG], boxes, SMALLEST))).toBe('CHEAP');
  });
});

describe('suggestBox: rotation', () => {
  it.each<[string, CartonUnit, [number, number, number], [number, number, number]]>([
    ['a 500 mm rod goes along a box that is long in its width', unit('ROD', 500, 50, 50), [60, 510, 60], [50, 500, 50]],
    ['a 500 mm rod stands up in a tall box', unit('ROD', 500, 50, 50), [60, 60, 510], [50, 50, 500]],
    ['a flat book lies on its back in a shallow box', unit('BOOK', 30, 215, 150), [220, 160, 40], [215, 150, 30]],
    ['a 120 × 90 × 90 mug stands on its end in a 95 × 95 × 125 box', MUG, [95, 95, 125], [90, 90, 120]],
  ])('%s', (_name, u, inner, turned) => {
    const result = suggestBox([u], [box('ONLY', inner)], SMALLEST);
    expect(result.kind).toBe('suggestion');
    if (result.kind !== 'suggestion') return;
    const [placement] = result.placements;
    expect([placement?.lengthMm, placement?.widthMm, placement?.heightMm]).toEqual(turned);
  });

  it('two mugs share a 130 × 95 × 185 box only if both stand up, one on the other', () => {
    const result = suggestBox([MUG, MUG], [box('TALL', [95, 130, 185])], SMALLEST);
    expect(boxIdOf(result)).toBe('TALL');
    expect(defects([MUG, MUG], [box('TALL', [95, 130, 185])], result)).toEqual([]);
  });
});

describe('suggestBox: many identical units', () => {
  it('20 mugs fill a 600 × 180 × 180 box exactly (5 × 2 × 2)', () => {
    const mugs = times(20, MUG);
    const exact = box('EXACT', [600, 180, 180]);
    const result = suggestBox(mugs, [exact], SMALLEST);
    expect(boxIdOf(result)).toBe('EXACT');
    expect(result.kind === 'suggestion' && result.fillRatio).toBe(1);
    expect(defects(mugs, [exact], result)).toEqual([]);
  });

  it('20 mugs go into the large box standing up (lying flat only 18 fit: 3 × 3 × 2)', () => {
    const mugs = times(20, MUG);
    const result = suggestBox(mugs, DEMO_BOXES, SMALLEST);
    expect(boxIdOf(result)).toBe('BOX-L');
    expect(defects(mugs, DEMO_BOXES, result)).toEqual([]);
    if (result.kind === 'suggestion') expect(result.fillRatio).toBeCloseTo((20 * 120 * 90 * 90) / (400 * 300 * 250), 6);
  });

  it('25 mugs are one more than the large box holds (4 × 3 × 2 standing), so the extra-large box', () => {
    expect(boxIdOf(suggestBox(times(25, MUG), DEMO_BOXES, SMALLEST))).toBe('BOX-XL');
  });

  it('a mixed 20-unit order gets a sound suggestion', () => {
    const order = [...times(6, MUG), ...times(6, PHONE_CASE), KETTLE, ...times(4, unit('PB-TEA-OOL', 100, 100, 140, 380)), ...times(3, unit('PB-CABLE-C2', 110, 80, 20, 60))];
    const result = suggestBox(order, DEMO_BOXES, SMALLEST);
    expect(result.kind).toBe('suggestion');
    expect(defects(order, DEMO_BOXES, result)).toEqual([]);
  });
});

describe('suggestBox: flexible presets (poly mailers)', () => {
  it('a mailer is as thick as what is in it, and its fill ratio is over that thickness', () => {
    const result = suggestBox([PHONE_CASE], [MAILER_S], SMALLEST);
    expect(result).toMatchObject({ kind: 'suggestion', boxId: 'MAILER-S', usedHeightMm: 15 });
    if (result.kind === 'suggestion') expect(result.fillRatio).toBeCloseTo((170 * 90 * 15) / (250 * 180 * 15), 9);
  });

  it('a mailer grows no thicker than its stated inner height', () => {
    // Two 20 mm notebooks side by side do not fit 250 × 180, and stacked they are 40 mm.
    const notebook = unit('PB-NOTE-A5', 215, 150, 20, 240);
    expect(suggestBox([notebook, notebook], [MAILER_S], SMALLEST)).toMatchObject({ kind: 'fits-nowhere' });
    expect(suggestBox([notebook], [MAILER_S], SMALLEST)).toMatchObject({ kind: 'suggestion', usedHeightMm: 20 });
  });

  it('a rigid box counts its whole inner volume, however little is in it', () => {
    const result = suggestBox([PHONE_CASE], [box('RIGID', [250, 180, 30])], SMALLEST);
    if (result.kind === 'suggestion') expect(result.fillRatio).toBeCloseTo((170 * 90 * 15) / (250 * 180 * 30), 9);
    expect(result.kind).toBe('suggestion');
  });
});

describe('suggestBox: maximum load', () => {
  it.each<[string, CartonUnit[], BoxPreset[], string]>([
    ['a mailer takes 1 kg: 22 phone cases (990 g) would fit it by weight…', times(2, PHONE_CASE), [MAILER_S, BOX_XL], 'MAILER-S'],
    ['…but three kettles (4.2 kg) are over the small box\'s 3 kg even if they fit, so the next strong box', times(3, unit('PB-KETTLE-MINI', 100, 100, 80, 1400)), [BOX_S, BOX_M], 'BOX-M'],
    ['exactly at the maximum load is allowed', times(3, unit('WEIGHT-1KG', 50, 50, 50, 1000)), [BOX_S, BOX_M], 'BOX-S'],
    ['one gram over the maximum load is not', [...times(2, unit('WEIGHT-1KG', 50, 50, 50, 1000)), unit('WEIGHT-1001', 50, 50, 50, 1001)], [BOX_S, BOX_M], 'BOX-M'],
  ])('%s', (_name, units, boxes, expected) => {
    expect(boxIdOf(suggestBox(units, boxes, SMALLEST))).toBe(expected);
  });

  it('a unit without a catalogue weight is named, so nobody trusts the load check blindly', () => {
    const result = suggestBox([MUG, unit('NO-WEIGHT', 50, 50, 50, null)], DEMO_BOXES, SMALLEST);
    expect(result).toMatchObject({ kind: 'suggestion', boxId: 'BOX-S', unweighedSkus: ['NO-WEIGHT'] });
  });
});

describe('suggestBox: unknown dimensions', () => {
  it.each<[string, CartonUnit[], string[]]>([
    ['a unit with no length', [unit('NO-SIZE', null, 90, 90)], ['NO-SIZE']],
    ['a unit with no size at all, among measured ones', [MUG, unit('NO-SIZE', null, null, null), PHONE_CASE], ['NO-SIZE']],
    ['a zero side, as an unmeasured catalogue row has', [unit('ZERO', 120, 0, 90)], ['ZERO']],
    ['each SKU once, in order, however many of its units', [unit('B', null, 1, 1), unit('A', 1, null, 1), unit('B', null, 1, 1)], ['B', 'A']],
  ])('%s: say so, do not guess', (_name, units, skus) => {
    expect(suggestBox(units, DEMO_BOXES, SMALLEST)).toEqual({ kind: 'unknown-dimensions', skus });
  });

  it.each<[string, CartonUnit]>([
    ['a negative side', unit('BAD', 120, -90, 90)],
    ['a side that is not a number', unit('BAD', Number.NaN, 90, 90)],
    ['a negative weight', unit('BAD', 120, 90, 90, -1)],
  ])('refuses %s rather than packing it', (_name, bad) => {
    expect(() => suggestBox([bad], DEMO_BOXES, SMALLEST)).toThrow(RangeError);
  });
});

describe('suggestBox: fits nowhere', () => {
  it.each<[string, CartonUnit[], BoxPreset[], unknown]>([
    ['no box in stock', [MUG], DEMO_BOXES.map((b) => ({ ...b, stock: 0 })), { code: 'NO_BOX_IN_STOCK' }],
    ['no presets at all', [MUG], [], { code: 'NO_BOX_IN_STOCK' }],
    ['a 700 mm unit is longer than any box turned any way', [MUG, unit('RUG', 700, 100, 100)], DEMO_BOXES, { code: 'UNIT_TOO_LARGE', skus: ['RUG'] }],
    ['a unit that fits only a box that is out of stock', [unit('TUBE', 510, 80, 80)], [BOX_S, BOX_M, BOX_L, { ...BOX_XL, stock: 0 }], { code: 'UNIT_TOO_LARGE', skus: ['TUBE'] }],
    ['30 kg of anvils are over every box\'s maximum load', times(3, unit('ANVIL', 100, 100, 100, 10_000)), DEMO_BOXES, { code: 'TOO_HEAVY', weightG: 30_000, maxLoadG: 25_000 }],
    [
      '20 mugs have more volume than the medium box',
      times(20, MUG),
      [BOX_S, BOX_M],
      { code: 'TOO_MUCH_VOLUME', volumeMm3: 20 * 120 * 90 * 90, largestInnerMm3: 300 * 200 * 150 },
    ],
    [
      'the large box is too weak, the strong box too small',
      times(10, MUG),
      [box('BIG-WEAK', [400, 300, 250], { maxLoadG: 1000 }), box('SMALL-STRONG', [200, 150, 100], { maxLoadG: 20_000 })],
      { code: 'NO_BOX_LARGE_AND_STRONG_ENOUGH' },
    ],
    [
      'two 100 mm cubes have room by volume in a 150 mm cube box, but no arrangement',
      times(2, unit('CUBE', 100, 100, 100)),
      [box('CUBE-150', [150, 150, 150])],
      { code: 'NO_ARRANGEMENT_FOUND', boxesTried: 1 },
    ],
  ])('%s', (_name, units, boxes, reason) => {
    expect(suggestBox(units, boxes, SMALLEST)).toEqual({ kind: 'fits-nowhere', reason });
  });
});

describe('suggestBox: properties', () => {
  const anyUnit = fc.record({
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    lengthMm: fc.integer({ min: 5, max: 300 }),
    widthMm: fc.integer({ min: 5, max: 300 }),
    heightMm: fc.integer({ min: 5, max: 300 }),
    weightG: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }),
  });
  // Preset ids are unique in the catalogue, so they are here: the checks look a box up by id.
  const anyBox = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    innerLengthMm: fc.integer({ min: 20, max: 700 }),
    innerWidthMm: fc.integer({ min: 20, max: 700 }),
    innerHeightMm: fc.integer({ min: 20, max: 700 }),
    maxLoadG: fc.integer({ min: 0, max: 30_000 }),
    costMinor: fc.integer({ min: 0, max: 1000 }),
    flexible: fc.boolean(),
    stock: fc.integer({ min: -1, max: 3 }),
  });

  it('a suggested placement never overlaps, stays inside the box, turns but never resizes a unit, and respects load and stock', () => {
    fc.assert(
      fc.property(
        fc.array(anyUnit, { minLength: 1, maxLength: 16 }),
        fc.uniqueArray(anyBox, { minLength: 1, maxLength: 6, selector: (b) => b.id }),
        fc.constantFrom<BoxObjective>('smallest', 'cheapest'),
        (units, boxes, objective) => {
          const result = suggestBox(units, boxes, { objective });
          expect(defects(units, boxes, result)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('"fits nowhere" for a proven reason is true of every box in stock', () => {
    fc.assert(
      fc.property(fc.array(anyUnit, { minLength: 1, maxLength: 12 }), fc.uniqueArray(anyBox, { maxLength: 5, selector: (b) => b.id }), (units, boxes) => {
        const result = suggestBox(units, boxes, SMALLEST);
        if (result.kind !== 'fits-nowhere') return;
        const inStock = boxes.filter((b) => b.stock > 0);
        const weight = units.reduce((sum, u) => sum + (u.weightG ?? 0), 0);
        const volume = units.reduce((sum, u) => sum + u.lengthMm * u.widthMm * u.heightMm, 0);
        const reason = result.reason;
        if (reason.code === 'NO_BOX_IN_STOCK') expect(inStock).toEqual([]);
        if (reason.code === 'TOO_HEAVY') expect(inStock.every((b) => weight > b.maxLoadG)).toBe(true);
        if (reason.code === 'TOO_MUCH_VOLUME') expect(inStock.every((b) => volume > b.innerLengthMm * b.innerWidthMm * b.innerHeightMm)).toBe(true);
        if (reason.code === 'UNIT_TOO_LARGE') {
          const sorted = (a: number[]) => [...a].sort((x, y) => y - x);
          for (const sku of reason.skus) {
            const tooLarge = units
              .filter((u) => u.sku === sku)
              .some((u) => {
                const s = sorted([u.lengthMm, u.widthMm, u.heightMm]);
                return inStock.every((b) => {
                  const bs = sorted([b.innerLengthMm, b.innerWidthMm, b.innerHeightMm]);
                  return s.some((side, i) => side > (bs[i] ?? 0));
                });
              });
            expect(tooLarge).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('asking again gives the same answer (no hidden state, no randomness)', () => {
    fc.assert(
      fc.property(fc.array(anyUnit, { minLength: 1, maxLength: 10 }), fc.uniqueArray(anyBox, { minLength: 1, maxLength: 4, selector: (b) => b.id }), (units, boxes) => {
        expect(suggestBox(units, boxes, SMALLEST)).toEqual(suggestBox(units, boxes, SMALLEST));
      }),
      { numRuns: 100 },
    );
  });
});

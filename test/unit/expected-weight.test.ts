import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPECTED_WEIGHT_CONFIG,
  DEFAULT_WEIGHT_CORRECTION_CONFIG,
  checkExpectedWeight,
  expectedWeightG,
  suggestWeightCorrections,
  toleranceG,
} from '../../shared/domain/expected-weight';
import type { AcceptedPackage, ExpectedWeightConfig, WeighedLine, WeightCorrectionConfig } from '../../shared/domain/expected-weight';

// The default tolerance (larger of ±5 % and ±30 g) without a packing allowance, so the
// expected weight in each case is plain to read: goods + tare.
const PLAIN: ExpectedWeightConfig = { tolerance: { percent: 5, minimumG: 30 }, allowance: { perPackageG: 0, perUnitG: 0 } };

/** One SKU of `goodsG` grams in a box of `tareG`: expected = goodsG + tareG. */
function parcel(goodsG: number, tareG: number, measuredG: number) {
  return { lines: [{ sku: 'PB-GOODS', quantity: 1, unitWeightG: goodsG }], boxTareG: tareG, measuredG };
}

describe('expected weight', () => {
  it('is the units, the box and the packing allowance', () => {
    const lines: WeighedLine[] = [
      { sku: 'PB-MUG-001', quantity: 2, unitWeightG: 320 },
      { sku: 'PB-SOCK-3P', quantity: 1, unitWeightG: 180 },
    ];
    expect(expectedWeightG(lines, 180, { perPackageG: 10, perUnitG: 5 })).toEqual({ expectedG: 320 * 2 + 180 + 180 + 10 + 5 * 3, unknownSkus: [] });
  });

  it('is unknown when a unit has no catalogue weight, naming the SKUs', () => {
    const lines: WeighedLine[] = [
      { sku: 'PB-MUG-001', quantity: 1, unitWeightG: 320 },
      { sku: 'PB-NEW-1', quantity: 1, unitWeightG: null },
      { sku: 'PB-NEW-2', quantity: 2, unitWeightG: null },
      { sku: 'PB-NEW-1', quantity: 1, unitWeightG: null },
    ];
    expect(expectedWeightG(lines, 90, PLAIN.allowance)).toEqual({ expectedG: null, unknownSkus: ['PB-NEW-1', 'PB-NEW-2'] });
  });

  it('ignores a line with no unit in this package', () => {
    expect(expectedWeightG([{ sku: 'PB-NEW-1', quantity: 0, unitWeightG: null }], 90, PLAIN.allowance)).toEqual({ expectedG: 90, unknownSkus: [] });
  });

  it.each<[number, number]>([
    [200, 30],
    [600, 30],
    [620, 31],
    [1010, 50],
    [10_000, 500],
  ])('the tolerance for an expected %i g is ±%i g', (expected, tolerance) => {
    expect(toleranceG(expected, PLAIN.tolerance)).toBe(tolerance);
  });

  it('a fractional percentage is not shaved by binary fractions', () => {
    // 2.3 × 3000 / 100 is 68.99999999999999 in floating point; the tolerance is 69 g.
    expect(toleranceG(3000, { percent: 2.3, minimumG: 0 })).toBe(69);
    expect(toleranceG(1500, { percent: 4.6, minimumG: 0 })).toBe(69);
  });
});

describe('expected-weight check at the edges of the tolerance', () => {
  it.each<[string, number, number, number, boolean]>([
    // Small parcels: 5 % of 200 g is 10 g, so the 30 g floor decides.
    ['a small parcel exactly 30 g heavy passes', 110, 90, 230, true],
    ['a small parcel 29 g heavy passes', 110, 90, 229, true],
    ['a small parcel 31 g heavy is blocked', 110, 90, 231, false],
    ['a small parcel exactly 30 g light passes', 110, 90, 170, true],
    ['a small parcel 31 g light is blocked', 110, 90, 169, false],
    // 600 g: 5 % and 30 g meet.
    ['at 600 g, 30 g over passes', 510, 90, 630, true],
    ['at 600 g, 31 g over is blocked', 510, 90, 631, false],
    // 620 g: 5 % (31 g) takes over from 30 g.
    ['at 620 g, 31 g over passes (5 % now wins)', 530, 90, 651, true],
    ['at 620 g, 32 g over is blocked', 530, 90, 652, false],
    // Large parcels: 5 % of 10 kg is 500 g, far above the 30 g floor.
    ['a 10 kg parcel exactly 500 g heavy passes', 9350, 650, 10_500, true],
    ['a 10 kg parcel 499 g heavy passes', 9350, 650, 10_499, true],
    ['a 10 kg parcel 501 g heavy is blocked', 9350, 650, 10_501, false],
    ['a 10 kg parcel exactly 500 g light passes', 9350, 650, 9500, true],
    ['a 10 kg parcel 501 g light is blocked', 9350, 650, 9499, false],
    ['a parcel that weighs exactly what it should passes', 320, 90, 410, true],
  ])('%s', (_name, goodsG, tareG, measuredG, ok) => {
    const check = checkExpectedWeight(parcel(goodsG, tareG, measuredG), PLAIN);
    expect(check.ok).toBe(ok);
    expect(check.findings.map((finding) => finding.code)).toEqual(ok ? [] : ['WEIGHT_OUT_OF_TOLERANCE']);
  });

  it('blocks with expected, measured, difference and tolerance, and asks to check the contents', () => {
    expect(checkExpectedWeight(parcel(640, 180, 1130), PLAIN)).toEqual({
      ok: false,
      expectedG: 820,
      toleranceG: 41,
      differenceG: 310,
      findings: [
        {
          code: 'WEIGHT_OUT_OF_TOLERANCE',
          severity: 'block',
          message: 'The package weighs 1.130 kg but should weigh 820 g ± 41 g (+310 g): check the contents, then re-weigh, or ask a supervisor to override.',
          data: { expectedG: 820, measuredG: 1130, differenceG: 310, toleranceG: 41 },
        },
      ],
    });
  });

  it('a missing unit shows as a negative difference', () => {
    const check = checkExpectedWeight(parcel(640, 180, 500), PLAIN);
    expect(check.differenceG).toBe(-320);
    expect(check.findings[0]?.message).toContain('(-320 g)');
  });

  it('counts the default packing allowance', () => {
    // 320 + 90 + 10 g for tape and label = 420 g; 450 g is exactly 30 g over.
    expect(checkExpectedWeight(parcel(320, 90, 450), DEFAULT_EXPECTED_WEIGHT_CONFIG)).toMatchObject({ ok: true, expectedG: 420, differenceG: 30 });
    expect(checkExpectedWeight(parcel(320, 90, 451), DEFAULT_EXPECTED_WEIGHT_CONFIG).ok).toBe(false);
  });

  it('cannot check units without a catalogue weight: warns, names them, and does not block', () => {
    const check = checkExpectedWeight(
      {
        lines: [
          { sku: 'PB-MUG-001', quantity: 1, unitWeightG: 320 },
          { sku: 'PB-NEW-1', quantity: 1, unitWeightG: null },
        ],
        boxTareG: 90,
        measuredG: 25_000,
      },
      PLAIN,
    );
    expect(check).toEqual({
      ok: true,
      expectedG: null,
      toleranceG: null,
      differenceG: null,
      findings: [
        {
          code: 'WEIGHT_UNKNOWN_UNITS',
          severity: 'warn',
          message: 'No catalogue weight for PB-NEW-1, so the package weight cannot be checked; add the unit weight to the catalogue.',
          data: { skus: 'PB-NEW-1', count: 1 },
        },
      ],
    });
  });

  it('cannot check a custom box without a tare: warns instead of guessing', () => {
    const check = checkExpectedWeight({ lines: [{ sku: 'PB-MUG-001', quantity: 1, unitWeightG: 320 }], boxTareG: null, measuredG: 2000 }, PLAIN);
    expect(check.ok).toBe(true);
    expect(check.findings.map((finding) => [finding.code, finding.severity])).toEqual([['WEIGHT_UNKNOWN_TARE', 'warn']]);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('refuses a measured weight of %d rather than passing it', (measuredG) => {
    expect(() => checkExpectedWeight(parcel(320, 90, measuredG), PLAIN)).toThrow(RangeError);
  });

  it('passes exactly when the difference is within max(5 %, 30 g), the same either side', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: -3000, max: 3000 }), (goods, tare, difference) => {
        const expected = goods + tare;
        fc.pre(expected + difference >= 0);
        const ok = checkExpectedWeight(parcel(goods, tare, expected + difference), PLAIN).ok;
        expect(ok).toBe(Math.abs(difference) * 100 <= Math.max(30 * 100, expected * 5));
      }),
    );
  });
});

describe('catalogue weight corrections from accepted packages', () => {
  const config: WeightCorrectionConfig = { ...DEFAULT_WEIGHT_CORRECTION_CONFIG, allowance: { perPackageG: 0, perUnitG: 0 } };
  const catalogue = new Map<string, number | null>([
    ['PB-MUG-001', 320],
    ['PB-SOCK-3P', 180],
    ['PB-NEW-1', null],
  ]);
  /** A package of `quantity` units of one SKU in a 90 g box, each unit really weighing `unitG`. */
  const single = (sku: string, unitG: number, quantity = 1): AcceptedPackage => ({
    measuredG: unitG * quantity + 90,
    boxTareG: 90,
    lines: [{ sku, quantity }],
  });
  const times = (count: number, make: (index: number) => AcceptedPackage): AcceptedPackage[] => Array.from({ length: count }, (_, index) => make(index));

  it('suggests the median weight of a SKU that weighs more than the catalogue says, after five packages', () => {
    expect(suggestWeightCorrections(times(5, () => single('PB-MUG-001', 350)), catalogue, config)).toEqual([
      { sku: 'PB-MUG-001', catalogueG: 320, suggestedG: 350, deviationG: 30, samples: 5, minImpliedG: 350, maxImpliedG: 350 },
    ]);
  });

  it('waits for five samples', () => {
    expect(suggestWeightCorrections(times(4, () => single('PB-MUG-001', 350)), catalogue, config)).toEqual([]);
  });

  it('leaves a catalogue weight alone when the scale agrees within the tolerance', () => {
    // 5 % of 320 g is 16 g: 336 g is within, 337 g is not.
    expect(suggestWeightCorrections(times(5, () => single('PB-MUG-001', 336)), catalogue, config)).toEqual([]);
    expect(suggestWeightCorrections(times(5, () => single('PB-MUG-001', 337)), catalogue, config).map((c) => c.suggestedG)).toEqual([337]);
  });

  it('fills in a SKU the catalogue has no weight for', () => {
    expect(suggestWeightCorrections(times(5, () => single('PB-NEW-1', 75)), catalogue, config)).toEqual([
      { sku: 'PB-NEW-1', catalogueG: null, suggestedG: 75, deviationG: null, samples: 5, minImpliedG: 75, maxImpliedG: 75 },
    ]);
  });

  it('one mis-keyed weight does not move the suggestion (median, not mean)', () => {
    const packages = [...times(4, () => single('PB-MUG-001', 350)), { measuredG: 5090, boxTareG: 90, lines: [{ sku: 'PB-MUG-001', quantity: 1 }] }];
    expect(suggestWeightCorrections(packages, catalogue, config)[0]).toMatchObject({ suggestedG: 350, minImpliedG: 350, maxImpliedG: 5000 });
  });

  it('takes the mean of the two middle samples of an even count', () => {
    const packages = times(6, (index) => single('PB-MUG-001', index < 3 ? 340 : 350));
    expect(suggestWeightCorrections(packages, catalogue, config)[0]?.suggestedG).toBe(345);
  });

  it('divides a package of several units of one SKU by their number', () => {
    expect(suggestWeightCorrections(times(5, () => single('PB-SOCK-3P', 200, 3)), catalogue, config)[0]).toMatchObject({ suggestedG: 200, deviationG: 20 });
  });

  it('subtracts the packing allowance before dividing', () => {
    const withAllowance: WeightCorrectionConfig = { ...config, allowance: { perPackageG: 10, perUnitG: 5 } };
    const packages = times(5, () => ({ measuredG: 90 + 10 + 2 * (200 + 5), boxTareG: 90, lines: [{ sku: 'PB-SOCK-3P', quantity: 2 }] }));
    expect(suggestWeightCorrections(packages, catalogue, withAllowance)[0]?.suggestedG).toBe(200);
  });

  it('solves a mixed package when every other SKU is confirmed by single-SKU packages', () => {
    const mugsConfirmed = times(5, () => single('PB-MUG-001', 320));
    const mixed = times(5, () => ({ measuredG: 320 + 2 * 200 + 90, boxTareG: 90, lines: [{ sku: 'PB-MUG-001', quantity: 1 }, { sku: 'PB-SOCK-3P', quantity: 2 }] }));
    expect(suggestWeightCorrections([...mugsConfirmed, ...mixed], catalogue, config)).toEqual([
      { sku: 'PB-SOCK-3P', catalogueG: 180, suggestedG: 200, deviationG: 20, samples: 5, minImpliedG: 200, maxImpliedG: 200 },
    ]);
    expect(suggestWeightCorrections([...mugsConfirmed, ...mixed], catalogue, { ...config, solveMixed: false })).toEqual([]);
  });

  it('does not count a SKU as confirmed on fewer than five single-SKU packages', () => {
    const mugsSeenFourTimes = times(4, () => single('PB-MUG-001', 320));
    const mixed = times(5, () => ({ measuredG: 320 + 200 + 90, boxTareG: 90, lines: [{ sku: 'PB-MUG-001', quantity: 1 }, { sku: 'PB-SOCK-3P', quantity: 1 }] }));
    expect(suggestWeightCorrections([...mugsSeenFourTimes, ...mixed], catalogue, config)).toEqual([]);
  });

  it('does not solve a mixed package whose other SKU is not confirmed', () => {
    const mugsWrong = times(5, () => single('PB-MUG-001', 350));
    const mixed = times(5, () => ({ measuredG: 350 + 200 + 90, boxTareG: 90, lines: [{ sku: 'PB-MUG-001', quantity: 1 }, { sku: 'PB-SOCK-3P', quantity: 1 }] }));
    expect(suggestWeightCorrections([...mugsWrong, ...mixed], catalogue, config).map((c) => c.sku)).toEqual(['PB-MUG-001']);
  });

  it('skips packages without a tare, and implied weights of zero or less', () => {
    const packages = [
      ...times(5, () => ({ ...single('PB-MUG-001', 350), boxTareG: null })),
      ...times(5, () => ({ measuredG: 80, boxTareG: 90, lines: [{ sku: 'PB-SOCK-3P', quantity: 1 }] })),
    ];
    expect(suggestWeightCorrections(packages, catalogue, config)).toEqual([]);
  });

  it('only suggests: the catalogue it was given is unchanged', () => {
    const before = [...catalogue];
    suggestWeightCorrections(times(5, () => single('PB-MUG-001', 350)), catalogue, config);
    expect([...catalogue]).toEqual(before);
  });
});

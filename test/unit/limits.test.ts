import { describe, it, expect } from 'vitest';
import {
  US_SITE_RULES,
  checkMarketplaceRules,
  checkServiceLimits,
  sortSides,
  volumetricWeightG,
} from '../../shared/domain/limits';
import type { Dimensions, LimitFinding, MarketplaceInput, ServiceLimits } from '../../shared/domain/limits';

// Limits as carriers/LIMITS.md gives them (defaults that configuration overrides).
const CHINA_POST_SMALL_PACKET: ServiceLimits = {
  maxWeightG: 2000,
  maxLengthMm: 600,
  maxSumOfSidesMm: 900,
  minFaceMm: [140, 90],
  toleranceMm: 2,
};
const DHL_EXPRESS: ServiceLimits = { maxWeightG: 300_000, maxLengthMm: 3000, warnWeightG: 70_000, warnLengthMm: 1200 };
const FEDEX_INTERNATIONAL_PRIORITY: ServiceLimits = { maxWeightG: 68_000, maxLengthMm: 2740, maxLengthPlusGirthMm: 3300 };

function box(lengthMm: number, widthMm: number, heightMm: number): Dimensions {
  return { lengthMm, widthMm, heightMm };
}

function codes(findings: LimitFinding[]): string[] {
  return findings.map((f) => f.code);
}

describe('sortSides', () => {
  it.each<[Dimensions, [number, number, number]]>([
    [box(300, 200, 100), [300, 200, 100]],
    [box(100, 300, 200), [300, 200, 100]],
    [box(100, 200, 300), [300, 200, 100]],
    [box(250, 250, 80), [250, 250, 80]],
  ])('%o is measured as %o', (d, expected) => {
    expect(sortSides(d)).toEqual(expected);
  });
});

describe('checkMarketplaceRules (Amazon US defaults)', () => {
  const oneLightUnit = [{ sku: 'MUG-RED', unitWeightG: 450 }];

  it.each<[string, Dimensions, string[]]>([
    ['a carton 634 mm long passes', box(634, 300, 200), []],
    ['a carton exactly 635 mm (63.5 cm) long passes', box(635, 300, 200), []],
    ['a carton 636 mm long is blocked', box(636, 300, 200), ['CARTON_SIDE_TOO_LONG']],
    ['a carton standing on end is measured by its longest side', box(200, 300, 640), ['CARTON_SIDE_TOO_LONG']],
  ])('%s', (_name, outer, expected) => {
    expect(codes(checkMarketplaceRules(US_SITE_RULES, { outer, units: oneLightUnit, packageWeightG: 700 }))).toEqual(expected);
  });

  it('reports the longest side against the 635 mm limit', () => {
    expect(checkMarketplaceRules(US_SITE_RULES, { outer: box(200, 300, 640), units: oneLightUnit, packageWeightG: 700 })).toEqual([
      { code: 'CARTON_SIDE_TOO_LONG', severity: 'block', limit: 635, value: 640, unit: 'mm' },
    ]);
  });

  it.each<[string, MarketplaceInput['units'], number, LimitFinding[]]>([
    ['a unit of 22,499 g passes', [{ sku: 'ANVIL', unitWeightG: 22_499 }], 22_500, []],
    ['a unit of exactly 22.5 kg passes', [{ sku: 'ANVIL', unitWeightG: 22_500 }], 22_500, []],
    [
      'a unit of 22,501 g by the catalogue is too heavy, even if the scale reads less',
      [{ sku: 'ANVIL', unitWeightG: 22_501 }],
      22_400,
      [{ code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 22_501, unit: 'g', subject: 'ANVIL' }],
    ],
    [
      'a single unit the scale says is too heavy is caught even when the catalogue says less',
      [{ sku: 'ANVIL', unitWeightG: 20_000 }],
      22_501,
      [{ code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 22_501, unit: 'g', subject: 'ANVIL' }],
    ],
    [
      'a single unit with no catalogue weight is judged by the scale',
      [{ sku: 'ANVIL', unitWeightG: null }],
      23_000,
      [{ code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 23_000, unit: 'g', subject: 'ANVIL' }],
    ],
    ['a single unit with no catalogue weight, weighed at exactly 22.5 kg, passes', [{ sku: 'ANVIL', unitWeightG: null }], 22_500, []],
    [
      'two units of 12 kg weigh 24 kg together, but no single item is too heavy',
      [
        { sku: 'KETTLEBELL-12', unitWeightG: 12_000 },
        { sku: 'KETTLEBELL-12', unitWeightG: 12_000 },
      ],
      24_600,
      [],
    ],
    [
      'three units of one heavy SKU give one finding for that SKU',
      [
        { sku: 'ANVIL', unitWeightG: 23_000 },
        { sku: 'ANVIL', unitWeightG: 23_000 },
        { sku: 'ANVIL', unitWeightG: 23_000 },
      ],
      69_500,
      [{ code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 23_000, unit: 'g', subject: 'ANVIL' }],
    ],
    [
      'two heavy SKUs give one finding each, a light one none',
      [
        { sku: 'ANVIL', unitWeightG: 23_000 },
        { sku: 'MUG-RED', unitWeightG: 450 },
        { sku: 'SAFE', unitWeightG: 30_000 },
      ],
      54_000,
      [
        { code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 23_000, unit: 'g', subject: 'ANVIL' },
        { code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 22_500, value: 30_000, unit: 'g', subject: 'SAFE' },
      ],
    ],
  ])('%s', (_name, units, packageWeightG, expected) => {
    expect(checkMarketplaceRules(US_SITE_RULES, { outer: box(600, 400, 300), units, packageWeightG })).toEqual(expected);
  });

  it('uses the rules it is given, not the US defaults', () => {
    const stricter = { id: 'test-site', maxCartonSideMm: 450, maxItemWeightG: 15_000 };
    const findings = checkMarketplaceRules(stricter, {
      outer: box(500, 300, 200),
      units: [{ sku: 'KETTLEBELL-16', unitWeightG: 16_000 }],
      packageWeightG: 16_400,
    });
    expect(findings).toEqual([
      { code: 'CARTON_SIDE_TOO_LONG', severity: 'block', limit: 450, value: 500, unit: 'mm' },
      { code: 'ITEM_TOO_HEAVY', severity: 'block', limit: 15_000, value: 16_400, unit: 'g', subject: 'KETTLEBELL-16' },
    ]);
  });

  it.each<[string, MarketplaceInput]>([
    ['a scale reading that is not a number', { outer: box(300, 200, 100), units: oneLightUnit, packageWeightG: Number.NaN }],
    ['a negative side', { outer: box(300, -200, 100), units: oneLightUnit, packageWeightG: 500 }],
    ['a negative catalogue weight', { outer: box(300, 200, 100), units: [{ sku: 'X', unitWeightG: -1 }], packageWeightG: 500 }],
  ])('refuses %s rather than letting it pass every check', (_name, input) => {
    expect(() => checkMarketplaceRules(US_SITE_RULES, input)).toThrow(RangeError);
  });
});

describe('checkServiceLimits: China Post registered small packet (2 kg, 600 mm, L+W+H 900 mm, face 140 × 90, ±2 mm)', () => {
  it.each<[string, Dimensions, number, string[]]>([
    ['1,999 g passes', box(300, 200, 100), 1999, []],
    ['exactly 2 kg passes', box(300, 200, 100), 2000, []],
    ['2,001 g is too heavy (no tolerance on weight)', box(300, 200, 100), 2001, ['SERVICE_TOO_HEAVY']],
    ['599 mm long passes', box(599, 150, 100), 500, []],
    ['exactly 600 mm long passes', box(600, 150, 100), 500, []],
    ['602 mm long passes within the 2 mm tolerance', box(602, 150, 100), 500, []],
    ['603 mm long is too long', box(603, 150, 100), 500, ['SERVICE_TOO_LONG']],
    ['L+W+H of 899 mm passes', box(400, 300, 199), 500, []],
    ['L+W+H of exactly 900 mm passes', box(400, 300, 200), 500, []],
    ['L+W+H of 902 mm passes within the tolerance', box(400, 300, 202), 500, []],
    ['L+W+H of 903 mm is too big', box(400, 300, 203), 500, ['SERVICE_SUM_OF_SIDES']],
    ['a face of exactly 140 × 90 mm passes', box(140, 90, 20), 100, []],
    ['a face of 138 × 88 mm passes within the tolerance', box(138, 88, 20), 100, []],
    ['a face measured the other way round (90 × 140) passes', box(90, 20, 140), 100, []],
    ['a face 137 mm long is too small', box(137, 90, 20), 100, ['SERVICE_TOO_SMALL']],
    ['a face 87 mm wide is too small', box(140, 87, 20), 100, ['SERVICE_TOO_SMALL']],
    ['a long, heavy parcel gets every finding that applies', box(650, 200, 100), 2500, ['SERVICE_TOO_HEAVY', 'SERVICE_TOO_LONG', 'SERVICE_SUM_OF_SIDES']],
  ])('%s', (_name, outer, weightG, expected) => {
    expect(codes(checkServiceLimits(CHINA_POST_SMALL_PACKET, outer, weightG))).toEqual(expected);
  });

  it('quotes the published limit, not the limit plus tolerance', () => {
    expect(checkServiceLimits(CHINA_POST_SMALL_PACKET, box(603, 150, 100), 500)).toEqual([
      { code: 'SERVICE_TOO_LONG', severity: 'block', limit: 600, value: 603, unit: 'mm' },
    ]);
  });

  it('names the short side of a small face', () => {
    expect(checkServiceLimits(CHINA_POST_SMALL_PACKET, box(140, 87, 20), 100)).toEqual([
      { code: 'SERVICE_TOO_SMALL', severity: 'block', limit: 90, value: 87, unit: 'mm' },
    ]);
  });
});

describe('checkServiceLimits: DHL Express (surcharge above 70 kg / 1200 mm, block above 300 kg / 3000 mm)', () => {
  it.each<[string, Dimensions, number, LimitFinding[]]>([
    ['69,999 g has no surcharge', box(600, 400, 400), 69_999, []],
    ['exactly 70 kg has no surcharge', box(600, 400, 400), 70_000, []],
    [
      '70,001 g carries the weight surcharge but may ship',
      box(600, 400, 400),
      70_001,
      [{ code: 'SERVICE_SURCHARGE_WEIGHT', severity: 'warn', limit: 70_000, value: 70_001, unit: 'g' }],
    ],
    [
      'exactly 300 kg still ships, with the surcharge',
      box(1000, 800, 800),
      300_000,
      [{ code: 'SERVICE_SURCHARGE_WEIGHT', severity: 'warn', limit: 70_000, value: 300_000, unit: 'g' }],
    ],
    [
      '300,001 g is blocked, without a surcharge warning on top',
      box(1000, 800, 800),
      300_001,
      [{ code: 'SERVICE_TOO_HEAVY', severity: 'block', limit: 300_000, value: 300_001, unit: 'g' }],
    ],
    ['1,199 mm long has no surcharge', box(1199, 300, 300), 20_000, []],
    ['exactly 1,200 mm long has no surcharge', box(1200, 300, 300), 20_000, []],
    [
      '1,201 mm long carries the length surcharge',
      box(300, 1201, 300),
      20_000,
      [{ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: 1200, value: 1201, unit: 'mm' }],
    ],
    [
      'exactly 3,000 mm long ships, with the surcharge',
      box(3000, 300, 300),
      20_000,
      [{ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: 1200, value: 3000, unit: 'mm' }],
    ],
    [
      '3,001 mm long is blocked',
      box(3001, 300, 300),
      20_000,
      [{ code: 'SERVICE_TOO_LONG', severity: 'block', limit: 3000, value: 3001, unit: 'mm' }],
    ],
    [
      '2,999 mm long ships, with the surcharge',
      box(2999, 300, 300),
      20_000,
      [{ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: 1200, value: 2999, unit: 'mm' }],
    ],
  ])('%s', (_name, outer, weightG, expected) => {
    expect(checkServiceLimits(DHL_EXPRESS, outer, weightG)).toEqual(expected);
  });

  it('a 120 × 80 × 80 cm box is not a DHL limit (LIMITS.md: not found), so 121 × 81 × 81 cm only warns on length', () => {
    expect(codes(checkServiceLimits(DHL_EXPRESS, box(1210, 810, 810), 30_000))).toEqual(['SERVICE_SURCHARGE_LENGTH']);
  });
});

describe('checkServiceLimits: FedEx International Priority (68 kg, 2740 mm, length + girth 3300 mm)', () => {
  it.each<[string, Dimensions, number, string[]]>([
    ['67,999 g passes', box(500, 400, 300), 67_999, []],
    ['exactly 68 kg passes', box(500, 400, 300), 68_000, []],
    ['68,001 g is too heavy', box(500, 400, 300), 68_001, ['SERVICE_TOO_HEAVY']],
    ['2,739 mm long passes', box(2739, 100, 100), 20_000, []],
    ['exactly 2,740 mm long passes', box(2740, 100, 100), 20_000, []],
    ['2,741 mm long is too long', box(2741, 100, 100), 20_000, ['SERVICE_TOO_LONG']],
    ['length + girth 3,299 mm passes', box(1299, 500, 500), 20_000, []],
    ['length + girth exactly 3,300 mm passes', box(1300, 500, 500), 20_000, []],
    ['length + girth 3,301 mm is too big', box(500, 1301, 500), 20_000, ['SERVICE_LENGTH_PLUS_GIRTH']],
    [
      'an oversize, overweight parcel gets each finding',
      box(2800, 600, 600),
      70_000,
      ['SERVICE_TOO_HEAVY', 'SERVICE_TOO_LONG', 'SERVICE_LENGTH_PLUS_GIRTH'],
    ],
  ])('%s', (_name, outer, weightG, expected) => {
    expect(codes(checkServiceLimits(FEDEX_INTERNATIONAL_PRIORITY, outer, weightG))).toEqual(expected);
  });

  it('girth is taken from the two shorter sides, whichever way the box was measured', () => {
    expect(checkServiceLimits(FEDEX_INTERNATIONAL_PRIORITY, box(500, 500, 1301), 20_000)).toEqual([
      { code: 'SERVICE_LENGTH_PLUS_GIRTH', severity: 'block', limit: 3300, value: 3301, unit: 'mm' },
    ]);
  });
});

describe('checkServiceLimits: inputs', () => {
  it('a service with no limits configured finds nothing', () => {
    expect(checkServiceLimits({}, box(5000, 5000, 5000), 1_000_000)).toEqual([]);
  });

  it.each<[string, Dimensions, number]>([
    ['a weight that is not a number', box(300, 200, 100), Number.NaN],
    ['an infinite side', box(Number.POSITIVE_INFINITY, 200, 100), 500],
    ['a negative weight', box(300, 200, 100), -5],
  ])('refuses %s', (_name, outer, weightG) => {
    expect(() => checkServiceLimits(FEDEX_INTERNATIONAL_PRIORITY, outer, weightG)).toThrow(RangeError);
  });
});

describe('volumetricWeightG', () => {
  it.each<[string, Dimensions, number, number]>([
    ['40 × 30 × 20 cm at 5000 cm³/kg is 4.8 kg', box(400, 300, 200), 5000, 4800],
    ['the same box at 6000 cm³/kg is 4 kg', box(400, 300, 200), 6000, 4000],
    ['a fraction of a gram rounds up (24,260,901 mm³ / 5000 = 4852.18)', box(401, 301, 201), 5000, 4853],
    ['a 1 mm cube is still 1 g', box(1, 1, 1), 5000, 1],
    ['the orientation does not matter', box(200, 400, 300), 5000, 4800],
  ])('%s', (_name, outer, divisor, expected) => {
    expect(volumetricWeightG(outer, divisor)).toBe(expected);
  });

  it.each([0, -5000, Number.NaN])('refuses divisor %s', (divisor) => {
    expect(() => volumetricWeightG(box(400, 300, 200), divisor)).toThrow(RangeError);
  });
});

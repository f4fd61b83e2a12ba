import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  SERVICE_LIMIT_DEFAULTS,
  US_SITE_RULES,
  VOLUMETRIC_RULE_DEFAULTS,
  billableWeight,
  checkMarketplaceRules,
  checkRollLimits,
  checkServiceLimits,
  effectiveAt,
  limitsAt,
  rollBoundingBox,
  sortSides,
  volumetricRuleAt,
  volumetricWeightFor,
  volumetricWeightG,
} from '../../shared/domain/limits';
import type {
  DatedServiceLimits,
  Dimensions,
  LimitFinding,
  MarketplaceInput,
  ParcelShape,
  Roll,
  ServiceLimits,
  VolumetricRule,
} from '../../shared/domain/limits';

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

// The dated defaults, read on an ordinary packing day. Helpers throw rather than let a
// renamed key turn a table of cases into checks against `undefined`.
const PACKING_DAY = '2026-05-04';

function serviceDefaults(id: string): ServiceLimits {
  const dated = SERVICE_LIMIT_DEFAULTS[id];
  const limits = dated === undefined ? null : limitsAt(dated, PACKING_DAY);
  if (limits === null) throw new Error(`no default limits for ${id}`);
  return limits;
}

function ruleDefaults(id: string, date = PACKING_DAY): VolumetricRule {
  const dated = VOLUMETRIC_RULE_DEFAULTS[id];
  const rule = dated === undefined ? null : volumetricRuleAt(dated, date);
  if (rule === null) throw new Error(`no default volumetric rule for ${id} on ${date}`);
  return rule;
}

function roll(lengthMm: number, diameterMm: number): Roll {
  return { kind: 'roll', lengthMm, diameterMm };
}

describe('service limit defaults (LIMITS.md)', () => {
  it('the China Post, DHL and FedEx defaults are the limits the tables above test', () => {
    expect(serviceDefaults('china-post-registered-small-packet')).toMatchObject(CHINA_POST_SMALL_PACKET);
    expect(serviceDefaults('dhl-express')).toEqual(DHL_EXPRESS);
    expect(serviceDefaults('fedex-international')).toEqual(FEDEX_INTERNATIONAL_PRIORITY);
  });

  it.each<[string, string, Dimensions, number, string[]]>([
    ['china-post-epacket', 'a face of 140 × 110 mm passes', box(140, 110, 20), 100, []],
    ['china-post-epacket', 'a face 108 mm wide passes within the 2 mm tolerance', box(140, 108, 20), 100, []],
    ['china-post-epacket', 'a face 107 mm wide is too small (ePacket asks 11 cm, not 9)', box(140, 107, 20), 100, ['SERVICE_TOO_SMALL']],
    ['china-post-epacket', 'exactly 2 kg passes', box(300, 200, 100), 2000, []],
    ['china-post-epacket', '2,001 g is too heavy', box(300, 200, 100), 2001, ['SERVICE_TOO_HEAVY']],
    ['ups-international', '69,999 g passes', box(500, 400, 300), 69_999, []],
    ['ups-international', 'exactly 70 kg passes', box(500, 400, 300), 70_000, []],
    ['ups-international', '70,001 g is too heavy', box(500, 400, 300), 70_001, ['SERVICE_TOO_HEAVY']],
    ['ups-international', 'exactly 2,740 mm long passes', box(2740, 100, 100), 20_000, []],
    ['ups-international', '2,741 mm long is too long', box(2741, 100, 100), 20_000, ['SERVICE_TOO_LONG']],
    ['ups-international', 'length + girth 3,999 mm passes', box(1999, 500, 500), 20_000, []],
    ['ups-international', 'length + girth exactly 4,000 mm passes', box(2000, 500, 500), 20_000, []],
    ['ups-international', 'length + girth 4,001 mm is too big', box(2001, 500, 500), 20_000, ['SERVICE_LENGTH_PLUS_GIRTH']],
    ['ups-us', '68,038 g (just under 150 lb = 68,038.86 g) passes', box(500, 400, 300), 68_038, []],
    ['ups-us', '68,039 g (just over 150 lb) is too heavy', box(500, 400, 300), 68_039, ['SERVICE_TOO_HEAVY']],
    ['ups-us', '2,743 mm (just under 108 in = 2,743.2 mm) passes', box(2743, 100, 100), 20_000, []],
    ['ups-us', '2,744 mm (just over 108 in) is too long', box(2744, 100, 100), 20_000, ['SERVICE_TOO_LONG']],
    ['ups-us', 'length + girth 4,191 mm (165 in) passes', box(1791, 600, 600), 20_000, []],
    ['ups-us', 'length + girth 4,192 mm is too big', box(1792, 600, 600), 20_000, ['SERVICE_LENGTH_PLUS_GIRTH']],
    ['usps-priority-mail', '31,751 g (just under 70 lb = 31,751.47 g) passes', box(300, 200, 100), 31_751, []],
    ['usps-priority-mail', '31,752 g (just over 70 lb) is too heavy', box(300, 200, 100), 31_752, ['SERVICE_TOO_HEAVY']],
    ['usps-priority-mail', 'length + girth 2,743 mm (under 108 in) passes', box(1143, 400, 400), 5000, []],
    ['usps-priority-mail', 'length + girth 2,744 mm (over 108 in) is too big', box(1144, 400, 400), 5000, ['SERVICE_LENGTH_PLUS_GIRTH']],
    ['usps-priority-mail', 'a long thin parcel has no separate length limit', box(2000, 100, 100), 5000, []],
    ['usps-ground-advantage', 'length + girth 2,743 mm (under 108 in) has no oversized price', box(1143, 400, 400), 5000, []],
    [
      'usps-ground-advantage',
      'length + girth 2,744 mm (over 108 in) pays the oversized price',
      box(1144, 400, 400),
      5000,
      ['SERVICE_SURCHARGE_LENGTH_PLUS_GIRTH'],
    ],
    ['usps-ground-advantage', 'length + girth exactly 3,302 mm (130 in) still ships, oversized', box(1702, 400, 400), 5000, ['SERVICE_SURCHARGE_LENGTH_PLUS_GIRTH']],
    ['usps-ground-advantage', 'length + girth 3,303 mm is not mailable, without the warning on top', box(1703, 400, 400), 5000, ['SERVICE_LENGTH_PLUS_GIRTH']],
    ['usps-ground-advantage', '31,752 g (over 70 lb) is not mailable', box(300, 200, 100), 31_752, ['SERVICE_TOO_HEAVY']],
  ])('%s: %s', (service, _name, outer, weightG, expected) => {
    expect(codes(checkServiceLimits(serviceDefaults(service), outer, weightG))).toEqual(expected);
  });

  it('names the oversized-price threshold and the measured length + girth', () => {
    expect(checkServiceLimits(serviceDefaults('usps-ground-advantage'), box(400, 1144, 400), 5000)).toEqual([
      { code: 'SERVICE_SURCHARGE_LENGTH_PLUS_GIRTH', severity: 'warn', limit: 2743, value: 2744, unit: 'mm' },
    ]);
  });
});

describe('rolls and tubes: China Post (L ≤ 900, L + 2d ≤ 1040, L ≥ 100, L + 2d ≥ 170, ±2 mm)', () => {
  const chinaPost = serviceDefaults('china-post-registered-small-packet');

  it.each<[string, Roll, number, string[]]>([
    ['a 899 mm roll passes', roll(899, 60), 500, []],
    ['exactly 900 mm passes (though a box may be only 600 mm)', roll(900, 60), 500, []],
    ['902 mm passes within the tolerance', roll(902, 60), 500, []],
    ['903 mm is too long', roll(903, 60), 500, ['SERVICE_ROLL_TOO_LONG']],
    ['L + 2d of 1,039 mm passes', roll(839, 100), 500, []],
    ['L + 2d of exactly 1,040 mm passes', roll(840, 100), 500, []],
    ['L + 2d of 1,042 mm passes within the tolerance', roll(842, 100), 500, []],
    ['L + 2d of 1,043 mm is too big', roll(843, 100), 500, ['SERVICE_ROLL_LENGTH_PLUS_DIAMETERS']],
    ['exactly 100 mm long passes', roll(100, 40), 100, []],
    ['98 mm long passes within the tolerance', roll(98, 40), 100, []],
    ['97 mm long is too small', roll(97, 40), 100, ['SERVICE_ROLL_TOO_SMALL']],
    ['L + 2d of exactly 170 mm passes', roll(110, 30), 100, []],
    ['L + 2d of 168 mm passes within the tolerance', roll(110, 29), 100, []],
    ['L + 2d of 167 mm is too small', roll(107, 30), 100, ['SERVICE_ROLL_TOO_SMALL']],
    ['the weight limit holds for rolls too, with no tolerance', roll(500, 60), 2001, ['SERVICE_TOO_HEAVY']],
    ['a long, fat, heavy roll gets every finding', roll(950, 80), 2500, ['SERVICE_TOO_HEAVY', 'SERVICE_ROLL_TOO_LONG', 'SERVICE_ROLL_LENGTH_PLUS_DIAMETERS']],
  ])('%s', (_name, shape, weightG, expected) => {
    expect(codes(checkRollLimits(chinaPost, shape, weightG))).toEqual(expected);
  });

  it('ePacket asks a roll at least 110 mm long', () => {
    expect(checkRollLimits(serviceDefaults('china-post-epacket'), roll(107, 40), 100)).toEqual([
      { code: 'SERVICE_ROLL_TOO_SMALL', severity: 'block', limit: 110, value: 107, unit: 'mm' },
    ]);
    expect(checkRollLimits(serviceDefaults('china-post-epacket'), roll(108, 40), 100)).toEqual([]);
  });

  it('quotes the published roll limit and the measured length + 2 × diameter', () => {
    expect(checkRollLimits(chinaPost, roll(843, 100), 500)).toEqual([
      { code: 'SERVICE_ROLL_LENGTH_PLUS_DIAMETERS', severity: 'block', limit: 1040, value: 1043, unit: 'mm' },
    ]);
  });

  it('checkServiceLimits judges a roll by the roll rules, not as a 900 mm box', () => {
    expect(checkServiceLimits(chinaPost, roll(900, 60), 500)).toEqual([]);
    expect(checkServiceLimits(chinaPost, rollBoundingBox(roll(900, 60)), 500).map((f) => f.code)).toContain('SERVICE_TOO_LONG');
  });

  it.each<[string, ServiceLimits, Roll, number, string[]]>([
    ['DHL measures a 3,001 mm tube as a 3,001 mm box', DHL_EXPRESS, roll(3001, 100), 20_000, ['SERVICE_TOO_LONG']],
    ['DHL warns on a 1,500 mm tube as on a 1,500 mm box', DHL_EXPRESS, roll(1500, 100), 20_000, ['SERVICE_SURCHARGE_LENGTH']],
    ['FedEx adds the girth of the box around the tube: 1,300 + 4 × 500 = 3,300 mm passes', FEDEX_INTERNATIONAL_PRIORITY, roll(1300, 500), 20_000, []],
    ['FedEx: 1,301 + 4 × 500 = 3,301 mm is too big', FEDEX_INTERNATIONAL_PRIORITY, roll(1301, 500), 20_000, ['SERVICE_LENGTH_PLUS_GIRTH']],
  ])('a service without roll limits: %s', (_name, limits, shape, weightG, expected) => {
    expect(codes(checkServiceLimits(limits, shape, weightG))).toEqual(expected);
  });

  it.each<[string, Roll]>([
    ['a negative diameter', roll(500, -1)],
    ['a length that is not a number', roll(Number.NaN, 50)],
  ])('refuses %s', (_name, shape) => {
    expect(() => checkRollLimits(DHL_EXPRESS, shape, 500)).toThrow(RangeError);
    expect(() => checkServiceLimits(serviceDefaults('china-post-registered-small-packet'), shape, 500)).toThrow(RangeError);
  });
});

describe('limits with an effective date', () => {
  const before: ServiceLimits = { maxWeightG: 2000 };
  const after: ServiceLimits = { maxWeightG: 3000 };
  // Listed newest first on purpose: the order of the entries must not matter.
  const dated: DatedServiceLimits = [
    { effectiveFrom: '2026-07-12', limits: after },
    { effectiveFrom: '2024-01-01', limits: before },
  ];

  it.each<[string, string, ServiceLimits | null]>([
    ['the day before the first entry has no limits yet', '2023-12-31', null],
    ['the first entry holds from its own day', '2024-01-01', before],
    ['the first entry holds the day before the change', '2026-07-11', before],
    ['the change holds from its own day', '2026-07-12', after],
    ['the change holds afterwards', '2030-01-01', after],
  ])('%s', (_name, date, expected) => {
    expect(limitsAt(dated, date)).toBe(expected);
  });

  it('a package checked on the change date is judged by the new limit', () => {
    const limits = limitsAt(dated, '2026-07-12');
    expect(limits && codes(checkServiceLimits(limits, box(300, 200, 100), 2500))).toEqual([]);
    const old = limitsAt(dated, '2026-07-11');
    expect(old && codes(checkServiceLimits(old, box(300, 200, 100), 2500))).toEqual(['SERVICE_TOO_HEAVY']);
  });

  it.each(['2026-7-12', '2026-07-12T00:00:00Z', '2026-13-01', '12/07/2026', ''])('refuses the date "%s"', (date) => {
    expect(() => limitsAt(dated, date)).toThrow(RangeError);
  });

  it('refuses two entries taking effect on one day', () => {
    expect(() =>
      effectiveAt(
        [
          { effectiveFrom: '2026-07-12', limits: before },
          { effectiveFrom: '2026-07-12', limits: after },
        ],
        '2026-08-01',
      ),
    ).toThrow(RangeError);
  });
});

describe('volumetricWeightFor: metric rules (cm³/kg)', () => {
  const exact: VolumetricRule = { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'none' };

  it.each<[string, string, ParcelShape, number]>([
    ['dhl-express', '40 × 30 × 20 cm = 24,000 cm³ / 5000 = 4.8 kg, to the next half kg: 5 kg', box(400, 300, 200), 5000],
    ['dhl-express', '42 × 30 × 20 cm = 5.04 kg becomes 5.5 kg', box(420, 300, 200), 5500],
    ['dhl-express', '50 × 40 × 25 cm = exactly 10 kg stays 10 kg', box(500, 400, 250), 10_000],
    ['dhl-express', '40.5 × 30.5 × 20.5 cm (sides not rounded) = 5.06 kg becomes 5.5 kg', box(405, 305, 205), 5500],
    ['dhl-express', 'a 90 cm tube of 10 cm is measured as 90 × 10 × 10 cm = 1.8 kg → 2 kg', roll(900, 100), 2000],
    ['fedex-international', '4.8 kg is charged as 5 kg', box(400, 300, 200), 5000],
    ['fedex-international', 'exactly 10 kg stays 10 kg', box(500, 400, 250), 10_000],
    ['fedex-international', '50.1 × 40 × 25 cm = 10.02 kg: any fraction is the next kg, 11 kg', box(501, 400, 250), 11_000],
    ['ups-international', 'UPS rounds 40.4 × 30.4 × 20.4 cm to 40 × 30 × 20 cm: 4.8 kg → 5 kg', box(404, 304, 204), 5000],
    ['ups-international', 'UPS rounds 40.5 × 30.5 × 20.5 cm up to 41 × 31 × 21 = 26,691 cm³: 5.34 kg → 6 kg', box(405, 305, 205), 6000],
  ])('%s: %s', (service, _name, outer, expected) => {
    expect(volumetricWeightFor(ruleDefaults(service), outer)).toBe(expected);
  });

  it.each<[string, VolumetricRule, Dimensions, number]>([
    ['sides rounded up to whole cm: 40.1 × 30.1 × 20.1 → 41 × 31 × 21 = 26,691 cm³ = 5,338.2 g → 5,339 g', { ...exact, dimensionRounding: 'up' }, box(401, 301, 201), 5339],
    ['a 6000 divisor: 40 × 30 × 20 cm = 4 kg', { ...exact, divisor: 6000 }, box(400, 300, 200), 4000],
    ['with no rounding at all, 24,260,901 mm³ / 5000 = 4,852.18 g → 4,853 g', exact, box(401, 301, 201), 4853],
  ])('%s', (_name, rule, outer, expected) => {
    expect(volumetricWeightFor(rule, outer)).toBe(expected);
  });

  it('with no rounding, it is volumetricWeightG for any box and divisor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom(4000, 5000, 6000, 7000),
        (l, w, h, divisor) => volumetricWeightFor({ ...exact, divisor }, box(l, w, h)) === volumetricWeightG(box(l, w, h), divisor),
      ),
    );
  });
});

describe('volumetricWeightFor: imperial rules (in³/lb)', () => {
  it.each<[string, string, string, Dimensions, number]>([
    ['fedex-us', PACKING_DAY, '305 mm (12.01 in) sides round to 12 in: 1728 / 139 = 12.43 lb → 13 lb = 5,897 g', box(305, 305, 305), 5897],
    ['fedex-us', PACKING_DAY, '318 mm (12.52 in) rounds up to 13 in: 13 × 12 × 12 / 139 = 13.47 → 14 lb', box(318, 305, 305), 6350],
    ['fedex-us', PACKING_DAY, '317 mm (12.48 in) rounds down to 12 in: 13 lb', box(317, 305, 305), 5897],
    ['ups-international-imperial', PACKING_DAY, 'UPS rounds 264 mm (10.39 in) to 10 in: 1000 / 139 = 7.19 → 8 lb', box(264, 264, 264), 3629],
    ['ups-us-retail', PACKING_DAY, 'UPS US retail divides by 166: 13 in cube = 2197 / 166 = 13.23 → 14 lb', box(330, 330, 330), 6350],
    ['usps', '2026-07-11', 'USPS before 12 Jul 2026: a 12 in cube is not above 1728 in³, no dimensional weight', box(305, 305, 305), 0],
    ['usps', '2026-07-11', 'USPS before 12 Jul 2026: a 13 in cube = 2197 / 166 = 13.23 → 14 lb', box(330, 330, 330), 6350],
    ['usps', '2026-07-12', 'USPS from 12 Jul 2026 rounds 12.01 in up to 13: 2197 / 139 = 15.81 → 16 lb', box(305, 305, 305), 7257],
    ['usps', '2026-07-12', 'USPS from 12 Jul 2026: 304 mm (11.97 in) rounds up to 12 in, 1728 in³, not above', box(304, 304, 304), 0],
    ['usps', '2026-07-12', 'USPS from 12 Jul 2026: a 13 in cube = 2197 / 139 → 16 lb', box(330, 330, 330), 7257],
  ])('%s on %s: %s', (service, date, _name, outer, expected) => {
    expect(volumetricWeightFor(ruleDefaults(service, date), outer)).toBe(expected);
  });

  it('USPS took effect with the 166 divisor on 23 Jun 2019 (the earlier 194 rule is not modelled)', () => {
    expect(volumetricRuleAt(VOLUMETRIC_RULE_DEFAULTS['usps'] ?? [], '2019-06-22')).toBeNull();
    expect(ruleDefaults('usps', '2019-06-23').divisor).toBe(166);
    expect(ruleDefaults('usps', '2026-07-12')).toMatchObject({ divisor: 139, dimensionRounding: 'up' });
  });

  it.each<[string, VolumetricRule, Dimensions, number]>([
    [
      'exactly 10 in (254 mm) rounded up stays 10 in: 1000 / 139 = 7.19 → 8 lb, not 11 in and 10 lb',
      { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'up', resultRounding: 'up-whole' },
      box(254, 254, 254),
      3629,
    ],
    [
      'a 5 in cube (127 mm) with no rounding: 125 / 139 = 0.8993 lb = 407.9 g → 408 g',
      { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'none', resultRounding: 'none' },
      box(127, 127, 127),
      408,
    ],
    [
      'to the next half pound: a 10 in cube = 1000 / 139 = 7.19 lb → 7.5 lb = 3,402 g',
      { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'nearest', resultRounding: 'up-half' },
      box(254, 254, 254),
      3402,
    ],
  ])('%s', (_name, rule, outer, expected) => {
    expect(volumetricWeightFor(rule, outer)).toBe(expected);
  });

  it('rounding the result up never gives less: whole ≥ half ≥ exact (within the gram of a pound conversion)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom<VolumetricRule['unitSystem']>('metric', 'imperial'),
        fc.constantFrom<VolumetricRule['dimensionRounding']>('none', 'nearest', 'up'),
        (l, w, h, unitSystem, dimensionRounding) => {
          const rule = (resultRounding: VolumetricRule['resultRounding']): VolumetricRule => ({
            divisor: unitSystem === 'metric' ? 5000 : 139,
            unitSystem,
            dimensionRounding,
            resultRounding,
          });
          const exact = volumetricWeightFor(rule('none'), box(l, w, h));
          const half = volumetricWeightFor(rule('up-half'), box(l, w, h));
          const whole = volumetricWeightFor(rule('up-whole'), box(l, w, h));
          expect(whole).toBeGreaterThanOrEqual(half);
          expect(half).toBeGreaterThanOrEqual(exact - 1);
        },
      ),
    );
  });

  it.each<[string, VolumetricRule]>([
    ['a zero divisor', { divisor: 0, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'none' }],
    ['half-inch rounding on a metric rule', { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'half-up-inch', resultRounding: 'none' }],
    ['a negative minimum volume', { divisor: 166, unitSystem: 'imperial', dimensionRounding: 'nearest', resultRounding: 'up-whole', minVolumeForDim: -1 }],
  ])('refuses %s', (_name, rule) => {
    expect(() => volumetricWeightFor(rule, box(300, 200, 100))).toThrow(RangeError);
  });
});

describe('billableWeight', () => {
  it.each<[string, number, number, Pick<VolumetricRule, 'unitSystem' | 'resultRounding'> | undefined, number]>([
    ['the actual weight when it is the higher', 5100, 5000, undefined, 5100],
    ['the volumetric weight when it is the higher', 4200, 5000, undefined, 5000],
    ['no dimensional weight (0) leaves the actual', 4200, 0, undefined, 4200],
    ['DHL rounds the actual weight to the next half kg too: 5.1 kg → 5.5 kg', 5100, 5000, ruleDefaults('dhl-express'), 5500],
    ['FedEx: exactly 2 kg stays 2 kg', 2000, 0, ruleDefaults('fedex-international'), 2000],
    ['FedEx: 2,001 g is charged as 3 kg', 2001, 0, ruleDefaults('fedex-international'), 3000],
    ["UPS: the scale's 2,268 g is 5 lb (2,267.96 g), not 6", 2268, 0, ruleDefaults('ups-international-imperial'), 2268],
    ['UPS: 2,269 g is over 5 lb, charged as 6 lb', 2269, 0, ruleDefaults('ups-international-imperial'), 2722],
    ['UPS: 6 lb of volume beats 5 lb on the scale', 2268, 2722, ruleDefaults('ups-international-imperial'), 2722],
  ])('%s', (_name, actualG, volumetricG, rule, expected) => {
    expect(billableWeight(actualG, volumetricG, rule)).toBe(expected);
  });

  it.each([
    [Number.NaN, 0],
    [-1, 0],
    [100, Number.POSITIVE_INFINITY],
  ])('refuses actual %s g and volumetric %s g', (actualG, volumetricG) => {
    expect(() => billableWeight(actualG, volumetricG)).toThrow(RangeError);
  });
});

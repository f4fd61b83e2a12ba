// Size and weight checks run before a label exists. Every number comes in as an argument:
// carriers and marketplaces change them (see carriers/LIMITS.md), so the values live in
// configuration and the defaults here are only a starting point.
//
// Units are integer millimetres and grams, as everywhere inside the app. A value exactly at a
// limit passes: carriers and Amazon word their limits as "at most" / "no more than".
// Imperial limits are stored as the last whole millimetre or gram that passes (108 in =
// 2743.2 mm is stored as 2743), which is exact for whole-unit measurements.

import { GRAMS_PER_POUND } from './weight';

export type Dimensions = { lengthMm: number; widthMm: number; heightMm: number };

export type LimitFinding = {
  code: string;
  severity: 'block' | 'warn';
  /** The published limit, without any tolerance, so the message quotes the carrier's figure. */
  limit: number;
  value: number;
  unit: 'mm' | 'g';
  subject?: string;
};

export type MarketplaceRules = { id: string; maxCartonSideMm: number; maxItemWeightG: number };

/** Amazon US as the seller's guide states it: no carton side over 63.5 cm, no item over 22.5 kg. */
export const US_SITE_RULES: MarketplaceRules = { id: 'amazon-us', maxCartonSideMm: 635, maxItemWeightG: 22500 };

export type ServiceLimits = {
  maxWeightG?: number;
  maxLengthMm?: number;
  maxSumOfSidesMm?: number;
  maxLengthPlusGirthMm?: number;
  /** The address face: [longer, shorter], compared with the two longest sides of the parcel. */
  minFaceMm?: [number, number];
  /** Surcharge thresholds: crossing them warns, it does not stop the label. */
  warnWeightG?: number;
  warnLengthMm?: number;
  /** USPS Ground Advantage: 108–130 in length + girth ships at an oversized price. */
  warnLengthPlusGirthMm?: number;
  /** Allowance on every dimension limit (China Post: 2 mm); never applied to weight. */
  toleranceMm?: number;
  /**
   * Limits for rolls and tubes, where the service has its own (China Post). Without them a
   * roll is measured as the box around it: length × diameter × diameter.
   */
  roll?: RollLimits;
};

export type RollLimits = {
  maxLengthMm?: number;
  maxLengthPlusTwoDiametersMm?: number;
  minLengthMm?: number;
  minLengthPlusTwoDiametersMm?: number;
};

/** A tube or roll, measured by its length and its diameter. */
export type Roll = { kind: 'roll'; lengthMm: number; diameterMm: number };

/** What a parcel may be: a box-like cuboid (any orientation) or a roll. */
export type ParcelShape = Dimensions | Roll;

/**
 * Limits that change on a date: each entry holds from its `effectiveFrom` (YYYY-MM-DD, the
 * station's local date) until the next entry's. The order of the entries does not matter.
 */
export type DatedServiceLimits = { effectiveFrom: string; limits: ServiceLimits }[];

export type MarketplaceInput = {
  outer: Dimensions;
  units: Array<{ sku: string; unitWeightG: number | null }>;
  packageWeightG: number;
};

// A NaN or negative measurement would slip through every `>` comparison and pass all
// checks, so bad measurements stop here instead of reaching a label.
function requireMeasure(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number of zero or more, got ${value}`);
  }
}

function requireDimensions(d: Dimensions): void {
  requireMeasure(d.lengthMm, 'lengthMm');
  requireMeasure(d.widthMm, 'widthMm');
  requireMeasure(d.heightMm, 'heightMm');
}

/** Longest first. Boxes are measured in whatever orientation; limits speak of L ≥ W ≥ H. */
export function sortSides(d: Dimensions): [number, number, number] {
  const [a, b, c] = [d.lengthMm, d.widthMm, d.heightMm].sort((x, y) => y - x);
  return [a ?? 0, b ?? 0, c ?? 0];
}

export function checkMarketplaceRules(rules: MarketplaceRules, input: MarketplaceInput): LimitFinding[] {
  requireDimensions(input.outer);
  requireMeasure(input.packageWeightG, 'packageWeightG');
  const findings: LimitFinding[] = [];

  const [longest] = sortSides(input.outer);
  if (longest > rules.maxCartonSideMm) {
    findings.push({ code: 'CARTON_SIDE_TOO_LONG', severity: 'block', limit: rules.maxCartonSideMm, value: longest, unit: 'mm' });
  }

  // One finding per SKU: the heaviest weight known for it, from the catalogue or, when the
  // package holds that single unit, from the scale (which catches a wrong catalogue weight).
  const heaviestBySku = new Map<string, number>();
  const note = (sku: string, weightG: number): void => {
    if (weightG > rules.maxItemWeightG && weightG > (heaviestBySku.get(sku) ?? -1)) {
      heaviestBySku.set(sku, weightG);
    }
  };
  for (const unit of input.units) {
    if (unit.unitWeightG !== null) {
      requireMeasure(unit.unitWeightG, `unitWeightG of ${unit.sku}`);
      note(unit.sku, unit.unitWeightG);
    }
  }
  const [only] = input.units;
  if (input.units.length === 1 && only !== undefined) {
    note(only.sku, input.packageWeightG);
  }
  for (const [sku, weightG] of heaviestBySku) {
    findings.push({ code: 'ITEM_TOO_HEAVY', severity: 'block', limit: rules.maxItemWeightG, value: weightG, unit: 'g', subject: sku });
  }
  return findings;
}

function isRoll(shape: ParcelShape): shape is Roll {
  return 'kind' in shape && shape.kind === 'roll';
}

/** The box a roll fits in, which is how a service without roll limits measures it. */
export function rollBoundingBox(roll: Roll): Dimensions {
  return { lengthMm: roll.lengthMm, widthMm: roll.diameterMm, heightMm: roll.diameterMm };
}

// Weight is judged the same way for boxes and rolls, and carries no tolerance.
function weightFindings(limits: ServiceLimits, weightG: number): LimitFinding[] {
  const findings: LimitFinding[] = [];
  const tooHeavy = limits.maxWeightG !== undefined && weightG > limits.maxWeightG;
  if (limits.maxWeightG !== undefined && tooHeavy) {
    findings.push({ code: 'SERVICE_TOO_HEAVY', severity: 'block', limit: limits.maxWeightG, value: weightG, unit: 'g' });
  }
  // A surcharge warning on a parcel that is already blocked for the same reason adds noise.
  if (limits.warnWeightG !== undefined && !tooHeavy && weightG > limits.warnWeightG) {
    findings.push({ code: 'SERVICE_SURCHARGE_WEIGHT', severity: 'warn', limit: limits.warnWeightG, value: weightG, unit: 'g' });
  }
  return findings;
}

export function checkServiceLimits(limits: ServiceLimits, outer: ParcelShape, weightG: number): LimitFinding[] {
  if (isRoll(outer)) return checkRollLimits(limits, outer, weightG);
  requireDimensions(outer);
  requireMeasure(weightG, 'weightG');
  const tolerance = limits.toleranceMm ?? 0;
  const [length, width, height] = sortSides(outer);
  const findings: LimitFinding[] = [];
  const block = (code: string, limit: number, value: number, unit: 'mm' | 'g'): void => {
    findings.push({ code, severity: 'block', limit, value, unit });
  };

  const byWeight = weightFindings(limits, weightG);
  findings.push(...byWeight.filter((finding) => finding.severity === 'block'));
  const { maxLengthMm } = limits;
  const tooLong = maxLengthMm !== undefined && length > maxLengthMm + tolerance;
  if (tooLong) {
    block('SERVICE_TOO_LONG', maxLengthMm, length, 'mm');
  }
  // The tolerance is added once to a composite limit: it allows for how the parcel was
  // measured, not for each side separately.
  const sumOfSides = length + width + height;
  if (limits.maxSumOfSidesMm !== undefined && sumOfSides > limits.maxSumOfSidesMm + tolerance) {
    block('SERVICE_SUM_OF_SIDES', limits.maxSumOfSidesMm, sumOfSides, 'mm');
  }
  const lengthPlusGirth = length + 2 * (width + height);
  const girthTooBig = limits.maxLengthPlusGirthMm !== undefined && lengthPlusGirth > limits.maxLengthPlusGirthMm + tolerance;
  if (limits.maxLengthPlusGirthMm !== undefined && girthTooBig) {
    block('SERVICE_LENGTH_PLUS_GIRTH', limits.maxLengthPlusGirthMm, lengthPlusGirth, 'mm');
  }
  if (limits.minFaceMm !== undefined) {
    // Whichever way round the config lists the face, compare longer with longer. One
    // finding is enough to stop the label; it names the first side that is short.
    const [minLong, minShort] = [...limits.minFaceMm].sort((x, y) => y - x);
    if (minLong !== undefined && length < minLong - tolerance) {
      block('SERVICE_TOO_SMALL', minLong, length, 'mm');
    } else if (minShort !== undefined && width < minShort - tolerance) {
      block('SERVICE_TOO_SMALL', minShort, width, 'mm');
    }
  }

  findings.push(...byWeight.filter((finding) => finding.severity === 'warn'));
  if (limits.warnLengthMm !== undefined && !tooLong && length > limits.warnLengthMm + tolerance) {
    findings.push({ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: limits.warnLengthMm, value: length, unit: 'mm' });
  }
  if (limits.warnLengthPlusGirthMm !== undefined && !girthTooBig && lengthPlusGirth > limits.warnLengthPlusGirthMm + tolerance) {
    findings.push({
      code: 'SERVICE_SURCHARGE_LENGTH_PLUS_GIRTH',
      severity: 'warn',
      limit: limits.warnLengthPlusGirthMm,
      value: lengthPlusGirth,
      unit: 'mm',
    });
  }
  return findings;
}

/**
 * A roll against the service's roll limits (China Post: length ≤ 900 mm, length + 2 ×
 * diameter ≤ 1040 mm, and at least 100 mm and 170 mm). A service without roll limits
 * measures the box around the roll instead.
 */
export function checkRollLimits(limits: ServiceLimits, roll: Roll, weightG: number): LimitFinding[] {
  requireMeasure(roll.lengthMm, 'lengthMm');
  requireMeasure(roll.diameterMm, 'diameterMm');
  const rules = limits.roll;
  if (rules === undefined) return checkServiceLimits(limits, rollBoundingBox(roll), weightG);
  requireMeasure(weightG, 'weightG');
  const tolerance = limits.toleranceMm ?? 0;
  const length = roll.lengthMm;
  const lengthPlusDiameters = roll.lengthMm + 2 * roll.diameterMm;
  const byWeight = weightFindings(limits, weightG);
  const findings: LimitFinding[] = byWeight.filter((finding) => finding.severity === 'block');
  const block = (code: string, limit: number, value: number): void => {
    findings.push({ code, severity: 'block', limit, value, unit: 'mm' });
  };

  const tooLong = rules.maxLengthMm !== undefined && length > rules.maxLengthMm + tolerance;
  if (rules.maxLengthMm !== undefined && tooLong) {
    block('SERVICE_ROLL_TOO_LONG', rules.maxLengthMm, length);
  }
  const max = rules.maxLengthPlusTwoDiametersMm;
  if (max !== undefined && lengthPlusDiameters > max + tolerance) {
    block('SERVICE_ROLL_LENGTH_PLUS_DIAMETERS', max, lengthPlusDiameters);
  }
  // As with the minimum face: one finding is enough to stop the label, the length first.
  if (rules.minLengthMm !== undefined && length < rules.minLengthMm - tolerance) {
    block('SERVICE_ROLL_TOO_SMALL', rules.minLengthMm, length);
  } else if (rules.minLengthPlusTwoDiametersMm !== undefined && lengthPlusDiameters < rules.minLengthPlusTwoDiametersMm - tolerance) {
    block('SERVICE_ROLL_TOO_SMALL', rules.minLengthPlusTwoDiametersMm, lengthPlusDiameters);
  }

  findings.push(...byWeight.filter((finding) => finding.severity === 'warn'));
  if (limits.warnLengthMm !== undefined && !tooLong && length > limits.warnLengthMm + tolerance) {
    findings.push({ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: limits.warnLengthMm, value: length, unit: 'mm' });
  }
  return findings;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

// A full timestamp is refused on purpose: its UTC date can be a day off the station's local
// date, which is the one a carrier's "from 12 July" means. The caller converts its clock.
function requireIsoDate(value: string, what: string): void {
  if (!ISO_DATE.test(value)) throw new RangeError(`${what} must be a date written YYYY-MM-DD, got "${value}"`);
}

/** The entry in force on `dateIso`: the latest `effectiveFrom` on or before it, or null before the first. */
export function effectiveAt<T extends { effectiveFrom: string }>(entries: readonly T[], dateIso: string): T | null {
  requireIsoDate(dateIso, 'date');
  let chosen: T | null = null;
  const seen = new Set<string>();
  for (const entry of entries) {
    requireIsoDate(entry.effectiveFrom, 'effectiveFrom');
    // Two entries from one day leave it open which holds: a configuration mistake to surface.
    if (seen.has(entry.effectiveFrom)) throw new RangeError(`two entries take effect on ${entry.effectiveFrom}`);
    seen.add(entry.effectiveFrom);
    // YYYY-MM-DD strings sort as dates.
    if (entry.effectiveFrom <= dateIso && (chosen === null || entry.effectiveFrom > chosen.effectiveFrom)) chosen = entry;
  }
  return chosen;
}

/** The service limits in force on `dateIso` (YYYY-MM-DD, local), or null if none is yet. */
export function limitsAt(dated: DatedServiceLimits, dateIso: string): ServiceLimits | null {
  return effectiveAt(dated, dateIso)?.limits ?? null;
}

/**
 * L × W × H in cm³ / divisor (cm³ per kg), in grams, rounded up to the gram. In millimetres
 * that is mm³ / divisor grams, which avoids two scalings. Carrier rounding (next 0.5 kg or
 * whole kg) is the caller's: it differs by carrier.
 */
export function volumetricWeightG(outer: Dimensions, divisorCm3PerKg: number): number {
  requireDimensions(outer);
  if (!Number.isFinite(divisorCm3PerKg) || divisorCm3PerKg <= 0) {
    throw new RangeError(`divisor must be a positive number, got ${divisorCm3PerKg}`);
  }
  return Math.ceil((outer.lengthMm * outer.widthMm * outer.heightMm) / divisorCm3PerKg);
}

// Volumetric (dimensional) weight as each carrier works it out. The rounding is data: the same
// box costs a different weight at UPS (sides to the nearest inch), USPS from 12 July 2026
// (sides rounded up) and DHL (no side rounding, result to the next half kilogram).

export type VolumetricRule = {
  /** cm³ per kg (metric) or in³ per lb (imperial): 5000, 6000, 139, 166. */
  divisor: number;
  unitSystem: 'metric' | 'imperial';
  /**
   * How each side is rounded, in whole cm or whole in, before multiplying. 'nearest' rounds a
   * half up; 'half-up-inch' is FedEx US's wording of the same rule ("½ inch or more rounds
   * up") and is only meaningful for an imperial rule.
   */
  dimensionRounding: 'none' | 'nearest' | 'up' | 'half-up-inch';
  /** The result, in kg or lb: exact, up to the next whole unit, or up to the next half. */
  resultRounding: 'none' | 'up-whole' | 'up-half';
  /** USPS: dimensional weight applies only to a volume (after side rounding) above 1728 in³. */
  minVolumeForDim?: number;
};

export type DatedVolumetricRules = { effectiveFrom: string; rule: VolumetricRule }[];

/** The volumetric rule in force on `dateIso` (YYYY-MM-DD, local), or null if none is yet. */
export function volumetricRuleAt(dated: DatedVolumetricRules, dateIso: string): VolumetricRule | null {
  return effectiveAt(dated, dateIso)?.rule ?? null;
}

// 1 in = 25.4 mm = 127/5 mm exactly; 1 in³ = 2048383/125 mm³. Working from these integers
// keeps a whole number whole: 254 / 25.4 in floating point is 10.000000000000002, which
// rounds up to 11.
const MM3_PER_IN3_NUMERATOR = 2_048_383;
const MM3_PER_IN3_DENOMINATOR = 125;

function requireRule(rule: VolumetricRule): void {
  if (!Number.isFinite(rule.divisor) || rule.divisor <= 0) {
    throw new RangeError(`divisor must be a positive number, got ${rule.divisor}`);
  }
  if (rule.dimensionRounding === 'half-up-inch' && rule.unitSystem !== 'imperial') {
    throw new RangeError('half-up-inch rounding applies to an imperial rule only');
  }
  if (rule.minVolumeForDim !== undefined && (!Number.isFinite(rule.minVolumeForDim) || rule.minVolumeForDim < 0)) {
    throw new RangeError(`minVolumeForDim must be a finite number of zero or more, got ${rule.minVolumeForDim}`);
  }
}

function roundSide(mm: number, rule: VolumetricRule): number {
  const units = rule.unitSystem === 'metric' ? mm / 10 : (mm * 5) / 127;
  switch (rule.dimensionRounding) {
    case 'none':
      return units;
    case 'up':
      return Math.ceil(units);
    case 'nearest':
    case 'half-up-inch':
      return Math.round(units);
  }
}

// Whole and half kilograms are whole grams; whole and half pounds are not, and become the
// nearest gram (5 lb = 2267.96 g → 2268 g).
function unitsToGrams(units: number, unitSystem: VolumetricRule['unitSystem']): number {
  return unitSystem === 'metric' ? Math.round(units * 1000) : Math.round(units * GRAMS_PER_POUND);
}

/**
 * Volumetric weight in grams under `rule`, for a box (any orientation) or a roll (measured as
 * the box around it). 0 when the rule does not apply: a volume at or under `minVolumeForDim`.
 * With no rounding at all it equals `volumetricWeightG` (rounded up to the gram).
 */
export function volumetricWeightFor(rule: VolumetricRule, outer: ParcelShape): number {
  requireRule(rule);
  const box = isRoll(outer) ? rollBoundingBox(outer) : outer;
  requireDimensions(box);
  const metric = rule.unitSystem === 'metric';
  const mm3 = box.lengthMm * box.widthMm * box.heightMm;
  // The weight in kg or lb is numerator / denominator, each an exact product, so one division
  // decides it and an exact whole number is not nudged past a rounding step.
  let numerator: number;
  let volumeDenominator: number;
  if (rule.dimensionRounding === 'none') {
    numerator = metric ? mm3 : mm3 * MM3_PER_IN3_DENOMINATOR;
    volumeDenominator = metric ? 1000 : MM3_PER_IN3_NUMERATOR;
  } else {
    numerator = roundSide(box.lengthMm, rule) * roundSide(box.widthMm, rule) * roundSide(box.heightMm, rule);
    volumeDenominator = 1;
  }
  if (rule.minVolumeForDim !== undefined && numerator / volumeDenominator <= rule.minVolumeForDim) return 0;
  const denominator = volumeDenominator * rule.divisor;
  switch (rule.resultRounding) {
    case 'none':
      return metric ? Math.ceil((numerator * 1000) / denominator) : Math.ceil((numerator * GRAMS_PER_POUND) / denominator);
    case 'up-whole':
      return unitsToGrams(Math.ceil(numerator / denominator), rule.unitSystem);
    case 'up-half':
      return unitsToGrams(Math.ceil((numerator * 2) / denominator) / 2, rule.unitSystem);
  }
}

/**
 * Billable weight = max(actual, volumetric), in grams. Given the rule, the actual weight is
 * rounded as the carrier rounds it (the next whole or half kg or lb). A reading in whole grams
 * stands for up to half a gram less, so 2268 g still counts as 5 lb (2267.96 g), not 6.
 */
export function billableWeight(
  actualG: number,
  volumetricG: number,
  rule?: Pick<VolumetricRule, 'unitSystem' | 'resultRounding'>,
): number {
  requireMeasure(actualG, 'actualG');
  requireMeasure(volumetricG, 'volumetricG');
  if (rule === undefined || rule.resultRounding === 'none' || actualG === 0) return Math.max(actualG, volumetricG);
  const perUnit = rule.unitSystem === 'metric' ? 1000 : GRAMS_PER_POUND;
  const steps = rule.resultRounding === 'up-half' ? 2 : 1;
  const units = Math.ceil(((actualG - 0.5) / perUnit) * steps) / steps;
  return Math.max(unitsToGrams(units, rule.unitSystem), volumetricG);
}

// Defaults from carriers/LIMITS.md: a starting point for the station's configuration, which
// overrides them. The date a carrier introduced a value is mostly unknown; those entries take
// effect from LONG_AGO so that they hold for any packing date.

const LONG_AGO = '2000-01-01';

/** 70 lb = 31,751.47 g: the last whole gram that passes. */
const SEVENTY_POUNDS_G = 31_751;
/** 150 lb = 68,038.86 g. */
const HUNDRED_FIFTY_POUNDS_G = 68_038;

export const SERVICE_LIMIT_DEFAULTS: Record<string, DatedServiceLimits> = {
  // §2.1 (secondary: no China Post page found). 2 kg; longest side 600 mm; L+W+H 900 mm;
  // face at least 140 × 90 mm; 2 mm tolerance; rolls L ≤ 900, L + 2d ≤ 1040, L ≥ 100, L + 2d ≥ 170.
  'china-post-registered-small-packet': [
    {
      effectiveFrom: LONG_AGO,
      limits: {
        maxWeightG: 2000,
        maxLengthMm: 600,
        maxSumOfSidesMm: 900,
        minFaceMm: [140, 90],
        toleranceMm: 2,
        roll: { maxLengthMm: 900, maxLengthPlusTwoDiametersMm: 1040, minLengthMm: 100, minLengthPlusTwoDiametersMm: 170 },
      },
    },
  ],
  // §2.1: ePacket as small packet, with the stricter 140 × 110 mm face and 110 mm roll length.
  'china-post-epacket': [
    {
      effectiveFrom: LONG_AGO,
      limits: {
        maxWeightG: 2000,
        maxLengthMm: 600,
        maxSumOfSidesMm: 900,
        minFaceMm: [140, 110],
        toleranceMm: 2,
        roll: { maxLengthMm: 900, maxLengthPlusTwoDiametersMm: 1040, minLengthMm: 110, minLengthPlusTwoDiametersMm: 170 },
      },
    },
  ],
  // §2.2: 70 kg / 1200 mm warn (surcharge); 300 kg / 3000 mm block. 120 × 80 × 80 cm is not a limit.
  'dhl-express': [{ effectiveFrom: LONG_AGO, limits: { maxWeightG: 300_000, maxLengthMm: 3000, warnWeightG: 70_000, warnLengthMm: 1200 } }],
  // §2.3: 68 kg, 274 cm, length + girth 330 cm.
  'fedex-international': [{ effectiveFrom: LONG_AGO, limits: { maxWeightG: 68_000, maxLengthMm: 2740, maxLengthPlusGirthMm: 3300 } }],
  // §2.4: 70 kg, 274 cm, length + girth 400 cm (outside the US).
  'ups-international': [{ effectiveFrom: LONG_AGO, limits: { maxWeightG: 70_000, maxLengthMm: 2740, maxLengthPlusGirthMm: 4000 } }],
  // §2.4, US pages: 150 lb, 108 in (2743.2 mm), length + girth 165 in (4191 mm).
  'ups-us': [{ effectiveFrom: LONG_AGO, limits: { maxWeightG: HUNDRED_FIFTY_POUNDS_G, maxLengthMm: 2743, maxLengthPlusGirthMm: 4191 } }],
  // §2.5 (secondary): 70 lb; length + girth 108 in (2743.2 mm).
  'usps-priority-mail': [{ effectiveFrom: LONG_AGO, limits: { maxWeightG: SEVENTY_POUNDS_G, maxLengthPlusGirthMm: 2743 } }],
  // §2.5 (secondary): 70 lb; length + girth 130 in (3302 mm), oversized price over 108 in.
  'usps-ground-advantage': [
    { effectiveFrom: LONG_AGO, limits: { maxWeightG: SEVENTY_POUNDS_G, maxLengthPlusGirthMm: 3302, warnLengthPlusGirthMm: 2743 } },
  ],
};

export const VOLUMETRIC_RULE_DEFAULTS: Record<string, DatedVolumetricRules> = {
  // §2.2: 5000 cm³/kg per piece, no side rounding; the next 0.5 kg is what DHL agents quote (secondary).
  'dhl-express': [{ effectiveFrom: LONG_AGO, rule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'up-half' } }],
  // §2.3: 5000 cm³/kg since 18 Jan 2010 (6000 before); any fraction of a kg is the next kg (secondary).
  'fedex-international': [
    { effectiveFrom: '2010-01-18', rule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'up-whole' } },
  ],
  // §2.3: FedEx US, 139 in³/lb, sides at ½ in or more round up, result to the next whole lb (secondary).
  'fedex-us': [
    { effectiveFrom: '2010-01-18', rule: { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'half-up-inch', resultRounding: 'up-whole' } },
  ],
  // §2.4: UPS, sides to the nearest whole cm or in, result up to the next whole kg or lb.
  'ups-international': [{ effectiveFrom: LONG_AGO, rule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'nearest', resultRounding: 'up-whole' } }],
  'ups-international-imperial': [
    { effectiveFrom: LONG_AGO, rule: { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'nearest', resultRounding: 'up-whole' } },
  ],
  // §2.4: the UPS US help page gives 166 for US domestic (retail); daily rates use 139.
  'ups-us-retail': [{ effectiveFrom: LONG_AGO, rule: { divisor: 166, unitSystem: 'imperial', dimensionRounding: 'nearest', resultRounding: 'up-whole' } }],
  // §2.5: USPS, only above 1728 in³: 166 since 23 Jun 2019; 139 with every side rounded up from
  // 12 Jul 2026 (secondary: trade press). Before 2026 sides to the nearest inch and the result
  // to the next whole lb are assumptions (USPS's usual wording; not in LIMITS.md). The 194
  // divisor before 2019 applied to zones 5–8 only, which this rule cannot express: left out.
  usps: [
    {
      effectiveFrom: '2019-06-23',
      rule: { divisor: 166, unitSystem: 'imperial', dimensionRounding: 'nearest', resultRounding: 'up-whole', minVolumeForDim: 1728 },
    },
    {
      effectiveFrom: '2026-07-12',
      rule: { divisor: 139, unitSystem: 'imperial', dimensionRounding: 'up', resultRounding: 'up-whole', minVolumeForDim: 1728 },
    },
  ],
};

// Size and weight checks run before a label exists. Every number comes in as an argument:
// carriers and marketplaces change them (see carriers/LIMITS.md), so the values live in
// configuration and the defaults here are only a starting point.
//
// Units are integer millimetres and grams, as everywhere inside the app. A value exactly at a
// limit passes: carriers and Amazon word their limits as "at most" / "no more than".

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
  /** Allowance on every dimension limit (China Post: 2 mm); never applied to weight. */
  toleranceMm?: number;
};

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

export function checkServiceLimits(limits: ServiceLimits, outer: Dimensions, weightG: number): LimitFinding[] {
  requireDimensions(outer);
  requireMeasure(weightG, 'weightG');
  const tolerance = limits.toleranceMm ?? 0;
  const [length, width, height] = sortSides(outer);
  const findings: LimitFinding[] = [];
  const block = (code: string, limit: number, value: number, unit: 'mm' | 'g'): void => {
    findings.push({ code, severity: 'block', limit, value, unit });
  };

  const { maxWeightG, maxLengthMm } = limits;
  const tooHeavy = maxWeightG !== undefined && weightG > maxWeightG;
  if (tooHeavy) {
    block('SERVICE_TOO_HEAVY', maxWeightG, weightG, 'g');
  }
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
  if (limits.maxLengthPlusGirthMm !== undefined && lengthPlusGirth > limits.maxLengthPlusGirthMm + tolerance) {
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

  // A surcharge warning on a parcel that is already blocked for the same reason adds noise.
  if (limits.warnWeightG !== undefined && !tooHeavy && weightG > limits.warnWeightG) {
    findings.push({ code: 'SERVICE_SURCHARGE_WEIGHT', severity: 'warn', limit: limits.warnWeightG, value: weightG, unit: 'g' });
  }
  if (limits.warnLengthMm !== undefined && !tooLong && length > limits.warnLengthMm + tolerance) {
    findings.push({ code: 'SERVICE_SURCHARGE_LENGTH', severity: 'warn', limit: limits.warnLengthMm, value: length, unit: 'mm' });
  }
  return findings;
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

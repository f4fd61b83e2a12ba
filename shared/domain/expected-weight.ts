import type { Finding } from './eligibility';

// The scale as a second check on the scans: a package that weighs much more or less than its
// scanned units, box and packing material should holds something else (a missed or extra
// unit, the wrong item). Integer grams throughout, as everywhere inside the app.
//
// All figures are configuration. DEFAULT_EXPECTED_WEIGHT_CONFIG is the default
// tolerance (the larger of ±5 % and ±30 g) and a guessed allowance for tape and label.

/** The allowed difference is the larger of `percent` % of the expected weight and `minimumG`. */
export type WeightTolerance = { percent: number; minimumG: number };

/** Packing material that is neither goods nor box: tape and label per package, padding per unit. */
export type PackingAllowance = { perPackageG: number; perUnitG: number };

export type ExpectedWeightConfig = { tolerance: WeightTolerance; allowance: PackingAllowance };

export const DEFAULT_EXPECTED_WEIGHT_CONFIG: ExpectedWeightConfig = {
  // The percentage covers catalogue weights that are a little off on heavy parcels; the fixed
  // grams cover scale resolution and packing material on light ones.
  tolerance: { percent: 5, minimumG: 30 },
  // An assumption (label, tape), not a measurement: weigh a few packed boxes and set it.
  allowance: { perPackageG: 10, perUnitG: 0 },
};

/** One SKU of the package and its catalogue weight per unit (null when the catalogue has none). */
export type WeighedLine = { sku: string; quantity: number; unitWeightG: number | null };

function requireGrams(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number of zero or more, got ${value}`);
}

function requireQuantity(line: { sku: string; quantity: number }): void {
  if (!Number.isInteger(line.quantity) || line.quantity < 0) {
    throw new RangeError(`quantity of ${line.sku} must be a whole number of zero or more, got ${line.quantity}`);
  }
}

/**
 * Whole grams allowed either side of `expectedG`. Measurements are whole grams, so flooring
 * the percentage changes no verdict and gives the packer a whole number to read. The small
 * epsilon keeps 2.3 % of 3000 g at 69 g, not 68, despite binary fractions (68.99999999999999).
 */
export function toleranceG(expectedG: number, tolerance: WeightTolerance): number {
  return Math.max(tolerance.minimumG, Math.floor((expectedG * tolerance.percent) / 100 + 1e-9));
}

export type ExpectedWeight = {
  /** Σ unit weight × quantity + box tare + allowance; null when a unit or the box has no known weight. */
  expectedG: number | null;
  /** SKUs in the package without a catalogue weight. */
  unknownSkus: string[];
};

export function expectedWeightG(lines: ReadonlyArray<WeighedLine>, boxTareG: number | null, allowance: PackingAllowance): ExpectedWeight {
  let goods = 0;
  let units = 0;
  const unknown = new Set<string>();
  for (const line of lines) {
    requireQuantity(line);
    if (line.quantity === 0) continue;
    units += line.quantity;
    if (line.unitWeightG === null) {
      unknown.add(line.sku);
      continue;
    }
    requireGrams(line.unitWeightG, `unitWeightG of ${line.sku}`);
    goods += line.unitWeightG * line.quantity;
  }
  if (boxTareG !== null) requireGrams(boxTareG, 'boxTareG');
  const unknownSkus = [...unknown];
  if (unknownSkus.length > 0 || boxTareG === null) return { expectedG: null, unknownSkus };
  return { expectedG: Math.round(goods + boxTareG + allowance.perPackageG + allowance.perUnitG * units), unknownSkus };
}

/** "850 g" below a kilogram, "1.234 kg" above: exact to the gram either way. */
function showGrams(grams: number): string {
  return Math.abs(grams) < 1000 ? `${grams} g` : `${(grams / 1000).toFixed(3)} kg`;
}

export type ExpectedWeightInput = {
  lines: ReadonlyArray<WeighedLine>;
  /** Tare of the chosen box; null for a custom box whose weight nobody entered. */
  boxTareG: number | null;
  measuredG: number;
};

export type ExpectedWeightCheck = {
  /** False only when a finding blocks; a check that could not run is not a failure. */
  ok: boolean;
  expectedG: number | null;
  toleranceG: number | null;
  /** measured − expected: positive when the parcel is heavier than expected. */
  differenceG: number | null;
  findings: Finding[];
};

/**
 * Compares the scale with what the package should weigh. Exactly at the tolerance passes. Out
 * of tolerance blocks the label until the package is re-weighed (a new measurement) or a
 * supervisor overrides with a reason; both are the caller's business.
 */
export function checkExpectedWeight(input: ExpectedWeightInput, config: ExpectedWeightConfig): ExpectedWeightCheck {
  requireGrams(input.measuredG, 'measuredG');
  const { expectedG, unknownSkus } = expectedWeightG(input.lines, input.boxTareG, config.allowance);
  const findings: Finding[] = [];
  if (unknownSkus.length > 0) {
    const skus = unknownSkus.join(', ');
    findings.push({
      code: 'WEIGHT_UNKNOWN_UNITS',
      severity: 'warn',
      message: `No catalogue weight for ${skus}, so the package weight cannot be checked; add the unit weight to the catalogue.`,
      data: { skus, count: unknownSkus.length },
    });
  }
  if (input.boxTareG === null) {
    findings.push({
      code: 'WEIGHT_UNKNOWN_TARE',
      severity: 'warn',
      message: 'The box has no tare weight, so the package weight cannot be checked; weigh the empty box and enter it.',
      data: {},
    });
  }
  if (expectedG === null) return { ok: true, expectedG: null, toleranceG: null, differenceG: null, findings };

  const allowedG = toleranceG(expectedG, config.tolerance);
  const differenceG = input.measuredG - expectedG;
  if (Math.abs(differenceG) > allowedG) {
    const signed = `${differenceG > 0 ? '+' : '-'}${showGrams(Math.abs(differenceG))}`;
    findings.push({
      code: 'WEIGHT_OUT_OF_TOLERANCE',
      severity: 'block',
      message:
        `The package weighs ${showGrams(input.measuredG)} but should weigh ${showGrams(expectedG)} ± ${showGrams(allowedG)} ` +
        `(${signed}): check the contents, then re-weigh, or ask a supervisor to override.`,
      data: { expectedG, measuredG: input.measuredG, differenceG, toleranceG: allowedG },
    });
  }
  const ok = !findings.some((finding) => finding.severity === 'block');
  return { ok, expectedG, toleranceG: allowedG, differenceG, findings };
}

// ---------------------------------------------------------------------------------------
// Catalogue weight corrections
// ---------------------------------------------------------------------------------------

/** A package that was labelled without a weight override: its scale reading is trusted. */
export type AcceptedPackage = {
  measuredG: number;
  boxTareG: number | null;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
};

export type WeightCorrectionConfig = {
  /** Samples a SKU needs before a correction is suggested. */
  minSamples: number;
  /** How far the median may stray from the catalogue per unit before it is worth a correction. */
  tolerance: WeightTolerance;
  allowance: PackingAllowance;
  /** Also learn from mixed packages in which every other SKU's catalogue weight is confirmed. */
  solveMixed: boolean;
};

// The per-unit tolerance is tighter than the package one: a unit 10 g off passes a one-unit
// package but puts a ten-unit package 100 g out.
export const DEFAULT_WEIGHT_CORRECTION_CONFIG: WeightCorrectionConfig = {
  minSamples: 5,
  tolerance: { percent: 5, minimumG: 2 },
  allowance: DEFAULT_EXPECTED_WEIGHT_CONFIG.allowance,
  solveMixed: true,
};

export type WeightCorrection = {
  sku: string;
  /** The catalogue's weight now; null when the catalogue has none. */
  catalogueG: number | null;
  /** Median of the implied unit weights, to the gram. */
  suggestedG: number;
  /** suggested − catalogue; null when the catalogue has no weight. */
  deviationG: number | null;
  samples: number;
  minImpliedG: number;
  maxImpliedG: number;
};

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

type NetPackage = { netG: number; quantities: Map<string, number> };

/**
 * Suggests catalogue weights from what accepted packages weighed. A package holding one SKU
 * gives that SKU's unit weight directly: (measured − tare − allowance) / quantity. With
 * `solveMixed`, a package in which every SKU but one has a catalogue weight confirmed by such
 * single-SKU samples also gives the remaining SKU's weight. A SKU is suggested when it has at
 * least `minSamples` samples and their median differs from the catalogue by more than the
 * tolerance (or the catalogue has no weight). The median, not the mean, so one mis-keyed
 * weight does not move the suggestion.
 *
 * Only suggestions: a supervisor approves each one. Nothing here changes the catalogue.
 */
export function suggestWeightCorrections(
  packages: ReadonlyArray<AcceptedPackage>,
  catalogue: ReadonlyMap<string, number | null>,
  config: WeightCorrectionConfig,
): WeightCorrection[] {
  const netPackages: NetPackage[] = [];
  for (const pkg of packages) {
    requireGrams(pkg.measuredG, 'measuredG');
    if (pkg.boxTareG === null) continue;
    requireGrams(pkg.boxTareG, 'boxTareG');
    const quantities = new Map<string, number>();
    for (const line of pkg.lines) {
      requireQuantity(line);
      if (line.quantity > 0) quantities.set(line.sku, (quantities.get(line.sku) ?? 0) + line.quantity);
    }
    if (quantities.size === 0) continue;
    const units = [...quantities.values()].reduce((sum, quantity) => sum + quantity, 0);
    const netG = pkg.measuredG - pkg.boxTareG - config.allowance.perPackageG - config.allowance.perUnitG * units;
    netPackages.push({ netG, quantities });
  }

  const samples = new Map<string, number[]>();
  const addSample = (sku: string, impliedG: number): void => {
    // A non-positive unit weight means a wrong tare or a mis-keyed weight, not a lighter unit.
    if (!(impliedG > 0)) return;
    const list = samples.get(sku) ?? [];
    list.push(impliedG);
    samples.set(sku, list);
  };

  for (const pkg of netPackages) {
    if (pkg.quantities.size !== 1) continue;
    const [sku, quantity] = [...pkg.quantities][0] ?? ['', 0];
    addSample(sku, pkg.netG / quantity);
  }

  const catalogueOf = (sku: string): number | null => catalogue.get(sku) ?? null;
  const withinTolerance = (sku: string, impliedG: number): boolean => {
    const catalogueG = catalogueOf(sku);
    return catalogueG !== null && Math.abs(impliedG - catalogueG) <= toleranceG(catalogueG, config.tolerance);
  };

  if (config.solveMixed) {
    // Confirmed by single-SKU packages only, decided before any mixed sample is added, so a
    // solved weight never vouches for another solved weight.
    const confirmed = new Set<string>();
    for (const [sku, list] of samples) {
      if (list.length >= config.minSamples && withinTolerance(sku, median([...list].sort((a, b) => a - b)))) confirmed.add(sku);
    }
    for (const pkg of netPackages) {
      if (pkg.quantities.size < 2) continue;
      const open = [...pkg.quantities.keys()].filter((sku) => !confirmed.has(sku));
      const [sku] = open;
      if (open.length !== 1 || sku === undefined) continue;
      let othersG = 0;
      for (const [other, quantity] of pkg.quantities) {
        if (other !== sku) othersG += (catalogueOf(other) ?? 0) * quantity;
      }
      addSample(sku, (pkg.netG - othersG) / (pkg.quantities.get(sku) ?? 1));
    }
  }

  const corrections: WeightCorrection[] = [];
  for (const [sku, list] of samples) {
    if (list.length < config.minSamples) continue;
    const sorted = [...list].sort((a, b) => a - b);
    const suggestedG = Math.round(median(sorted));
    const catalogueG = catalogueOf(sku);
    if (catalogueG !== null && withinTolerance(sku, suggestedG)) continue;
    corrections.push({
      sku,
      catalogueG,
      suggestedG,
      deviationG: catalogueG === null ? null : suggestedG - catalogueG,
      samples: sorted.length,
      minImpliedG: Math.round(sorted[0] ?? 0),
      maxImpliedG: Math.round(sorted[sorted.length - 1] ?? 0),
    });
  }
  return corrections.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

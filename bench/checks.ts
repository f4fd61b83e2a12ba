import type { Lithium } from '../shared/contract';
import { suggestBox } from '../shared/domain/cartonize';
import type { BoxPreset, CartonUnit } from '../shared/domain/cartonize';
import { packageFindings, serviceVerdicts } from '../shared/domain/eligibility';
import type { PackageFacts, PackedLine, ServiceRules } from '../shared/domain/eligibility';
import {
  SERVICE_LIMIT_DEFAULTS,
  US_SITE_RULES,
  VOLUMETRIC_RULE_DEFAULTS,
  billableWeight,
  checkServiceLimits,
  limitsAt,
  volumetricRuleAt,
  volumetricWeightFor,
} from '../shared/domain/limits';
import type { DatedServiceLimits, DatedVolumetricRules, Dimensions } from '../shared/domain/limits';
import { emit, percentile, round } from './figures';
import { seededRandom } from '../shared/random';

// The full check of one package, as the bench runs it when the packer closes a box: a box
// suggestion for a 20-unit order over 50 presets, the marketplace and compliance findings,
// every service's limits and verdict, and each service's volumetric and billable weight on the
// day. The baseline is the limit checks alone for the same services and parcels, so the
// figure shows what the box suggestion and the rest add.
//
// Issue 4's target: p99 ≤ 5 ms. The orders and presets come from a seeded generator, so two
// runs see the same work (PACKBENCH_CHECKS_SEED to change it).

const ITERATIONS = 5000;
const WARM_UP = 500;
const ORDERS = 250;
const UNITS_PER_ORDER = 20;
const PRESETS = 50;
const PACKING_DAY = '2026-05-04';


type CatalogUnit = { sku: string; lengthMm: number; widthMm: number; heightMm: number; weightG: number; lithium: Lithium; lithiumDoc: string | null };

// The demo catalogue's sizes (electron/services/demo-seed.ts), without the dangerous-goods item.
const CATALOG: CatalogUnit[] = [
  { sku: 'PB-MUG-001', lengthMm: 120, widthMm: 90, heightMm: 90, weightG: 320, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-SOCK-3P', lengthMm: 200, widthMm: 120, heightMm: 40, weightG: 180, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-CABLE-C2', lengthMm: 110, widthMm: 80, heightMm: 20, weightG: 60, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-LAMP-DESK', lengthMm: 420, widthMm: 160, heightMm: 120, weightG: 1150, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-NOTE-A5', lengthMm: 215, widthMm: 150, heightMm: 15, weightG: 240, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-TEA-OOL', lengthMm: 100, widthMm: 100, heightMm: 140, weightG: 380, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-BT-HP200', lengthMm: 200, widthMm: 180, heightMm: 80, weightG: 290, lithium: 'ion-in-equipment', lithiumDoc: 'UN38.3-HP200-2026.pdf' },
  { sku: 'PB-WATCH-TI', lengthMm: 150, widthMm: 120, heightMm: 90, weightG: 410, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-TOWEL-BT', lengthMm: 350, widthMm: 250, heightMm: 80, weightG: 650, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-KNIFE-SET', lengthMm: 380, widthMm: 200, heightMm: 90, weightG: 1800, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-PHONE-CASE', lengthMm: 170, widthMm: 90, heightMm: 15, weightG: 45, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-KETTLE-17', lengthMm: 240, widthMm: 200, heightMm: 260, weightG: 1400, lithium: 'none', lithiumDoc: null },
  { sku: 'PB-STICKER-PK', lengthMm: 150, widthMm: 100, heightMm: 5, weightG: 20, lithium: 'none', lithiumDoc: null },
];

type Preset = BoxPreset & { outer: Dimensions; tareG: number };

/**
 * 50 presets as a bench stocks them: 42 corrugated cartons from 150 × 100 × 80 mm to about
 * 700 × 500 × 450 mm (walls 4–7 mm), priced and rated by size, and 8 poly mailers and padded
 * envelopes. A few are out of stock, as on any real shelf.
 */
function generatePresets(random: () => number): Preset[] {
  const presets: Preset[] = [];
  for (let i = 0; i < PRESETS - 8; i += 1) {
    const scale = 1 + (i / (PRESETS - 9)) * 3.6;
    const length = Math.round((150 * scale + random() * 40) / 5) * 5;
    const width = Math.round((length * (0.55 + random() * 0.3)) / 5) * 5;
    const height = Math.round((width * (0.5 + random() * 0.5)) / 5) * 5;
    const wall = length > 400 ? 7 : 4;
    const surfaceM2 = (2 * (length * width + length * height + width * height)) / 1e6;
    presets.push({
      id: `CTN-${String(i + 1).padStart(2, '0')}`,
      innerLengthMm: length,
      innerWidthMm: width,
      innerHeightMm: height,
      outer: { lengthMm: length + 2 * wall, widthMm: width + 2 * wall, heightMm: height + 2 * wall },
      tareG: Math.round(surfaceM2 * 550),
      maxLoadG: Math.round(Math.min(30_000, 2000 + surfaceM2 * 9000) / 500) * 500,
      costMinor: Math.round(40 + surfaceM2 * 220),
      flexible: false,
      stock: random() < 0.08 ? 0 : 5 + Math.floor(random() * 200),
    });
  }
  const mailers: [string, number, number, number][] = [
    ['MAILER-XS', 180, 130, 20],
    ['MAILER-S', 250, 180, 30],
    ['MAILER-M', 320, 240, 50],
    ['MAILER-L', 400, 300, 70],
    ['MAILER-XL', 500, 380, 90],
    ['ENVELOPE-C5', 229, 162, 10],
    ['PADDED-D1', 180, 260, 25],
    ['PADDED-H5', 270, 360, 35],
  ];
  for (const [id, length, width, height] of mailers) {
    presets.push({
      id,
      innerLengthMm: length,
      innerWidthMm: width,
      innerHeightMm: height,
      outer: { lengthMm: length + 10, widthMm: width + 10, heightMm: height + 4 },
      tareG: Math.round((length * width) / 4000),
      maxLoadG: 2000,
      costMinor: Math.round(10 + (length * width) / 4000),
      flexible: true,
      stock: 50,
    });
  }
  return presets;
}

/** A 20-unit order of two to five SKUs, mostly small goods, as a marketplace order looks. */
function generateOrder(random: () => number): CatalogUnit[] {
  const lines = 2 + Math.floor(random() * 4);
  const skus = Array.from({ length: lines }, () => CATALOG[Math.floor(random() * CATALOG.length)] as CatalogUnit);
  return Array.from({ length: UNITS_PER_ORDER }, (_, i) => skus[i % lines] as CatalogUnit);
}

type Service = ServiceRules & { dated: DatedServiceLimits; volumetric: DatedVolumetricRules | null };

const EQUIPMENT_LITHIUM: Lithium[] = ['ion-in-equipment', 'ion-with-equipment', 'metal-in-equipment', 'metal-with-equipment'];

function services(): Service[] {
  const pairs: [string, string | null][] = [
    ['china-post-registered-small-packet', null],
    ['china-post-epacket', null],
    ['dhl-express', 'dhl-express'],
    ['fedex-international', 'fedex-international'],
    ['ups-international', 'ups-international'],
    ['ups-us', 'ups-us-retail'],
    ['usps-priority-mail', 'usps'],
    ['usps-ground-advantage', 'usps'],
  ];
  return pairs.map(([id, ruleId]) => {
    const dated = SERVICE_LIMIT_DEFAULTS[id];
    const volumetric = ruleId === null ? null : (VOLUMETRIC_RULE_DEFAULTS[ruleId] ?? null);
    const limits = dated === undefined ? null : limitsAt(dated, PACKING_DAY);
    if (dated === undefined || limits === null || (ruleId !== null && volumetric === null)) throw new Error(`no defaults for ${id}`);
    return {
      id,
      dated,
      volumetric,
      limits,
      volumetricDivisor: volumetric === null ? null : (volumetricRuleAt(volumetric, PACKING_DAY)?.divisor ?? null),
      volumetricRule: volumetric === null ? null : volumetricRuleAt(volumetric, PACKING_DAY),
      network: id.startsWith('china-post') || id.startsWith('usps') ? ('postal' as const) : ('express' as const),
      acceptsLithium: id.startsWith('china-post') ? [] : EQUIPMENT_LITHIUM,
      acceptsDangerousGoods: false,
      rangeRemaining: 5000,
    };
  });
}

type Outcome = { boxId: string | null; eligible: number; billableG: number };

/** The check the bench runs on one package; returns a digest so nothing is optimised away. */
function checkPackage(order: readonly CatalogUnit[], presets: readonly Preset[], byId: ReadonlyMap<string, Preset>, all: readonly Service[]): Outcome {
  const cartonUnits: CartonUnit[] = order.map((u) => ({ sku: u.sku, lengthMm: u.lengthMm, widthMm: u.widthMm, heightMm: u.heightMm, weightG: u.weightG }));
  const suggestion = suggestBox(cartonUnits, presets, { objective: 'smallest' });
  // Without a suggestion the packer picks a box by hand; the largest stands in for it here.
  const chosen = (suggestion.kind === 'suggestion' ? byId.get(suggestion.boxId) : undefined) ?? (presets[PRESETS - 9] as Preset);
  const contentsG = order.reduce((sum, u) => sum + u.weightG, 0);
  const weightG = contentsG + chosen.tareG + 40;
  const outer = chosen.flexible && suggestion.kind === 'suggestion' ? { ...chosen.outer, heightMm: suggestion.usedHeightMm + 4 } : chosen.outer;
  const lines: PackedLine[] = order.map((u) => ({
    sku: u.sku,
    quantity: 1,
    unitWeightG: u.weightG,
    lithium: u.lithium,
    lithiumDoc: u.lithiumDoc,
    lithiumDocExpires: u.lithiumDoc === null ? null : '2030-12-31',
    cells: null,
    batteries: 1,
    hazmatClass: null,
    unitValueMinor: 1999,
    currency: 'USD',
    hsCode: '6912.00',
    descriptionEn: 'Ceramic mug',
    originCountry: 'CN',
  }));
  const facts: PackageFacts = { outer, weightG, lines, shipDate: PACKING_DAY, insured: false, fromCountry: 'CN', toCountry: 'US' };
  // Limits and rules are looked up for the day as the bench does, not cached across packages.
  const today = all.map((service) => ({ ...service, limits: limitsAt(service.dated, PACKING_DAY) ?? service.limits }));
  const packageLevel = packageFindings(US_SITE_RULES, facts);
  const verdicts = serviceVerdicts(today, facts, packageLevel);
  let billableG = 0;
  for (const service of today) {
    const rule = service.volumetric === null ? null : volumetricRuleAt(service.volumetric, PACKING_DAY);
    const volumetricG = rule === null ? 0 : volumetricWeightFor(rule, outer);
    billableG += billableWeight(weightG, volumetricG, rule ?? undefined);
  }
  return { boxId: suggestion.kind === 'suggestion' ? suggestion.boxId : null, eligible: verdicts.filter((v) => v.eligible).length, billableG };
}

export async function benchChecks(): Promise<void> {
  const seed = Number(process.env['PACKBENCH_CHECKS_SEED'] ?? 4);
  const random = seededRandom(seed);
  const presets = generatePresets(random);
  const byId = new Map(presets.map((preset) => [preset.id, preset]));
  const orders = Array.from({ length: ORDERS }, () => generateOrder(random));
  const all = services();
  // Each order's parcel as the full check will see it, so the baseline judges the same parcels.
  const parcels = orders.map((order) => {
    const result = suggestBox(order, presets, { objective: 'smallest' });
    const chosen = (result.kind === 'suggestion' ? byId.get(result.boxId) : undefined) ?? (presets[PRESETS - 9] as Preset);
    return { outer: chosen.outer, weightG: order.reduce((sum, u) => sum + u.weightG, 0) + chosen.tareG + 40, found: result.kind === 'suggestion' };
  });
  process.stderr.write(
    `checks: ${ORDERS} orders of ${UNITS_PER_ORDER} units over ${presets.length} presets and ${all.length} services, seed ${seed}; ` +
      `${parcels.filter((p) => p.found).length} orders get a box suggestion\n`,
  );

  let sink = 0;
  const limitsOnly: number[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i += 1) {
    const parcel = parcels[i % ORDERS] as (typeof parcels)[number];
    const start = performance.now();
    for (const service of all) sink += checkServiceLimits(service.limits, parcel.outer, parcel.weightG).length;
    if (i >= WARM_UP) limitsOnly.push(performance.now() - start);
  }

  const full: number[] = [];
  const suggestOnly: number[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i += 1) {
    const order = orders[i % ORDERS] as CatalogUnit[];
    const start = performance.now();
    const outcome = checkPackage(order, presets, byId, all);
    const elapsed = performance.now() - start;
    sink += outcome.eligible + outcome.billableG;
    if (i >= WARM_UP) full.push(elapsed);
    const suggestStart = performance.now();
    sink += suggestBox(order, presets, { objective: 'smallest' }).kind.length;
    if (i >= WARM_UP) suggestOnly.push(performance.now() - suggestStart);
  }
  process.stderr.write(
    `checks: full p50 ${round(percentile(full, 50))} ms, max ${round(percentile(full, 100))} ms; ` +
      `box suggestion alone p50 ${round(percentile(suggestOnly, 50))} ms, p99 ${round(percentile(suggestOnly, 99))} ms (digest ${sink})\n`,
  );
  const limitsP99 = round(percentile(limitsOnly, 99));
  emit({ bench: 'checks.limits_only_p99', value: limitsP99, unit: 'ms', better: 'lower' });
  emit({ bench: 'checks.package_full_p99', value: round(percentile(full, 99)), unit: 'ms', target: 5, better: 'lower', baseline: limitsP99 });
}

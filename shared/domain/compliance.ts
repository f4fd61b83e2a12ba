import type { Lithium } from '../contract';
import type { Finding } from './eligibility';

// What may leave the bench at all, whatever the carrier: dangerous goods, lithium batteries
// and high declared values. Every figure (thresholds, rates, the mark exemption) comes in as
// configuration; the DEFAULT_* objects below are starting points taken from
// ../shared/carriers/LIMITS.md §4 and the issue, not rules baked into the logic.
//
// Money is integer minor units (cents, fen) with an ISO 4217 currency code. Dates are
// calendar dates `YYYY-MM-DD` in the station's time zone: the caller turns its clock into
// the ship date, so these rules never read a clock of their own.

/** One catalogue line of a package: a SKU and how many of its units are in the package. */
export type ComplianceItem = {
  sku: string;
  quantity: number;
  hazmatClass: string | null;
  lithium: Lithium;
  lithiumDoc: LithiumDocument | null;
  /** Lithium cells installed in one unit that are not part of a battery (button cells included); null when unknown. */
  cells?: number | null;
  /** Lithium batteries installed in one unit; null when unknown. */
  batteries?: number | null;
  unitValueMinor: number | null;
  currency: string | null;
};

function requireQuantity(item: { sku: string; quantity: number }): void {
  if (!Number.isInteger(item.quantity) || item.quantity < 0) {
    throw new RangeError(`quantity of ${item.sku} must be a whole number of zero or more, got ${item.quantity}`);
  }
}

/** The SKUs in first-seen order, once each: one finding per SKU, not per unit or per order line. */
function distinctSkus(items: ReadonlyArray<{ sku: string }>): string[] {
  return [...new Set(items.map((item) => item.sku))];
}

// ---------------------------------------------------------------------------------------
// Dangerous goods
// ---------------------------------------------------------------------------------------

/**
 * UN hazard classes and divisions (UN Model Regulations, as IATA uses them), with the English
 * name the message shows. The renderer translates by code and may translate these too.
 */
export const HAZMAT_CLASS_NAMES: Readonly<Record<string, string>> = {
  '1': 'Explosives',
  '1.1': 'Explosives with a mass explosion hazard',
  '1.2': 'Explosives with a projection hazard',
  '1.3': 'Explosives with a fire hazard',
  '1.4': 'Explosives presenting a minor hazard',
  '1.5': 'Very insensitive explosives',
  '1.6': 'Extremely insensitive explosive articles',
  '2': 'Gases',
  '2.1': 'Flammable gas',
  '2.2': 'Non-flammable, non-toxic gas',
  '2.3': 'Toxic gas',
  '3': 'Flammable liquids',
  '4': 'Flammable solids',
  '4.1': 'Flammable solids, self-reactive substances and desensitized explosives',
  '4.2': 'Substances liable to spontaneous combustion',
  '4.3': 'Substances which, in contact with water, emit flammable gases',
  '5': 'Oxidizing substances and organic peroxides',
  '5.1': 'Oxidizing substances',
  '5.2': 'Organic peroxides',
  '6': 'Toxic and infectious substances',
  '6.1': 'Toxic substances',
  '6.2': 'Infectious substances',
  '7': 'Radioactive material',
  '8': 'Corrosive substances',
  '9': 'Miscellaneous dangerous substances and articles',
};

export type HazmatClassification =
  | { kind: 'none' }
  | { kind: 'class'; hazmatClass: string; division: string; className: string; primaryClass: number }
  | { kind: 'unknown'; raw: string };

/**
 * Reads a catalogue hazmat class: '3', '2.1', '1.4S' (class 1 carries a compatibility-group
 * letter), 'Class 8'. Empty means "not dangerous goods". Anything else is unknown, and an
 * unknown class is never read as harmless.
 */
export function classifyHazmat(raw: string | null): HazmatClassification {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'none' };
  const match = /^(?:class\s*)?([1-9])(?:\.([1-9]))?([A-HJKLNS])?$/i.exec(text);
  if (!match) return { kind: 'unknown', raw: text };
  const [, primary = '', sub, group] = match;
  const division = sub === undefined ? primary : `${primary}.${sub}`;
  const className = HAZMAT_CLASS_NAMES[division];
  // Compatibility groups exist only for class 1 explosives.
  if (className === undefined || (group !== undefined && primary !== '1')) return { kind: 'unknown', raw: text };
  return {
    kind: 'class',
    hazmatClass: `${division}${group === undefined ? '' : group.toUpperCase()}`,
    division,
    className,
    primaryClass: Number(primary),
  };
}

export type DangerousGoodsPolicy = {
  /**
   * Class 9 goods that are not lithium batteries (dry ice, magnetised material, lifesaving
   * appliances…). Lithium batteries are class 9 too but follow the lithium rules below.
   */
  otherClass9: 'block' | 'warn' | 'allow';
};

// The bench has no dangerous-goods contract with any carrier (LIMITS.md §4.3: even DHL wants a
// pre-approved DG account), so every class blocks unless configuration says otherwise.
export const DEFAULT_DANGEROUS_GOODS_POLICY: DangerousGoodsPolicy = { otherClass9: 'block' };

export type DangerousGoodsItem = Pick<ComplianceItem, 'sku' | 'hazmatClass' | 'lithium'>;

export function checkDangerousGoods(items: ReadonlyArray<DangerousGoodsItem>, policy: DangerousGoodsPolicy): Finding[] {
  const findings: Finding[] = [];
  for (const sku of distinctSkus(items)) {
    const lines = items.filter((item) => item.sku === sku);
    const item = lines.find((line) => classifyHazmat(line.hazmatClass).kind !== 'none') ?? lines[0];
    if (item === undefined) continue;
    const hazmat = classifyHazmat(item.hazmatClass);
    if (hazmat.kind === 'none') continue;
    if (hazmat.kind === 'unknown') {
      findings.push({
        code: 'DANGEROUS_GOODS_UNKNOWN_CLASS',
        severity: 'block',
        message: `${sku} has hazmat class "${hazmat.raw}", which is not a UN dangerous-goods class; correct the catalogue before shipping it.`,
        data: { sku, hazmatClass: hazmat.raw },
      });
      continue;
    }
    const data = { sku, hazmatClass: hazmat.hazmatClass, className: hazmat.className };
    if (hazmat.primaryClass === 9) {
      // A lithium battery declared as class 9 is judged by the lithium rules (document, service).
      if (item.lithium !== 'none' || policy.otherClass9 === 'allow') continue;
      if (policy.otherClass9 === 'warn') {
        findings.push({
          code: 'DANGEROUS_GOODS_CLASS_9',
          severity: 'warn',
          message: `${sku} is dangerous goods of class 9 (${hazmat.className}); check that the chosen carrier accepts it before shipping.`,
          data,
        });
        continue;
      }
    }
    findings.push({
      code: 'DANGEROUS_GOODS_FORBIDDEN',
      severity: 'block',
      message: `${sku} is dangerous goods of class ${hazmat.hazmatClass} (${hazmat.className}) and must not be shipped from this bench.`,
      data,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Lithium batteries
// ---------------------------------------------------------------------------------------

export type LithiumKind = Exclude<Lithium, 'none'>;
export type LithiumUnNumber = 'UN3480' | 'UN3481' | 'UN3090' | 'UN3091';
export type LithiumPackingInstruction = 'PI965' | 'PI966' | 'PI967' | 'PI968' | 'PI969' | 'PI970';

export type LithiumClass = {
  unNumber: LithiumUnNumber;
  packingInstruction: LithiumPackingInstruction;
  chemistry: 'ion' | 'metal';
  packing: 'standalone' | 'with-equipment' | 'in-equipment';
  /** False for PI 965 / 968: IATA removed their Section II on 1 April 2022 (LIMITS.md §4.1). */
  sectionIIExists: boolean;
};

/** LIMITS.md §4.1: UN number and IATA packing instruction of each catalogue lithium kind. */
export const LITHIUM_CLASSES: Readonly<Record<LithiumKind, LithiumClass>> = {
  'ion-standalone': { unNumber: 'UN3480', packingInstruction: 'PI965', chemistry: 'ion', packing: 'standalone', sectionIIExists: false },
  'ion-with-equipment': { unNumber: 'UN3481', packingInstruction: 'PI966', chemistry: 'ion', packing: 'with-equipment', sectionIIExists: true },
  'ion-in-equipment': { unNumber: 'UN3481', packingInstruction: 'PI967', chemistry: 'ion', packing: 'in-equipment', sectionIIExists: true },
  'metal-standalone': { unNumber: 'UN3090', packingInstruction: 'PI968', chemistry: 'metal', packing: 'standalone', sectionIIExists: false },
  'metal-with-equipment': { unNumber: 'UN3091', packingInstruction: 'PI969', chemistry: 'metal', packing: 'with-equipment', sectionIIExists: true },
  'metal-in-equipment': { unNumber: 'UN3091', packingInstruction: 'PI970', chemistry: 'metal', packing: 'in-equipment', sectionIIExists: true },
};

export function lithiumClass(kind: Lithium): LithiumClass | null {
  return kind === 'none' ? null : LITHIUM_CLASSES[kind];
}

export type LithiumDeclaration = LithiumClass & { kind: LithiumKind; skus: string[] };

/** The UN number and packing instruction of each lithium kind in the package, for the label and the marketplace. */
export function lithiumDeclarations(items: ReadonlyArray<Pick<ComplianceItem, 'sku' | 'lithium' | 'quantity'>>): LithiumDeclaration[] {
  const byKind = new Map<LithiumKind, Set<string>>();
  for (const item of items) {
    if (item.lithium === 'none' || item.quantity === 0) continue;
    const skus = byKind.get(item.lithium) ?? new Set<string>();
    skus.add(item.sku);
    byKind.set(item.lithium, skus);
  }
  return [...byKind].map(([kind, skus]) => ({ kind, ...LITHIUM_CLASSES[kind], skus: [...skus] }));
}

/** A battery document on file (e.g. the UN38.3 test summary) and the last day it is valid. */
export type LithiumDocument = { reference: string; expiresOn: string | null };

export type LithiumDocPolicy = {
  /** A document without a readable expiry date cannot be shown to be valid. */
  undated: 'block' | 'warn';
  /** Warn this many days ahead of the expiry, so the document is renewed before it stops the bench; 0 = never. */
  expiryWarningDays: number;
};

export const DEFAULT_LITHIUM_DOC_POLICY: LithiumDocPolicy = { undated: 'block', expiryWarningDays: 30 };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or null for anything else. */
export function calendarDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a rolled date is not a real one.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/**
 * Every lithium SKU needs its battery document on file and valid on the ship date. The
 * document is valid through its expiry date: a document expiring 2026-05-01 still covers a
 * parcel shipped on 2026-05-01.
 */
export function checkLithiumDocuments(
  items: ReadonlyArray<Pick<ComplianceItem, 'sku' | 'lithium' | 'lithiumDoc' | 'quantity'>>,
  shipDate: string,
  policy: LithiumDocPolicy,
): Finding[] {
  const shipDay = calendarDay(shipDate);
  if (shipDay === null) throw new RangeError(`shipDate must be a calendar date YYYY-MM-DD, got "${shipDate}"`);
  const findings: Finding[] = [];
  const lithiumItems = items.filter((item) => item.lithium !== 'none' && item.quantity > 0);
  for (const sku of distinctSkus(lithiumItems)) {
    const item = lithiumItems.find((candidate) => candidate.sku === sku && candidate.lithiumDoc !== null) ?? lithiumItems.find((candidate) => candidate.sku === sku);
    if (item === undefined || item.lithium === 'none') continue;
    const kind = item.lithium;
    const { unNumber } = LITHIUM_CLASSES[kind];
    const doc = item.lithiumDoc;
    if (doc === null || doc.reference.trim() === '') {
      findings.push({
        code: 'LITHIUM_DOC_MISSING',
        severity: 'block',
        message: `${sku} contains lithium batteries (${unNumber}) and has no battery document (e.g. UN38.3 test summary) on file; add it before shipping.`,
        data: { sku, lithium: kind, unNumber },
      });
      continue;
    }
    const expiryDay = doc.expiresOn === null ? null : calendarDay(doc.expiresOn);
    if (expiryDay === null) {
      findings.push({
        code: 'LITHIUM_DOC_UNDATED',
        severity: policy.undated,
        message: `The battery document "${doc.reference}" of ${sku} has no readable expiry date${doc.expiresOn === null ? '' : ` ("${doc.expiresOn}")`}; enter the date it expires.`,
        data: { sku, document: doc.reference, expiresOn: doc.expiresOn },
      });
      continue;
    }
    const expiresOn = doc.expiresOn ?? '';
    if (shipDay > expiryDay) {
      findings.push({
        code: 'LITHIUM_DOC_EXPIRED',
        severity: 'block',
        message: `The battery document "${doc.reference}" of ${sku} expired on ${expiresOn}, before the ship date ${shipDate}; file a current one before shipping.`,
        data: { sku, document: doc.reference, expiresOn, shipDate },
      });
    } else if (expiryDay - shipDay < policy.expiryWarningDays) {
      findings.push({
        code: 'LITHIUM_DOC_EXPIRING',
        severity: 'warn',
        message: `The battery document "${doc.reference}" of ${sku} expires on ${expiresOn}; renew it soon.`,
        data: { sku, document: doc.reference, expiresOn, daysLeft: expiryDay - shipDay },
      });
    }
  }
  return findings;
}

/** Which lithium kinds a carrier service takes; `network` decides the hard postal rule. */
export type ServiceLithiumPolicy = { network: 'postal' | 'express'; accepts: readonly Lithium[] };

/**
 * LIMITS.md §4.3: no post takes loose batteries by air (UPU rules allow only cells or batteries
 * installed in equipment), so a postal service refuses UN3480 / UN3090 whatever its list says.
 * Everything else is the service's configured list (carrier acceptance varies: §4.3, §5 item 6).
 */
export function serviceAcceptsLithium(policy: ServiceLithiumPolicy, kind: Lithium): boolean {
  if (kind === 'none') return true;
  if (policy.network === 'postal' && LITHIUM_CLASSES[kind].packing === 'standalone') return false;
  return policy.accepts.includes(kind);
}

/** Findings for one service: a lithium kind in the package that the service does not carry. */
export function checkServiceLithium(
  items: ReadonlyArray<Pick<ComplianceItem, 'sku' | 'lithium' | 'quantity'>>,
  policy: ServiceLithiumPolicy,
): Finding[] {
  const findings: Finding[] = [];
  for (const declaration of lithiumDeclarations(items)) {
    if (serviceAcceptsLithium(policy, declaration.kind)) continue;
    const data = {
      lithium: declaration.kind,
      unNumber: declaration.unNumber,
      packingInstruction: declaration.packingInstruction,
      skus: declaration.skus.join(', '),
    };
    const standalone = declaration.packing === 'standalone';
    findings.push(
      policy.network === 'postal' && standalone
        ? {
            code: 'LITHIUM_STANDALONE_FORBIDDEN',
            severity: 'block',
            message: `Loose lithium batteries (${declaration.unNumber}, ${data.skus}) never go by post; choose a carrier service approved for them.`,
            data,
          }
        : {
            code: 'SERVICE_REFUSES_LITHIUM',
            severity: 'block',
            message: `This service does not accept lithium batteries of the kind "${declaration.kind}" (${declaration.unNumber} ${declaration.packingInstruction}, ${data.skus}).`,
            data,
          },
    );
  }
  return findings;
}

/** IATA PI 967 / 970 Section II: installed cells or batteries up to which a package needs no lithium mark. */
export type LithiumMarkExemption = { maxCells: number; maxBatteries: number };

// LIMITS.md §4.1 (IATA: no more than 4 cells or 2 batteries). DHL words it as "fewer than";
// a station shipping DHL may set { maxCells: 3, maxBatteries: 1 } (§4.3).
export const DEFAULT_LITHIUM_MARK_EXEMPTION: LithiumMarkExemption = { maxCells: 4, maxBatteries: 2 };

/**
 * Whether the package label carries the lithium battery mark. Batteries packed with equipment
 * (PI 966 / 969) always need it. Batteries installed in equipment (PI 967 / 970) need it unless
 * the package holds no more than `maxCells` cells or `maxBatteries` batteries in all. Unknown
 * counts, and a package mixing loose cells with batteries, get the mark: a mark too many costs
 * nothing, a missing one is a refused parcel. Standalone batteries (PI 965 / 968) have no
 * Section II any more and need the full class 9 labelling; they answer true here too, and the
 * service rules keep them off every service not approved for them.
 */
export function lithiumMarkRequired(
  units: ReadonlyArray<Pick<ComplianceItem, 'lithium' | 'quantity' | 'cells' | 'batteries'>>,
  exemption: LithiumMarkExemption = DEFAULT_LITHIUM_MARK_EXEMPTION,
): boolean {
  const lithiumUnits = units.filter((unit) => unit.lithium !== 'none' && unit.quantity > 0);
  if (lithiumUnits.length === 0) return false;
  let cells = 0;
  let batteries = 0;
  for (const unit of lithiumUnits) {
    if (unit.lithium !== 'ion-in-equipment' && unit.lithium !== 'metal-in-equipment') return true;
    const unitCells = unit.cells ?? null;
    const unitBatteries = unit.batteries ?? null;
    if (unitCells === null || unitBatteries === null) return true;
    if (!Number.isInteger(unitCells) || !Number.isInteger(unitBatteries) || unitCells < 0 || unitBatteries < 0) return true;
    // "In equipment" with neither cells nor batteries contradicts itself: treat as unknown.
    if (unitCells + unitBatteries === 0) return true;
    cells += unitCells * unit.quantity;
    batteries += unitBatteries * unit.quantity;
  }
  if (cells > 0 && batteries > 0) return true;
  return cells > exemption.maxCells || batteries > exemption.maxBatteries;
}

// ---------------------------------------------------------------------------------------
// Declared value and insurance
// ---------------------------------------------------------------------------------------

/** ISO 4217 currencies whose minor unit is not the cent; every other currency has 2 decimals. */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** "1234.50 USD" from 123450 minor units, for English fallback messages. */
export function formatMinor(valueMinor: number, currency: string): string {
  const digits = Object.hasOwn(CURRENCY_MINOR_DIGITS, currency) ? (CURRENCY_MINOR_DIGITS[currency] ?? 2) : 2;
  const sign = valueMinor < 0 ? '-' : '';
  const magnitude = Math.abs(valueMinor);
  if (digits === 0) return `${sign}${magnitude} ${currency}`;
  const scale = 10 ** digits;
  const whole = Math.floor(magnitude / scale);
  const fraction = String(magnitude % scale).padStart(digits, '0');
  return `${sign}${whole}.${fraction} ${currency}`;
}

export type InsuranceRate = { ratePermille: number; minimumMinor: number };

/**
 * The premium for insuring `valueMinor`: rate ‰ of the value, rounded up to the next minor
 * unit (an insurer never charges a fraction of a cent less), and at least the minimum. The rate
 * is used to 1/10 000 ‰ so that the arithmetic stays in integers and 1.1 ‰ means 1.1 ‰.
 */
export function insuranceCost(valueMinor: number, rate: InsuranceRate): number {
  if (!Number.isSafeInteger(valueMinor) || valueMinor < 0) throw new RangeError(`valueMinor must be a whole number of zero or more, got ${valueMinor}`);
  if (!Number.isFinite(rate.ratePermille) || rate.ratePermille < 0) throw new RangeError(`ratePermille must be zero or more, got ${rate.ratePermille}`);
  if (!Number.isSafeInteger(rate.minimumMinor) || rate.minimumMinor < 0) throw new RangeError(`minimumMinor must be a whole number of zero or more, got ${rate.minimumMinor}`);
  const scaledRate = Math.round(rate.ratePermille * 10_000);
  const numerator = valueMinor * scaledRate;
  const denominator = 10_000_000;
  const premium = numerator % denominator === 0 ? numerator / denominator : Math.floor(numerator / denominator) + 1;
  return Math.max(premium, rate.minimumMinor);
}

export type InsurancePolicy = {
  mode: 'required' | 'suggested' | 'off';
  /** Per currency: a declared value above this many minor units calls for insurance. At the value itself it does not. */
  thresholdMinor: Readonly<Record<string, number>>;
  /** Per currency: the premium shown in the message; a currency without one shows no cost. */
  rates: Readonly<Record<string, InsuranceRate>>;
};

// Thresholds from the issue's example (500 USD, 3000 CNY). The rates are placeholders, not a
// carrier tariff: set them from the contract of the carrier that insures the parcels.
export const DEFAULT_INSURANCE_POLICY: InsurancePolicy = {
  mode: 'required',
  thresholdMinor: { USD: 50_000, CNY: 300_000 },
  rates: { USD: { ratePermille: 10, minimumMinor: 100 }, CNY: { ratePermille: 10, minimumMinor: 300 } },
};

export type DeclaredValue = {
  /** Σ unit value × quantity per currency, sorted by currency code. */
  totals: Array<{ currency: string; valueMinor: number }>;
  /** SKUs without a usable value (missing, negative, fractional) or currency. */
  unknownSkus: string[];
};

export function declaredValueByCurrency(items: ReadonlyArray<Pick<ComplianceItem, 'sku' | 'quantity' | 'unitValueMinor' | 'currency'>>): DeclaredValue {
  const totals = new Map<string, number>();
  const unknown = new Set<string>();
  for (const item of items) {
    requireQuantity(item);
    if (item.quantity === 0) continue;
    const currency = (item.currency ?? '').trim().toUpperCase();
    const value = item.unitValueMinor;
    if (value === null || !Number.isSafeInteger(value) || value < 0 || !/^[A-Z]{3}$/.test(currency)) {
      unknown.add(item.sku);
      continue;
    }
    totals.set(currency, (totals.get(currency) ?? 0) + value * item.quantity);
  }
  return {
    totals: [...totals].map(([currency, valueMinor]) => ({ currency, valueMinor })).sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)),
    unknownSkus: [...unknown],
  };
}

/**
 * High declared value calls for insurance: required (block until insured) or suggested (warn).
 *
 * Mixed currencies: the package is not blocked. Without exchange rates (the bench runs
 * offline) the currencies cannot be added up, so each currency's subtotal is held against that
 * currency's own threshold and a VALUE_CURRENCY_MIXED warning says so: the total may be over a
 * threshold that no subtotal reaches, which a supervisor judges. Mixing comes from catalogue
 * data (an order is paid in one currency), so blocking would stop the bench over bookkeeping;
 * international parcels are stopped anyway by the customs rule (one currency per declaration).
 */
export function checkInsurance(
  items: ReadonlyArray<Pick<ComplianceItem, 'sku' | 'quantity' | 'unitValueMinor' | 'currency'>>,
  policy: InsurancePolicy,
  insured: boolean,
): Finding[] {
  if (policy.mode === 'off') return [];
  const declared = declaredValueByCurrency(items);
  const findings: Finding[] = [];
  if (declared.totals.length > 1) {
    const currencies = declared.totals.map((total) => total.currency).join(', ');
    findings.push({
      code: 'VALUE_CURRENCY_MIXED',
      severity: 'warn',
      message: `The declared values are in several currencies (${currencies}); each is checked against its own insurance threshold. Check the catalogue values.`,
      data: { currencies },
    });
  }
  if (declared.unknownSkus.length > 0) {
    const skus = declared.unknownSkus.join(', ');
    findings.push({
      code: 'INSURANCE_VALUE_UNKNOWN',
      severity: 'warn',
      message: `No declared value or currency for ${skus}; the insurance threshold cannot be checked for them.`,
      data: { skus },
    });
  }
  for (const { currency, valueMinor } of declared.totals) {
    const threshold = Object.hasOwn(policy.thresholdMinor, currency) ? policy.thresholdMinor[currency] : undefined;
    if (threshold === undefined) {
      findings.push({
        code: 'INSURANCE_THRESHOLD_MISSING',
        severity: 'warn',
        message: `No insurance threshold is set for ${currency}; the declared value ${formatMinor(valueMinor, currency)} cannot be checked. Add one in Settings.`,
        data: { currency, declaredValueMinor: valueMinor },
      });
      continue;
    }
    if (valueMinor <= threshold || insured) continue;
    const rate = Object.hasOwn(policy.rates, currency) ? policy.rates[currency] : undefined;
    const cost = rate === undefined ? null : insuranceCost(valueMinor, rate);
    const costText = cost === null ? '' : ` (cost ${formatMinor(cost, currency)})`;
    const over = `The declared value ${formatMinor(valueMinor, currency)} is over the ${formatMinor(threshold, currency)} insurance threshold`;
    const data = { currency, declaredValueMinor: valueMinor, thresholdMinor: threshold, insuranceCostMinor: cost };
    findings.push(
      policy.mode === 'required'
        ? { code: 'INSURANCE_REQUIRED', severity: 'block', message: `${over}: insure the parcel${costText} before printing the label.`, data }
        : { code: 'INSURANCE_SUGGESTED', severity: 'warn', message: `${over}: insuring the parcel is suggested${costText}.`, data },
    );
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// The package as a whole
// ---------------------------------------------------------------------------------------

export type ComplianceConfig = {
  dangerousGoods: DangerousGoodsPolicy;
  lithiumDocs: LithiumDocPolicy;
  insurance: InsurancePolicy;
};

export const DEFAULT_COMPLIANCE_CONFIG: ComplianceConfig = {
  dangerousGoods: DEFAULT_DANGEROUS_GOODS_POLICY,
  lithiumDocs: DEFAULT_LITHIUM_DOC_POLICY,
  insurance: DEFAULT_INSURANCE_POLICY,
};

/**
 * The carrier-independent compliance findings of one package: dangerous goods, lithium
 * documents and insurance. Per-service lithium acceptance is `checkServiceLithium`.
 */
export function checkPackageCompliance(
  items: ReadonlyArray<ComplianceItem>,
  context: { shipDate: string; insured: boolean },
  config: ComplianceConfig,
): Finding[] {
  for (const item of items) requireQuantity(item);
  const present = items.filter((item) => item.quantity > 0);
  return [
    ...checkDangerousGoods(present, config.dangerousGoods),
    ...checkLithiumDocuments(present, context.shipDate, config.lithiumDocs),
    ...checkInsurance(present, config.insurance, context.insured),
  ];
}

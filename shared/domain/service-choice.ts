// Which carrier service the bench proposes for one package, and why. Eligibility (limits,
// lithium, dangerous goods, tracking ranges) is decided elsewhere (eligibility.ts); this
// engine takes those verdicts as given and adds what the catalogue says: where a service
// goes, what it costs, when it leaves and when it arrives, and the bench's own rules.
//
// Policy, in order:
// 1. Candidates are services that are eligible, serve the destination, have a price, are at
//    least as fast as the order's ship service level asks, and satisfy the first choice rule
//    whose conditions match. When the rule leaves nothing, it is dropped (and said so); then
//    the speed requirement; the proposal is never a service that cannot take the package.
// 2. Among candidates that arrive by the promised date (all, when no date is known): the
//    cheapest comparable total; tie → earlier latest delivery → catalogue order.
// 3. When none arrives in time: the one with the earliest latest delivery, said so.
//
// Money. Each service's charges stay in its rate card's currency; to compare them they are
// converted into the station's currency (`money`). A total that cannot be converted (no rate)
// is never proposed over one that can. Rounding is half up, in minor units:
// - fuel = percent × (rate + surcharges) / 100, with the percent taken to 0.01 % so the
//   arithmetic is exact integers (18.5 % of 1001 = 185.185 → 185);
// - conversion = amount × rate, shifted between the currencies' minor digits (JPY 0, CNY 2).
//   Rates are floats, so the converted figure is for comparing, not for the invoice.
// Insurance stays in the caller's currency (`insuranceMinor`, `insuranceCurrency`) and is
// added only to the comparable total: the premium is the same whatever the service, so when
// it cannot be converted the comparable totals leave it out (all alike) and the explanation
// says so.
//
// Caching. A rate card seen a second time is indexed (sorted per zone, binary search) and
// holiday lists are converted once, both per object (WeakMaps); a card seen only once is
// scanned, so a caller that loads the catalogue afresh for every package pays a scan of the
// rows, not a sort. Catalogue objects are treated as immutable values: a changed service must
// be a new object, since a card edited in place would keep its stale index.

import type { CatalogService, RateCard, ServiceSpeed } from './carrier-catalog';
import { SERVICE_SPEEDS } from './carrier-catalog';
import { addWorkingDayNumbers, dateOfDay, dayNumber, holidaySet, parseDate, parseTimeOfDay, shipDay } from './calendar';
import type { HolidaySet, LocalNow } from './calendar';
import { CURRENCY_MINOR_DIGITS, formatMinor } from './compliance';
import type { Finding } from './eligibility';

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

/** What the engine reads of a catalogue service. */
export type ChoiceService = Pick<
  CatalogService,
  | 'id'
  | 'nameEn'
  | 'network'
  | 'speed'
  | 'zones'
  | 'transit'
  | 'rateCard'
  | 'surcharges'
  | 'fuelSurchargePercent'
  | 'cutoff'
  | 'pickupDays'
  | 'workingDays'
  | 'holidays'
>;

/** A service's verdict from eligibility.ts; `serviceVerdicts()` output fits as is. */
export type ChoiceVerdict = {
  /** When given it must be the service's id: a verdict paired with the wrong service is a bug. */
  serviceId?: string;
  eligible: boolean;
  findings: ReadonlyArray<Pick<Finding, 'code' | 'severity' | 'message' | 'data'>>;
  billableWeightG: number | null;
};

export type ChoiceEntry = { service: ChoiceService; verdict: ChoiceVerdict };

export type ChoiceOrder = {
  /** ISO country code of the recipient. */
  toCountry: string;
  /** The marketplace's ship service level ('Standard', 'Expedited', 'NextDay', …). */
  shipServiceLevel: string | null;
  isPrime: boolean;
  /** The promised latest delivery, the station's local YYYY-MM-DD; null when unknown. */
  latestDeliveryDate: string | null;
};

export type ChoicePackage = {
  /** The actual weight; rules compare this, the rate card uses each verdict's billable weight. */
  weightG: number;
  insured: boolean;
  /** The premium the caller computed (compliance.ts insuranceCost), in its own currency. */
  insurance: { premiumMinor: number; currency: string } | null;
};

/** The station's currency and what one unit of each other currency is worth in it. */
export type ExchangeRates = { currency: string; rates: Readonly<Record<string, number>> };

export type ChoiceRuleWhen = {
  /** Actual weight at least this (2001 = "over 2 kg"). */
  minWeightG?: number;
  /** Actual weight at most this. */
  maxWeightG?: number;
  /** Matched ignoring case, spaces and punctuation: 'Second Day' matches 'SecondDay'. */
  serviceLevels?: string[];
  prime?: boolean;
  countries?: string[];
};

export type ChoiceRuleRequire = {
  network?: 'postal' | 'express';
  minSpeed?: ServiceSpeed;
  /** Service ids allowed. */
  services?: string[];
};

/**
 * A bench rule: when every given condition holds, candidates must meet every given
 * requirement. Rules are ordered; the first that matches applies and the rest are ignored.
 * The shape is plain JSON, checked by `checkChoiceRules` (no zod here, so shared/ keeps no
 * runtime dependency; a zod schema can mirror the same fields).
 */
export type ChoiceRule = { id: string; when: ChoiceRuleWhen; require: ChoiceRuleRequire };

export const DEFAULT_CHOICE_RULES: readonly ChoiceRule[] = [
  { id: 'over-2kg-express', when: { minWeightG: 2001 }, require: { network: 'express' } },
  { id: 'fast-levels-express', when: { serviceLevels: ['Expedited', 'Priority', 'SecondDay', 'NextDay'] }, require: { network: 'express' } },
];

export type ChoiceInput = {
  /** In catalogue order, which is the last tie-break. */
  services: readonly ChoiceEntry[];
  order: ChoiceOrder;
  pkg: ChoicePackage;
  localNow: LocalNow;
  stationHolidays: readonly string[];
  money: ExchangeRates;
  /** Checked with `checkChoiceRules` when configured; not re-checked on every choice. */
  rules: readonly ChoiceRule[];
};

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

export const CHOICE_REASON_CODES = [
  // Why a service is not a candidate (an option's `excludedBy`).
  'SERVICE_INELIGIBLE',
  'SERVICE_NO_DESTINATION',
  'BILLABLE_WEIGHT_UNKNOWN',
  'RATE_NOT_FOUND',
  'SERVICE_TOO_SLOW',
  'RULE_NOT_MET',
  // Facts about a service that do not exclude it.
  'COST_NOT_COMPARABLE',
  'NO_TRANSIT_ESTIMATE',
  'NO_PICKUP_DAY',
  'SERVICE_CALENDAR_INVALID',
  'PROMISE_MISSED',
  // The choice as a whole.
  'CHOICE_CHEAPEST',
  'CHOICE_FASTEST',
  'CHOICE_COST_UNKNOWN',
  'CHOICE_TIE_BROKEN',
  'CHOICE_NO_PROMISE',
  'CHOICE_PROMISE_KEPT',
  'CHOICE_NONE_IN_TIME',
  'CHOICE_RULE_APPLIED',
  'CHOICE_RULE_UNMET',
  'CHOICE_SPEED_UNMET',
  'CHOICE_CHEAPER_EXCLUDED',
  'CHOICE_INSURANCE_NOT_COMPARED',
  'CHOICE_NONE_ELIGIBLE',
  // What a packer's override gives up.
  'OVERRIDE_UNKNOWN_SERVICE',
  'OVERRIDE_NOT_ALLOWED',
  'OVERRIDE_SAME_SERVICE',
  'OVERRIDE_COSTS_MORE',
  'OVERRIDE_COSTS_LESS',
  'OVERRIDE_COST_UNKNOWN',
  'OVERRIDE_ARRIVES_LATER',
  'OVERRIDE_ARRIVES_EARLIER',
  'OVERRIDE_NO_ESTIMATE',
  'OVERRIDE_MISSES_PROMISE',
  'OVERRIDE_TOO_SLOW',
  'OVERRIDE_BREAKS_RULE',
] as const;

export type ChoiceReasonCode = (typeof CHOICE_REASON_CODES)[number];

/** Structured, so the UI translates by `code` and fills in `data`. */
export type ChoiceReason = { code: ChoiceReasonCode; data: Record<string, string | number | boolean | null> };

export type ChoiceCost = {
  /** The rate card's currency: rate, surcharges, fuel and total are in it. */
  currency: string;
  rateMinor: number;
  surchargesMinor: number;
  surcharges: { code: string; amountMinor: number }[];
  fuelMinor: number;
  /** What the carrier bills: rate + surcharges + fuel, in `currency`. */
  totalMinor: number;
  /** The insurance premium in `insuranceCurrency` (0 and null when not insured). */
  insuranceMinor: number;
  insuranceCurrency: string | null;
  /** Total plus insurance in the station's currency; null when the card's currency has no rate. */
  comparableMinor: number | null;
  /** Whether `comparableMinor` includes the premium (it cannot when the premium is unknown or unconvertible). */
  insuranceIncluded: boolean;
};

export type ChoiceOption = {
  serviceId: string;
  name: string;
  network: 'postal' | 'express';
  speed: ServiceSpeed;
  eligible: boolean;
  served: boolean;
  zone: string | null;
  billableWeightG: number | null;
  cost: ChoiceCost | null;
  shipDate: string | null;
  deliveryEarliest: string | null;
  deliveryLatest: string | null;
  /** Null when no promise is known or the service has no delivery estimate. */
  keepsPromise: boolean | null;
  /** At least as fast as the ship service level asks. */
  keepsLevel: boolean;
  /** Meets the applying rule (true when no rule applies). */
  meetsRule: boolean;
  /** Codes, from `reasons`, that keep the service from being a candidate under the full policy. */
  excludedBy: ChoiceReasonCode[];
  reasons: ChoiceReason[];
};

export type ServiceChoice = {
  proposedServiceId: string | null;
  /** Every service, in catalogue order. */
  options: ChoiceOption[];
  explanation: ChoiceReason[];
  /** English, for the log and as the UI's fallback. */
  text: string;
  /** Station currency, required speed, applying rule and promise: what `explainOverride` compares against. */
  currency: string;
  requiredSpeed: ServiceSpeed;
  ruleId: string | null;
  promised: string | null;
};

// ---------------------------------------------------------------------------------------
// Ship service level → speed
// ---------------------------------------------------------------------------------------

function normalizeLevel(level: string): string {
  return level.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const LEVEL_SPEEDS: Readonly<Record<string, ServiceSpeed>> = {
  freeeconomy: 'economy',
  economy: 'economy',
  standard: 'standard',
  scheduled: 'standard',
  expedited: 'expedited',
  secondday: 'priority',
  priority: 'priority',
  nextday: 'next-day',
  sameday: 'next-day',
};

/**
 * The slowest speed that keeps the order's ship service level. 'Std US D2D Dom' and other
 * 'Std …' levels are standard; null and unknown levels are standard. A Prime order is at
 * least expedited: Seller Fulfilled Prime promises one- or two-day delivery, which no
 * economy or standard service keeps.
 */
export function requiredSpeedFor(shipServiceLevel: string | null, isPrime: boolean): ServiceSpeed {
  const key = shipServiceLevel === null ? '' : normalizeLevel(shipServiceLevel);
  const mapped = Object.hasOwn(LEVEL_SPEEDS, key) ? LEVEL_SPEEDS[key] : undefined;
  const speed: ServiceSpeed = mapped ?? 'standard';
  return isPrime && speedRank(speed) < speedRank('expedited') ? 'expedited' : speed;
}

/** Position in SERVICE_SPEEDS (-1 for a speed the list does not know, slower than all). */
function speedRank(speed: ServiceSpeed): number {
  return SERVICE_SPEEDS.indexOf(speed);
}

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

/** The first rule whose conditions all hold for this order and actual weight, or null. */
export function applyingRule(rules: readonly ChoiceRule[], order: ChoiceOrder, weightG: number): ChoiceRule | null {
  const level = order.shipServiceLevel === null ? null : normalizeLevel(order.shipServiceLevel);
  const country = order.toCountry.trim().toUpperCase();
  for (const rule of rules) {
    const when = rule.when;
    if (when.minWeightG !== undefined && !(weightG >= when.minWeightG)) continue;
    if (when.maxWeightG !== undefined && !(weightG <= when.maxWeightG)) continue;
    if (when.serviceLevels !== undefined && (level === null || !when.serviceLevels.some((l) => normalizeLevel(l) === level))) continue;
    if (when.prime !== undefined && when.prime !== order.isPrime) continue;
    if (when.countries !== undefined && !when.countries.some((c) => c.trim().toUpperCase() === country)) continue;
    return rule;
  }
  return null;
}

function meetsRequirement(require: ChoiceRuleRequire, service: ChoiceService): boolean {
  if (require.network !== undefined && service.network !== require.network) return false;
  if (require.minSpeed !== undefined && speedRank(service.speed) < speedRank(require.minSpeed)) return false;
  if (require.services !== undefined && !require.services.includes(service.id)) return false;
  return true;
}

export type ChoiceRuleError = { path: string; message: string };

const WHEN_KEYS = new Set(['minWeightG', 'maxWeightG', 'serviceLevels', 'prime', 'countries']);
const REQUIRE_KEYS = new Set(['network', 'minSpeed', 'services']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.trim() !== '');
}

/**
 * Checks configured rules (JSON from settings or an import). Unknown keys are errors, so a
 * typo such as `minWeight` cannot silently turn a rule into "always".
 */
export function checkChoiceRules(value: unknown): { ok: true; rules: ChoiceRule[] } | { ok: false; errors: ChoiceRuleError[] } {
  const errors: ChoiceRuleError[] = [];
  if (!Array.isArray(value)) return { ok: false, errors: [{ path: '', message: 'rules must be a list' }] };
  const ids = new Set<string>();
  value.forEach((rule: unknown, index) => {
    const at = `[${index}]`;
    if (!isRecord(rule)) {
      errors.push({ path: at, message: 'a rule must be an object with id, when and require' });
      return;
    }
    for (const key of Object.keys(rule)) if (!['id', 'when', 'require'].includes(key)) errors.push({ path: `${at}.${key}`, message: 'unknown field' });
    if (typeof rule['id'] !== 'string' || rule['id'].trim() === '') errors.push({ path: `${at}.id`, message: 'id must be a non-empty string' });
    else if (ids.has(rule['id'])) errors.push({ path: `${at}.id`, message: `duplicate id "${rule['id']}"` });
    else ids.add(rule['id']);

    const when = rule['when'];
    if (!isRecord(when)) errors.push({ path: `${at}.when`, message: 'when must be an object (empty matches every package)' });
    else {
      for (const key of Object.keys(when)) if (!WHEN_KEYS.has(key)) errors.push({ path: `${at}.when.${key}`, message: 'unknown condition' });
      for (const key of ['minWeightG', 'maxWeightG']) {
        const grams = when[key];
        if (grams !== undefined && !(Number.isSafeInteger(grams) && (grams as number) >= 0)) {
          errors.push({ path: `${at}.when.${key}`, message: 'must be a whole number of grams, zero or more' });
        }
      }
      const [min, max] = [when['minWeightG'], when['maxWeightG']];
      if (typeof min === 'number' && typeof max === 'number' && min > max) errors.push({ path: `${at}.when`, message: 'minWeightG is over maxWeightG: the rule never applies' });
      if (when['serviceLevels'] !== undefined && !isNonEmptyStringList(when['serviceLevels'])) {
        errors.push({ path: `${at}.when.serviceLevels`, message: 'must be a non-empty list of ship service levels' });
      }
      if (when['prime'] !== undefined && typeof when['prime'] !== 'boolean') errors.push({ path: `${at}.when.prime`, message: 'must be true or false' });
      const countries = when['countries'];
      if (countries !== undefined && !(isNonEmptyStringList(countries) && countries.every((c) => /^[A-Za-z]{2}$/.test(c.trim())))) {
        errors.push({ path: `${at}.when.countries`, message: 'must be a non-empty list of two-letter country codes' });
      }
    }

    const require = rule['require'];
    if (!isRecord(require)) errors.push({ path: `${at}.require`, message: 'require must be an object' });
    else {
      for (const key of Object.keys(require)) if (!REQUIRE_KEYS.has(key)) errors.push({ path: `${at}.require.${key}`, message: 'unknown requirement' });
      if (Object.keys(require).length === 0) errors.push({ path: `${at}.require`, message: 'a rule must require something (network, minSpeed or services)' });
      if (require['network'] !== undefined && require['network'] !== 'postal' && require['network'] !== 'express') {
        errors.push({ path: `${at}.require.network`, message: 'must be "postal" or "express"' });
      }
      if (require['minSpeed'] !== undefined && !(SERVICE_SPEEDS as readonly unknown[]).includes(require['minSpeed'])) {
        errors.push({ path: `${at}.require.minSpeed`, message: `must be one of ${SERVICE_SPEEDS.join(', ')}` });
      }
      if (require['services'] !== undefined && !isNonEmptyStringList(require['services'])) {
        errors.push({ path: `${at}.require.services`, message: 'must be a non-empty list of service ids' });
      }
    }
  });
  // A JSON round trip copies the checked value, so later edits to the input cannot change the rules.
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules: JSON.parse(JSON.stringify(value)) as ChoiceRule[] };
}

// ---------------------------------------------------------------------------------------
// Rate card
// ---------------------------------------------------------------------------------------

type ZoneRates = { upToG: number[]; priceMinor: number[] };

const rateIndexes = new WeakMap<RateCard, Map<string, ZoneRates>>();
/** Cards looked up once: indexed on the second look-up, so a card loaded afresh for every package is scanned, not sorted, each time. */
const seenOnce = new WeakSet<RateCard>();

function buildRateIndex(card: RateCard): Map<string, ZoneRates> {
  const byZone = new Map<string, { upToG: number; priceMinor: number }[]>();
  for (const row of card.rows) {
    const rows = byZone.get(row.zone);
    if (rows) rows.push(row);
    else byZone.set(row.zone, [row]);
  }
  const index = new Map<string, ZoneRates>();
  for (const [zone, rows] of byZone) {
    // Stable sort: rows need not be in order, and of two equal breaks the earlier row wins.
    const sorted = [...rows].sort((a, b) => a.upToG - b.upToG);
    index.set(zone, { upToG: sorted.map((r) => r.upToG), priceMinor: sorted.map((r) => r.priceMinor) });
  }
  rateIndexes.set(card, index);
  return index;
}

/** The same answer as the index, from one pass over the rows. */
function scanRates(card: RateCard, zone: string, billableG: number): { hit: number | null; lastUpToG: number | null; lastPrice: number } {
  let hitUpToG = Infinity;
  let hit: number | null = null;
  let lastUpToG: number | null = null;
  let lastPrice = 0;
  for (const row of card.rows) {
    if (row.zone !== zone) continue;
    // Strictly smaller keeps the earlier of two equal breaks, as the stable sort does…
    if (row.upToG >= billableG && row.upToG < hitUpToG) {
      hitUpToG = row.upToG;
      hit = row.priceMinor;
    }
    // …and at-or-above keeps the later of two equal last breaks, as the sorted index's last entry is.
    if (lastUpToG === null || row.upToG >= lastUpToG) {
      lastUpToG = row.upToG;
      lastPrice = row.priceMinor;
    }
  }
  return { hit, lastUpToG, lastPrice };
}

/**
 * The card's price for a parcel of `billableG` to `zone`: the smallest weight break at or
 * over it (a parcel of exactly `upToG` takes that break), or past the last break the last
 * price plus `perExtraKgMinor` per started kilogram over it; null when the card has no price.
 */
export function rateCardPrice(card: RateCard, zone: string, billableG: number): number | null {
  let index = rateIndexes.get(card);
  if (index === undefined) {
    if (seenOnce.has(card)) index = buildRateIndex(card);
    else {
      seenOnce.add(card);
      const scanned = scanRates(card, zone, billableG);
      if (scanned.hit !== null) return scanned.hit;
      return scanned.lastUpToG === null ? null : pastLastBreak(card, zone, billableG, scanned.lastUpToG, scanned.lastPrice);
    }
  }
  const rates = index.get(zone);
  if (!rates) return null;
  const { upToG, priceMinor } = rates;
  let low = 0;
  let high = upToG.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((upToG[mid] as number) < billableG) low = mid + 1;
    else high = mid;
  }
  if (low < upToG.length) return priceMinor[low] as number;
  const last = upToG.length - 1;
  return last < 0 ? null : pastLastBreak(card, zone, billableG, upToG[last] as number, priceMinor[last] as number);
}

function pastLastBreak(card: RateCard, zone: string, billableG: number, lastUpToG: number, lastPrice: number): number | null {
  const perKg = card.perExtraKgMinor !== undefined && Object.hasOwn(card.perExtraKgMinor, zone) ? card.perExtraKgMinor[zone] : undefined;
  return perKg === undefined ? null : lastPrice + Math.ceil((billableG - lastUpToG) / 1000) * perKg;
}

/** Fuel on `baseMinor` at `percent`, half up in minor units, the percent taken to 0.01 %. */
export function fuelSurchargeMinor(percent: number, baseMinor: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((basisPoints * baseMinor + 5000) / 10_000);
}

function minorDigits(currency: string): number {
  return Object.hasOwn(CURRENCY_MINOR_DIGITS, currency) ? (CURRENCY_MINOR_DIGITS[currency] ?? 2) : 2;
}

/** `amountMinor` of `currency` in the station's minor units, half up; null without a usable rate. */
export function toStationMinor(amountMinor: number, currency: string, money: ExchangeRates): number | null {
  if (currency === money.currency) return amountMinor;
  const rate = Object.hasOwn(money.rates, currency) ? money.rates[currency] : undefined;
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return null;
  const shift = minorDigits(money.currency) - minorDigits(currency);
  // Dividing by 10^n rather than multiplying by 10^-n keeps 0.01 out of the float product.
  const value = shift >= 0 ? amountMinor * rate * 10 ** shift : (amountMinor * rate) / 10 ** -shift;
  return Math.round(value);
}

// ---------------------------------------------------------------------------------------
// Calendar per service
// ---------------------------------------------------------------------------------------

const holidayIndexes = new WeakMap<readonly string[], Set<number> | null>();

/** The service's holidays as day numbers; null when the list holds something that is not a date. */
function serviceHolidays(list: readonly string[]): Set<number> | null {
  const cached = holidayIndexes.get(list);
  if (cached !== undefined) return cached;
  const days = list.every((date) => parseDate(date) !== null) ? holidaySet(list) : null;
  holidayIndexes.set(list, days);
  return days;
}

// ---------------------------------------------------------------------------------------
// The choice
// ---------------------------------------------------------------------------------------

type Working = {
  option: ChoiceOption;
  index: number;
  comparable: number | null;
  latestDay: number | null;
  priced: boolean;
};

type Context = {
  country: string;
  requiredSpeed: ServiceSpeed;
  shipServiceLevel: string | null;
  rule: ChoiceRule | null;
  today: number;
  minutes: number;
  stationHolidays: Set<number>;
  promisedDay: number | null;
  promised: string | null;
  money: ExchangeRates;
  /** The premium in station minor units, or null when it is not added to comparable totals. */
  insuranceComparable: number | null;
  insurance: { premiumMinor: number; currency: string } | null;
};

function kg(grams: number): string {
  return `${(grams / 1000).toFixed(2)} kg`;
}

function costFor(service: ChoiceService, zone: string, billableG: number, ctx: Context): ChoiceCost | null {
  const card = service.rateCard;
  const rateMinor = rateCardPrice(card, zone, billableG);
  if (rateMinor === null) return null;
  const surcharges: { code: string; amountMinor: number }[] = [];
  let surchargesMinor = 0;
  for (const surcharge of service.surcharges) {
    if (surcharge.fromBillableG !== undefined && billableG < surcharge.fromBillableG) continue;
    if (surcharge.zones !== undefined && !surcharge.zones.includes(zone)) continue;
    // Per started kilogram of the whole billable weight, not only of the part over fromBillableG.
    const amountMinor = surcharge.kind === 'per-package' ? surcharge.amountMinor : surcharge.amountMinor * Math.ceil(billableG / 1000);
    surcharges.push({ code: surcharge.code, amountMinor });
    surchargesMinor += amountMinor;
  }
  const fuelMinor = fuelSurchargeMinor(service.fuelSurchargePercent, rateMinor + surchargesMinor);
  const totalMinor = rateMinor + surchargesMinor + fuelMinor;
  const carriage = toStationMinor(totalMinor, card.currency, ctx.money);
  const insuranceIncluded = ctx.insuranceComparable !== null;
  return {
    currency: card.currency,
    rateMinor,
    surchargesMinor,
    surcharges,
    fuelMinor,
    totalMinor,
    insuranceMinor: ctx.insurance?.premiumMinor ?? 0,
    insuranceCurrency: ctx.insurance?.currency ?? null,
    comparableMinor: carriage === null ? null : carriage + (ctx.insuranceComparable ?? 0),
    insuranceIncluded,
  };
}

function optionFor(entry: ChoiceEntry, index: number, ctx: Context): Working {
  const { service, verdict } = entry;
  if (verdict.serviceId !== undefined && verdict.serviceId !== service.id) {
    throw new RangeError(`verdict for "${verdict.serviceId}" paired with service "${service.id}"`);
  }
  const reasons: ChoiceReason[] = [];
  const excludedBy: ChoiceReasonCode[] = [];
  const exclude = (reason: ChoiceReason) => {
    reasons.push(reason);
    excludedBy.push(reason.code);
  };

  if (!verdict.eligible) {
    const blocking = verdict.findings.filter((finding) => finding.severity === 'block').map((finding) => finding.code);
    exclude({ code: 'SERVICE_INELIGIBLE', data: { serviceId: service.id, findings: blocking.join(',') } });
  }

  const zone = Object.hasOwn(service.zones, ctx.country) ? service.zones[ctx.country] : Object.hasOwn(service.zones, '*') ? service.zones['*'] : undefined;
  const served = zone !== undefined;
  if (!served) exclude({ code: 'SERVICE_NO_DESTINATION', data: { serviceId: service.id, country: ctx.country } });

  const billableG = verdict.billableWeightG;
  let cost: ChoiceCost | null = null;
  if (served) {
    if (billableG === null) exclude({ code: 'BILLABLE_WEIGHT_UNKNOWN', data: { serviceId: service.id } });
    else {
      cost = costFor(service, zone, billableG, ctx);
      if (cost === null) exclude({ code: 'RATE_NOT_FOUND', data: { serviceId: service.id, zone, billableWeightG: billableG } });
      else if (cost.comparableMinor === null) {
        reasons.push({ code: 'COST_NOT_COMPARABLE', data: { serviceId: service.id, currency: cost.currency, stationCurrency: ctx.money.currency } });
      }
    }
  }

  const keepsLevel = speedRank(service.speed) >= speedRank(ctx.requiredSpeed);
  if (!keepsLevel) {
    exclude({ code: 'SERVICE_TOO_SLOW', data: { serviceId: service.id, speed: service.speed, requiredSpeed: ctx.requiredSpeed, shipServiceLevel: ctx.shipServiceLevel } });
  }
  const meetsRule = ctx.rule === null || meetsRequirement(ctx.rule.require, service);
  if (!meetsRule && ctx.rule !== null) exclude({ code: 'RULE_NOT_MET', data: { serviceId: service.id, ruleId: ctx.rule.id, ...requirementData(ctx.rule.require) } });

  let shipDate: string | null = null;
  let deliveryEarliest: string | null = null;
  let deliveryLatest: string | null = null;
  let latestDay: number | null = null;
  if (served) {
    const cutoffMinutes = parseTimeOfDay(service.cutoff);
    const own = serviceHolidays(service.holidays);
    if (cutoffMinutes === null || own === null) {
      reasons.push({ code: 'SERVICE_CALENDAR_INVALID', data: { serviceId: service.id, cutoff: service.cutoff, holidaysValid: own !== null } });
    } else {
      const station = ctx.stationHolidays;
      const holidays: HolidaySet = { has: (day) => own.has(day) || station.has(day) };
      const ship = shipDay(ctx.today, ctx.minutes, cutoffMinutes, service.pickupDays, holidays);
      const transit = Object.hasOwn(service.transit, zone) ? service.transit[zone] : undefined;
      if (ship === null) reasons.push({ code: 'NO_PICKUP_DAY', data: { serviceId: service.id } });
      else {
        shipDate = dateOfDay(ship);
        const validTransit = transit !== undefined && Number.isSafeInteger(transit.minDays) && Number.isSafeInteger(transit.maxDays) && transit.minDays >= 0 && transit.maxDays >= transit.minDays;
        const earliest = validTransit ? addWorkingDayNumbers(ship, transit.minDays, service.workingDays, holidays) : null;
        latestDay = validTransit ? addWorkingDayNumbers(ship, transit.maxDays, service.workingDays, holidays) : null;
        if (earliest === null || latestDay === null) {
          latestDay = null;
          reasons.push({ code: 'NO_TRANSIT_ESTIMATE', data: { serviceId: service.id, zone } });
        } else {
          deliveryEarliest = dateOfDay(earliest);
          deliveryLatest = dateOfDay(latestDay);
        }
      }
    }
  }

  const keepsPromise = ctx.promisedDay === null || latestDay === null ? null : latestDay <= ctx.promisedDay;
  if (keepsPromise === false) reasons.push({ code: 'PROMISE_MISSED', data: { serviceId: service.id, deliveryLatest, promised: ctx.promised } });

  return {
    option: {
      serviceId: service.id,
      name: service.nameEn,
      network: service.network,
      speed: service.speed,
      eligible: verdict.eligible,
      served,
      zone: zone ?? null,
      billableWeightG: billableG,
      cost,
      shipDate,
      deliveryEarliest,
      deliveryLatest,
      keepsPromise,
      keepsLevel,
      meetsRule,
      excludedBy,
      reasons,
    },
    index,
    comparable: cost?.comparableMinor ?? null,
    latestDay,
    priced: cost !== null,
  };
}

function requirementData(require: ChoiceRuleRequire): Record<string, string | null> {
  return { network: require.network ?? null, minSpeed: require.minSpeed ?? null, services: require.services?.join(',') ?? null };
}

/** Null last. */
function compareNullable(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

/** Comparable first, cheaper first; tie → earlier latest delivery → catalogue order. */
function byCost(a: Working, b: Working): number {
  return compareNullable(a.comparable, b.comparable) || compareNullable(a.latestDay, b.latestDay) || a.index - b.index;
}

/** Comparable first (never propose an unknown cost over a known one), then earlier latest delivery, cheaper, catalogue order. */
function byDelivery(a: Working, b: Working): number {
  const known = Number(a.comparable === null) - Number(b.comparable === null);
  return known || compareNullable(a.latestDay, b.latestDay) || compareNullable(a.comparable, b.comparable) || a.index - b.index;
}

function ruleClause(rule: ChoiceRule, order: ChoiceOrder, weightG: number): string {
  const when = rule.when;
  const conditions: string[] = [];
  if (when.minWeightG !== undefined && when.maxWeightG !== undefined) conditions.push(`${kg(weightG)} is within ${kg(when.minWeightG)}–${kg(when.maxWeightG)}`);
  else if (when.minWeightG !== undefined) conditions.push(`${kg(weightG)} is over ${kg(Math.max(0, when.minWeightG - 1))}`);
  else if (when.maxWeightG !== undefined) conditions.push(`${kg(weightG)} is at most ${kg(when.maxWeightG)}`);
  if (when.serviceLevels !== undefined) conditions.push(`ship service level ${order.shipServiceLevel ?? ''}`);
  if (when.prime !== undefined) conditions.push(when.prime ? 'a Prime order' : 'not a Prime order');
  if (when.countries !== undefined) conditions.push(`to ${order.toCountry.trim().toUpperCase()}`);
  const require = rule.require;
  const requirements: string[] = [];
  if (require.network !== undefined) requirements.push(`${require.network} only`);
  if (require.minSpeed !== undefined) requirements.push(`${require.minSpeed} or faster`);
  if (require.services !== undefined) requirements.push(`only ${require.services.join(', ')}`);
  const head = conditions.length > 0 ? `${conditions.join(', ')}, so ` : '';
  return `${head}${requirements.join(', ')} (rule ${rule.id})`;
}

function costText(cost: ChoiceCost | null, currency: string): string {
  if (cost === null) return 'no price';
  if (cost.comparableMinor !== null) return formatMinor(cost.comparableMinor, currency);
  const insurance = cost.insuranceCurrency !== null && cost.insuranceMinor > 0 ? ` + insurance ${formatMinor(cost.insuranceMinor, cost.insuranceCurrency)}` : '';
  return `${formatMinor(cost.totalMinor, cost.currency)}${insurance} (no exchange rate ${cost.currency}→${currency})`;
}

function problemText(option: ChoiceOption, country: string): string {
  const first = option.excludedBy[0];
  switch (first) {
    case 'SERVICE_INELIGIBLE': {
      const finding = option.reasons[0]?.data['findings'];
      return typeof finding === 'string' && finding !== '' ? `not eligible (${finding})` : 'not eligible';
    }
    case 'SERVICE_NO_DESTINATION':
      return `does not deliver to ${country}`;
    case 'BILLABLE_WEIGHT_UNKNOWN':
      return 'no billable weight (package not measured)';
    case 'RATE_NOT_FOUND':
      return `no rate for ${kg(option.billableWeightG ?? 0)} to zone ${option.zone ?? '?'}`;
    default:
      return first ?? 'not a candidate';
  }
}

/**
 * The service to propose for one package, every option with its reasons, and why. A bad
 * clock reading, promise date or station holiday throws a RangeError: those come from the
 * caller's own checked data. Bad catalogue data (a cut-off, a holiday, a transit time) only
 * marks its option.
 */
export function chooseService(input: ChoiceInput): ServiceChoice {
  const { order, pkg, money } = input;
  const today = dayNumber(input.localNow.date);
  const minutes = input.localNow.minutes;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) throw new RangeError(`localNow.minutes must be a whole number 0–1439, got ${minutes}`);
  const promised = order.latestDeliveryDate;
  const promisedDay = promised === null ? null : dayNumber(promised);
  const requiredSpeed = requiredSpeedFor(order.shipServiceLevel, order.isPrime);
  const rule = applyingRule(input.rules, order, pkg.weightG);
  const insurance = pkg.insured ? pkg.insurance : null;
  const insuranceComparable = insurance === null ? null : toStationMinor(insurance.premiumMinor, insurance.currency, money);
  const country = order.toCountry.trim().toUpperCase();
  const ctx: Context = {
    country,
    requiredSpeed,
    shipServiceLevel: order.shipServiceLevel,
    rule,
    today,
    minutes,
    stationHolidays: holidaySet(input.stationHolidays),
    promisedDay,
    promised,
    money,
    insuranceComparable,
    insurance,
  };

  const working = input.services.map((entry, index) => optionFor(entry, index, ctx));
  const options = working.map((w) => w.option);
  const explanation: ChoiceReason[] = [];
  const context = { currency: money.currency, requiredSpeed, ruleId: rule?.id ?? null, promised };

  if (pkg.insured && insuranceComparable === null) {
    explanation.push({ code: 'CHOICE_INSURANCE_NOT_COMPARED', data: { currency: insurance?.currency ?? null, premiumMinor: insurance?.premiumMinor ?? null } });
  }
  if (rule !== null) explanation.push({ code: 'CHOICE_RULE_APPLIED', data: { ruleId: rule.id, weightG: pkg.weightG, shipServiceLevel: order.shipServiceLevel, ...requirementData(rule.require) } });

  const usable = working.filter((w) => w.option.eligible && w.option.served && w.priced);
  if (usable.length === 0) {
    explanation.push({ code: 'CHOICE_NONE_ELIGIBLE', data: { services: options.length } });
    const why = options.map((o) => `${o.name}: ${problemText(o, country)}`).join('; ');
    return { proposedServiceId: null, options, explanation, text: options.length === 0 ? 'No service is configured.' : `No service can take this package — ${why}.`, ...context };
  }

  // Requirements are dropped in this order when nothing meets them: first the bench's rule, then the level's speed.
  const tiers: { keep: (w: Working) => boolean; dropsRule: boolean; dropsSpeed: boolean }[] = [
    { keep: (w) => w.option.keepsLevel && w.option.meetsRule, dropsRule: false, dropsSpeed: false },
    { keep: (w) => w.option.keepsLevel, dropsRule: true, dropsSpeed: false },
    { keep: (w) => w.option.meetsRule, dropsRule: false, dropsSpeed: true },
    { keep: () => true, dropsRule: true, dropsSpeed: true },
  ];
  let pool: Working[] = [];
  let tier = tiers[tiers.length - 1] as (typeof tiers)[number];
  for (const candidate of tiers) {
    pool = usable.filter(candidate.keep);
    if (pool.length > 0) {
      tier = candidate;
      break;
    }
  }
  const clauses: string[] = [];
  const ruleDropped = rule !== null && tier.dropsRule;
  const speedDropped = tier.dropsSpeed;
  if (rule !== null && !ruleDropped) clauses.push(ruleClause(rule, order, pkg.weightG));
  if (ruleDropped && rule !== null) {
    explanation.push({ code: 'CHOICE_RULE_UNMET', data: { ruleId: rule.id, ...requirementData(rule.require) } });
    clauses.push(`no eligible service meets ${ruleClause(rule, order, pkg.weightG)}`);
  }
  if (speedDropped) {
    explanation.push({ code: 'CHOICE_SPEED_UNMET', data: { shipServiceLevel: order.shipServiceLevel, requiredSpeed } });
    clauses.push(`no eligible service is ${requiredSpeed} or faster as ship service level ${order.shipServiceLevel ?? '(none)'} asks`);
  }

  const inTime = promisedDay === null ? pool : pool.filter((w) => w.option.keepsPromise === true);
  let best: Working;
  if (inTime.length > 0) {
    const ranked = [...inTime].sort(byCost);
    best = ranked[0] as Working;
    const runnerUp = ranked[1];
    if (best.comparable === null) {
      explanation.push({ code: 'CHOICE_COST_UNKNOWN', data: { serviceId: best.option.serviceId, candidates: ranked.length } });
      clauses.push('no cost can be compared');
    } else {
      if (ranked.length > 1) clauses.push(`cheapest of ${ranked.length}${promised === null ? '' : ' that arrive in time'}`);
      explanation.push({ code: 'CHOICE_CHEAPEST', data: { serviceId: best.option.serviceId, comparableMinor: best.comparable, currency: money.currency, candidates: ranked.length } });
    }
    if (runnerUp !== undefined && runnerUp.comparable === best.comparable) {
      const by = runnerUp.latestDay !== best.latestDay ? 'delivery' : 'catalogue-order';
      explanation.push({ code: 'CHOICE_TIE_BROKEN', data: { serviceId: best.option.serviceId, otherServiceId: runnerUp.option.serviceId, by } });
    }
    if (promised !== null) explanation.push({ code: 'CHOICE_PROMISE_KEPT', data: { serviceId: best.option.serviceId, deliveryLatest: best.option.deliveryLatest, promised } });
    else explanation.push({ code: 'CHOICE_NO_PROMISE', data: {} });
  } else {
    best = [...pool].sort(byDelivery)[0] as Working;
    explanation.push({ code: 'CHOICE_NONE_IN_TIME', data: { promised, deliveryLatest: best.option.deliveryLatest } });
    explanation.push({ code: 'CHOICE_FASTEST', data: { serviceId: best.option.serviceId, deliveryLatest: best.option.deliveryLatest } });
  }

  // The cheapest usable service that the policy passed over, so the packer sees what the choice costs.
  const cheaper = usable
    .filter((w) => w !== best && w.comparable !== null && best.comparable !== null && w.comparable < best.comparable)
    .sort(byCost)[0];
  if (cheaper !== undefined) {
    const why = cheaper.option.excludedBy[0] ?? (cheaper.option.keepsPromise === false ? 'PROMISE_MISSED' : cheaper.option.deliveryLatest === null ? 'NO_TRANSIT_ESTIMATE' : null);
    explanation.push({
      code: 'CHOICE_CHEAPER_EXCLUDED',
      data: { serviceId: cheaper.option.serviceId, comparableMinor: cheaper.comparable, currency: money.currency, because: why },
    });
  }

  const chosen = best.option;
  if (chosen.deliveryLatest === null) clauses.push('no delivery estimate');
  else if (promised === null) clauses.push(`arrives by ${chosen.deliveryLatest}`);
  else if (chosen.keepsPromise === true) clauses.push(`arrives by ${chosen.deliveryLatest}, promised ${promised}`);
  else clauses.push(`arrives by ${chosen.deliveryLatest}; nothing arrives by the promised ${promised}`);
  clauses.push(costText(chosen.cost, money.currency));
  return { proposedServiceId: chosen.serviceId, options, explanation, text: `${chosen.name}: ${clauses.join('; ')}`, ...context };
}

// ---------------------------------------------------------------------------------------
// Overrides
// ---------------------------------------------------------------------------------------

export type OverrideExplanation = {
  serviceId: string;
  proposedServiceId: string | null;
  /** The packer may pick it: eligible and serving the destination. */
  allowed: boolean;
  /** In the station's currency; positive costs more. Null when either side has no comparable cost. */
  extraCostMinor: number | null;
  currency: string;
  /** Calendar days between the latest deliveries; positive arrives later. */
  daysLater: number | null;
  missesPromise: boolean;
  reasons: ChoiceReason[];
  text: string;
};

/** What the packer gives up by picking `chosenServiceId` instead of the proposal. */
export function explainOverride(choice: ServiceChoice, chosenServiceId: string): OverrideExplanation {
  const chosen = choice.options.find((option) => option.serviceId === chosenServiceId);
  const proposed = choice.proposedServiceId === null ? undefined : choice.options.find((option) => option.serviceId === choice.proposedServiceId);
  const base = { serviceId: chosenServiceId, proposedServiceId: choice.proposedServiceId, currency: choice.currency };
  if (chosen === undefined) {
    return {
      ...base,
      allowed: false,
      extraCostMinor: null,
      daysLater: null,
      missesPromise: false,
      reasons: [{ code: 'OVERRIDE_UNKNOWN_SERVICE', data: { serviceId: chosenServiceId } }],
      text: `${chosenServiceId} is not one of the services offered for this package.`,
    };
  }
  const reasons: ChoiceReason[] = [];
  const parts: string[] = [];
  const allowed = chosen.eligible && chosen.served;
  if (!allowed) {
    reasons.push({ code: 'OVERRIDE_NOT_ALLOWED', data: { serviceId: chosen.serviceId, excludedBy: chosen.excludedBy.join(',') } });
    parts.push(`cannot take this package (${problemText(chosen, '')})`);
  }
  if (proposed !== undefined && proposed.serviceId === chosen.serviceId) {
    reasons.push({ code: 'OVERRIDE_SAME_SERVICE', data: { serviceId: chosen.serviceId } });
  }

  let extraCostMinor: number | null = null;
  let daysLater: number | null = null;
  if (proposed !== undefined && proposed.serviceId !== chosen.serviceId) {
    const mine = chosen.cost?.comparableMinor ?? null;
    const theirs = proposed.cost?.comparableMinor ?? null;
    if (mine === null || theirs === null) {
      reasons.push({ code: 'OVERRIDE_COST_UNKNOWN', data: { serviceId: chosen.serviceId } });
      parts.push('cost cannot be compared');
    } else {
      extraCostMinor = mine - theirs;
      if (extraCostMinor > 0) {
        reasons.push({ code: 'OVERRIDE_COSTS_MORE', data: { extraMinor: extraCostMinor, currency: choice.currency } });
        parts.push(`costs ${formatMinor(extraCostMinor, choice.currency)} more`);
      } else if (extraCostMinor < 0) {
        reasons.push({ code: 'OVERRIDE_COSTS_LESS', data: { savedMinor: -extraCostMinor, currency: choice.currency } });
        parts.push(`saves ${formatMinor(-extraCostMinor, choice.currency)}`);
      }
    }
    if (chosen.deliveryLatest === null) {
      reasons.push({ code: 'OVERRIDE_NO_ESTIMATE', data: { serviceId: chosen.serviceId } });
      parts.push('has no delivery estimate');
    } else if (proposed.deliveryLatest !== null) {
      daysLater = dayNumber(chosen.deliveryLatest) - dayNumber(proposed.deliveryLatest);
      const data = { days: Math.abs(daysLater), deliveryLatest: chosen.deliveryLatest, proposedDeliveryLatest: proposed.deliveryLatest };
      const plural = Math.abs(daysLater) === 1 ? 'day' : 'days';
      if (daysLater > 0) {
        reasons.push({ code: 'OVERRIDE_ARRIVES_LATER', data });
        parts.push(`arrives ${daysLater} ${plural} later`);
      } else if (daysLater < 0) {
        reasons.push({ code: 'OVERRIDE_ARRIVES_EARLIER', data });
        parts.push(`arrives ${-daysLater} ${plural} earlier`);
      }
    }
  }
  const missesPromise = chosen.keepsPromise === false;
  if (missesPromise) {
    reasons.push({ code: 'OVERRIDE_MISSES_PROMISE', data: { promised: choice.promised, deliveryLatest: chosen.deliveryLatest, proposalKeepsPromise: proposed?.keepsPromise ?? null } });
    parts.push(`misses the promised ${choice.promised ?? ''}`);
  }
  if (!chosen.keepsLevel) {
    reasons.push({ code: 'OVERRIDE_TOO_SLOW', data: { speed: chosen.speed, requiredSpeed: choice.requiredSpeed } });
    parts.push(`slower than the ship service level asks (${choice.requiredSpeed})`);
  }
  if (!chosen.meetsRule && choice.ruleId !== null) {
    reasons.push({ code: 'OVERRIDE_BREAKS_RULE', data: { ruleId: choice.ruleId } });
    parts.push(`breaks rule ${choice.ruleId}`);
  }
  const against = proposed === undefined ? '' : ` instead of ${proposed.name}`;
  const text =
    proposed !== undefined && proposed.serviceId === chosen.serviceId
      ? `${chosen.name} is the proposed service`
      : `${chosen.name}${against}: ${parts.length > 0 ? parts.join(', ') : 'nothing given up'}`;
  return { ...base, allowed, extraCostMinor, daysLater, missesPromise, reasons, text };
}

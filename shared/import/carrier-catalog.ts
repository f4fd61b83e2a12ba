// The carrier and service catalogue as a seller brings it in: one JSON document, or two CSV
// files from a spreadsheet. Both routes end in the same zod schemas and the same checks, and a
// catalogue is all or nothing: the station must never half-import a price list, so any error
// means no services at all.
//
// JSON: { "format": "packbench-carriers", "version": 1, "services": [ CatalogService, … ] }.
// Fields left out take their defaults: trackingSource 'range', speed 'standard' for a postal
// service and 'priority' for an express one, volumetricRule null, acceptsLithium [] and
// acceptsDangerousGoods false (refuse until the seller says otherwise), transit {}, surcharges [],
// fuelSurchargePercent 0, pickupDays and workingDays Monday–Friday, holidays [],
// voidedNumbersReusable false, active true, labelBarcodes absent (no extra barcodes). Unknown fields are errors: in a price list a field
// the importer does not know is far more often a typo (maxWeightKg) than a feature.
//
// CSV, services file: one row per service, columns found by header name (any case, any
// order; unknown columns are ignored with a warning). UTF-8 with or without a BOM, CRLF or LF,
// RFC 4180 quoting; blank rows are skipped. An empty cell means "not given" (the default, or
// no limit). Compound cells:
//   zones        US:Z1;CA:Z1;GB:Z2;*:Z9        country:zone, '*' = every country not listed
//   transit      Z1:7-12;Z2:8-15;Z3:5          zone:min-max working days (one number = both)
//   surcharges   OVERWEIGHT:per-package:50000:70000;DEMAND:per-kg:600::Z6|Z7
//                code:kind:amountMinor[:fromBillableG[:zone|zone…]], several separated by ';'
//   pickup_days, working_days   1-5 or 1;3;5 or 1-3;6   (ISO weekdays, 1 = Monday)
//   holidays     2026-10-01;2026-10-02
//   accepts_lithium   ion-in-equipment;metal-in-equipment
//   min_face_mm  140x90
//   flags (accepts_dangerous_goods, voided_numbers_reusable, active)   yes/no, true/false, 1/0
//   label_routing_barcode   gs1-128-421 (optional; GS1-128 with AI 421 on the label)
//   label_2d_barcode        qr or datamatrix (optional; a 2D code on the label)
// Limits that change on a date: fill limits_from (YYYY-MM-DD) and repeat the service's id on
// another row with its own limits_from and limit columns; on such a row the other columns are
// left empty (or repeat the first row's values). A repeated id without limits_from is a
// duplicate service.
//
// CSV, rates file: one row per weight break: service_id, zone, up_to_g, price_minor, and
// optionally per_extra_kg_minor, the price per started kilogram beyond the zone's last break,
// given on that last row only. A zone's rows are listed light to heavy. The currency is the
// services file's currency column.
//
// Decisions: a zone that countries map to but that has no rates is an error (parcels to it
// could not be priced); rates, transit times or surcharges for a zone no country maps to are
// only a warning (sellers copy a carrier's whole card and serve part of it; unused rows cannot
// misprice anything). Problems carry a code for the UI to translate, the data to fill in, and an
// English message; in a CSV also the file, the line (the physical line a row starts on) and
// the column, in JSON the path.

import { z } from 'zod';
// Only the type: contract.ts may come to import these schemas for the IPC contract, and a
// runtime import back into it would be a cycle in which lithiumSchema is not yet defined.
import type { Lithium } from '../contract';
import { LABEL_2D_BARCODES, LABEL_ROUTING_BARCODES, SERVICE_SPEEDS } from '../domain/carrier-catalog';
import type { CatalogService, ServiceSpeed } from '../domain/carrier-catalog';
import { ISO_COUNTRY_CODES } from '../domain/customs';
import { TRACKING_FORMATS } from '../domain/tracking';
import { readCsv } from './csv';

export type ImportProblem = {
  code: string;
  message: string;
  file?: 'services' | 'rates' | 'json';
  line?: number;
  path?: string;
  data?: Record<string, string | number | null>;
};

export type CatalogParse =
  | { ok: true; services: CatalogService[]; warnings: ImportProblem[] }
  | { ok: false; errors: ImportProblem[]; warnings: ImportProblem[] };

/** Every code an import can fail with, so the UI can check it has a translation for each. */
export const CATALOG_ERROR_CODES = [
  'CATALOG_EMPTY',
  'CATALOG_BAD_JSON',
  'CATALOG_BAD_FORMAT',
  'CATALOG_UNSUPPORTED_VERSION',
  'CATALOG_UNTERMINATED_QUOTE',
  'CATALOG_MISSING_COLUMNS',
  'CATALOG_NO_SERVICES',
  'CATALOG_UNKNOWN_FIELD',
  'CATALOG_MISSING_VALUE',
  'CATALOG_BAD_VALUE',
  'CATALOG_BAD_NUMBER',
  'CATALOG_BAD_SERVICE_ID',
  'CATALOG_DUPLICATE_SERVICE',
  'CATALOG_UNKNOWN_TRACKING_FORMAT',
  'CATALOG_UNKNOWN_LITHIUM',
  'CATALOG_BAD_CUTOFF',
  'CATALOG_BAD_WEEKDAY',
  'CATALOG_DUPLICATE_WEEKDAY',
  'CATALOG_BAD_DATE',
  'CATALOG_DUPLICATE_LIMITS_DATE',
  'CATALOG_BAD_COUNTRY',
  'CATALOG_DUPLICATE_COUNTRY',
  'CATALOG_BAD_ZONE',
  'CATALOG_BAD_CURRENCY',
  'CATALOG_BAD_TRANSIT',
  'CATALOG_BAD_VOLUMETRIC',
  'CATALOG_ZONE_WITHOUT_RATES',
  'CATALOG_DUPLICATE_RATE_BREAK',
  'CATALOG_RATE_NOT_INCREASING',
  'CATALOG_RATE_PRICE_DROP',
  'CATALOG_EXTRA_KG_WITHOUT_RATES',
  'CATALOG_EXTRA_KG_NOT_LAST',
  'CATALOG_RATES_FOR_UNKNOWN_SERVICE',
  'CATALOG_DATED_LIMITS_ROW',
  'CATALOG_BAD_ZONE_LIST',
  'CATALOG_BAD_TRANSIT_LIST',
  'CATALOG_BAD_SURCHARGE_LIST',
  'CATALOG_BAD_WEEKDAY_LIST',
  'CATALOG_BAD_MIN_FACE',
] as const;

/** Codes of warnings: the catalogue imports, but the seller should look. */
export const CATALOG_WARNING_CODES = [
  'CATALOG_UNKNOWN_COLUMN',
  'CATALOG_UNUSED_ZONE',
  'CATALOG_ZONE_WITHOUT_TRANSIT',
  'CATALOG_NO_DESTINATIONS',
  'CATALOG_NO_LIMITS',
] as const;

export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];
export type CatalogWarningCode = (typeof CATALOG_WARNING_CODES)[number];
type ProblemData = Record<string, string | number | null>;

// ---------------------------------------------------------------------------------------------
// Schemas. Checks that concern one value or one list live on that value's schema, so the
// settings editor and the IPC contract reject the same things as the importer; checks across
// fields (rates against zones) live on the service. A custom issue carries its catalogue code
// in `params.catalogCode`.

const ID_PATTERN = /^[A-Z0-9_-]{1,40}$/;
const ZONE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
const CLOCK_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

type Key = string | number;
type IssueSink = { addIssue: z.core.$RefinementCtx['addIssue'] };

function flag(ctx: IssueSink, path: Key[], code: CatalogErrorCode, text: string, data?: ProblemData): void {
  ctx.addIssue({ code: 'custom', message: text, path, params: { catalogCode: code, data } });
}

/** A calendar date that exists: 2026-02-30 has the right shape but is not one. */
function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const wholeAbove0 = z.number().int().positive();
const wholeFrom0 = z.number().int().min(0);
const text = z.string().max(200).regex(/\S/);
const zoneName = z.string().regex(ZONE_PATTERN);
const calendarDate = z.string().refine(isRealDate);

// A carrier that never collects, or a transit count with no working day in the week, would
// leave a ship-date search with no answer, so both lists need a day.
const weekdaysSchema = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .superRefine((days, ctx) => {
    const seen = new Set<number>();
    days.forEach((day, i) => {
      if (seen.has(day)) flag(ctx, [i], 'CATALOG_DUPLICATE_WEEKDAY', `weekday ${day} is listed twice; list each day once`, { weekday: day });
      seen.add(day);
    });
  });

const currencySchema = z.string().superRefine((value, ctx) => {
  if (value === 'RMB') {
    // Common in Chinese spreadsheets, but not an ISO 4217 code; customs and carrier APIs want CNY.
    flag(ctx, [], 'CATALOG_BAD_CURRENCY', `'RMB' is not an ISO 4217 code; write CNY, the code for renminbi`, { value });
  } else if (!/^[A-Z]{3}$/.test(value)) {
    flag(ctx, [], 'CATALOG_BAD_CURRENCY', `'${value}' is not a currency code; write the 3-letter ISO 4217 code in capitals, like CNY or USD`, {
      value,
    });
  }
});

function countryHint(key: string): string {
  if (key === 'UK') return ' (the United Kingdom is GB)';
  if (key === 'EU') return ' (the EU is not a country: map each country)';
  if (ISO_COUNTRY_CODES.has(key.toUpperCase())) return ` (write it in capitals: ${key.toUpperCase()})`;
  if (/^[A-Za-z]{3}$/.test(key)) return ' (use the two-letter code, e.g. US rather than USA)';
  return '';
}

const zonesSchema = z.record(z.string(), zoneName).superRefine((zones, ctx) => {
  for (const country of Object.keys(zones)) {
    if (country === '*' || ISO_COUNTRY_CODES.has(country)) continue;
    flag(
      ctx,
      [country],
      'CATALOG_BAD_COUNTRY',
      `'${country}' is not an ISO 3166 two-letter country code or '*' for every other country${countryHint(country)}`,
      { country },
    );
  }
});

const transitDaysSchema = z
  .strictObject({ minDays: z.number().int().min(0).max(365), maxDays: z.number().int().min(0).max(365) })
  .superRefine((days, ctx) => {
    if (days.minDays > days.maxDays) {
      flag(ctx, [], 'CATALOG_BAD_TRANSIT', `the transit time runs from ${days.minDays} to ${days.maxDays} days; the fewest days cannot be more than the most`, {
        minDays: days.minDays,
        maxDays: days.maxDays,
      });
    }
  });

const rollLimitsSchema = z.strictObject({
  maxLengthMm: wholeAbove0.optional(),
  maxLengthPlusTwoDiametersMm: wholeAbove0.optional(),
  minLengthMm: wholeAbove0.optional(),
  minLengthPlusTwoDiametersMm: wholeAbove0.optional(),
});

const serviceLimitsSchema = z.strictObject({
  maxWeightG: wholeAbove0.optional(),
  maxLengthMm: wholeAbove0.optional(),
  maxSumOfSidesMm: wholeAbove0.optional(),
  maxLengthPlusGirthMm: wholeAbove0.optional(),
  minFaceMm: z.tuple([wholeAbove0, wholeAbove0]).optional(),
  warnWeightG: wholeAbove0.optional(),
  warnLengthMm: wholeAbove0.optional(),
  warnLengthPlusGirthMm: wholeAbove0.optional(),
  // 0 is a real value here: no allowance at all.
  toleranceMm: wholeFrom0.optional(),
  roll: rollLimitsSchema.optional(),
});

const datedServiceLimitsSchema = z
  .array(z.strictObject({ effectiveFrom: calendarDate, limits: serviceLimitsSchema }))
  .min(1)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      if (seen.has(entry.effectiveFrom)) {
        flag(
          ctx,
          [i, 'effectiveFrom'],
          'CATALOG_DUPLICATE_LIMITS_DATE',
          `two sets of limits take effect on ${entry.effectiveFrom} and there is no telling which holds; keep one`,
          { date: entry.effectiveFrom },
        );
      }
      seen.add(entry.effectiveFrom);
    });
  });

const volumetricRuleSchema = z
  .strictObject({
    divisor: z.number().positive(),
    unitSystem: z.enum(['metric', 'imperial']),
    dimensionRounding: z.enum(['none', 'nearest', 'up', 'half-up-inch']),
    resultRounding: z.enum(['none', 'up-whole', 'up-half']),
    minVolumeForDim: z.number().min(0).optional(),
  })
  .superRefine((rule, ctx) => {
    // volumetricWeightFor throws on this combination; better to refuse it at the door.
    if (rule.dimensionRounding === 'half-up-inch' && rule.unitSystem !== 'imperial') {
      flag(ctx, ['dimensionRounding'], 'CATALOG_BAD_VOLUMETRIC', `'half-up-inch' rounding is for an imperial rule (inches); use 'nearest' for a metric one`);
    }
  });

const rateRowSchema = z.strictObject({ zone: zoneName, upToG: wholeAbove0, priceMinor: wholeFrom0 });

const rateCardSchema = z.strictObject({
  currency: currencySchema,
  rows: z.array(rateRowSchema),
  perExtraKgMinor: z.record(zoneName, wholeFrom0).optional(),
});

const surchargeSchema = z.strictObject({
  code: z.string().regex(ID_PATTERN),
  kind: z.enum(['per-package', 'per-kg']),
  amountMinor: wholeFrom0,
  fromBillableG: wholeAbove0.optional(),
  zones: z.array(zoneName).min(1).optional(),
});

// Keyed by the contract's Lithium type, so a kind added there fails to compile here until the
// importer knows it too.
const LITHIUM_KINDS = {
  none: 'none',
  'ion-in-equipment': 'ion-in-equipment',
  'ion-with-equipment': 'ion-with-equipment',
  'ion-standalone': 'ion-standalone',
  'metal-in-equipment': 'metal-in-equipment',
  'metal-with-equipment': 'metal-with-equipment',
  'metal-standalone': 'metal-standalone',
} as const satisfies { [K in Lithium]: K };

const TRACKING_SOURCES = ['range', 'pre-printed', 'online'] as const satisfies readonly CatalogService['trackingSource'][];

const MON_TO_FRI = [1, 2, 3, 4, 5];

function defaultSpeed(network: CatalogService['network']): ServiceSpeed {
  return network === 'postal' ? 'standard' : 'priority';
}

/** Zone → the countries that map to it, in the order listed. */
function countriesByZone(zones: Record<string, string>): Map<string, string[]> {
  const byZone = new Map<string, string[]>();
  for (const [country, zone] of Object.entries(zones)) byZone.set(zone, [...(byZone.get(zone) ?? []), country]);
  return byZone;
}

/** Checks across fields of one service whose fields are each valid. */
function checkRates(service: { zones: Record<string, string>; rateCard: z.output<typeof rateCardSchema> }, ctx: IssueSink): void {
  const { rows, perExtraKgMinor } = service.rateCard;
  const last = new Map<string, { upToG: number; priceMinor: number }>();
  rows.forEach((row, i) => {
    const before = last.get(row.zone);
    const data = { zone: row.zone, upToG: row.upToG, priceMinor: row.priceMinor };
    if (before !== undefined && row.upToG === before.upToG) {
      flag(ctx, ['rateCard', 'rows', i, 'upToG'], 'CATALOG_DUPLICATE_RATE_BREAK', `zone ${row.zone} has two breaks up to ${row.upToG} g; keep one`, data);
      return;
    }
    if (before !== undefined && row.upToG < before.upToG) {
      flag(
        ctx,
        ['rateCard', 'rows', i, 'upToG'],
        'CATALOG_RATE_NOT_INCREASING',
        `in zone ${row.zone} the break up to ${row.upToG} g comes after the break up to ${before.upToG} g; list each zone's breaks from light to heavy`,
        { ...data, previousUpToG: before.upToG },
      );
      return;
    }
    if (before !== undefined && row.priceMinor < before.priceMinor) {
      // Almost always a typo: carriers do not charge less for a heavier parcel.
      flag(
        ctx,
        ['rateCard', 'rows', i, 'priceMinor'],
        'CATALOG_RATE_PRICE_DROP',
        `in zone ${row.zone} the break up to ${row.upToG} g costs ${row.priceMinor}, less than the ${before.priceMinor} of the lighter break up to ${before.upToG} g; a heavier parcel cannot cost less, so one of the two prices is mistyped`,
        { ...data, previousUpToG: before.upToG, previousPriceMinor: before.priceMinor },
      );
    }
    last.set(row.zone, { upToG: row.upToG, priceMinor: row.priceMinor });
  });

  for (const [zone, countries] of countriesByZone(service.zones)) {
    if (last.has(zone)) continue;
    flag(
      ctx,
      ['zones'],
      'CATALOG_ZONE_WITHOUT_RATES',
      `zone ${zone} (${countries.join(', ')}) has no rates, so parcels to it cannot be priced; add its weight breaks or map those countries to another zone`,
      { zone, countries: countries.join(', ') },
    );
  }
  for (const zone of Object.keys(perExtraKgMinor ?? {})) {
    if (last.has(zone)) continue;
    flag(
      ctx,
      ['rateCard', 'perExtraKgMinor', zone],
      'CATALOG_EXTRA_KG_WITHOUT_RATES',
      `zone ${zone} has a price per extra kilogram but no weight breaks for it to follow; add the zone's breaks or remove the price`,
      { zone },
    );
  }
}

const labelBarcodesSchema = z.strictObject({
  routing: z.enum(LABEL_ROUTING_BARCODES).optional(),
  twoD: z.enum(LABEL_2D_BARCODES).optional(),
});

/**
 * One service as stored, settings edit it and the IPC contract carries it. Parsing fills the
 * defaults listed at the top of this file; the output is exactly a CatalogService.
 */
export const catalogServiceSchema = z
  .strictObject({
    id: z.string().regex(ID_PATTERN),
    carrierId: z.string().regex(ID_PATTERN),
    carrierName: text,
    marketplaceCarrierCode: text,
    shipMethod: text,
    nameEn: text,
    nameZh: text,
    trackingFormat: z.enum(TRACKING_FORMATS),
    trackingSource: z.enum(TRACKING_SOURCES).default('range'),
    network: z.enum(['postal', 'express']),
    speed: z.enum(SERVICE_SPEEDS).optional(),
    limits: z.union([serviceLimitsSchema, datedServiceLimitsSchema]),
    volumetricRule: volumetricRuleSchema.nullable().default(null),
    acceptsLithium: z.array(z.enum(LITHIUM_KINDS)).default(() => []),
    acceptsDangerousGoods: z.boolean().default(false),
    zones: zonesSchema,
    transit: z.record(zoneName, transitDaysSchema).default(() => ({})),
    rateCard: rateCardSchema,
    surcharges: z.array(surchargeSchema).default(() => []),
    fuelSurchargePercent: z.number().min(0).max(100).default(0),
    cutoff: z.string().regex(CLOCK_PATTERN),
    // Defaults are functions so that two parsed services never share one array.
    pickupDays: weekdaysSchema.default(() => [...MON_TO_FRI]),
    workingDays: weekdaysSchema.default(() => [...MON_TO_FRI]),
    holidays: z.array(calendarDate).default(() => []),
    voidedNumbersReusable: z.boolean().default(false),
    active: z.boolean().default(true),
    labelBarcodes: labelBarcodesSchema.optional(),
  })
  .superRefine(checkRates)
  .transform((service) => ({ ...service, speed: service.speed ?? defaultSpeed(service.network) }));

export const catalogDocumentSchema = z
  .strictObject({
    format: z.literal('packbench-carriers'),
    version: z.literal(1),
    services: z.array(catalogServiceSchema).min(1),
  })
  .superRefine((document, ctx) => {
    const firstIndex = new Map<string, number>();
    document.services.forEach((service, i) => {
      const first = firstIndex.get(service.id);
      if (first === undefined) {
        firstIndex.set(service.id, i);
        return;
      }
      flag(ctx, ['services', i, 'id'], 'CATALOG_DUPLICATE_SERVICE', `service id ${service.id} is already used by services[${first}]; give each service its own id`, {
        serviceId: service.id,
        firstIndex: first,
      });
    });
  });

// The schema's output and the domain type must not drift apart: a field added to
// CatalogService fails to compile here until the importer knows it.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesDomain: Same<z.output<typeof catalogServiceSchema>, CatalogService> = true;
void schemaMatchesDomain;

// ---------------------------------------------------------------------------------------------
// From zod issues to findings. A finding's path runs from the document root.

type Finding = { code: string; text: string; path: Key[]; data: ProblemData };

const FIELD_HINTS: Record<string, string> = {
  id: "an id of 1–40 capital letters, digits, '-' or '_', like DHL-EXP-WW",
  carrierId: "an id of 1–40 capital letters, digits, '-' or '_', like DHL",
  code: "a code of 1–40 capital letters, digits, '-' or '_', like OVERWEIGHT",
  cutoff: 'a time of day written HH:MM, from 00:00 to 23:59, like 17:00 (if a spreadsheet wrote 9:00 or 17:00:00, format the column as text)',
  holidays: 'a real date written YYYY-MM-DD, like 2026-10-01',
  effectiveFrom: 'a real date written YYYY-MM-DD, like 2026-07-12',
  pickupDays: 'an ISO weekday from 1 (Monday) to 7 (Sunday)',
  workingDays: 'an ISO weekday from 1 (Monday) to 7 (Sunday)',
  zone: "a zone name of 1–40 letters, digits, '.', '-' or '_', like Z1",
  zones: 'countries mapped to zones, like { "US": "Z1", "*": "Z9" } (in a CSV: US:Z1;*:Z9)',
  transit: 'a transit time like { "minDays": 7, "maxDays": 12 }',
  limits: 'the limits, like { "maxWeightG": 2000 }, or a list of them with the dates they take effect',
  minFaceMm: 'two sides in millimetres, like [140, 90] (in a CSV: 140x90)',
  rateCard: 'a rate card, like { "currency": "CNY", "rows": [ … ] }',
  rows: 'a weight break, like { "zone": "Z1", "upToG": 500, "priceMinor": 3500 }',
  network: 'postal or express',
  currency: 'a 3-letter ISO 4217 code in capitals, like CNY',
  trackingFormat: `one of ${TRACKING_FORMATS.join(', ')}`,
  perExtraKgMinor: 'a whole number of minor units (fen, cents), 0 or more',
  upToG: 'a whole number of grams above 0',
  priceMinor: 'a whole number of minor units (fen, cents), 0 or more',
  amountMinor: 'a whole number of minor units (fen, cents), 0 or more',
  fromBillableG: 'a whole number of grams above 0',
  toleranceMm: 'a whole number of millimetres, 0 or more',
  minDays: 'a whole number of days from 0 to 365',
  maxDays: 'a whole number of days from 0 to 365',
  fuelSurchargePercent: 'a percentage from 0 to 100, like 18.5',
  divisor: 'a number above 0, like 5000 (cm³ per kg) or 139 (in³ per lb)',
  minVolumeForDim: 'a number, 0 or more, like 1728',
  acceptsDangerousGoods: 'true or false (in a CSV: yes or no)',
  voidedNumbersReusable: 'true or false (in a CSV: yes or no)',
  active: 'true or false (in a CSV: yes or no)',
  labelBarcodes: 'the extra label barcodes, like { "routing": "gs1-128-421", "twoD": "qr" }',
  routing: `one of ${LABEL_ROUTING_BARCODES.join(', ')}, or leave it out`,
  twoD: `one of ${LABEL_2D_BARCODES.join(', ')}, or leave it out`,
  carrierName: 'some text, at most 200 characters',
  marketplaceCarrierCode: 'some text, at most 200 characters',
  shipMethod: 'some text, at most 200 characters',
  nameEn: 'some text, at most 200 characters',
  nameZh: 'some text, at most 200 characters',
};

const ZONE_HINT = "a zone name of 1–40 letters, digits, '.', '-' or '_', like Z1";
const LIMIT_HINT = 'a whole number above 0 (millimetres or grams)';

const FIELD_CODES: Record<string, CatalogErrorCode> = {
  id: 'CATALOG_BAD_SERVICE_ID',
  trackingFormat: 'CATALOG_UNKNOWN_TRACKING_FORMAT',
  acceptsLithium: 'CATALOG_UNKNOWN_LITHIUM',
  cutoff: 'CATALOG_BAD_CUTOFF',
  pickupDays: 'CATALOG_BAD_WEEKDAY',
  workingDays: 'CATALOG_BAD_WEEKDAY',
  holidays: 'CATALOG_BAD_DATE',
  effectiveFrom: 'CATALOG_BAD_DATE',
  currency: 'CATALOG_BAD_CURRENCY',
  zone: 'CATALOG_BAD_ZONE',
};

/** What a value in a record keyed by country or zone is. */
const RECORD_VALUES: Record<string, string> = { zones: 'zone', transit: 'transit', perExtraKgMinor: 'perExtraKgMinor' };

/**
 * The field an issue is about, as FIELD_HINTS and FIELD_CODES know it: the last name in its
 * path, where an item of a list is its list (a surcharge's zones hold zones) and a value in a
 * record keyed by country or zone is what the record holds.
 */
function fieldOf(path: readonly Key[]): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof parent === 'string' && RECORD_VALUES[parent] !== undefined) return RECORD_VALUES[parent];
  if (typeof last === 'string') return last;
  const list = [...path].reverse().find((k): k is string => typeof k === 'string') ?? '';
  return list === 'zones' ? 'zone' : list;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

function dataValue(value: unknown): string | number | null {
  if (typeof value === 'number' || typeof value === 'string' || value === null) return value;
  return value === undefined ? null : show(value);
}

function hintFor(path: readonly Key[], fallback: string): string {
  const field = fieldOf(path);
  if (FIELD_HINTS[field] !== undefined) return FIELD_HINTS[field];
  if (path.includes('limits')) return LIMIT_HINT;
  return fallback;
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false (in a CSV: yes or no)';
    case 'string':
      return 'text';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    default:
      return expected;
  }
}

function numericIssue(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.expected === 'number' || issue.expected === 'int';
  if (issue.code === 'too_small' || issue.code === 'too_big') return issue.origin === 'number';
  return issue.code === 'not_multiple_of';
}

function codeFor(issue: z.core.$ZodIssue, path: readonly Key[], missing: boolean): string {
  if (issue.code === 'custom' && typeof issue.params?.catalogCode === 'string') return issue.params.catalogCode;
  if (issue.code === 'unrecognized_keys') return 'CATALOG_UNKNOWN_FIELD';
  if (missing) return 'CATALOG_MISSING_VALUE';
  if (path.length === 1 && path[0] === 'services' && issue.code === 'too_small') return 'CATALOG_NO_SERVICES';
  // Only zone-keyed records (transit, perExtraKgMinor) have a key schema.
  if (issue.code === 'invalid_key') return 'CATALOG_BAD_ZONE';
  const field = fieldOf(path);
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return field === 'pickupDays' || field === 'workingDays' ? 'CATALOG_BAD_WEEKDAY' : 'CATALOG_BAD_VALUE';
  }
  const byField = FIELD_CODES[field];
  if (byField !== undefined) return byField;
  if (numericIssue(issue)) return 'CATALOG_BAD_NUMBER';
  return 'CATALOG_BAD_VALUE';
}

function textFor(issue: z.core.$ZodIssue, path: readonly Key[], missing: boolean): string {
  if (issue.code === 'custom' && typeof issue.params?.catalogCode === 'string') return issue.message;
  const input = issue.input;
  if (missing) {
    if (fieldOf(path) === 'effectiveFrom') {
      return 'the date these limits take effect is missing; when a service has more than one set of limits, each needs its date (YYYY-MM-DD)';
    }
    return `the value is missing; expected ${hintFor(path, 'a value')}`;
  }
  if (path.length === 1 && path[0] === 'services' && issue.code === 'too_small') return 'there are no services in it; a catalogue needs at least one';
  switch (issue.code) {
    case 'invalid_type':
      return `${show(input)} is not ${hintFor(path, expectedText(issue.expected))}`;
    case 'too_small':
      if (issue.origin === 'array') {
        const fieldName = fieldOf(path);
        if (fieldName === 'pickupDays' || fieldName === 'workingDays') {
          return 'the list of weekdays is empty; a carrier needs at least one day it collects and one it moves parcels';
        }
        return `${show(input)} has too few entries; expected ${hintFor(path, `at least ${String(issue.minimum)}`)}`;
      }
      return `${show(input)} is too small; expected ${hintFor(path, `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string') return `${show(input)} is too long; expected ${hintFor(path, 'a shorter value')}`;
      return `${show(input)} is too big; expected ${hintFor(path, `at most ${String(issue.maximum)}`)}`;
    case 'invalid_value':
      return `${show(input)} is not one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_key':
      return `${show(input)} is not ${ZONE_HINT}`;
    default:
      return `${show(input)} is not ${hintFor(path, 'a valid value')}`;
  }
}

/** The issues to report: a union's issues come from the branch whose shape the input has. */
function leafIssues(issue: z.core.$ZodIssue, prefix: readonly Key[]): { issue: z.core.$ZodIssue; path: Key[] }[] {
  const path = [...prefix, ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch =
      issue.errors.find((issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type')) ?? null;
    if (branch !== null) return branch.flatMap((i) => leafIssues(i, path));
  }
  if (issue.code === 'unrecognized_keys') {
    // One finding per key, pointing at the key, so a path or a column names it.
    return issue.keys.map((key) => ({ issue, path: [...path, key] }));
  }
  return [{ issue, path }];
}

function findingsFrom(error: z.ZodError): Finding[] {
  return error.issues.flatMap((top) =>
    leafIssues(top, []).map(({ issue, path }) => {
      // An absent field reaches an enum or a union too, not only a type check.
      const missing = ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code) && issue.input === undefined;
      const code = codeFor(issue, path, missing);
      if (issue.code === 'unrecognized_keys') {
        const key = String(path[path.length - 1]);
        return {
          code,
          text: `'${key}' is not a field the catalogue has; check its spelling (field names are case-sensitive) or remove it`,
          path,
          data: { field: key },
        };
      }
      const custom = issue.code === 'custom' ? (issue.params?.data as ProblemData | undefined) : undefined;
      return {
        code,
        text: textFor(issue, path, missing),
        path,
        data: custom ?? { field: fieldOf(path), value: missing ? null : dataValue(issue.input) },
      };
    }),
  );
}

function warningsFor(services: CatalogService[]): Finding[] {
  const warnings: Finding[] = [];
  services.forEach((service, s) => {
    const at = (...rest: Key[]): Key[] => ['services', s, ...rest];
    const served = countriesByZone(service.zones);
    if (served.size === 0) {
      warnings.push({ code: 'CATALOG_NO_DESTINATIONS', text: 'no country maps to a zone, so the service ships nowhere', path: at('zones'), data: {} });
    }
    const limitSets = Array.isArray(service.limits)
      ? service.limits.map((entry, i) => ({ limits: entry.limits, path: at('limits', i) }))
      : [{ limits: service.limits, path: at('limits') }];
    for (const set of limitSets) {
      if (Object.keys(set.limits).length > 0) continue;
      warnings.push({
        code: 'CATALOG_NO_LIMITS',
        text: "no weight or size limit is set, so every parcel passes this service's checks; add the carrier's limits",
        path: set.path,
        data: {},
      });
    }
    const unused = (zone: string, what: 'rates' | 'transit' | 'surcharge', path: Key[]): void => {
      const thing = { rates: 'rates', transit: 'a transit time', surcharge: 'a surcharge' }[what];
      warnings.push({
        code: 'CATALOG_UNUSED_ZONE',
        text: `zone ${zone} has ${thing} but no country maps to it, so it is never used; map countries to it in zones or remove it`,
        path,
        data: { zone, what },
      });
    };
    const reported = new Set<string>();
    service.rateCard.rows.forEach((row, i) => {
      if (served.has(row.zone) || reported.has(row.zone)) return;
      reported.add(row.zone);
      unused(row.zone, 'rates', at('rateCard', 'rows', i, 'zone'));
    });
    for (const zone of Object.keys(service.transit)) {
      if (!served.has(zone)) unused(zone, 'transit', at('transit', zone));
    }
    service.surcharges.forEach((surcharge, i) => {
      for (const zone of surcharge.zones ?? []) {
        if (!served.has(zone)) unused(zone, 'surcharge', at('surcharges', i, 'zones'));
      }
    });
    for (const [zone, countries] of served) {
      if (service.transit[zone] !== undefined) continue;
      warnings.push({
        code: 'CATALOG_ZONE_WITHOUT_TRANSIT',
        text: `zone ${zone} has no transit time, so the bench cannot estimate delivery to ${countries.join(', ')}; add one in transit`,
        path: at('transit'),
        data: { zone, countries: countries.join(', ') },
      });
    }
  });
  return warnings;
}

type Checked = { services: CatalogService[] | null; errors: Finding[]; warnings: Finding[] };

/** The one validation both routes share: the document schema, then the warnings. */
function checkCatalogDocument(document: unknown): Checked {
  const parsed = catalogDocumentSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) return { services: null, errors: findingsFrom(parsed.error), warnings: [] };
  return { services: parsed.data.services, errors: [], warnings: warningsFor(parsed.data.services) };
}

function outcome(services: CatalogService[] | null, errors: ImportProblem[], warnings: ImportProblem[]): CatalogParse {
  if (errors.length > 0 || services === null) return { ok: false, errors, warnings };
  return { ok: true, services, warnings };
}

// ---------------------------------------------------------------------------------------------
// JSON

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathText(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The line of a JSON syntax error, from V8's "at position N" or "(line L column C)". */
function jsonErrorLine(text: string, message: string): number | undefined {
  const byLine = /line ([0-9]+) column/.exec(message);
  if (byLine !== null) return Number(byLine[1]);
  const byPosition = /position ([0-9]+)/.exec(message);
  if (byPosition === null) return undefined;
  return text.slice(0, Number(byPosition[1])).split('\n').length;
}

function jsonProblem(finding: Finding, services: unknown): ImportProblem {
  const index = finding.path[0] === 'services' && typeof finding.path[1] === 'number' ? finding.path[1] : null;
  const raw = index !== null && Array.isArray(services) ? (services[index] as unknown) : undefined;
  const id = isRecord(raw) && typeof raw.id === 'string' && ID_PATTERN.test(raw.id) ? raw.id : null;
  const path = pathText(finding.path);
  const where = id !== null ? `Service ${id} (${path})` : path === '' ? 'The document' : path;
  return {
    code: finding.code,
    message: `${where}: ${finding.text}.`,
    file: 'json',
    path,
    data: index === null ? finding.data : { serviceId: id, ...finding.data },
  };
}

export function parseCarrierCatalogJson(text: string): CatalogParse {
  const body = stripBom(text);
  const fail = (code: CatalogErrorCode, message: string, extra: Partial<ImportProblem> = {}): CatalogParse => ({
    ok: false,
    errors: [{ code, message, file: 'json', ...extra }],
    warnings: [],
  });
  if (body.trim() === '') return fail('CATALOG_EMPTY', 'The catalogue file is empty: it holds no services.');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const line = jsonErrorLine(body, detail);
    return fail(
      'CATALOG_BAD_JSON',
      `The catalogue is not valid JSON${line === undefined ? '' : ` (line ${line})`}: ${detail}. Check for a missing comma, quote or bracket near there.`,
      { ...(line === undefined ? {} : { line }), data: { detail } },
    );
  }
  if (!isRecord(document) || document.format !== 'packbench-carriers') {
    return fail(
      'CATALOG_BAD_FORMAT',
      'This is not a PackBench carrier catalogue: the file must be a JSON object with "format": "packbench-carriers". Export one from settings or start from the example file.',
      { path: 'format', data: { format: isRecord(document) ? dataValue(document.format) : null } },
    );
  }
  if (document.version !== 1) {
    return fail(
      'CATALOG_UNSUPPORTED_VERSION',
      `This catalogue is format version ${show(document.version)}, and this station reads version 1; update PackBench or export the catalogue again from a station of this version.`,
      { path: 'version', data: { version: dataValue(document.version) } },
    );
  }
  const checked = checkCatalogDocument(document);
  return outcome(
    checked.services,
    checked.errors.map((f) => jsonProblem(f, document.services)),
    checked.warnings.map((f) => jsonProblem(f, document.services)),
  );
}

// Pretty-printed, with each small object or list of plain values on one line (a rate row, a
// transit entry, the weekdays), so a seller can read and edit an exported price list. Only
// whitespace between tokens changes: pretty JSON never has a raw newline inside a string.
const FLAT_OBJECT = /\{\n(?:[ ]+"(?:[^"\\\n]|\\.)*": (?:"(?:[^"\\\n]|\\.)*"|[-0-9.eE+]+|true|false|null),?\n)+[ ]*\}/g;
const FLAT_ARRAY = /\[\n(?:[ ]+(?:"(?:[^"\\\n]|\\.)*"|[-0-9.eE+]+|true|false|null),?\n)+[ ]*\]/g;
const MAX_JOINED_LINE = 120;

function joinLines(serialized: string, pattern: RegExp, open: string, close: string, pad: string): string {
  return serialized.replace(pattern, (block, offset: number) => {
    const inner = block.split('\n').slice(1, -1).map((line) => line.trim());
    const joined = `${open}${pad}${inner.join(' ')}${pad}${close}`;
    const lineStart = serialized.lastIndexOf('\n', offset) + 1;
    return offset - lineStart + joined.length > MAX_JOINED_LINE ? block : joined;
  });
}

export function serializeCarrierCatalogJson(services: CatalogService[]): string {
  const pretty = JSON.stringify({ format: 'packbench-carriers', version: 1, services }, null, 2);
  const flatArrays = joinLines(pretty, FLAT_ARRAY, '[', ']', '');
  return `${joinLines(flatArrays, FLAT_OBJECT, '{', '}', ' ')}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV

type CsvFile = 'services' | 'rates';
type CsvRow = { line: number; get: (column: string) => string };
type CsvTable = { ok: true; rows: CsvRow[]; headerLine: number; unknown: string[] } | { ok: false; problem: ImportProblem };

const FILE_NAMES: Record<CsvFile, string> = { services: 'services file', rates: 'rates file' };

function readTable(text: string, file: CsvFile, required: readonly string[], known: ReadonlySet<string>): CsvTable {
  const read = readCsv(stripBom(text));
  if (!read.ok) {
    return {
      ok: false,
      problem: {
        code: 'CATALOG_UNTERMINATED_QUOTE',
        message: `Line ${read.openedAt} of the ${FILE_NAMES[file]}: a quoted field starts here and is never closed, so every row after it would be lost; close the quote.`,
        file,
        line: read.openedAt,
      },
    };
  }
  // Spreadsheets save empty rows as a line of commas.
  const records = read.records.filter((r) => r.fields.some((c) => c.trim() !== ''));
  const [headerRecord, ...rest] = records;
  if (headerRecord === undefined) {
    return {
      ok: false,
      problem: { code: 'CATALOG_EMPTY', message: `The ${FILE_NAMES[file]} is empty: it has no header line and no rows.`, file },
    };
  }
  const header = headerRecord.fields.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== '' && !index.has(name)) index.set(name, i);
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const only = header.length === 1 ? (header[0] ?? '') : '';
    const separator = only.includes(';') ? ' It looks separated by semicolons; save it as CSV with commas (in Excel: "CSV UTF-8").' : '';
    return {
      ok: false,
      problem: {
        code: 'CATALOG_MISSING_COLUMNS',
        message: `The ${FILE_NAMES[file]} is missing ${missing.length === 1 ? 'the column' : 'these columns'}: ${missing.join(', ')}.${separator}`,
        file,
        line: headerRecord.line,
        data: { columns: missing.join(', ') },
      },
    };
  }
  const rows = rest.map((record) => ({
    line: record.line,
    get: (column: string): string => {
      const i = index.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    },
  }));
  const unknown = [...index.keys()].filter((name) => !known.has(name));
  return { ok: true, rows, headerLine: headerRecord.line, unknown };
}

/** A number when the cell is written as one; otherwise the text, for the schema to name. */
function numberOrText(cell: string): number | string {
  return /^-?[0-9]+(\.[0-9]+)?$/.test(cell) ? Number(cell) : cell;
}

function flagValue(cell: string): boolean | string {
  const lower = cell.toLowerCase();
  if (['yes', 'true', '1'].includes(lower)) return true;
  if (['no', 'false', '0'].includes(lower)) return false;
  return cell;
}

function listItems(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A cell's syntax problem, found before the schema sees the value. */
type CellProblem = { code: CatalogErrorCode; text: string; data: ProblemData };
type Decoded = { ok: true; value: unknown } | { ok: false; problem: CellProblem };

function decodeZones(cell: string): Decoded {
  const zones: Record<string, string> = {};
  for (const item of listItems(cell)) {
    const parts = item.split(':').map((p) => p.trim());
    const [country, zone] = parts;
    if (parts.length !== 2 || country === undefined || zone === undefined || country === '' || zone === '') {
      return {
        ok: false,
        problem: { code: 'CATALOG_BAD_ZONE_LIST', text: `'${item}' is not country:zone; write the zones like US:Z1;CA:Z1;*:Z9`, data: { value: item } },
      };
    }
    if (Object.prototype.hasOwnProperty.call(zones, country)) {
      return {
        ok: false,
        problem: { code: 'CATALOG_DUPLICATE_COUNTRY', text: `${country} is listed twice; map each country to one zone`, data: { country } },
      };
    }
    zones[country] = zone;
  }
  return { ok: true, value: zones };
}

function decodeTransit(cell: string): Decoded {
  const transit: Record<string, { minDays: number | string; maxDays: number | string }> = {};
  for (const item of listItems(cell)) {
    const match = /^([^:]+):\s*([0-9]+)\s*(?:-\s*([0-9]+))?$/.exec(item);
    const zone = match?.[1]?.trim();
    if (match === null || zone === undefined || match[2] === undefined) {
      return {
        ok: false,
        problem: { code: 'CATALOG_BAD_TRANSIT_LIST', text: `'${item}' is not zone:min-max; write the transit times like Z1:7-12;Z2:8-15`, data: { value: item } },
      };
    }
    if (Object.prototype.hasOwnProperty.call(transit, zone)) {
      return {
        ok: false,
        problem: { code: 'CATALOG_BAD_TRANSIT_LIST', text: `zone ${zone} is listed twice; give each zone one transit time`, data: { value: item } },
      };
    }
    transit[zone] = { minDays: Number(match[2]), maxDays: Number(match[3] ?? match[2]) };
  }
  return { ok: true, value: transit };
}

function decodeSurcharges(cell: string): Decoded {
  const surcharges: Record<string, unknown>[] = [];
  for (const item of listItems(cell)) {
    const parts = item.split(':').map((p) => p.trim());
    const [code, kind, amount, from, zones] = parts;
    if (parts.length < 3 || parts.length > 5 || code === undefined || kind === undefined || amount === undefined) {
      return {
        ok: false,
        problem: {
          code: 'CATALOG_BAD_SURCHARGE_LIST',
          text: `'${item}' is not code:kind:amount[:from grams[:zones]]; write it like OVERWEIGHT:per-package:50000:70000 or DEMAND:per-kg:600::Z6|Z7`,
          data: { value: item },
        },
      };
    }
    const surcharge: Record<string, unknown> = { code, kind, amountMinor: numberOrText(amount) };
    if (from !== undefined && from !== '') surcharge.fromBillableG = numberOrText(from);
    if (zones !== undefined && zones !== '') surcharge.zones = zones.split('|').map((z) => z.trim());
    surcharges.push(surcharge);
  }
  return { ok: true, value: surcharges };
}

function decodeWeekdays(cell: string): Decoded {
  const days: number[] = [];
  for (const item of listItems(cell)) {
    const match = /^([0-9]{1,2})(?:\s*-\s*([0-9]{1,2}))?$/.exec(item);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (match === null || from > to) {
      return {
        ok: false,
        problem: { code: 'CATALOG_BAD_WEEKDAY_LIST', text: `'${item}' is not a weekday or a range of them; write ISO weekdays like 1-5 or 1;3;5 (1 = Monday)`, data: { value: item } },
      };
    }
    for (let day = from; day <= to; day += 1) days.push(day);
  }
  return { ok: true, value: days };
}

function decodeMinFace(cell: string): Decoded {
  const match = /^([0-9]+)\s*[xX×*]\s*([0-9]+)$/.exec(cell);
  if (match === null) {
    return {
      ok: false,
      problem: { code: 'CATALOG_BAD_MIN_FACE', text: `'${cell}' is not two sides in millimetres; write the smallest face like 140x90`, data: { value: cell } },
    };
  }
  return { ok: true, value: [Number(match[1]), Number(match[2])] };
}

type CellKind = 'text' | 'number' | 'flag' | 'list' | 'weekdays' | 'minFace' | 'zones' | 'transit' | 'surcharges';

function decodeCell(kind: CellKind, cell: string): Decoded {
  switch (kind) {
    case 'text':
      return { ok: true, value: cell };
    case 'number':
      return { ok: true, value: numberOrText(cell) };
    case 'flag':
      return { ok: true, value: flagValue(cell) };
    case 'list':
      return { ok: true, value: listItems(cell) };
    case 'weekdays':
      return decodeWeekdays(cell);
    case 'minFace':
      return decodeMinFace(cell);
    case 'zones':
      return decodeZones(cell);
    case 'transit':
      return decodeTransit(cell);
    case 'surcharges':
      return decodeSurcharges(cell);
  }
}

/** A services column: where its value goes in a CatalogService, and how its cell reads. */
type Column = { column: string; path: string[]; kind: CellKind };

const SERVICE_COLUMNS: readonly Column[] = [
  { column: 'id', path: ['id'], kind: 'text' },
  { column: 'carrier_id', path: ['carrierId'], kind: 'text' },
  { column: 'carrier_name', path: ['carrierName'], kind: 'text' },
  { column: 'marketplace_carrier_code', path: ['marketplaceCarrierCode'], kind: 'text' },
  { column: 'ship_method', path: ['shipMethod'], kind: 'text' },
  { column: 'name_en', path: ['nameEn'], kind: 'text' },
  { column: 'name_zh', path: ['nameZh'], kind: 'text' },
  { column: 'tracking_format', path: ['trackingFormat'], kind: 'text' },
  { column: 'tracking_source', path: ['trackingSource'], kind: 'text' },
  { column: 'network', path: ['network'], kind: 'text' },
  { column: 'speed', path: ['speed'], kind: 'text' },
  { column: 'volumetric_divisor', path: ['volumetricRule', 'divisor'], kind: 'number' },
  { column: 'volumetric_unit', path: ['volumetricRule', 'unitSystem'], kind: 'text' },
  { column: 'volumetric_dimension_rounding', path: ['volumetricRule', 'dimensionRounding'], kind: 'text' },
  { column: 'volumetric_result_rounding', path: ['volumetricRule', 'resultRounding'], kind: 'text' },
  { column: 'volumetric_min_volume', path: ['volumetricRule', 'minVolumeForDim'], kind: 'number' },
  { column: 'accepts_lithium', path: ['acceptsLithium'], kind: 'list' },
  { column: 'accepts_dangerous_goods', path: ['acceptsDangerousGoods'], kind: 'flag' },
  { column: 'zones', path: ['zones'], kind: 'zones' },
  { column: 'transit', path: ['transit'], kind: 'transit' },
  { column: 'currency', path: ['rateCard', 'currency'], kind: 'text' },
  { column: 'fuel_surcharge_percent', path: ['fuelSurchargePercent'], kind: 'number' },
  { column: 'surcharges', path: ['surcharges'], kind: 'surcharges' },
  { column: 'cutoff', path: ['cutoff'], kind: 'text' },
  { column: 'pickup_days', path: ['pickupDays'], kind: 'weekdays' },
  { column: 'working_days', path: ['workingDays'], kind: 'weekdays' },
  { column: 'holidays', path: ['holidays'], kind: 'list' },
  { column: 'voided_numbers_reusable', path: ['voidedNumbersReusable'], kind: 'flag' },
  { column: 'active', path: ['active'], kind: 'flag' },
  { column: 'label_routing_barcode', path: ['labelBarcodes', 'routing'], kind: 'text' },
  { column: 'label_2d_barcode', path: ['labelBarcodes', 'twoD'], kind: 'text' },
];

/** Limit columns, with paths inside one ServiceLimits. */
const LIMIT_COLUMNS: readonly Column[] = [
  { column: 'max_weight_g', path: ['maxWeightG'], kind: 'number' },
  { column: 'max_length_mm', path: ['maxLengthMm'], kind: 'number' },
  { column: 'max_sum_of_sides_mm', path: ['maxSumOfSidesMm'], kind: 'number' },
  { column: 'max_length_plus_girth_mm', path: ['maxLengthPlusGirthMm'], kind: 'number' },
  { column: 'min_face_mm', path: ['minFaceMm'], kind: 'minFace' },
  { column: 'tolerance_mm', path: ['toleranceMm'], kind: 'number' },
  { column: 'warn_weight_g', path: ['warnWeightG'], kind: 'number' },
  { column: 'warn_length_mm', path: ['warnLengthMm'], kind: 'number' },
  { column: 'warn_length_plus_girth_mm', path: ['warnLengthPlusGirthMm'], kind: 'number' },
  { column: 'roll_max_length_mm', path: ['roll', 'maxLengthMm'], kind: 'number' },
  { column: 'roll_max_length_plus_two_diameters_mm', path: ['roll', 'maxLengthPlusTwoDiametersMm'], kind: 'number' },
  { column: 'roll_min_length_mm', path: ['roll', 'minLengthMm'], kind: 'number' },
  { column: 'roll_min_length_plus_two_diameters_mm', path: ['roll', 'minLengthPlusTwoDiametersMm'], kind: 'number' },
];

const LIMITS_FROM = 'limits_from';
const SERVICE_REQUIRED = [
  'id',
  'carrier_id',
  'carrier_name',
  'marketplace_carrier_code',
  'ship_method',
  'name_en',
  'name_zh',
  'tracking_format',
  'network',
  'zones',
  'currency',
  'cutoff',
] as const;
const SERVICE_KNOWN: ReadonlySet<string> = new Set([...SERVICE_COLUMNS, ...LIMIT_COLUMNS].map((c) => c.column).concat(LIMITS_FROM));

const RATE_COLUMNS: Record<string, string> = { zone: 'zone', upToG: 'up_to_g', priceMinor: 'price_minor' };
const RATE_REQUIRED = ['service_id', 'zone', 'up_to_g', 'price_minor'] as const;
const RATE_KNOWN: ReadonlySet<string> = new Set([...RATE_REQUIRED, 'per_extra_kg_minor']);

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (isRecord(next)) {
      node = next;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  });
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

/** Where one service came from, to turn a schema path back into a line and a column. */
type ServiceOrigin = {
  line: number;
  /** One per set of limits, in the order they appear. */
  limitLines: number[];
  /** Whether the limits are dated (limits_from given), so paths run through `limits[k].limits`. */
  dated: boolean;
  rateLines: number[];
  extraKgLines: Map<string, number>;
};

type Draft = {
  id: string;
  raw: Record<string, unknown>;
  origin: ServiceOrigin;
  /** The first row's cells, to compare a repeated row's with. */
  firstCells: Map<string, string>;
  limitSets: { from: string; limits: Record<string, unknown>; problems: { path: string[]; problem: CellProblem }[] }[];
  problems: { path: Key[]; problem: CellProblem }[];
  rows: Record<string, unknown>[];
  extraKg: { zone: string; value: number | string; line: number; rowIndex: number }[];
};

function decodeLimits(row: CsvRow): Draft['limitSets'][number] {
  const limits: Record<string, unknown> = {};
  const problems: Draft['limitSets'][number]['problems'] = [];
  for (const spec of LIMIT_COLUMNS) {
    const cell = row.get(spec.column);
    if (cell === '') continue;
    const decoded = decodeCell(spec.kind, cell);
    if (decoded.ok) setAt(limits, spec.path, decoded.value);
    else problems.push({ path: spec.path, problem: decoded.problem });
  }
  return { from: row.get(LIMITS_FROM), limits, problems };
}

function newDraft(row: CsvRow): Draft {
  const raw: Record<string, unknown> = {};
  const problems: Draft['problems'] = [];
  const firstCells = new Map<string, string>();
  for (const spec of SERVICE_COLUMNS) {
    const cell = row.get(spec.column);
    firstCells.set(spec.column, cell);
    if (cell === '') continue;
    const decoded = decodeCell(spec.kind, cell);
    if (decoded.ok) setAt(raw, spec.path, decoded.value);
    else problems.push({ path: spec.path, problem: decoded.problem });
  }
  return {
    id: row.get('id'),
    raw,
    origin: { line: row.line, limitLines: [row.line], dated: false, rateLines: [], extraKgLines: new Map() },
    firstCells,
    limitSets: [decodeLimits(row)],
    problems,
    rows: [],
    extraKg: [],
  };
}

/** The schema input for one service, and the cell problems at their schema paths. */
function finishDraft(draft: Draft, problems: { path: Key[]; problem: CellProblem }[]): Record<string, unknown> {
  const [only] = draft.limitSets;
  const dated = draft.limitSets.length > 1 || (only !== undefined && only.from !== '');
  draft.origin.dated = dated;
  const limits = dated
    ? draft.limitSets.map((set) => (set.from === '' ? { limits: set.limits } : { effectiveFrom: set.from, limits: set.limits }))
    : (only?.limits ?? {});
  draft.limitSets.forEach((set, k) => {
    for (const p of set.problems) problems.push({ path: dated ? ['limits', k, 'limits', ...p.path] : ['limits', ...p.path], problem: p.problem });
  });
  problems.push(...draft.problems);

  const rateCard: Record<string, unknown> = { ...(isRecord(draft.raw.rateCard) ? draft.raw.rateCard : {}), rows: draft.rows };
  const extra: Record<string, unknown> = {};
  for (const entry of draft.extraKg) {
    extra[entry.zone] = entry.value;
    draft.origin.extraKgLines.set(entry.zone, entry.line);
  }
  if (Object.keys(extra).length > 0) rateCard.perExtraKgMinor = extra;
  return { ...draft.raw, limits, rateCard };
}

function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const SERVICE_COLUMN_BY_PATH = new Map([...SERVICE_COLUMNS].map((c) => [c.path.join('.'), c.column]));
const LIMIT_COLUMN_BY_PATH = new Map([...LIMIT_COLUMNS].map((c) => [c.path.join('.'), c.column]));

/** The file, line and column a path inside one service points at. */
function csvLocation(origin: ServiceOrigin, rest: readonly Key[]): { file: CsvFile; line: number; column?: string } {
  const [first, second, third, fourth] = rest;
  const names = (keys: readonly Key[]): string[] => keys.filter((k): k is string => typeof k === 'string');
  if (first === 'rateCard' && second === 'rows' && typeof third === 'number') {
    const column = typeof fourth === 'string' ? RATE_COLUMNS[fourth] : undefined;
    return { file: 'rates', line: origin.rateLines[third] ?? origin.line, ...(column === undefined ? {} : { column }) };
  }
  if (first === 'rateCard' && second === 'perExtraKgMinor' && typeof third === 'string') {
    return { file: 'rates', line: origin.extraKgLines.get(third) ?? origin.line, column: 'per_extra_kg_minor' };
  }
  if (first === 'limits') {
    if (origin.dated && typeof second === 'number') {
      const line = origin.limitLines[second] ?? origin.line;
      if (third === 'effectiveFrom') return { file: 'services', line, column: LIMITS_FROM };
      const column = LIMIT_COLUMN_BY_PATH.get(names(rest.slice(3)).join('.'));
      return { file: 'services', line, ...(column === undefined ? {} : { column }) };
    }
    const column = LIMIT_COLUMN_BY_PATH.get(names(rest.slice(1)).join('.'));
    return { file: 'services', line: origin.line, ...(column === undefined ? {} : { column }) };
  }
  // Records (zones, transit) and lists (surcharges) are one cell: the column is the field's.
  const keys = names(rest);
  const column =
    SERVICE_COLUMN_BY_PATH.get(keys.slice(0, 2).join('.')) ??
    SERVICE_COLUMN_BY_PATH.get(keys.slice(0, 1).join('.')) ??
    (typeof first === 'string' ? camelToSnake(first) : undefined);
  return { file: 'services', line: origin.line, ...(column === undefined ? {} : { column }) };
}

function csvProblem(
  code: string,
  textOf: string,
  location: { file: CsvFile; line?: number; column?: string },
  data: ProblemData,
): ImportProblem {
  const where =
    location.line === undefined
      ? `The ${FILE_NAMES[location.file]}`
      : `Line ${location.line} of the ${FILE_NAMES[location.file]}${location.column === undefined ? '' : ` (${location.column})`}`;
  return {
    code,
    message: `${where}: ${textOf}.`,
    file: location.file,
    ...(location.line === undefined ? {} : { line: location.line }),
    ...(location.column === undefined ? {} : { path: location.column }),
    data,
  };
}

function startsWith(path: readonly Key[], prefix: readonly Key[]): boolean {
  return prefix.every((key, i) => path[i] === key);
}

export function parseCarrierCatalogCsv(servicesCsv: string, ratesCsv: string): CatalogParse {
  const servicesTable = readTable(servicesCsv, 'services', SERVICE_REQUIRED, SERVICE_KNOWN);
  const ratesTable = readTable(ratesCsv, 'rates', RATE_REQUIRED, RATE_KNOWN);
  const warnings: ImportProblem[] = [];
  for (const [file, table] of [['services', servicesTable], ['rates', ratesTable]] as const) {
    if (!table.ok) continue;
    for (const column of table.unknown) {
      warnings.push(
        csvProblem(
          'CATALOG_UNKNOWN_COLUMN',
          `the column '${column}' is not one the importer knows, so it was ignored; check its spelling if it was meant to be imported`,
          { file, line: table.headerLine, column },
          { column },
        ),
      );
    }
  }
  if (!servicesTable.ok || !ratesTable.ok) {
    const errors = [servicesTable, ratesTable].flatMap((t) => (t.ok ? [] : [t.problem]));
    return { ok: false, errors, warnings };
  }

  const errors: ImportProblem[] = [];
  const drafts: Draft[] = [];
  const byId = new Map<string, Draft>();
  for (const row of servicesTable.rows) {
    const id = row.get('id');
    const earlier = id === '' ? undefined : byId.get(id);
    if (earlier === undefined) {
      const draft = newDraft(row);
      drafts.push(draft);
      if (id !== '') byId.set(id, draft);
      continue;
    }
    const from = row.get(LIMITS_FROM);
    if (from === '') {
      errors.push(
        csvProblem(
          'CATALOG_DUPLICATE_SERVICE',
          `service ${id} is already on line ${earlier.origin.line}; give each service its own id (for limits that change on a date, fill limits_from on both rows)`,
          { file: 'services', line: row.line, column: 'id' },
          { serviceId: id, firstLine: earlier.origin.line },
        ),
      );
      continue;
    }
    // A row that repeats the id adds a set of dated limits. Anything else on it must match the
    // first row: two different prices or zones for one service cannot both be right.
    const differing = SERVICE_COLUMNS.filter(
      (c) => c.column !== 'id' && row.get(c.column) !== '' && row.get(c.column) !== earlier.firstCells.get(c.column),
    );
    if (differing.length > 0) {
      const columns = differing.map((c) => c.column).join(', ');
      errors.push(
        csvProblem(
          'CATALOG_DATED_LIMITS_ROW',
          `this row repeats service ${id} to add limits from ${from}, but its ${columns} differ from line ${earlier.origin.line}; on such a row fill only id, limits_from and the limit columns`,
          { file: 'services', line: row.line, column: differing[0]?.column ?? 'id' },
          { serviceId: id, firstLine: earlier.origin.line, columns },
        ),
      );
      continue;
    }
    earlier.limitSets.push(decodeLimits(row));
    earlier.origin.limitLines.push(row.line);
  }

  for (const row of ratesTable.rows) {
    const serviceId = row.get('service_id');
    const draft = byId.get(serviceId);
    if (serviceId === '') {
      errors.push(
        csvProblem(
          'CATALOG_MISSING_VALUE',
          'the service_id is missing; name the service these rates belong to',
          { file: 'rates', line: row.line, column: 'service_id' },
          { field: 'service_id', value: null },
        ),
      );
      continue;
    }
    if (draft === undefined) {
      const upper = serviceId.toUpperCase();
      const hint = upper !== serviceId && byId.has(upper) ? ` (ids are in capitals: ${upper})` : '';
      errors.push(
        csvProblem(
          'CATALOG_RATES_FOR_UNKNOWN_SERVICE',
          `these rates are for service ${serviceId}, which the services file does not have${hint}; add the service or correct the id`,
          { file: 'rates', line: row.line, column: 'service_id' },
          { serviceId },
        ),
      );
      continue;
    }
    const rate: Record<string, unknown> = {};
    if (row.get('zone') !== '') rate.zone = row.get('zone');
    if (row.get('up_to_g') !== '') rate.upToG = numberOrText(row.get('up_to_g'));
    if (row.get('price_minor') !== '') rate.priceMinor = numberOrText(row.get('price_minor'));
    draft.rows.push(rate);
    draft.origin.rateLines.push(row.line);
    const extra = row.get('per_extra_kg_minor');
    if (extra !== '' && row.get('zone') !== '') {
      draft.extraKg.push({ zone: row.get('zone'), value: numberOrText(extra), line: row.line, rowIndex: draft.rows.length - 1 });
    }
  }

  // The price per extra kilogram follows a zone's last break, so it belongs on that row.
  for (const draft of drafts) {
    const lastRowOf = new Map<unknown, number>();
    draft.rows.forEach((rate, i) => lastRowOf.set(rate.zone, i));
    draft.extraKg = draft.extraKg.filter((entry) => {
      if (lastRowOf.get(entry.zone) === entry.rowIndex) return true;
      errors.push(
        csvProblem(
          'CATALOG_EXTRA_KG_NOT_LAST',
          `the price per extra kilogram for zone ${entry.zone} of service ${draft.id} is on a row that is not the zone's last break; move it to the row of the heaviest break`,
          { file: 'rates', line: entry.line, column: 'per_extra_kg_minor' },
          { serviceId: draft.id, zone: entry.zone },
        ),
      );
      return false;
    });
  }

  const cellProblems: { service: number; path: Key[]; problem: CellProblem }[] = [];
  const services = drafts.map((draft, s) => {
    const problems: { path: Key[]; problem: CellProblem }[] = [];
    const raw = finishDraft(draft, problems);
    for (const p of problems) cellProblems.push({ service: s, ...p });
    return raw;
  });
  for (const { service, path, problem } of cellProblems) {
    const draft = drafts[service];
    if (draft === undefined) continue;
    errors.push(csvProblem(problem.code, problem.text, csvLocation(draft.origin, path), { serviceId: draft.id || null, ...problem.data }));
  }

  const checked = checkCatalogDocument({ format: 'packbench-carriers', version: 1, services });
  const toProblem = (finding: Finding): ImportProblem | null => {
    const [root, index, ...rest] = finding.path;
    const draft = root === 'services' && typeof index === 'number' ? drafts[index] : undefined;
    if (draft === undefined) {
      // Only the document's own problem reaches here: no services at all.
      return csvProblem(finding.code, finding.text, { file: 'services', line: servicesTable.headerLine }, finding.data);
    }
    // A cell the reader already reported reaches the schema as missing; report it once.
    if (cellProblems.some((p) => p.service === index && startsWith(rest, p.path))) return null;
    return csvProblem(finding.code, finding.text, csvLocation(draft.origin, rest), { serviceId: draft.id || null, ...finding.data });
  };
  for (const finding of checked.errors) {
    const problem = toProblem(finding);
    if (problem !== null) errors.push(problem);
  }
  for (const finding of checked.warnings) {
    const problem = toProblem(finding);
    if (problem !== null) warnings.push(problem);
  }
  const fileOrder = (p: ImportProblem): number => (p.file === 'rates' ? 1 : 0);
  errors.sort((a, b) => fileOrder(a) - fileOrder(b) || (a.line ?? 0) - (b.line ?? 0));
  return outcome(checked.services, errors, warnings);
}

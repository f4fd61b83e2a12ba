import type { Finding } from './eligibility';
import { declaredValueByCurrency } from './compliance';

// Customs data for parcels that cross a border (most of the bench's parcels leave China). The
// label cannot print until every item can be declared: HS code, an English description, the
// country of origin, a value and its currency. Which form goes with the parcel depends on the
// service: posts use the UPU forms CN22 / CN23, express carriers a commercial invoice.
//
// Figures and word lists are configuration; the DEFAULT_* objects are starting points.

export type CustomsItem = {
  sku: string;
  quantity: number;
  hsCode: string | null;
  descriptionEn: string | null;
  /** ISO 3166-1 alpha-2 country where the goods were made. */
  originCountry: string | null;
  unitValueMinor: number | null;
  /** ISO 4217 code of unitValueMinor. */
  currency: string | null;
};

export type CustomsShipment = {
  /** The station's ship-from country (ISO alpha-2). */
  fromCountry: string;
  /** The recipient's country (ISO alpha-2). */
  toCountry: string;
  items: ReadonlyArray<CustomsItem>;
};

export type CustomsField = 'hsCode' | 'descriptionEn' | 'originCountry' | 'declaredValue' | 'currency';

const FIELD_NAMES: Readonly<Record<CustomsField | 'fromCountry' | 'toCountry', string>> = {
  hsCode: 'HS code',
  descriptionEn: 'English description',
  originCountry: 'country of origin',
  declaredValue: 'declared value',
  currency: 'currency',
  fromCountry: 'ship-from country',
  toCountry: 'destination country',
};

/** ISO 3166-1 alpha-2, officially assigned codes. "UK" and "EU" are not among them: the UK is GB. */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export type CustomsRules = {
  /**
   * Descriptions customs officers send back as too vague (compared whole, ignoring case and a
   * trailing full stop). Carriers publish such lists; this one is a starting point to extend.
   */
  vagueDescriptions: readonly string[];
};

export const DEFAULT_CUSTOMS_RULES: CustomsRules = {
  vagueDescriptions: [
    'accessories', 'apparel', 'consolidated', 'daily necessities', 'general merchandise', 'gift', 'gifts', 'goods', 'household goods',
    'item', 'items', 'merchandise', 'misc', 'miscellaneous', 'novelties', 'other', 'others', 'parts', 'personal effects',
    'product', 'products', 'sample', 'samples', 'spare parts', 'stuff', 'tools', 'various',
  ],
};

function normalisedCountry(raw: string | null): string {
  return (raw ?? '').trim().toUpperCase();
}

/**
 * Customs applies when the goods change country. Decided on the ISO codes alone: a customs
 * union (the EU) or a territory with its own code (PR, HK) is not special-cased; an unknown
 * country on either side counts as international, the conservative reading.
 */
export function isInternational(fromCountry: string, toCountry: string): boolean {
  const from = normalisedCountry(fromCountry);
  const to = normalisedCountry(toCountry);
  return !ISO_COUNTRY_CODES.has(from) || !ISO_COUNTRY_CODES.has(to) || from !== to;
}

/** The digits of a valid HS / tariff code ('8518.30' → '851830'), or null. 6 digits is the
 * international HS subheading; national tariffs add up to 4 more (HTS, CN codes). */
export function hsCodeDigits(raw: string): string | null {
  const text = raw.trim();
  if (!/^\d+(?:\.\d+)*$/.test(text)) return null;
  const digits = text.replaceAll('.', '');
  return digits.length >= 6 && digits.length <= 10 ? digits : null;
}

// Latin letters with their accents, general punctuation and the usual symbols pass; Chinese,
// Cyrillic and other scripts do not, because the form is read in English (UPU: English or French).
const NOT_LATIN = /[^\u0020-\u024F\u2010-\u2027\u2030-\u205E\u20AC\u2122]/u;

type FieldProblem = { field: CustomsField; missing: boolean; value: string | number | null; reason: string | null; detail: string };

function itemProblems(item: CustomsItem, rules: CustomsRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const missing = (field: CustomsField): void => {
    problems.push({ field, missing: true, value: null, reason: null, detail: '' });
  };
  const invalid = (field: CustomsField, value: string | number, reason: string, detail: string): void => {
    problems.push({ field, missing: false, value, reason, detail });
  };

  const hsCode = (item.hsCode ?? '').trim();
  if (hsCode === '') missing('hsCode');
  else if (hsCodeDigits(hsCode) === null) invalid('hsCode', hsCode, 'format', 'it must be 6 to 10 digits, dots allowed (e.g. 8518.30)');

  const description = (item.descriptionEn ?? '').trim();
  if (description === '') missing('descriptionEn');
  else if (NOT_LATIN.test(description) || !/[A-Za-z]/.test(description)) {
    invalid('descriptionEn', description, 'not-english', 'write it in English');
  } else {
    const bare = description.toLowerCase().replace(/\.$/, '');
    if (rules.vagueDescriptions.includes(bare)) invalid('descriptionEn', description, 'too-vague', 'say what the goods are and what they are made of');
  }

  const origin = (item.originCountry ?? '').trim();
  if (origin === '') missing('originCountry');
  else if (!ISO_COUNTRY_CODES.has(origin.toUpperCase())) invalid('originCountry', origin, 'not-iso', 'use the ISO 3166 two-letter code (e.g. CN; GB, not UK)');

  const value = item.unitValueMinor;
  if (value === null) missing('declaredValue');
  else if (!Number.isSafeInteger(value) || value <= 0) invalid('declaredValue', value, 'not-positive', 'it must be more than zero');

  const currency = (item.currency ?? '').trim();
  if (currency === '') missing('currency');
  else if (!/^[A-Z]{3}$/.test(currency.toUpperCase())) invalid('currency', currency, 'not-iso', 'use the ISO 4217 three-letter code (e.g. USD)');

  return problems;
}

function countryProblem(field: 'fromCountry' | 'toCountry', raw: string): Finding | null {
  const code = normalisedCountry(raw);
  const name = FIELD_NAMES[field];
  if (code === '') {
    return { code: 'CUSTOMS_FIELD_MISSING', severity: 'block', message: `The ${name} is missing; customs needs it.`, data: { sku: null, field, value: null, reason: null } };
  }
  if (ISO_COUNTRY_CODES.has(code)) return null;
  return {
    code: 'CUSTOMS_FIELD_INVALID',
    severity: 'block',
    message: `The ${name} "${raw.trim()}" is not an ISO 3166 two-letter country code.`,
    data: { sku: null, field, value: raw.trim(), reason: 'not-iso' },
  };
}

/**
 * Every field customs needs, for every SKU of an international parcel; none for a domestic
 * one. Each missing or invalid field is its own finding naming the SKU and the field, so the
 * packer (or the catalogue owner) knows exactly what to fill in.
 *
 * One declaration carries one currency, so items declared in different currencies block as
 * CUSTOMS_CURRENCY_MIXED: there is no exchange rate offline to convert them.
 */
export function checkCustomsData(shipment: CustomsShipment, rules: CustomsRules): Finding[] {
  if (!isInternational(shipment.fromCountry, shipment.toCountry)) return [];
  const findings: Finding[] = [];
  for (const field of ['fromCountry', 'toCountry'] as const) {
    const problem = countryProblem(field, shipment[field]);
    if (problem !== null) findings.push(problem);
  }

  const seen = new Set<string>();
  for (const item of shipment.items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 0) {
      throw new RangeError(`quantity of ${item.sku} must be a whole number of zero or more, got ${item.quantity}`);
    }
    if (item.quantity === 0) continue;
    for (const problem of itemProblems(item, rules)) {
      // Two order lines of one SKU carry the same catalogue data: say it once.
      const key = `${item.sku}\u0000${problem.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = FIELD_NAMES[problem.field];
      findings.push(
        problem.missing
          ? {
              code: 'CUSTOMS_FIELD_MISSING',
              severity: 'block',
              message: `${item.sku} has no ${name}; customs needs it for an international parcel. Add it to the catalogue.`,
              data: { sku: item.sku, field: problem.field, value: null, reason: null },
            }
          : {
              code: 'CUSTOMS_FIELD_INVALID',
              severity: 'block',
              message: `The ${name} of ${item.sku} is "${problem.value ?? ''}": ${problem.detail}.`,
              data: { sku: item.sku, field: problem.field, value: problem.value, reason: problem.reason },
            },
      );
    }
  }

  const { totals } = declaredValueByCurrency(shipment.items);
  if (totals.length > 1) {
    const currencies = totals.map((total) => total.currency).join(', ');
    findings.push({
      code: 'CUSTOMS_CURRENCY_MIXED',
      severity: 'block',
      message: `The items are declared in several currencies (${currencies}); a customs declaration has one. Declare every item in the same currency.`,
      data: { currencies },
    });
  }
  return findings;
}

/** The parcel's total declared value when every item is declared in one currency; null otherwise. */
export function customsDeclaredValue(items: ReadonlyArray<CustomsItem>): { valueMinor: number; currency: string } | null {
  const { totals, unknownSkus } = declaredValueByCurrency(items);
  const [only] = totals;
  return totals.length === 1 && only !== undefined && unknownSkus.length === 0 ? only : null;
}

export type CustomsForm = 'CN22' | 'CN23' | 'invoice';

export type CustomsFormPolicy = {
  /** Per currency: the highest declared value (minor units) that still goes on a CN22. */
  cn22MaxMinor: Readonly<Record<string, number>>;
};

// UPU Convention Regulations: CN22 up to 300 SDR (ISO 4217 code XDR), CN23 above. Declared
// values are rarely in SDR and the bench has no exchange rates offline, so the threshold is
// also kept in USD: 400 USD is a little under 300 SDR at 2024–25 rates (about 1.33–1.37 USD per
// SDR), erring towards the fuller CN23. Review it when the rate moves; add other currencies.
export const DEFAULT_CUSTOMS_FORM_POLICY: CustomsFormPolicy = { cn22MaxMinor: { XDR: 30_000, USD: 40_000 } };

/**
 * The customs form for the parcel. Express carriers want a commercial invoice whatever the
 * value. Posts take a CN22 up to the threshold (at it, too) and a CN23 above; in a currency
 * without a threshold the answer is CN23, which asks for everything a CN22 does and more, so
 * it is never the wrong form to over-declare with.
 */
export function customsFormFor(
  serviceKind: 'postal' | 'express',
  declared: { valueMinor: number; currency: string },
  policy: CustomsFormPolicy,
): CustomsForm {
  if (!Number.isSafeInteger(declared.valueMinor) || declared.valueMinor < 0) {
    throw new RangeError(`declared valueMinor must be a whole number of zero or more, got ${declared.valueMinor}`);
  }
  if (serviceKind === 'express') return 'invoice';
  const currency = declared.currency.trim().toUpperCase();
  const max = Object.hasOwn(policy.cn22MaxMinor, currency) ? policy.cn22MaxMinor[currency] : undefined;
  return max !== undefined && declared.valueMinor <= max ? 'CN22' : 'CN23';
}


// The catalogue as a seller keeps it: a spreadsheet saved as CSV. RFC 4180 quoting (commas,
// quotes and newlines inside quoted fields), UTF-8 with or without a BOM, CRLF or LF.
// Columns are found by header name, so a seller may reorder them or add their own.

import type { Lithium } from '../contract';
import { toGtin14 } from '../domain/gtin';
import type { Dimensions } from '../domain/limits';
import type { RowError } from './row-error';

export type { RowError } from './row-error';
import { readCsv } from './csv';
import type { CsvRecord } from './csv';

export type ImportedCatalogItem = {
  sku: string;
  /** Stored as GTIN-14 so a UPC-A scan matches an EAN-13 entry. */
  gtin14: string | null;
  nameEn: string;
  nameZh: string | null;
  unitWeightG: number | null;
  dimensions: Dimensions | null;
  valueMinor: number | null;
  currency: string;
  hsCode: string | null;
  originCountry: string | null;
  hazmatClass: string | null;
  lithium: Lithium;
  lithiumDoc: string | null;
  /** YYYY-MM-DD: a lithium battery document (UN38.3 summary) is valid through this day. */
  lithiumDocExpires: string | null;
  cells: number | null;
  batteries: number | null;
  fnsku: string | null;
  asin: string | null;
  binLocation: string | null;
  serialRequired: boolean;
  quantityEntryAllowed: boolean;
};

export type CatalogCsvError = {
  code: 'CATALOG_EMPTY' | 'CATALOG_MISSING_COLUMNS' | 'CATALOG_UNTERMINATED_QUOTE';
  message: string;
  missing?: string[];
  line?: number;
};

export type CatalogCsvResult =
  | { ok: true; items: ImportedCatalogItem[]; rowErrors: RowError[]; rowCount: number }
  | { ok: false; error: CatalogCsvError };

const REQUIRED_COLUMNS = ['sku', 'name_en'] as const;
const KNOWN_COLUMNS = [
  'sku',
  'gtin',
  'name_en',
  'name_zh',
  'unit_weight_g',
  'length_mm',
  'width_mm',
  'height_mm',
  'value_minor',
  'currency',
  'hs_code',
  'origin_country',
  'hazmat_class',
  'lithium',
  'lithium_doc',
  'lithium_doc_expires',
  'cells',
  'batteries',
  'fnsku',
  'asin',
  'bin_location',
  'serial_required',
  'quantity_entry',
] as const;

// Keyed by the contract's Lithium type, so adding a kind there fails to compile here until
// the importer knows it too.
const LITHIUM_KINDS = {
  none: true,
  'ion-in-equipment': true,
  'ion-with-equipment': true,
  'ion-standalone': true,
  'metal-in-equipment': true,
  'metal-with-equipment': true,
  'metal-standalone': true,
} satisfies Record<Lithium, true>;

function isLithium(value: string): value is Lithium {
  return Object.prototype.hasOwnProperty.call(LITHIUM_KINDS, value);
}

function isBlank(record: CsvRecord): boolean {
  // Spreadsheets save empty rows as a line of commas.
  return record.fields.every((f) => f.trim() === '');
}

type Problem = { code: string; column: string; text: string };

function gtinProblem(raw: string): string {
  const base = `gtin '${raw}' is not a valid GTIN-8, GTIN-12, GTIN-13 or GTIN-14`;
  if (/^[0-9.]+e\+?[0-9]+$/i.test(raw)) {
    return `${base}; a spreadsheet turned it into a number, so format the column as text and export again`;
  }
  if (/^[0-9]+$/.test(raw) && [8, 12, 13, 14].includes(raw.length)) {
    return `${base}: its check digit is wrong`;
  }
  if (/^[0-9]+$/.test(raw) && raw.length < 14) {
    return `${base}; if a spreadsheet dropped its leading zeros, format the column as text and export again`;
  }
  return base;
}

function parseItem(get: (column: string) => string, problems: Problem[]): ImportedCatalogItem | null {
  const optional = (column: string): string | null => {
    const v = get(column);
    return v === '' ? null : v;
  };
  const required = (column: string): string => {
    const v = get(column);
    if (v === '') problems.push({ code: 'ROW_MISSING_VALUE', column, text: `${column} is empty` });
    return v;
  };
  const wholeNumber = (column: string, min: 0 | 1): number | null => {
    const raw = get(column);
    if (raw === '') return null;
    const n = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min) {
      const expected = min === 0 ? 'a whole number, 0 or more' : 'a whole number above 0';
      problems.push({ code: 'ROW_BAD_NUMBER', column, text: `${column} is '${raw}', expected ${expected}` });
      return null;
    }
    return n;
  };

  const sku = required('sku');
  const nameEn = required('name_en');

  const gtinRaw = get('gtin');
  let gtin14: string | null = null;
  if (gtinRaw !== '') {
    gtin14 = toGtin14(gtinRaw);
    if (gtin14 === null) problems.push({ code: 'ROW_BAD_GTIN', column: 'gtin', text: gtinProblem(gtinRaw) });
  }

  const unitWeightG = wholeNumber('unit_weight_g', 0);
  const lengthMm = wholeNumber('length_mm', 1);
  const widthMm = wholeNumber('width_mm', 1);
  const heightMm = wholeNumber('height_mm', 1);
  const sideColumns = ['length_mm', 'width_mm', 'height_mm'] as const;
  const given = sideColumns.filter((c) => get(c) !== '');
  let dimensions: Dimensions | null = null;
  if (given.length > 0 && given.length < 3) {
    // Two sides cannot be checked against a carrier limit, and a guessed third side is worse
    // than none, so the size is all or nothing.
    const missing = sideColumns.filter((c) => get(c) === '');
    problems.push({
      code: 'ROW_INCOMPLETE_DIMENSIONS',
      column: missing[0] ?? 'length_mm',
      text: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} empty; give length, width and height together or leave all three empty`,
    });
  } else if (lengthMm !== null && widthMm !== null && heightMm !== null) {
    dimensions = { lengthMm, widthMm, heightMm };
  }

  const valueMinor = wholeNumber('value_minor', 0);

  const currencyRaw = get('currency');
  const currency = currencyRaw === '' ? 'USD' : currencyRaw.toUpperCase();
  if (currency === 'RMB') {
    // Common in Chinese spreadsheets, but not an ISO 4217 code; customs and carrier APIs want CNY.
    problems.push({ code: 'ROW_BAD_CURRENCY', column: 'currency', text: `currency is '${currencyRaw}'; write CNY, the ISO code for renminbi` });
  } else if (!/^[A-Z]{3}$/.test(currency)) {
    problems.push({ code: 'ROW_BAD_CURRENCY', column: 'currency', text: `currency is '${currencyRaw}', expected a 3-letter code like USD or CNY` });
  }

  const originRaw = get('origin_country');
  const originCountry = originRaw === '' ? null : originRaw.toUpperCase();
  if (originCountry !== null && !/^[A-Z]{2}$/.test(originCountry)) {
    problems.push({ code: 'ROW_BAD_COUNTRY', column: 'origin_country', text: `origin_country is '${originRaw}', expected a 2-letter code like CN` });
  }

  const lithiumRaw = get('lithium').toLowerCase();
  const lithium = lithiumRaw === '' ? 'none' : lithiumRaw;
  if (!isLithium(lithium)) {
    problems.push({
      code: 'ROW_BAD_LITHIUM',
      column: 'lithium',
      text: `lithium is '${get('lithium')}', expected one of ${Object.keys(LITHIUM_KINDS).join(', ')}`,
    });
  }

  const fnsku = optional('fnsku')?.toUpperCase() ?? null;
  if (fnsku !== null && !/^X00[A-Z0-9]{7}$/.test(fnsku)) {
    problems.push({ code: 'ROW_BAD_FNSKU', column: 'fnsku', text: `fnsku is '${get('fnsku')}', expected X00 followed by 7 letters or digits` });
  }
  const asin = optional('asin')?.toUpperCase() ?? null;
  if (asin !== null && !/^[A-Z0-9]{10}$/.test(asin)) {
    problems.push({ code: 'ROW_BAD_ASIN', column: 'asin', text: `asin is '${get('asin')}', expected 10 letters or digits` });
  }
  const flag = (column: string): boolean => {
    const raw = get(column).toLowerCase();
    if (raw === '' || raw === 'false' || raw === 'no' || raw === '0') return false;
    if (raw === 'true' || raw === 'yes' || raw === '1') return true;
    problems.push({ code: 'ROW_BAD_FLAG', column, text: `${column} is '${get(column)}', expected true or false` });
    return false;
  };
  const expiresRaw = optional('lithium_doc_expires');
  if (expiresRaw !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(expiresRaw) || Number.isNaN(Date.parse(`${expiresRaw}T00:00:00Z`)))) {
    problems.push({ code: 'ROW_BAD_DATE', column: 'lithium_doc_expires', text: `lithium_doc_expires is '${expiresRaw}', expected a date like 2027-06-30` });
  }
  const cells = wholeNumber('cells', 0);
  const batteries = wholeNumber('batteries', 0);
  const serialRequired = flag('serial_required');
  const quantityEntryAllowed = flag('quantity_entry');

  if (problems.length > 0 || !isLithium(lithium)) return null;
  return {
    sku,
    gtin14,
    nameEn,
    nameZh: optional('name_zh'),
    unitWeightG,
    dimensions,
    valueMinor,
    currency,
    hsCode: optional('hs_code'),
    originCountry,
    hazmatClass: optional('hazmat_class'),
    lithium,
    lithiumDoc: optional('lithium_doc'),
    lithiumDocExpires: expiresRaw,
    cells,
    batteries,
    fnsku,
    asin,
    binLocation: optional('bin_location'),
    serialRequired,
    quantityEntryAllowed,
  };
}

function missingColumnsMessage(missing: string[], header: string[]): string {
  const base = `The catalogue file is missing ${missing.length === 1 ? 'the column' : 'these columns'}: ${missing.join(', ')}.`;
  const only = header.length === 1 ? (header[0] ?? '') : '';
  if (only.includes(';')) return `${base} It looks separated by semicolons; save it as CSV with commas (in Excel: "CSV UTF-8").`;
  if (only.includes('\t')) return `${base} It looks tab-separated; save it as CSV with commas (in Excel: "CSV UTF-8").`;
  return base;
}

type ParsedRecord = { line: number; sku: string; signature: string; item: ImportedCatalogItem | null };

export function parseCatalogCsv(text: string): CatalogCsvResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const read = readCsv(body);
  if (!read.ok) {
    return {
      ok: false,
      error: {
        code: 'CATALOG_UNTERMINATED_QUOTE',
        message: `A quoted field that starts on line ${read.openedAt} is never closed, so every row after it would be lost. Nothing was imported.`,
        line: read.openedAt,
      },
    };
  }
  const records = read.records.filter((r) => !isBlank(r));
  const [headerRecord, ...rows] = records;
  if (headerRecord === undefined) {
    return { ok: false, error: { code: 'CATALOG_EMPTY', message: 'The catalogue file is empty: it has no header line and no items.' } };
  }

  const header = headerRecord.fields.map((h) => h.trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== '' && !columnIndex.has(name)) columnIndex.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    return { ok: false, error: { code: 'CATALOG_MISSING_COLUMNS', message: missingColumnsMessage(missing, header), missing } };
  }

  const rowErrors: RowError[] = [];
  const parsed: ParsedRecord[] = [];
  for (const record of rows) {
    const get = (column: string): string => {
      const idx = columnIndex.get(column);
      return idx === undefined ? '' : (record.fields[idx] ?? '').trim();
    };
    const problems: Problem[] = [];
    const item = parseItem(get, problems);
    for (const p of problems) {
      rowErrors.push({ line: record.line, code: p.code, column: p.column, message: `Line ${record.line}: ${p.text}. This item was not imported.` });
    }
    // Only the columns that are imported: a seller's own notes column may differ harmlessly.
    const signature = KNOWN_COLUMNS.map((c) => get(c)).join('\u0000');
    parsed.push({ line: record.line, sku: get('sku'), signature, item });
  }

  // The same SKU on two lines with different data: there is no telling which weight or
  // battery entry is true, and a wrong one lets a package through its checks, so neither
  // is imported. An exact repeat of a line is harmless and kept once.
  const bySku = new Map<string, ParsedRecord[]>();
  for (const p of parsed) {
    if (p.sku === '') continue;
    const group = bySku.get(p.sku);
    if (group === undefined) bySku.set(p.sku, [p]);
    else group.push(p);
  }
  const items: ImportedCatalogItem[] = [];
  for (const [sku, group] of bySku) {
    const [first] = group;
    if (first === undefined) continue;
    const conflicting = group.some((p) => p.signature !== first.signature);
    if (conflicting) {
      const lines = group.map((p) => p.line);
      for (const p of group.slice(1)) {
        rowErrors.push({
          line: p.line,
          code: 'ROW_DUPLICATE_SKU',
          column: 'sku',
          message: `Line ${p.line}: SKU ${sku} appears on lines ${lines.join(', ')} with different data. None of them was imported; keep one line per SKU.`,
        });
      }
      continue;
    }
    if (first.item !== null) items.push(first.item);
  }

  rowErrors.sort((a, b) => a.line - b.line);
  return { ok: true, items, rowErrors, rowCount: rows.length };
}

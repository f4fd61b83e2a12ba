import { describe, it, expect } from 'vitest';
import { parseCatalogCsv } from '../../shared/import/catalog-csv';
import type { CatalogCsvResult, ImportedCatalogItem } from '../../shared/import/catalog-csv';

const FULL_HEADER =
  'sku,gtin,name_en,name_zh,unit_weight_g,length_mm,width_mm,height_mm,value_minor,currency,hs_code,origin_country,hazmat_class,lithium,lithium_doc';

function parsed(text: string): Extract<CatalogCsvResult, { ok: true }> {
  const result = parseCatalogCsv(text);
  if (!result.ok) throw new Error(`expected the catalogue to parse, got ${result.error.code}: ${result.error.message}`);
  return result;
}

/** One row in a file with only sku, name_en and the columns under test. */
function oneRow(columns: Record<string, string>): string {
  const names = ['sku', 'name_en', ...Object.keys(columns)];
  const values = ['MUG-RED-350', 'Ceramic mug', ...Object.values(columns)];
  return `${names.join(',')}\n${values.join(',')}\n`;
}

const MUG: ImportedCatalogItem = {
  sku: 'MUG-RED-350',
  gtin14: '00036000291452',
  nameEn: 'Ceramic mug, red, 350 ml',
  nameZh: '陶瓷马克杯，红色，350毫升',
  unitWeightG: 420,
  dimensions: { lengthMm: 120, widthMm: 90, heightMm: 100 },
  valueMinor: 1299,
  currency: 'USD',
  hsCode: '6912.00',
  originCountry: 'CN',
  hazmatClass: null,
  lithium: 'none',
  lithiumDoc: null,
  lithiumDocExpires: null,
  cells: null,
  batteries: null,
  fnsku: null,
  asin: null,
  binLocation: null,
  serialRequired: false,
  quantityEntryAllowed: false,
};
const MUG_LINE = 'MUG-RED-350,036000291452,"Ceramic mug, red, 350 ml",陶瓷马克杯，红色，350毫升,420,120,90,100,1299,USD,6912.00,CN,,none,';

const POWER_BANK: ImportedCatalogItem = {
  sku: 'PB-10000',
  gtin14: '04006381333931',
  nameEn: 'Power bank 10000 mAh',
  nameZh: '移动电源 10000毫安',
  unitWeightG: 230,
  dimensions: { lengthMm: 140, widthMm: 70, heightMm: 16 },
  valueMinor: 15900,
  currency: 'CNY',
  hsCode: '8507.60',
  originCountry: 'CN',
  hazmatClass: '9',
  lithium: 'ion-standalone',
  lithiumDoc: 'UN38.3-summary-PB-10000.pdf',
  lithiumDocExpires: null,
  cells: null,
  batteries: null,
  fnsku: null,
  asin: null,
  binLocation: null,
  serialRequired: false,
  quantityEntryAllowed: false,
};
const POWER_BANK_LINE =
  'PB-10000,4006381333931,Power bank 10000 mAh,移动电源 10000毫安,230,140,70,16,15900,CNY,8507.60,CN,9,ion-standalone,UN38.3-summary-PB-10000.pdf';

describe('parseCatalogCsv: the file as a whole', () => {
  it('imports a full catalogue', () => {
    expect(parsed(`${FULL_HEADER}\n${MUG_LINE}\n${POWER_BANK_LINE}\n`)).toEqual({
      ok: true,
      items: [MUG, POWER_BANK],
      rowErrors: [],
      rowCount: 2,
    });
  });

  it.each([
    ['a UTF-8 byte-order mark (Excel’s "CSV UTF-8")', `\uFEFF${FULL_HEADER}\n${MUG_LINE}\n${POWER_BANK_LINE}\n`],
    ['CRLF line endings', `${FULL_HEADER}\r\n${MUG_LINE}\r\n${POWER_BANK_LINE}\r\n`],
    ['no newline at the end', `${FULL_HEADER}\n${MUG_LINE}\n${POWER_BANK_LINE}`],
    ['blank lines and a spreadsheet’s empty rows of commas', `${FULL_HEADER}\n\n${MUG_LINE}\n,,,,,,,,,,,,,,\n${POWER_BANK_LINE}\n\n,,,\n`],
    ['old Mac CR-only line endings', `${FULL_HEADER}\r${MUG_LINE}\r${POWER_BANK_LINE}\r`],
  ])('reads the same items from a file with %s', (_name, text) => {
    expect(parsed(text).items).toEqual([MUG, POWER_BANK]);
  });

  it('finds columns by name, in any order and case, and ignores columns it does not know', () => {
    const text = 'Notes, NAME_EN ,supplier,SKU\n"reorder in May",Ceramic mug,Jingdezhen Co.,MUG-RED-350\n';
    expect(parsed(text).items).toEqual([
      {
        sku: 'MUG-RED-350',
        gtin14: null,
        nameEn: 'Ceramic mug',
        nameZh: null,
        unitWeightG: null,
        dimensions: null,
        valueMinor: null,
        currency: 'USD',
        hsCode: null,
        originCountry: null,
        hazmatClass: null,
        lithium: 'none',
        lithiumDoc: null,
        lithiumDocExpires: null,
        cells: null,
        batteries: null,
        fnsku: null,
        asin: null,
        binLocation: null,
        serialRequired: false,
        quantityEntryAllowed: false,
      },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['only a byte-order mark', '\uFEFF'],
    ['only blank lines and commas', '\n,,,\r\n\n'],
  ])('refuses %s as CATALOG_EMPTY', (_name, text) => {
    expect(parseCatalogCsv(text)).toEqual({ ok: false, error: { code: 'CATALOG_EMPTY', message: expect.any(String) } });
  });

  it('names a missing required column', () => {
    expect(parseCatalogCsv('sku,gtin,name_zh\nMUG-RED-350,036000291452,陶瓷马克杯\n')).toEqual({
      ok: false,
      error: { code: 'CATALOG_MISSING_COLUMNS', message: 'The catalogue file is missing the column: name_en.', missing: ['name_en'] },
    });
  });

  it('tells the seller when Excel saved the file with semicolons', () => {
    const result = parseCatalogCsv('sku;name_en;unit_weight_g\nMUG-RED-350;Ceramic mug;420\n');
    expect(result).toEqual({
      ok: false,
      error: { code: 'CATALOG_MISSING_COLUMNS', message: expect.stringContaining('semicolons'), missing: ['sku', 'name_en'] },
    });
  });

  it('accepts a header with no items', () => {
    expect(parsed(`${FULL_HEADER}\n`)).toEqual({ ok: true, items: [], rowErrors: [], rowCount: 0 });
  });
});

describe('parseCatalogCsv: quoting', () => {
  it.each([
    ['a comma inside quotes', '"Mug, red"', 'Mug, red'],
    ['doubled quotes inside quotes', '"12"" steel ruler"', '12" steel ruler'],
    ['a quote inside an unquoted field (kept as typed)', '12" steel ruler', '12" steel ruler'],
    ['a newline inside quotes', '"Mug\nred"', 'Mug\nred'],
    ['a CRLF inside quotes', '"Mug\r\nred"', 'Mug\r\nred'],
    ['a field that is only quotes around nothing', '""', ''],
    ['spaces before the opening quote', '  "Mug, red"', 'Mug, red'],
    ['Chinese text with a full-width comma, unquoted', '马克杯，红色', '马克杯，红色'],
  ])('reads %s', (_name, cell, expected) => {
    const result = parsed(`sku,name_zh,name_en\nMUG-RED-350,${cell},Mug\n`);
    expect(result.items[0]?.nameZh ?? '').toBe(expected);
  });

  it('counts the lines a quoted newline takes when it names a later bad line', () => {
    const text = 'sku,name_en,unit_weight_g\nMUG-1,"Mug\nwith a two-line name",420\nMUG-2,Mug,heavy\n';
    const result = parsed(text);
    expect(result.rowErrors.map((e) => e.line)).toEqual([4]);
    expect(result.rowCount).toBe(2);
  });

  it('refuses the whole file when a quote is never closed, naming the line it opened on', () => {
    const text = 'sku,name_en\nMUG-1,Mug\nMUG-2,"Mug, red\nMUG-3,Plate\nMUG-4,Bowl\n';
    expect(parseCatalogCsv(text)).toEqual({
      ok: false,
      error: { code: 'CATALOG_UNTERMINATED_QUOTE', message: expect.stringContaining('line 3'), line: 3 },
    });
  });
});

describe('parseCatalogCsv: values', () => {
  it.each([
    ['a UPC-A', '036000291452', '00036000291452'],
    ['the same product as EAN-13', '0036000291452', '00036000291452'],
    ['an EAN-8', '96385074', '00000096385074'],
    ['a GTIN-14 case code', '10036000291459', '10036000291459'],
    ['a GTIN with spaces around it', ' 4006381333931 ', '04006381333931'],
  ])('stores %s as GTIN-14', (_name, gtin, expected) => {
    expect(parsed(oneRow({ gtin })).items[0]?.gtin14).toBe(expected);
  });

  it.each([
    ['a wrong check digit', '036000291453', 'check digit is wrong'],
    ['a UPC-A whose leading zero a spreadsheet dropped', '36000291452', 'leading zeros'],
    ['a GTIN a spreadsheet turned into a number', '3.60003E+11', 'format the column as text'],
    ['an FNSKU in the gtin column', 'X001ABCDEF', 'not a valid GTIN'],
  ])('refuses %s', (_name, gtin, hint) => {
    const result = parsed(oneRow({ gtin }));
    expect(result.items).toEqual([]);
    expect(result.rowErrors).toEqual([
      { line: 2, code: 'ROW_BAD_GTIN', column: 'gtin', message: expect.stringContaining(hint) },
    ]);
  });

  it.each<[string, Record<string, string>, Partial<ImportedCatalogItem>]>([
    ['a weight of 0 g (a digital item or a placeholder)', { unit_weight_g: '0' }, { unitWeightG: 0 }],
    ['all three sides', { length_mm: '300', width_mm: '200', height_mm: '150' }, { dimensions: { lengthMm: 300, widthMm: 200, heightMm: 150 } }],
    ['a value of 0', { value_minor: '0' }, { valueMinor: 0 }],
    ['a currency in lower case', { currency: 'cny' }, { currency: 'CNY' }],
    ['no currency (USD by default)', { currency: '' }, { currency: 'USD' }],
    ['an origin country in lower case', { origin_country: 'cn' }, { originCountry: 'CN' }],
    ['a lithium kind in capitals', { lithium: 'ION-IN-EQUIPMENT' }, { lithium: 'ion-in-equipment' }],
    ['lithium metal packed with equipment', { lithium: 'metal-with-equipment', lithium_doc: 'UN38.3 CR2032.pdf' }, { lithium: 'metal-with-equipment', lithiumDoc: 'UN38.3 CR2032.pdf' }],
    ['an empty lithium cell (none by default)', { lithium: '' }, { lithium: 'none' }],
    ['a hazmat class', { hazmat_class: '3' }, { hazmatClass: '3' }],
    ['an HS code kept as text', { hs_code: '8517.62.00' }, { hsCode: '8517.62.00' }],
  ])('reads %s', (_name, columns, expected) => {
    expect(parsed(oneRow(columns)).items[0]).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['a negative weight', { unit_weight_g: '-5' }, 'ROW_BAD_NUMBER', 'unit_weight_g'],
    ['a weight with decimals', { unit_weight_g: '12.5' }, 'ROW_BAD_NUMBER', 'unit_weight_g'],
    ['a weight with a thousands separator', { unit_weight_g: '"1,200"' }, 'ROW_BAD_NUMBER', 'unit_weight_g'],
    ['a weight with its unit', { unit_weight_g: '420g' }, 'ROW_BAD_NUMBER', 'unit_weight_g'],
    ['a side of 0 mm', { length_mm: '0', width_mm: '200', height_mm: '150' }, 'ROW_BAD_NUMBER', 'length_mm'],
    ['a height of 1.5 mm', { length_mm: '300', width_mm: '200', height_mm: '1.5' }, 'ROW_BAD_NUMBER', 'height_mm'],
    ['two sides without the third', { length_mm: '300', width_mm: '200', height_mm: '' }, 'ROW_INCOMPLETE_DIMENSIONS', 'height_mm'],
    ['one side alone', { length_mm: '', width_mm: '', height_mm: '150' }, 'ROW_INCOMPLETE_DIMENSIONS', 'length_mm'],
    ['a price in major units', { value_minor: '12.99' }, 'ROW_BAD_NUMBER', 'value_minor'],
    ['a currency symbol', { currency: '$' }, 'ROW_BAD_CURRENCY', 'currency'],
    ['RMB, which is not an ISO currency code', { currency: 'RMB' }, 'ROW_BAD_CURRENCY', 'currency'],
    ['a 3-letter country code', { origin_country: 'CHN' }, 'ROW_BAD_COUNTRY', 'origin_country'],
    ['a lithium answer of yes', { lithium: 'yes' }, 'ROW_BAD_LITHIUM', 'lithium'],
    ['no English name', { name_en: ' ' }, 'ROW_MISSING_VALUE', 'name_en'],
  ])('refuses %s', (_name, columns, code, column) => {
    const names = ['sku', 'name_en', ...Object.keys(columns).filter((c) => c !== 'name_en')];
    const values = names.map((c) => columns[c] ?? (c === 'sku' ? 'MUG-RED-350' : 'Ceramic mug'));
    const result = parsed(`${names.join(',')}\n${values.join(',')}\n`);
    expect(result.items).toEqual([]);
    expect(result.rowErrors).toEqual([{ line: 2, code, column, message: expect.stringContaining('not imported') }]);
  });

  it('explains that RMB should be written CNY', () => {
    expect(parsed(oneRow({ currency: 'RMB' })).rowErrors[0]?.message).toContain('CNY');
  });

  it('refuses a row with no SKU', () => {
    const result = parsed('sku,name_en\n,Ceramic mug\n');
    expect(result.rowErrors).toEqual([{ line: 2, code: 'ROW_MISSING_VALUE', column: 'sku', message: expect.any(String) }]);
  });
});

describe('parseCatalogCsv: rows together', () => {
  it('imports the good rows around a bad one', () => {
    const text = `${FULL_HEADER}\n${MUG_LINE}\nPLATE-W,012345678901,Plate,,,,,,,,,,,,\n${POWER_BANK_LINE}\n`;
    const result = parsed(text);
    expect(result.items.map((i) => i.sku)).toEqual(['MUG-RED-350', 'PB-10000']);
    expect(result.rowErrors.map((e) => [e.line, e.code])).toEqual([[3, 'ROW_BAD_GTIN']]);
    expect(result.rowCount).toBe(3);
  });

  it('reports every problem on a bad line', () => {
    const result = parsed('sku,name_en,unit_weight_g,lithium\nPB-1,,heavy,yes\n');
    expect(result.rowErrors.map((e) => e.column)).toEqual(['name_en', 'unit_weight_g', 'lithium']);
  });

  it('imports neither line when one SKU appears twice with different data', () => {
    const text = `${FULL_HEADER}\n${MUG_LINE}\n${POWER_BANK_LINE}\n${MUG_LINE.replace(',420,', ',380,')}\n`;
    const result = parsed(text);
    expect(result.items.map((i) => i.sku)).toEqual(['PB-10000']);
    expect(result.rowErrors).toEqual([
      { line: 4, code: 'ROW_DUPLICATE_SKU', column: 'sku', message: expect.stringContaining('lines 2, 4') },
    ]);
  });

  it('keeps a repeated line once when only a column it does not import differs', () => {
    const result = parsed('sku,name_en,unit_weight_g,notes\nMUG-1,Mug,420,first order\nMUG-1,Mug,420,reorder\n');
    expect(result.items.map((i) => i.sku)).toEqual(['MUG-1']);
    expect(result.rowErrors).toEqual([]);
  });

  it('keeps an exact repeat of a line once', () => {
    const result = parsed(`${FULL_HEADER}\n${MUG_LINE}\n${MUG_LINE}\n`);
    expect(result.items).toEqual([MUG]);
    expect(result.rowErrors).toEqual([]);
    expect(result.rowCount).toBe(2);
  });
});

describe('parseCatalogCsv: bench columns', () => {
  it('reads FNSKU, ASIN, bin, serial and quantity-entry flags', () => {
    const text = 'sku,name_en,fnsku,asin,bin_location,serial_required,quantity_entry\nW-1,Watch,x00abc1234,B0ABCDEFGH,A-01-2,true,no\n';
    expect(parsed(text).items[0]).toMatchObject({ fnsku: 'X00ABC1234', asin: 'B0ABCDEFGH', binLocation: 'A-01-2', serialRequired: true, quantityEntryAllowed: false });
  });

  it.each([
    ['fnsku', 'X0012', 'ROW_BAD_FNSKU'],
    ['asin', 'B0SHORT', 'ROW_BAD_ASIN'],
    ['serial_required', 'maybe', 'ROW_BAD_FLAG'],
  ])('refuses a bad %s (%s)', (column, value, code) => {
    const result = parseCatalogCsv(`sku,name_en,${column}\nW-1,Watch,${value}\n`);
    expect(result.ok && result.rowErrors.map((error) => error.code)).toEqual([code]);
  });
});

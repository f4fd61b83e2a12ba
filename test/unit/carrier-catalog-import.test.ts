import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_ERROR_CODES,
  CATALOG_WARNING_CODES,
  catalogDocumentSchema,
  catalogServiceSchema,
  parseCarrierCatalogCsv,
  parseCarrierCatalogJson,
  serializeCarrierCatalogJson,
} from '../../shared/import/carrier-catalog';
import type { CatalogErrorCode, CatalogParse, CatalogWarningCode, ImportProblem } from '../../shared/import/carrier-catalog';
import type { CatalogService } from '../../shared/domain/carrier-catalog';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const CARRIERS_JSON = fixture('carriers.json');
const SERVICES_CSV = fixture('carrier-services.csv');
const RATES_CSV = fixture('carrier-rates.csv');

function imported(result: CatalogParse): CatalogService[] {
  if (!result.ok) throw new Error(`expected the catalogue to import, got:\n${result.errors.map((e) => `${e.code}: ${e.message}`).join('\n')}`);
  return result.services;
}

function refused(result: CatalogParse): ImportProblem[] {
  if (result.ok) throw new Error(`expected the catalogue to be refused, but it imported ${result.services.length} services`);
  return result.errors;
}

/** A problem with these fields; `data` need only hold the entries given. */
function problemLike({ data, ...fields }: Partial<ImportProblem>): unknown {
  return expect.objectContaining(data === undefined ? fields : { ...fields, data: expect.objectContaining(data) });
}

// ---------------------------------------------------------------------------------------------
// A small catalogue to vary: one China Post service, two zones, two breaks each.

type Json = Record<string, unknown>;

const RATE_ROWS = [
  { zone: 'Z1', upToG: 100, priceMinor: 3100 },
  { zone: 'Z1', upToG: 2000, priceMinor: 22100 },
  { zone: 'Z2', upToG: 100, priceMinor: 2600 },
  { zone: 'Z2', upToG: 2000, priceMinor: 16300 },
];

const SMALL_SERVICE: Json = {
  id: 'CNPOST-REG-SP',
  carrierId: 'CHINA-POST',
  carrierName: 'China Post',
  marketplaceCarrierCode: 'China Post',
  shipMethod: 'Registered Small Packet',
  nameEn: 'China Post Registered Small Packet',
  nameZh: '中国邮政挂号小包',
  trackingFormat: 'upu-s10',
  network: 'postal',
  limits: { maxWeightG: 2000 },
  zones: { US: 'Z1', GB: 'Z2' },
  transit: { Z1: { minDays: 12, maxDays: 22 }, Z2: { minDays: 10, maxDays: 20 } },
  rateCard: { currency: 'CNY', rows: RATE_ROWS },
  cutoff: '17:00',
};

/** SMALL_SERVICE as imported: everything it leaves out takes its default. */
const SMALL_PARSED: CatalogService = {
  id: 'CNPOST-REG-SP',
  carrierId: 'CHINA-POST',
  carrierName: 'China Post',
  marketplaceCarrierCode: 'China Post',
  shipMethod: 'Registered Small Packet',
  nameEn: 'China Post Registered Small Packet',
  nameZh: '中国邮政挂号小包',
  trackingFormat: 'upu-s10',
  trackingSource: 'range',
  network: 'postal',
  speed: 'standard',
  limits: { maxWeightG: 2000 },
  volumetricRule: null,
  acceptsLithium: [],
  acceptsDangerousGoods: false,
  zones: { US: 'Z1', GB: 'Z2' },
  transit: { Z1: { minDays: 12, maxDays: 22 }, Z2: { minDays: 10, maxDays: 20 } },
  rateCard: { currency: 'CNY', rows: RATE_ROWS },
  surcharges: [],
  fuelSurchargePercent: 0,
  cutoff: '17:00',
  pickupDays: [1, 2, 3, 4, 5],
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  voidedNumbersReusable: false,
  active: true,
};

const service = (patch: Json = {}): Json => ({ ...SMALL_SERVICE, ...patch });
const rates = (rows: Json[], more: Json = {}): Json => ({ rateCard: { currency: 'CNY', rows, ...more } });
const catalogJson = (...services: Json[]): string => JSON.stringify({ format: 'packbench-carriers', version: 1, services }, null, 2);
const jsonWith = (patch: Json): CatalogParse => parseCarrierCatalogJson(catalogJson(service(patch)));

const SMALL_ROW: Record<string, string> = {
  id: 'CNPOST-REG-SP',
  carrier_id: 'CHINA-POST',
  carrier_name: 'China Post',
  marketplace_carrier_code: 'China Post',
  ship_method: 'Registered Small Packet',
  name_en: 'China Post Registered Small Packet',
  name_zh: '中国邮政挂号小包',
  tracking_format: 'upu-s10',
  network: 'postal',
  max_weight_g: '2000',
  zones: 'US:Z1;GB:Z2',
  transit: 'Z1:12-22;Z2:10-20',
  currency: 'CNY',
  cutoff: '17:00',
};

const csvCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A services file with a column for every key any row has; the header is line 1, rows follow. */
function servicesCsv(...rows: Record<string, string>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))].join('\n')}\n`;
}

const row = (patch: Record<string, string> = {}): Record<string, string> => ({ ...SMALL_ROW, ...patch });

const RATE_LINES = ['CNPOST-REG-SP,Z1,100,3100,', 'CNPOST-REG-SP,Z1,2000,22100,', 'CNPOST-REG-SP,Z2,100,2600,', 'CNPOST-REG-SP,Z2,2000,16300,'];
const ratesCsv = (lines: string[] = RATE_LINES): string => `${['service_id,zone,up_to_g,price_minor,per_extra_kg_minor', ...lines].join('\n')}\n`;
const csvWith = (patch: Record<string, string>): CatalogParse => parseCarrierCatalogCsv(servicesCsv(row(patch)), ratesCsv());
const csvRates = (lines: string[]): CatalogParse => parseCarrierCatalogCsv(servicesCsv(row()), ratesCsv(lines));

// ---------------------------------------------------------------------------------------------

describe('the example catalogue a seller starts from', () => {
  it('imports from JSON with three services and nothing to warn about', () => {
    const result = parseCarrierCatalogJson(CARRIERS_JSON);
    expect(result.warnings).toEqual([]);
    expect(imported(result).map((s) => s.id)).toEqual(['CNPOST-REG-SP', 'DHL-EXP-WW', 'FEDEX-IP']);
  });

  it('imports from the two CSV files as the very same services as from JSON', () => {
    const fromCsv = parseCarrierCatalogCsv(SERVICES_CSV, RATES_CSV);
    expect(fromCsv.warnings).toEqual([]);
    expect(imported(fromCsv)).toEqual(imported(parseCarrierCatalogJson(CARRIERS_JSON)));
  });

  it('prices China Post by country zone up to its 2 kg limit, with speed and tracking source from the defaults', () => {
    const [chinaPost] = imported(parseCarrierCatalogCsv(SERVICES_CSV, RATES_CSV));
    expect(chinaPost).toMatchObject({
      network: 'postal',
      speed: 'standard',
      trackingSource: 'range',
      trackingFormat: 'upu-s10',
      limits: { maxWeightG: 2000, minFaceMm: [140, 90], toleranceMm: 2, roll: { maxLengthMm: 900 } },
      zones: { US: 'Z4', GB: 'Z3', '*': 'Z9' },
      transit: { Z4: { minDays: 12, maxDays: 22 } },
      pickupDays: [1, 2, 3, 4, 5, 6],
    });
    expect(chinaPost?.rateCard.rows.filter((r) => r.zone === 'Z4').map((r) => r.upToG)).toEqual([100, 250, 500, 1000, 1500, 2000]);
  });

  it('gives DHL a price per extra kilogram past 10 kg and an overweight surcharge from 70 kg', () => {
    const dhl = imported(parseCarrierCatalogCsv(SERVICES_CSV, RATES_CSV))[1];
    expect(dhl?.rateCard.perExtraKgMinor).toEqual({ Z2: 7600, Z3: 9200, Z5: 12500, Z6: 13800, Z7: 16500 });
    expect(dhl?.surcharges).toEqual([
      { code: 'OVERWEIGHT', kind: 'per-package', amountMinor: 50000, fromBillableG: 70000 },
      { code: 'DEMAND', kind: 'per-kg', amountMinor: 600, zones: ['Z6', 'Z7'] },
    ]);
    expect(dhl).toMatchObject({ fuelSurchargePercent: 26.5, cutoff: '17:00', speed: 'priority' });
  });

  it('imports the JSON file saved with a byte-order mark too', () => {
    expect(imported(parseCarrierCatalogJson(`\uFEFF${CARRIERS_JSON}`))).toEqual(imported(parseCarrierCatalogJson(CARRIERS_JSON)));
  });

  it('is exactly what settings would export for those services', () => {
    expect(serializeCarrierCatalogJson(imported(parseCarrierCatalogJson(CARRIERS_JSON)))).toBe(CARRIERS_JSON);
  });

  it('passes the exported schemas the station reuses for settings and IPC', () => {
    const document: unknown = JSON.parse(CARRIERS_JSON);
    expect(catalogDocumentSchema.safeParse(document).success).toBe(true);
    const [first] = imported(parseCarrierCatalogJson(CARRIERS_JSON));
    expect(catalogServiceSchema.parse(first)).toEqual(first);
  });
});

describe('exporting and importing again', () => {
  const dhlLike = { ...SMALL_PARSED, id: 'DHL-EXP-WW', network: 'express' as const, speed: 'priority' as const };
  it.each<[string, CatalogService[]]>([
    ['the example catalogue', imported(parseCarrierCatalogJson(CARRIERS_JSON))],
    ['a service with only defaults', [SMALL_PARSED]],
    [
      'limits that change on a date',
      [
        {
          ...SMALL_PARSED,
          limits: [
            { effectiveFrom: '2000-01-01', limits: { maxWeightG: 2000, maxLengthMm: 600 } },
            { effectiveFrom: '2026-07-12', limits: { maxWeightG: 1800, maxLengthMm: 600 } },
          ],
        },
      ],
    ],
    [
      'an imperial volumetric rule with a minimum volume, a surcharge for two zones and extra-kg prices',
      [
        {
          ...dhlLike,
          volumetricRule: { divisor: 166, unitSystem: 'imperial', dimensionRounding: 'half-up-inch', resultRounding: 'up-whole', minVolumeForDim: 1728 },
          surcharges: [{ code: 'REMOTE-AREA', kind: 'per-kg', amountMinor: 470, fromBillableG: 500, zones: ['Z1', 'Z2'] }],
          rateCard: { currency: 'CNY', rows: RATE_ROWS, perExtraKgMinor: { Z1: 9000, Z2: 8000 } },
        },
      ],
    ],
    ['names with quotes, commas and Chinese', [{ ...SMALL_PARSED, nameEn: 'China Post "R" packet, tracked', nameZh: '中国邮政挂号小包，含挂号费' }]],
  ])('gives back %s unchanged', (_name, services) => {
    expect(imported(parseCarrierCatalogJson(serializeCarrierCatalogJson(services)))).toEqual(services);
  });

  it('writes one rate row per line, so a seller can read the price list', () => {
    expect(serializeCarrierCatalogJson([SMALL_PARSED])).toContain('\n          { "zone": "Z1", "upToG": 100, "priceMinor": 3100 },\n');
  });
});

describe('defaults for what a seller leaves out', () => {
  it('fills in defaults in JSON and in CSV alike', () => {
    expect(imported(parseCarrierCatalogJson(catalogJson(SMALL_SERVICE)))).toEqual([SMALL_PARSED]);
    expect(imported(parseCarrierCatalogCsv(servicesCsv(SMALL_ROW), ratesCsv()))).toEqual([SMALL_PARSED]);
  });

  it.each([
    ['postal', 'standard'],
    ['express', 'priority'],
  ])('a %s service without a speed is %s', (network, speed) => {
    expect(imported(jsonWith({ network }))[0]?.speed).toBe(speed);
    expect(imported(csvWith({ network }))[0]?.speed).toBe(speed);
  });

  it("keeps the seller's own speed over the network's default", () => {
    expect(imported(jsonWith({ network: 'postal', speed: 'economy' }))[0]?.speed).toBe('economy');
  });

  it('gives two services their own weekday lists, so changing one cannot change the other', () => {
    const [a, b] = imported(parseCarrierCatalogJson(catalogJson(service(), service({ id: 'CNPOST-REG-PP' }))));
    expect(a?.pickupDays).not.toBe(b?.pickupDays);
  });
});

describe('reading CSV as spreadsheets save it', () => {
  const services = servicesCsv(SMALL_ROW);
  const rateText = ratesCsv();
  it.each([
    ['a UTF-8 byte-order mark (Excel’s "CSV UTF-8")', `\uFEFF${services}`, `\uFEFF${rateText}`],
    ['CRLF line endings', services.replaceAll('\n', '\r\n'), rateText.replaceAll('\n', '\r\n')],
    ['old Mac CR-only line endings', services.replaceAll('\n', '\r'), rateText.replaceAll('\n', '\r')],
    ['no newline at the end', services.trimEnd(), rateText.trimEnd()],
    ['blank lines and empty rows of commas', `\n${services.replace('\n', '\n,,,,\n\n')}\n`, rateText.replace('\n', '\n\n,,,\n')],
    ['header names in capitals with spaces around them', services.replace(/^[^\n]+/, (h) => h.split(',').map((c) => ` ${c.toUpperCase()} `).join(',')), rateText.replace('service_id', 'Service_ID')],
    ['the columns in another order', servicesCsv(Object.fromEntries(Object.entries(SMALL_ROW).reverse())), 'price_minor,up_to_g,zone,service_id\n3100,100,Z1,CNPOST-REG-SP\n22100,2000,Z1,CNPOST-REG-SP\n2600,100,Z2,CNPOST-REG-SP\n16300,2000,Z2,CNPOST-REG-SP\n'],
  ])('reads the same service from a file with %s', (_name, servicesText, ratesText) => {
    expect(imported(parseCarrierCatalogCsv(servicesText, ratesText))).toEqual([SMALL_PARSED]);
  });

  it('reads quoted fields holding commas, quotes and Chinese text', () => {
    const text = servicesCsv(row({ name_en: 'China Post "R" packet, tracked', name_zh: '中国邮政挂号小包，含挂号费, 2 kg 以内' }));
    expect(text).toContain('"China Post ""R"" packet, tracked"');
    expect(imported(parseCarrierCatalogCsv(text, ratesCsv()))[0]).toMatchObject({
      nameEn: 'China Post "R" packet, tracked',
      nameZh: '中国邮政挂号小包，含挂号费, 2 kg 以内',
    });
  });

  it('ignores a column it does not know and says so', () => {
    const result = parseCarrierCatalogCsv(servicesCsv(row({ notes: 'ask the depot about Saturday pickups' })), ratesCsv());
    expect(imported(result)).toEqual([SMALL_PARSED]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'CATALOG_UNKNOWN_COLUMN', file: 'services', line: 1, path: 'notes' })]);
  });

  it('reads every compound cell: weekday ranges and lists, flags, lithium, minimum face and surcharges', () => {
    const result = csvWith({
      pickup_days: '1-3;6',
      working_days: '1;2;3;4;5;6',
      accepts_dangerous_goods: 'YES',
      active: '0',
      accepts_lithium: 'ion-in-equipment; metal-in-equipment',
      min_face_mm: '140 × 90',
      surcharges: 'OVERWEIGHT:per-package:50000:1500;PEAK:per-kg:300::Z1',
      holidays: '2026-10-01;2026-10-02;',
    });
    expect(imported(result)[0]).toMatchObject({
      pickupDays: [1, 2, 3, 6],
      workingDays: [1, 2, 3, 4, 5, 6],
      acceptsDangerousGoods: true,
      active: false,
      acceptsLithium: ['ion-in-equipment', 'metal-in-equipment'],
      limits: { maxWeightG: 2000, minFaceMm: [140, 90] },
      surcharges: [
        { code: 'OVERWEIGHT', kind: 'per-package', amountMinor: 50000, fromBillableG: 1500 },
        { code: 'PEAK', kind: 'per-kg', amountMinor: 300, zones: ['Z1'] },
      ],
      holidays: ['2026-10-01', '2026-10-02'],
    });
  });

  it('takes the price per extra kilogram from the last row of a zone', () => {
    const result = csvRates([...RATE_LINES.slice(0, 3), 'CNPOST-REG-SP,Z2,2000,16300,7900']);
    expect(imported(result)[0]?.rateCard).toEqual({ currency: 'CNY', rows: RATE_ROWS, perExtraKgMinor: { Z2: 7900 } });
  });

  it('reads limits that change on a date from a repeated row, as JSON reads a dated list', () => {
    const dated = [
      { effectiveFrom: '2000-01-01', limits: { maxWeightG: 2000 } },
      { effectiveFrom: '2026-07-12', limits: { maxWeightG: 1800, maxLengthMm: 600 } },
    ];
    const fromCsv = parseCarrierCatalogCsv(
      servicesCsv(row({ limits_from: '2000-01-01' }), { id: 'CNPOST-REG-SP', limits_from: '2026-07-12', max_weight_g: '1800', max_length_mm: '600' }),
      ratesCsv(),
    );
    expect(imported(fromCsv)).toEqual([{ ...SMALL_PARSED, limits: dated }]);
    expect(imported(jsonWith({ limits: dated }))).toEqual([{ ...SMALL_PARSED, limits: dated }]);
  });

  it('accepts a repeated row for dated limits that copies the first row’s other cells unchanged', () => {
    const result = parseCarrierCatalogCsv(servicesCsv(row({ limits_from: '2000-01-01' }), row({ limits_from: '2026-07-12', max_weight_g: '1800' })), ratesCsv());
    expect(imported(result)[0]?.limits).toEqual([
      { effectiveFrom: '2000-01-01', limits: { maxWeightG: 2000 } },
      { effectiveFrom: '2026-07-12', limits: { maxWeightG: 1800 } },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

type ErrorCase = { name: string; result: () => CatalogParse; expected: Partial<ImportProblem> & { code: CatalogErrorCode } };

const jsonCase = (name: string, code: CatalogErrorCode, path: string, patch: Json): ErrorCase => ({
  name,
  result: () => jsonWith(patch),
  expected: { code, file: 'json', path },
});

const csvCase = (name: string, code: CatalogErrorCode, column: string, patch: Record<string, string>): ErrorCase => ({
  name,
  result: () => csvWith(patch),
  expected: { code, file: 'services', line: 2, path: column },
});

const ratesCase = (name: string, code: CatalogErrorCode, line: number, column: string, lines: string[]): ErrorCase => ({
  name,
  result: () => csvRates(lines),
  expected: { code, file: 'rates', line, path: column },
});

const datedTwice = [
  { effectiveFrom: '2026-07-12', limits: { maxWeightG: 2000 } },
  { effectiveFrom: '2026-07-12', limits: { maxWeightG: 1800 } },
];

const ERROR_CASES: ErrorCase[] = [
  // The file as a whole.
  { name: 'an empty JSON file', result: () => parseCarrierCatalogJson(' \n'), expected: { code: 'CATALOG_EMPTY', file: 'json' } },
  { name: 'an empty services file', result: () => parseCarrierCatalogCsv('', ratesCsv()), expected: { code: 'CATALOG_EMPTY', file: 'services' } },
  { name: 'a rates file of only a BOM and blank lines', result: () => parseCarrierCatalogCsv(servicesCsv(SMALL_ROW), '\uFEFF\n\n'), expected: { code: 'CATALOG_EMPTY', file: 'rates' } },
  {
    name: 'JSON with a trailing comma',
    result: () => parseCarrierCatalogJson('{\n  "format": "packbench-carriers",\n  "version": 1,\n}'),
    expected: { code: 'CATALOG_BAD_JSON', file: 'json', line: 4 },
  },
  { name: 'a JSON list instead of a catalogue', result: () => parseCarrierCatalogJson('[]'), expected: { code: 'CATALOG_BAD_FORMAT', path: 'format' } },
  {
    name: 'JSON of another format',
    result: () => parseCarrierCatalogJson('{"format": "packbench-boxes", "version": 1, "services": []}'),
    expected: { code: 'CATALOG_BAD_FORMAT', data: { format: 'packbench-boxes' } },
  },
  {
    name: 'a catalogue from a newer version',
    result: () => parseCarrierCatalogJson('{"format": "packbench-carriers", "version": 2, "services": []}'),
    expected: { code: 'CATALOG_UNSUPPORTED_VERSION', path: 'version', data: { version: 2 } },
  },
  { name: 'a JSON catalogue with no services', result: () => parseCarrierCatalogJson(catalogJson()), expected: { code: 'CATALOG_NO_SERVICES', path: 'services' } },
  {
    name: 'a services file with only its header',
    result: () => parseCarrierCatalogCsv(servicesCsv(SMALL_ROW).split('\n')[0] ?? '', ratesCsv()),
    expected: { code: 'CATALOG_NO_SERVICES', file: 'services', line: 1 },
  },
  {
    name: 'a quote opened on line 2 and never closed',
    result: () => parseCarrierCatalogCsv(servicesCsv(row({ name_en: 'X' })).replace(',X,', ',"China Post,'), ratesCsv()),
    expected: { code: 'CATALOG_UNTERMINATED_QUOTE', file: 'services', line: 2 },
  },
  {
    name: 'a services file without a cutoff column',
    result: () => parseCarrierCatalogCsv(servicesCsv(Object.fromEntries(Object.entries(SMALL_ROW).filter(([k]) => k !== 'cutoff'))), ratesCsv()),
    expected: { code: 'CATALOG_MISSING_COLUMNS', file: 'services', data: { columns: 'cutoff' } },
  },
  {
    name: 'a rates file without price_minor',
    result: () => parseCarrierCatalogCsv(servicesCsv(SMALL_ROW), 'service_id,zone,up_to_g\nCNPOST-REG-SP,Z1,100\n'),
    expected: { code: 'CATALOG_MISSING_COLUMNS', file: 'rates', data: { columns: 'price_minor' } },
  },

  // Fields.
  jsonCase('a misspelt limit (maxWeightKg)', 'CATALOG_UNKNOWN_FIELD', 'services[0].limits.maxWeightKg', { limits: { maxWeightKg: 2 } }),
  jsonCase('a service without a cutoff', 'CATALOG_MISSING_VALUE', 'services[0].cutoff', { cutoff: undefined }),
  csvCase('an empty currency cell', 'CATALOG_MISSING_VALUE', 'currency', { currency: '' }),
  {
    name: 'a rate row without a service id',
    result: () => csvRates([...RATE_LINES, ',Z1,3000,30000,']),
    expected: { code: 'CATALOG_MISSING_VALUE', file: 'rates', line: 6, path: 'service_id' },
  },
  jsonCase('an unknown network', 'CATALOG_BAD_VALUE', 'services[0].network', { network: 'air' }),
  csvCase('active as "maybe"', 'CATALOG_BAD_VALUE', 'active', { active: 'maybe' }),
  jsonCase('a price in fractions of a fen', 'CATALOG_BAD_NUMBER', 'services[0].rateCard.rows[0].priceMinor', rates([{ ...RATE_ROWS[0], priceMinor: 31.5 }, ...RATE_ROWS.slice(1)])),
  csvCase('a weight written "2 kg"', 'CATALOG_BAD_NUMBER', 'max_weight_g', { max_weight_g: '2 kg' }),
  csvCase('a negative limit', 'CATALOG_BAD_NUMBER', 'max_weight_g', { max_weight_g: '-2000' }),
  csvCase('a fuel surcharge of 185 %', 'CATALOG_BAD_NUMBER', 'fuel_surcharge_percent', { fuel_surcharge_percent: '185' }),
  ratesCase('a zero-gram break', 'CATALOG_BAD_NUMBER', 2, 'up_to_g', ['CNPOST-REG-SP,Z1,0,3100,', ...RATE_LINES.slice(1)]),
  jsonCase('a service id with a space and small letters', 'CATALOG_BAD_SERVICE_ID', 'services[0].id', { id: 'china post' }),
  {
    name: 'two JSON services with one id',
    result: () => parseCarrierCatalogJson(catalogJson(service(), service())),
    expected: { code: 'CATALOG_DUPLICATE_SERVICE', path: 'services[1].id', data: { serviceId: 'CNPOST-REG-SP', firstIndex: 0 } },
  },
  {
    name: 'two CSV rows with one id and no limits_from',
    result: () => parseCarrierCatalogCsv(servicesCsv(row(), row({ cutoff: '16:00' })), ratesCsv()),
    expected: { code: 'CATALOG_DUPLICATE_SERVICE', file: 'services', line: 3, path: 'id', data: { serviceId: 'CNPOST-REG-SP', firstLine: 2 } },
  },
  jsonCase('tracking format "ups"', 'CATALOG_UNKNOWN_TRACKING_FORMAT', 'services[0].trackingFormat', { trackingFormat: 'ups' }),
  jsonCase('lithium written "lithium-ion"', 'CATALOG_UNKNOWN_LITHIUM', 'services[0].acceptsLithium[0]', { acceptsLithium: ['lithium-ion'] }),
  csvCase('a second lithium kind mistyped', 'CATALOG_UNKNOWN_LITHIUM', 'accepts_lithium', { accepts_lithium: 'ion-in-equipment;ion-in-equipmnt' }),
  jsonCase('cutoff 24:00', 'CATALOG_BAD_CUTOFF', 'services[0].cutoff', { cutoff: '24:00' }),
  jsonCase('cutoff 7:5', 'CATALOG_BAD_CUTOFF', 'services[0].cutoff', { cutoff: '7:5' }),
  jsonCase('cutoff 17:60', 'CATALOG_BAD_CUTOFF', 'services[0].cutoff', { cutoff: '17:60' }),
  csvCase('cutoff 5:00 PM', 'CATALOG_BAD_CUTOFF', 'cutoff', { cutoff: '5:00 PM' }),
  jsonCase('weekday 0', 'CATALOG_BAD_WEEKDAY', 'services[0].pickupDays[0]', { pickupDays: [0, 1, 2, 3, 4] }),
  jsonCase('weekday 8', 'CATALOG_BAD_WEEKDAY', 'services[0].workingDays[5]', { workingDays: [1, 2, 3, 4, 5, 8] }),
  jsonCase('no pickup day at all', 'CATALOG_BAD_WEEKDAY', 'services[0].pickupDays', { pickupDays: [] }),
  csvCase('pickup days 0-5', 'CATALOG_BAD_WEEKDAY', 'pickup_days', { pickup_days: '0-5' }),
  jsonCase('a weekday listed twice', 'CATALOG_DUPLICATE_WEEKDAY', 'services[0].pickupDays[2]', { pickupDays: [1, 2, 2] }),
  jsonCase('a holiday on 30 February', 'CATALOG_BAD_DATE', 'services[0].holidays[0]', { holidays: ['2026-02-30'] }),
  jsonCase('dated limits from month 13', 'CATALOG_BAD_DATE', 'services[0].limits[0].effectiveFrom', {
    limits: [{ effectiveFrom: '2026-13-01', limits: { maxWeightG: 2000 } }],
  }),
  csvCase('limits_from written 12/07/2026', 'CATALOG_BAD_DATE', 'limits_from', { limits_from: '12/07/2026' }),
  jsonCase('two sets of limits from one date', 'CATALOG_DUPLICATE_LIMITS_DATE', 'services[0].limits[1].effectiveFrom', { limits: datedTwice }),
  {
    name: 'two CSV limit rows from one date',
    result: () => parseCarrierCatalogCsv(servicesCsv(row({ limits_from: '2026-07-12' }), { id: 'CNPOST-REG-SP', limits_from: '2026-07-12', max_weight_g: '1800' }), ratesCsv()),
    expected: { code: 'CATALOG_DUPLICATE_LIMITS_DATE', file: 'services', line: 3, path: 'limits_from' },
  },
  {
    name: 'dated limit rows where the first has no limits_from',
    result: () => parseCarrierCatalogCsv(servicesCsv(row(), { id: 'CNPOST-REG-SP', limits_from: '2026-07-12', max_weight_g: '1800' }), ratesCsv()),
    expected: { code: 'CATALOG_MISSING_VALUE', file: 'services', line: 2, path: 'limits_from' },
  },
  jsonCase("country 'USA'", 'CATALOG_BAD_COUNTRY', 'services[0].zones.USA', { zones: { USA: 'Z1', GB: 'Z2' } }),
  csvCase("country 'UK'", 'CATALOG_BAD_COUNTRY', 'zones', { zones: 'US:Z1;UK:Z2' }),
  csvCase('a country mapped twice', 'CATALOG_DUPLICATE_COUNTRY', 'zones', { zones: 'US:Z1;GB:Z2;US:Z2' }),
  jsonCase('a zone name with a space', 'CATALOG_BAD_ZONE', 'services[0].zones.US', { zones: { US: 'Zone 1', GB: 'Z2' } }),
  jsonCase('a transit time for a zone name with a space', 'CATALOG_BAD_ZONE', 'services[0].transit["Zone 1"]', { transit: { 'Zone 1': { minDays: 1, maxDays: 2 } } }),
  csvCase('currency RMB', 'CATALOG_BAD_CURRENCY', 'currency', { currency: 'RMB' }),
  jsonCase('currency in small letters', 'CATALOG_BAD_CURRENCY', 'services[0].rateCard.currency', { rateCard: { currency: 'cny', rows: RATE_ROWS } }),
  jsonCase('transit 22 to 12 days', 'CATALOG_BAD_TRANSIT', 'services[0].transit.Z1', { transit: { Z1: { minDays: 22, maxDays: 12 } } }),
  jsonCase('half-inch rounding on a metric rule', 'CATALOG_BAD_VOLUMETRIC', 'services[0].volumetricRule.dimensionRounding', {
    volumetricRule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'half-up-inch', resultRounding: 'up-whole' },
  }),

  // Rates against zones.
  jsonCase('a zone that countries map to but has no rates', 'CATALOG_ZONE_WITHOUT_RATES', 'services[0].zones', { zones: { US: 'Z1', GB: 'Z2', CA: 'Z3' } }),
  {
    name: 'a rates file without the rows of zone Z2',
    result: () => csvRates(RATE_LINES.slice(0, 2)),
    expected: { code: 'CATALOG_ZONE_WITHOUT_RATES', file: 'services', line: 2, path: 'zones', data: { serviceId: 'CNPOST-REG-SP', zone: 'Z2', countries: 'GB' } },
  },
  {
    name: 'a rates file with only its header',
    result: () => csvRates([]),
    expected: { code: 'CATALOG_ZONE_WITHOUT_RATES', file: 'services', line: 2, data: { serviceId: 'CNPOST-REG-SP', zone: 'Z1', countries: 'US' } },
  },
  jsonCase('the same break twice', 'CATALOG_DUPLICATE_RATE_BREAK', 'services[0].rateCard.rows[2].upToG', rates([...RATE_ROWS.slice(0, 2), { zone: 'Z1', upToG: 2000, priceMinor: 22100 }, ...RATE_ROWS.slice(2)])),
  ratesCase('the same break twice in CSV', 'CATALOG_DUPLICATE_RATE_BREAK', 4, 'up_to_g', [...RATE_LINES.slice(0, 2), 'CNPOST-REG-SP,Z1,2000,22100,', ...RATE_LINES.slice(2)]),
  ratesCase('breaks from heavy to light', 'CATALOG_RATE_NOT_INCREASING', 3, 'up_to_g', [RATE_LINES[1] ?? '', RATE_LINES[0] ?? '', ...RATE_LINES.slice(2)]),
  jsonCase('a heavier break that costs less', 'CATALOG_RATE_PRICE_DROP', 'services[0].rateCard.rows[1].priceMinor', rates([RATE_ROWS[0] ?? {}, { zone: 'Z1', upToG: 2000, priceMinor: 2210 }, ...RATE_ROWS.slice(2)])),
  ratesCase('a heavier break that costs less in CSV', 'CATALOG_RATE_PRICE_DROP', 5, 'price_minor', [...RATE_LINES.slice(0, 3), 'CNPOST-REG-SP,Z2,2000,1630,']),
  jsonCase('an extra-kg price for a zone without breaks', 'CATALOG_EXTRA_KG_WITHOUT_RATES', 'services[0].rateCard.perExtraKgMinor.Z7', rates(RATE_ROWS, { perExtraKgMinor: { Z7: 9000 } })),
  ratesCase('an extra-kg price on the first break of a zone', 'CATALOG_EXTRA_KG_NOT_LAST', 2, 'per_extra_kg_minor', ['CNPOST-REG-SP,Z1,100,3100,9000', ...RATE_LINES.slice(1)]),
  ratesCase('rates for a service the services file does not have', 'CATALOG_RATES_FOR_UNKNOWN_SERVICE', 6, 'service_id', [...RATE_LINES, 'DHL-EXP-WW,Z6,500,33000,']),
  {
    name: 'a dated-limits row that changes the cutoff',
    result: () => parseCarrierCatalogCsv(servicesCsv(row({ limits_from: '2000-01-01' }), { id: 'CNPOST-REG-SP', limits_from: '2026-07-12', cutoff: '16:00' }), ratesCsv()),
    expected: { code: 'CATALOG_DATED_LIMITS_ROW', file: 'services', line: 3, path: 'cutoff', data: { serviceId: 'CNPOST-REG-SP', firstLine: 2, columns: 'cutoff' } },
  },

  // Compound CSV cells.
  csvCase('zones written US-Z1', 'CATALOG_BAD_ZONE_LIST', 'zones', { zones: 'US-Z1;GB:Z2' }),
  csvCase('transit written "7 to 12"', 'CATALOG_BAD_TRANSIT_LIST', 'transit', { transit: 'Z1:7 to 12' }),
  csvCase('a surcharge with only its code', 'CATALOG_BAD_SURCHARGE_LIST', 'surcharges', { surcharges: 'OVERWEIGHT' }),
  csvCase('pickup days Mon-Fri', 'CATALOG_BAD_WEEKDAY_LIST', 'pickup_days', { pickup_days: 'Mon-Fri' }),
  csvCase('a minimum face in centimetres', 'CATALOG_BAD_MIN_FACE', 'min_face_mm', { min_face_mm: '14cm x 9cm' }),
];

describe('refusing a catalogue, naming the file, line or path', () => {
  it.each(ERROR_CASES)('$name is $expected.code', ({ result, expected }) => {
    const errors = refused(result());
    expect(errors).toContainEqual(problemLike(expected));
    for (const error of errors) expect(CATALOG_ERROR_CODES).toContain(error.code);
  });

  it('has a case above for every error code, so the UI’s translations are all exercised', () => {
    const covered = new Set(ERROR_CASES.map((c) => c.expected.code));
    expect(CATALOG_ERROR_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('imports nothing when one row of the example price list is wrong', () => {
    const broken = RATES_CSV.replace('DHL-EXP-WW,Z6,1500,52000,', 'DHL-EXP-WW,Z6,1500,5200,');
    const result = parseCarrierCatalogCsv(SERVICES_CSV, broken);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'CATALOG_RATE_PRICE_DROP' })], warnings: [] });
    expect(result).not.toHaveProperty('services');
  });

  it('reports every problem of both files in one go, services file first, by line', () => {
    const result = parseCarrierCatalogCsv(
      servicesCsv(row({ cutoff: '24:00' }), row({ id: 'CNPOST-REG-PP', pickup_days: '1-8' })),
      ratesCsv([...RATE_LINES, ...RATE_LINES.map((l) => l.replace('REG-SP', 'REG-PP')), 'DHL-EXP-WW,Z6,500,33000,']),
    );
    expect(refused(result).map((e) => [e.code, e.file, e.line])).toEqual([
      ['CATALOG_BAD_CUTOFF', 'services', 2],
      ['CATALOG_BAD_WEEKDAY', 'services', 3],
      ['CATALOG_RATES_FOR_UNKNOWN_SERVICE', 'rates', 10],
    ]);
  });

  it('reports a cell it cannot read once, not again as a missing value', () => {
    expect(refused(csvWith({ zones: 'US Z1' })).map((e) => e.code)).toEqual(['CATALOG_BAD_ZONE_LIST']);
  });

  it('tells both files’ structural problems at once', () => {
    expect(refused(parseCarrierCatalogCsv('', '')).map((e) => [e.code, e.file])).toEqual([
      ['CATALOG_EMPTY', 'services'],
      ['CATALOG_EMPTY', 'rates'],
    ]);
  });
});

describe('messages a seller can act on', () => {
  it('names the zone, both breaks and both prices when a heavier break costs less', () => {
    const [jsonError] = refused(jsonWith(rates([RATE_ROWS[0] ?? {}, { zone: 'Z1', upToG: 2000, priceMinor: 2210 }, ...RATE_ROWS.slice(2)])));
    expect(jsonError).toEqual({
      code: 'CATALOG_RATE_PRICE_DROP',
      message:
        'Service CNPOST-REG-SP (services[0].rateCard.rows[1].priceMinor): in zone Z1 the break up to 2000 g costs 2210, less than the 3100 of the lighter break up to 100 g; a heavier parcel cannot cost less, so one of the two prices is mistyped.',
      file: 'json',
      path: 'services[0].rateCard.rows[1].priceMinor',
      data: { serviceId: 'CNPOST-REG-SP', zone: 'Z1', upToG: 2000, priceMinor: 2210, previousUpToG: 100, previousPriceMinor: 3100 },
    });
    const [csvError] = refused(csvRates([RATE_LINES[0] ?? '', 'CNPOST-REG-SP,Z1,2000,2210,', ...RATE_LINES.slice(2)]));
    expect(csvError?.message).toBe(
      'Line 3 of the rates file (price_minor): in zone Z1 the break up to 2000 g costs 2210, less than the 3100 of the lighter break up to 100 g; a heavier parcel cannot cost less, so one of the two prices is mistyped.',
    );
  });

  it.each([
    [{ cutoff: '24:00' }, "Line 2 of the services file (cutoff): '24:00' is not a time of day written HH:MM, from 00:00 to 23:59, like 17:00"],
    [{ currency: 'RMB' }, "Line 2 of the services file (currency): 'RMB' is not an ISO 4217 code; write CNY, the code for renminbi."],
    [{ zones: 'US:Z1;UK:Z2' }, "Line 2 of the services file (zones): 'UK' is not an ISO 3166 two-letter country code or '*' for every other country (the United Kingdom is GB)."],
    [{ zones: 'USA:Z1;GB:Z2' }, '(use the two-letter code, e.g. US rather than USA)'],
    [{ zones: 'us:Z1;GB:Z2' }, '(write it in capitals: US)'],
    [{ max_weight_g: '2 kg' }, "Line 2 of the services file (max_weight_g): '2 kg' is not a whole number above 0 (millimetres or grams)."],
    [{ tracking_format: 'ups' }, "Line 2 of the services file (tracking_format): 'ups' is not one of: upu-s10, dhl-express-10, fedex-express-12"],
  ])('explains %o', (patch, message) => {
    expect(refused(csvWith(patch))[0]?.message).toContain(message);
  });

  it('names the row where a duplicate service first appears and how to date limits instead', () => {
    const [error] = refused(parseCarrierCatalogCsv(servicesCsv(row(), row()), ratesCsv()));
    expect(error?.message).toBe(
      'Line 3 of the services file (id): service CNPOST-REG-SP is already on line 2; give each service its own id (for limits that change on a date, fill limits_from on both rows).',
    );
  });

  it('says a services file with only its header holds no services', () => {
    const [error] = refused(parseCarrierCatalogCsv(`${Object.keys(SMALL_ROW).join(',')}\n`, ratesCsv()));
    expect(error?.message).toBe('Line 1 of the services file: there are no services in it; a catalogue needs at least one.');
  });

  it('points at the line of a JSON syntax error', () => {
    const [error] = refused(parseCarrierCatalogJson(CARRIERS_JSON.replace('"version": 1,', '"version": 1')));
    expect(error).toMatchObject({ code: 'CATALOG_BAD_JSON', line: 4 });
    expect(error?.message).toContain('(line 4)');
  });

  it('uses codes in SCREAMING_SNAKE, each once, none both an error and a warning', () => {
    const all: string[] = [...CATALOG_ERROR_CODES, ...CATALOG_WARNING_CODES];
    for (const code of all) expect(code).toMatch(/^CATALOG_[A-Z0-9]+(_[A-Z0-9]+)*$/);
    expect(new Set(all).size).toBe(all.length);
  });
});

// ---------------------------------------------------------------------------------------------

type WarningCase = { name: string; result: () => CatalogParse; expected: Partial<ImportProblem> & { code: CatalogWarningCode } };

const WARNING_CASES: WarningCase[] = [
  {
    name: 'a column the importer does not know',
    result: () => parseCarrierCatalogCsv(servicesCsv(SMALL_ROW), 'service_id,zone,up_to_g,price_minor,price_usd\nCNPOST-REG-SP,Z1,100,3100,4.3\nCNPOST-REG-SP,Z1,2000,22100,30.7\nCNPOST-REG-SP,Z2,100,2600,3.6\nCNPOST-REG-SP,Z2,2000,16300,22.6\n'),
    expected: { code: 'CATALOG_UNKNOWN_COLUMN', file: 'rates', line: 1, path: 'price_usd' },
  },
  {
    name: 'rates for a zone no country maps to',
    result: () => jsonWith(rates([...RATE_ROWS, { zone: 'Z9', upToG: 2000, priceMinor: 31000 }])),
    expected: { code: 'CATALOG_UNUSED_ZONE', path: 'services[0].rateCard.rows[4].zone', data: { serviceId: 'CNPOST-REG-SP', zone: 'Z9', what: 'rates' } },
  },
  {
    name: 'CSV rates for a zone no country maps to',
    result: () => csvRates([...RATE_LINES, 'CNPOST-REG-SP,Z9,2000,31000,']),
    expected: { code: 'CATALOG_UNUSED_ZONE', file: 'rates', line: 6, path: 'zone' },
  },
  {
    name: 'a transit time for a zone no country maps to',
    result: () => jsonWith({ transit: { ...(SMALL_SERVICE.transit as Json), Z9: { minDays: 15, maxDays: 35 } } }),
    expected: { code: 'CATALOG_UNUSED_ZONE', path: 'services[0].transit.Z9', data: { serviceId: 'CNPOST-REG-SP', zone: 'Z9', what: 'transit' } },
  },
  {
    name: 'a surcharge for a zone no country maps to',
    result: () => csvWith({ surcharges: 'PEAK:per-kg:300::Z9' }),
    expected: { code: 'CATALOG_UNUSED_ZONE', file: 'services', line: 2, path: 'surcharges' },
  },
  {
    name: 'a served zone without a transit time',
    result: () => csvWith({ transit: 'Z1:12-22' }),
    expected: { code: 'CATALOG_ZONE_WITHOUT_TRANSIT', file: 'services', line: 2, path: 'transit', data: { serviceId: 'CNPOST-REG-SP', zone: 'Z2', countries: 'GB' } },
  },
  {
    name: 'a service that no country maps to',
    result: () => jsonWith({ zones: {} }),
    expected: { code: 'CATALOG_NO_DESTINATIONS', path: 'services[0].zones' },
  },
  {
    name: 'a service without any limit',
    result: () => csvWith({ max_weight_g: '' }),
    expected: { code: 'CATALOG_NO_LIMITS', file: 'services', line: 2 },
  },
];

describe('importing with warnings', () => {
  it.each(WARNING_CASES)('$name imports, with $expected.code', ({ result, expected }) => {
    const parsed = result();
    expect(imported(parsed)).toHaveLength(1);
    expect(parsed.warnings).toContainEqual(problemLike(expected));
    for (const warning of parsed.warnings) expect(CATALOG_WARNING_CODES).toContain(warning.code);
  });

  it('has a case above for every warning code', () => {
    const covered = new Set(WARNING_CASES.map((c) => c.expected.code));
    expect(CATALOG_WARNING_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('the exported schemas', () => {
  it('reject a price drop with the catalogue code, for a settings editor to show', () => {
    const result = catalogServiceSchema.safeParse(service(rates([RATE_ROWS[0] ?? {}, { zone: 'Z1', upToG: 2000, priceMinor: 10 }, ...RATE_ROWS.slice(2)])));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['rateCard', 'rows', 1, 'priceMinor'], params: expect.objectContaining({ catalogCode: 'CATALOG_RATE_PRICE_DROP' }) }),
    ]);
  });

  it('reject a duplicate service id in a document', () => {
    const result = catalogDocumentSchema.safeParse(JSON.parse(catalogJson(service(), service())));
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['services', 1, 'id'], params: expect.objectContaining({ catalogCode: 'CATALOG_DUPLICATE_SERVICE' }) })]);
  });
});

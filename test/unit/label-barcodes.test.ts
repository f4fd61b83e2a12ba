import { describe, expect, it } from 'vitest';
import { parseCarrierCatalogCsv, parseCarrierCatalogJson, serializeCarrierCatalogJson } from '../../shared/import/carrier-catalog';
import type { CatalogParse } from '../../shared/import/carrier-catalog';
import { offerOf } from '../../shared/domain/carrier-catalog';
import type { CatalogService } from '../../shared/domain/carrier-catalog';
import {
  PRINTER_DOTS_PER_MM,
  barcode2dSizeMm,
  barcodeHumanReadable,
  barcodeScannedValue,
  buildShippingLabel,
  chooseBarcode2dModuleMm,
  shippingLabel2dData,
  shippingLabelRoutingData,
} from '../../shared/label/label-model';
import type { LabelBarcode2dElement, LabelBarcodeElement, LabelModel, ShippingLabelInput } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';

const input: ShippingLabelInput = {
  shipFrom: { name: 'Shenzhen Bright Goods', lines: ['18 Keji South Road'], city: 'Shenzhen', state: null, postalCode: '518057', countryCode: 'CN' },
  shipTo: { name: 'Jane Doe', lines: ['1200 Market Street'], city: 'San Francisco', state: 'CA', postalCode: '94103-1234', countryCode: 'US', phone: null },
  carrierName: 'DHL Express',
  serviceName: 'Express Worldwide',
  trackingNumber: '4710000013',
  orderId: '113-1234567-1234567',
  weightG: 1234,
  createdAt: '2025-03-04T05:06:07.000Z',
};

const routingOf = (model: LabelModel): LabelBarcodeElement | undefined =>
  model.elements.find((el): el is LabelBarcodeElement => el.kind === 'barcode128' && el.symbology === 'gs1-128');
const twoDOf = (model: LabelModel): LabelBarcode2dElement | undefined => model.elements.find((el): el is LabelBarcode2dElement => el.kind === 'barcode2d');

describe('the routing barcode on the shipping label', () => {
  it('is GS1-128 with AI 421: the numeric country, then the postcode without its hyphen', () => {
    const routing = routingOf(buildShippingLabel({ ...input, barcodes: { routing: 'gs1-128-421' } }));
    expect(routing?.data).toBe('(421)840941031234');
    expect(routing && barcodeScannedValue(routing)).toBe('421840941031234');
    expect(routing && barcodeHumanReadable(routing)?.text).toBe('(421)840941031234');
  });

  it.each([
    ['GB', 'SW1A 1AA', '(421)826SW1A1AA'],
    ['DE', '10115', '(421)27610115'],
    ['HK', '', null],
    ['HK', ' - ', null],
  ])('for %s %j reads %s', (countryCode, postalCode, routing) => {
    expect(shippingLabelRoutingData({ countryCode, postalCode })).toBe(routing);
  });

  it('refuses a country it has no ISO number for, rather than print a wrong route', () => {
    expect(() => shippingLabelRoutingData({ countryCode: 'XX', postalCode: '123' })).toThrow(/not an ISO 3166 country code/);
  });

  it('refuses a postcode GS1 cannot carry', () => {
    expect(() => buildShippingLabel({ ...input, shipTo: { ...input.shipTo, postalCode: '9410#3' }, barcodes: { routing: 'gs1-128-421' } })).toThrow(/GS1's character set/);
  });

  it('is printed in ZPL mode N with FNC1 and the code sets spelled out', () => {
    const zpl = renderZpl(buildShippingLabel({ ...input, barcodes: { routing: 'gs1-128-421' } }), { dpi: 203 });
    // Start C, FNC1, 42 18 40 94 10 31 23, then the odd "4" with its neighbours in B.
    expect(zpl).toContain('^BCN,');
    expect(zpl).toMatch(/\^BCN,\d+,N,N,N,N\^FH_\^FD>;>8421840941031>6234\^FS/);
  });
});

describe('the 2D code on the shipping label', () => {
  it('holds tracking number, country, postcode, weight and order, in ASCII', () => {
    expect(shippingLabel2dData(input)).toBe('4710000013|US|94103-1234|1234|113-1234567-1234567');
    expect(shippingLabel2dData({ ...input, orderId: 'A|B~王' })).toBe('4710000013|US|94103-1234|1234|A/B');
  });

  it.each(['qr', 'datamatrix'] as const)('a %s code sits in the ship-to band, its modules whole dots at 203 dpi', (symbology) => {
    const code = twoDOf(buildShippingLabel({ ...input, barcodes: { twoD: symbology } }));
    expect(code?.symbology).toBe(symbology);
    if (!code) return;
    expect(Number.isInteger(code.moduleMm * PRINTER_DOTS_PER_MM[203])).toBe(true);
    expect(code.yMm).toBeGreaterThanOrEqual(44);
    expect(code.yMm + barcode2dSizeMm(code)).toBeLessThan(100);
  });

  it('narrows the ship-to text beside the code and leaves it alone without one', () => {
    const width = (model: LabelModel): number | undefined =>
      model.elements.flatMap((el) => (el.kind === 'text' && el.text === 'Jane Doe' ? [el.widthMm] : []))[0];
    expect(width(buildShippingLabel({ ...input, barcodes: { twoD: 'qr' } }))).toBeLessThan(width(buildShippingLabel(input)) ?? 0);
  });

  it('chooses a smaller module for more data, and refuses data that cannot fit', () => {
    expect(chooseBarcode2dModuleMm('qr', 'x'.repeat(20), 30)).toBe(0.5);
    // 200 bytes: version 10, 57 modules and 8 of quiet zone; at 0.508 mm (6 dots at 300 dpi) 33 mm.
    expect(chooseBarcode2dModuleMm('qr', 'x'.repeat(200), 30)).toBe(0.375);
    expect(() => chooseBarcode2dModuleMm('qr', 'x'.repeat(200), 20)).toThrow(/does not fit 20 mm/);
  });

  it('is printed as ^BQ in manual byte mode at level M, raised by the ^BQ offset', () => {
    const model = buildShippingLabel({ ...input, barcodes: { twoD: 'qr' } });
    const qr = twoDOf(model);
    const zpl = renderZpl(model, { dpi: 203 });
    const data = shippingLabel2dData(input);
    expect(zpl).toContain(`^BQN,2,4^FH_^FDMM,B${String(data.length).padStart(4, '0')}${data}^FS`);
    expect(zpl).toContain(`^FO${Math.round((qr?.xMm ?? 0) * 8)},${Math.round((qr?.yMm ?? 0) * 8) - 10}^BQN`);
  });

  it('is printed as ^BX ECC 200 with the rows and columns the layout measured', () => {
    const model = buildShippingLabel({ ...input, barcodes: { twoD: 'datamatrix' } });
    const dm = twoDOf(model);
    const side = dm ? Math.round(barcode2dSizeMm(dm) / dm.moduleMm) : 0;
    expect(renderZpl(model, { dpi: 300 })).toContain(`^BXN,6,200,${side},${side}^FH_^FD${shippingLabel2dData(input)}^FS`);
  });

  it('refuses 2D data the ZPL byte count could miscount', () => {
    const model: LabelModel = { widthMm: 50, heightMm: 50, elements: [{ kind: 'barcode2d', symbology: 'qr', xMm: 5, yMm: 5, moduleMm: 0.5, data: 'Straße' }] };
    expect(() => renderZpl(model, { dpi: 203 })).toThrow(/printable ASCII/);
  });
});

// ---------------------------------------------------------------------------------------------
// The catalogue: a service asks for its label barcodes in JSON or in the CSV services file.

const SERVICE = {
  id: 'DHL-EXP-WW',
  carrierId: 'DHL',
  carrierName: 'DHL Express',
  marketplaceCarrierCode: 'DHL',
  shipMethod: 'DHL Express Worldwide',
  nameEn: 'DHL Express Worldwide',
  nameZh: 'DHL 全球快递',
  trackingFormat: 'dhl-express-10',
  network: 'express',
  limits: { maxWeightG: 70000 },
  zones: { US: 'Z1' },
  rateCard: { currency: 'CNY', rows: [{ zone: 'Z1', upToG: 500, priceMinor: 12000 }] },
  cutoff: '18:00',
};

const json = (patch: Record<string, unknown>): CatalogParse =>
  parseCarrierCatalogJson(JSON.stringify({ format: 'packbench-carriers', version: 1, services: [{ ...SERVICE, ...patch }] }));

function onlyService(result: CatalogParse): CatalogService {
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
  const [service] = result.services;
  if (!service) throw new Error('no service');
  return service;
}

const CSV_HEADER = 'id,carrier_id,carrier_name,marketplace_carrier_code,ship_method,name_en,name_zh,tracking_format,network,max_weight_g,zones,currency,cutoff';
const CSV_ROW = 'DHL-EXP-WW,DHL,DHL Express,DHL,DHL Express Worldwide,DHL Express Worldwide,DHL 全球快递,dhl-express-10,express,70000,US:Z1,CNY,18:00';
const RATES = 'service_id,zone,up_to_g,price_minor\nDHL-EXP-WW,Z1,500,12000\n';
const csv = (columns: Record<string, string>): CatalogParse =>
  parseCarrierCatalogCsv(`${[CSV_HEADER, ...Object.keys(columns)].join(',')}\n${[CSV_ROW, ...Object.values(columns)].join(',')}\n`, RATES);

describe('label barcodes in the carrier catalogue', () => {
  it('are none unless the service asks', () => {
    expect(onlyService(json({})).labelBarcodes).toBeUndefined();
    expect(onlyService(csv({})).labelBarcodes).toBeUndefined();
  });

  it('are read from JSON', () => {
    expect(onlyService(json({ labelBarcodes: { routing: 'gs1-128-421', twoD: 'datamatrix' } })).labelBarcodes).toEqual({ routing: 'gs1-128-421', twoD: 'datamatrix' });
  });

  it('are read from the CSV columns label_routing_barcode and label_2d_barcode', () => {
    expect(onlyService(csv({ label_routing_barcode: 'gs1-128-421', label_2d_barcode: 'qr' })).labelBarcodes).toEqual({ routing: 'gs1-128-421', twoD: 'qr' });
    expect(onlyService(csv({ label_routing_barcode: '', label_2d_barcode: 'datamatrix' })).labelBarcodes).toEqual({ twoD: 'datamatrix' });
  });

  it.each([{ twoD: 'pdf417' }, { routing: 'gs1-128-420' }, { twoD: 'qr', colour: 'red' }])('refuses %j with a hint naming what is allowed', (labelBarcodes) => {
    const result = json({ labelBarcodes });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toMatch(/labelBarcodes/);
  });

  it('refuses an unknown 2D symbology in a CSV, naming the column', () => {
    const result = csv({ label_2d_barcode: 'aztec' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain('label_2d_barcode');
  });

  it('survive an export and re-import, and are stored with the offer', () => {
    const service = onlyService(json({ labelBarcodes: { twoD: 'qr' } }));
    expect(onlyService(parseCarrierCatalogJson(serializeCarrierCatalogJson([service])))).toEqual(service);
    expect(offerOf(service).labelBarcodes).toEqual({ twoD: 'qr' });
    expect('labelBarcodes' in offerOf(onlyService(json({})))).toBe(false);
  });
});

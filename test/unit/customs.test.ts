import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CUSTOMS_FORM_POLICY,
  DEFAULT_CUSTOMS_RULES,
  checkCustomsData,
  customsDeclaredValue,
  customsFormFor,
  hsCodeDigits,
  isInternational,
} from '../../shared/domain/customs';
import type { CustomsField, CustomsItem, CustomsShipment } from '../../shared/domain/customs';
import type { Finding } from '../../shared/domain/eligibility';

const HEADPHONES: CustomsItem = {
  sku: 'PB-BT-HP200',
  quantity: 1,
  hsCode: '8518.30',
  descriptionEn: 'Bluetooth headphones',
  originCountry: 'CN',
  unitValueMinor: 5999,
  currency: 'USD',
};

function toUS(...items: CustomsItem[]): CustomsShipment {
  return { fromCountry: 'CN', toCountry: 'US', items };
}

function problems(findings: Finding[]): Array<[string, unknown, unknown]> {
  return findings.map((finding) => [finding.code, finding.data['sku'], finding.data['field']]);
}

describe('which parcels need customs data', () => {
  it.each<[string, string, boolean]>([
    ['CN', 'US', true],
    ['CN', 'HK', true],
    ['CN', 'CN', false],
    ['cn', ' CN ', false],
    ['CN', '', true],
    ['CN', 'XX', true],
  ])('from %j to %j is international: %s', (from, to, international) => {
    expect(isInternational(from, to)).toBe(international);
  });

  it('a domestic parcel needs none, even with every field missing', () => {
    const bare: CustomsItem = { sku: 'PB-BARE', quantity: 1, hsCode: null, descriptionEn: null, originCountry: null, unitValueMinor: null, currency: null };
    expect(checkCustomsData({ fromCountry: 'CN', toCountry: 'CN', items: [bare] }, DEFAULT_CUSTOMS_RULES)).toEqual([]);
  });

  it('an international parcel with complete items passes', () => {
    expect(checkCustomsData(toUS(HEADPHONES, { ...HEADPHONES, sku: 'PB-MUG-001', hsCode: '6912.00', descriptionEn: 'Ceramic travel mug' }), DEFAULT_CUSTOMS_RULES)).toEqual([]);
  });
});

describe('missing customs fields block and are named', () => {
  it.each<[string, Partial<CustomsItem>, CustomsField]>([
    ['no HS code', { hsCode: null }, 'hsCode'],
    ['a blank HS code', { hsCode: '  ' }, 'hsCode'],
    ['no English description', { descriptionEn: null }, 'descriptionEn'],
    ['an empty English description', { descriptionEn: '' }, 'descriptionEn'],
    ['no country of origin', { originCountry: null }, 'originCountry'],
    ['no declared value', { unitValueMinor: null }, 'declaredValue'],
    ['no currency', { currency: null }, 'currency'],
    ['a blank currency', { currency: ' ' }, 'currency'],
  ])('%s', (_name, change, field) => {
    const findings = checkCustomsData(toUS({ ...HEADPHONES, ...change }), DEFAULT_CUSTOMS_RULES);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CUSTOMS_FIELD_MISSING', severity: 'block', data: { sku: 'PB-BT-HP200', field, value: null } });
    expect(findings[0]?.message).toContain('PB-BT-HP200');
  });

  it('says which field in words', () => {
    expect(checkCustomsData(toUS({ ...HEADPHONES, hsCode: null }), DEFAULT_CUSTOMS_RULES)[0]?.message).toBe(
      'PB-BT-HP200 has no HS code; customs needs it for an international parcel. Add it to the catalogue.',
    );
  });

  it('names every missing field of every SKU', () => {
    const bare: CustomsItem = { sku: 'PB-BARE', quantity: 1, hsCode: null, descriptionEn: null, originCountry: null, unitValueMinor: null, currency: null };
    expect(problems(checkCustomsData(toUS(HEADPHONES, bare), DEFAULT_CUSTOMS_RULES))).toEqual([
      ['CUSTOMS_FIELD_MISSING', 'PB-BARE', 'hsCode'],
      ['CUSTOMS_FIELD_MISSING', 'PB-BARE', 'descriptionEn'],
      ['CUSTOMS_FIELD_MISSING', 'PB-BARE', 'originCountry'],
      ['CUSTOMS_FIELD_MISSING', 'PB-BARE', 'declaredValue'],
      ['CUSTOMS_FIELD_MISSING', 'PB-BARE', 'currency'],
    ]);
  });

  it('names a SKU on two order lines once per field', () => {
    const noHs = { ...HEADPHONES, hsCode: null };
    expect(problems(checkCustomsData(toUS(noHs, noHs), DEFAULT_CUSTOMS_RULES))).toEqual([['CUSTOMS_FIELD_MISSING', 'PB-BT-HP200', 'hsCode']]);
  });

  it('ignores a line with no unit in this package', () => {
    expect(checkCustomsData(toUS(HEADPHONES, { ...HEADPHONES, sku: 'PB-ELSEWHERE', quantity: 0, hsCode: null }), DEFAULT_CUSTOMS_RULES)).toEqual([]);
  });

  it.each<[string, Partial<CustomsShipment>, string, string]>([
    ['an empty destination', { toCountry: '' }, 'CUSTOMS_FIELD_MISSING', 'toCountry'],
    ['a destination that is not an ISO code', { toCountry: 'USA' }, 'CUSTOMS_FIELD_INVALID', 'toCountry'],
    ['a ship-from that is not an ISO code', { fromCountry: 'China' }, 'CUSTOMS_FIELD_INVALID', 'fromCountry'],
  ])('%s blocks', (_name, change, code, field) => {
    expect(problems(checkCustomsData({ ...toUS(HEADPHONES), ...change }, DEFAULT_CUSTOMS_RULES))).toEqual([[code, null, field]]);
  });
});

describe('invalid customs fields block and say what is wrong', () => {
  it.each<[string, Partial<CustomsItem>, CustomsField, string]>([
    ['a 4-digit HS heading', { hsCode: '8518' }, 'hsCode', 'format'],
    ['a 5-digit HS code', { hsCode: '8518.3' }, 'hsCode', 'format'],
    ['an 11-digit HS code', { hsCode: '8518.30.00.001' }, 'hsCode', 'format'],
    ['an HS code with a dash', { hsCode: '8518-30' }, 'hsCode', 'format'],
    ['an HS code with a double dot', { hsCode: '8518..30' }, 'hsCode', 'format'],
    ['an HS code with a leading dot', { hsCode: '.851830' }, 'hsCode', 'format'],
    ['an HS code with letters', { hsCode: 'HS851830' }, 'hsCode', 'format'],
    ['a Chinese description', { descriptionEn: '蓝牙耳机' }, 'descriptionEn', 'not-english'],
    ['a description mixing Chinese into English', { descriptionEn: 'Bluetooth 耳机' }, 'descriptionEn', 'not-english'],
    ['a description of digits only', { descriptionEn: '12345' }, 'descriptionEn', 'not-english'],
    ['"Gift" as description', { descriptionEn: 'Gift' }, 'descriptionEn', 'too-vague'],
    ['"parts." as description', { descriptionEn: 'parts.' }, 'descriptionEn', 'too-vague'],
    ['"General merchandise" as description', { descriptionEn: 'General Merchandise' }, 'descriptionEn', 'too-vague'],
    ['"UK" as origin (the ISO code is GB)', { originCountry: 'UK' }, 'originCountry', 'not-iso'],
    ['an unassigned origin code', { originCountry: 'XX' }, 'originCountry', 'not-iso'],
    ['a three-letter origin', { originCountry: 'CHN' }, 'originCountry', 'not-iso'],
    ['a declared value of zero', { unitValueMinor: 0 }, 'declaredValue', 'not-positive'],
    ['a negative declared value', { unitValueMinor: -100 }, 'declaredValue', 'not-positive'],
    ['a fractional declared value', { unitValueMinor: 59.99 }, 'declaredValue', 'not-positive'],
    ['a two-letter currency', { currency: 'US' }, 'currency', 'not-iso'],
    ['a currency symbol', { currency: '$' }, 'currency', 'not-iso'],
  ])('%s', (_name, change, field, reason) => {
    const findings = checkCustomsData(toUS({ ...HEADPHONES, ...change }), DEFAULT_CUSTOMS_RULES);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CUSTOMS_FIELD_INVALID', severity: 'block', data: { sku: 'PB-BT-HP200', field, reason } });
  });

  it('quotes the value it refused', () => {
    expect(checkCustomsData(toUS({ ...HEADPHONES, originCountry: 'UK' }), DEFAULT_CUSTOMS_RULES)[0]?.message).toBe(
      'The country of origin of PB-BT-HP200 is "UK": use the ISO 3166 two-letter code (e.g. CN; GB, not UK).',
    );
  });

  it.each<[string, Partial<CustomsItem>]>([
    ['a 6-digit HS code without dots', { hsCode: '851830' }],
    ['a 10-digit national tariff code with dots', { hsCode: '8518.30.00.00' }],
    ['a 10-digit code without dots', { hsCode: '8518300000' }],
    ['an HS code with spaces around it', { hsCode: ' 8518.30 ' }],
    ['an accented English description', { descriptionEn: 'Café espresso cup — porcelain, 90 ml' }],
    ['a specific description containing a vague word', { descriptionEn: 'Gift box of oolong tea' }],
    ['a lower-case origin code', { originCountry: 'cn' }],
    ['a lower-case currency code', { currency: 'usd' }],
    ['a declared value of one cent', { unitValueMinor: 1 }],
  ])('accepts %s', (_name, change) => {
    expect(checkCustomsData(toUS({ ...HEADPHONES, ...change }), DEFAULT_CUSTOMS_RULES)).toEqual([]);
  });

  it('a station may extend the list of vague descriptions', () => {
    const rules = { vagueDescriptions: [...DEFAULT_CUSTOMS_RULES.vagueDescriptions, 'headphones'] };
    expect(problems(checkCustomsData(toUS({ ...HEADPHONES, descriptionEn: 'Headphones' }), rules))).toEqual([['CUSTOMS_FIELD_INVALID', 'PB-BT-HP200', 'descriptionEn']]);
  });

  it('items declared in two currencies block: a declaration has one', () => {
    const findings = checkCustomsData(toUS(HEADPHONES, { ...HEADPHONES, sku: 'PB-TEA-OOL', currency: 'CNY' }), DEFAULT_CUSTOMS_RULES);
    expect(findings).toEqual([
      {
        code: 'CUSTOMS_CURRENCY_MIXED',
        severity: 'block',
        message: 'The items are declared in several currencies (CNY, USD); a customs declaration has one. Declare every item in the same currency.',
        data: { currencies: 'CNY, USD' },
      },
    ]);
  });

  it('reads any 6 to 10 digits, with dots between them, as an HS code', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (digits, dots) => {
        const text = digits.map((digit, index) => (index > 0 && dots[index] ? `.${digit}` : `${digit}`)).join('');
        expect(hsCodeDigits(text)).toBe(digits.join(''));
      }),
    );
  });
});

describe('the customs form', () => {
  it.each<[number, string, 'CN22' | 'CN23']>([
    [0, 'XDR', 'CN22'],
    [29_999, 'XDR', 'CN22'],
    [30_000, 'XDR', 'CN22'],
    [30_001, 'XDR', 'CN23'],
    [39_999, 'USD', 'CN22'],
    [40_000, 'USD', 'CN22'],
    [40_001, 'USD', 'CN23'],
    [40_001, 'usd', 'CN23'],
    [100, 'EUR', 'CN23'],
  ])('a postal parcel declared at %i minor units of %s goes with a %s', (valueMinor, currency, form) => {
    expect(customsFormFor('postal', { valueMinor, currency }, DEFAULT_CUSTOMS_FORM_POLICY)).toBe(form);
  });

  it.each([0, 30_000, 10_000_000])('an express parcel declared at %i goes with a commercial invoice', (valueMinor) => {
    expect(customsFormFor('express', { valueMinor, currency: 'USD' }, DEFAULT_CUSTOMS_FORM_POLICY)).toBe('invoice');
  });

  it('the threshold is configuration', () => {
    const policy = { cn22MaxMinor: { CNY: 200_000 } };
    expect(customsFormFor('postal', { valueMinor: 200_000, currency: 'CNY' }, policy)).toBe('CN22');
    expect(customsFormFor('postal', { valueMinor: 200_001, currency: 'CNY' }, policy)).toBe('CN23');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a declared value of %d', (valueMinor) => {
    expect(() => customsFormFor('postal', { valueMinor, currency: 'USD' }, DEFAULT_CUSTOMS_FORM_POLICY)).toThrow(RangeError);
  });

  it('totals the declared value when every item has a value in one currency', () => {
    expect(customsDeclaredValue([{ ...HEADPHONES, quantity: 2 }, { ...HEADPHONES, sku: 'PB-MUG-001', unitValueMinor: 1599 }])).toEqual({ valueMinor: 13_597, currency: 'USD' });
    expect(customsDeclaredValue([HEADPHONES, { ...HEADPHONES, currency: 'CNY' }])).toBeNull();
    expect(customsDeclaredValue([HEADPHONES, { ...HEADPHONES, unitValueMinor: null }])).toBeNull();
  });
});

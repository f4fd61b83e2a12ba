import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lithium } from '../../shared/contract';
import {
  DEFAULT_COMPLIANCE_CONFIG,
  DEFAULT_DANGEROUS_GOODS_POLICY,
  DEFAULT_INSURANCE_POLICY,
  DEFAULT_LITHIUM_DOC_POLICY,
  HAZMAT_CLASS_NAMES,
  LITHIUM_CLASSES,
  calendarDay,
  checkDangerousGoods,
  checkInsurance,
  checkLithiumDocuments,
  checkPackageCompliance,
  checkServiceLithium,
  classifyHazmat,
  declaredValueByCurrency,
  formatMinor,
  insuranceCost,
  lithiumClass,
  lithiumDeclarations,
  lithiumMarkRequired,
  serviceAcceptsLithium,
} from '../../shared/domain/compliance';
import type { ComplianceItem, InsurancePolicy, LithiumDocPolicy, ServiceLithiumPolicy } from '../../shared/domain/compliance';
import type { Finding } from '../../shared/domain/eligibility';

function item(overrides: Partial<ComplianceItem> & { sku: string }): ComplianceItem {
  return {
    quantity: 1,
    hazmatClass: null,
    lithium: 'none',
    lithiumDoc: null,
    unitValueMinor: 1599,
    currency: 'USD',
    ...overrides,
  };
}

function codes(findings: Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

const SHIP_DATE = '2026-05-01';
const VALID_DOC = { reference: 'UN38.3-HP200-2026.pdf', expiresOn: '2027-12-31' };

describe('dangerous goods', () => {
  it.each<[string, string, string]>([
    ['1', '1', 'Explosives'],
    ['1.4S', '1.4S', 'Explosives presenting a minor hazard'],
    ['2.1', '2.1', 'Flammable gas'],
    ['2.2', '2.2', 'Non-flammable, non-toxic gas'],
    ['3', '3', 'Flammable liquids'],
    ['Class 3', '3', 'Flammable liquids'],
    [' 4.1 ', '4.1', 'Flammable solids, self-reactive substances and desensitized explosives'],
    ['4.3', '4.3', 'Substances which, in contact with water, emit flammable gases'],
    ['5.1', '5.1', 'Oxidizing substances'],
    ['5.2', '5.2', 'Organic peroxides'],
    ['6.1', '6.1', 'Toxic substances'],
    ['6.2', '6.2', 'Infectious substances'],
    ['7', '7', 'Radioactive material'],
    ['8', '8', 'Corrosive substances'],
  ])('hazmat class "%s" blocks the package as class %s (%s)', (raw, hazmatClass, className) => {
    const findings = checkDangerousGoods([item({ sku: 'PB-DG', hazmatClass: raw })], DEFAULT_DANGEROUS_GOODS_POLICY);
    expect(findings).toEqual([
      {
        code: 'DANGEROUS_GOODS_FORBIDDEN',
        severity: 'block',
        message: `PB-DG is dangerous goods of class ${hazmatClass} (${className}) and must not be shipped from this bench.`,
        data: { sku: 'PB-DG', hazmatClass, className },
      },
    ]);
  });

  it.each(['10', '0', '3.1', '2.4', '9.1', '3S', 'X', 'N/A', 'flammable', '1.7'])('hazmat class "%s" is not a UN class and blocks as unknown', (raw) => {
    const findings = checkDangerousGoods([item({ sku: 'PB-ODD', hazmatClass: raw })], DEFAULT_DANGEROUS_GOODS_POLICY);
    expect(codes(findings)).toEqual(['DANGEROUS_GOODS_UNKNOWN_CLASS']);
    expect(findings[0]?.severity).toBe('block');
    expect(findings[0]?.data).toEqual({ sku: 'PB-ODD', hazmatClass: raw });
    expect(findings[0]?.message).toContain(`"${raw}"`);
  });

  it.each([null, '', '   '])('an item with hazmat class %j is not dangerous goods', (raw) => {
    expect(checkDangerousGoods([item({ sku: 'PB-MUG-001', hazmatClass: raw })], DEFAULT_DANGEROUS_GOODS_POLICY)).toEqual([]);
  });

  it('class 9 goods other than lithium batteries block by default', () => {
    const findings = checkDangerousGoods([item({ sku: 'PB-MAGNET', hazmatClass: '9' })], DEFAULT_DANGEROUS_GOODS_POLICY);
    expect(codes(findings)).toEqual(['DANGEROUS_GOODS_FORBIDDEN']);
    expect(findings[0]?.data['className']).toBe('Miscellaneous dangerous substances and articles');
  });

  it('class 9 goods other than lithium batteries only warn, or pass, when the station says so', () => {
    const magnet = [item({ sku: 'PB-MAGNET', hazmatClass: '9' })];
    const warned = checkDangerousGoods(magnet, { otherClass9: 'warn' });
    expect(warned.map((finding) => [finding.code, finding.severity])).toEqual([['DANGEROUS_GOODS_CLASS_9', 'warn']]);
    expect(checkDangerousGoods(magnet, { otherClass9: 'allow' })).toEqual([]);
  });

  it('a lithium battery declared as class 9 is left to the lithium rules', () => {
    const headphones = item({ sku: 'PB-BT-HP200', hazmatClass: '9', lithium: 'ion-in-equipment', lithiumDoc: VALID_DOC });
    expect(checkDangerousGoods([headphones], DEFAULT_DANGEROUS_GOODS_POLICY)).toEqual([]);
  });

  it('a flammable item that also holds a lithium battery is still blocked as dangerous goods', () => {
    const findings = checkDangerousGoods([item({ sku: 'PB-LIGHTER', hazmatClass: '2.1', lithium: 'ion-in-equipment' })], DEFAULT_DANGEROUS_GOODS_POLICY);
    expect(codes(findings)).toEqual(['DANGEROUS_GOODS_FORBIDDEN']);
  });

  it('names each dangerous SKU once, however many lines or units carry it', () => {
    const findings = checkDangerousGoods(
      [
        item({ sku: 'PB-NAIL-RED', hazmatClass: '3', quantity: 3 }),
        item({ sku: 'PB-MUG-001' }),
        item({ sku: 'PB-NAIL-RED', hazmatClass: '3' }),
        item({ sku: 'PB-ACID', hazmatClass: '8' }),
      ],
      DEFAULT_DANGEROUS_GOODS_POLICY,
    );
    expect(findings.map((finding) => finding.data['sku'])).toEqual(['PB-NAIL-RED', 'PB-ACID']);
  });

  it('reads every class and division in the table of names', () => {
    for (const [division, className] of Object.entries(HAZMAT_CLASS_NAMES)) {
      expect(classifyHazmat(division)).toEqual({ kind: 'class', hazmatClass: division, division, className, primaryClass: Number(division[0]) });
    }
  });

  it('never reads a non-empty class string as harmless', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== ''),
        (raw) => classifyHazmat(raw).kind !== 'none',
      ),
    );
  });
});

describe('lithium classification (LIMITS.md §4.1)', () => {
  it.each<[Lithium, string, string, boolean]>([
    ['ion-standalone', 'UN3480', 'PI965', false],
    ['ion-with-equipment', 'UN3481', 'PI966', true],
    ['ion-in-equipment', 'UN3481', 'PI967', true],
    ['metal-standalone', 'UN3090', 'PI968', false],
    ['metal-with-equipment', 'UN3091', 'PI969', true],
    ['metal-in-equipment', 'UN3091', 'PI970', true],
  ])('%s is %s %s (Section II exists: %s)', (kind, unNumber, packingInstruction, sectionIIExists) => {
    expect(lithiumClass(kind)).toMatchObject({ unNumber, packingInstruction, sectionIIExists });
  });

  it('an item without a lithium battery has no UN number', () => {
    expect(lithiumClass('none')).toBeNull();
  });

  it('declares each lithium kind in the package once, with its SKUs', () => {
    expect(
      lithiumDeclarations([
        { sku: 'PB-BT-HP200', lithium: 'ion-in-equipment', quantity: 2 },
        { sku: 'PB-MUG-001', lithium: 'none', quantity: 1 },
        { sku: 'PB-SPEAKER', lithium: 'ion-in-equipment', quantity: 1 },
        { sku: 'PB-WATCH-CR', lithium: 'metal-in-equipment', quantity: 1 },
        { sku: 'PB-GONE', lithium: 'ion-standalone', quantity: 0 },
      ]),
    ).toEqual([
      { kind: 'ion-in-equipment', ...LITHIUM_CLASSES['ion-in-equipment'], skus: ['PB-BT-HP200', 'PB-SPEAKER'] },
      { kind: 'metal-in-equipment', ...LITHIUM_CLASSES['metal-in-equipment'], skus: ['PB-WATCH-CR'] },
    ]);
  });
});

describe('lithium battery documents', () => {
  const noEarlyWarning: LithiumDocPolicy = { ...DEFAULT_LITHIUM_DOC_POLICY, expiryWarningDays: 0 };
  const headphones = (lithiumDoc: ComplianceItem['lithiumDoc']) => item({ sku: 'PB-BT-HP200', lithium: 'ion-in-equipment', lithiumDoc });

  it('a lithium item with a current document passes', () => {
    expect(checkLithiumDocuments([headphones(VALID_DOC)], SHIP_DATE, DEFAULT_LITHIUM_DOC_POLICY)).toEqual([]);
  });

  it.each([null, { reference: '  ', expiresOn: '2027-01-01' }])('a lithium item with document %j is blocked as missing its document', (doc) => {
    expect(checkLithiumDocuments([headphones(doc)], SHIP_DATE, noEarlyWarning)).toEqual([
      {
        code: 'LITHIUM_DOC_MISSING',
        severity: 'block',
        message:
          'PB-BT-HP200 contains lithium batteries (UN3481) and has no battery document (e.g. UN38.3 test summary) on file; add it before shipping.',
        data: { sku: 'PB-BT-HP200', lithium: 'ion-in-equipment', unNumber: 'UN3481' },
      },
    ]);
  });

  it('a document that expired the day before the ship date blocks, naming the date', () => {
    const findings = checkLithiumDocuments([headphones({ reference: 'UN38.3.pdf', expiresOn: '2026-04-30' })], SHIP_DATE, noEarlyWarning);
    expect(findings).toEqual([
      {
        code: 'LITHIUM_DOC_EXPIRED',
        severity: 'block',
        message: 'The battery document "UN38.3.pdf" of PB-BT-HP200 expired on 2026-04-30, before the ship date 2026-05-01; file a current one before shipping.',
        data: { sku: 'PB-BT-HP200', document: 'UN38.3.pdf', expiresOn: '2026-04-30', shipDate: SHIP_DATE },
      },
    ]);
  });

  it('a document is still valid on its expiry date', () => {
    expect(checkLithiumDocuments([headphones({ reference: 'UN38.3.pdf', expiresOn: SHIP_DATE })], SHIP_DATE, noEarlyWarning)).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['2026-05-30', ['LITHIUM_DOC_EXPIRING']],
    ['2026-05-31', []],
  ])('with 30 days of warning, a document expiring %s gives %j', (expiresOn, expected) => {
    expect(codes(checkLithiumDocuments([headphones({ reference: 'UN38.3.pdf', expiresOn })], SHIP_DATE, DEFAULT_LITHIUM_DOC_POLICY))).toEqual(expected);
  });

  it.each([null, '31/12/2027', '2027-02-30', 'soon'])('a document with expiry %j cannot be shown valid and blocks by default', (expiresOn) => {
    const findings = checkLithiumDocuments([headphones({ reference: 'UN38.3.pdf', expiresOn })], SHIP_DATE, DEFAULT_LITHIUM_DOC_POLICY);
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([['LITHIUM_DOC_UNDATED', 'block']]);
    expect(checkLithiumDocuments([headphones({ reference: 'UN38.3.pdf', expiresOn })], SHIP_DATE, { ...DEFAULT_LITHIUM_DOC_POLICY, undated: 'warn' })[0]?.severity).toBe('warn');
  });

  it('items without lithium, and lithium lines with no unit in this package, need no document', () => {
    expect(checkLithiumDocuments([item({ sku: 'PB-MUG-001' }), { ...headphones(null), quantity: 0 }], SHIP_DATE, DEFAULT_LITHIUM_DOC_POLICY)).toEqual([]);
  });

  it('one finding per SKU even when the SKU is on two lines', () => {
    expect(codes(checkLithiumDocuments([headphones(null), headphones(null)], SHIP_DATE, DEFAULT_LITHIUM_DOC_POLICY))).toEqual(['LITHIUM_DOC_MISSING']);
  });

  it('refuses a ship date that is not a calendar date rather than passing every document', () => {
    expect(() => checkLithiumDocuments([headphones(VALID_DOC)], '2026-13-01', DEFAULT_LITHIUM_DOC_POLICY)).toThrow(RangeError);
  });

  it.each<[string, boolean]>([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-12-31', true],
    ['2026-1-1', false],
  ])('%s is a calendar date: %s', (text, valid) => {
    expect(calendarDay(text) !== null).toBe(valid);
  });
});

describe('which services carry which lithium batteries (LIMITS.md §4.3)', () => {
  const everything: Lithium[] = ['ion-in-equipment', 'ion-with-equipment', 'ion-standalone', 'metal-in-equipment', 'metal-with-equipment', 'metal-standalone'];
  const postAll: ServiceLithiumPolicy = { network: 'postal', accepts: everything };
  const postInstalled: ServiceLithiumPolicy = { network: 'postal', accepts: ['ion-in-equipment', 'metal-in-equipment'] };
  const expressAll: ServiceLithiumPolicy = { network: 'express', accepts: everything };
  const expressNone: ServiceLithiumPolicy = { network: 'express', accepts: [] };

  it.each<[string, ServiceLithiumPolicy, Lithium, boolean]>([
    ['a post never takes loose lithium-ion batteries, whatever its list says', postAll, 'ion-standalone', false],
    ['a post never takes loose lithium-metal batteries, whatever its list says', postAll, 'metal-standalone', false],
    ['a post takes batteries installed in equipment when configured to', postInstalled, 'ion-in-equipment', true],
    ['a post does not take batteries packed with equipment unless listed', postInstalled, 'ion-with-equipment', false],
    ['an express service approved for loose batteries takes them', expressAll, 'ion-standalone', true],
    ['an express service without lithium approval takes none', expressNone, 'metal-in-equipment', false],
    ['any service takes goods without lithium', expressNone, 'none', true],
  ])('%s', (_name, policy, kind, accepted) => {
    expect(serviceAcceptsLithium(policy, kind)).toBe(accepted);
  });

  it('a power bank offered to a postal service is blocked as a standalone battery', () => {
    const findings = checkServiceLithium([item({ sku: 'PB-POWERBANK', lithium: 'ion-standalone' })], postAll);
    expect(findings).toEqual([
      {
        code: 'LITHIUM_STANDALONE_FORBIDDEN',
        severity: 'block',
        message: 'Loose lithium batteries (UN3480, PB-POWERBANK) never go by post; choose a carrier service approved for them.',
        data: { lithium: 'ion-standalone', unNumber: 'UN3480', packingInstruction: 'PI965', skus: 'PB-POWERBANK' },
      },
    ]);
  });

  it('a service without the kind on its list refuses it, naming the UN number and packing instruction', () => {
    const findings = checkServiceLithium([item({ sku: 'PB-TORCH', lithium: 'metal-with-equipment' })], postInstalled);
    expect(codes(findings)).toEqual(['SERVICE_REFUSES_LITHIUM']);
    expect(findings[0]?.data).toMatchObject({ unNumber: 'UN3091', packingInstruction: 'PI969', skus: 'PB-TORCH' });
  });

  it('a service that takes every kind in the package has nothing to say', () => {
    expect(checkServiceLithium([item({ sku: 'PB-BT-HP200', lithium: 'ion-in-equipment' }), item({ sku: 'PB-MUG-001' })], postInstalled)).toEqual([]);
  });
});

describe('the lithium mark on the label', () => {
  type Unit = Parameters<typeof lithiumMarkRequired>[0][number];
  const installed = (quantity: number, cells: number | null | undefined, batteries: number | null | undefined): Unit => ({
    lithium: 'ion-in-equipment',
    quantity,
    cells,
    batteries,
  });

  it.each<[string, Unit[], boolean]>([
    ['no lithium in the package: no mark', [{ lithium: 'none', quantity: 3 }], false],
    ['one device with one installed battery: no mark', [installed(1, 0, 1)], false],
    ['two devices with one battery each (2 batteries): no mark', [installed(2, 0, 1)], false],
    ['three devices with one battery each (3 batteries): mark', [installed(3, 0, 1)], true],
    ['four button cells installed: no mark', [installed(4, 1, 0)], false],
    ['five button cells installed: mark', [installed(5, 1, 0)], true],
    ['a device with a battery and a loose cell: mark (mixed, conservative)', [installed(1, 1, 1)], true],
    ['cell count unknown: mark', [installed(1, null, 1)], true],
    ['battery count not given: mark', [installed(1, 0, undefined)], true],
    ['"in equipment" with no cells and no batteries contradicts itself: mark', [installed(1, 0, 0)], true],
    ['a battery packed with the equipment always needs the mark', [{ lithium: 'ion-with-equipment', quantity: 1, cells: 0, batteries: 1 }], true],
    ['a lithium-metal battery packed with equipment needs the mark', [{ lithium: 'metal-with-equipment', quantity: 1, cells: 1, batteries: 0 }], true],
    ['a standalone battery is labelled as class 9, never without marking', [{ lithium: 'ion-standalone', quantity: 1, cells: 0, batteries: 1 }], true],
    ['lithium-metal cells installed in two watches: no mark', [{ lithium: 'metal-in-equipment', quantity: 2, cells: 1, batteries: 0 }], false],
    ['a lithium line with no unit in this package: no mark', [installed(0, null, null)], false],
  ])('%s', (_name, units, required) => {
    expect(lithiumMarkRequired(units)).toBe(required);
  });

  it('DHL\'s stricter "fewer than 2 batteries" reading is a configuration', () => {
    expect(lithiumMarkRequired([installed(2, 0, 1)], { maxCells: 3, maxBatteries: 1 })).toBe(true);
    expect(lithiumMarkRequired([installed(1, 0, 1)], { maxCells: 3, maxBatteries: 1 })).toBe(false);
  });

  it('adding units to a package that needs the mark never removes it', () => {
    const kind = fc.constantFrom<Lithium>('none', 'ion-in-equipment', 'metal-in-equipment', 'ion-with-equipment', 'ion-standalone');
    const count = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
    const unit = fc.record({ lithium: kind, quantity: fc.integer({ min: 0, max: 3 }), cells: count, batteries: count });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 5 }), fc.array(unit, { maxLength: 5 }), (units, more) => {
        if (lithiumMarkRequired(units)) expect(lithiumMarkRequired([...units, ...more])).toBe(true);
      }),
    );
  });
});

describe('insurance cost', () => {
  it.each<[string, number, number, number, number]>([
    ['1 % of 500.00 is 5.00', 50_000, 10, 100, 500],
    ['1 % of 500.01 rounds up to 5.01', 50_001, 10, 100, 501],
    ['the minimum applies to small values', 5_000, 10, 100, 100],
    ['a zero value costs the minimum', 0, 10, 100, 100],
    ['1.1 ‰ of 1000.00 is exactly 1.10, not a cent more', 100_000, 1.1, 0, 110],
    ['2.5 ‰ of 123.45 is 0.308625, charged as 0.31', 12_345, 2.5, 0, 31],
  ])('%s', (_name, valueMinor, ratePermille, minimumMinor, cost) => {
    expect(insuranceCost(valueMinor, { ratePermille, minimumMinor })).toBe(cost);
  });

  it.each<[number, number, number]>([
    [-1, 10, 0],
    [10.5, 10, 0],
    [Number.NaN, 10, 0],
    [100, -1, 0],
    [100, 10, -5],
  ])('refuses value %d, rate %d ‰, minimum %d', (valueMinor, ratePermille, minimumMinor) => {
    expect(() => insuranceCost(valueMinor, { ratePermille, minimumMinor })).toThrow(RangeError);
  });

  it('is never below the minimum nor below the rate, and less than a minor unit above the rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 10_000 }), (value, rate, minimum) => {
        const cost = insuranceCost(value, { ratePermille: rate, minimumMinor: minimum });
        const exact = (value * rate) / 1000;
        expect(cost).toBeGreaterThanOrEqual(minimum);
        expect(cost).toBeGreaterThanOrEqual(exact);
        if (cost > minimum) expect(cost - exact).toBeLessThan(1);
      }),
    );
  });
});

describe('high declared value', () => {
  const required = DEFAULT_INSURANCE_POLICY;
  const suggested: InsurancePolicy = { ...DEFAULT_INSURANCE_POLICY, mode: 'suggested' };
  const watch = (unitValueMinor: number, quantity = 1, currency = 'USD') => item({ sku: 'PB-WATCH-TI', unitValueMinor, quantity, currency });

  it.each<[string, ComplianceItem[], string[]]>([
    ['499.99 USD needs no insurance', [watch(49_999)], []],
    ['exactly 500.00 USD needs no insurance', [watch(50_000)], []],
    ['500.01 USD must be insured', [watch(50_001)], ['INSURANCE_REQUIRED']],
    ['two units of 250.01 USD (500.02 USD) must be insured', [watch(25_001, 2)], ['INSURANCE_REQUIRED']],
    ['3000.00 CNY needs no insurance', [watch(300_000, 1, 'CNY')], []],
    ['3000.01 CNY must be insured', [watch(300_001, 1, 'CNY')], ['INSURANCE_REQUIRED']],
    ['a lower-case currency code counts the same', [watch(50_001, 1, 'usd')], ['INSURANCE_REQUIRED']],
  ])('%s', (_name, items, expected) => {
    expect(codes(checkInsurance(items, required, false))).toEqual(expected);
  });

  it('blocks an uninsured high-value parcel, naming the value, the threshold and the cost', () => {
    expect(checkInsurance([watch(89_900)], required, false)).toEqual([
      {
        code: 'INSURANCE_REQUIRED',
        severity: 'block',
        message: 'The declared value 899.00 USD is over the 500.00 USD insurance threshold: insure the parcel (cost 8.99 USD) before printing the label.',
        data: { currency: 'USD', declaredValueMinor: 89_900, thresholdMinor: 50_000, insuranceCostMinor: 899 },
      },
    ]);
  });

  it('says nothing once the parcel is insured', () => {
    expect(checkInsurance([watch(89_900)], required, true)).toEqual([]);
  });

  it('only warns when insurance is a suggestion, and says nothing when it is off', () => {
    expect(checkInsurance([watch(89_900)], suggested, false).map((finding) => [finding.code, finding.severity])).toEqual([['INSURANCE_SUGGESTED', 'warn']]);
    expect(checkInsurance([watch(89_900)], { ...required, mode: 'off' }, false)).toEqual([]);
  });

  it('shows no cost for a currency without a rate', () => {
    const finding = checkInsurance([watch(89_900)], { ...required, rates: {} }, false)[0];
    expect(finding?.data['insuranceCostMinor']).toBeNull();
    expect(finding?.message).not.toContain('cost');
  });

  it('mixed currencies warn and each currency is held against its own threshold', () => {
    const findings = checkInsurance([watch(30_000), item({ sku: 'PB-JADE', unitValueMinor: 400_000, currency: 'CNY' })], required, false);
    expect(findings.map((finding) => [finding.code, finding.severity, finding.data['currency'] ?? finding.data['currencies']])).toEqual([
      ['VALUE_CURRENCY_MIXED', 'warn', 'CNY, USD'],
      ['INSURANCE_REQUIRED', 'block', 'CNY'],
    ]);
  });

  it('warns when a value is unknown or a currency has no threshold', () => {
    const findings = checkInsurance([item({ sku: 'PB-NOVALUE', unitValueMinor: null }), watch(10_000, 1, 'EUR')], required, false);
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['INSURANCE_VALUE_UNKNOWN', 'warn'],
      ['INSURANCE_THRESHOLD_MISSING', 'warn'],
    ]);
    expect(findings[0]?.data['skus']).toBe('PB-NOVALUE');
  });

  it('sums unit value × quantity per currency in integer minor units', () => {
    expect(
      declaredValueByCurrency([watch(1599, 3), item({ sku: 'PB-TEA-OOL', unitValueMinor: 2899 }), watch(5000, 2, 'CNY'), item({ sku: 'PB-BAD', unitValueMinor: 12.5 })]),
    ).toEqual({ totals: [{ currency: 'CNY', valueMinor: 10_000 }, { currency: 'USD', valueMinor: 7696 }], unknownSkus: ['PB-BAD'] });
  });

  it.each<[number, string, string]>([
    [123_450, 'USD', '1234.50 USD'],
    [5, 'CNY', '0.05 CNY'],
    [1500, 'JPY', '1500 JPY'],
    [1500, 'KWD', '1.500 KWD'],
  ])('%d minor units of %s read %s', (valueMinor, currency, text) => {
    expect(formatMinor(valueMinor, currency)).toBe(text);
  });
});

describe('a package through every compliance rule', () => {
  it('the demo bench: nail polish blocks, headphones with a current document pass, the watch must be insured', () => {
    const findings = checkPackageCompliance(
      [
        item({ sku: 'PB-NAIL-RED', hazmatClass: '3', unitValueMinor: 699 }),
        item({ sku: 'PB-BT-HP200', lithium: 'ion-in-equipment', lithiumDoc: VALID_DOC, unitValueMinor: 5999 }),
        item({ sku: 'PB-WATCH-TI', unitValueMinor: 89_900 }),
      ],
      { shipDate: SHIP_DATE, insured: false },
      DEFAULT_COMPLIANCE_CONFIG,
    );
    expect(codes(findings)).toEqual(['DANGEROUS_GOODS_FORBIDDEN', 'INSURANCE_REQUIRED']);
  });

  it('a lithium order is blocked until its document is added', () => {
    const withoutDoc = item({ sku: 'PB-BT-HP200', lithium: 'ion-in-equipment', unitValueMinor: 5999 });
    const context = { shipDate: SHIP_DATE, insured: false };
    expect(codes(checkPackageCompliance([withoutDoc], context, DEFAULT_COMPLIANCE_CONFIG))).toEqual(['LITHIUM_DOC_MISSING']);
    expect(checkPackageCompliance([{ ...withoutDoc, lithiumDoc: VALID_DOC }], context, DEFAULT_COMPLIANCE_CONFIG)).toEqual([]);
  });

  it('refuses a negative or fractional quantity instead of under-counting the value', () => {
    expect(() => checkPackageCompliance([item({ sku: 'PB-MUG-001', quantity: -1 })], { shipDate: SHIP_DATE, insured: false }, DEFAULT_COMPLIANCE_CONFIG)).toThrow(RangeError);
    expect(() => checkPackageCompliance([item({ sku: 'PB-MUG-001', quantity: 1.5 })], { shipDate: SHIP_DATE, insured: false }, DEFAULT_COMPLIANCE_CONFIG)).toThrow(RangeError);
  });
});

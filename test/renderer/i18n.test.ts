import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../renderer/src/i18n/describe';
import { en } from '../../renderer/src/i18n/en';
import { isMessageKey, translate } from '../../renderer/src/i18n/translate';
import { zhCN } from '../../renderer/src/i18n/zh-cn';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the two dictionaries', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('each text uses the same placeholders in both languages', () => {
    const differing = Object.entries(en).filter(([key, text]) => {
      const other = zhCN[key as keyof typeof en];
      return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(other));
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('no text is left empty', () => {
    expect(Object.entries(zhCN).filter(([, text]) => text.trim() === '')).toEqual([]);
    expect(Object.entries(en).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  // The codes the pack flow, the limit checks and the host return: each needs its own text.
  it.each([
    'SCAN_ACCEPTED', 'SCAN_WRONG_ITEM', 'SCAN_OVER_SCAN', 'SCAN_UNKNOWN_BARCODE', 'SCAN_BAD_CHECK_DIGIT', 'SCAN_EMPTY',
    'ORDER_NOT_PACKABLE', 'ORDER_NOT_FOUND', 'ORDER_CODE_EMPTY', 'PACKAGE_ALREADY_LABELLED', 'PACK_NOT_VERIFIED',
    'BOX_NOT_FOUND', 'BOX_DIMS_REQUIRED', 'WEIGHT_EMPTY', 'WEIGHT_UNREADABLE', 'WEIGHT_NOT_POSITIVE', 'WEIGHT_TOO_LARGE',
    'PACKAGE_NOT_MEASURED', 'SERVICE_NOT_FOUND', 'TRACKING_RANGE_EXHAUSTED', 'CARTON_SIDE_TOO_LONG', 'ITEM_TOO_HEAVY',
    'SERVICE_TOO_HEAVY', 'SERVICE_TOO_LONG', 'SERVICE_SUM_OF_SIDES', 'SERVICE_LENGTH_PLUS_GIRTH', 'SERVICE_TOO_SMALL',
    'SERVICE_SURCHARGE_WEIGHT', 'SERVICE_SURCHARGE_LENGTH', 'SERVICE_REFUSES_LITHIUM', 'SERVICE_REFUSES_DANGEROUS_GOODS',
    'DANGEROUS_GOODS_FORBIDDEN', 'LITHIUM_DOC_MISSING', 'LABEL_NOT_FOUND', 'INPUT_INVALID', 'INTERNAL', 'UNAUTHORIZED',
    'NETWORK', 'SETTINGS_INVALID', 'PRINTER_FOLDER_MISSING', 'IMPORT_JOB_NOT_FOUND', 'REPORT_MISSING_COLUMNS', 'REPORT_EMPTY',
    'ROW_BAD_QUANTITY', 'ROW_MISSING_VALUE', 'ROW_BAD_DATE', 'ROW_CONFLICT',
    // Operators and the scanner input.
    'OPERATOR_UNKNOWN_BADGE', 'OPERATOR_UNKNOWN', 'OPERATOR_BAD_PIN', 'OPERATOR_LOCKED', 'NOT_SIGNED_IN', 'SIGNED_OUT_IDLE',
    'SUPERVISOR_REQUIRED', 'BADGE_TAKEN', 'SCAN_UNKNOWN_COMMAND', 'SCAN_INCOMPLETE',
    // Weight check, dangerous goods, lithium, insurance, customs and roll limits.
    'WEIGHT_OUT_OF_TOLERANCE', 'WEIGHT_UNKNOWN_UNITS', 'WEIGHT_UNKNOWN_TARE', 'DANGEROUS_GOODS_UNKNOWN_CLASS', 'DANGEROUS_GOODS_CLASS_9',
    'LITHIUM_DOC_EXPIRED', 'LITHIUM_DOC_UNDATED', 'LITHIUM_DOC_EXPIRING', 'LITHIUM_STANDALONE_FORBIDDEN', 'INSURANCE_REQUIRED',
    'INSURANCE_SUGGESTED', 'INSURANCE_VALUE_UNKNOWN', 'INSURANCE_THRESHOLD_MISSING', 'VALUE_CURRENCY_MIXED', 'CUSTOMS_FIELD_MISSING',
    'CUSTOMS_FIELD_INVALID', 'CUSTOMS_CURRENCY_MIXED', 'SERVICE_ROLL_TOO_LONG', 'SERVICE_ROLL_LENGTH_PLUS_DIAMETERS', 'SERVICE_ROLL_TOO_SMALL',
    'SERVICE_SURCHARGE_LENGTH_PLUS_GIRTH',
  ])('%s has a text', (code) => {
    expect(isMessageKey(`code.${code}`)).toBe(true);
  });

  it.each(['NO_BOX_IN_STOCK', 'UNIT_TOO_LARGE', 'TOO_HEAVY', 'TOO_MUCH_VOLUME', 'NO_BOX_LARGE_AND_STRONG_ENOUGH', 'NO_ARRANGEMENT_FOUND'])(
    'box-suggestion reason %s has a text',
    (reason) => {
      expect(isMessageKey(`boxReason.${reason}`)).toBe(true);
    },
  );
});

describe('package-check findings in words', () => {
  const outOfTolerance = {
    code: 'WEIGHT_OUT_OF_TOLERANCE',
    message: '…',
    data: { expectedG: 910, measuredG: 1200, differenceG: 290, toleranceG: 45 },
  };

  it('a weight out of tolerance names both weights, the difference and the tolerance', () => {
    expect(describeProblem('en', outOfTolerance)).toBe('Check the contents: measured 1.20 kg, expected 0.91 kg (+290 g), more than ± 45 g.');
    expect(describeProblem('zh-CN', outOfTolerance)).toBe('请检查包裹内容：实测 1.20 kg，预计 0.91 kg（相差 +290 g），超过 ± 45 g。');
  });

  it('dangerous goods name the SKU, the class and what it is', () => {
    const finding = { code: 'DANGEROUS_GOODS_FORBIDDEN', message: '…', data: { sku: 'PB-FUEL', hazmatClass: '3', className: 'Flammable liquids' } };
    expect(describeProblem('en', finding)).toBe('PB-FUEL is dangerous goods (class 3: Flammable liquids) and must not be shipped.');
  });

  it('an expired battery document names its date', () => {
    const finding = { code: 'LITHIUM_DOC_EXPIRED', message: '…', data: { sku: 'PB-BANK', document: 'UN38.3-77', expiresOn: '2025-01-31', shipDate: '2026-02-01' } };
    expect(describeProblem('zh-CN', finding)).toBe('PB-BANK：电池文件 UN38.3-77 已于 2025-01-31 过期。发货前请提交有效文件。');
  });

  it('insurance names the declared value, the threshold and the cost in the currency', () => {
    const finding = { code: 'INSURANCE_REQUIRED', message: '…', data: { currency: 'USD', declaredValueMinor: 60_000, thresholdMinor: 50_000, insuranceCostMinor: 600 } };
    expect(describeProblem('en', finding)).toBe('Declared value 600.00 USD is over the 500.00 USD insurance threshold: insure the parcel (6.00 USD) before printing.');
  });

  it('a missing customs field names the SKU and the field, in Chinese', () => {
    const finding = { code: 'CUSTOMS_FIELD_MISSING', message: '…', data: { sku: 'PB-MUG-001', field: 'hsCode', value: null, reason: null } };
    expect(describeProblem('zh-CN', finding)).toBe('PB-MUG-001：缺少HS 编码，报关需要此项。');
  });
});

describe('translated problems', () => {
  const cartonTooLong = {
    code: 'CARTON_SIDE_TOO_LONG',
    message: 'CARTON_SIDE_TOO_LONG: 66.0 cm is over the limit of 63.5 cm',
    data: { limit: 635, value: 660, unit: 'mm', subject: null },
  };

  it('a carton that is too long names the limit and the measured side, in Chinese', () => {
    expect(describeProblem('zh-CN', cartonTooLong)).toBe('最长边 66.0 cm 超过 63.5 cm 上限。');
  });

  it('and in English', () => {
    expect(describeProblem('en', cartonTooLong)).toBe('Longest side 66.0 cm is over the 63.5 cm limit.');
  });

  it('an item over the weight limit names the SKU and both weights in kg', () => {
    const finding = { code: 'ITEM_TOO_HEAVY', message: '…', data: { limit: 22500, value: 23010, unit: 'g', subject: 'PB-KETTLE-17' } };
    expect(describeProblem('en', finding)).toBe('PB-KETTLE-17: one item weighs 23.01 kg, over the 22.50 kg limit.');
  });

  it('a weight one gram over the limit does not read as equal to it', () => {
    const finding = { code: 'SERVICE_TOO_HEAVY', message: '…', data: { limit: 2000, value: 2001, unit: 'g', subject: null } };
    expect(describeProblem('en', finding)).toBe('Weight 2.001 kg is over the 2.00 kg limit.');
  });

  it('an order that cannot be packed names its status in the station language', () => {
    const error = { code: 'ORDER_NOT_PACKABLE', message: '…', data: { orderId: '111-1', status: 'cancelled' } };
    expect(describeProblem('zh-CN', error)).toBe('订单 111-1 状态为“已取消”，不能打包。');
  });

  it('a code the renderer does not know shows the station’s English message', () => {
    expect(describeProblem('zh-CN', { code: 'SOMETHING_NEW', message: 'Something new happened.' })).toBe('Something new happened.');
  });

  it('a text whose data is missing falls back to the message instead of showing "{sku}"', () => {
    expect(describeProblem('en', { code: 'SCAN_WRONG_ITEM', message: 'X is not in order Y.' })).toBe('X is not in order Y.');
  });

  it('translate fills placeholders', () => {
    expect(translate('en', 'countdown.left', { duration: '5 h 20 min' })).toBe('5 h 20 min left');
    expect(translate('zh-CN', 'countdown.overdue', { duration: '3 小时 12 分' })).toBe('已超时 3 小时 12 分');
  });
});

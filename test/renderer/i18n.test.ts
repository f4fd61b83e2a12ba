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
  ])('%s has a text', (code) => {
    expect(isMessageKey(`code.${code}`)).toBe(true);
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

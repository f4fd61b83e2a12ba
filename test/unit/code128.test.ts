import { describe, expect, it } from 'vitest';
import {
  CODE128_CODE_B,
  CODE128_CODE_C,
  CODE128_START_B,
  CODE128_START_C,
  CODE128_STOP,
  code128CheckValue,
  code128Symbols,
  code128TotalModules,
  encodeCode128,
  planCode128,
} from '../../shared/label/code128';

const START_B = [2, 1, 1, 2, 1, 4];
const START_C = [2, 1, 1, 2, 3, 2];
const STOP = [2, 3, 3, 1, 1, 1, 2];

describe('Code 128 check symbol', () => {
  it('matches the worked example of ISO/IEC 15417 for "AIM1234"', () => {
    // Start B 104; A 33×1, I 41×2, M 45×3, CODE C 99×4, "12" 12×5, "34" 34×6 → 1014 mod 103 = 87.
    expect(code128Symbols('AIM1234')).toEqual([CODE128_START_B, 33, 41, 45, CODE128_CODE_C, 12, 34, 87, CODE128_STOP]);
    expect(code128CheckValue([104, 33, 41, 45, 99, 12, 34])).toBe(87);
  });

  it('weights the first data symbol by one, not zero', () => {
    // Start B 104 + "A" 33×1 = 137 mod 103 = 34.
    expect(code128Symbols('A')).toEqual([CODE128_START_B, 33, 34, CODE128_STOP]);
  });
});

describe('Code 128 module widths', () => {
  it('encodes "A" as start B, A, check 34, stop with its 2-module termination bar', () => {
    expect(encodeCode128('A')).toEqual([...START_B, 1, 1, 1, 3, 2, 3, 1, 3, 1, 1, 2, 3, ...STOP]);
  });

  it('starts with a bar and alternates bar and space to a closing bar', () => {
    const widths = encodeCode128('RR000000015CN');
    expect(widths.length % 2).toBe(1);
    expect(widths.slice(-7)).toEqual(STOP);
    expect(widths.every((w) => w >= 1 && w <= 4)).toBe(true);
  });

  it.each(['A', 'RR000000015CN', '1234567890', '123456789012', 'Order #42 / box 3'])(
    'every symbol of %j is 11 modules and the stop 13',
    (data) => {
      const symbols = code128Symbols(data).length;
      expect(code128TotalModules(encodeCode128(data))).toBe(11 * (symbols - 1) + 13);
    },
  );

  it('a 10-digit DHL number is five code C pairs after start C', () => {
    expect(code128Symbols('1234567890').slice(0, 6)).toEqual([CODE128_START_C, 12, 34, 56, 78, 90]);
    expect(encodeCode128('1234567890').slice(0, 6)).toEqual(START_C);
  });
});

describe('choosing code sets', () => {
  it.each([
    ['two digits alone go in C', '42', [{ set: 'C', text: '42' }]],
    ['three digits stay in B', '123', [{ set: 'B', text: '123' }]],
    ['an even run at the start opens in C', '1234AB', [{ set: 'C', text: '1234' }, { set: 'B', text: 'AB' }]],
    [
      'an odd run at the start leaves its last digit to B',
      '12345AB',
      [{ set: 'C', text: '1234' }, { set: 'B', text: '5AB' }],
    ],
    ['an odd all-digit string puts its first digit in B', '123456789', [{ set: 'B', text: '1' }, { set: 'C', text: '23456789' }]],
    [
      'an S10 number switches to C after the odd first digit',
      'RR000000015CN',
      [{ set: 'B', text: 'RR0' }, { set: 'C', text: '00000015' }, { set: 'B', text: 'CN' }],
    ],
    ['a short digit run in the middle stays in B', 'AB123CD', [{ set: 'B', text: 'AB123CD' }]],
    [
      'four digits in the middle switch to C and back',
      'AB1234CD',
      [{ set: 'B', text: 'AB' }, { set: 'C', text: '1234' }, { set: 'B', text: 'CD' }],
    ],
    ['text only is B', 'ePacket', [{ set: 'B', text: 'ePacket' }]],
  ])('%s', (_name, data, expected) => {
    expect(planCode128(data)).toEqual(expected);
  });

  it('switches with CODE C from B and CODE B from C', () => {
    const symbols = code128Symbols('RR000000015CN');
    expect(symbols).toEqual([
      CODE128_START_B, 50, 50, 16, CODE128_CODE_C, 0, 0, 0, 15, CODE128_CODE_B, 35, 46,
      code128CheckValue(symbols.slice(0, -2)), CODE128_STOP,
    ]);
  });

  it('code set C makes a 12-digit FedEx number shorter than set B would', () => {
    // Start C + 6 pairs + check + stop against start B + 12 characters + check + stop.
    expect(code128Symbols('123456789012')).toHaveLength(9);
  });
});

describe('what Code 128 cannot carry', () => {
  it.each([
    ['an empty string', ''],
    ['a Chinese character', 'RR中'],
    ['a tab', 'A\tB'],
    ['DEL', 'A\x7f'],
    ['a Latin-1 letter', 'Straße'],
  ])('rejects %s with a RangeError', (_name, data) => {
    expect(() => encodeCode128(data)).toThrow(RangeError);
  });

  it('accepts the whole printable ASCII range', () => {
    let all = '';
    for (let c = 32; c <= 126; c++) all += String.fromCharCode(c);
    // 85 non-digits in B, the run 0–9 as CODE C + 5 pairs + CODE B, then start, check and stop.
    expect(code128Symbols(all)).toHaveLength(85 + 7 + 3);
  });
});

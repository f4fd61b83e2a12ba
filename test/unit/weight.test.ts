import { describe, expect, it } from 'vitest';
import { parseWeight } from '../../shared/domain/weight';

describe('typed weights', () => {
  it.each([
    ['1.2kg', 1200],
    ['1,2 kg', 1200],
    ['850 g', 850],
    ['850g', 850],
    ['0.85', 850],
    [' 2 ', 2000],
    ['2 lb 3 oz', 992],
    ['1 lb', 454],
    ['16 oz', 454],
    ['1 kg 200 g', 1200],
    ['1.5 公斤', 1500],
    ['22.5 KG', 22500],
  ])('"%s" is %i g', (text, grams) => {
    expect(parseWeight(text)).toEqual({ ok: true, grams });
  });

  it('a bare number is read in the station unit', () => {
    expect(parseWeight('3', 'lb')).toEqual({ ok: true, grams: 1361 });
    expect(parseWeight('850', 'g')).toEqual({ ok: true, grams: 850 });
  });

  it.each([
    ['', 'WEIGHT_EMPTY'],
    ['   ', 'WEIGHT_EMPTY'],
    ['abc', 'WEIGHT_UNREADABLE'],
    ['1.2 stone', 'WEIGHT_UNREADABLE'],
    ['1,200', 'WEIGHT_UNREADABLE'],
    ['3 oz 2 lb', 'WEIGHT_UNREADABLE'],
    ['1 kg 1 kg', 'WEIGHT_UNREADABLE'],
    ['-1 kg', 'WEIGHT_UNREADABLE'],
    ['0 kg', 'WEIGHT_NOT_POSITIVE'],
    ['0.0001 g', 'WEIGHT_NOT_POSITIVE'],
    ['5000 kg', 'WEIGHT_TOO_LARGE'],
    ['1e9', 'WEIGHT_UNREADABLE'],
    ['NaN', 'WEIGHT_UNREADABLE'],
    ['Infinity', 'WEIGHT_UNREADABLE'],
    ['-0', 'WEIGHT_UNREADABLE'],
    ['1.2.3 kg', 'WEIGHT_UNREADABLE'],
  ])('"%s" is refused with %s', (text, code) => {
    const result = parseWeight(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(code);
  });
});

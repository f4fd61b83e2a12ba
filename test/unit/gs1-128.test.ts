import { describe, expect, it } from 'vitest';
import { CODE128_CODE_B, CODE128_FNC1, CODE128_START_B, CODE128_START_C, CODE128_STOP, code128CheckValue, planFnc1Code128 } from '../../shared/label/code128';
import {
  GS1_128_MAX_DATA_CHARACTERS,
  Gs1Error,
  encodeGs1128,
  gs1CheckDigit,
  gs1128Symbols,
  gs1HumanReadable,
  gs1ShipToPostalElement,
  gs1Transmitted,
  parseGs1ElementString,
  planGs1128,
  validateGs1Elements,
} from '../../shared/label/gs1-128';
import type { Gs1ErrorCode } from '../../shared/label/gs1-128';
import { isoNumericCountry, isoNumericCountryCodes } from '../../shared/label/iso-country-numeric';
import { ISO_COUNTRY_CODES } from '../../shared/domain/customs';

const GS = '\x1d';

function gs1Code(fn: () => unknown): Gs1ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof Gs1Error) return error.code;
    throw error;
  }
}

describe('GS1 check digits', () => {
  it.each([
    ['the GS1 example GTIN 0950110153000|3', '0950110153000', 3],
    ['an SSCC 34012345000000000|0', '34012345000000000', 0],
    ['a GTIN-13 400638133393|1', '400638133393', 1],
    ['all zeros', '0000000', 0],
  ])('%s', (_name, digits, check) => {
    expect(gs1CheckDigit(digits)).toBe(check);
  });
});

describe('reading GS1 element strings', () => {
  it('splits "(420)10115(92)12345" into its AIs and values', () => {
    expect(parseGs1ElementString('(420)10115(92)12345')).toEqual([
      { ai: '420', value: '10115' },
      { ai: '92', value: '12345' },
    ]);
  });

  it.each(['420)10115', '(420', '', '(4)12', 'x(420)1', '(420)1 (92)(93)'])('refuses the malformed %j with GS1_SYNTAX or a field error', (text) => {
    expect(gs1Code(() => validateGs1Elements(text))).not.toBe('no error');
  });

  it('names the position where a malformed element string goes wrong', () => {
    expect(() => parseGs1ElementString('(420)10115 92)1')).toThrow(/position/);
  });
});

describe('what a scanner transmits', () => {
  it.each([
    // Variable-length AIs are followed by FNC1 (sent as GS) unless they end the symbol.
    ['(420)10115(92)12345', `42010115${GS}9212345`],
    ['(421)84094103', '42184094103'],
    // Predefined-length AIs (00, 01, 41x…) need no separator.
    ['(00)340123450000000000(420)10115', '0034012345000000000042010115'],
    ['(01)09501101530003(10)AB-123(21)XYZ', `010950110153000310AB-123${GS}21XYZ`],
    ['(410)4006381333931(403)ABC', '4104006381333931403ABC'],
    // 402 is fixed length but its prefix 40 is not predefined: the separator stays.
    ['(402)12345678901234560(92)A', `40212345678901234560${GS}92A`],
    ['(401)GINC-1(403)R1(93)Z', `401GINC-1${GS}403R1${GS}93Z`],
  ])('%s is sent as %j', (elements, sent) => {
    expect(gs1Transmitted(elements)).toBe(sent);
    expect(gs1HumanReadable(elements)).toBe(elements);
  });

  it('takes a list of elements as well as a string', () => {
    expect(gs1Transmitted([{ ai: '421', value: '826SW1A1AA' }])).toBe('421826SW1A1AA');
  });
});

describe('validating the AIs', () => {
  it.each<[string, string, Gs1ErrorCode]>([
    ['an unknown AI', '(999)1', 'GS1_UNKNOWN_AI'],
    ['an SSCC one digit short', '(00)34012345000000000', 'GS1_BAD_LENGTH'],
    ['an SSCC with the wrong check digit', '(00)340123450000000001', 'GS1_BAD_CHECK_DIGIT'],
    ['a GTIN with a letter', '(01)0950110153000A', 'GS1_BAD_CHARACTER'],
    ['a GTIN with the wrong check digit', '(01)09501101530004', 'GS1_BAD_CHECK_DIGIT'],
    ['a postcode with a space', '(420)SW1A 1AA', 'GS1_BAD_CHARACTER'],
    ['a postcode of 21 characters', `(420)${'1'.repeat(21)}`, 'GS1_BAD_LENGTH'],
    ['an empty routing code', '(403)', 'GS1_BAD_LENGTH'],
    ['AI 421 without its country', '(421)SW1A1AA', 'GS1_BAD_CHARACTER'],
    ['AI 421 with a postcode of 10', '(421)8261234567890', 'GS1_BAD_LENGTH'],
    ['a month 13', '(17)251301', 'GS1_BAD_DATE'],
    ['company data with a lower-case umlaut', '(92)Straße', 'GS1_BAD_CHARACTER'],
    ['49 data characters', `(92)${'A'.repeat(30)}(93)${'B'.repeat(14)}`, 'GS1_TOO_LONG'],
  ])('%s is refused (%s → %s)', (_name, elements, code) => {
    expect(gs1Code(() => validateGs1Elements(elements))).toBe(code);
  });

  it.each(['(00)340123450000000000', '(01)09501101530003', '(17)251200', '(37)12345678', '(92)A!%&*+,-./:;<=>?_z', `(92)${'A'.repeat(30)}(93)${'B'.repeat(13)}`])(
    'accepts %s',
    (elements) => {
      expect(gs1Code(() => validateGs1Elements(elements))).toBe('no error');
    },
  );

  it(`allows exactly ${GS1_128_MAX_DATA_CHARACTERS} data characters, separators counted`, () => {
    expect(gs1Transmitted(`(92)${'A'.repeat(30)}(93)${'B'.repeat(13)}`)).toHaveLength(GS1_128_MAX_DATA_CHARACTERS);
  });

  it('takes a value with parentheses only as an element list, since the string form splits on them', () => {
    expect(gs1Transmitted([{ ai: '92', value: 'A(1)' }])).toBe('92A(1)');
    expect(gs1Code(() => validateGs1Elements('(92)A(1)'))).toBe('GS1_SYNTAX');
  });

  it('explains a refusal in words a supervisor can act on', () => {
    expect(() => validateGs1Elements('(00)340123450000000001')).toThrow('AI (00) SSCC 340123450000000001 ends in check digit 1, but its digits give 0');
  });
});

describe('GS1-128 symbols', () => {
  it('start with FNC1 in first position, in code set C for a numeric AI', () => {
    const symbols = gs1128Symbols('(421)84094103');
    // Start C, FNC1, 42 18 40 94 10, then the odd "3" — never alone after a switch: "103" in B.
    expect(symbols).toEqual([CODE128_START_C, CODE128_FNC1, 42, 18, 40, 94, CODE128_CODE_B, 17, 16, 19, code128CheckValue(symbols.slice(0, -2)), CODE128_STOP]);
  });

  it('puts FNC1 between a variable-length AI and the next, in the same code set', () => {
    expect(planGs1128('(420)10115(92)12345')).toEqual([
      { set: 'C', text: `${GS}42010115${GS}9212` },
      { set: 'B', text: '345' },
    ]);
    const symbols = gs1128Symbols('(420)10115(92)12345');
    expect(symbols.filter((s) => s === CODE128_FNC1)).toHaveLength(2);
    expect(symbols[1]).toBe(CODE128_FNC1);
  });

  it('stays in code set B once letters come, digits after them included', () => {
    expect(planGs1128('(92)A1(93)12345678')).toEqual([{ set: 'B', text: `${GS}92A1${GS}9312345678` }]);
    expect(planGs1128('(421)826SW1A1AA')).toEqual([
      { set: 'C', text: `${GS}421826` },
      { set: 'B', text: 'SW1A1AA' },
    ]);
  });

  it.each(['(421)84094103', '(421)826SW1A1AA', '(420)10115(92)12345', '(00)340123450000000000', '(92)A1(93)12345678', '(421)27610115', '(37)1'])(
    '%s never switches from B to C nor ends on one character after a switch',
    (elements) => {
      const plan = planGs1128(elements);
      plan.forEach((segment, i) => {
        if (i > 0) expect(segment.set).toBe('B');
      });
      const last = plan[plan.length - 1];
      if (plan.length > 1) expect(last?.text.length).toBeGreaterThan(1);
    },
  );

  it('an odd count of digits ends in three characters of set B, never one', () => {
    expect(gs1128Symbols('(421)27610115').length - gs1128Symbols('(421)2761011').length).toBe(3);
    expect(planGs1128('(421)27610115').at(-1)).toEqual({ set: 'B', text: '115' });
  });

  it('widths start with a bar and end in the stop pattern', () => {
    const widths = encodeGs1128('(421)84094103');
    expect(widths.length % 2).toBe(1);
    expect(widths.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2]);
  });

  it('a plain FNC1 plan refuses control characters other than FNC1', () => {
    expect(() => planFnc1Code128(`${GS}12\n`)).toThrow(RangeError);
    expect(planFnc1Code128(`${GS}1`)).toEqual([{ set: 'B', text: `${GS}1` }]);
    expect(gs1128Symbols('(37)1')[0]).toBe(CODE128_START_B);
  });
});

describe('AI 421, the ship-to postcode with its country', () => {
  it.each([
    ['US', '94103-1234', '840941031234'],
    ['GB', 'sw1a 1aa', '826SW1A1AA'],
    ['DE', '10115', '27610115'],
    ['CA', 'K1A 0B1', '124K1A0B1'],
  ])('%s %s → (421)%s', (country, postcode, value) => {
    expect(gs1ShipToPostalElement(isoNumericCountry(country) ?? '', postcode)).toEqual({ ai: '421', value });
  });

  it('knows the numeric code of every country the customs rules know', () => {
    expect([...ISO_COUNTRY_CODES].filter((code) => isoNumericCountry(code) === null)).toEqual([]);
    expect(new Set(isoNumericCountryCodes().map((c) => isoNumericCountry(c))).size).toBe(isoNumericCountryCodes().length);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildShippingLabel,
  formatLabelWeightKg,
  maxCharsForWidth,
  textElementLines,
  wrapText,
} from '../../shared/label/label-model';
import type { LabelModel, ShippingLabelInput } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';

const input: ShippingLabelInput = {
  shipFrom: {
    name: 'Shenzhen Bright Goods Co.',
    lines: ['Bldg 5, 18 Keji Rd'],
    city: 'Shenzhen',
    state: 'GD',
    postalCode: '518057',
    countryCode: 'CN',
  },
  shipTo: {
    name: 'Jane Doe',
    lines: ['1200 Market St', 'Apt 4B'],
    city: 'San Francisco',
    state: 'CA',
    postalCode: '94103',
    countryCode: 'US',
    phone: '+1 415 555 0100',
  },
  carrierName: 'China Post',
  serviceName: 'ePacket',
  trackingNumber: 'RR000000015CN',
  orderId: '113-1234567-1234567',
  weightG: 1234,
  createdAt: '2025-03-04T05:06:07.000Z',
};

function fieldData(zpl: string): string[] {
  return [...zpl.matchAll(/\^FD([\s\S]*?)\^FS/g)].map((m) => m[1] ?? '');
}

function textModel(text: string): LabelModel {
  return {
    widthMm: 101.6,
    heightMm: 152.4,
    elements: [{ kind: 'text', xMm: 5, yMm: 5, widthMm: 90, heightMm: 3, text, maxLines: 3 }],
  };
}

describe('a ZPL label', () => {
  const zpl = renderZpl(buildShippingLabel(input), { dpi: 203 });

  it('is one format from ^XA to ^XZ, in UTF-8, sized to the 4×6 label', () => {
    expect(zpl.startsWith('^XA\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^PW813'); // 101.6 mm × 8 dots/mm = 812.8
    expect(zpl).toContain('^LL1219'); // 152.4 mm × 8 dots/mm = 1219.2
  });

  it('prints the tracking number as Code 128 in automatic mode, without the printer’s own text line', () => {
    expect(zpl).toMatch(/\^BY4\^BCN,\d+,N,N,N,A\^FH_\^FDRR000000015CN\^FS/);
  });

  it('prints the tracking number, weight and order id as text', () => {
    const data = fieldData(zpl);
    expect(data).toContain('RR000000015CN');
    expect(data).toContain('1.24 kg');
    expect(data).toContain('113-1234567-1234567');
  });

  it('never touches the printer’s stored setup', () => {
    const forbidden = ['^MM', '^MN', '^MT', '^MD', '^MU', '^ML', '^MP', '^JU', '^JM', '^JZ', '^JJ', '^PR', '^PO', '^PM',
      '^KD', '^KL', '^LT', '^LS', '^SZ', '^CM', '~JS', '~JC', '~JR', '~SD', '~TA'];
    for (const command of forbidden) expect(zpl).not.toContain(command);
    // Every '~' command acts on the printer at once, whatever format it is in.
    expect(zpl).not.toContain('~');
  });

  it('uses only the commands this renderer is meant to emit', () => {
    const commands = new Set([...zpl.replace(/\^FD[\s\S]*?\^FS/g, '^FS').matchAll(/\^([A-Z0-9]{2})/g)].map((m) => m[1]));
    expect([...commands].sort()).toEqual(['A0', 'BC', 'BY', 'CI', 'FB', 'FH', 'FO', 'FS', 'GB', 'LH', 'LL', 'PW', 'XA', 'XZ']);
  });
});

describe('escaping text for ZPL', () => {
  it('hex-escapes caret, tilde and underscore under ^FH_', () => {
    const zpl = renderZpl(textModel('A^B~C_D'), { dpi: 203 });
    expect(zpl).toContain('^FH_^FDA_5EB_7EC_5FD^FS');
  });

  it('leaves no raw caret or tilde inside any field, whatever the address says', () => {
    const zpl = renderZpl(
      buildShippingLabel({ ...input, shipTo: { ...input.shipTo, name: '^XZ~JA evil_name', lines: ['^MMC'] } }),
      { dpi: 203 },
    );
    for (const data of fieldData(zpl)) expect(data).not.toMatch(/[\^~]/);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('doubles a backslash so ^FB does not read it as a line break', () => {
    expect(renderZpl(textModel('Unit 3\\&4'), { dpi: 203 })).toContain('^FDUnit 3\\\\&4^FS');
  });

  it('drops control characters', () => {
    expect(renderZpl(textModel('A\u0007B'), { dpi: 203 })).toContain('^FDAB^FS');
  });

  it('passes UTF-8 text through for ^CI28', () => {
    expect(renderZpl(textModel('Straße 中国'), { dpi: 203 })).toContain('^FDStraße 中国^FS');
  });

  it('hex-escapes a barcode’s caret, tilde and underscore but keeps its backslash single', () => {
    const model: LabelModel = {
      widthMm: 101.6,
      heightMm: 152.4,
      elements: [{ kind: 'barcode128', xMm: 5, yMm: 5, heightMm: 10, moduleMm: 0.25, data: 'A>B^C~D_E\\F', humanReadable: false }],
    };
    expect(renderZpl(model, { dpi: 203 })).toContain('^FH_^FDA>B_5EC_7ED_5FE\\F^FS');
  });
});

describe('wrapping text into a ^FB block', () => {
  it('breaks lines with \\& and sizes the block to the lines', () => {
    const zpl = renderZpl(textModel('one two three four five six seven eight nine ten eleven twelve thirteen'), { dpi: 203 });
    const fb = zpl.match(/\^FB(\d+),(\d+),(-?\d+),L,0\^FH_\^FD([^^]*)\^FS/);
    expect(fb?.[1]).toBe('720'); // 90 mm
    expect(fb?.[2]).toBe('3');
    // 90 mm at 3 mm caps holds 35 characters.
    expect(fb?.[4]).toBe('one two three four five six seven\\&eight nine ten eleven twelve\\&thirteen');
  });

  it.each([
    ['wraps at word boundaries', 'Jane Doe Smith', 9, 3, ['Jane Doe', 'Smith']],
    ['cuts a word longer than a line', 'ABCDEFGHIJ', 4, 3, ['ABCD', 'EFGH', 'IJ']],
    ['keeps forced breaks', 'Line 1\nLine 2', 20, 3, ['Line 1', 'Line 2']],
    ['collapses whitespace and skips empty lines', '  a \t b \n\n c ', 20, 3, ['a b', 'c']],
    ['marks dropped text with an ellipsis', 'aaa bbb ccc ddd eee', 7, 2, ['aaa bbb', 'ccc dd…']],
    ['counts a Chinese character as two', '深圳市南山区科技园', 8, 3, ['深圳市南', '山区科技', '园']],
  ])('%s', (_name, text, maxChars, maxLines, expected) => {
    expect(wrapText(text, maxChars, maxLines)).toEqual(expected);
  });

  it('refuses a line that cannot hold a character', () => {
    expect(() => wrapText('x', 0, 1)).toThrow(RangeError);
  });

  it('gives a text element the lines both renderers print', () => {
    const el = { kind: 'text', xMm: 0, yMm: 0, widthMm: 20, heightMm: 3, text: 'aaaa bbbb cccc dddd', maxLines: 4 } as const;
    expect(maxCharsForWidth(20, 3)).toBe(7);
    expect(textElementLines(el)).toEqual(['aaaa', 'bbbb', 'cccc', 'dddd']);
  });
});

describe('dots per millimetre', () => {
  const at203 = renderZpl(buildShippingLabel(input), { dpi: 203 });
  const at300 = renderZpl(buildShippingLabel(input), { dpi: 300 });

  it('sizes a 300 dpi label at 11.81 dots/mm', () => {
    expect(at300).toContain('^PW1200');
    expect(at300).toContain('^LL1800');
  });

  it('scales every field origin by 300/203.2', () => {
    const origins = (zpl: string): number[][] => [...zpl.matchAll(/\^FO(\d+),(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const a = origins(at203);
    const b = origins(at300);
    expect(b).toHaveLength(a.length);
    a.forEach(([x, y], i) => {
      expect(b[i]?.[0]).toBeCloseTo(((x ?? 0) * 300) / 203.2, -1);
      expect(b[i]?.[1]).toBeCloseTo(((y ?? 0) * 300) / 203.2, -1);
    });
  });

  it('keeps a barcode module a whole number of dots: 0.5 mm is 4 dots at 203 and 6 at 300', () => {
    expect(at203).toContain('^BY4^');
    expect(at300).toContain('^BY6^');
  });
});

describe('the weight printed on a label', () => {
  it.each([
    [1234, '1.24 kg'],
    [1230, '1.23 kg'],
    [5, '0.01 kg'],
    [0, '0.00 kg'],
    [22500, '22.50 kg'],
    [300, '0.30 kg'],
  ])('%i g reads %s, never less than the parcel weighs', (grams, expected) => {
    expect(formatLabelWeightKg(grams)).toBe(expected);
  });

  it('refuses a negative weight', () => {
    expect(() => formatLabelWeightKg(-1)).toThrow(RangeError);
  });
});

describe('lines and boxes', () => {
  it('draws rules and boxes with ^GB and a diagonal with ^GD', () => {
    const model: LabelModel = {
      widthMm: 100,
      heightMm: 100,
      elements: [
        { kind: 'line', x1Mm: 10, y1Mm: 20, x2Mm: 90, y2Mm: 20, thicknessMm: 0.5 },
        { kind: 'line', x1Mm: 50, y1Mm: 30, x2Mm: 50, y2Mm: 60, thicknessMm: 0.5 },
        { kind: 'line', x1Mm: 10, y1Mm: 90, x2Mm: 30, y2Mm: 70, thicknessMm: 0.25 },
        { kind: 'box', xMm: 60, yMm: 60, widthMm: 20, heightMm: 10, thicknessMm: 0.5 },
      ],
    };
    const zpl = renderZpl(model, { dpi: 203 });
    expect(zpl).toContain('^FO80,158^GB640,4,4^FS');
    expect(zpl).toContain('^FO398,240^GB4,240,4^FS');
    expect(zpl).toContain('^FO80,560^GD160,160,2,B,R^FS');
    expect(zpl).toContain('^FO480,480^GB160,80,4^FS');
  });
});

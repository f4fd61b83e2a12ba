import { describe, expect, it } from 'vitest';
import { CffSubsetUnsupported, flattenCharString, readCffSource, writeCidCffSubset } from '../../electron/label/cff-subset';
import type { CffSource } from '../../electron/label/cff-subset';

// Type 2 charstring operators and one-byte operands (−107…107 is the byte value − 139).
const n = (v: number): number => v + 139;
const RLINETO = 5;
const CALLSUBR = 10;
const RETURN = 11;
const ENDCHAR = 14;
const HSTEMHM = 18;
const HINTMASK = 19;
const RMOVETO = 21;
const CALLGSUBR = 29;

type Program = number[];

/** A font's charstrings and subroutines laid out in one buffer, as a CFF table holds them. */
function sourceOf(opts: { charStrings: Program[]; localSubrs?: Program[]; globalSubrs?: Program[]; fdOf?: (gid: number) => number; fonts?: number }): CffSource {
  const bytes: number[] = [];
  const place = (programs: Program[]) => {
    const spans = programs.map((p) => {
      const start = bytes.length;
      bytes.push(...p);
      return [start, bytes.length] as const;
    });
    return { count: spans.length, start: (i: number) => spans[i]?.[0] ?? 0, end: (i: number) => spans[i]?.[1] ?? 0, endOfIndex: bytes.length };
  };
  const charStrings = place(opts.charStrings);
  const localSubrs = opts.localSubrs ? place(opts.localSubrs) : null;
  const globalSubrs = place(opts.globalSubrs ?? []);
  const fontDicts = Array.from({ length: opts.fonts ?? 1 }, (_, fd) => ({
    entries: [],
    // defaultWidthX 500 + fd, so each Font DICT's Private DICT can be told apart.
    privateEntries: [{ op: 20, operands: [500 + fd], raw: Uint8Array.of(248, 136 + fd, 20) }],
    localSubrs,
  }));
  return { data: Uint8Array.from(bytes), postscriptName: 'Test-Regular', charStrings, globalSubrs, fontDicts, fdForGlyph: opts.fdOf ?? (() => 0), topEntries: [] };
}

describe('flattening a glyph program', () => {
  it('replaces a local subroutine call by the subroutine, minus the index operand and its return', () => {
    // Fewer than 1240 subroutines: the bias is 107, so operand −107 names subroutine 0.
    const source = sourceOf({ charStrings: [[n(10), n(20), RMOVETO, n(-107), CALLSUBR, ENDCHAR]], localSubrs: [[n(5), n(6), RLINETO, RETURN]] });
    expect([...flattenCharString(source, 0)]).toEqual([n(10), n(20), RMOVETO, n(5), n(6), RLINETO, ENDCHAR]);
  });

  it('follows nested calls from local into global subroutines', () => {
    const source = sourceOf({
      charStrings: [[n(1), n(2), RMOVETO, n(-106), CALLSUBR, ENDCHAR]],
      localSubrs: [[RETURN], [n(3), n(-107), CALLGSUBR, RLINETO, RETURN]],
      globalSubrs: [[n(4), RETURN]],
    });
    expect([...flattenCharString(source, 0)]).toEqual([n(1), n(2), RMOVETO, n(3), n(4), RLINETO, ENDCHAR]);
  });

  it('ends the glyph at an endchar inside a subroutine', () => {
    const source = sourceOf({ charStrings: [[n(1), n(2), RMOVETO, n(-107), CALLSUBR, n(9), n(9), RLINETO]], localSubrs: [[ENDCHAR]] });
    expect([...flattenCharString(source, 0)]).toEqual([n(1), n(2), RMOVETO, ENDCHAR]);
  });

  it('removes a subroutine index written in two bytes', () => {
    // 1240 subroutines or more: bias 1131, so subroutine 0 is −1131, bytes 254 255.
    const subrs: Program[] = Array.from({ length: 1240 }, () => [RETURN]);
    subrs[0] = [n(7), n(8), RLINETO, RETURN];
    const source = sourceOf({ charStrings: [[n(0), n(0), RMOVETO, 254, 255, CALLSUBR, ENDCHAR]], localSubrs: subrs });
    expect([...flattenCharString(source, 0)]).toEqual([n(0), n(0), RMOVETO, n(7), n(8), RLINETO, ENDCHAR]);
  });

  it('copies hint mask bytes as data, counting the stems a hintmask declares implicitly', () => {
    // Two horizontal stems: one mask byte. The mask 0x0a is callsubr's code: read as an operator
    // it would break the glyph.
    const two = [n(0), n(10), n(20), n(10), HSTEMHM, HINTMASK, 0x0a, n(1), n(1), RMOVETO, ENDCHAR];
    expect([...flattenCharString(sourceOf({ charStrings: [two] }), 0)]).toEqual(two);
    // Eight horizontal stems and a ninth, vertical, left on the stack for hintmask: two bytes.
    const nine = [...Array.from({ length: 16 }, (_, i) => n(i)), HSTEMHM, n(30), n(10), HINTMASK, 0x0a, 0x0b, n(1), n(1), RMOVETO, ENDCHAR];
    expect([...flattenCharString(sourceOf({ charStrings: [nine] }), 0)]).toEqual(nine);
  });

  it('refuses arithmetic operators, which could compute a subroutine number', () => {
    const source = sourceOf({ charStrings: [[n(1), n(2), 12, 10, n(-107), CALLSUBR, ENDCHAR]], localSubrs: [[RETURN]] });
    expect(() => flattenCharString(source, 0)).toThrow(CffSubsetUnsupported);
  });

  it('refuses a call to a subroutine the font does not have', () => {
    const source = sourceOf({ charStrings: [[n(5), CALLSUBR, ENDCHAR]], localSubrs: [[RETURN]] });
    expect(() => flattenCharString(source, 0)).toThrow(/no subroutine/);
  });
});

describe('writing a CID-keyed CFF subset', () => {
  const source = sourceOf({
    charStrings: [[ENDCHAR], [n(1), n(1), RMOVETO, ENDCHAR], [n(2), n(2), RMOVETO, ENDCHAR], [n(3), n(3), RMOVETO, ENDCHAR]],
    fdOf: (gid) => [0, 2, 2, 1][gid] ?? 0,
    fonts: 3,
  });
  const glyphs = [0, 2, 1].map((gid) => ({ fd: source.fdForGlyph(gid), charString: flattenCharString(source, gid) }));
  const written = writeCidCffSubset(source, glyphs);
  const back = readCffSource(written);

  it('holds the glyphs in subset order, with no subroutines', () => {
    expect(back.charStrings.count).toBe(3);
    glyphs.forEach((g, i) => expect([...written.subarray(back.charStrings.start(i), back.charStrings.end(i))]).toEqual([...g.charString]));
    expect(back.globalSubrs.count).toBe(0);
    expect(back.fontDicts.every((fd) => fd.localSubrs === null)).toBe(true);
  });

  it('keeps only the Font DICTs in use, renumbered, each with its own Private DICT', () => {
    expect(back.fontDicts).toHaveLength(2);
    expect([0, 1, 2].map(back.fdForGlyph)).toEqual([0, 1, 1]);
    expect(back.fontDicts.map((fd) => fd.privateEntries.map((e) => e.operands))).toEqual([[[500]], [[502]]]);
  });

  it('refuses a subset without .notdef', () => {
    expect(() => writeCidCffSubset(source, [])).toThrow(CffSubsetUnsupported);
  });
});

// Code 128 (ISO/IEC 15417), code sets B and C only: tracking numbers are printable ASCII, so
// code set A (control characters) is not needed. FNC1 is supported for GS1-128 (gs1-128.ts):
// in planFnc1Code128's input the GS character (0x1D) stands for FNC1, which is how a scanner
// transmits a separator FNC1 and so how the decoded value reads.

export type Code128Set = 'B' | 'C';

// A run of data encoded in one code set; the symbol switches set between segments.
export type Code128Segment = { set: Code128Set; text: string };

// Element widths (bar, space, bar, …) of symbol values 0–106; 106 is the stop pattern, whose
// seventh element is the 2-module termination bar.
// prettier-ignore
const PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

export const CODE128_CODE_C = 99;
export const CODE128_CODE_B = 100;
export const CODE128_START_B = 104;
export const CODE128_START_C = 105;
export const CODE128_STOP = 106;
export const CODE128_FNC1 = 102;

/** Stands for FNC1 in planFnc1Code128's input and in segments: ASCII GS, as scanners send it. */
export const CODE128_FNC1_CHAR = '\x1d';

const MIN_C_RUN = 4;

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function assertEncodable(data: string): void {
  if (data.length === 0) throw new RangeError('Code 128 needs at least one character');
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code < 32 || code > 126) {
      throw new RangeError(
        `Code 128 (sets B/C) encodes printable ASCII only; character ${JSON.stringify(data[i])} at position ${i} is not`,
      );
    }
  }
}

/**
 * Splits data into code-set segments, after the length-minimising rules of ISO/IEC 15417 Annex E
 * (GS1 General Specifications 5.4.7.7): code set C for digit runs of four or more (or data that is
 * exactly two digits), code set B otherwise.
 */
export function planCode128(data: string): Code128Segment[] {
  assertEncodable(data);
  const segments: Code128Segment[] = [];
  const push = (set: Code128Set, text: string): void => {
    if (text.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.set === set) last.text += text;
    else segments.push({ set, text });
  };

  let i = 0;
  while (i < data.length) {
    const ch = data.charAt(i);
    if (!isDigit(ch)) {
      push('B', ch);
      i++;
      continue;
    }
    let end = i;
    while (end < data.length && isDigit(data.charAt(end))) end++;
    const run = data.slice(i, end);
    const atStart = i === 0;
    const atEnd = end === data.length;
    const wholeDataIsTwoDigits = atStart && atEnd && run.length === 2;

    if (run.length < MIN_C_RUN && !wholeDataIsTwoDigits) {
      push('B', run);
    } else if (run.length % 2 === 0) {
      push('C', run);
    } else if (atStart && !atEnd) {
      // The odd digit rides in code set B with the text that follows, sharing its CODE B switch.
      push('C', run.slice(0, -1));
      push('B', run.slice(-1));
    } else {
      // An odd run in the middle or at the end puts its lone digit in B before switching. At the
      // end this is the same length as the annex's "CODE B before the last digit", and it keeps a
      // single character from trailing a set switch, which zebrash (the ZPL renderer the tests
      // read labels back with) drops.
      push('B', run.slice(0, 1));
      push('C', run.slice(1));
    }
    i = end;
  }
  return segments;
}

/** Symbol check character: start value plus each data symbol value times its position, mod 103. */
export function code128CheckValue(valuesFromStart: readonly number[]): number {
  let sum = valuesFromStart[0] ?? 0;
  for (let i = 1; i < valuesFromStart.length; i++) sum += (valuesFromStart[i] ?? 0) * i;
  return sum % 103;
}

/** Symbol values of planned segments: start, data (with set switches and FNC1), check, stop. */
export function code128SymbolsOfSegments(segments: readonly Code128Segment[]): number[] {
  if (segments.length === 0) throw new RangeError('Code 128 needs at least one segment');
  const values: number[] = [];
  segments.forEach((segment, index) => {
    if (index === 0) values.push(segment.set === 'C' ? CODE128_START_C : CODE128_START_B);
    else values.push(segment.set === 'C' ? CODE128_CODE_C : CODE128_CODE_B);
    let i = 0;
    while (i < segment.text.length) {
      const ch = segment.text.charAt(i);
      if (ch === CODE128_FNC1_CHAR) {
        values.push(CODE128_FNC1);
        i++;
      } else if (segment.set === 'C') {
        const pair = segment.text.slice(i, i + 2);
        if (!/^[0-9]{2}$/.test(pair)) throw new RangeError(`code set C holds digit pairs; ${JSON.stringify(pair)} is not one`);
        values.push(Number(pair));
        i += 2;
      } else {
        values.push(segment.text.charCodeAt(i) - 32);
        i++;
      }
    }
  });
  values.push(code128CheckValue(values), CODE128_STOP);
  return values;
}

/** Symbol values: start, data (with set switches), check, stop. */
export function code128Symbols(data: string): number[] {
  return code128SymbolsOfSegments(planCode128(data));
}

/**
 * Code-set plan for data that may hold FNC1 (as GS, 0x1D) anywhere, by dynamic programming
 * over (position, code set): FNC1 exists in both sets, so unlike the heuristic of planCode128
 * a separator never forces a switch. Used for GS1-128, whose data starts with FNC1.
 *
 * Shortest among the plans that two zebrash flaws cannot spoil, since the ZPL spells the plan
 * out as invocation codes and the tests read labels back through zebrash: it sends ">5" (CODE
 * C) as FNC4 and goes on in set B, so a switch from B to C is never planned (C only from the
 * start); and it drops a single character after a set switch at the very end, so a plan never
 * ends that way. Both cost a symbol or two at most on a label's short element strings.
 */
export function planFnc1Code128(data: string): Code128Segment[] {
  if (data.length === 0) throw new RangeError('Code 128 needs at least one character');
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (data.charAt(i) !== CODE128_FNC1_CHAR && (code < 32 || code > 126)) {
      throw new RangeError(`Code 128 (sets B/C) encodes printable ASCII and FNC1 only; character ${JSON.stringify(data[i])} at position ${i} is not`);
    }
  }
  const n = data.length;
  const sets: readonly Code128Set[] = ['B', 'C'];
  // best[i][s]: cheapest cost of data[i..] when already in set s; step: how many characters the
  // next symbol takes, and the set it is taken in (a different set means a switch first).
  const best: Record<Code128Set, number>[] = [];
  const step: Record<Code128Set, { set: Code128Set; take: number } | null>[] = [];
  best[n] = { B: 0, C: 0 };
  step[n] = { B: null, C: null };
  const takeIn = (i: number, set: Code128Set): number => {
    const ch = data.charAt(i);
    if (ch === CODE128_FNC1_CHAR) return 1;
    if (set === 'B') return 1;
    return isDigit(ch) && isDigit(data.charAt(i + 1)) ? 2 : 0;
  };
  for (let i = n - 1; i >= 0; i--) {
    const row: Record<Code128Set, number> = { B: Infinity, C: Infinity };
    const choice: Record<Code128Set, { set: Code128Set; take: number } | null> = { B: null, C: null };
    for (const current of sets) {
      for (const target of sets) {
        const take = takeIn(i, target);
        if (take === 0) continue;
        const switching = target !== current;
        if (switching && (target === 'C' || i + take === n)) continue;
        const cost = (best[i + take]?.[target] ?? Infinity) + 1 + (switching ? 1 : 0);
        if (cost < row[current]) {
          row[current] = cost;
          choice[current] = { set: target, take };
        }
      }
    }
    best[i] = row;
    step[i] = choice;
  }
  // The start character selects the first set at no extra cost: pretend to be in it already.
  const first: Code128Set = (best[0]?.C ?? Infinity) < (best[0]?.B ?? Infinity) ? 'C' : 'B';
  const segments: Code128Segment[] = [];
  let set = first;
  let i = 0;
  while (i < n) {
    const next = step[i]?.[set];
    if (!next) throw new RangeError(`no Code 128 plan for ${JSON.stringify(data)}`);
    const last = segments[segments.length - 1];
    const piece = data.slice(i, i + next.take);
    if (last && last.set === next.set) last.text += piece;
    else segments.push({ set: next.set, text: piece });
    set = next.set;
    i += next.take;
  }
  return segments;
}

/** Module widths (bar, space, …) of a sequence of symbol values. */
export function code128WidthsOfSymbols(values: readonly number[]): number[] {
  const widths: number[] = [];
  for (const value of values) {
    const pattern = PATTERNS[value];
    if (pattern === undefined) throw new RangeError(`no Code 128 pattern for value ${value}`);
    for (const digit of pattern) widths.push(Number(digit));
  }
  return widths;
}

/**
 * Module widths of the whole symbol, without quiet zones: bar, space, bar, …, starting with the
 * start character's first bar and ending with the stop pattern's 2-module termination bar.
 */
export function encodeCode128(data: string): number[] {
  return code128WidthsOfSymbols(code128Symbols(data));
}

export function code128TotalModules(widths: readonly number[]): number {
  return widths.reduce((sum, width) => sum + width, 0);
}

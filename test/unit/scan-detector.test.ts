import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretScan } from '../../shared/scan/barcode';
import type { DetectorState, DetectorStep, KeyInput, ScanDetectorConfig } from '../../shared/scan/scan-detector';
import { DEFAULT_SCAN_DETECTOR_CONFIG, flushDetector, initialDetectorState, stepDetector } from '../../shared/scan/scan-detector';

const GS = '\u001d';
const config = DEFAULT_SCAN_DETECTOR_CONFIG;

/** One key per character of `text`, `gapMs` apart, starting at `startMs`. */
function typed(text: string, startMs: number, gapMs: number): KeyInput[] {
  return [...text].map((key, i) => ({ key, timeMs: startMs + i * gapMs }));
}

function then(keys: KeyInput[], key: string, afterMs: number): KeyInput[] {
  const last = keys[keys.length - 1]?.timeMs ?? 0;
  return [...keys, { key, timeMs: last + afterMs }];
}

type Bench = {
  field: string;
  scans: string[];
  dropped: string[][];
  passedKeys: string[];
  steps: DetectorStep[];
  /** The key each step answered; null for a timer flush. */
  stepKeys: Array<string | null>;
};

/**
 * A focused text field and the renderer's timer, around the pure detector: replayed keys are
 * typed into the field before the current key acts; a passed printable key is typed, a passed
 * Backspace deletes; the timer flushes a burst once maxInterKeyMs has gone by (with
 * `timer: false` only after the last key, to show stepDetector copes with a late timer).
 */
function bench(keys: readonly KeyInput[], cfg: ScanDetectorConfig = config, options: { timer: boolean } = { timer: true }): Bench {
  const result: Bench = { field: '', scans: [], dropped: [], passedKeys: [], steps: [], stepKeys: [] };
  let state: DetectorState = initialDetectorState();
  const apply = (step: DetectorStep, key: string | null): void => {
    result.steps.push(step);
    result.stepKeys.push(key);
    state = step.state;
    result.field += (step.replay ?? []).join('');
    if (step.scan !== undefined) result.scans.push(step.scan);
    if (step.dropped !== undefined) result.dropped.push(step.dropped);
    if (key === null || step.action !== 'pass') return;
    result.passedKeys.push(key);
    if (key === 'Backspace') result.field = result.field.slice(0, -1);
    else if ([...key].length === 1) result.field += key;
  };
  const flushBefore = (timeMs: number): void => {
    if (options.timer && state.phase === 'burst' && timeMs > state.lastKeyMs + cfg.maxInterKeyMs) {
      apply(flushDetector(state, state.lastKeyMs + cfg.maxInterKeyMs + 1, cfg), null);
    }
  };
  for (const input of keys) {
    flushBefore(input.timeMs);
    apply(stepDetector(state, input, cfg), input.key);
  }
  // However the timer is set up, it fires once the keys stop.
  if (state.phase === 'burst') apply(flushDetector(state, Number.POSITIVE_INFINITY, cfg), null);
  return result;
}

describe('a scanner burst', () => {
  it('five milliseconds apart and ending in Enter is a scan', () => {
    const run = bench(then(typed('036000291452', 0, 5), 'Enter', 5));
    expect(run.scans).toEqual(['036000291452']);
    expect(run.field).toBe('');
  });

  it('is swallowed key by key while the weight field has the focus: nothing reaches the field', () => {
    // The detector does not know about focus; what matters is that no key is passed or replayed.
    const run = bench(then(typed('X001ABCDEF', 1000, 4), 'Enter', 4));
    expect(run.steps.map((s) => s.action)).toEqual(Array(11).fill('swallow'));
    expect(run.steps.every((s) => s.replay === undefined)).toBe(true);
    expect(run.passedKeys).toEqual([]);
    expect(run.scans).toEqual(['X001ABCDEF']);
  });

  it('arrives whole in the middle of typing a weight, and the weight stays as typed', () => {
    const weight = typed('1.2', 0, 150);
    const scan = then(typed('036000291452', 600, 5), 'Enter', 5);
    const rest = typed('5', 1200, 150);
    const run = bench([...weight, ...scan, ...rest]);
    expect(run.field).toBe('1.25');
    expect(run.scans).toEqual(['036000291452']);
  });

  it('ending in Tab is a scan too', () => {
    const run = bench(then(typed('96385074', 0, 5), 'Tab', 5));
    expect(run.scans).toEqual(['96385074']);
    expect(run.passedKeys).toEqual([]);
  });

  it('ending in Tab is typing when only Enter is set as terminator: the keys go in, then the Tab moves on', () => {
    const run = bench(then(typed('96385074', 0, 5), 'Tab', 5), { ...config, terminators: ['Enter'] });
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('96385074');
    expect(run.passedKeys).toEqual(['Tab']);
  });

  it('with capitals: the Shift the scanner presses for each does not break the burst', () => {
    const keys: KeyInput[] = [];
    let t = 0;
    for (const ch of 'X001ABCDEF') {
      if (ch >= 'A' && ch <= 'Z') keys.push({ key: 'Shift', timeMs: (t += 2) });
      keys.push({ key: ch, timeMs: (t += 3) });
    }
    const run = bench(then(keys, 'Enter', 3));
    expect(run.scans).toEqual(['X001ABCDEF']);
    expect(run.passedKeys).toEqual(['Shift', 'Shift', 'Shift', 'Shift', 'Shift', 'Shift', 'Shift']);
  });

  it('from a slow (wireless) scanner, 60 ms apart, is a scan once maxInterKeyMs is 80', () => {
    const keys = then(typed('4006381333931', 0, 60), 'Enter', 60);
    expect(bench(keys, { ...config, maxInterKeyMs: 80 }).scans).toEqual(['4006381333931']);
    // The same keys under the default 35 ms are typing, and all of them reach the field.
    const run = bench(keys);
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('4006381333931');
    expect(run.passedKeys).toEqual(['Enter']);
  });

  it('of a GS1 DataMatrix, with Ctrl+] fed as GS, arrives whole and reads as the product', () => {
    const code = `]d201095011010209171719050810ABCD1234${GS}2110`;
    const run = bench(then(typed(code, 0, 2), 'Enter', 2));
    expect(run.scans).toEqual([code]);
    expect(interpretScan(run.scans[0] ?? '')).toMatchObject({ kind: 'product', gtin14: '09501101020917', serial: '10' });
  });

  it('exactly minLength long is a scan; one shorter is typing', () => {
    expect(bench(then(typed('1234', 0, 5), 'Enter', 5)).scans).toEqual(['1234']);
    const run = bench(then(typed('123', 0, 5), 'Enter', 5));
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('123');
  });

  it('too short, ending in Enter, is replayed and the Enter still acts', () => {
    const step = bench(then(typed('ok', 0, 20), 'Enter', 20)).steps.at(-1);
    expect(step).toMatchObject({ action: 'pass', replay: ['o', 'k'], state: { phase: 'idle' } });
    expect(step?.scan).toBeUndefined();
  });

  it('whose Enter comes too late is typing, even without the timer', () => {
    const run = bench(then(typed('036000291452', 0, 5), 'Enter', 200), config, { timer: false });
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('036000291452');
    expect(run.passedKeys).toEqual(['Enter']);
  });
});

describe('human typing', () => {
  it('120 ms apart is not a scan, and every key reaches the field in order', () => {
    const run = bench(then(typed('1.25', 0, 120), 'Enter', 120));
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('1.25');
    expect(run.passedKeys).toEqual(['Enter']);
  });

  it('is held one key at a time: each key is replayed when the next slow one comes', () => {
    const run = bench(typed('12', 0, 120), config, { timer: false });
    expect(run.steps).toEqual([
      { state: { phase: 'burst', keys: ['1'], lastKeyMs: 0 }, action: 'swallow' },
      { state: { phase: 'burst', keys: ['2'], lastKeyMs: 120 }, action: 'swallow', replay: ['1'] },
      { state: { phase: 'idle' }, action: 'pass', replay: ['2'] },
    ]);
    expect(run.field).toBe('12');
  });

  it('of "12" and then a scanner burst: the 12 goes into the field, the scan does not', () => {
    const human = typed('12', 0, 150);
    const scan = then(typed('96385074', 400, 5), 'Enter', 5);
    for (const timer of [true, false]) {
      const run = bench([...human, ...scan], config, { timer });
      expect(run.field).toBe('12');
      expect(run.scans).toEqual(['96385074']);
    }
  });

  it('with Backspace during a held burst: the held keys go in first, then the Backspace deletes', () => {
    const keys = then(typed('12', 0, 10), 'Backspace', 10);
    const run = bench(keys);
    expect(run.steps.at(-1)).toMatchObject({ action: 'pass', replay: ['1', '2'] });
    expect(run.field).toBe('1');
  });

  it.each(['ArrowLeft', 'Escape', 'Delete', 'Shortcut'])('with %s during a held burst: the held keys go in before it acts', (key) => {
    const run = bench(then(typed('12', 0, 10), key, 10));
    expect(run.steps.at(-1)).toMatchObject({ action: 'pass', replay: ['1', '2'] });
    expect(run.passedKeys).toEqual([key]);
  });

  it('of Enter on its own (pressing a button) passes straight through', () => {
    expect(stepDetector(initialDetectorState(), { key: 'Enter', timeMs: 0 }, config)).toEqual({ state: { phase: 'idle' }, action: 'pass' });
  });

  it('holding a key down (auto-repeat, ~33 ms apart) is never a scan', () => {
    const keys: KeyInput[] = [{ key: '0', timeMs: 0 }];
    for (let i = 0; i < 6; i += 1) keys.push({ key: '0', timeMs: 500 + i * 33, repeat: true });
    const run = bench(then(keys, 'Enter', 33));
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('0000000');
  });

  it('a Shift in between does not keep a slow burst alive', () => {
    const keys: KeyInput[] = [
      { key: '1', timeMs: 0 },
      { key: 'Shift', timeMs: 30 },
      { key: '2', timeMs: 60 },
    ];
    const run = bench(keys, config, { timer: false });
    expect(run.stepKeys[2]).toBe('2');
    expect(run.steps[2]).toMatchObject({ replay: ['1'], state: { phase: 'burst', keys: ['2'] } });
  });
});

describe('flushDetector', () => {
  it('keeps a burst that is still within timing', () => {
    const held = stepDetector(initialDetectorState(), { key: '7', timeMs: 0 }, config).state;
    expect(flushDetector(held, 35, config)).toEqual({ state: held, action: 'pass' });
  });

  it('replays a burst that timed out without a terminator, as typing', () => {
    const held = stepDetector(initialDetectorState(), { key: '7', timeMs: 0 }, config).state;
    expect(flushDetector(held, 36, config)).toEqual({ state: { phase: 'idle' }, action: 'pass', replay: ['7'] });
  });

  it('replays even a long unterminated burst when no prefix is set, so no keystroke is ever lost', () => {
    const run = bench(typed('036000291452', 0, 5));
    expect(run.field).toBe('036000291452');
    expect(run.dropped).toEqual([]);
  });

  it('does nothing when idle', () => {
    expect(flushDetector(initialDetectorState(), 1e9, config)).toEqual({ state: { phase: 'idle' }, action: 'pass' });
  });
});

describe('a configured prefix and suffix', () => {
  const framed: ScanDetectorConfig = { ...config, prefix: '~', suffix: '#' };

  it('are stripped from the scan', () => {
    const run = bench(then(typed('~X001ABCDEF#', 0, 5), 'Enter', 5), framed);
    expect(run.scans).toEqual(['X001ABCDEF']);
    expect(run.field).toBe('');
  });

  it('count towards neither minLength nor the scan', () => {
    expect(bench(then(typed('~1234#', 0, 5), 'Enter', 5), framed).scans).toEqual(['1234']);
    expect(bench(then(typed('~123#', 0, 5), 'Enter', 5), framed).field).toBe('~123#');
  });

  it('let a person’s keys through at once: a key that cannot start the prefix is never held', () => {
    const run = bench(typed('1.2', 0, 150), framed, { timer: false });
    expect(run.steps.map((s) => s.action)).toEqual(['pass', 'pass', 'pass']);
    expect(run.field).toBe('1.2');
  });

  it('turn a fast burst without the prefix into typing (another scanner, or none of ours)', () => {
    const run = bench(then(typed('96385074', 0, 5), 'Enter', 5), framed);
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('96385074');
  });

  it('turn a burst that lacks the suffix into typing', () => {
    const run = bench(then(typed('~96385074', 0, 5), 'Enter', 5), framed);
    expect(run.scans).toEqual([]);
    expect(run.field).toBe('~96385074');
  });

  it('replay a held prefix character when the next key does not continue the prefix', () => {
    const run = bench(typed('~~', 0, 5), { ...config, prefix: '~!' }, { timer: false });
    expect(run.steps[1]).toMatchObject({ action: 'swallow', replay: ['~'] });
  });

  it('drop a prefixed burst long enough to be a scan that never got its terminator: it must not land in a field', () => {
    const run = bench(typed('~036000291452#', 0, 5), framed);
    expect(run.dropped).toEqual([[...'~036000291452#']]);
    expect(run.field).toBe('');
  });

  it('replay a lone prefix character a person typed', () => {
    const run = bench(typed('~', 0, 5), framed);
    expect(run.dropped).toEqual([]);
    expect(run.field).toBe('~');
  });
});

describe('stepDetector configuration', () => {
  it.each([
    ['maxInterKeyMs 0', { ...config, maxInterKeyMs: 0 }],
    ['minLength 0', { ...config, minLength: 0 }],
    ['minLength 2.5', { ...config, minLength: 2.5 }],
  ])('refuses %s', (_name, cfg) => {
    expect(() => stepDetector(initialDetectorState(), { key: '1', timeMs: 0 }, cfg)).toThrow(RangeError);
    expect(() => flushDetector(initialDetectorState(), 0, cfg)).toThrow(RangeError);
  });
});

describe('no key is ever lost, doubled or reordered', () => {
  const keyArb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('0', '1', '7', 'A', 'x', '.', '~', '#', ' ', '中', GS) },
    { weight: 1, arbitrary: fc.constantFrom('Enter', 'Tab', 'Shift', 'Backspace', 'ArrowLeft') },
  );
  const inputsArb = fc
    .array(fc.record({ key: keyArb, gapMs: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 300 })), repeat: fc.boolean() }), {
      maxLength: 40,
    })
    .map((events) => {
      let t = 0;
      return events.map(({ key, gapMs, repeat }): KeyInput => ({ key, timeMs: (t += gapMs), repeat: repeat && key.length === 1 }));
    });
  const configArb = fc.record({
    maxInterKeyMs: fc.integer({ min: 1, max: 100 }),
    minLength: fc.integer({ min: 1, max: 6 }),
    prefix: fc.constantFrom('', '~', '~~'),
    suffix: fc.constantFrom('', '#'),
    terminators: fc.constantFrom<ScanDetectorConfig['terminators']>(['Enter', 'Tab'], ['Enter']),
  });

  it('every printable key comes out once, in order: replayed, passed, scanned or dropped', () => {
    fc.assert(
      fc.property(inputsArb, configArb, fc.boolean(), (keys, cfg, timer) => {
        const run = bench(keys, cfg, { timer });
        const out: string[] = [];
        for (const [i, step] of run.steps.entries()) {
          out.push(...(step.replay ?? []));
          if (step.scan !== undefined) out.push(...cfg.prefix, ...step.scan, ...cfg.suffix);
          out.push(...(step.dropped ?? []));
          const key = run.stepKeys[i] ?? null;
          if (key !== null && step.action === 'pass' && [...key].length === 1) out.push(key);
        }
        expect(out).toEqual(keys.map((k) => k.key).filter((key) => [...key].length === 1));
        if (timer) expect(run.steps.at(-1)?.state ?? { phase: 'idle' }).toEqual({ phase: 'idle' });
      }),
    );
  });

  it('keys a person types slower than maxInterKeyMs are never a scan and all reach the field', () => {
    const text = fc.array(fc.constantFrom('0', '1', '.', 'k', 'g'), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(text, fc.integer({ min: 36, max: 400 }), (chars, gap) => {
        const run = bench(then(typed(chars.join(''), 0, gap), 'Enter', gap));
        expect(run.scans).toEqual([]);
        expect(run.field).toBe(chars.join(''));
      }),
    );
  });
});

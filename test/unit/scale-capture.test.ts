import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from '../../shared/scale/hid-scale';
import type { ScaleReading, ScaleResult } from '../../shared/scale/reading';
import { isScaleError, scaleError } from '../../shared/scale/reading';
import { createSimulatedScale, sampleReadings, simulatedHidReport } from '../../shared/scale/simulated';
import type { CaptureOptions, CaptureState } from '../../shared/scale/weight-capture';
import {
  DEFAULT_CAPTURE_OPTIONS,
  captureStep,
  createCaptureState,
  packageClosed,
  resetForNewPackage,
  takeOnRequest,
} from '../../shared/scale/weight-capture';

const stable = (grams: number): ScaleReading => ({
  grams,
  stable: true,
  status: grams === 0 ? 'zero' : grams < 0 ? 'negative' : 'ok',
  rawUnit: 'g',
});
const moving = (grams: number): ScaleReading => ({ grams, stable: false, status: 'in-motion', rawUnit: 'g' });
const overload: ScaleReading = { grams: 0, stable: false, status: 'overload', rawUnit: 'g' };
const fault: ScaleReading = { grams: 120, stable: false, status: 'error', rawUnit: 'g', fault: 'device-fault' };

type BenchEvent = ['read', number, ScaleResult] | ['close'] | ['open'] | ['request', number];

/** Plays bench events through the capture rule and lists what was taken, and when. */
function play(events: BenchEvent[], options: CaptureOptions = DEFAULT_CAPTURE_OPTIONS): Array<[number, number]> {
  let state: CaptureState = resetForNewPackage(createCaptureState());
  const takes: Array<[number, number]> = [];
  for (const event of events) {
    if (event[0] === 'close') state = packageClosed(state);
    else if (event[0] === 'open') state = resetForNewPackage(state);
    else {
      const step =
        event[0] === 'read' ? captureStep(state, event[2], event[1], options) : takeOnRequest(state, event[1], options);
      state = step.state;
      if (step.take !== undefined) takes.push([event[1], step.take]);
    }
  }
  return takes;
}

/** The same reading every 100 ms from `fromMs` to `toMs`. */
function hold(reading: ScaleResult, fromMs: number, toMs: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  for (let at = fromMs; at <= toMs; at += 100) events.push(['read', at, reading]);
  return events;
}

describe('taking the weight from the scale', () => {
  it.each<[string, BenchEvent[], Array<[number, number]>]>([
    [
      'a box that settles is taken once it has read the same for 500 ms',
      [...hold(moving(900), 0, 300), ...hold(stable(1250), 400, 1500)],
      [[900, 1250]],
    ],
    ['a weight stable for only 400 ms is not taken yet', hold(stable(1250), 0, 400), []],
    [
      'motion in the middle starts the wait again',
      [...hold(stable(1250), 0, 300), ['read', 400, moving(1250)], ...hold(stable(1250), 500, 1000)],
      [[1000, 1250]],
    ],
    [
      'a different weight starts the wait again',
      [...hold(stable(1250), 0, 300), ...hold(stable(1251), 400, 1000)],
      [[900, 1251]],
    ],
    [
      'an unreadable frame starts the wait again',
      [...hold(stable(1250), 0, 400), ['read', 450, scaleError('SCALE_CHECKSUM', 'bad')], ...hold(stable(1250), 500, 900)],
      [],
    ],
    ['an empty scale is never taken', hold(stable(0), 0, 2000), []],
    ['a negative weight is never taken', hold(stable(-40), 0, 2000), []],
    ['a swinging weight is never taken', hold(moving(1250), 0, 2000), []],
    ['an overload is never taken', hold(overload, 0, 2000), []],
    ['a faulty scale is never taken', hold(fault, 0, 2000), []],
    ['a weight stays taken: no second take while it stays on the scale', hold(stable(1250), 0, 5000), [[500, 1250]]],
    [
      'an item added to the open box replaces the weight',
      [...hold(stable(1250), 0, 600), ...hold(moving(1400), 700, 800), ...hold(stable(1480), 900, 1500)],
      [
        [500, 1250],
        [1400, 1480],
      ],
    ],
    [
      'lifting the box and setting it back does not take it again',
      [...hold(stable(1250), 0, 600), ...hold(stable(0), 700, 1000), ...hold(stable(1250), 1100, 2000)],
      [[500, 1250]],
    ],
    [
      'a clock that goes backwards starts the wait again',
      [...hold(stable(1250), 1000, 1400), ...hold(stable(1250), 0, 400)],
      [],
    ],
  ])('%s', (_name, events, takes) => {
    expect(play(events)).toEqual(takes);
  });

  it('reading stops when the package is closed, and nothing read then counts later', () => {
    expect(play([['close'], ...hold(stable(1250), 0, 2000)])).toEqual([]);
    // Stable while closed, then a new package opens with the new box already settled: the wait
    // starts at the first reading of the open package.
    expect(play([['close'], ...hold(stable(700), 0, 2000), ['open'], ...hold(stable(700), 2100, 2700)])).toEqual([[2600, 700]]);
  });

  it('the box of the previous package left on the scale does not fill the next package', () => {
    expect(
      play([...hold(stable(1250), 0, 600), ['close'], ['open'], ...hold(stable(1250), 700, 3000)]),
    ).toEqual([[500, 1250]]);
  });

  it('a box whose weight was typed, left on the scale at close, does not fill the next package', () => {
    // 400 ms of stability is too short to take it, but it stood there when the package closed.
    expect(play([...hold(stable(980), 0, 400), ['close'], ['open'], ...hold(stable(980), 500, 3000)])).toEqual([]);
  });

  it('once the old box is replaced by the next one, the next one is taken', () => {
    expect(
      play([
        ...hold(stable(1250), 0, 600),
        ['close'],
        ['open'],
        ...hold(stable(1250), 700, 900),
        ...hold(moving(300), 1000, 1100),
        ...hold(stable(0), 1200, 1300),
        ...hold(stable(2010), 1400, 2000),
      ]),
    ).toEqual([
      [500, 1250],
      [1900, 2010],
    ]);
  });

  it('a next box weighing exactly the same to the gram needs the packer\'s request', () => {
    const events: BenchEvent[] = [
      ...hold(stable(1250), 0, 600),
      ['open'],
      ...hold(stable(0), 700, 800),
      ...hold(stable(1250), 900, 1600),
    ];
    expect(play(events)).toEqual([[500, 1250]]);
    expect(play([...events, ['request', 1600]])).toEqual([
      [500, 1250],
      [1600, 1250],
    ]);
    // The request still wants a settled weight.
    expect(play([...hold(stable(1250), 0, 300), ['request', 300]])).toEqual([]);
  });

  it('after a restart, the weight of the last package packed is not taken again', () => {
    let state = resetForNewPackage(createCaptureState(1250));
    for (const at of [0, 100, 200, 300, 400, 500, 600]) state = captureStep(state, stable(1250), at).state;
    expect(state.takenGrams).toBeNull();
  });

  it('minGrams and stableForMs are settings', () => {
    expect(play(hold(stable(3), 0, 1000), { stableForMs: 500, minGrams: 5 })).toEqual([]);
    expect(play(hold(stable(5), 0, 1000), { stableForMs: 500, minGrams: 5 })).toEqual([[500, 5]]);
    expect(play(hold(stable(1250), 0, 1000), { stableForMs: 1000, minGrams: 1 })).toEqual([[1000, 1250]]);
  });

  it('the simulated scale fills the weight once the box has settled', () => {
    const scale = createSimulatedScale(7);
    scale.place(1250, 1000);
    const samples = sampleReadings(scale, 0, 4000, 100);
    expect(samples.some(({ reading }) => reading.status === 'in-motion')).toBe(true);
    let state = resetForNewPackage(createCaptureState());
    const takes: Array<[number, number]> = [];
    for (const { atMs, reading } of samples) {
      // Through the HID parser, as a real USB scale's reports would come.
      const parsed = parseHidScaleReport(simulatedHidReport(reading));
      const step = captureStep(state, parsed, atMs);
      state = step.state;
      if (step.take !== undefined) takes.push([atMs, step.take]);
    }
    expect(takes).toHaveLength(1);
    expect(takes[0]?.[1]).toBe(1250);
    const firstStable = samples.find(({ atMs, reading }) => atMs >= 1000 && reading.stable)?.atMs ?? Number.NaN;
    expect(takes[0]?.[0]).toBe(firstStable + 500);
  });
});

describe('the capture rule on any stream of readings', () => {
  const readingArb: fc.Arbitrary<ScaleResult> = fc.oneof(
    // Any status with any stability flag and weight, even combinations no parser produces.
    fc.record({
      grams: fc.oneof(fc.integer({ min: -50, max: 12 }), fc.constantFrom(500, 1250)),
      stable: fc.boolean(),
      status: fc.constantFrom<ScaleReading['status']>('ok', 'in-motion', 'zero', 'negative', 'overload', 'underload', 'error'),
      rawUnit: fc.constant('g'),
    }),
    // A few weights, so that the same weight comes back often, within and across packages.
    fc.constantFrom(1, 2, 500, 1250).map(stable),
    fc.constant(scaleError('SCALE_LINE_UNREADABLE', 'noise')),
  );
  // A reading held on the scale for a while (a run of equal readings), or the package closing
  // or opening.
  const eventArb = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.tuple(
        fc.constant('hold' as const),
        readingArb,
        fc.integer({ min: 1, max: 10 }), // how many readings
        fc.integer({ min: 0, max: 250 }), // ms between them
      ),
    },
    { weight: 1, arbitrary: fc.constant(['close'] as const) },
    { weight: 2, arbitrary: fc.constant(['open'] as const) },
  );
  let takesSeen = 0;

  // The clock only moves forward here; a clock going backwards is a case of its own above.
  it('never takes an unstable, zero or non-ok reading, nor the same weight twice in a row, nor while closed', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 60 }),
        fc.record({ stableForMs: fc.constantFrom(0, 100, 500, 800), minGrams: fc.integer({ min: 1, max: 10 }) }),
        (events, options) => {
          let state = resetForNewPackage(createCaptureState());
          let clock = 0;
          let lastTake: number | null = null;
          const history: Array<{ at: number; grams: number | null }> = [];
          for (const event of events) {
            if (event[0] === 'close') {
              state = packageClosed(state);
              history.length = 0;
              continue;
            }
            if (event[0] === 'open') {
              state = resetForNewPackage(state);
              history.length = 0;
              continue;
            }
            const [, reading, count, stepMs] = event;
            for (let index = 0; index < count; index += 1) {
              clock += stepMs;
              const wasClosed = state.phase === 'closed';
              const step = captureStep(state, reading, clock, options);
              state = step.state;
              const good =
                !isScaleError(reading) && reading.status === 'ok' && reading.stable && reading.grams >= options.minGrams;
              if (!wasClosed) history.push({ at: clock, grams: good ? reading.grams : null });
              if (step.take === undefined) continue;
              takesSeen += 1;
              expect(wasClosed).toBe(false);
              expect(good).toBe(true);
              expect(!isScaleError(reading) && step.take === reading.grams).toBe(true);
              expect(step.take).toBeGreaterThanOrEqual(options.minGrams);
              expect(step.take).not.toBe(lastTake);
              // The readings of this package that led up to the take all read that stable
              // weight, and the first of them came at least stableForMs ago.
              let first = history.length - 1;
              while (first > 0 && history[first - 1]?.grams === step.take) first -= 1;
              expect(history[first]?.at).toBeLessThanOrEqual(clock - options.stableForMs);
              lastTake = step.take;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
    // A property that never sees a take proves nothing.
    expect(takesSeen).toBeGreaterThan(100);
  });
});

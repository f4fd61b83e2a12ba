import { describe, expect, it } from 'vitest';
import { rangeSupply } from '../../shared/domain/tracking-ranges';

const range = (nextSeq: number, lastSeq: number, lowWarningAt: number) => ({ nextSeq, lastSeq, lowWarningAt });

describe('what is left of the tracking-number ranges', () => {
  it.each([
    ['no range at all: nothing left, low', [], { remaining: 0, lowWarningAt: 0, low: true }],
    ['a fresh range of 1,000 with a warning at 200', [range(1, 1000, 200)], { remaining: 1000, lowWarningAt: 200, low: false }],
    ['exactly at the warning level is low', [range(801, 1000, 200)], { remaining: 200, lowWarningAt: 200, low: true }],
    ['one above the level is not', [range(800, 1000, 200)], { remaining: 201, lowWarningAt: 200, low: false }],
    ['two open ranges add up; the higher level counts', [range(901, 1000, 200), range(1, 150, 50)], { remaining: 250, lowWarningAt: 200, low: false }],
    ['an exhausted range counts neither its numbers nor its level', [range(1001, 1000, 5000), range(1, 300, 100)], { remaining: 300, lowWarningAt: 100, low: false }],
    ['all exhausted: nothing left, the last levels still say low', [range(1001, 1000, 200)], { remaining: 0, lowWarningAt: 200, low: true }],
  ])('%s', (_name, ranges, expected) => {
    expect(rangeSupply(ranges)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { deadlineStanding } from '../../shared/sync/confirm-deadline';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const HOUR = 3_600_000;

describe('how close a confirmation is to its confirm-by time', () => {
  it.each([
    [null, 'no-deadline'],
    ['not a time', 'no-deadline'],
    ['2026-11-26T11:59:00.000Z', 'late'],
    ['2026-11-26T11:59:59.999Z', 'late'],
    ['2026-11-26T12:00:00.000Z', 'within'],
    ['2026-11-26T12:30:00.000Z', 'within'],
    ['2026-11-26T13:00:00.000Z', 'within'],
    ['2026-11-26T13:00:00.001Z', 'later'],
    ['2026-11-27T12:00:00.000Z', 'later'],
  ] as const)('%s → %s (one-hour window)', (confirmBy, standing) => {
    expect(deadlineStanding(confirmBy, NOW, HOUR)).toBe(standing);
  });
});

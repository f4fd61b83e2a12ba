// How much is left of a service's carrier-assigned tracking-number ranges, and whether that is
// low enough to warn: the supervisor must order a new range before the bench runs dry.

export type RangeLevel = { lastSeq: number; nextSeq: number; lowWarningAt: number };

export type RangeSupply = { remaining: number; lowWarningAt: number; low: boolean };

/**
 * Numbers left over all the ranges. The warning level is the highest of the ranges still open
 * (a new range with a higher level raises it; an exhausted one no longer counts), or of all
 * ranges once none is open; the supply is low at or below it. A service without any range has
 * nothing left, and that is low.
 */
export function rangeSupply(ranges: readonly RangeLevel[]): RangeSupply {
  const open = ranges.filter((range) => range.nextSeq <= range.lastSeq);
  const remaining = open.reduce((sum, range) => sum + (range.lastSeq - range.nextSeq + 1), 0);
  const lowWarningAt = Math.max(0, ...(open.length > 0 ? open : ranges).map((range) => range.lowWarningAt));
  return { remaining, lowWarningAt, low: remaining <= lowWarningAt };
}

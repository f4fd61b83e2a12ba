// Benchmarks print one JSON object per figure, with the baseline measured in the same run.
// Names are stable once published: tools compare them across runs.

export type Figure = {
  bench: string;
  value: number;
  unit: string;
  target?: number;
  better: 'lower' | 'higher';
  baseline?: number;
};

export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Nearest-rank percentile of the samples (0 for none). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** What a group reports back to `main`: a group that found a defect (not a slow figure) fails the run. */
export type GroupResult = { failed: boolean } | void;

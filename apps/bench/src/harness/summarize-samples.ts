/** Order statistics of a set of measurements (all in the unit of the samples). */
export type SampleSummary = {
  count: number;
  median: number;
  p25: number;
  p75: number;
  /** Median absolute deviation from the median (robust spread). */
  mad: number;
  min: number;
  max: number;
  mean: number;
};

/** The `q`-quantile (0..1) of ascending `sorted`, with linear interpolation between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile() of an empty sample');
  if (q < 0 || q > 1) throw new RangeError(`quantile must be within 0..1, got ${q}`);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export function summarizeSamples(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new RangeError('summarizeSamples() needs at least one sample');
  const sorted = [...samples].sort((left, right) => left - right);
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((value) => Math.abs(value - median)).sort((left, right) => left - right);
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: sorted.length,
    median,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    mad: quantile(deviations, 0.5),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean: total / sorted.length,
  };
}

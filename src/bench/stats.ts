/** Latency statistics for the bench. All durations are in milliseconds. */

/** Median, 95th percentile and extremes of a set of samples. */
export interface LatencySummary {
  count: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/**
 * The `p`-th percentile (0–100) of `samples` by the nearest-rank method: the smallest sample such that at least
 * p % of the samples are ≤ it. Does not modify `samples`.
 * @throws RangeError when `samples` is empty or `p` is outside [0, 100]
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Summarises latency samples (milliseconds), rounded to 3 decimals (microseconds).
 * @throws RangeError when `samples` is empty
 */
export function summarise(samples: readonly number[]): LatencySummary {
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    count: samples.length,
    medianMs: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
  };
}

import { describe, expect, it } from 'vitest';
import { percentile, summarise } from '../../src/bench/stats.js';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  it('rejects no samples and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarises without reordering the samples', () => {
    const samples = [3, 1, 2];
    expect(summarise(samples)).toEqual({ count: 3, medianMs: 2, p95Ms: 3, minMs: 1, maxMs: 3 });
    expect(samples).toEqual([3, 1, 2]);
  });
});

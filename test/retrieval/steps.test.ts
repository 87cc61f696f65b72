import { describe, expect, it } from 'vitest';
import { runSteps, runStepsAsync, type Steps } from '../../src/retrieval/steps.js';

/** Counts to `n`, one step per number, recording each number in `seen`. */
function* counting(n: number, seen: string[]): Steps<number> {
  let total = 0;
  for (let i = 1; i <= n; i++) {
    seen.push(`step ${i}`);
    total += i;
    yield;
  }
  return total;
}

describe('stepped work', () => {
  it('runs to the end at once and returns the result', () => {
    const seen: string[] = [];
    expect(runSteps(counting(4, seen))).toBe(10);
    expect(seen).toEqual(['step 1', 'step 2', 'step 3', 'step 4']);
  });

  it('gives the event loop back between slices, so other events run before the work ends, with the same result', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('another turn'));
    // A slice of 0 ms gives the event loop back after every step.
    const result = await runStepsAsync(counting(3, seen), 0);
    expect(result).toBe(6);
    expect(seen.indexOf('another turn')).toBeGreaterThan(0);
    expect(seen.indexOf('another turn')).toBeLessThan(seen.indexOf('step 3'));
  });
});

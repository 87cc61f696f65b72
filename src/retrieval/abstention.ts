import type { AbstentionSignals } from './types.js';

/**
 * When to say "not covered". Calibrated with `npm run eval -- --calibrate` on the dev question set, twice: on the
 * Énoncé alone and with the unrelated P-39.1 extraction indexed beside it (`--corpus` twice). The rule in use is the
 * one with the highest abstention recall over both runs while false abstention stays ≤ 0.08 in each (Énoncé alone:
 * recall 0.70, false 0.08; with P-39.1: 0.60, 0.06). Ten out-of-scope questions make these figures coarse.
 */
export interface AbstentionRule {
  minCoverage: number;
  minNormalisedScore: number;
}

export const DEFAULT_ABSTENTION_RULE: AbstentionRule = { minCoverage: 0.23, minNormalisedScore: 0.13 };

/** True when the best passages do not answer the question well enough to quote them. */
export function shouldAbstain(signals: AbstentionSignals, rule: AbstentionRule = DEFAULT_ABSTENTION_RULE): boolean {
  return signals.coverage < rule.minCoverage || signals.normalisedScore < rule.minNormalisedScore;
}

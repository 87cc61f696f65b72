import type { AbstentionSignals } from './types.js';

/**
 * When to say "not covered". Calibrated with `npm run eval -- --calibrate` on the out-of-scope and in-scope
 * questions of ../shared/eval: the pair of thresholds that maximises abstention recall while keeping false
 * abstention ≤ 0.05, then moved to the middle of the plateau of equally good values (see README, Evaluation).
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

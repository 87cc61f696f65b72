import type { AbstentionSignals, RetrievalOutcome } from './types.js';

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

/**
 * Thresholds above which an answer is given without the "may not answer exactly" label. Between the abstention
 * rule and these, the outcome is `uncertain`.
 */
export const DEFAULT_CONFIDENCE_RULE: AbstentionRule = { minCoverage: 0.5, minNormalisedScore: 0.25 };

/**
 * The three outcomes of retrieval: `not_covered` when the abstention rule says so (or nothing matched),
 * `uncertain` when the signals pass it but not the confidence rule, else `answered`.
 */
export function retrievalOutcome(
  signals: AbstentionSignals,
  found: number,
  rule: AbstentionRule = DEFAULT_ABSTENTION_RULE,
  confident: AbstentionRule = DEFAULT_CONFIDENCE_RULE,
): RetrievalOutcome {
  if (found === 0 || shouldAbstain(signals, rule)) return 'not_covered';
  return shouldAbstain(signals, confident) ? 'uncertain' : 'answered';
}

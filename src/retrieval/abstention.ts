import type { AbstentionSignals, RetrievalOutcome } from './types.js';

/** Thresholds on the abstention signals (both in [0, 1]): below either, the question is not covered. */
export interface AbstentionRule {
  minCoverage: number;
  minNormalisedScore: number;
}

/**
 * When to say "not covered". Calibrated with `npm run eval -- --calibrate` on every dev question set together, on
 * the combined index of all corpora. Abstention recall is flat for coverage thresholds from 0.10 to 0.22 (most of it
 * comes from the checks without a threshold: answer type, question focus, numbered parts); of that range the strictest rule is
 * kept, because a question whose words the best passages barely cover is better refused than answered with
 * unrelated text (weather, taxes): at 0.20 false abstention is 0.04 on the Énoncé and 0.00 on the iag guides. From
 * 0.25 the Énoncé's recall rises (0.50 to 0.60) but so does false abstention on both (0.06 and 0.03), and fitted on
 * the iag guides alone the threshold is 0.15: that gain does not transfer from one corpus to the other.
 */
export const DEFAULT_ABSTENTION_RULE: AbstentionRule = { minCoverage: 0.2, minNormalisedScore: 0.06 };

/** True when the best passages do not answer the question well enough to quote them, or cannot answer it at all
 *  (a quantity or a person asked for and none stated; a numbered part named that no document has; the focus of a
 *  « c’est quoi … » / `what is …` question not spoken of, see question-focus.ts). */
export function shouldAbstain(signals: AbstentionSignals, rule: AbstentionRule = DEFAULT_ABSTENTION_RULE): boolean {
  if (signals.answerTypeMissing === true || signals.missingPart !== undefined || signals.focusUncovered === true) return true;
  return signals.coverage < rule.minCoverage || signals.normalisedScore < rule.minNormalisedScore;
}

/**
 * Thresholds above which an answer is given without the "may not answer exactly" label; between the abstention
 * rule and these, the outcome is `uncertain`. Set a priori at half the question's concepts and a quarter of the
 * reachable score; on the dev sets (combined index) the answers above it hold the evidence in their top 5 for 0.80
 * of in-scope questions against 0.55 for all answers, close to the best any pair of thresholds reaches there.
 */
export const DEFAULT_CONFIDENCE_RULE: AbstentionRule = { minCoverage: 0.5, minNormalisedScore: 0.25 };

/** True when the signals pass the confidence rule `confident` (see DEFAULT_CONFIDENCE_RULE) and nothing makes the
 *  answer unverifiable: a focus the dictionary cannot translate (AbstentionSignals.focusUntranslated) leaves the best
 *  passages the closest ones at most, however many of the question's other words they hold. */
export function isConfident(signals: AbstentionSignals, confident: AbstentionRule = DEFAULT_CONFIDENCE_RULE): boolean {
  return signals.focusUntranslated !== true && !shouldAbstain(signals, confident);
}

/**
 * The three outcomes of retrieval: `not_covered` when the abstention rule says so (or nothing matched),
 * `uncertain` when the signals pass it but the answer is not confident (isConfident), else `answered`.
 */
export function retrievalOutcome(
  signals: AbstentionSignals,
  found: number,
  rule: AbstentionRule = DEFAULT_ABSTENTION_RULE,
  confident: AbstentionRule = DEFAULT_CONFIDENCE_RULE,
): RetrievalOutcome {
  if (found === 0 || shouldAbstain(signals, rule)) return 'not_covered';
  return isConfident(signals, confident) ? 'answered' : 'uncertain';
}

import { DEFAULT_ABSTENTION_RULE, shouldAbstain, type AbstentionRule } from '../retrieval/abstention.js';
import type { AbstentionSignals } from '../retrieval/types.js';

/** Largest false-abstention rate a calibrated rule may have. */
export const MAX_FALSE_ABSTENTION = 0.08;

/** One question's abstention signals and whether it is out of scope. */
export interface LabelledSignals {
  outOfScope: boolean;
  signals: AbstentionSignals;
}

/** A rule and how it does on the labelled questions. */
export interface RuleResult {
  rule: AbstentionRule;
  recall: number;
  falseAbstention: number;
}

function evaluateRule(rule: AbstentionRule, data: readonly LabelledSignals[]): RuleResult {
  const out = data.filter((d) => d.outOfScope);
  const inScope = data.filter((d) => !d.outOfScope);
  const rate = (xs: readonly LabelledSignals[]) => (xs.length ? xs.filter((d) => shouldAbstain(d.signals, rule)).length / xs.length : 0);
  return { rule, recall: rate(out), falseAbstention: rate(inScope) };
}

/**
 * Grid search of the abstention thresholds (coverage 0–1 and normalised score 0–0.5, steps of 0.01): among the
 * rules with false abstention ≤ MAX_FALSE_ABSTENTION, those of highest abstention recall; of these, the one in the
 * middle of the plateau (median coverage threshold, then median score threshold), which leaves the widest margin
 * on both sides for questions not in the set.
 */
export function calibrate(data: readonly LabelledSignals[]): { best: RuleResult; current: RuleResult; plateau: number } {
  const results: RuleResult[] = [];
  for (let c = 0; c <= 100; c++) {
    for (let s = 0; s <= 50; s++) {
      results.push(evaluateRule({ minCoverage: c / 100, minNormalisedScore: s / 100 }, data));
    }
  }
  const admissible = results.filter((r) => r.falseAbstention <= MAX_FALSE_ABSTENTION);
  const topRecall = Math.max(...admissible.map((r) => r.recall));
  const plateau = admissible.filter((r) => r.recall === topRecall);
  const byCoverage = [...plateau].sort((a, b) => a.rule.minCoverage - b.rule.minCoverage);
  const midCoverage = byCoverage[Math.floor(byCoverage.length / 2)]!.rule.minCoverage;
  const sameCoverage = plateau
    .filter((r) => r.rule.minCoverage === midCoverage)
    .sort((a, b) => a.rule.minNormalisedScore - b.rule.minNormalisedScore);
  return {
    best: sameCoverage[Math.floor(sameCoverage.length / 2)]!,
    current: evaluateRule(DEFAULT_ABSTENTION_RULE, data),
    plateau: plateau.length,
  };
}

/** One paragraph describing the calibration result beside the rule in use. */
export function formatCalibration({ best, current, plateau }: ReturnType<typeof calibrate>): string {
  const show = (r: RuleResult) =>
    `coverage < ${r.rule.minCoverage.toFixed(2)} or score < ${r.rule.minNormalisedScore.toFixed(2)} → abstention recall ${r.recall.toFixed(2)}, false abstention ${r.falseAbstention.toFixed(2)}`;
  return [
    `Abstention calibration (false abstention ≤ ${MAX_FALSE_ABSTENTION}, ${plateau} equally good rules, middle one):`,
    `  calibrated: ${show(best)}`,
    `  in use:     ${show(current)}`,
  ].join('\n');
}

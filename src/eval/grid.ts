import type { AbstentionRule } from '../retrieval/abstention.js';

/**
 * Every pair of thresholds on a 0.01 grid: coverage from `from.minCoverage` to 1, normalised score from
 * `from.minNormalisedScore` to `maxScore`. Both signals lie in [0, 1] (retrieval/types.ts).
 */
export function thresholdGrid(maxScore: number, from: AbstentionRule = { minCoverage: 0, minNormalisedScore: 0 }): AbstentionRule[] {
  const rules: AbstentionRule[] = [];
  for (let c = Math.round(from.minCoverage * 100); c <= 100; c++) {
    for (let s = Math.round(from.minNormalisedScore * 100); s <= Math.round(maxScore * 100); s++) {
      rules.push({ minCoverage: c / 100, minNormalisedScore: s / 100 });
    }
  }
  return rules;
}

/**
 * The rule in the middle of a plateau of equally good rules: median coverage threshold, then, among the rules with
 * that coverage threshold, the median score threshold. It leaves the widest margin on both sides for questions not
 * in the set. `plateau` must not be empty.
 */
export function middleOfPlateau<T extends { rule: AbstentionRule }>(plateau: readonly T[]): T {
  const byCoverage = [...plateau].sort((a, b) => a.rule.minCoverage - b.rule.minCoverage);
  const midCoverage = byCoverage[Math.floor(byCoverage.length / 2)]!.rule.minCoverage;
  const sameCoverage = plateau
    .filter((r) => r.rule.minCoverage === midCoverage)
    .sort((a, b) => a.rule.minNormalisedScore - b.rule.minNormalisedScore);
  return sameCoverage[Math.floor(sameCoverage.length / 2)]!;
}

/** `coverage < 0.23 or score < 0.13`: a rule as the tables print it. */
export function showRule(rule: AbstentionRule): string {
  return `coverage < ${rule.minCoverage.toFixed(2)} or score < ${rule.minNormalisedScore.toFixed(2)}`;
}

/** A rate as the tables print it: two decimals, `-` when there is nothing to measure. */
export function showRate(x: number | null, width = 5): string {
  return (x === null ? '-' : x.toFixed(2)).padStart(width);
}

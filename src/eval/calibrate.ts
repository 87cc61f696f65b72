import { DEFAULT_ABSTENTION_RULE, shouldAbstain, type AbstentionRule } from '../retrieval/abstention.js';
import type { AbstentionSignals } from '../retrieval/types.js';
import { middleOfPlateau, showRate, showRule, thresholdGrid } from './grid.js';

/**
 * Largest false-abstention rate a calibrated rule may have, on every corpus taken separately. The product bar is
 * ≤ 0.10 on every corpus (issue #6); calibration keeps a margin below it.
 */
export const MAX_FALSE_ABSTENTION = 0.08;

/** Highest normalised-score threshold the abstention grid tries. */
const MAX_SCORE_THRESHOLD = 0.5;

/**
 * One question as calibration sees it: its corpus, whether it is out of scope, the retrieval signals, and the rank
 * (1-based) of the first passage holding its evidence (null when none of the top 10 does, or out of scope).
 */
export interface LabelledSignals {
  corpus: string;
  outOfScope: boolean;
  signals: AbstentionSignals;
  rank: number | null;
}

/** A rule and how it does on some labelled questions. Rates in [0, 1]; null when there is no question to count. */
export interface RuleResult {
  rule: AbstentionRule;
  /** Out-of-scope questions abstained on. */
  recall: number | null;
  /** In-scope questions abstained on. */
  falseAbstention: number | null;
}

const rate = (xs: readonly LabelledSignals[], rule: AbstentionRule) =>
  xs.length ? xs.filter((d) => shouldAbstain(d.signals, rule)).length / xs.length : null;

/** How `rule` does on `data`, re-deciding abstention from the stored signals (as the index would). */
export function evaluateRule(rule: AbstentionRule, data: readonly LabelledSignals[]): RuleResult {
  return {
    rule,
    recall: rate(data.filter((d) => d.outOfScope), rule),
    falseAbstention: rate(data.filter((d) => !d.outOfScope), rule),
  };
}

/** The labelled questions of each corpus, corpora in order of first appearance. */
export function byCorpus(data: readonly LabelledSignals[]): Map<string, LabelledSignals[]> {
  const out = new Map<string, LabelledSignals[]>();
  for (const d of data) out.set(d.corpus, [...(out.get(d.corpus) ?? []), d]);
  return out;
}

/**
 * The result of a calibration: the chosen rule, the rule in use, how many rules tied with the chosen one, and the
 * false-abstention ceiling the rules were held to (MAX_FALSE_ABSTENTION, or higher when no rule meets it).
 */
export interface Calibration {
  best: RuleResult;
  current: RuleResult;
  plateau: number;
  ceiling: number;
}

/**
 * Grid search of the abstention thresholds (coverage 0–1 and normalised score 0–0.5, steps of 0.01) on the labelled
 * questions of every corpus together: among the rules whose false abstention is ≤ MAX_FALSE_ABSTENTION on every
 * corpus taken separately, those of highest abstention recall over all out-of-scope questions; of these, the one in
 * the middle of the plateau (see `middleOfPlateau`). The checks that need no threshold (a focus, an answer type or a
 * part the documents never speak of) abstain whatever the thresholds: when they alone exceed the ceiling on a
 * corpus, no rule meets it, and the rules are held instead to the lowest worst-corpus false abstention any rule
 * reaches (`ceiling` says which), so that the report still shows the figures rather than failing.
 */
export function calibrate(data: readonly LabelledSignals[]): Calibration {
  const corpora = [...byCorpus(data).values()];
  const graded = thresholdGrid(MAX_SCORE_THRESHOLD).map((rule) => ({
    rule,
    worstFalse: Math.max(0, ...corpora.map((c) => evaluateRule(rule, c).falseAbstention ?? 0)),
  }));
  const ceiling = Math.max(MAX_FALSE_ABSTENTION, graded.reduce((low, g) => Math.min(low, g.worstFalse), Infinity));
  const admissible = graded.filter((g) => g.worstFalse <= ceiling).map((g) => evaluateRule(g.rule, data));
  const topRecall = Math.max(...admissible.map((r) => r.recall ?? 0));
  const plateau = admissible.filter((r) => (r.recall ?? 0) === topRecall);
  return { best: middleOfPlateau(plateau), current: evaluateRule(DEFAULT_ABSTENTION_RULE, data), plateau: plateau.length, ceiling };
}

/** Labelled questions of one index, for the per-corpus table (`combined`, `own corpus`). */
export interface LabelledIndex {
  label: string;
  data: readonly LabelledSignals[];
}

/**
 * The calibration report: the calibrated rule and the rule in use with their overall figures on the data they were
 * calibrated on (the first index), then one row per corpus and overall with abstention recall (abst) and false
 * abstention (false) of both rules on each index given.
 */
export function formatCalibration({ best, current, plateau, ceiling }: Calibration, indexes: readonly LabelledIndex[] = []): string {
  const show = (r: RuleResult) =>
    `${showRule(r.rule)} → abstention recall ${showRate(r.recall, 0)}, false abstention ${showRate(r.falseAbstention, 0)}`;
  const where = indexes.length ? ` on the ${indexes[0]!.label} index` : '';
  const held =
    ceiling > MAX_FALSE_ABSTENTION
      ? `no rule keeps false abstention ≤ ${MAX_FALSE_ABSTENTION} on every corpus (the checks without thresholds abstain beyond it); held to the lowest any rule reaches, ${ceiling.toFixed(2)}`
      : `false abstention ≤ ${MAX_FALSE_ABSTENTION} on every corpus`;
  const lines = [
    `Abstention calibration${where} (${held}, ${plateau} equally good rules, middle one):`,
    `  calibrated: ${show(best)}`,
    `  in use:     ${show(current)}`,
  ];
  if (indexes.length === 0) return lines.join('\n');
  const cells = (rule: AbstentionRule, data: readonly LabelledSignals[]) => {
    const r = evaluateRule(rule, data);
    return `${showRate(r.recall)} ${showRate(r.falseAbstention)}`;
  };
  // Each index takes one "abst false" pair (11 characters) under each rule.
  const pairs = (rule: string) => `${rule.padEnd(indexes.length * 12 - 1)}`;
  const sub = indexes.map((i) => i.label.padStart(11)).join(' ');
  lines.push(
    '',
    `${''.padEnd(30)}  ${pairs('calibrated rule')}  ${pairs('rule in use')}`,
    `${''.padEnd(30)}  ${sub}  ${sub}`,
    `${'corpus'.padEnd(20)}   in  out  ${indexes.map(() => ' abst false').join(' ')}  ${indexes.map(() => ' abst false').join(' ')}`,
  );
  const names = [...byCorpus(indexes[0]!.data).keys()];
  for (const name of [...names, 'all']) {
    const of = (data: readonly LabelledSignals[]) => (name === 'all' ? data : data.filter((d) => d.corpus === name));
    const first = of(indexes[0]!.data);
    const count = `${String(first.filter((d) => !d.outOfScope).length).padStart(4)} ${String(first.filter((d) => d.outOfScope).length).padStart(4)}`;
    const row = (rule: AbstentionRule) => indexes.map((i) => cells(rule, of(i.data))).join(' ');
    lines.push(`${name.padEnd(20)} ${count}  ${row(best.rule)}  ${row(current.rule)}`);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}

import { DEFAULT_ABSTENTION_RULE, type AbstentionRule } from '../retrieval/abstention.js';
import { byCorpus, calibrate, evaluateRule, MAX_FALSE_ABSTENTION, type LabelledSignals, type RuleResult } from './calibrate.js';
import { showRate } from './grid.js';

/** One held-out corpus: its ranking figures and how the fitted rule and the rule in use abstain on it. */
export interface HeldOut {
  corpus: string;
  fittedOn: string[];
  questions: number;
  /** In-scope questions with their evidence in the top five; the ranking does not depend on the rule. */
  hit5: number | null;
  mrr: number | null;
  /** The rule fitted on the other corpora, scored on this one. */
  fitted: RuleResult;
  /** The rule in use, scored on this one. */
  inUse: RuleResult;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Leave-one-corpus-out (issue #6): for each corpus of `data`, the abstention thresholds are fitted by `calibrate`
 * (same grid and constraint) on the questions of the other corpora only, then scored on the held-out corpus. What is
 * fitted is the abstention rule; the ranking has no fitted parameter here, so hit@5 and MRR are the same under
 * any rule. Needs two corpora or more; with one, returns [].
 */
export function leaveOneCorpusOut(data: readonly LabelledSignals[]): HeldOut[] {
  const corpora = byCorpus(data);
  if (corpora.size < 2) return [];
  return [...corpora].map(([corpus, heldOut]) => {
    const fitted = calibrate(data.filter((d) => d.corpus !== corpus)).best.rule;
    const inScope = heldOut.filter((d) => !d.outOfScope);
    return {
      corpus,
      fittedOn: [...corpora.keys()].filter((c) => c !== corpus),
      questions: heldOut.length,
      hit5: mean(inScope.map((d) => (d.rank !== null && d.rank <= 5 ? 1 : 0))),
      mrr: mean(inScope.map((d) => (d.rank === null ? 0 : 1 / d.rank))),
      fitted: evaluateRule(fitted, heldOut),
      inUse: evaluateRule(DEFAULT_ABSTENTION_RULE, heldOut),
    };
  });
}

const thresholds = (rule: AbstentionRule) => `${rule.minCoverage.toFixed(2)}/${rule.minNormalisedScore.toFixed(2)}`;

/** The leave-one-corpus-out table: one row per held-out corpus, fitted rule beside the rule in use. */
export function formatLeaveOneOut(rows: readonly HeldOut[], indexLabel: string): string {
  const header = `${'held out'.padEnd(20)}   n hit@5   MRR  ${'fitted on'.padEnd(20)} cov/score  abst false   in use  abst false`;
  return [
    `Leave-one-corpus-out on the ${indexLabel}: abstention thresholds (coverage/score) fitted on the other corpora (false abstention ≤ ${MAX_FALSE_ABSTENTION} on each), scored on the held-out one`,
    header,
    '-'.repeat(header.length),
    ...rows.map(
      (r) =>
        `${r.corpus.padEnd(20)} ${String(r.questions).padStart(3)} ${showRate(r.hit5)} ${showRate(r.mrr)}  ${r.fittedOn.join(',').padEnd(20)} ${thresholds(r.fitted.rule)} ${showRate(r.fitted.recall)} ${showRate(r.fitted.falseAbstention)}  ${thresholds(r.inUse.rule)} ${showRate(r.inUse.recall)} ${showRate(r.inUse.falseAbstention)}`,
    ),
  ].join('\n');
}

import { DEFAULT_ABSTENTION_RULE, DEFAULT_CONFIDENCE_RULE, isConfident, shouldAbstain, type AbstentionRule } from '../retrieval/abstention.js';
import type { LabelledSignals } from './calibrate.js';
import { middleOfPlateau, showRate, showRule, thresholdGrid } from './grid.js';

/** Share of the in-scope questions answered with confidence that must have their evidence in the top five. */
export const MIN_CONFIDENT_PRECISION = 0.9;

/** How a confidence rule (the edge of the `uncertain` band) does, given an abstention rule. */
export interface ConfidenceResult {
  rule: AbstentionRule;
  /** Share of in-scope questions answered with confidence (`answered`, not `uncertain` nor `not_covered`). */
  answeredInScope: number | null;
  /** Among those, the share with a hit@5; null when none is answered with confidence. */
  precision: number | null;
  /** Out-of-scope questions answered with confidence (a count: the criterion wants none). */
  answeredOutOfScope: number;
}

/** Figures of the confidence rule `confident` behind the abstention rule `abstention`, from the stored signals. */
export function evaluateConfidence(abstention: AbstentionRule, confident: AbstentionRule, data: readonly LabelledSignals[]): ConfidenceResult {
  const answered = data.filter((d) => !shouldAbstain(d.signals, abstention) && isConfident(d.signals, confident));
  const inScope = answered.filter((d) => !d.outOfScope);
  const total = data.filter((d) => !d.outOfScope).length;
  return {
    rule: confident,
    answeredInScope: total ? inScope.length / total : null,
    precision: inScope.length ? inScope.filter((d) => d.rank !== null && d.rank <= 5).length / inScope.length : null,
    answeredOutOfScope: answered.length - inScope.length,
  };
}

/** A proposed confidence rule (null when no thresholds meet the criterion) and the rule in use. */
export interface ConfidenceCalibration {
  proposed: ConfidenceResult | null;
  current: ConfidenceResult;
  plateau: number;
}

/**
 * Calibrates the confidence rule behind `abstention` (thresholds at least as strict as its own, coverage and score
 * on a 0.01 grid up to 1): among the rules under which no out-of-scope question is answered with confidence and
 * ≥ MIN_CONFIDENT_PRECISION of the in-scope questions answered with confidence have a hit@5, those answering the
 * most in-scope questions with confidence; of these, the middle one (`middleOfPlateau`). The rule in use is reported
 * behind the abstention rule in use.
 */
export function calibrateConfidence(abstention: AbstentionRule, data: readonly LabelledSignals[]): ConfidenceCalibration {
  const feasible = thresholdGrid(1, abstention)
    .map((rule) => evaluateConfidence(abstention, rule, data))
    .filter((r) => r.answeredOutOfScope === 0 && r.precision !== null && r.precision >= MIN_CONFIDENT_PRECISION);
  const current = evaluateConfidence(DEFAULT_ABSTENTION_RULE, DEFAULT_CONFIDENCE_RULE, data);
  if (feasible.length === 0) return { proposed: null, current, plateau: 0 };
  const most = Math.max(...feasible.map((r) => r.answeredInScope ?? 0));
  const plateau = feasible.filter((r) => r.answeredInScope === most);
  return { proposed: middleOfPlateau(plateau), current, plateau: plateau.length };
}

/** The confidence calibration as three lines: the criterion, the proposed rule, the rule in use. */
export function formatConfidence({ proposed, current, plateau }: ConfidenceCalibration): string {
  const show = (r: ConfidenceResult) =>
    `${showRule(r.rule)} → uncertain; answered with confidence: in scope ${showRate(r.answeredInScope, 0)} (hit@5 ${showRate(r.precision, 0)}), out of scope ${r.answeredOutOfScope}`;
  return [
    `Confidence calibration (behind the calibrated abstention rule; no out-of-scope question answered with confidence, ≥ ${MIN_CONFIDENT_PRECISION} of those in scope with a hit@5, most answered; ${plateau} equally good rules, middle one):`,
    `  proposed: ${proposed ? show(proposed) : 'none: no thresholds meet the criterion'}`,
    `  in use:   ${show(current)} (behind the abstention rule in use)`,
  ].join('\n');
}

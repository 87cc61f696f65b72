import { describe, expect, it } from 'vitest';
import type { LabelledSignals } from '../../src/eval/calibrate.js';
import { calibrateConfidence, evaluateConfidence, formatConfidence, MIN_CONFIDENT_PRECISION } from '../../src/eval/confidence.js';
import { DEFAULT_ABSTENTION_RULE, DEFAULT_CONFIDENCE_RULE, shouldAbstain } from '../../src/retrieval/abstention.js';

const question = (outOfScope: boolean, coverage: number, normalisedScore: number, rank: number | null): LabelledSignals => ({
  corpus: 'a',
  outOfScope,
  signals: { coverage, normalisedScore },
  rank,
});
const ABSTAIN = { minCoverage: 0.2, minNormalisedScore: 0.1 };

/** Two in-scope questions well found, one well matched but missed, one weak; one out-of-scope question in between. */
const DATA = [
  question(false, 0.9, 0.9, 1),
  question(false, 0.8, 0.8, 2),
  question(false, 0.6, 0.6, null),
  question(false, 0.3, 0.3, 1),
  question(true, 0.5, 0.5, null),
];

describe('evaluateConfidence', () => {
  it('counts the questions answered with confidence: past both rules', () => {
    const r = evaluateConfidence(ABSTAIN, { minCoverage: 0.4, minNormalisedScore: 0.4 }, DATA);
    expect(r).toMatchObject({ answeredInScope: 0.75, answeredOutOfScope: 1 });
    expect(r.precision).toBeCloseTo(2 / 3);
  });
});

describe('calibrateConfidence', () => {
  it('answers the most in-scope questions with confidence, none out of scope, ≥ 90 % of them with a hit@5', () => {
    const { proposed } = calibrateConfidence(ABSTAIN, DATA);
    expect(MIN_CONFIDENT_PRECISION).toBe(0.9);
    expect(proposed).toMatchObject({ answeredInScope: 0.5, precision: 1, answeredOutOfScope: 0 });
    expect(shouldAbstain({ coverage: 0.6, normalisedScore: 0.6 }, proposed!.rule)).toBe(true);
    expect(shouldAbstain({ coverage: 0.8, normalisedScore: 0.8 }, proposed!.rule)).toBe(false);
  });

  it('never proposes thresholds below the abstention rule', () => {
    const { proposed } = calibrateConfidence(ABSTAIN, DATA);
    expect(proposed!.rule.minCoverage).toBeGreaterThanOrEqual(ABSTAIN.minCoverage);
    expect(proposed!.rule.minNormalisedScore).toBeGreaterThanOrEqual(ABSTAIN.minNormalisedScore);
  });

  it('proposes nothing when no thresholds meet the criterion', () => {
    const misses = [question(false, 0.9, 0.9, null), question(false, 0.8, 0.8, 7)];
    const calibration = calibrateConfidence(ABSTAIN, misses);
    expect(calibration.proposed).toBeNull();
    expect(formatConfidence(calibration)).toContain('proposed: none: no thresholds meet the criterion');
  });

  it('reports the confidence rule in use behind the abstention rule in use', () => {
    const { current } = calibrateConfidence(ABSTAIN, DATA);
    expect(current.rule).toEqual(DEFAULT_CONFIDENCE_RULE);
    expect(current).toEqual(evaluateConfidence(DEFAULT_ABSTENTION_RULE, DEFAULT_CONFIDENCE_RULE, DATA));
  });
});

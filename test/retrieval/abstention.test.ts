import { describe, expect, it } from 'vitest';
import { DEFAULT_ABSTENTION_RULE, retrievalOutcome, shouldAbstain } from '../../src/retrieval/abstention.js';

const rule = { minCoverage: 0.3, minNormalisedScore: 0.2 };

describe('shouldAbstain', () => {
  it('abstains when the best passages cover too little of the question', () => {
    expect(shouldAbstain({ coverage: 0.1, normalisedScore: 0.9 }, rule)).toBe(true);
  });

  it('abstains when the best score is too far from what the question could reach', () => {
    expect(shouldAbstain({ coverage: 0.9, normalisedScore: 0.1 }, rule)).toBe(true);
  });

  it('answers when both signals reach their thresholds', () => {
    expect(shouldAbstain({ coverage: 0.3, normalisedScore: 0.2 }, rule)).toBe(false);
  });

  it('uses the calibrated default rule: abstains on nothing, answers a fully covered question', () => {
    expect(shouldAbstain({ coverage: 0, normalisedScore: 0 })).toBe(true);
    expect(shouldAbstain({ coverage: 1, normalisedScore: 1 })).toBe(false);
  });

  it('abstains when the best passages miss the focus of the question, however much else they cover', () => {
    expect(shouldAbstain({ coverage: 0.9, normalisedScore: 0.9, focusUncovered: true }, rule)).toBe(true);
  });

  it('has default thresholds inside [0, 1]', () => {
    for (const v of Object.values(DEFAULT_ABSTENTION_RULE)) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe('retrievalOutcome', () => {
  it('answers, at most uncertain, when the focus is a word the dictionary cannot translate, however much else is covered', () => {
    expect(retrievalOutcome({ coverage: 1, normalisedScore: 1 }, 5)).toBe('answered');
    expect(retrievalOutcome({ coverage: 1, normalisedScore: 1, focusUntranslated: true }, 5)).toBe('uncertain');
    expect(retrievalOutcome({ coverage: 0, normalisedScore: 0, focusUntranslated: true }, 5)).toBe('not_covered');
  });
});

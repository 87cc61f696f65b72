import { describe, expect, it } from 'vitest';
import type { LabelledSignals } from '../../src/eval/calibrate.js';
import { formatLeaveOneOut, leaveOneCorpusOut } from '../../src/eval/leave-one-out.js';
import { DEFAULT_ABSTENTION_RULE } from '../../src/retrieval/abstention.js';

const question = (corpus: string, outOfScope: boolean, coverage: number, rank: number | null): LabelledSignals => ({
  corpus,
  outOfScope,
  signals: { coverage, normalisedScore: 0.5 },
  rank,
});

/**
 * Corpus a separates at any coverage threshold in (0.1, 0.9]; corpus b only in (0.2, 0.3]. A rule fitted on a
 * (middle of its plateau, about 0.5) abstains on all of b; one fitted on b works on a. Half of b's in-scope
 * questions are found at rank 1, the rest not at all.
 */
const DATA = [
  ...Array.from({ length: 10 }, () => question('a', false, 0.9, 1)),
  question('a', true, 0.1, null),
  question('a', true, 0.1, null),
  ...Array.from({ length: 10 }, (_, i) => question('b', false, 0.3, i < 5 ? 1 : null)),
  question('b', true, 0.2, null),
  question('b', true, 0.2, null),
];

describe('leaveOneCorpusOut', () => {
  const rows = leaveOneCorpusOut(DATA);

  it('holds out each corpus in turn and fits on the others', () => {
    expect(rows.map((r) => [r.corpus, r.fittedOn])).toEqual([
      ['a', ['b']],
      ['b', ['a']],
    ]);
  });

  it('scores the rule fitted on the other corpus on the held-out one', () => {
    const [a, b] = rows;
    expect(a!.fitted.rule.minCoverage).toBeGreaterThan(0.2);
    expect(a!.fitted.rule.minCoverage).toBeLessThanOrEqual(0.3);
    expect(a!.fitted).toMatchObject({ recall: 1, falseAbstention: 0 });
    expect(b!.fitted.rule.minCoverage).toBeGreaterThan(0.3);
    expect(b!.fitted).toMatchObject({ recall: 1, falseAbstention: 1 });
  });

  it('gives the held-out corpus its hit@5 and MRR, and the figures of the rule in use', () => {
    const b = rows[1]!;
    expect(b).toMatchObject({ questions: 12, hit5: 0.5, mrr: 0.5 });
    expect(b.inUse.rule).toEqual(DEFAULT_ABSTENTION_RULE);
  });

  it('needs two corpora', () => {
    expect(leaveOneCorpusOut(DATA.filter((d) => d.corpus === 'a'))).toEqual([]);
  });

  it('prints one row per held-out corpus', () => {
    const lines = formatLeaveOneOut(rows, 'combined index').split('\n');
    expect(lines[0]).toContain('Leave-one-corpus-out on the combined index');
    const b = lines.find((l) => l.startsWith('b '))!.trim().split(/\s+/);
    // held-out n hit@5 MRR fitted-on cov/score abst false in-use abst false
    expect(b.slice(0, 5)).toEqual(['b', '12', '0.50', '0.50', 'a']);
    expect(b.slice(6, 8)).toEqual(['1.00', '1.00']);
  });
});

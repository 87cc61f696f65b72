import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/eval/report.js';
import type { EvalQuestion, EvalRun } from '../../src/eval/score.js';

const question = (id: string, kind: string, evidence: string[]): EvalQuestion => ({
  id,
  lang: 'fr',
  question: `Question fictive ${id}`,
  expected: [],
  evidence,
  kind,
  corpus: 'documents',
});
const runs = (entries: EvalRun[]) => new Map(entries.map((r) => [r.id, r]));

describe('formatReport', () => {
  const questions = [question('q1', 'direct', ['registre']), question('q2', 'direct', ['registre']), question('o1', 'out-of-scope', [])];
  const ours = runs([
    { id: 'q1', abstained: false, texts: ['Le registre.'] },
    { id: 'q2', abstained: false, uncertain: true, texts: ['Le vent.', 'Le registre.'] },
    { id: 'o1', abstained: true, texts: [] },
  ]);
  const bm25 = runs([
    { id: 'q1', abstained: false, texts: ['Le vent.'] },
    { id: 'q2', abstained: false, texts: ['Le registre.'] },
    { id: 'o1', abstained: false, texts: ['Le vent.'] },
  ]);
  const lines = formatReport(questions, { name: 'balises', runs: ours }, [{ name: 'bm25 raw', runs: bm25 }]).split('\n');
  const row = (group: string) => lines.find((l) => l.startsWith(`${group} `))!.trim().split(/\s+/);

  it('titles Balises and each baseline over their columns', () => {
    expect(lines[0]).toMatch(/-+ balises -+ +-+ bm25 raw -+/);
    expect(lines[1]).toMatch(/^group +n +hit@1 hit@5 all@5 +MRR +abst false +unc\+ +unc- +hit@5 all@5 +MRR$/);
  });

  it('prints Balises\' figures, then the baseline\'s hit@5, all@5 and MRR, on one row per group', () => {
    expect(row('all')).toEqual(['all', '3', '0.50', '1.00', '1.00', '0.75', '1.00', '0.00', '0.50', '0.00', '0.50', '0.50', '0.50']);
  });

  it('prints a dash where a group has no question of that sort', () => {
    expect(row('kind:out-of-scope')).toEqual(['kind:out-of-scope', '1', '-', '-', '-', '-', '1.00', '-', '-', '0.00', '-', '-', '-']);
  });
});

import { describe, expect, it } from 'vitest';
import { allFound, EvalQuestion, firstHitRank, groups, normaliseForMatch, score, type EvalRun } from '../../src/eval/score.js';

describe('EvalQuestion', () => {
  it('gives a question without a corpus field the documents corpus', () => {
    const q = EvalQuestion.parse({ id: 'x', lang: 'fr', question: 'Q?', expected: [], evidence: [], kind: 'out-of-scope' });
    expect(q.corpus).toBe('documents');
  });

  it('keeps the corpus a question names', () => {
    const q = EvalQuestion.parse({ id: 'x', lang: 'fr', question: 'Q?', expected: [], evidence: [], kind: 'out-of-scope', corpus: 'marees' });
    expect(q.corpus).toBe('marees');
  });
});

describe('normaliseForMatch', () => {
  it('maps every apostrophe variant to one', () => {
    expect(normaliseForMatch('l’Agence')).toBe(normaliseForMatch("l'Agence"));
    expect(normaliseForMatch('lʼAgence')).toBe(normaliseForMatch("l'Agence"));
  });

  it('collapses runs of white space, including line breaks and no-break spaces', () => {
    expect(normaliseForMatch(' le  registre\n des\u00A0nuages ')).toBe('le registre des nuages');
  });

  it('composes decomposed accents (NFC)', () => {
    expect(normaliseForMatch('re\u0301gion')).toBe('région');
  });

  it('does not fold case', () => {
    expect(normaliseForMatch('Registre')).not.toBe(normaliseForMatch('registre'));
  });

  it('does not fold accents', () => {
    expect(normaliseForMatch('région')).not.toBe(normaliseForMatch('region'));
  });
});

describe('firstHitRank', () => {
  const texts = ['Le vent souffle.', 'Le registre des nuages est public.', 'L’Agence tient le registre.'];

  it('gives the 1-based rank of the first text containing an evidence string', () => {
    expect(firstHitRank(texts, ['registre des nuages'])).toBe(2);
  });

  it('matches across apostrophe variants and spacing', () => {
    expect(firstHitRank(texts, ["L'Agence  tient"])).toBe(3);
  });

  it('accepts any of several evidence strings', () => {
    expect(firstHitRank(texts, ['absent du texte', 'vent souffle'])).toBe(1);
  });

  it('is null when no text contains the evidence', () => {
    expect(firstHitRank(texts, ['Registre des nuages'])).toBeNull();
  });

  it('reads only the first ten texts', () => {
    const many = [...Array.from({ length: 10 }, (_, i) => `Texte fictif ${i}.`), 'Le registre.'];
    expect(firstHitRank(many, ['Le registre'])).toBeNull();
  });
});

describe('allFound', () => {
  const texts = ['Le registre est public.', 'Le vent souffle.', 'La pluie tombe.'];

  it('is true when every evidence string occurs in the top k texts together', () => {
    expect(allFound(texts, ['registre est public', 'vent souffle'], 2)).toBe(true);
  });

  it('is false when one evidence string lies below rank k', () => {
    expect(allFound(texts, ['registre est public', 'pluie tombe'], 2)).toBe(false);
  });
});

describe('score', () => {
  const question = (id: string, kind: string, evidence: string[], lang: 'fr' | 'en' = 'fr'): EvalQuestion => ({
    id,
    lang,
    question: `Question fictive ${id}`,
    expected: evidence.length ? ['principe-1'] : [],
    evidence,
    kind,
    corpus: 'documents',
  });
  const run = (id: string, texts: string[], abstained = false): [string, EvalRun] => [id, { id, abstained, texts }];
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `Texte sans rapport ${i}.`);

  const questions = [
    question('q1', 'direct', ['registre']),
    question('q2', 'direct', ['registre']),
    question('q3', 'typo', ['registre'], 'en'),
    question('q4', 'typo', ['registre']),
    question('o1', 'out-of-scope', []),
    question('o2', 'out-of-scope', []),
  ];
  const runs = new Map([
    run('q1', ['Le registre.']),
    run('q2', [...filler(2), 'Le registre.']),
    run('q3', [...filler(5), 'Le registre.'], true),
    run('q4', filler(10)),
    run('o1', ['Le vent.'], true),
    run('o2', ['Le vent.']),
  ]);

  it('computes hit@1, hit@5, all@5 and MRR over in-scope questions', () => {
    const f = score(questions, runs);
    expect(f).toMatchObject({ questions: 6, inScope: 4, outOfScope: 2, hit1: 0.25, hit5: 0.5, all5: 0.5 });
    expect(f.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 6 + 0) / 4);
  });

  it('reads the ranking of a question even when the system abstained on it', () => {
    expect(score([questions[2]!], runs).mrr).toBeCloseTo(1 / 6);
  });

  it('computes abstention recall over out-of-scope questions and false abstention over in-scope ones', () => {
    const f = score(questions, runs);
    expect(f.abstentionRecall).toBe(0.5);
    expect(f.falseAbstention).toBe(0.25);
  });

  it('counts a question without a run as a miss and an abstention', () => {
    const f = score([question('q9', 'direct', ['registre'])], new Map());
    expect(f).toMatchObject({ hit1: 0, hit5: 0, mrr: 0, falseAbstention: 1 });
  });

  it('gives null figures for a group without questions of that sort', () => {
    const f = score([questions[4]!], runs);
    expect(f).toMatchObject({ hit1: null, hit5: null, all5: null, mrr: null, falseAbstention: null, abstentionRecall: 1 });
  });

  it('computes the shares of in-scope and out-of-scope questions answered uncertain', () => {
    const uncertain = new Map([
      ['q1', { id: 'q1', abstained: false, uncertain: true, texts: ['Le registre.'] }],
      ['q2', { id: 'q2', abstained: false, texts: ['Le registre.'] }],
      ['o1', { id: 'o1', abstained: false, uncertain: true, texts: [] }],
    ]);
    const f = score([questions[0]!, questions[1]!, questions[4]!], uncertain);
    expect(f.uncertainInScope).toBe(0.5);
    expect(f.uncertainOutOfScope).toBe(1);
  });

  it('lists the groups overall, then languages, then kinds with out-of-scope last', () => {
    const mixed = [questions[4]!, questions[2]!, questions[0]!];
    expect([...groups(mixed).keys()]).toEqual(['all', 'lang:en', 'lang:fr', 'kind:typo', 'kind:direct', 'kind:out-of-scope']);
  });

  it('groups questions overall, per language and per kind', () => {
    const g = groups(questions);
    expect([...g.keys()].sort()).toEqual(['all', 'kind:direct', 'kind:out-of-scope', 'kind:typo', 'lang:en', 'lang:fr']);
    expect(g.get('all')).toHaveLength(6);
    expect(g.get('kind:typo')!.map((q) => q.id)).toEqual(['q3', 'q4']);
    expect(g.get('lang:en')!.map((q) => q.id)).toEqual(['q3']);
  });
});

import { describe, expect, it } from 'vitest';
import { editDistance, TypoCorrector } from '../../src/retrieval/typo.js';

const corrector = (words: Record<string, number>) => new TypoCorrector(new Map(Object.entries(words)));

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('nuage', 'nauge')).toBe(1);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('nuage', 'nuages')).toBe(1);
    expect(editDistance('nuage', 'nage')).toBe(1);
    expect(editDistance('nuage', 'nuaje')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('TypoCorrector', () => {
  it('corrects a word one edit away from a known word', () => {
    expect(corrector({ nuage: 3 }).correct('nuaje')).toBe('nuage');
  });

  it('corrects a long word two edits away (a wrong letter and an extra one)', () => {
    expect(corrector({ observation: 2 }).correct('obsarvations')).toBe('observation');
  });

  it('corrects a long word with two wrong letters', () => {
    expect(corrector({ transparence: 2, gouvernance: 1 }).correct('trensparense')).toBe('transparence');
    expect(corrector({ transparence: 2, gouvernance: 1 }).correct('gouvarnanse')).toBe('gouvernance');
  });

  it('corrects a long word with a wrong letter and a missing one', () => {
    expect(corrector({ transparence: 2 }).correct('tranparance')).toBe('transparence');
  });

  it('does not correct a word under ten letters two edits away', () => {
    expect(corrector({ cumulus: 2 }).correct('cimulis')).toBeNull();
  });

  it('does not correct a known word', () => {
    expect(corrector({ nuage: 3, nuages: 1 }).correct('nuages')).toBeNull();
  });

  it('does not correct a short word', () => {
    expect(corrector({ vent: 3 }).correct('ven')).toBeNull();
  });

  it('neither corrects nor offers a word longer than any real word (a run of letters without its spaces)', () => {
    const run = 'lesorganismespublicsinformentclairementlapersonne';
    expect(corrector({ [`${run}x`]: 1 }).correct(`${run}y`)).toBeNull();
    expect(corrector({ [run.slice(0, 30)]: 1 }).correct(`${run.slice(0, 29)}y`)).toBe(run.slice(0, 30));
  });

  it('does not correct a word with digits', () => {
    expect(corrector({ nuage: 3 }).correct('nuag3')).toBeNull();
  });

  it('prefers the more frequent of two words at the same distance', () => {
    expect(corrector({ nuage: 10, nuace: 1 }).correct('nuave')).toBe('nuage');
    expect(corrector({ nuage: 1, nuace: 10 }).correct('nuave')).toBe('nuace');
  });

  it('prefers a closer word to a more frequent one', () => {
    expect(corrector({ registre: 1, registres: 100 }).correct('registrr')).toBe('registre');
  });

  it('returns null when no known word is close', () => {
    expect(corrector({ nuage: 3 }).correct('parapluie')).toBeNull();
  });

  it('knows its vocabulary', () => {
    const c = corrector({ nuage: 3 });
    expect(c.has('nuage')).toBe(true);
    expect(c.has('nuaje')).toBe(false);
  });
});

describe('TypoCorrector, lean', () => {
  const vocabulary = new Map([['parapluie', 3], ['parapluies', 1], ['anemometre', 2], ['ombrelle', 1]]);
  const lean = new TypoCorrector(vocabulary, true);

  it('repairs one typo within words that share the first letter, and two in long words', () => {
    expect(lean.correct('parapuie')).toBe('parapluie');
    expect(lean.correct('anenomettre')).toBe('anemometre');
  });

  it('leaves a typo in the first letter alone (no deletion index)', () => {
    expect(lean.correct('mbrelle')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { terms } from '../../src/retrieval/analyse.js';
import { LemmaTable } from '../../src/retrieval/lemmas.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';

describe('LemmaTable', () => {
  const table = new LemmaTable('# comment\nabc\tabd\nmangeons\tmanger\nzut\tzutter\n');

  it('finds the lemma of a listed form and nothing for an unlisted one', () => {
    expect(table.size).toBe(3);
    expect(table.lemma('mangeons')).toBe('manger');
    expect(table.lemma('abc')).toBe('abd');
    expect(table.lemma('zut')).toBe('zutter');
    expect(table.lemma('mange')).toBeUndefined();
  });

  it('refuses a table whose forms are not sorted, which lookups would silently miss', () => {
    expect(() => new LemmaTable('zut\tzutter\nabc\tabd\n')).toThrow(/not sorted at "abc"/);
  });
});

describe('French analysis through the Hunspell lemmas', () => {
  const { fr } = loadLexicon();

  it('gives an irregular verb form the stem of its infinitive', () => {
    expect(terms('Les agences informent les usagers', fr)).toEqual(terms('agence informer usager', fr));
    expect(fr.stem('protegent')).toBe(fr.stem('proteger'));
  });

  it('keeps the verb donne apart from the noun données', () => {
    expect(fr.stem('donne')).not.toBe(fr.stem('donnees'));
    expect(fr.stem('donnees')).toBe(fr.stem('donnee'));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyser } from '../../src/retrieval/analyse.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';
import { headingReferenceKeys, questionReferenceKeys } from '../../src/retrieval/numbered-references.js';

describe('numbered references', () => {
  let fr: Analyser;
  beforeAll(() => {
    fr = loadLexicon().fr;
  });

  it('reads the number of a heading with the word that names the part', () => {
    expect(headingReferenceKeys('4. Principe de la prudence', fr)).toEqual(['princip§4']);
    expect(headingReferenceKeys('Article 21 — Registres', fr)).toEqual(['articl§21', 'registr§21']);
    expect(headingReferenceKeys('Section 3.2 Portée', fr)).toEqual(['section§3.2', 'porte§3.2']);
  });

  it('gives nothing for a heading without a leading number', () => {
    expect(headingReferenceKeys('Préambule', fr)).toEqual([]);
    expect(headingReferenceKeys('Les 4 saisons des nuages', fr)).toEqual([]);
  });

  it('reads « principe 4 », « le 4e principe » and « l’article 22.2 » in a question', () => {
    expect(questionReferenceKeys('Que dit le principe 4?', fr)).toEqual(['princip§4']);
    expect(questionReferenceKeys('le 4e principe', fr)).toEqual(['princip§4']);
    expect(questionReferenceKeys('Que prévoit l’article 22.2 de la loi?', fr)).toEqual(['articl§22.2']);
    expect(questionReferenceKeys('Quels nuages observer?', fr)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyser } from '../../src/retrieval/analyse.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';
import { articleReferenceKeys, headingReferenceKeys, questionReferences, withoutOwnNumbering } from '../../src/retrieval/numbered-references.js';

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

  it('reads a number after the word naming the part, and an ordinal before it', () => {
    expect(questionReferences('Que dit le principe 4?')).toEqual([{ word: 'principe', number: '4', written: ['4'] }]);
    expect(questionReferences('Que prévoit l’article 22.2 de la loi?')).toEqual([{ word: 'article', number: '22.2', written: ['22.2'] }]);
    expect(questionReferences('le principe no 4, le principe n° 4')).toEqual([
      { word: 'principe', number: '4', written: ['4'] },
      { word: 'principe', number: '4', written: ['4'] },
    ]);
    expect(questionReferences('le 4e principe')).toEqual([{ word: 'principe', number: '4', written: ['4', '4e'] }]);
    expect(questionReferences('Que dit le quatrième principe?')).toEqual([{ word: 'principe', number: '4', written: ['quatrieme'] }]);
    expect(questionReferences('What does the fourth principle say? And principle #2?')).toEqual([
      { word: 'principle', number: '4', written: ['fourth'] },
      { word: 'principle', number: '2', written: ['2'] },
    ]);
  });

  it('never pairs a bare number with the word after it, which it counts (« les 10 principes »)', () => {
    expect(questionReferences('Quels sont les 10 principes?')).toEqual([{ word: 'les', number: '10', written: ['10'] }]);
    expect(questionReferences('Quels nuages observer?')).toEqual([]);
  });

  it('reads the articles a statute’s text starts, a stray footnote digit allowed, not the articles it cites', () => {
    expect(articleReferenceKeys('11. Les radars sont calibrés. 12. 2 Le registre est tenu, selon l’article 40. 90.12. Le montant est fixé.', fr)).toEqual([
      'articl§11',
      'articl§12',
      'articl§90.12',
    ]);
    expect(articleReferenceKeys('Adoptée en 2031, 4 principes la guident.', fr)).toEqual([]);
  });

  it('reads « art. 21 » as article 21', () => {
    expect(questionReferences('orientations art. 21')).toEqual([{ word: 'art', number: '21', written: ['21'], abbreviates: 'article' }]);
  });
});

describe('withoutOwnNumbering', () => {
  it('removes the label or list marker that starts an item of the user’s, and the number of a count of questions', () => {
    expect(withoutOwnNumbering('Question 9 : que dit le principe?')).toBe(' que dit le principe?');
    expect(withoutOwnNumbering('J’ai deux questions:\n1) le principe?\n2. la règle?\nQ3) la charte?')).toBe('J’ai deux questions:\n le principe?\n la règle?\n la charte?');
    expect(withoutOwnNumbering('I have 3 questions. My 2nd question: the rule?')).toBe('I have  questions. My  question: the rule?');
  });

  it('keeps a number that names a part of a document, or counts anything but questions', () => {
    for (const text of ['Que dit le principe 4?', 'Pour la question 9 du formulaire, que répondre?', 'les 10 principes', 'l’article 22.2', 'Arrêté 2024-02 : portée?']) {
      expect(withoutOwnNumbering(text)).toBe(text);
    }
  });
});

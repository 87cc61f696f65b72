import { describe, expect, it } from 'vitest';
import { passageHeadingPhraseKeys, questionHeadingPhraseKeys, translatedHeadingPhraseKeys } from '../../src/retrieval/heading-phrases.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';

const fr = loadLexicon().fr;
const TITLE = 'Guide fictif pour une observation prudente des nuages';
const keysOf = (...path: string[]) => passageHeadingPhraseKeys({ section: { path }, title: TITLE }, fr);

describe('heading phrases', () => {
  it('gives a question naming a heading word for word the key of that heading, accents and case aside', () => {
    const [key] = keysOf('Radars partagés');
    expect(key).toBeDefined();
    expect(questionHeadingPhraseKeys('Que dit le guide sur les radars partages?', fr)).toContain(key);
    expect(questionHeadingPhraseKeys('Les RADARS PARTAGÉS sont-ils permis?', fr)).toContain(key);
  });

  it('keeps a negation, so a heading and its negation never share a key', () => {
    const [named] = keysOf('Usages sensibles');
    const [negated] = keysOf('Usages non sensibles');
    expect(named).not.toBe(negated);
    const asked = questionHeadingPhraseKeys('Quels sont les usages sensibles des radars?', fr);
    expect(asked).toContain(named);
    expect(asked).not.toContain(negated);
    expect(questionHeadingPhraseKeys('Quels sont les usages non sensibles?', fr)).toContain(negated);
  });

  it('needs the heading words in order and side by side', () => {
    const [key] = keysOf('Radars partagés');
    expect(questionHeadingPhraseKeys('Les radars des stations sont-ils partagés?', fr)).not.toContain(key);
    expect(questionHeadingPhraseKeys('Partagés, les radars?', fr)).not.toContain(key);
  });

  it('gives no key for a heading of one content word, nor for a heading inside the document’s title', () => {
    expect(keysOf('Définitions')).toEqual([]);
    expect(keysOf('Préambule', 'Observation prudente')).toEqual([]);
  });

  it('gives one key per heading of the section path, numbers left out', () => {
    const keys = keysOf('Chapitre 2 — Radars partagés', '2.1 Entretien des anémomètres');
    expect(keys).toHaveLength(2);
    expect(questionHeadingPhraseKeys('entretien des anémomètres', fr)).toContain(keys[1]);
  });

  it('finds a heading an English question names through its words’ translations, in either order', () => {
    const known = new Set([...keysOf('Principe de la prudence'), ...keysOf('Radars partagés'), ...keysOf('Usages non sensibles')]);
    const concept = (...terms: string[]) => ({ terms, neutral: false });
    // "prudence principle": English puts the modifier first, French after.
    expect(translatedHeadingPhraseKeys([concept('prudenc', 'precaution'), concept('princip', 'regl')], known)).toEqual(keysOf('Principe de la prudence'));
    expect(translatedHeadingPhraseKeys([concept('radar'), concept('partag', 'commun')], known)).toEqual(keysOf('Radars partagés'));
    // A neutral concept (the question's frame) breaks the run; a translation no heading has finds nothing.
    expect(translatedHeadingPhraseKeys([concept('prudenc'), { terms: ['dir'], neutral: true }, concept('princip')], known)).toEqual([]);
    expect(translatedHeadingPhraseKeys([concept('sensibl'), concept('usag')], known)).toEqual([]);
  });
});

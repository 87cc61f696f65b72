import { describe, expect, it } from 'vitest';
import { passageHeadingPhraseKeys, questionHeadingPhraseKeys, translatedHeadingPhraseKeys } from '../../src/retrieval/heading-phrases.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';

const fr = loadLexicon().fr;
const TITLE = 'Guide fictif pour une observation prudente des nuages';
const keysOf = (...path: string[]) => passageHeadingPhraseKeys({ section: { path }, title: TITLE }, fr);
/** The headings of a fictional guide, as an index knows them. */
const KNOWN = new Set([
  ...keysOf('Radars partagés'),
  ...keysOf('Usages sensibles'),
  ...keysOf('Usages non sensibles'),
  ...keysOf('Entretien des anémomètres'),
  ...keysOf('Entretien des anémomètres de secours'),
]);
const named = (question: string) => questionHeadingPhraseKeys(question, fr, KNOWN);

describe('heading phrases', () => {
  it('gives a question naming a heading word for word the key of that heading, accents and case aside', () => {
    const [key] = keysOf('Radars partagés');
    expect(key).toBeDefined();
    expect(named('Que dit le guide sur les radars partages?')).toContain(key);
    expect(named('Les RADARS PARTAGÉS sont-ils permis?')).toContain(key);
  });

  it('keeps a negation, so a heading and its negation never share a key', () => {
    const [sensitive] = keysOf('Usages sensibles');
    const [negated] = keysOf('Usages non sensibles');
    expect(sensitive).not.toBe(negated);
    const asked = named('Quels sont les usages sensibles des radars?');
    expect(asked).toContain(sensitive);
    expect(asked).not.toContain(negated);
    expect(named('Quels sont les usages non sensibles?')).toContain(negated);
  });

  it('needs the heading words in order and side by side', () => {
    const [key] = keysOf('Radars partagés');
    expect(named('Les radars des stations sont-ils partagés?')).not.toContain(key);
    expect(named('Partagés, les radars?')).not.toContain(key);
  });

  it('gives no key for a heading of one content word, nor for a heading inside the document’s title', () => {
    expect(keysOf('Définitions')).toEqual([]);
    expect(keysOf('Préambule', 'Observation prudente')).toEqual([]);
  });

  it('gives every known heading a question names, a shorter one inside a longer one included, and nothing else', () => {
    expect(named('L’entretien des anémomètres de secours des radars partagés').sort()).toEqual(
      [...keysOf('Entretien des anémomètres'), ...keysOf('Entretien des anémomètres de secours'), ...keysOf('Radars partagés')].sort(),
    );
    expect(named('Les anémomètres de secours')).toEqual([]);
  });

  it('gives one key per heading of the section path, numbers left out', () => {
    const keys = keysOf('Chapitre 2 — Radars partagés', '2.1 Entretien des anémomètres');
    expect(keys).toHaveLength(2);
    expect(named('entretien des anémomètres')).toContain(keys[1]);
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

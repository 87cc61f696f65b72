import { describe, expect, it } from 'vitest';
import { createAnalyser, fold, surfaceWords, terms } from '../../src/retrieval/analyse.js';

describe('fold', () => {
  it('lower-cases and removes diacritics', () => {
    expect(fold('Données Élaborées À Québec')).toBe('donnees elaborees a quebec');
  });

  it('folds decomposed accents the same as composed ones', () => {
    expect(fold('e\u0301te\u0301')).toBe(fold('été'));
  });
});

describe('surfaceWords', () => {
  it('removes an elided article written with the typographic apostrophe', () => {
    expect(surfaceWords('L’IA de l’Agence')).toEqual(['ia', 'de', 'agence']);
  });

  it('removes an elided article written with the straight apostrophe', () => {
    expect(surfaceWords("L'IA de l'Agence")).toEqual(['ia', 'de', 'agence']);
  });

  it('removes the elided qu’ of qu’on', () => {
    expect(surfaceWords('Est-ce qu’on doit informer?')).toEqual(['est', 'ce', 'on', 'doit', 'informer']);
  });

  it('removes longer elided words such as jusqu’ and lorsqu’', () => {
    expect(surfaceWords('jusqu’au moment lorsqu’il pleut')).toEqual(['au', 'moment', 'il', 'pleut']);
  });

  it('removes the English possessive', () => {
    expect(surfaceWords("The agency's rules")).toEqual(['the', 'agency', 'rules']);
  });

  it('keeps digits and splits on punctuation', () => {
    expect(surfaceWords('article 22.2, alinéa 1')).toEqual(['article', '22', '2', 'alinea', '1']);
  });

  it('reads words across format characters and full-width letters as the plain words', () => {
    expect(surfaceWords('prin\u00ADcipe de trans\u200Bpa\u200Dren\u2060ce')).toEqual(['principe', 'de', 'transparence']);
    expect(surfaceWords('ｔｒａｎｓｐａｒｅｎｃｅ')).toEqual(['transparence']);
  });

  it('returns nothing for emoji only', () => {
    expect(surfaceWords('🙂🌧️')).toEqual([]);
  });
});

describe('terms', () => {
  const fr = createAnalyser('fr');

  it('gives données and donnees the same stem', () => {
    expect(terms('données', fr)).toEqual(terms('donnees', fr));
    expect(terms('Données', fr)).toHaveLength(1);
  });

  it('removes stop words', () => {
    const stems = terms('les nuages de la région', fr);
    expect(stems).toEqual([...terms('nuages', fr), ...terms('région', fr)]);
  });

  it('gives singular and plural the same stem', () => {
    expect(terms('nuages', fr)).toEqual(terms('nuage', fr));
  });

  it('keeps repeated words (term frequency counts)', () => {
    expect(terms('nuage nuage', fr)).toHaveLength(2);
  });

  it('removes extra stop words given to the analyser, folded', () => {
    const withExtra = createAnalyser('fr', ['Allô']);
    expect(terms('allo les nuages', withExtra)).toEqual(terms('nuages', fr));
  });

  it('analyses English with English stop words', () => {
    const en = createAnalyser('en');
    expect(terms('the clouds of the agency', en)).toEqual(['cloud', 'agenc']);
  });
});

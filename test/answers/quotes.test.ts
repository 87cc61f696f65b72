import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_PASSAGES, MAX_SENTENCES_PER_PASSAGE, selectQuotes } from '../../src/answers/quotes.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { createAnalyser, terms } from '../../src/retrieval/analyse.js';
import type { RetrievedPassage } from '../../src/retrieval/types.js';

const fr = createAnalyser('fr');

function retrieved(id: string, text: string, score: number): RetrievedPassage {
  const passage: PassageRecord = {
    id: `charte-nuages@v1#${id}:0`,
    docId: 'charte-nuages',
    versionLabel: 'v1',
    section: { id, path: [id] },
    ordinal: 0,
    pages: null,
    text,
    title: 'Charte fictive de l’Agence québécoise des nuages',
    publishedOn: null,
    url: null,
  };
  return { passage, score };
}

/** Query terms as retrieval gives them: stem → importance. */
const queryOf = (words: string) => new Map(terms(words, fr).map((t) => [t, 1]));

describe('selectQuotes', () => {
  it('quotes sentences that are verbatim substrings of their passage', () => {
    const text = 'Le registre des nuages est public. Il est tenu par l’Agence fictive. Les parapluies sont rangés à l’entrée.';
    const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public'), fr);
    expect(quote!.sentences.length).toBeGreaterThan(0);
    for (const s of quote!.sentences) expect(text).toContain(s);
    expect(quote!.sentences[0]).toBe('Le registre des nuages est public.');
  });

  it('quotes at most two sentences of a passage, in the passage’s order', () => {
    const text = 'Le registre A est public. Le registre B est public. Le registre C est public. Le registre D est public.';
    const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public'), fr);
    expect(quote!.sentences).toEqual(['Le registre A est public.', 'Le registre B est public.']);
    expect(MAX_SENTENCES_PER_PASSAGE).toBe(2);
  });

  it('leaves out a sentence that carries much less of the question than the best one', () => {
    const text = 'Le vent souffle. Le registre des nuages est public et gratuit. Le registre existe.';
    const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public gratuit'), fr);
    expect(quote!.sentences).toEqual(['Le registre des nuages est public et gratuit.']);
  });

  it('quotes at most three passages', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((id) => retrieved(id, `Le registre ${id} est public.`, 5));
    expect(selectQuotes(many, queryOf('registre'), fr)).toHaveLength(MAX_QUOTED_PASSAGES);
    expect(MAX_QUOTED_PASSAGES).toBe(3);
  });

  it('does not quote a passage that scores far below the best one', () => {
    const quotes = selectQuotes(
      [retrieved('fort', 'Le registre est public.', 10), retrieved('faible', 'Le registre existe.', 1)],
      queryOf('registre public'),
      fr,
    );
    expect(quotes.map((q) => q.passage.passage.section.id)).toEqual(['fort']);
  });

  it('quotes the first sentence of a passage chosen for its heading only', () => {
    const [quote] = selectQuotes([retrieved('a', 'Première phrase fictive. Seconde phrase fictive.', 5)], queryOf('registre'), fr);
    expect(quote!.sentences).toEqual(['Première phrase fictive.']);
  });

  it('quotes nothing when nothing was retrieved', () => {
    expect(selectQuotes([], queryOf('registre'), fr)).toEqual([]);
  });
});

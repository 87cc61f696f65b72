import { beforeAll, describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import { LocalPassageIndex } from '../../src/retrieval/local-index.js';

/** A fictional agency's rules: `policy` is « politique » or « police » in French, and both are in the documents;
 *  « politique » shares passages with « données », a translation of `data`. */
const SECTIONS: [id: string, heading: string, text: string][] = [
  ['conservation', 'Conservation', 'La politique des données fixe la durée de conservation des données des observateurs.'],
  ['partage', 'Partage', 'La politique de partage ouvre les données des cartes à tous.'],
  ['patrouilles', 'Patrouilles', 'La police des nuages transmet ses renseignements; la police patrouille et la police consigne les orages.'],
  ['greffe', 'Greffe', 'Le greffe classe les renseignements des observateurs.'],
];

function passages(): PassageRecord[] {
  return SECTIONS.map(([id, heading, text], ordinal) => ({
    id: `regles-nuages@v1#${id}:${ordinal}`,
    docId: 'regles-nuages',
    versionLabel: 'v1',
    section: { id, path: [heading] },
    ordinal,
    pages: { from: ordinal + 1, to: ordinal + 1 },
    text,
    title: 'Règles fictives de l’Agence des nuages',
    publishedOn: '2031-03-12',
    url: null,
  }));
}

describe('English questions: the translation the rest of the question co-occurs with', () => {
  let lexicon: Lexicon;
  let index: LocalPassageIndex;
  beforeAll(() => {
    lexicon = loadLexicon();
    index = new LocalPassageIndex(passages(), lexicon);
  });

  it('reads `policy` as « politique » beside `data`, not as « police »', () => {
    const result = index.searchSync('What is the data policy?', { k: 5 });
    expect(result.passages.map((p) => p.passage.section.id)).toEqual(['conservation', 'partage', 'patrouilles', 'greffe']);
  });

  it('decides whether the documents cover the question as before the choice', () => {
    const result = index.searchSync('What is the data policy?', { k: 5 });
    expect(result.outcome).toBe('answered');
    expect(result.signals.coverage).toBe(1);
  });
});

describe('French questions with an English word: the same choice, the French words as context', () => {
  let index: LocalPassageIndex;
  beforeAll(() => {
    index = new LocalPassageIndex(passages(), loadLexicon());
  });

  it('reads the `policy` of « la policy sur les données » as « politique », not as « police »', () => {
    const result = index.searchSync('Quelle est la policy sur les données?', { k: 5 });
    expect(result.language).toBe('fr');
    expect(result.outcome).toBe('answered');
    expect(result.passages.map((p) => p.passage.section.id)).toEqual(['conservation', 'partage', 'patrouilles']);
  });
});

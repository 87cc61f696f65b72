import { describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { coordinate } from '../../src/retrieval/coordinate.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';
import { LocalPassageIndex } from '../../src/retrieval/local-index.js';

/** A fictional guide: one passage repeats a rare word of the question, another answers most of it. */
const TEXTS: [id: string, text: string][] = [
  ['grelons', 'Grêlons : le registre des grêlons recense les grêlons et les grêlons géants.'],
  [
    'abri',
    'Quand la saison change, le service municipal rappelle aux passants qu’un parapluie robuste, tenu au-dessus du trottoir, suffit à les protéger des grêlons les plus courants.',
  ],
  ['soleil', 'Le soleil réchauffe le trottoir ; un parapluie protège aussi du soleil.'],
  ['vent', 'Le vent retourne le parapluie et balaie le trottoir.'],
  ['pluie', 'La pluie mouille le trottoir ; le parapluie protège de la pluie.'],
  ['neige', 'La neige couvre le trottoir ; aucun parapluie ne protège du verglas.'],
  ['brume', 'La brume cache le trottoir.'],
  ['orage', 'L’orage gronde au loin.'],
];

function passages(): PassageRecord[] {
  return TEXTS.map(([id, text], ordinal) => ({
    id: `guide-meteo@v1#${id}:${ordinal}`,
    docId: 'guide-meteo',
    versionLabel: 'v1',
    section: { id, path: ['Guide fictif'] },
    ordinal,
    pages: { from: 1, to: 1 },
    text,
    title: 'Guide fictif de la météo municipale',
    publishedOn: null,
    url: null,
  }));
}

describe('coordination-level re-scoring', () => {
  it('ranks the passage answering most of a question above one repeating a single rare word of it', () => {
    const index = new LocalPassageIndex(passages(), loadLexicon());
    const result = index.searchSync('Un parapluie peut-il protéger le trottoir contre les grêlons?', { k: 5 });
    expect(result.passages[0]!.passage.section.id).toBe('abri');
  });

  it('leaves a question of one aspect in score order', () => {
    const hits = [
      { doc: 0, score: 3, matched: ['a'] },
      { doc: 1, score: 2, matched: ['a'] },
    ];
    expect(coordinate(hits, [{ terms: ['a'], weight: 1 }])).toEqual(hits);
  });

  it('scales a score by the weighted share of the aspects held, from half to whole', () => {
    const hits = [
      { doc: 0, score: 4, matched: ['a'] },
      { doc: 1, score: 3, matched: ['a', 'b'] },
    ];
    const out = coordinate(hits, [
      { terms: ['a'], weight: 1 },
      { terms: ['b', 'c'], weight: 3 },
    ]);
    expect(out.map((h) => [h.doc, h.score])).toEqual([
      [1, 3],
      [0, 4 * (0.5 + 0.5 * 0.25)],
    ]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import { mergeNumberedHeadings, numberedHeadingsOf, numberedSeries, numbersNamed, type NumberedHeadings } from '../../src/retrieval/numbered-series.js';
import { analyseQuery } from '../../src/retrieval/query.js';

/** A passage of a fictional document. */
function passage(docId: string, ordinal: number, path: string[], text = 'Texte fictif.'): PassageRecord {
  return {
    id: `${docId}@v1#s${ordinal}:${ordinal}`,
    docId,
    versionLabel: 'v1',
    section: { id: `s${ordinal}`, path },
    ordinal,
    pages: { from: ordinal + 1, to: ordinal + 1 },
    text,
    title: docId === 'guide' ? 'Guide fictif des observatoires' : 'Code fictif des radars',
    publishedOn: null,
    url: null,
  };
}

/** Rules 1 to 11 of a guide, out of reading order and with a subsection; a code numbering one rule only. */
const GUIDE = [
  passage('guide', 0, ['Préambule']),
  passage('guide', 1, ['2. Règle de sobriété']),
  passage('guide', 2, ['10. Règle de mesure']),
  passage('guide', 3, ['10. Règle de mesure', 'Illustration']),
  passage('guide', 4, ['1. Règle de prudence'], 'Première partie de la règle.'),
  passage('guide', 5, ['1. Règle de prudence'], 'Deuxième partie de la règle.'),
];
const CODE = [passage('code', 0, ['1. Règle unique']), passage('code', 1, ['Annexe'])];

describe('numbered series', () => {
  let lexicon: Lexicon;
  let headings: NumberedHeadings;
  beforeAll(() => {
    lexicon = loadLexicon();
    headings = mergeNumberedHeadings([numberedHeadingsOf(GUIDE, lexicon.fr), numberedHeadingsOf(CODE, lexicon.fr)]);
  });
  const vocabulary = { hasTerm: () => true, corrector: { correct: () => null, has: () => true, frequency: () => 0 } as never, acronyms: new Map() };
  const series = (question: string, language: 'fr' | 'en' = 'fr') =>
    numberedSeries(question, analyseQuery(question, language, lexicon, vocabulary), headings, lexicon.fr);

  it('gives the headings a document numbers under the counted noun, in number order, each with its first passage', () => {
    const counted = series('Combien de règles compte le guide?');
    expect(counted?.noun).toBe('règles');
    expect(counted?.series).toHaveLength(1);
    const [guide] = counted!.series;
    expect(guide!.title).toBe('Guide fictif des observatoires');
    expect(guide!.parts.map((p) => p.heading)).toEqual(['1. Règle de prudence', '2. Règle de sobriété', '10. Règle de mesure']);
    expect(guide!.parts.map((p) => p.passage.ordinal)).toEqual([4, 1, 2]);
  });

  it('reads an English counted noun through its French translations', () => {
    expect(series('How many rules are in the guide?', 'en')?.series[0]?.parts).toHaveLength(3);
    expect(series('How many rules are in the guide?', 'en')?.noun).toBe('rules');
  });

  it('leaves out a document numbering one part only, other nouns and questions that count nothing', () => {
    expect(series('Combien de règles?')!.series.map((s) => s.docId)).toEqual(['guide']);
    expect(series('Combien de licences faut-il?')).toBeNull();
    expect(series('Que dit la règle 2?')).toBeNull();
  });

  it('leaves out a document when the question counts only some of its parts, not when it names the document', () => {
    expect(series('Combien de règles parlent de sobriété?')).toBeNull();
    expect(series('Combien de règles le guide fictif des observatoires compte-t-il?')?.series).toHaveLength(1);
    expect(series('How many rules does the document have?', 'en')?.series).toHaveLength(1);
  });

  it('reads every number a heading over several parts names, spanning its ranges, and no number after it that is not one', () => {
    expect(numbersNamed('Articles 1.1 et 2', '1.1')).toEqual(['1.1', '2']);
    expect(numbersNamed('Articles 3, 4 et 5', '3')).toEqual(['3', '4', '5']);
    expect(numbersNamed('Articles 47 à 49', '47')).toEqual(['47', '48', '49']);
    expect(numbersNamed('Articles 47-49', '47')).toEqual(['47', '48', '49']);
    expect(numbersNamed('Articles 90.9 à 90.11', '90.9')).toEqual(['90.9', '90.10', '90.11']);
    expect(numbersNamed('Articles 3.9 à 4', '3.9')).toEqual(['3.9', '4']);
    expect(numbersNamed('4. Règle de prudence', '4')).toEqual(['4']);
    expect(numbersNamed('Article 21 — Règle 3', '21')).toEqual(['21']);
    expect(numbersNamed('Article 12 à 3 ans', '12')).toEqual(['12']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Lexicon } from '../../src/retrieval/lexicon.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';
import { mergeNumberedParts, missingPart, numberedPartsOf, type NumberedParts } from '../../src/retrieval/numbered-parts.js';
import { analyseQuery } from '../../src/retrieval/query.js';

/** A fictional code of conduct: three numbered rules, a context section numbered once, a section of cross-references. */
const CODE = [
  { section: { path: ['1. Contexte'] }, text: 'Le code encadre les observatoires de nuages depuis 2031.' },
  { section: { path: ['Règles', '1. Règle de prudence'] }, text: 'Chaque observatoire vérifie ses radars.' },
  { section: { path: ['Règles', '2. Règle de sobriété'] }, text: 'L’observatoire limite sa consommation d’énergie.' },
  { section: { path: ['Règles', '3. Règle de clarté'] }, text: 'Les bulletins sont écrits simplement.' },
  { section: { path: ['Renvois'] }, text: 'Le code complète l’article 21 de la Loi fictive sur les nuages et le quatrième chapitre du guide.' },
  { section: { path: ['5.2 Annexe technique'] }, text: 'Les anémomètres sont calibrés chaque printemps.' },
];

describe('numbered parts', () => {
  let lexicon: Lexicon;
  let parts: NumberedParts;
  beforeAll(() => {
    lexicon = loadLexicon();
    parts = numberedPartsOf(CODE, lexicon.fr);
  });
  const vocabulary = { hasTerm: () => true, corrector: { correct: () => null, has: () => true, frequency: () => 0 } as never, acronyms: new Map() };
  const missing = (question: string, language: 'fr' | 'en' = 'fr') =>
    missingPart(question, analyseQuery(question, language, lexicon, vocabulary), lexicon.fr, parts);

  it('knows the words that number a series of parts, not a word beside one number', () => {
    expect([...parts.names]).toContain(lexicon.fr.stem('règle'));
    expect([...parts.names]).not.toContain(lexicon.fr.stem('contexte'));
  });

  it('names a part of a numbered series that the documents lack, as the question writes it', () => {
    expect(missing('Que dit la règle 7?')).toBe('règle 7');
    expect(missing('Que dit la septième règle?')).toBe('règle 7');
    expect(missing('la 7e règle')).toBe('règle 7');
    expect(missing('What does rule 7 say?', 'en')).toBe('rule 7');
  });

  it('finds nothing missing for a part the documents have, name, or open a heading with', () => {
    expect(missing('Que dit la règle 2?')).toBeNull();
    expect(missing('What does rule 3 say?', 'en')).toBeNull();
    // The number opens a heading (« 5.2 Annexe technique »): that part may be the one asked for.
    expect(missing('Que dit la règle 5.2?')).toBeNull();
  });

  it('leaves alone numbers beside words that number no series: names, versions, counts', () => {
    expect(missing('Le contexte 2 du code?')).toBeNull();
    expect(missing('Puis-je utiliser Copilot 365?')).toBeNull();
    expect(missing('Les 7 règles du code')).toBeNull();
  });

  it('reads the parts the text names as parts the documents have', () => {
    const withArticles = mergeNumberedParts([
      parts,
      numberedPartsOf([{ section: { path: ['Loi fictive'] }, text: '20. Les nuages sont observés. 22. Les radars sont calibrés.' }], lexicon.fr),
    ]);
    const ask = (question: string) => missingPart(question, analyseQuery(question, 'fr', lexicon, vocabulary), lexicon.fr, withArticles);
    expect(ask('Que dit l’article 21?')).toBeNull();
    expect(ask('Que dit l’art. 23?')).toBe('art 23');
  });
});

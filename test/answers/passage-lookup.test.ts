import { describe, expect, it } from 'vitest';
import { createPassageLookup, sectionMatches } from '../../src/answers/passage-lookup.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';
import { LocalPassageIndex } from '../../src/retrieval/local-index.js';

/** A fictional charter: two sections speak of the register, one of umbrellas. */
function passage(sectionId: string, path: string[], ordinal: number, text: string): PassageRecord {
  return {
    id: `charte-nuages@v1#${sectionId}:${ordinal}`,
    docId: 'charte-nuages',
    versionLabel: 'v1',
    section: { id: sectionId, path },
    ordinal,
    pages: { from: 3 + ordinal, to: 3 + ordinal },
    text,
    title: 'Charte fictive de l’Agence québécoise des nuages',
    publishedOn: '2031-04-01',
    url: 'https://nuages.exemple.invalid/charte',
  };
}

const PASSAGES = [
  passage('registre', ['Registre'], 0, 'Le registre des nuages est tenu par l’Agence fictive et consulté chaque printemps.'),
  passage('registre/illustration', ['Registre', 'Illustration'], 1, 'Une agence peut montrer que son registre des nuages est tenu à jour en publiant un rapport annuel.'),
  passage('parapluies', ['Parapluies'], 2, 'Les parapluies sont rangés à l’entrée du bâtiment.'),
];
const lookup = createPassageLookup(new LocalPassageIndex(PASSAGES, loadLexicon()));

describe('createPassageLookup', () => {
  it('prefers the passage of the section named by the suffix, even when another scores higher', async () => {
    const quote = await lookup({ query: 'registre des nuages tenu', sectionSuffix: 'registre/illustration' });
    expect(quote?.text).toBe(PASSAGES[1]!.text);
    expect(quote?.sectionPath).toEqual(['Registre', 'Illustration']);
  });

  it('quotes the passage whole and verbatim, with its citation fields', async () => {
    const quote = await lookup({ query: 'parapluies rangés entrée', sectionSuffix: 'parapluies' });
    expect(quote).toEqual({
      text: 'Les parapluies sont rangés à l’entrée du bâtiment.',
      docId: 'charte-nuages',
      title: 'Charte fictive de l’Agence québécoise des nuages',
      versionLabel: 'v1',
      sectionPath: ['Parapluies'],
      pages: { from: 5, to: 5 },
      url: 'https://nuages.exemple.invalid/charte',
    });
  });

  it('falls back to the best passage when no section matches the suffix', async () => {
    const quote = await lookup({ query: 'parapluies rangés à l’entrée', sectionSuffix: 'section-disparue' });
    expect(quote?.sectionPath).toEqual(['Parapluies']);
  });

  it('returns null when the documents hold nothing relevant', async () => {
    expect(await lookup({ query: 'recette de tarte aux pommes et cannelle' })).toBeNull();
  });

  it('returns null on an empty index', async () => {
    expect(await createPassageLookup(new LocalPassageIndex([], loadLexicon()))({ query: 'registre', sectionSuffix: 'registre' })).toBeNull();
  });
});

describe('sectionMatches', () => {
  it.each([
    ['principe-1/illustration', 'principe-1/illustration', true],
    ['principe-1/illustration', 'illustration', true],
    ['principe-1', 'principe-1', true],
    ['sous-principe-1', 'principe-1', false],
    ['principe-10/illustration', 'principe-1/illustration', false],
    ['principe-1/illustration', 'principe-1', false],
  ])('%s against %s → %s', (id, suffix, expected) => {
    expect(sectionMatches(id, suffix)).toBe(expected);
  });
});

import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terms } from '../../src/retrieval/analyse.js';
import { loadLexicon, parseSolrSynonyms } from '../../src/retrieval/lexicon.js';

/** A fictional lexicon: the four files loadLexicon reads. */
const FILES: Record<string, string> = {
  'acronyms.json': JSON.stringify({
    acronyms: [
      { acronym: 'SN', expansion: { fr: 'service des nuages', en: 'cloud service' } },
      { acronym: 'AQN', expansion: { fr: 'organisme public', en: 'public body' }, kind: 'organisme' },
    ],
  }),
  'glossary-en-fr.json': JSON.stringify({ concepts: [{ en: ['cloud', 'clouds'], fr: ['nuage'] }, { en: ['cloud seeding'], fr: ['ensemencement'] }] }),
  'thesaurus-fr.txt': '# Thésaurus fictif\n\nparapluie, ombrelle\ncumulus, gros nuage blanc\n',
  'stopwords-extra.json': JSON.stringify({ fr: ['bonjour'], en: ['hello'] }),
};

describe('parseSolrSynonyms', () => {
  it('reads one group of equivalent terms per line, trimmed', () => {
    expect(parseSolrSynonyms('parapluie , ombrelle\ncumulus, gros nuage blanc')).toEqual([
      ['parapluie', 'ombrelle'],
      ['cumulus', 'gros nuage blanc'],
    ]);
  });

  it('skips comments and blank lines', () => {
    expect(parseSolrSynonyms('# commentaire fictif\n\n   \nparapluie, ombrelle # fin de ligne\n')).toEqual([['parapluie', 'ombrelle']]);
  });

  it('reads an explicit mapping as an equivalence', () => {
    expect(parseSolrSynonyms('ombrelle => parapluie')).toEqual([['ombrelle', 'parapluie']]);
  });

  it('drops a line with a single term', () => {
    expect(parseSolrSynonyms('parapluie\n')).toEqual([]);
  });
});

describe('loadLexicon', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-lexicon-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the project’s own data files', () => {
    const lexicon = loadLexicon();
    expect(lexicon.acronyms.size).toBeGreaterThan(0);
    expect(lexicon.glossary.length).toBeGreaterThan(0);
    expect(lexicon.thesaurus.length).toBeGreaterThan(0);
  });

  it('analyses acronym expansions and marks names of public bodies', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.acronyms.get('sn')).toEqual({
      fr: terms('service des nuages', lexicon.fr),
      en: terms('cloud service', lexicon.en),
      organisme: false,
    });
    expect(lexicon.acronyms.get('aqn')?.organisme).toBe(true);
  });

  it('keeps glossary phrases as English stems and their French index terms', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.glossary[1]).toEqual({ en: [terms('cloud seeding', lexicon.en)], frTerms: terms('ensemencement', lexicon.fr) });
    expect(lexicon.englishVocabulary.has('seeding')).toBe(true);
  });

  it('reads the thesaurus groups as stemmed phrases', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.thesaurus).toEqual([
      [terms('parapluie', lexicon.fr), terms('ombrelle', lexicon.fr)],
      [terms('cumulus', lexicon.fr), terms('gros nuage blanc', lexicon.fr)],
    ]);
  });

  it('adds the extra stop words to each language', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.fr.stopWords.has('bonjour')).toBe(true);
    expect(lexicon.en.stopWords.has('hello')).toBe(true);
  });

  it('names a file that does not match its schema', () => {
    writeFileSync(path.join(dir, 'glossary-en-fr.json'), JSON.stringify({ concepts: [{ en: [], fr: ['nuage'] }] }));
    expect(() => loadLexicon(dir)).toThrow(/glossary-en-fr\.json/);
  });

  it('names a file that is not JSON', () => {
    writeFileSync(path.join(dir, 'stopwords-extra.json'), '{ pas du json');
    expect(() => loadLexicon(dir)).toThrow(/stopwords-extra\.json is not valid JSON/);
  });

  it('names an acronym file with an unknown kind', () => {
    writeFileSync(
      path.join(dir, 'acronyms.json'),
      JSON.stringify({ acronyms: [{ acronym: 'SN', expansion: { fr: 'service', en: 'service' }, kind: 'nuage' }] }),
    );
    expect(() => loadLexicon(dir)).toThrow(/acronyms\.json/);
  });

  it('names a file that is missing', () => {
    unlinkSync(path.join(dir, 'thesaurus-fr.txt'));
    expect(() => loadLexicon(dir)).toThrow(/thesaurus-fr\.txt/);
  });
});

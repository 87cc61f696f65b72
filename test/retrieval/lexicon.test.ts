import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { terms } from '../../src/retrieval/analyse.js';
import { morphy } from '../../src/retrieval/dictionary.js';
import { loadLexicon, parsePhrases } from '../../src/retrieval/lexicon.js';

/** A fictional lexicon: the files loadLexicon reads. */
const FILES: Record<string, string> = {
  'en-fr-wordnet.tsv': '# dictionnaire fictif\ncloud\tn\tnuage|nuée\ncloud seeding\tn\tensemencement des nuages\numbrella\tn\tparapluie\nwashable\ta\tlavable\n',
  'phrases-fr-wolf.txt': '# expressions fictives\ngros nuage blanc\nnuage de pluie\n',
  'lemmas-fr-hunspell.tsv': '# fictif\nnuageaient\tnuager\n',
  'stems-fr-hunspell.txt': '# fictif\nnuag\nparapluy\n',
  'untranslated-en-wordnet.txt': '# fictif\ncloudless\n',
  'stop-en-snowball.txt': '# liste fictive\nthe\ndoes\n',
};

describe('morphy', () => {
  it('gives the base forms WordNet’s detachment rules allow for a part of speech, the word itself first', () => {
    expect(morphy('policies', 'n')).toEqual(['policies', 'policie', 'policy']);
    expect(morphy('trained', 'v')).toEqual(['trained', 'traine', 'train']);
    expect(morphy('trained', 'n')).toEqual(['trained']);
    expect(morphy('is', 'v')).toEqual(['is']);
  });
});

describe('parsePhrases', () => {
  it('keys multiword expressions by their first folded word, longest first', () => {
    const phrases = parsePhrases('# c\nnuage de pluie\nnuage de pluie acide\nnuage\n');
    expect(phrases.get('nuage')).toEqual([
      ['nuage', 'de', 'pluie', 'acide'],
      ['nuage', 'de', 'pluie'],
    ]);
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
    expect([...lexicon.dictionary.frenchWords()].length).toBeGreaterThan(10_000);
    expect(lexicon.phrases.size).toBeGreaterThan(1_000);
  });

  it('looks up the longest headword at a position, inflected words included, with French words and stems', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.dictionary.lookup(['clouds', 'rain'], 0)).toEqual({
      length: 1,
      translations: [
        { stems: terms('nuage', lexicon.fr), word: 'nuage' },
        { stems: terms('nuée', lexicon.fr), word: 'nuée' },
      ],
    });
    expect(lexicon.dictionary.lookup(['cloud', 'seeding'], 0)).toEqual({
      length: 2,
      translations: [{ stems: terms('ensemencement des nuages', lexicon.fr), word: 'ensemencement des nuages' }],
    });
    expect(lexicon.dictionary.lookup(['weather'], 0)).toEqual({ length: 0, translations: [] });
    expect(lexicon.dictionary.words.has('seeding')).toBe(true);
  });

  it('translates a quality noun no headword gives (`-ability`) as its adjective, and as the French noun of that adjective', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.dictionary.lookupOrDerived(['washability'], 0)).toEqual({
      length: 1,
      translations: [
        { stems: terms('lavable', lexicon.fr), word: 'lavable' },
        { stems: terms('lavabilité', lexicon.fr), word: 'lavabilité' },
      ],
    });
    expect(lexicon.dictionary.lookupOrDerived(['cloud', 'seeding'], 0)).toEqual(lexicon.dictionary.lookup(['cloud', 'seeding'], 0));
    expect(lexicon.dictionary.lookupOrDerived(['foldability'], 0)).toEqual({ length: 0, translations: [] });
  });

  it('uses the general stop word lists of both languages', () => {
    const lexicon = loadLexicon(dir);
    expect(lexicon.fr.stopWords.has('quelle')).toBe(true);
    expect(lexicon.en.stopWords.has('the')).toBe(true);
    expect(lexicon.en.stopWords.has('information')).toBe(false);
  });

  it('names a dictionary line without a French side', () => {
    writeFileSync(path.join(dir, 'en-fr-wordnet.tsv'), 'cloud\tn\n');
    expect(() => loadLexicon(dir)).toThrow(/en-fr-wordnet\.tsv is invalid: dictionary line 1/);
  });

  it('names the first malformed dictionary line after comments, blanks and French words in any script', () => {
    const good = '# fictif\n\ncloud\tn\tnuage\nrain\tn\tœil-de-pluie\n';
    for (const [bad, line] of [
      ['cloud\tx\tnuage\n', 5],
      ['cloud\tn\t nuage\n', 5],
      ['\tn\tnuage\n', 5],
      ['cloud n nuage\n', 5],
      ['cloud\tn\tnuage\nsky\tn\n', 6],
    ] as const) {
      writeFileSync(path.join(dir, 'en-fr-wordnet.tsv'), good + bad);
      expect(() => loadLexicon(dir)).toThrow(`en-fr-wordnet.tsv is invalid: dictionary line ${line} is not`);
    }
    writeFileSync(path.join(dir, 'en-fr-wordnet.tsv'), `${good}umbrella\tn\tparapluie`);
    expect(loadLexicon(dir).dictionary.has('umbrella')).toBe(true);
  });

  it('names a lemma table whose forms are not sorted', () => {
    writeFileSync(path.join(dir, 'lemmas-fr-hunspell.tsv'), 'zut\tzutter\nabc\tabd\n');
    expect(() => loadLexicon(dir)).toThrow(/lemmas-fr-hunspell\.tsv is invalid: lemma table not sorted at "abc"/);
  });

  it('names a stem list that is not sorted', () => {
    writeFileSync(path.join(dir, 'stems-fr-hunspell.txt'), 'zut\nabc\n');
    expect(() => loadLexicon(dir)).toThrow(/stems-fr-hunspell\.txt is invalid: stem list not sorted at "abc"/);
  });

  it('names an untranslated English lemma list that is not sorted, and reads one that is', () => {
    expect(loadLexicon(dir).untranslatedEnglish.has('cloudless')).toBe(true);
    writeFileSync(path.join(dir, 'untranslated-en-wordnet.txt'), 'zany\nabaft\n');
    expect(() => loadLexicon(dir)).toThrow(/untranslated-en-wordnet\.txt is invalid: lemma list not sorted at "abaft"/);
  });

  it('names the English stop words file when a line is not a lower-case word', () => {
    writeFileSync(path.join(dir, 'stop-en-snowball.txt'), 'the\nDoes it\n');
    expect(() => loadLexicon(dir)).toThrow(/stop-en-snowball\.txt is invalid: "Does it"/);
  });

  it('names a file that is missing', () => {
    unlinkSync(path.join(dir, 'phrases-fr-wolf.txt'));
    expect(() => loadLexicon(dir)).toThrow(/phrases-fr-wolf\.txt/);
  });
});

describe('the derived English→French dictionary (data/lexicon)', () => {
  it('translates irregular inflections through WordNet’s exception lists, as their base forms', () => {
    const dictionary = loadLexicon().dictionary;
    const french = (word: string) => dictionary.lookup([word], 0).translations.map((t) => t.word);
    expect(french('bought')).toEqual(expect.arrayContaining(['acheter']));
    expect(french('children')).toEqual(expect.arrayContaining(['enfant']));
    expect(french('written')).toEqual(french('write'));
  });

  it('lists the English lemmas WOLF leaves untranslated, and none the dictionary translates', () => {
    const lexicon = loadLexicon();
    expect(lexicon.untranslatedEnglish.has('accountable')).toBe(true);
    expect(lexicon.dictionary.has('accountable')).toBe(false);
    expect(lexicon.untranslatedEnglish.has('cloud')).toBe(false);
    expect(lexicon.untranslatedEnglish.has('poutine')).toBe(false);
  });

  it('reads the English question words Snowball lists as stop words, not as words to translate (`does` is no « effectuer »)', () => {
    const { en } = loadLexicon();
    for (const w of ['does', 'will', 'when', 'why', 'just', 'the', 'what']) expect(en.stopWords.has(w), w).toBe(true);
    expect(terms('What does the policy require?', en)).not.toContain('doe');
  });

  it('gives words as translations, never the numbers, dates, titles and markup WOLF took from Wikipedia', () => {
    const dictionary = loadLexicon().dictionary;
    const french = (word: string) => dictionary.lookup([word], 0).translations.map((t) => t.word);
    expect(french('two')).toContain('deux');
    expect(french('two')).not.toContain('1');
    expect(french('one')).not.toContain('10');
    const lines = readFileSync(path.join(projectRoot(), 'data/lexicon/en-fr-wordnet.tsv'), 'utf8').split('\n');
    const translations = lines.filter((l) => l && !l.startsWith('#')).flatMap((l) => l.split('\t')[2]!.split('|'));
    expect(translations.filter((w) => /[^\p{L}'’ .-]/u.test(w))).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createAnalyser, surfaceWords, type Analyser } from './analyse.js';
import { EnglishDictionary } from './dictionary.js';
import { LemmaTable, SortedKeys } from './lemmas.js';

const require = createRequire(import.meta.url);
const stopwordsIso = require('stopwords-iso') as Record<'fr' | 'en', string[]>;

/** The English→French dictionary file in `data/lexicon` (see data/lexicon/README.md for its sources). */
export const DICTIONARY_FILE = 'en-fr-wordnet.tsv';

/** The French multiword expressions file in `data/lexicon` (one per line; see data/lexicon/README.md). */
export const PHRASES_FILE = 'phrases-fr-wolf.txt';

/** The French form → lemma table in `data/lexicon` (see data/lexicon/README.md). */
export const LEMMAS_FILE = 'lemmas-fr-hunspell.tsv';

/** The French stems file in `data/lexicon`: the Snowball stem of every word of a general French dictionary (see
 *  data/lexicon/README.md). */
export const FRENCH_STEMS_FILE = 'stems-fr-hunspell.txt';

/** The English stop words file in `data/lexicon`: the Snowball English list, one word per line (see
 *  data/lexicon/README.md). */
export const ENGLISH_STOP_WORDS_FILE = 'stop-en-snowball.txt';
/** One-word English lemmas of WordNet that WOLF does not translate (data/lexicon/README.md). */
export const UNTRANSLATED_ENGLISH_FILE = 'untranslated-en-wordnet.txt';

/** A phrase as a sequence of analysed stems. */
export type StemPhrase = readonly string[];

/**
 * The general language resources of query analysis: the analysers of both languages, with their stop words, and an
 * English→French dictionary derived from WordNet 3.0 and WOLF (data/lexicon/README.md). Nothing in it is specific
 * to the documents: what is specific (acronyms, vocabulary) is mined from the index (see query.ts).
 */
export interface Lexicon {
  fr: Analyser;
  en: Analyser;
  /** The English→French dictionary. */
  dictionary: EnglishDictionary;
  /** French multiword expressions as folded surface words (`surfaceWords`), by their first word, longest first.
   *  loadLexicon parses them on the first read of this property. */
  phrases: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Stems of the words of general French: a question word whose stem is here is a word, never a typo to repair. */
  frenchStems: SortedKeys;
  /** One-word English lemmas of WordNet none of whose senses the dictionary translates (`accountable`): English
   *  words whose French is unknown, not names or words of another language. */
  untranslatedEnglish: SortedKeys;
  /** English contractions with their apostrophe (`who's`, `isn't`), from the stopwords-iso English list. */
  contractions: readonly string[];
}

/** Parses the multiword expressions file (`#` comments, one expression per line) into folded surface words. */
export function parsePhrases(text: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  // One string per distinct word and arrays of their exact length: arrays grown by filter and push keep spare slots,
  // and every phrase held its own copy of common words (`de`, `la`); 5.3 MB of heap for the WOLF list, now 2.5.
  const interned = new Map<string, string>();
  const intern = (word: string): string => {
    const known = interned.get(word);
    if (known !== undefined) return known;
    interned.set(word, word);
    return word;
  };
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const words = surfaceWords(line).map(intern);
    if (words.length < 2) continue;
    const list = out.get(words[0]!) ?? [];
    list.push(words);
    out.set(words[0]!, list);
  }
  for (const [first, list] of out) out.set(first, list.sort((a, b) => b.length - a.length).slice());
  return out;
}

/**
 * Loads the lexicon: stop words are the lists of package `stopword`, plus, for French, the stopwords-iso list
 * (package `stopwords-iso`, MIT), which adds question frames and chat words, and for English the Snowball list
 * `data/lexicon/stop-en-snowball.txt` (`stopword`'s English list lacks `does`, `will`, `when`; the stopwords-iso
 * English list is not used: it holds content words such as `information`, `system`, `use`); the dictionary is
 * `data/lexicon/en-fr-wordnet.tsv`, the multiword expressions `data/lexicon/phrases-fr-wolf.txt`, the French
 * form → lemma table `data/lexicon/lemmas-fr-hunspell.tsv`, the French stems `data/lexicon/stems-fr-hunspell.txt`,
 * the English lemmas the dictionary lacks `data/lexicon/untranslated-en-wordnet.txt`.
 * @param dir folder holding the dictionary and phrases files
 * @throws Error naming the file and the problem when it is missing or invalid
 */
export function loadLexicon(dir: string = findLexiconDir()): Lexicon {
  const read = (name: string) => readBytes(name).toString('utf8');
  const readBytes = (name: string) => {
    try {
      return fs.readFileSync(path.join(dir, name));
    } catch (e) {
      throw new Error(`lexicon file ${path.join(dir, name)} cannot be read: ${(e as Error).message}`);
    }
  };
  const lemmaText = read(LEMMAS_FILE);
  let lemmas: LemmaTable;
  try {
    lemmas = new LemmaTable(lemmaText);
  } catch (e) {
    throw new Error(`lexicon file ${path.join(dir, LEMMAS_FILE)} is invalid: ${(e as Error).message}`);
  }
  const fr = createAnalyser('fr', stopwordsIso.fr, lemmas);
  const englishStopWords = read(ENGLISH_STOP_WORDS_FILE)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const notWord = englishStopWords.find((w) => !/^[a-z']+$/.test(w));
  if (notWord !== undefined) {
    throw new Error(`lexicon file ${path.join(dir, ENGLISH_STOP_WORDS_FILE)} is invalid: "${notWord}" is not a lower-case English word`);
  }
  const en = createAnalyser('en', englishStopWords);
  let dictionary: EnglishDictionary;
  try {
    dictionary = new EnglishDictionary(readBytes(DICTIONARY_FILE), fr);
  } catch (e) {
    throw new Error(`lexicon file ${path.join(dir, DICTIONARY_FILE)} is invalid: ${(e as Error).message}`);
  }
  let frenchStems: SortedKeys;
  try {
    frenchStems = new SortedKeys(read(FRENCH_STEMS_FILE), 'stem list');
  } catch (e) {
    throw new Error(`lexicon file ${path.join(dir, FRENCH_STEMS_FILE)} is invalid: ${(e as Error).message}`);
  }
  const untranslatedText = read(UNTRANSLATED_ENGLISH_FILE);
  let untranslatedEnglish: SortedKeys;
  try {
    untranslatedEnglish = new SortedKeys(untranslatedText, 'lemma list');
  } catch (e) {
    throw new Error(`lexicon file ${path.join(dir, UNTRANSLATED_ENGLISH_FILE)} is invalid: ${(e as Error).message}`);
  }
  // Read now, so that a missing file stops the start as the others do; parsed on first use (the first French
  // question, or KnowledgeService.prepare once the server listens): about 0.15 s that start-up no longer waits for.
  let phrasesText: string | null = read(PHRASES_FILE);
  let phrases: Map<string, string[][]> | null = null;
  return {
    fr,
    en,
    dictionary,
    get phrases() {
      if (phrases === null) {
        phrases = parsePhrases(phrasesText!);
        phrasesText = null;
      }
      return phrases;
    },
    frenchStems,
    untranslatedEnglish,
    contractions: stopwordsIso.en.filter((w) => /^\p{L}+'\p{L}+$/u.test(w)),
  };
}

/**
 * Finds `data/lexicon` from the running module, whether it runs from `src` (tests) or `dist/src` (built).
 * @throws Error when no such folder is found above the module
 */
function findLexiconDir(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', 'lexicon');
    if (fs.existsSync(path.join(candidate, DICTIONARY_FILE))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('data/lexicon not found above the Balises modules');
}

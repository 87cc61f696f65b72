import { createRequire } from 'node:module';
import { eng, fra } from 'stopword';
import type { Language } from '../answers/types.js';
import type { LemmaTable } from './lemmas.js';

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): { stem(word: string): string } };
const STEMMERS = { fr: snowball.newStemmer('french'), en: snowball.newStemmer('english') } as const;

/** Elided articles and pronouns (`l’`, `d’`, `qu’`, `jusqu’`…), removed with either apostrophe. */
const ELISION = /(^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)'(?=\p{L})/gu;
const APOSTROPHES = /[’‘ʼ`´′]/g;

/** Unicode format characters (general category Cf): soft hyphen, zero-width space and joiners, word joiner, byte
 *  order mark, bidirectional marks. Invisible, they come with text copied from Word or a PDF, often inside a word. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Text as analysis reads it: format characters removed (`prin\u00ADcipe` → `principe`), then Unicode compatibility
 * normalisation NFKC (Unicode Standard Annex #15), which composes accents as NFC does and also reads compatibility
 * forms as their plain letters: full-width `ｔｒａｎｓ` → `trans`, ligature `ﬁ` → `fi`, superscript `²` → `2`. Applied
 * to questions and passages alike, so that both read the same; the text shown to users is never this one.
 */
export function analysable(text: string): string {
  return text.replace(FORMAT_CHARACTERS, '').normalize('NFKC');
}

/** Lower-cases and removes diacritics: `Données` → `donnees`. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Analysis settings for one language: folded stop words plus extra ones (question fillers) from the lexicon. */
export interface Analyser {
  language: Language;
  stopWords: ReadonlySet<string>;
  /** Memoised stems: analysis of a long document repeats words a lot. */
  stem(folded: string): string;
}

/**
 * Creates the analyser of a language. Stop words are the lists shipped by `stopword`, folded, plus
 * `extraStopWords` (folded too). With `lemmas`, a word the table lists is stemmed through its lemma
 * (`informent` → `informer` → `inform`), where Snowball alone leaves irregular and rare inflections apart.
 */
export function createAnalyser(language: Language, extraStopWords: readonly string[] = [], lemmas?: LemmaTable): Analyser {
  const base = language === 'fr' ? fra : eng;
  const stopWords = new Set([...base, ...extraStopWords].map(fold));
  const stemmer = STEMMERS[language];
  const cache = new Map<string, string>();
  return {
    language,
    stopWords,
    stem(folded: string) {
      let s = cache.get(folded);
      if (s === undefined) {
        s = /^\d+$/.test(folded) ? folded : stemmer.stem(lemmas?.lemma(folded) ?? folded);
        cache.set(folded, s);
      }
      return s;
    },
  };
}

/** English negative contractions whose first part is not the verb (`won't` is `will not`). */
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = { wo: 'will', ca: 'can', sha: 'shall', ai: 'is' };
/** Contracted clitics and their full word; `'d` and `'s` stay ambiguous (would/had, is/has/possessive) and go. */
const CLITICS: Readonly<Record<string, string>> = { re: 'are', ve: 'have', ll: 'will', m: 'am', d: '' };

/**
 * An English text with its contractions written out (`isn't` → `is not`, `won't` → `will not`, `they're` → `they
 * are`), so that a question reads the same contracted or not; split at the apostrophe, a contraction would give
 * words of its own (`isn` + `t`). Text is read as `analysable` and apostrophes unified, as surfaceWords does.
 */
export function withoutEnglishContractions(text: string): string {
  return analysable(text)
    .replace(APOSTROPHES, "'")
    .replace(/\b([a-z]+)n't\b/gi, (_, verb: string) => `${IRREGULAR_NEGATIONS[verb.toLowerCase()] ?? verb} not`)
    .replace(/\b([a-z]+)'(re|ve|ll|m|d)\b/gi, (_, word: string, clitic: string) => `${word} ${CLITICS[clitic.toLowerCase()]}`);
}

/**
 * Splits text into folded surface words: read as `analysable` (format characters out, NFKC), apostrophes unified, French elisions removed (`l’IA` → `ia`,
 * `qu’on` → `on`), English possessives removed, lower-cased, diacritics folded, split on anything that is not a
 * letter or a digit. Stop words are NOT removed here (see `terms`).
 */
export function surfaceWords(text: string): string[] {
  const unified = analysable(text).replace(APOSTROPHES, "'").toLowerCase();
  const noElision = unified.replace(ELISION, '$1').replace(/'s\b/g, '');
  return fold(noElision)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Punctuation that ends a phrase: a comma, semicolon, colon or sentence end followed by a space, or a bracket or
 *  quotation mark anywhere. A decimal (`1,5`), a dotted number (`2024.01`) or an abbreviation's inner dot stays in. */
const PHRASE_END = /[,;:.!?…]+(?=\s|$)|[()[\]{}«»"“”]/u;

/**
 * Splits text into its phrases (runs with no punctuation between their words), for readers that must not join
 * words across a list separator: « mail, compte rendu, note » is three phrases, not one name.
 * @returns the phrases in text order, each as its folded surface words (see `surfaceWords`); no empty phrase
 */
export function phraseWords(text: string): string[][] {
  return text
    .split(PHRASE_END)
    .map(surfaceWords)
    .filter((words) => words.length > 0);
}

/**
 * Full analysis for indexing and matching: surface words → stop words out → Snowball stem applied after folding
 * (so `données` and `donnees` get the same stem).
 * @returns stems in text order (duplicates kept: term frequency matters)
 */
export function terms(text: string, analyser: Analyser): string[] {
  const out: string[] = [];
  for (const w of surfaceWords(text)) {
    if (analyser.stopWords.has(w)) continue;
    out.push(analyser.stem(w));
  }
  return out;
}

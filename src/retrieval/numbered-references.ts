import { fold } from './analyse.js';
import type { Analyser } from './analyse.js';

/**
 * Numbered parts of a document as readers name them: « principe 4 », « l'article 21 », « section 3.2 »,
 * « 4e principe ». A heading that starts with a number (`4. Principe de la sécurité`, `Article 21 — Définitions`)
 * gives one reference key per word around its number, the word's stem joined to the number (`princip§4`,
 * `articl§21`); a question gives the keys of each number it holds with the content words just before and after it.
 * A question's key matches only a heading numbered so, not the number anywhere in a text, which BM25 alone cannot
 * tell apart: « 4 » is in dates, counts and citations, and a heading holds each word once.
 */

/** Words and numbers (a number keeps its inner dots: `3.2`, `22.2`) of folded text, in order. */
function tokens(text: string): string[] {
  return fold(text.normalize('NFC').toLowerCase()).match(/[a-z]+|\d+(?:\.\d+)*/g) ?? [];
}

const NUMBER = /^\d/;
/** French and English ordinal endings written after the digits (`4e`, `1er`, `2nd`), read as the number alone. */
const ORDINAL_ENDING = new Set(['e', 'er', 're', 'eme', 'ieme', 'st', 'nd', 'rd', 'th']);

/** The reference key of a word and a number, or null when the word is a stop word or absent. */
function key(word: string | undefined, number: string, analyser: Analyser): string | null {
  if (word === undefined || NUMBER.test(word) || analyser.stopWords.has(word)) return null;
  return `${analyser.stem(word)}§${number}`;
}

/** The keys of the number at `at` in `words` with its neighbouring words (an ordinal ending skipped). */
function keysAround(words: readonly string[], at: number, analyser: Analyser): string[] {
  const next = ORDINAL_ENDING.has(words[at + 1] ?? '') ? at + 2 : at + 1;
  return [key(words[at - 1], words[at]!, analyser), key(words[next], words[at]!, analyser)].filter((k) => k !== null);
}

/**
 * The reference keys of a heading that starts with its number (`4. Principe…` → `princip§4`) or with a word naming
 * the part and then its number (`Article 21 — Titre` → `articl§21`, `titr§21`); [] for any other heading (`Les 4
 * saisons` is no numbered part).
 * @param analyser the analyser of the document's language (its stop words and stems)
 */
export function headingReferenceKeys(heading: string, analyser: Analyser): string[] {
  const words = tokens(heading);
  const at = NUMBER.test(words[0] ?? '') ? 0 : NUMBER.test(words[1] ?? '') && key(words[0], '', analyser) ? 1 : -1;
  return at < 0 ? [] : keysAround(words, at, analyser);
}

/**
 * The reference keys of every number in a question (« que dit le principe 4 » → `princip§4`; « le 4e principe »
 * → `princip§4`).
 * @param analyser the analyser of the question's language (French keys match French headings)
 */
export function questionReferenceKeys(question: string, analyser: Analyser): string[] {
  const words = tokens(question);
  return words.flatMap((w, i) => (NUMBER.test(w) ? keysAround(words, i, analyser) : []));
}

import { fold } from './analyse.js';
import type { Analyser } from './analyse.js';

/**
 * Numbered parts of a document as readers name them: « principe 4 », « l'article 21 », « section 3.2 »,
 * « 4e principe ». A heading that starts with a number (`4. Principe de la sécurité`, `Article 21 — Définitions`)
 * gives one reference key per word around its number, the word's stem joined to the number (`princip§4`,
 * `articl§21`); a question gives each number it holds with the words just before and after it, whose index terms
 * (French stems, or the translations of an English word) make its keys.
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

/** The index key of a numbered part: an index term (stem) of the word naming it, and its number (`princip§4`). */
export function referenceKey(term: string, number: string): string {
  return `${term}§${number}`;
}

/** A number of a question and a word beside it (folded), which may name the part so numbered. */
export interface NumberedReference {
  word: string;
  number: string;
}

/** The number at `at` in `words` with each word beside it (an ordinal ending skipped). */
function around(words: readonly string[], at: number): NumberedReference[] {
  const number = words[at]!;
  const next = ORDINAL_ENDING.has(words[at + 1] ?? '') ? at + 2 : at + 1;
  return [words[at - 1], words[next]].filter((w) => w !== undefined && !NUMBER.test(w)).map((word) => ({ word: word!, number }));
}

/** The key of a heading's number with a word beside it, or null when the word is a stop word or absent. */
function key(word: string | undefined, number: string, analyser: Analyser): string | null {
  if (word === undefined || NUMBER.test(word) || analyser.stopWords.has(word)) return null;
  return referenceKey(analyser.stem(word), number);
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
  return at < 0 ? [] : around(words, at).flatMap(({ word, number }) => key(word, number, analyser) ?? []);
}

/**
 * Every number of a question with the words beside it (« que dit le principe 4 » → `le`/4, `principe`/4; « le 4e
 * principe » → `le`/4, `principe`/4). Which of those words name a part is for the caller to tell, from the
 * question's analysed concepts (stop words have none).
 */
export function questionReferences(question: string): NumberedReference[] {
  const words = tokens(question);
  return words.flatMap((w, i) => (NUMBER.test(w) ? around(words, i) : []));
}

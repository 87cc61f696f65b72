import { ARTICLE_MARKER } from '../knowledge/articles.js';
import { analysable, fold } from './analyse.js';
import type { Analyser } from './analyse.js';
import type { AnalysedQuery, Concept } from './query.js';

/**
 * Numbered parts of a document as readers name them: « principe 4 », « l'article 21 », « section 3.2 »,
 * « le 4e principe », « le quatrième principe », « principle No. 4 », « the fourth principle ». A heading that starts
 * with a number (`4. Principe de la sécurité`, `Article 21 — Définitions`) gives one reference key per word around
 * its number, the word's stem joined to the number (`princip§4`, `articl§21`); a question gives each reference it
 * holds as a number and the word naming the part, whose index terms (French stems, or the translations of an
 * English word) make its keys. A question's key matches only a heading numbered so, not the number anywhere in a
 * text, which BM25 alone cannot tell apart: « 4 » is in dates, counts and citations, and a heading holds each word
 * once.
 */

/** Words and numbers (a number keeps its inner dots: `3.2`, `22.2`) of folded text (see `analysable`), in order. */
function tokens(text: string): string[] {
  return fold(analysable(text).toLowerCase()).match(/[a-z]+|\d+(?:\.\d+)*/g) ?? [];
}

const NUMBER = /^\d/;
/** French and English ordinal endings written after the digits (`4e`, `1er`, `2nd`), read as the number alone. */
const ORDINAL_ENDING = new Set(['e', 'er', 're', 'eme', 'ieme', 'st', 'nd', 'rd', 'th']);
/** Abbreviations and words for "number" written between a part's name and its number (`principe no 4`, `n° 4`). */
const NUMBER_SIGN = new Set(['no', 'n', 'nos', 'numero', 'number', 'num']);
/**
 * Ordinal adjectives, folded, first to twentieth in French and English (grammar, not vocabulary of any document):
 * they name a part by its number as `4e` does (« le quatrième principe »).
 */
const ORDINAL_WORDS: ReadonlyMap<string, string> = new Map(
  [
    ['premier premiere first', 1],
    ['deuxieme second seconde', 2],
    ['troisieme third', 3],
    ['quatrieme fourth', 4],
    ['cinquieme fifth', 5],
    ['sixieme sixth', 6],
    ['septieme seventh', 7],
    ['huitieme eighth', 8],
    ['neuvieme ninth', 9],
    ['dixieme tenth', 10],
    ['onzieme eleventh', 11],
    ['douzieme twelfth', 12],
    ['treizieme thirteenth', 13],
    ['quatorzieme fourteenth', 14],
    ['quinzieme fifteenth', 15],
    ['seizieme sixteenth', 16],
    ['seventeenth', 17],
    ['eighteenth', 18],
    ['nineteenth', 19],
    ['vingtieme twentieth', 20],
  ].flatMap(([words, n]) => String(words).split(' ').map((w): [string, string] => [w, String(n)])),
);

/** Abbreviations of the name of a numbered part, as legal texts and their readers write them (`art. 21`). */
const PART_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([['art', 'article']]);

/**
 * The reference keys of the articles a passage's text starts (see ARTICLE_MARKER), keyed with the stem of `article`:
 * « que prévoit l'article 12 » finds the passage holding `12. Un renseignement…`, not those citing « l'article 12 ».
 * @param analyser the analyser of the document's language
 */
export function articleReferenceKeys(text: string, analyser: Analyser): string[] {
  const stem = analyser.stem('article');
  return [...new Set([...text.matchAll(ARTICLE_MARKER)].map((m) => referenceKey(stem, m[1]!)))];
}

/** Joins a reference key's term and number; no analysed word holds it. */
const REFERENCE_SIGN = '§';

/** The index key of a numbered part: an index term (stem) of the word naming it, and its number (`princip§4`). */
export function referenceKey(term: string, number: string): string {
  return `${term}${REFERENCE_SIGN}${number}`;
}

/** The term of a reference key that names its part (`princip` for `princip§4`), or null for any other index term. */
export function referenceKeyTerm(term: string): string | null {
  const at = term.indexOf(REFERENCE_SIGN);
  return at < 0 ? null : term.slice(0, at);
}

/** A number of a question and the word (folded) that may name the part so numbered. */
export interface NumberedReference {
  word: string;
  number: string;
  /** The number as the question's words may read it, folded: `4`, `4e` (with its ordinal ending), the ordinal word
   *  `quatrieme`, `fourth`. */
  written: string[];
  /** The French word `word` abbreviates (`art` → `article`), whose stem names the part too. */
  abbreviates?: string;
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
  if (at < 0) return [];
  const number = words[at]!;
  return [key(words[at - 1], number, analyser), key(words[at + 1], number, analyser)].filter((k) => k !== null);
}

/**
 * The references of a question: a number after the word naming the part, a sign for "number" allowed between
 * (« principe 4 », « article no 12 », « principle #4 »), and an ordinal before it (« 4e principe », « quatrième
 * principe », « fourth principle »). A bare number before a word counts things (« les 10 principes ») and is no
 * reference. Which words name a part is for the caller to tell, from the question's analysed concepts.
 */
export function questionReferences(question: string): NumberedReference[] {
  const words = tokens(question);
  const out: NumberedReference[] = [];
  words.forEach((w, i) => {
    const ordinal = ORDINAL_WORDS.get(w);
    if (ordinal !== undefined) {
      if (words[i + 1] !== undefined) out.push({ word: words[i + 1]!, number: ordinal, written: [w] });
      return;
    }
    if (!NUMBER.test(w)) return;
    if (ORDINAL_ENDING.has(words[i + 1] ?? '')) {
      if (words[i + 2] !== undefined) out.push({ word: words[i + 2]!, number: w, written: [w, `${w}${words[i + 1]!}`] });
      return;
    }
    const before = NUMBER_SIGN.has(words[i - 1] ?? '') ? i - 2 : i - 1;
    const word = words[before];
    if (word === undefined || NUMBER.test(word)) return;
    const full = PART_ABBREVIATIONS.get(word);
    out.push({ word, number: w, written: [w], ...(full ? { abbreviates: full } : {}) });
  });
  return out;
}

/** Where a user starts an item of their own: the start of the text or of a line, or after a sentence or a colon. */
const ITEM_START = String.raw`(^|\n|[.!?:;]\s+)`;
/** A question's own label, `Question 9 :`, `Q2)`, `question no 3 -`, or a list marker, `1)`, `2.`, `3 -`, that starts
 *  an item (see ITEM_START): the user's numbering of what they ask, kept apart from the words by the sign after it. */
const OWN_LABEL = new RegExp(
  String.raw`${ITEM_START}[ \t]*(?:(?:questions?|q)[ \t]*(?:n[o°º]?\.?|#|num[ée]ro)?[ \t]*)?\d+[ \t]*(?:[:).]|[–—-](?=\s))(?=\s|$)`,
  'giu',
);
/** A number, ordinal ending allowed (`3e`, `2nd`), before the word « question(s) »: the user counts or ranks their
 *  own questions (`J'ai 3 questions`, `ma 2e question`). */
const OWN_COUNT = /\b\d+(?:[ \t]*(?:e|re|er|ème|eme|ieme|ième|st|nd|rd|th))?(?=[ \t]+questions?\b)/giu;

/**
 * The question without the user's own numbering: the label or list marker that starts an item (`Question 9 :`, `1)`,
 * `2.`) and the number of a count or rank of questions (`J'ai 3 questions`, `ma 2e question`). Such a number numbers
 * what the user asks, not a part of a document; read as a word, it would match any heading or list item so
 * numbered (« 9. Principe de la responsabilité », « 3. Pour les bugs… »), which a question never meant. A number a
 * part's name comes before (« principe 4 », « la question 9 du formulaire ») is a reference and stays.
 */
export function withoutOwnNumbering(text: string): string {
  return text.replace(OWN_LABEL, '$1').replace(OWN_COUNT, '');
}

/**
 * The reference keys of a passage: those of every heading of its section path (see headingReferenceKeys) and of
 * the articles its text starts (see articleReferenceKeys), each once.
 * @param analyser the analyser of the document's language
 */
export function passageReferenceKeys(passage: { section: { path: readonly string[] }; text: string }, analyser: Analyser): string[] {
  return [...new Set([...passage.section.path.flatMap((h) => headingReferenceKeys(h, analyser)), ...articleReferenceKeys(passage.text, analyser)])];
}

/**
 * The reference keys a question asks for, each with the question words its number is written as (see
 * NumberedReference): a word naming the part stands for the index terms of its concept in the analysed question (its
 * stem, or an English word's French translations: « principle 4 » → `princip§4`), an abbreviation for its full word.
 * @param analyser the analyser of the documents' language (French), for abbreviations
 */
export function questionReferenceKeys(question: string, query: AnalysedQuery, analyser: Analyser): Array<{ key: string; written: string[] }> {
  return questionReferences(question).flatMap(({ word, number, written, abbreviates }) =>
    [...query.concepts.filter((c) => c.word === word).flatMap((c) => c.terms), ...(abbreviates ? [analyser.stem(abbreviates)] : [])].map((t) => ({
      key: referenceKey(t, number),
      written,
    })),
  );
}

/**
 * `concepts` with each reference key found added to the concept of a word its number is written as (`4`, `4e`,
 * `quatrième`, `fourth`), so that a heading numbered so covers it even when no passage writes that word.
 * @param found the question's reference keys the index has (see questionReferenceKeys)
 */
export function withReferenceKeys(concepts: readonly Concept[], found: ReadonlyArray<{ key: string; written: string[] }>): Concept[] {
  return concepts.map((c) => {
    const keys = found.filter(({ written }) => written.includes(c.word)).map(({ key }) => key);
    return keys.length ? { ...c, terms: [...c.terms, ...keys] } : c;
  });
}

/**
 * `hits` with the passages of a numbered part first, in the order a reader meets them, when the question names that
 * part and nothing else (« Que dit le principe 4? », "What does article 12 say?": every concept asked is the part's
 * number, carrying its reference key (see withReferenceKeys), or the word naming the part): the question asks for
 * the part as a whole, so it is quoted from its opening (the principle before its illustration, an article's first
 * paragraph before the list items that continue it), not from whichever of its passages length normalisation
 * favours. Documents holding such a part come in the order of their best passage; other passages follow, as ranked.
 * Any other question: `hits` as ranked. Pure.
 * @param passageOf a hit's passage (its document and position in it)
 * @param keysOf the reference keys a hit holds
 */
export function partInReadingOrder<T>(
  concepts: readonly Concept[],
  hits: readonly T[],
  passageOf: (hit: T) => { docId: string; ordinal: number },
  keysOf: (hit: T) => readonly string[],
): T[] {
  const asked = concepts.filter((c) => !c.neutral);
  const keys = new Set(asked.flatMap((c) => c.terms.filter((t) => referenceKeyTerm(t) !== null)));
  const naming = new Set([...keys].map(referenceKeyTerm));
  const partOnly = keys.size > 0 && asked.every((c) => c.terms.some((t) => keys.has(t) || naming.has(t)));
  if (!partOnly) return [...hits];
  const inPart = (h: T) => keysOf(h).some((k) => keys.has(k));
  const documentRank = new Map<string, number>();
  for (const h of hits) if (inPart(h) && !documentRank.has(passageOf(h).docId)) documentRank.set(passageOf(h).docId, documentRank.size);
  const part = hits.filter(inPart).sort((a, b) => {
    const pa = passageOf(a);
    const pb = passageOf(b);
    return documentRank.get(pa.docId)! - documentRank.get(pb.docId)! || pa.ordinal - pb.ordinal;
  });
  return [...part, ...hits.filter((h) => !inPart(h))];
}

import type { Analyser } from './analyse.js';
import { surfaceWords } from './analyse.js';

/**
 * Section headings named in a question. A heading of several words (« Usages sensibles », « Prise en main de
 * l'outil ») is the document's own name for what its section is about; a question that names it, word for word and
 * in order, asks about that section, which BM25 cannot tell from a passage holding the same words apart, or holding
 * them with a negation between (« Usages non sensibles »). Each such heading gives its passages one key, matched
 * whole, as numbered-references.ts keys are; the question gives the key of every run of its words that is one of the
 * indexed headings. Negations stay in both, so a heading and its negation never share a key. An English question names a
 * French heading through the translations of its words (see translatedHeadingPhraseKeys).
 */

/** Negation words, folded, French and English: stop words elsewhere, they decide here which section is named. */
const NEGATIONS: ReadonlySet<string> = new Set(['non', 'sans', 'pas', 'ni', 'aucun', 'aucune', 'jamais', 'not', 'no', 'without', 'nor', 'never']);
/** A heading of fewer content words names a topic (« Définitions »), which BM25 already weighs, not a phrase. */
const MIN_WORDS = 2;
/** Longer headings (a FAQ's full questions) are not looked for: a question seldom repeats one word for word, and the
 *  keys a question gives grow with this length. */
export const MAX_HEADING_PHRASE_WORDS = 8;
/** Marks a key as a heading phrase, apart from any index term and from numbered-reference keys. */
const PREFIX = '¶';

/** The content words of folded text, stemmed, in order: stop words and numbers out, negations kept. */
function contentStems(text: string, analyser: Analyser): string[] {
  return surfaceWords(text)
    .filter((w) => NEGATIONS.has(w) || (!analyser.stopWords.has(w) && !/^\d+$/.test(w)))
    .map((w) => (NEGATIONS.has(w) ? w : analyser.stem(w)));
}

function keyOf(stems: readonly string[]): string {
  return PREFIX + stems.join('_');
}

/** Whether `inner` occurs as a contiguous run in `outer`. */
function holdsRun(outer: readonly string[], inner: readonly string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((s, j) => outer[i + j] === s)) return true;
  return false;
}

/**
 * The heading-phrase keys of a passage: one per heading of its section path that has 2 to
 * {@link MAX_HEADING_PHRASE_WORDS} content words, except a heading whose words are part of the document's title (the
 * Énoncé's « Utilisation responsable » section under a title « …pour une utilisation responsable… »): a question
 * naming the document would name that section too.
 * @param passage its section path (headings, outermost first) and its document's title
 * @param analyser the analyser of the document's language
 * @returns distinct keys, in path order
 */
export function passageHeadingPhraseKeys(passage: { section: { path: readonly string[] }; title: string }, analyser: Analyser): string[] {
  const title = contentStems(passage.title, analyser);
  const keys = passage.section.path
    .map((h) => contentStems(h, analyser))
    .filter((s) => s.length >= MIN_WORDS && s.length <= MAX_HEADING_PHRASE_WORDS && !holdsRun(title, s))
    .map(keyOf);
  return [...new Set(keys)];
}

/** Known key set → the key of every prefix of its keys' stem runs (`¶a`, `¶a_b` for `¶a_b_c`). */
const prefixesOf = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

function prefixes(known: ReadonlySet<string>): ReadonlySet<string> {
  let found = prefixesOf.get(known);
  if (!found) {
    const out = new Set<string>();
    for (const key of known) {
      const stems = key.slice(PREFIX.length).split('_');
      for (let n = 1; n <= stems.length; n++) out.add(keyOf(stems.slice(0, n)));
    }
    found = out;
    prefixesOf.set(known, found);
  }
  return found;
}

/**
 * The keys of the known headings a French question names word for word: every run of 2 to
 * {@link MAX_HEADING_PHRASE_WORDS} of its content words (see passageHeadingPhraseKeys) that is a key of `known`.
 * Runs are extended word by word only while they stay a prefix of a known key, so a long question costs about one
 * lookup per word.
 * @param question the question as read (questionText), at most MAX_QUESTION_CHARS
 * @param analyser the analyser of the documents' language (French)
 * @param known the heading-phrase keys of the indexed passages
 */
export function questionHeadingPhraseKeys(question: string, analyser: Analyser, known: ReadonlySet<string>): string[] {
  const stems = contentStems(question, analyser);
  const starts = prefixes(known);
  const found = new Set<string>();
  for (let i = 0; i < stems.length; i++) {
    for (let n = 1; n <= MAX_HEADING_PHRASE_WORDS && i + n <= stems.length; n++) {
      const key = keyOf(stems.slice(i, i + n));
      if (!starts.has(key)) break;
      if (n >= MIN_WORDS && known.has(key)) found.add(key);
    }
  }
  return [...found];
}

/** A concept of an analysed question (query.ts `Concept`): the index terms that stand for one of its words. */
interface TermConcept {
  terms: readonly string[];
  neutral: boolean;
}

/**
 * The keys of the known headings an English question names through the translations of its words: a run of 2 to
 * {@link MAX_HEADING_PHRASE_WORDS} consecutive concepts, each standing for any one of its French index terms, read
 * in the question's order or reversed, since English puts a noun's modifiers before it and French after ("security
 * principle" → « principe de sécurité », "sensitive uses" → « usages sensibles »). Only keys of `known` are made:
 * runs are extended term by term while they stay a prefix of a known key, so a word with many translations costs
 * what the headings allow, not the product of every translation.
 * @param concepts the question's concepts in question order (neutral ones break a run)
 * @param known the heading-phrase keys of the indexed passages (see passageHeadingPhraseKeys)
 */
export function translatedHeadingPhraseKeys(concepts: readonly TermConcept[], known: ReadonlySet<string>): string[] {
  const starts = prefixes(known);
  const found = new Set<string>();
  const walk = (run: readonly TermConcept[], at: number, stems: string[]) => {
    if (stems.length >= MIN_WORDS && known.has(keyOf(stems))) found.add(keyOf(stems));
    if (at === run.length) return;
    for (const t of run[at]!.terms) {
      const next = [...stems, t];
      if (starts.has(keyOf(next))) walk(run, at + 1, next);
    }
  };
  const usable = (c: TermConcept | undefined) => c !== undefined && !c.neutral && c.terms.length > 0;
  for (let i = 0; i < concepts.length; i++) {
    const forward: TermConcept[] = [];
    for (let j = i; usable(concepts[j]) && forward.length < MAX_HEADING_PHRASE_WORDS; j++) forward.push(concepts[j]!);
    const backward: TermConcept[] = [];
    for (let j = i; usable(concepts[j]) && backward.length < MAX_HEADING_PHRASE_WORDS; j--) backward.push(concepts[j]!);
    walk(forward, 0, []);
    walk(backward, 0, []);
  }
  return [...found];
}

import { fold } from './analyse.js';
import type { Analyser } from './analyse.js';
import { passageReferenceKeys, questionReferences, referenceKey, referenceKeyTerm } from './numbered-references.js';
import type { AnalysedQuery } from './query.js';

/**
 * Which numbered parts the indexed documents have, so that a question naming one they lack (« principe 11 » beside
 * ten principles, « l'article 200 » of a law that stops at 100) is told so instead of answered with whatever text
 * holds the number: BM25 finds article 11 of another document, which opens with « 11. », and its words cover the
 * question, so it would be quoted with confidence as the principle asked for. Mined from the passages, like the
 * reference keys themselves (numbered-references.ts): nothing here knows any document's parts in advance.
 */
export interface NumberedParts {
  /** Index terms of the words that number a series of parts: a term heading reference keys give with two numbers
   *  or more (`princip` of « 1. Principe… » … « 10. Principe… », `articl` of a law's articles). A word beside one
   *  number only (« 1. Contexte ») names a heading, not a kind of part. */
  readonly names: ReadonlySet<string>;
  /** The reference keys the documents hold (see passageReferenceKeys: headings, article markers) and those their text
   *  writes as a word and then a number (« l'article 21 de la Loi… », « principe no 4 »): a part the documents name
   *  exists for them. */
  readonly keys: ReadonlySet<string>;
  /** Numbers that open a heading (`4. Sécurité`, `3.2 Portée`): such a part may be what any name asks for. */
  readonly headingNumbers: ReadonlySet<string>;
}

/** The parts of a set of passages; an empty set has none. */
export const NO_NUMBERED_PARTS: NumberedParts = { names: new Set(), keys: new Set(), headingNumbers: new Set() };

/** A number standing alone (not inside a word or another number). */
const NUMBER_IN_TEXT = /(?<![\p{L}\d.])\d+(?:\.\d+)*/gu;
/** The word right before a number, a sign for "number" allowed between: a part as running text names it
 *  (« l'article 21 », « principe no 4 »). Read on the few characters before each number only. */
const NAMING_WORD = /(?<!\p{L})(\p{L}+)\.?[ \t]+(?:n[o°º]\.?[ \t]*)?$/u;
/** How far before a number its naming word is looked for, in characters. */
const NAMING_REACH = 40;

/**
 * Gathers the numbered parts of passages one at a time (see NumberedParts), from the reference keys the index
 * computes for its heading field anyway; each section's headings are read once. Linear in the passages' text.
 */
export class NumberedPartsBuilder {
  private readonly keys = new Set<string>();
  private readonly headingNumbers = new Set<string>();
  private readonly numbersOf = new Map<string, Set<string>>();
  private readonly seenPaths = new Set<string>();

  /** @param analyser the analyser of the documents' language (French): stop words and stems */
  constructor(private readonly analyser: Analyser) {}

  /**
   * Adds one passage.
   * @param referenceKeys the passage's reference keys (passageReferenceKeys)
   */
  add(passage: { section: { path: readonly string[] }; text: string }, referenceKeys: readonly string[]): void {
    for (const key of referenceKeys) {
      this.keys.add(key);
      const term = referenceKeyTerm(key)!;
      const numbers = this.numbersOf.get(term) ?? new Set<string>();
      numbers.add(key.slice(term.length + 1));
      this.numbersOf.set(term, numbers);
    }
    const path = passage.section.path.join('\u0000');
    if (!this.seenPaths.has(path)) {
      this.seenPaths.add(path);
      for (const heading of passage.section.path) {
        const opening = /^\s*(\d+(?:\.\d+)*)/.exec(heading);
        if (opening) this.headingNumbers.add(opening[1]!);
      }
    }
    const text = passage.text;
    for (const m of text.matchAll(NUMBER_IN_TEXT)) {
      const named = NAMING_WORD.exec(text.slice(Math.max(0, m.index - NAMING_REACH), m.index));
      if (!named) continue;
      const word = fold(named[1]!);
      if (!this.analyser.stopWords.has(word)) this.keys.add(referenceKey(this.analyser.stem(word), m[0]));
    }
  }

  /** The parts gathered so far. */
  build(): NumberedParts {
    const names = new Set([...this.numbersOf].filter(([, numbers]) => numbers.size >= 2).map(([term]) => term));
    return { names, keys: new Set(this.keys), headingNumbers: new Set(this.headingNumbers) };
  }
}

/**
 * The numbered parts of `passages` (see NumberedParts); an empty list has none.
 * @param analyser the analyser of the documents' language (French): stop words and stems
 */
export function numberedPartsOf(
  passages: Iterable<{ section: { path: readonly string[] }; text: string }>,
  analyser: Analyser,
): NumberedParts {
  const builder = new NumberedPartsBuilder(analyser);
  for (const p of passages) builder.add(p, passageReferenceKeys(p, analyser));
  return builder.build();
}

/** Merges the parts of several documents (one per document, as an index that publishes document by document keeps
 *  them). */
export function mergeNumberedParts(parts: Iterable<NumberedParts>): NumberedParts {
  const names = new Set<string>();
  const keys = new Set<string>();
  const headingNumbers = new Set<string>();
  for (const p of parts) {
    p.names.forEach((n) => names.add(n));
    p.keys.forEach((k) => keys.add(k));
    p.headingNumbers.forEach((n) => headingNumbers.add(n));
  }
  return { names, keys, headingNumbers };
}

/**
 * The first numbered part the question asks for that the documents lack, as the question writes its name, then the
 * number (« principe 11 », "principle 12"), or null. A reference (see questionReferences: « principe 11 », « le
 * 11e principe », "principle No. 12") counts when one index term of the word naming it (its stem, or an English
 * word's French translations) numbers a series of parts in the documents (NumberedParts.names); it is lacking
 * when no heading nor text of the documents has that part under any of those terms and no heading opens with its
 * number. Pure.
 * @param question the question as read (questionText), cut as the index cuts it
 * @param query the question analysed by the index (its concepts give the terms of each word)
 */
export function missingPart(question: string, query: AnalysedQuery, analyser: Analyser, parts: NumberedParts): string | null {
  if (parts.names.size === 0) return null;
  for (const { word, number, abbreviates } of questionReferences(question)) {
    const terms = [...query.concepts.filter((c) => c.word === word).flatMap((c) => c.terms), ...(abbreviates ? [analyser.stem(abbreviates)] : [])];
    if (!terms.some((t) => parts.names.has(t))) continue;
    if (parts.headingNumbers.has(number) || terms.some((t) => parts.keys.has(referenceKey(t, number)))) continue;
    return `${asWritten(question, word)} ${number}`;
  }
  return null;
}

/** The word of `question` that folds to `folded` (`critère` for `critere`), lower-cased, else `folded` itself. */
export function asWritten(question: string, folded: string): string {
  return (question.match(/\p{L}+/gu) ?? []).find((w) => fold(w) === folded)?.toLowerCase() ?? folded;
}

import type { PassageRecord } from '../knowledge/types.js';
import { analysable, fold, terms, type Analyser } from './analyse.js';
import { answerType } from './answer-type.js';
import { headingReferenceKeys, referenceKeyTerm } from './numbered-references.js';
import { asWritten } from './numbered-parts.js';
import type { AnalysedQuery, Concept } from './query.js';

/**
 * The numbered headings of the documents, as a count question (« Combien de principes compte l'énoncé? ») reads
 * them: a document that numbers its parts under headings (« 1. Principe du respect… » … « 10. Principe… ») states
 * how many it has by that numbering, even where its text never writes the count out. Mined from the section
 * headings, with the reference keys the index already gives them (numbered-references.ts): nothing here knows any
 * document's parts in advance.
 */

/** One numbered heading of a document, as written, and the first passage under it (which cites it). */
export interface NumberedHeading {
  /** Index term of the word naming the part (`princip` of « 1. Principe… »; see referenceKeyTerm). */
  readonly term: string;
  /** The heading's number as written (`4`, `3.2`). */
  readonly number: string;
  /** Every number the heading names, `number` first: one, or more for a heading over several parts (« Articles 4 et
   *  4.1 » names `4`, `4.1`; « Articles 47 à 49 » `47`, `48`, `49`; see numbersNamed). */
  readonly numbers: readonly string[];
  /** The heading's word naming the part, lower-cased, accents kept (`principe` of « 1. Principe… », `articles` of
   *  « Articles 4 et 4.1 »). */
  readonly name: string;
  /** The heading, verbatim (an element of the passage's section path). */
  readonly heading: string;
  /** 0-based position of the heading in its passages' section path: the section it heads is `path.slice(0, depth + 1)`. */
  readonly depth: number;
  /** The first passage, in reading order, of the section the heading opens. */
  readonly passage: PassageRecord;
}

/** Numbered headings by the index term naming their part (NumberedHeading.term). */
export type NumberedHeadings = ReadonlyMap<string, readonly NumberedHeading[]>;

/** A set of passages without numbered headings. */
export const NO_NUMBERED_HEADINGS: NumberedHeadings = new Map();

/**
 * Gathers the numbered headings of passages one at a time (see NumberedHeadings): each heading of a section path
 * whose reference keys (headingReferenceKeys) give it a word and a number, once per document version and section,
 * with the earliest passage under it. Linear in the passages' headings.
 */
export class NumberedHeadingsBuilder {
  private readonly found = new Map<string, NumberedHeading>();
  /** Reference keys of each heading text, which every passage of a section repeats. */
  private readonly keysOf = new Map<string, string[]>();

  /** @param analyser the analyser of the documents' language (French): stop words and stems */
  constructor(private readonly analyser: Analyser) {}

  /** Adds one passage. */
  add(passage: PassageRecord): void {
    const path = passage.section.path;
    for (let depth = 0; depth < path.length; depth++) {
      const heading = path[depth]!;
      let keys = this.keysOf.get(heading);
      if (!keys) {
        keys = headingReferenceKeys(heading, this.analyser);
        this.keysOf.set(heading, keys);
      }
      for (const key of keys) {
        const term = referenceKeyTerm(key)!;
        const id = [passage.docId, passage.versionLabel, term, ...path.slice(0, depth + 1)].join('\u0000');
        const known = this.found.get(id);
        if (known && known.passage.ordinal <= passage.ordinal) continue;
        const number = key.slice(term.length + 1);
        this.found.set(id, { term, number, numbers: numbersNamed(heading, number), name: this.nameOf(heading, term), heading, depth, passage });
      }
    }
  }

  /** The word of `heading` whose index term is `term`, lower-cased as written (else `term`). */
  private nameOf(heading: string, term: string): string {
    const words = analysable(heading).match(/\p{L}+/gu) ?? [];
    return words.find((w) => this.analyser.stem(fold(w)) === term)?.toLowerCase() ?? term;
  }

  /** The headings gathered so far. */
  build(): NumberedHeadings {
    const out = new Map<string, NumberedHeading[]>();
    for (const h of this.found.values()) out.set(h.term, [...(out.get(h.term) ?? []), h]);
    return out;
  }
}

/** A number as headings write it: digits, with dotted parts for an inserted article (`90.11`). */
const HEADING_NUMBER = String.raw`\d+(?:\.\d+)*`;
/** A number that goes on a heading's list of parts after the one before: `, 5`, ` et 4.1`, ` and 7`, ` à 49`,
 *  ` to 12`, `-49` (a range: its own group). */
const NEXT_NUMBER = new RegExp(String.raw`^(?:\s*(?:,|&|et|and)\s*|\s*(à|au|to)\s+|([-–]))(${HEADING_NUMBER})(?![\d\p{L}])`, 'iu');
/** The longest range a heading is read to span (« Articles 100 à 108 »); a wider one counts its two ends alone. */
const MAX_RANGE = 500;

/**
 * Every number a heading names from `first` on (the number its reference key gives): the numbers listed after it
 * (« Articles 1.1 et 2 », « Articles 3, 4 et 5 ») and the numbers a range spans (« Articles 47 à 49 », « Articles
 * 90.9 à 90.11 »: ends that differ in their last part only, by at most MAX_RANGE; any other range, « 3.9 à 4 », counts
 * its two ends alone, as nothing says what lies between). A statute's headings group articles so: counting the
 * headings would undercount them.
 */
export function numbersNamed(heading: string, first: string): string[] {
  const text = analysable(heading);
  const at = new RegExp(String.raw`(?<![\d.])${first.replace(/\./g, '\\.')}(?![\d])`, 'u').exec(text);
  const numbers = [first];
  if (!at) return numbers;
  let rest = text.slice(at.index + at[0].length);
  for (let m = NEXT_NUMBER.exec(rest); m; m = NEXT_NUMBER.exec(rest)) {
    const next = m[3]!;
    const from = numbers[numbers.length - 1]!;
    numbers.push(...(m[1] !== undefined || m[2] !== undefined ? spanned(from, next) : [next]));
    rest = rest.slice(m[0].length);
  }
  return [...new Set(numbers)];
}

/** The numbers after `from` up to `to` (`47`, `49` → `48`, `49`), or `to` alone when the range cannot be read, or
 *  none when `to` comes before `from` (« Article 12 à 3 ans » is no range). */
function spanned(from: string, to: string): string[] {
  if (compareNumbers(to, from) <= 0) return [];
  const a = from.split('.');
  const b = to.split('.');
  const last = a.length - 1;
  const start = Number(a[last]);
  const end = Number(b[last]);
  if (a.length !== b.length || a.slice(0, last).join('.') !== b.slice(0, last).join('.') || end <= start || end - start > MAX_RANGE) return [to];
  const prefix = a.slice(0, last).map((p) => `${p}.`).join('');
  return Array.from({ length: end - start }, (_, i) => `${prefix}${start + i + 1}`);
}

/** The numbered headings of `passages` (see NumberedHeadings); an empty list has none. */
export function numberedHeadingsOf(passages: Iterable<PassageRecord>, analyser: Analyser): NumberedHeadings {
  const builder = new NumberedHeadingsBuilder(analyser);
  for (const p of passages) builder.add(p);
  return builder.build();
}

/** Merges the headings of several documents (one set per document, as an index that publishes document by document
 *  keeps them). */
export function mergeNumberedHeadings(sets: Iterable<NumberedHeadings>): NumberedHeadings {
  const out = new Map<string, NumberedHeading[]>();
  for (const set of sets) for (const [term, headings] of set) out.set(term, [...(out.get(term) ?? []), ...headings]);
  return out;
}

/** One document version's numbered parts of the kind a count question asks about, in number order. */
export interface NumberedSeries {
  docId: string;
  versionLabel: string;
  title: string;
  /** Its headings so numbered, in number order (then reading order); two or more. */
  parts: NumberedHeading[];
}

/** What the documents' numbering answers to a count question (see numberedSeries). */
export interface CountedParts {
  /** The counted noun in the plural: in a French question, as the documents' headings write it (« principes » for
   *  « combien de principe » or the typo « principse »), in an English one, as the question writes it ("principles"). */
  noun: string;
  /** Each document version that numbers two parts or more so named, by title. */
  series: NumberedSeries[];
}

/**
 * What the documents' numbered headings answer to a count question (answer-type.ts: « Combien de principes… »,
 * "How many principles…") whose counted noun names their parts: for each document version with two headings or more
 * numbered under one of the noun's index terms (its stem, or an English word's French translations, from the
 * query's concepts, as missingPart in numbered-parts.ts reads a part's name), those headings in number order. A
 * document numbering one part so names a heading, not a series (NumberedParts.names reads it the same way).
 * A document is left out when the question asks for some of its parts only (see countsAll).
 * Null for any other question, or when no document numbers such parts. Pure.
 * @param question the question as read (questionText), cut as the index cuts it
 * @param query the question analysed by the index (its concepts give the terms of each word)
 * @param analyser the analyser of the documents' language (French), for the words of their titles and headings
 */
export function numberedSeries(question: string, query: AnalysedQuery, headings: NumberedHeadings, analyser: Analyser): CountedParts | null {
  const asked = answerType(question);
  if (asked?.kind !== 'count' || headings.size === 0) return null;
  const qualifiers = query.concepts.filter((c) => c.word !== asked.noun && !c.neutral && !/^\d/.test(c.word) && !WHOLE_COUNT_WORDS.has(c.word));
  const terms = new Set(query.concepts.filter((c) => c.word === asked.noun).flatMap((c) => c.terms));
  const byVersion = new Map<string, NumberedHeading[]>();
  for (const term of terms) {
    for (const h of headings.get(term) ?? []) {
      const key = `${h.passage.docId}\u0000${h.passage.versionLabel}`;
      const list = byVersion.get(key) ?? [];
      // One heading under two of the noun's terms (two translations stemming alike) counts once.
      if (!list.some((o) => o.passage === h.passage && o.depth === h.depth)) list.push(h);
      byVersion.set(key, list);
    }
  }
  const series = [...byVersion.values()]
    .filter((parts) => parts.length >= 2 && countsAll(qualifiers, parts, analyser))
    .map((parts) => ({
      docId: parts[0]!.passage.docId,
      versionLabel: parts[0]!.passage.versionLabel,
      title: parts[0]!.passage.title,
      parts: parts.sort((a, b) => compareNumbers(a.number, b.number) || a.passage.ordinal - b.passage.ordinal),
    }))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr') || a.versionLabel.localeCompare(b.versionLabel));
  if (series.length === 0) return null;
  const noun = query.language === 'en' ? englishPlural(asWritten(question, asked.noun)) : frenchPlural(series[0]!.parts[0]!.name);
  return { noun, series };
}

/** A French noun in the plural by the general rules (-s, -x, -z unchanged; -al → -aux; -au, -eau, -eu → -x; else -s):
 *  the counted noun follows a count of two or more. */
function frenchPlural(noun: string): string {
  if (/[sxz]$/u.test(noun)) return noun;
  if (/al$/u.test(noun)) return `${noun.slice(0, -2)}aux`;
  if (/(?:au|eu)$/u.test(noun)) return `${noun}x`;
  return `${noun}s`;
}

/** An English noun in the plural by the general rules (-s kept; consonant + y → -ies; -ch, -sh, -x → -es; else -s). */
function englishPlural(noun: string): string {
  if (/s$/u.test(noun)) return noun;
  if (/[^aeiou]y$/u.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(?:ch|sh|x)$/u.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/**
 * Words of a count question (folded) that ask for the whole numbering, not a part of it: verbs of counting and
 * holding (« compte », « contient », "have"), « total », and the generic names of a document (« le document », "the
 * statement"), which its title may not write.
 */
const WHOLE_COUNT_WORDS = new Set([
  'compte', 'comptent', 'compter', 'comporte', 'comportent', 'contient', 'contiennent', 'donne', 'donnent', 'prevoit',
  'prevoient', 'enonce', 'enonces', 'enoncees', 'enoncent', 'definit', 'definis', 'enumere', 'enumeres', 'numerote',
  'numerotes', 'inclut', 'existe', 'existent', 'total', 'totale', 'faut', 'respecter', 'suivre', 'appliquer',
  'document', 'texte', 'loi', 'guide', 'politique', 'cadre', 'charte', 'directive', 'code', 'reglement', 'version',
  'have', 'has', 'contain', 'contains', 'include', 'includes', 'list', 'lists', 'listed', 'set', 'exist', 'exists',
  'number', 'numbers', 'follow', 'apply', 'respect', 'text', 'act', 'law', 'statement', 'policy',
  'framework', 'charter', 'regulation', 'altogether',
]);

/**
 * Whether a document's numbered parts answer the count as asked: every other word of the question (`qualifiers`:
 * not the counted noun, a number, a neutral word nor a WHOLE_COUNT_WORDS word) is one of the document's title or of
 * the headings above all its parts (« Combien de consignes d’entretien… » under « Consignes d’entretien »). A word
 * that picks some of them (« Combien d’articles traitent du consentement? », « Combien de principes parlent de
 * transparence? ») asks a count the numbering does not give: the statute's 170 articles are not those on consent.
 */
function countsAll(qualifiers: readonly Concept[], parts: readonly NumberedHeading[], analyser: Analyser): boolean {
  if (qualifiers.length === 0) return true;
  const paths = parts.map((p) => p.passage.section.path.slice(0, p.depth));
  const above = paths[0]!.filter((heading, i) => paths.every((path) => path[i] === heading));
  const context = new Set(terms([parts[0]!.passage.title, ...above].join(' '), analyser));
  return qualifiers.every((c) => [...c.terms, ...(c.alternatives ?? []).flat()].some((t) => context.has(t)));
}

/** Orders heading numbers as a reader does: `2` before `10`, `3.2` before `3.10`. */
function compareNumbers(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

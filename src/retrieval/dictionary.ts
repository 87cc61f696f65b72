import { terms, type Analyser } from './analyse.js';

/** A French translation: the word as written in the dictionary and its analysed stems. */
export interface Translation {
  word: string;
  stems: readonly string[];
}

/** What a lookup found: how many question words the headword spans, and its French translations. */
export interface DictionaryMatch {
  length: number;
  translations: Translation[];
}

/** WordNet parts of speech: noun, verb, adjective, adverb. */
type PartOfSpeech = 'n' | 'v' | 'a' | 'r';

interface RawEntry {
  head: readonly string[];
  french: readonly string[];
}

/** WordNet's detachment rules by part of speech (WordNet 3.0, morphy(7WN)); adverbs have none. */
const DETACHMENTS: Record<PartOfSpeech, [string, string][]> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

/**
 * WordNet's `morphy` (WordNet 3.0, morphy(7WN)) detachment rules: the base forms of an inflected English word in one
 * part of speech, the word itself first (`policies` → `policy` as a noun; `trained` → `traine`, `train` as a verb).
 * Irregular forms (`bought`, `children`), which morphy reads from WordNet's exception lists, are headwords of the
 * dictionary file itself (scripts/lexicon/derive-en-fr-wordnet.mjs adds them with their base form's translations).
 */
export function morphy(word: string, pos: PartOfSpeech): string[] {
  const out = [word];
  for (const [suffix, base] of DETACHMENTS[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
      const candidate = word.slice(0, word.length - suffix.length) + base;
      if (!out.includes(candidate)) out.push(candidate);
    }
  }
  return out;
}

const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['n', 'v', 'a', 'r'];

/**
 * The English→French dictionary of English questions (data/lexicon/en-fr-wordnet.tsv, see its README): one entry
 * per English lemma and part of speech. Its tens of thousands of lines are indexed the first time an English
 * question needs them, and a French word is analysed the first time it is found, so that start-up does not pay for
 * a language most questions do not use.
 */
export class EnglishDictionary {
  private indexed: DictionaryIndex | null = null;
  private readonly analysed = new Map<string, Translation>();

  /**
   * @param text the dictionary file: `#` comments, then `english lemma<TAB>n|v|a|r<TAB>french|french…` lines
   * @throws Error naming the first line that has not these three fields (checked now, indexed later)
   */
  constructor(
    private readonly text: string,
    private readonly fr: Analyser,
  ) {
    const bad = text.split('\n').findIndex((line) => line.trim() !== '' && !line.startsWith('#') && !/^[^\t]+\t[nvar]\t\S/.test(line));
    if (bad >= 0) throw new Error(`dictionary line ${bad + 1} is not "english<TAB>n|v|a|r<TAB>french|…"`);
  }

  /** Every word of every headword, for typo correction of English questions. */
  get words(): ReadonlySet<string> {
    return this.index().words;
  }

  /** True when `word` (folded) or one of its base forms is a one-word headword. */
  has(word: string): boolean {
    return this.baseForms(word).length > 0;
  }

  /**
   * The longest headword starting at `words[i]`, each question word standing for a headword word through its base
   * forms (`morphy`), and the French translations of every headword of that length that matches there.
   * @param words folded content words of an English question
   * @returns length 0 and no translations when no headword starts there
   */
  lookup(words: readonly string[], i: number): DictionaryMatch {
    const index = this.index();
    let length = 0;
    const french = new Set<string>();
    const firsts = new Set([words[i]!, ...this.baseForms(words[i]!)]);
    for (const first of firsts) {
      for (const entry of this.entriesStartingWith(first, index)) {
        if (entry.head.length < length) break;
        if (i + entry.head.length > words.length) continue;
        if (!entry.head.every((h, j) => j === 0 || h === words[i + j] || this.baseForms(words[i + j]!).includes(h))) continue;
        if (entry.head.length > length) french.clear();
        length = entry.head.length;
        for (const f of entry.french) french.add(f);
      }
    }
    return { length, translations: [...french].map((w) => this.translation(w)) };
  }

  private readonly parsed = new Map<string, RawEntry[]>();

  /** The entries whose headword starts with `first`, longest first, parsed once (only words questions use are). */
  private entriesStartingWith(first: string, index: DictionaryIndex): RawEntry[] {
    let entries = this.parsed.get(first);
    if (!entries) {
      entries = lineNumbersStartingWith(index, first).map((n) => parseLine(index.lines[n]!));
      this.parsed.set(first, entries);
    }
    return entries;
  }

  /** Every French word of the dictionary, as written (for backends that search words, not stems). */
  *frenchWords(): Iterable<string> {
    for (const line of this.index().lines) yield* parseLine(line).french;
  }

  /** The base forms of `word` that are headwords of the part of speech whose rule gives them. */
  private baseForms(word: string): string[] {
    const { partsOfSpeech } = this.index();
    const out: string[] = [];
    for (const pos of PARTS_OF_SPEECH) {
      for (const base of morphy(word, pos)) if (partsOfSpeech.get(base)?.includes(pos) && !out.includes(base)) out.push(base);
    }
    return out;
  }

  /** Indexes the lines by line number only: entries are parsed when a lookup reaches them (tens of megabytes less). */
  private index(): DictionaryIndex {
    if (this.indexed) return this.indexed;
    const lines = this.text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    const byFirstWord = new Map<string, number[]>();
    const partsOfSpeech = new Map<string, string>();
    const words = new Set<string>();
    lines.forEach((line, n) => {
      const tab = line.indexOf('\t');
      const head = line.slice(0, tab).toLowerCase();
      const space = head.indexOf(' ');
      const first = space < 0 ? head : head.slice(0, space);
      const list = byFirstWord.get(first);
      if (list) list.push(n);
      else byFirstWord.set(first, [n]);
      partsOfSpeech.set(head, (partsOfSpeech.get(head) ?? '') + line.charAt(tab + 1));
      for (const w of head.split(' ')) if (w) words.add(w);
    });
    const wordCount = (n: number) => lines[n]!.slice(0, lines[n]!.indexOf('\t')).split(' ').length;
    // One flat array of line numbers and one number per first word: some 50 000 small arrays held ~14 MB.
    const order = new Int32Array(lines.length);
    const groupStarts = new Int32Array(byFirstWord.size + 1);
    const firstWords = new Map<string, number>();
    for (const [first, list] of byFirstWord) {
      const group = firstWords.size;
      list.sort((a, b) => wordCount(b) - wordCount(a));
      order.set(list, groupStarts[group]);
      groupStarts[group + 1] = groupStarts[group]! + list.length;
      firstWords.set(first, group);
    }
    this.indexed = { lines, order, groupStarts, firstWords, partsOfSpeech, words };
    return this.indexed;
  }

  private translation(word: string): Translation {
    let t = this.analysed.get(word);
    if (!t) {
      t = { word, stems: terms(word, this.fr) };
      this.analysed.set(word, t);
    }
    return t;
  }
}

/** The dictionary's lines (comments and blanks removed) and what finds them. */
interface DictionaryIndex {
  lines: string[];
  /** Line numbers grouped by the first word of their headword, longest headword first in each group. */
  order: Int32Array;
  /** Where each group starts in `order`, and one more for the end of the last. */
  groupStarts: Int32Array;
  /** First word of a headword → its group. */
  firstWords: Map<string, number>;
  /** Headword → the parts of speech it has a line for (`nv`). */
  partsOfSpeech: Map<string, string>;
  words: Set<string>;
}

/** Line numbers of the headwords starting with `first`, longest headword first. */
function lineNumbersStartingWith(index: DictionaryIndex, first: string): number[] {
  const group = index.firstWords.get(first);
  if (group === undefined) return [];
  return [...index.order.subarray(index.groupStarts[group], index.groupStarts[group + 1])];
}

/** One line as its headword's words and its French translations. */
function parseLine(line: string): RawEntry {
  const [head = '', , french = ''] = line.split('\t');
  return {
    head: head.toLowerCase().split(' ').filter(Boolean),
    french: french.split('|').map((w) => w.trim()).filter(Boolean),
  };
}

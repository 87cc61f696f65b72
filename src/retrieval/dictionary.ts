import { terms, type Analyser } from './analyse.js';
import { BoundedMemo } from './memo.js';

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
   * @param text the dictionary file, as text or as its UTF-8 bytes (kept as they are: loadLexicon reads the file so,
   *   sparing the decoding and encoding of 3 MB at start): `#` comments, then
   *   `english lemma<TAB>n|v|a|r<TAB>french|french…` lines
   * @throws Error naming the first line that has not these three fields (checked now, indexed later)
   */
  constructor(
    text: string | Uint8Array,
    private readonly fr: Analyser,
  ) {
    this.bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    const bad = firstMalformedLine(this.bytes);
    if (bad >= 0) throw new Error(`dictionary line ${bad + 1} is not "english<TAB>n|v|a|r<TAB>french|…"`);
  }

  /** The file as UTF-8, outside the JavaScript heap: as a string, its French words (`œ`) made it two bytes a
   *  character, 5.8 MB of heap for a 3 MB file. */
  private readonly bytes: Buffer;

  /** Every word of every headword, for typo correction of English questions. */
  get words(): ReadonlySet<string> {
    return this.index().words;
  }

  /** True when `word` (folded) or one of its base forms is a one-word headword. */
  has(word: string): boolean {
    return this.baseForms(word).length > 0;
  }

  /** True when `word` (folded, as written: no base form is looked for) is a headword with a verb line: a verb in the
   *  base form English uses after do-support (`does … require`). */
  isVerb(word: string): boolean {
    return this.index().partsOfSpeech(word).includes('v');
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

  /**
   * `lookup`, and for a word that starts no headword, the translation of the adjective it is the quality noun of, by
   * the regular suffix of both languages: `-ability`, `-ibility` ← `-able`, `-ible` in English (`explainability` ←
   * `explainable`, a word newer than WordNet 3.0), and → « -abilité », « -ibilité » in French (« explicable » →
   * « explicabilité »), the adjective's own translations kept beside the nouns so made. One word long.
   * @param words folded content words of an English question
   */
  lookupOrDerived(words: readonly string[], i: number): DictionaryMatch {
    const found = this.lookup(words, i);
    if (found.length > 0) return found;
    const adjective = words[i]!.replace(/(?<=[a-z]{3})([ai])bility$/, '$1ble');
    if (adjective === words[i]) return found;
    const derived = this.lookup([adjective], 0);
    if (derived.length === 0) return found;
    const nouns = derived.translations.flatMap(({ word }) => (/^\p{L}+[ai]ble$/u.test(word) ? [word.replace(/ble$/, 'bilité')] : []));
    return { length: 1, translations: [...derived.translations, ...nouns.map((w) => this.translation(w))] };
  }

  private readonly parsed = new Map<string, RawEntry[]>();

  /** The entries whose headword starts with `first`, longest first, parsed once (only words questions use are). */
  private entriesStartingWith(first: string, index: DictionaryIndex): RawEntry[] {
    let entries = this.parsed.get(first);
    if (!entries) {
      entries = lineNumbersStartingWith(index, first).map((n) => parseLine(index.line(n)));
      this.parsed.set(first, entries);
    }
    return entries;
  }

  /**
   * True when `word` (folded) can head or modify a noun phrase: it or a base form of it (`morphy`) is a noun or
   * adjective headword (`tools` → `tool` n, `official` a). A word the dictionary has only as a verb or adverb
   * (`meant`, `using`) is not.
   */
  isNominal(word: string): boolean {
    const index = this.index();
    return (['n', 'a'] as const).some((pos) => morphy(word, pos).some((base) => index.partsOfSpeech(base).includes(pos)));
  }

  /** Every French word of the dictionary, as written (for backends that search words, not stems). */
  *frenchWords(): Iterable<string> {
    const index = this.index();
    for (let n = 0; n < index.size; n++) yield* parseLine(index.line(n)).french;
  }

  /** A question's words are looked up again for every headword they may continue: their base forms are kept. */
  private readonly baseFormsOf = new BoundedMemo<string, string[]>(MAX_REMEMBERED_BASE_FORMS);

  /** The base forms of `word` that are headwords of the part of speech whose rule gives them. */
  private baseForms(word: string): string[] {
    return this.baseFormsOf.get(word, (w) => {
      const index = this.index();
      const out: string[] = [];
      for (const pos of PARTS_OF_SPEECH) {
        for (const base of morphy(w, pos)) if (index.partsOfSpeech(base).includes(pos) && !out.includes(base)) out.push(base);
      }
      return out;
    });
  }

  /** Indexes the lines by their offsets in the text: lines and entries are read when a lookup reaches them. */
  private index(): DictionaryIndex {
    this.indexed ??= new DictionaryIndex(this.bytes);
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

/** A dictionary line: headword, tab, part of speech, tab, then a French word (not a space). */
const DICTIONARY_LINE = /^[^\t]+\t[nvar]\t\S/;

/** The bytes of the parts of speech `n`, `v`, `a`, `r`. */
const PART_OF_SPEECH_BYTES: ReadonlySet<number> = new Set([0x6e, 0x76, 0x61, 0x72]);

/**
 * The index (from 0) of the first line of `bytes` that is neither blank, nor a `#` comment, nor a DICTIONARY_LINE;
 * -1 when there is none. A line whose three fields are plain to see in its bytes (a headword, a tab, `n|v|a|r`, a tab,
 * then a printable ASCII character) passes without being decoded; any other line is decoded and tested as text.
 * Lines split at the newline byte as the decoded text splits at `\n`: UTF-8 never uses that byte inside a character.
 */
function firstMalformedLine(bytes: Buffer): number {
  let line = 0;
  for (let at = 0; at <= bytes.length; line++) {
    const end = bytes.indexOf(NEWLINE, at);
    const stop = end < 0 ? bytes.length : end;
    const tab = bytes.indexOf(TAB, at);
    const plain =
      tab > at &&
      tab + 3 < stop &&
      bytes[at] !== 0x23 &&
      PART_OF_SPEECH_BYTES.has(bytes[tab + 1]!) &&
      bytes[tab + 2] === TAB &&
      bytes[tab + 3]! > 0x20 &&
      bytes[tab + 3]! < 0x7f;
    if (!plain) {
      const text = bytes.toString('utf8', at, stop);
      if (text.trim() !== '' && !text.startsWith('#') && !DICTIONARY_LINE.test(text)) return line;
    }
    if (end < 0) break;
    at = end + 1;
  }
  return -1;
}

/** Base forms remembered per dictionary (a question word's are asked for once per headword it may continue). */
export const MAX_REMEMBERED_BASE_FORMS = 10_000;

/** Code units (and UTF-8 bytes) of the line and field separators. */
const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * The dictionary's lines (comments and blanks removed) as offsets in its UTF-8 bytes, and their line numbers in
 * headword order (folded headword, then line), so that a headword, and the headwords starting with a word, are
 * found by binary search. Maps of its 80 000 lines, their 77 000 headwords and their first words held some 11 MB;
 * these arrays hold under 1 MB.
 */
class DictionaryIndex {
  /** Where each line starts in the bytes. */
  private readonly starts: Uint32Array;
  /** Line numbers by headword, then line number. */
  private readonly byHead: Uint32Array;
  /** Every word of every headword, in the order of first use. */
  readonly words: Set<string>;
  /** True when every headword is written folded (lower case) in ASCII, as in the shipped dictionary: its bytes are
   *  then its characters, compared in place. */
  private readonly plain: boolean;

  constructor(private readonly bytes: Buffer) {
    const starts: number[] = [];
    const words = new Set<string>();
    let sorted = true;
    let plain = true;
    let previous = '';
    for (let at = 0; at < bytes.length; ) {
      const end = bytes.indexOf(NEWLINE, at);
      const stop = end < 0 ? bytes.length : end;
      const line = bytes.toString('utf8', at, stop);
      if (line[0] !== '#' && line.trim() !== '') {
        const written = line.slice(0, line.indexOf('\t'));
        const head = written.toLowerCase();
        if (head !== written || !/^[\x00-\x7f]*$/.test(written)) plain = false;
        if (head < previous) sorted = false;
        previous = head;
        starts.push(at);
        for (const w of head.split(' ')) if (w) words.add(w);
      }
      at = stop + 1;
    }
    this.starts = Uint32Array.from(starts);
    this.words = words;
    this.plain = plain;
    const byHead = Uint32Array.from(starts.keys());
    // The shipped dictionary is sorted by headword: the line order is then the headword order.
    if (!sorted) byHead.sort((a, b) => compareText(this.head(a), this.head(b)) || a - b);
    this.byHead = byHead;
  }

  /** Number of lines. */
  get size(): number {
    return this.starts.length;
  }

  /** Line `n`, without its newline. */
  line(n: number): string {
    const at = this.starts[n]!;
    const end = this.bytes.indexOf(NEWLINE, at);
    return this.bytes.toString('utf8', at, end < 0 ? this.bytes.length : end);
  }

  /** The folded headword of line `n`. */
  head(n: number): string {
    const at = this.starts[n]!;
    return this.bytes.toString('utf8', at, this.bytes.indexOf(TAB, at)).toLowerCase();
  }

  /** The parts of speech `head` has a line for (`nv`), in line order; '' for no line. */
  partsOfSpeech(head: string): string {
    let out = '';
    for (let k = this.lowerBound(head); k < this.byHead.length; k++) {
      const n = this.byHead[k]!;
      if (this.head(n) !== head) break;
      const at = this.starts[n]!;
      out += String.fromCharCode(this.bytes[this.bytes.indexOf(TAB, at) + 1]!);
    }
    return out;
  }

  /** Line numbers of the headwords `first` or `first …`, in line order. */
  linesStartingWith(first: string): number[] {
    const out: number[] = [];
    for (let k = this.lowerBound(first); k < this.byHead.length && this.head(this.byHead[k]!) === first; k++) out.push(this.byHead[k]!);
    // Every headword `first …` lies in [`first `, `first!`): ' ' is followed by '!' in code unit order.
    for (let k = this.lowerBound(`${first} `), stop = this.lowerBound(`${first}!`); k < stop; k++) out.push(this.byHead[k]!);
    return out.sort((a, b) => a - b);
  }

  /** The first position in headword order whose headword is not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.byHead.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.headBelow(this.byHead[mid]!, key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when line `n`'s folded headword sorts before `key`. */
  private headBelow(n: number, key: string): boolean {
    if (!this.plain) return this.head(n) < key;
    const at = this.starts[n]!;
    const tab = this.bytes.indexOf(TAB, at);
    for (let i = 0; i < key.length; i++) {
      if (at + i === tab) return true;
      const c = this.bytes[at + i]!;
      if (c !== key.charCodeAt(i)) return c < key.charCodeAt(i);
    }
    return false;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Line numbers of the headwords starting with `first`, longest headword first, then in line order. */
function lineNumbersStartingWith(index: DictionaryIndex, first: string): number[] {
  const wordCount = (n: number) => {
    const line = index.line(n);
    return line.slice(0, line.indexOf('\t')).split(' ').length;
  };
  return index.linesStartingWith(first).sort((a, b) => wordCount(b) - wordCount(a));
}

/** One line as its headword's words and its French translations. */
function parseLine(line: string): RawEntry {
  const [head = '', , french = ''] = line.split('\t');
  return {
    head: head.toLowerCase().split(' ').filter(Boolean),
    french: french.split('|').map((w) => w.trim()).filter(Boolean),
  };
}

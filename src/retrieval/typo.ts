import { BoundedMemo } from './memo.js';

/**
 * Typo correction against a known vocabulary (the index's own words). Distance 1, in the manner of SymSpell: every
 * vocabulary word is stored under its single-character deletions, so candidates are found by lookups instead of a
 * scan. Candidates are verified with the optimal-string-alignment (Damerau–Levenshtein) distance.
 */

/** Corrections remembered per corrector. */
export const MAX_REMEMBERED_CORRECTIONS = 10_000;
/** Words shorter than this are never corrected (too many neighbours). */
export const MIN_CORRECTABLE_LENGTH = 5;
/** Words this long or longer may be corrected at edit distance 2. */
export const DISTANCE_2_MIN_LENGTH = 10;
/**
 * Words longer than this are neither corrected nor corrections (the longest French and English words have some 30
 * letters): a word's deletions are as many strings as it has letters, each about as long, so one run of 250 000
 * letters in a document (a text extracted without its spaces, a pasted blob) asked for some 120 GB and the process
 * died of it, at every start while that document was published.
 */
export const MAX_CORRECTABLE_LENGTH = 40;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** The three rows of editDistance, reused from call to call (grown when a word is longer): a scan of a large
 *  vocabulary compares thousands of words, and three arrays made for each held the event loop for milliseconds. */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).
 * @param max when given, the computation stops as soon as the distance is known to exceed it, and returns then some
 *   value above `max` instead of the exact distance
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const cols = b.length + 1;
  if (rows[0]!.length < cols) rows = rows.map(() => new Int32Array(cols * 2));
  // Three rows are enough for adjacent transpositions.
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < cols; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // A cell is at least the smaller of the previous row's minimum and the one before's plus 1 (a transposition):
    // once two rows in a row exceed `max`, so does every later row, and the distance.
    if (rowMin > max && previousMin > max) return rowMin;
    previousMin = rowMin;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return previous[b.length]!;
}

/** Folded word → frequency: what a corrector reads of its vocabulary (a Map is one). */
export type Vocabulary = Pick<ReadonlyMap<string, number>, 'has' | 'get' | 'keys'>;

/**
 * The words of `words`, each with frequency 1, as a Vocabulary that reads the set in place (a Map of a general
 * dictionary's 50 000 words would hold some 2 MB more).
 */
export function uniformVocabulary(words: ReadonlySet<string>): Vocabulary {
  return { has: (word) => words.has(word), get: (word) => (words.has(word) ? 1 : undefined), keys: () => words.values() };
}

/** A vocabulary with word frequencies, ready for correction lookups. */
export class TypoCorrector {
  private readonly byDeletion = new Map<string, string[]>();
  /** Long words by first letter and length, for the distance-2 scan that single deletions cannot answer. */
  private readonly byHeadAndLength = new Map<string, string[]>();

  /**
   * @param vocabulary folded word → frequency (occurrences in the indexed text)
   * @param lean no deletion index: distance 1 is found by the same first-letter scan as distance 2, so a typo in the
   *   first letter is not repaired. For large general vocabularies (an English dictionary's 50 000 words), where the
   *   deletion index would take some 60 MB.
   */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly lean = false,
  ) {
    for (const word of vocabulary.keys()) {
      if (word.length > MAX_CORRECTABLE_LENGTH) continue;
      if (word.length >= (lean ? MIN_CORRECTABLE_LENGTH - 1 : DISTANCE_2_MIN_LENGTH - 2)) {
        const key = `${word[0]}${word.length}`;
        const list = this.byHeadAndLength.get(key);
        if (list) list.push(word);
        else this.byHeadAndLength.set(key, [word]);
      }
      if (lean || word.length < MIN_CORRECTABLE_LENGTH - 1) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.byDeletion.get(key);
        if (list) list.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  has(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Occurrences of `word` in the vocabulary's text; 0 for a word it does not hold. */
  frequency(word: string): number {
    return this.vocabulary.get(word) ?? 0;
  }

  /**
   * The most frequent vocabulary word within the allowed distance of `word` (1 below DISTANCE_2_MIN_LENGTH letters,
   * 2 from there), or null when `word` is known, too short or too long (MAX_CORRECTABLE_LENGTH), has digits, or has no
   * close neighbour. Ties go to the
   * smaller distance, then the higher frequency. Distance 1 is found through the deletion index; distance 2 by a
   * scan of the words of similar length sharing the first letter (a typo rarely hits the first letter).
   */
  correct(word: string): string | null {
    if (word.length < MIN_CORRECTABLE_LENGTH || word.length > MAX_CORRECTABLE_LENGTH || this.vocabulary.has(word) || /\d/.test(word)) return null;
    return this.corrections.get(word, (w) => this.search(w));
  }

  /** A long-running server sees the same typos again, and a scan of a large vocabulary costs milliseconds. */
  private readonly corrections = new BoundedMemo<string, string | null>(MAX_REMEMBERED_CORRECTIONS);

  private search(word: string): string | null {
    if (this.lean) {
      const nearest = this.nearest(word, this.similarLength(word, 1), 1);
      return nearest || word.length < DISTANCE_2_MIN_LENGTH ? nearest : this.nearest(word, this.similarLength(word, 2), 2);
    }
    const candidates: string[] = [];
    for (const key of new Set([word, ...deletions(word)])) candidates.push(...(this.byDeletion.get(key) ?? []));
    const nearest = this.nearest(word, candidates, 1);
    if (nearest || word.length < DISTANCE_2_MIN_LENGTH) return nearest;
    return this.nearest(word, this.similarLength(word, 2), 2);
  }

  /** Vocabulary words with the first letter of `word` and a length within `spread` of its length. */
  private similarLength(word: string, spread: number): string[] {
    const similar: string[] = [];
    for (let length = word.length - spread; length <= word.length + spread; length++) {
      similar.push(...(this.byHeadAndLength.get(`${word[0]}${length}`) ?? []));
    }
    return similar;
  }

  /** The candidate closest to `word` within `maxDistance`, the more frequent on ties; null if none. */
  private nearest(word: string, candidates: readonly string[], maxDistance: number): string | null {
    let best: { word: string; distance: number; freq: number } | null = null;
    for (const candidate of candidates) {
      const distance = editDistance(word, candidate, maxDistance);
      if (distance > maxDistance) continue;
      const freq = this.vocabulary.get(candidate) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && freq > best.freq)) {
        best = { word: candidate, distance, freq };
      }
    }
    return best?.word ?? null;
  }
}

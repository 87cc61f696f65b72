/**
 * BM25F over analysed passages: two fields (body text, section headings), each length-normalised, combined into one
 * pseudo term frequency before saturation (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
 * Beyond", 2009, §3.4). Query terms carry weights so that expansions and corrections count less than the user's words.
 */

import { runSteps, type Steps } from './steps.js';

/** Saturation constant (Lucene's default). */
export const BM25_K1 = 1.2;
/** Length normalisation of the body field. */
export const BM25_B = 0.75;
/** A heading occurrence counts as this many body occurrences. */
export const HEADING_WEIGHT = 2;

/** A document to index: analysed terms of its body and of its section headings. */
export interface Bm25Document {
  text: readonly string[];
  heading: readonly string[];
}

/** One scored document: its position in the indexed array, the BM25F score, the query terms it contains. */
export interface Bm25Hit {
  doc: number;
  score: number;
  matched: string[];
}

interface Posting {
  docs: Int32Array;
  tf: Float32Array;
}

/** Term → its postings, as the index keeps them. */
type Postings = ReadonlyMap<string, Posting>;

/** Documents between two steps of a build (see steps.ts): about a millisecond of work. */
const DOCUMENTS_PER_STEP = 128;
/** Terms whose postings are packed between two steps. */
const TERMS_PER_STEP = 4096;

/** Builds the postings of `documents`, yielding between slices of them (see steps.ts). */
function* postingSteps(documents: readonly Bm25Document[]): Steps<Postings> {
  const avgText = documents.reduce((n, d) => n + d.text.length, 0) / Math.max(1, documents.length) || 1;
  const building = new Map<string, { docs: number[]; tf: number[] }>();
  for (let i = 0; i < documents.length; i++) {
    if (i % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    const d = documents[i]!;
    const norm = 1 - BM25_B + (BM25_B * d.text.length) / avgText;
    const tf = new Map<string, number>();
    for (const t of d.text) tf.set(t, (tf.get(t) ?? 0) + 1 / norm);
    for (const t of new Set(d.heading)) tf.set(t, (tf.get(t) ?? 0) + HEADING_WEIGHT);
    for (const [t, f] of tf) {
      const p = building.get(t) ?? { docs: [], tf: [] };
      p.docs.push(i);
      p.tf.push(f);
      building.set(t, p);
    }
  }
  const postings = new Map<string, Posting>();
  for (const [t, p] of building) {
    if (postings.size % TERMS_PER_STEP === 0) yield;
    postings.set(t, { docs: Int32Array.from(p.docs), tf: Float32Array.from(p.tf) });
  }
  return postings;
}

/** An immutable in-memory inverted index. Build once per published corpus; searches allocate little. */
export class Bm25Index {
  readonly size: number;
  private readonly postings: Postings;
  private readonly scores: Float64Array;

  /** Builds the index of `documents` at once (`built`: postings already made by `Bm25Index.steps`). */
  constructor(documents: readonly Bm25Document[], built: Postings = runSteps(postingSteps(documents))) {
    this.size = documents.length;
    this.scores = new Float64Array(documents.length);
    this.postings = built;
  }

  /** The same build a slice at a time (steps.ts), for a server that must keep answering meanwhile. */
  static *steps(documents: readonly Bm25Document[]): Steps<Bm25Index> {
    return new Bm25Index(documents, yield* postingSteps(documents));
  }

  /** Number of documents containing `term`. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** The documents containing `term`, ascending (empty when none). */
  docsWith(term: string): Int32Array {
    return this.postings.get(term)?.docs ?? new Int32Array(0);
  }

  /** BM25 inverse document frequency (always positive); a term in no document gets the maximum. */
  idf(term: string): number {
    return this.idfOf(this.df(term));
  }

  /** BM25 inverse document frequency of something found in `df` documents (0 gives the maximum). */
  idfOf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }


  /**
   * Scores every document containing at least one query term.
   * @param query analysed term → weight (1 for the user's own words, less for expansions)
   * @returns at most `limit` hits, best first; empty for an empty query
   */
  search(query: ReadonlyMap<string, number>, limit: number): Bm25Hit[] {
    const touched: number[] = [];
    const used: [string, Posting][] = [];
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p || weight <= 0) continue;
      used.push([term, p]);
      const idf = this.idf(term);
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i]!;
        const tf = p.tf[i]!;
        if (this.scores[doc] === 0) touched.push(doc);
        this.scores[doc]! += weight * idf * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1));
      }
    }
    const top = topK(touched, this.scores, limit);
    for (const doc of touched) this.scores[doc] = 0;
    // Which terms a hit matched is needed for the few hits returned only: looked up in the sorted postings.
    return top.map(({ doc, score }) => ({
      doc,
      score,
      matched: used.filter(([, p]) => contains(p.docs, doc)).map(([t]) => t),
    }));
  }
}

/**
 * Scores are compared at this precision (nine decimal places). A document's score is a sum over the query's terms,
 * and floating-point addition is not associative: the same terms listed in another order can differ in the last
 * bit, which would break a true tie by summation order instead of by document order.
 */
const SCORE_PRECISION = 1e9;

/** The `limit` best documents by score (ties: lower index first), best first; a bounded min-heap, O(n log limit). */
function topK(docs: readonly number[], scores: Float64Array, limit: number): { doc: number; score: number }[] {
  const heap: { doc: number; score: number }[] = [];
  const worse = (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
    a.score < b.score || (a.score === b.score && a.doc > b.doc);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  if (limit <= 0) return [];
  for (const doc of docs) {
    const entry = { doc, score: Math.round(scores[doc]! * SCORE_PRECISION) / SCORE_PRECISION };
    if (heap.length < limit) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (worse(heap[0]!, entry)) {
      heap[0] = entry;
      down(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** Binary search in an ascending array. */
function contains(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

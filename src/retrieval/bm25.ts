/**
 * BM25F over analysed passages: two fields (body text, section headings), each length-normalised, combined into one
 * pseudo term frequency before saturation (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
 * Beyond", 2009, §3.4). Query terms carry weights so that expansions and corrections count less than the user's words.
 *
 * Measured and dropped (issue #6, December 2026): the Divergence From Randomness weights without tuned parameters, in
 * place of BM25F's per-term weight with everything else kept (analysis, synonym groups as pseudo terms: tf summed, df
 * the documents holding any, collection frequency the sum of their tf), formulas as Terrier implements them: DPH
 * (Amati, ECIR 2006; body and heading×2 as one field), PL2 with normalisation 2 at Terrier's c = 1 (Amati & van
 * Rijsbergen, TOIS 2002; same single field) and PL2F (per-field normalisation 2, Macdonald et al., CLEF 2005; Terrier's
 * defaults w = 1, c = 1 per field). Combined index of all corpora, hit@1 / hit@5 / MRR, against BM25F's 0.48 / 0.72 /
 * 0.59 on the Énoncé and 0.42 / 0.58 / 0.47 on the iag guides: DPH 0.44 / 0.72 / 0.57 and 0.39 / 0.58 / 0.46; PL2
 * 0.44 / 0.72 / 0.57 and 0.42 / 0.58 / 0.48; PL2F 0.52 / 0.72 / 0.61 and 0.39 / 0.56 / 0.46. None raises both dev
 * sets without lowering either (PL2F's gain on the Énoncé is a loss on the iag guides), and with thresholds refitted
 * by `eval --calibrate` the held-out iag guides' false abstention rose from 0.03 to 0.14 (DPH), 0.06 (PL2), 0.11 (PL2F).
 *
 * Also measured and dropped (issue #6, December 2026): re-weighting the user's words of a verbose question without
 * expansion, from the first ranking's top 10 passages (the usual pseudo-relevance depth), on questions of at least 10
 * content concepts (TREC description queries, the verbose queries of this literature, run to about ten content
 * words; 12 of the 16 French dev scenarios, few other questions), a second ranking only, abstention still reading the
 * first. Parameters fixed before measuring, none swept. (1) After Paik & Oard (CIKM 2014), weights as the fixed point
 * of the query terms' co-occurrence graph over those passages (PageRank iteration, damping 0.85), mean 1. (2) Term
 * necessity P(t|R) (Zhao & Callan, CIKM 2010) read as the share of those passages holding the word, over its mean,
 * mixed half and half with the original weight. Combined index, hit@1 / hit@5 / MRR, against 0.48 / 0.72 / 0.59 on
 * the Énoncé and 0.42 / 0.58 / 0.47 on the iag guides: (1) 0.50 / 0.70 / 0.59 and 0.39 / 0.56 / 0.46, scenario
 * hit@5 0.25 → 0.17 and 0.11 → 0.00; (2) 0.48 / 0.72 / 0.59 and 0.39 / 0.58 / 0.45, scenarios unchanged at hit@5.
 * Abstention unchanged (first ranking). Why: the first ranking holds the answer of only 4 of the 12 Énoncé scenarios
 * and 1 of the 9 iag ones in its top 10, so the words that co-occur there are the incidental ones, which both
 * methods raise.
 */

import { runSteps, type Steps } from './steps.js';

/** Saturation constant (Lucene's default). */
export const BM25_K1 = 1.2;
/** Length normalisation of the body field. */
export const BM25_B = 0.75;
/** A heading occurrence counts as this many body occurrences. */
export const HEADING_WEIGHT = 2;

/**
 * Index terms that stand together for one concept of a query, as alternatives: an acronym and its long form, or the
 * words of a multiword expression (one alternative). Each alternative is a list of terms a document must all hold;
 * the group is scored as one pseudo term (Pirkola's synonym operator, after INQUERY's #syn: "The effects of query
 * structure and dictionary setups in dictionary-based cross-language information retrieval", SIGIR 1998): its
 * frequency in a document is the sum of its alternatives' (an alternative of several terms occurs as often as its
 * rarest term there, weighted by its query weight relative to the group's), its document frequency that of the
 * documents holding any alternative. Scored apart, the long form's words and the acronym each added their own weight,
 * so one concept counted two to five times, and more so in an index whose other documents seldom write the long form
 * out (their idf rises).
 */
export type SynonymGroup = readonly (readonly string[])[];

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
  /** A synonym group's pseudo term frequencies while synonymFrequencies sums them; all zero between calls. */
  private readonly groupTf: Float64Array;

  /** Builds the index of `documents` at once (`built`: postings already made by `Bm25Index.steps`). */
  constructor(documents: readonly Bm25Document[], built: Postings = runSteps(postingSteps(documents))) {
    this.size = documents.length;
    this.scores = new Float64Array(documents.length);
    this.groupTf = new Float64Array(documents.length);
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
   * @param synonyms groups of query terms scored each as one pseudo term (see SynonymGroup); a term in no group is
   *   scored alone. An alternative weighs the highest query weight of its terms; one whose terms the query or the
   *   index lacks is left out.
   * @returns at most `limit` hits, best first; empty for an empty query
   */
  search(query: ReadonlyMap<string, number>, limit: number, synonyms: readonly SynonymGroup[] = []): Bm25Hit[] {
    const touched: number[] = [];
    const used: [string, Posting][] = [];
    const add = (doc: number, weight: number, idf: number, tf: number) => {
      if (this.scores[doc] === 0) touched.push(doc);
      this.scores[doc]! += weight * idf * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1));
    };
    const grouped = new Set(synonyms.flat(2));
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p || weight <= 0) continue;
      used.push([term, p]);
      if (grouped.has(term)) continue;
      const idf = this.idf(term);
      for (let i = 0; i < p.docs.length; i++) add(p.docs[i]!, weight, idf, p.tf[i]!);
    }
    for (const group of synonyms) {
      const { weight, docs, tf } = this.synonymFrequencies(group, query);
      const idf = this.idfOf(docs.length);
      docs.forEach((doc, i) => add(doc, weight, idf, tf[i]!));
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

  /**
   * The query weight of a synonym group (its heaviest alternative's) and its pseudo term frequency in each document
   * holding one of its alternatives (see SynonymGroup): `tf[i]` is that of `docs[i]`. The number of those documents
   * is the group's document frequency.
   * @param query term → weight, as `search` takes it
   */
  synonymFrequencies(group: SynonymGroup, query: ReadonlyMap<string, number>): { weight: number; docs: number[]; tf: number[] } {
    const alternatives = group
      .map((terms) => ({ terms, weight: Math.max(0, ...terms.map((t) => query.get(t) ?? 0)) }))
      .filter((a) => a.terms.length > 0 && a.weight > 0 && a.terms.every((t) => this.postings.has(t)));
    const weight = Math.max(0, ...alternatives.map((a) => a.weight));
    const docs: number[] = [];
    const sum = this.groupTf;
    for (const a of alternatives) {
      const share = a.weight / weight;
      const [first, ...others] = a.terms.map((t) => this.postings.get(t)!);
      // An alternative of several terms holds in the documents of every one: intersected a posting at a time, each
      // document keeping its lowest frequency.
      let held: Frequencies = first!;
      for (const p of others) held = intersection(held, p);
      for (let i = 0; i < held.docs.length; i++) {
        const doc = held.docs[i]!;
        if (sum[doc] === 0) docs.push(doc);
        sum[doc]! += share * held.tf[i]!;
      }
    }
    const tf = docs.map((doc) => this.groupTf[doc]!);
    for (const doc of docs) this.groupTf[doc] = 0;
    return { weight, docs, tf };
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

/** Documents, ascending, and a term's frequency in each. */
interface Frequencies {
  docs: ArrayLike<number>;
  tf: ArrayLike<number>;
}

/** The documents of `a` also in `b` (both ascending), each with the lower of its two frequencies; a linear merge. */
function intersection(a: Frequencies, b: Frequencies): Frequencies {
  const out: { docs: number[]; tf: number[] } = { docs: [], tf: [] };
  for (let i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x === y) {
      out.docs.push(x);
      out.tf.push(Math.min(a.tf[i]!, b.tf[j]!));
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
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

import type { Bm25Hit } from './bm25.js';

/** One thing the question asks about: the index terms that stand for it and its weight (idf). */
export interface Aspect {
  terms: readonly string[];
  weight: number;
}

/** Share of a hit's score kept whatever it covers; the rest is earned by covering the question's aspects. */
export const COORDINATION_FLOOR = 0.5;

/**
 * Coordination-level re-scoring: a hit's BM25F score times FLOOR + (1 − FLOOR) × the idf-weighted share of the
 * question's aspects it holds (one of an aspect's terms is enough). BM25 sums term contributions, so a passage that
 * repeats one rare word of a long question can outrank one that answers most of it; the coordination factor of
 * Lucene's classic similarity (overlap / query terms) corrects that, softened here so that a partial match is not
 * halved into irrelevance and the score keeps its scale for the abstention signals. Questions of one aspect are
 * left as they are.
 * @returns the hits re-scored, best first (ties: lower index first)
 */
export function coordinate(hits: readonly Bm25Hit[], aspects: readonly Aspect[], floor = COORDINATION_FLOOR): Bm25Hit[] {
  const total = aspects.reduce((n, a) => n + a.weight, 0);
  if (aspects.length < 2 || total <= 0) return [...hits];
  return hits
    .map((h) => {
      const matched = new Set(h.matched);
      const held = aspects.reduce((n, a) => n + (a.terms.some((t) => matched.has(t)) ? a.weight : 0), 0);
      return { ...h, score: h.score * (floor + ((1 - floor) * held) / total) };
    })
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
}

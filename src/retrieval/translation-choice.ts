import type { AnalysedQuery } from './query.js';

/** Weight, at least, of the translation of an English word that co-occurs best with the rest of the question. */
export const CHOSEN_TRANSLATION_WEIGHT = 0.7;
/** Factor on the weight of the word's other translations: kept, since the choice is a guess from co-occurrence. */
export const OTHER_TRANSLATION_FACTOR = 0.6;

/** What the choice needs from an index: the passages holding a term, ascending (empty when none). */
export interface Postings {
  docsWith(term: string): ArrayLike<number>;
}

/**
 * The query terms of an English question with, for each word the dictionary translates several ways, the translation
 * that shares the most passages with the other words' translations raised to CHOSEN_TRANSLATION_WEIGHT and the
 * others scaled by OTHER_TRANSLATION_FACTOR. Translations that co-occur in the documents are the ones the question
 * means (Ballesteros and Croft, "Resolving ambiguity for cross-language retrieval", SIGIR 1998): `policy` is
 * « politique » beside `privacy`, `police` nowhere. Each translation is scored by the sum, over the other concepts,
 * of its best Dice coefficient (2·|A∩B| / (|A|+|B|), A and B the passages holding each term) with one of their terms.
 *
 * Ranking only: choosing the translations that co-occur also makes the best passages look as if they covered every
 * word of a question the documents never address, so abstention must read the question's terms as analysed.
 *
 * The co-occurrences are those of the whole index, whichever corpus dominates it: taken from the passages of the
 * corpus a dev question is about instead, the choice ranked its answer no better on any English dev question and
 * lower on four. Iterative weighting of every word's translations by the weighted translations of the others (Monz
 * and Dorr, "Iterative translation disambiguation for cross-language information retrieval", SIGIR 2005) did worse,
 * as graded weights (combined index, English MRR 0.669 → 0.628 on the Énoncé set, hit@5 0.556 → 0.444 on the iag set)
 * and as the chooser of this one choice (MRR 0.669 → 0.656 on the Énoncé set, 0.427 → 0.433 on the iag set).
 *
 * The English words of a French question (Concept.english) are chosen for the same way, the French words serving as
 * context only: a French word's terms are its own, not translations to choose among.
 *
 * @param query an analysed question (its neutral and multiword-expression concepts take no part)
 * @param postings the index the question is asked of
 * @returns term → weight; `query.terms` itself when no word has two translations in the index, or none co-occurs
 */
export function withChosenTranslations(query: AnalysedQuery, postings: Postings): Map<string, number> {
  const considered = query.concepts.filter((c) => !c.neutral && c.phrase === undefined);
  const choosing = considered.map((c) => query.language === 'en' || c.english === true);
  const concepts = considered.map((c) => [...new Set(c.terms)].filter((t) => postings.docsWith(t).length > 0));
  // Dice is symmetric, and each pair of terms comes up once from either side: computed once.
  const pairs = new Map<string, number>();
  const shared = (t: string, u: string): number => {
    const key = t < u ? `${t}\u0000${u}` : `${u}\u0000${t}`;
    let value = pairs.get(key);
    if (value === undefined) pairs.set(key, (value = dice(t, u, postings)));
    return value;
  };
  let out: Map<string, number> | null = null;
  concepts.forEach((candidates, i) => {
    if (!choosing[i] || candidates.length < 2) return;
    const scores = candidates.map((t) =>
      concepts.reduce((sum, others, j) => (j === i ? sum : sum + Math.max(0, ...others.map((u) => shared(t, u)))), 0),
    );
    const best = Math.max(...scores);
    if (best <= 0) return;
    const chosen = scores.indexOf(best);
    out ??= new Map(query.terms);
    candidates.forEach((t, k) => {
      const weight = out!.get(t);
      if (weight === undefined) return;
      out!.set(t, k === chosen ? Math.max(weight, CHOSEN_TRANSLATION_WEIGHT) : weight * OTHER_TRANSLATION_FACTOR);
    });
  });
  return out ?? query.terms;
}

/** Dice coefficient of the passages holding `a` and `b` (0 for one term with itself: a word cannot vouch for itself). */
function dice(a: string, b: string, postings: Postings): number {
  if (a === b) return 0;
  const x = postings.docsWith(a);
  const y = postings.docsWith(b);
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! === y[j]!) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return x.length + y.length > 0 ? (2 * shared) / (x.length + y.length) : 0;
}

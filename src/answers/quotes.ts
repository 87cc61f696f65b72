import { splitSentences } from '../knowledge/sentences.js';
import { terms, type Analyser } from '../retrieval/analyse.js';
import type { RetrievedPassage } from '../retrieval/types.js';

/** At most this many passages are quoted in one answer. */
export const MAX_QUOTED_PASSAGES = 3;
/** A passage is quoted only if its score is at least this share of the best passage's score. */
export const MIN_RELATIVE_PASSAGE_SCORE = 0.6;
/** At most this many sentences are quoted from one passage. */
export const MAX_SENTENCES_PER_PASSAGE = 2;
/** A second sentence is quoted only if it is worth at least this share of the passage's best sentence. */
export const MIN_RELATIVE_SENTENCE_SCORE = 0.6;

/** Sentences chosen from one passage, verbatim and in the passage's order. */
export interface PassageQuote {
  passage: RetrievedPassage;
  sentences: string[];
}

/** Importance of a sentence: the sum of the importance of the distinct query terms it contains. */
function sentenceScore(sentence: string, queryTerms: ReadonlyMap<string, number>, analyser: Analyser): number {
  let total = 0;
  for (const t of new Set(terms(sentence, analyser))) total += queryTerms.get(t) ?? 0;
  return total;
}

/**
 * Picks what to quote: the best passages (≤ MAX_QUOTED_PASSAGES, each scoring ≥ MIN_RELATIVE_PASSAGE_SCORE of the
 * best), and in each the sentences that carry the most query terms (≤ MAX_SENTENCES_PER_PASSAGE). Sentences are
 * substrings of the passage text (verbatim). A passage whose sentences match no query term is quoted by its first
 * sentence, so a passage chosen for its heading still says something.
 * @param analyser the analyser of the passages' language (French)
 */
export function selectQuotes(
  passages: readonly RetrievedPassage[],
  queryTerms: ReadonlyMap<string, number>,
  analyser: Analyser,
): PassageQuote[] {
  const best = passages[0]?.score ?? 0;
  return passages
    .filter((p) => p.score >= best * MIN_RELATIVE_PASSAGE_SCORE)
    .slice(0, MAX_QUOTED_PASSAGES)
    .map((passage) => {
      const sentences = splitSentences(passage.passage.text);
      const scored = sentences.map((text, i) => ({ text, i, score: sentenceScore(text, queryTerms, analyser) }));
      const top = Math.max(0, ...scored.map((s) => s.score));
      const chosen =
        top === 0
          ? scored.slice(0, 1)
          : [...scored]
              .sort((a, b) => b.score - a.score || a.i - b.i)
              .filter((s) => s.score >= top * MIN_RELATIVE_SENTENCE_SCORE)
              .slice(0, MAX_SENTENCES_PER_PASSAGE)
              .sort((a, b) => a.i - b.i);
      return { passage, sentences: chosen.map((s) => s.text) };
    });
}

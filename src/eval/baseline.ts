import { Bm25Index } from '../retrieval/bm25.js';
import type { EvalRun } from './score.js';

/** The default tokenizer of a plain BM25: lower-case, split on anything that is not a letter or a digit. */
function plainTokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The plain BM25 baseline of the issue: the raw file cut into paragraph chunks (blank-line separated), default
 * tokenizer, no cleaning, no stemming, no lexicon, abstention never. Returned runs are comparable with ours.
 */
export function plainBm25(rawText: string): (id: string, question: string, k: number) => EvalRun {
  const chunks = rawText.split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean);
  const index = new Bm25Index(chunks.map((c) => ({ text: plainTokens(c), heading: [] })));
  return (id, question, k) => {
    const query = new Map(plainTokens(question).map((t) => [t, 1]));
    return { id, abstained: false, texts: index.search(query, k).map((h) => chunks[h.doc]!) };
  };
}

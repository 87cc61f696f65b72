import { Bm25Index } from '../retrieval/bm25.js';
import type { EvalRun } from './score.js';

/** A baseline system: question id, question text, number of texts wanted → its run (it never abstains). */
export type Baseline = (id: string, question: string, k: number) => EvalRun;

/** The default tokenizer of a plain BM25: lower-case, split on anything that is not a letter or a digit. */
function plainTokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Plain BM25 (k1 1.2, b 0.75, one field) over `chunks` with the default tokenizer; never abstains. */
function plainBm25Over(chunks: readonly string[]): Baseline {
  const index = new Bm25Index(chunks.map((c) => ({ text: plainTokens(c), heading: [] })));
  return (id, question, k) => {
    const query = new Map(plainTokens(question).map((t) => [t, 1]));
    return { id, abstained: false, texts: index.search(query, k).map((h) => chunks[h.doc]!) };
  };
}

/**
 * The plain BM25 baseline of the issue ("bm25 raw"): the raw files cut into paragraph chunks (blank-line
 * separated), default tokenizer (lower-case, split on non-alphanumerics: no accent folding, stemming, stop words or
 * lexicon), no cleaning, abstention never. What an off-the-shelf search over the files as supplied would return.
 */
export function plainBm25(rawText: string): Baseline {
  return plainBm25Over(rawText.split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean));
}

/**
 * The same plain BM25 over Balises' own passages ("bm25 pass."): the cleaned, section-bounded texts a reader is
 * quoted, without headings, lexicon, stemming or abstention. The gap to Balises measures the analysis, the lexicon
 * and the heading field; the gap to `plainBm25` measures cleaning and passage cutting.
 */
export function plainPassageBm25(passageTexts: readonly string[]): Baseline {
  return plainBm25Over(passageTexts);
}

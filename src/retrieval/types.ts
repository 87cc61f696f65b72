import type { Language } from '../answers/types.js';
import type { PassageRecord } from '../knowledge/types.js';
import type { CountedParts } from './numbered-series.js';

/** Measures that decide abstention (see abstention.ts). Both in [0, 1]. */
export interface AbstentionSignals {
  /** Share of the question's concepts (idf-weighted) that the best passages contain. */
  coverage: number;
  /** Best score divided by the score a passage containing every query term would get. */
  normalisedScore: number;
  /** True when the question asks for a quantity or a person (answer-type.ts) and none of the best passages states
   *  one, nor, for a count, the documents' numbered headings (RetrievalResult.counted): they cannot answer it,
   *  whatever their words. */
  answerTypeMissing?: boolean;
  /** A numbered part the question names and no indexed document has, as the question writes it (« principe 11 »;
   *  see numbered-parts.ts): the documents cannot answer about it, whatever text holds its number. */
  missingPart?: string;
  /** True when a concept of the question's focus (the noun phrase it asks about, question-focus.ts) is in none of the
   *  best passages: they speak of something else, whatever other words of the question they hold. Set by the local
   *  index only: the remote one cannot tell a word no passage has (its vocabulary is open). */
  focusUncovered?: boolean;
  /** True when a concept of the question's focus is an English word the dictionary cannot translate
   *  (query.ts Concept.untranslated: `accountable`): whether the best passages speak of it cannot be told, so they
   *  are quoted as the closest ones, never as the answer. Set by the local index only, as focusUncovered. */
  focusUntranslated?: boolean;
}

/** A passage and its retrieval score (higher is better; not a probability). */
export interface RetrievedPassage {
  passage: PassageRecord;
  score: number;
}

/**
 * How well the best passages answer the question: `answered` (quote them), `uncertain` (the closest passages,
 * which may not answer exactly: quote them, clearly labelled) or `not_covered` (abstain). See abstention.ts.
 */
export type RetrievalOutcome = 'answered' | 'uncertain' | 'not_covered';

/** The passages found for a question, best first, and how well they answer it. */
export interface RetrievalResult {
  language: Language;
  outcome: RetrievalOutcome;
  /** `outcome === 'not_covered'`: the index should abstain. */
  abstained: boolean;
  passages: RetrievedPassage[];
  signals: AbstentionSignals;
  /** Analysed query terms (French stems) → importance (weight × idf), to pick the sentences worth quoting. */
  queryTerms: ReadonlyMap<string, number>;
  /** Set when the question counts parts (« Combien de principes… ») that no best passage counts in words but that
   *  documents number under their headings (numbered-series.ts): the numbering is the answer, not `passages`. */
  counted?: CountedParts;
}

/** Options of one search. `k` is the number of passages wanted (1–50). */
export interface SearchOptions {
  k: number;
  /** Detected from the question when absent. */
  language?: Language;
}

/**
 * A searchable set of published passages. The embedded default is `LocalPassageIndex` (in-process BM25F); at scale
 * `AzureSearchPassageIndex` queries Azure AI Search. Both return passages exactly as stored.
 */
export interface PassageIndex {
  /** Number of passages searchable. */
  readonly size: number;
  search(question: string, options: SearchOptions): Promise<RetrievalResult>;
}

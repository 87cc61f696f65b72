import { detectLanguage } from '../answers/language.js';
import type { PassageRecord } from '../knowledge/types.js';
import { DEFAULT_ABSTENTION_RULE, retrievalOutcome, type AbstentionRule } from './abstention.js';
import { surfaceWords, terms } from './analyse.js';
import { Bm25Index } from './bm25.js';
import type { Lexicon } from './lexicon.js';
import { analyseQuery, type AnalysedQuery, type IndexVocabulary } from './query.js';
import type { AbstentionSignals, PassageIndex, RetrievalResult, SearchOptions } from './types.js';
import { TypoCorrector } from './typo.js';

/** Questions are cut to this many characters before analysis: a pasted document is not a question. */
export const MAX_QUESTION_CHARS = 2000;
/** How many of the best passages count for coverage. */
export const COVERAGE_DEPTH = 3;

/**
 * The embedded passage index: BM25F over analysed passage text and section headings, French-first, with the
 * domain lexicon for expansion and the index's own vocabulary for typo correction. Built in memory from the
 * published passages (milliseconds for thousands of passages); rebuilt when a new version is published.
 */
export class LocalPassageIndex implements PassageIndex {
  readonly size: number;
  private readonly bm25: Bm25Index;
  private readonly vocabulary: IndexVocabulary;

  constructor(
    private readonly passages: readonly PassageRecord[],
    private readonly lexicon: Lexicon,
    private readonly rule: AbstentionRule = DEFAULT_ABSTENTION_RULE,
  ) {
    this.size = passages.length;
    this.bm25 = new Bm25Index(
      passages.map((p) => ({ text: terms(p.text, lexicon.fr), heading: terms(p.section.path.join(' '), lexicon.fr) })),
    );
    const counts = new Map<string, number>();
    for (const p of passages) {
      for (const w of surfaceWords(`${p.text} ${p.section.path.join(' ')}`)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const bm25 = this.bm25;
    this.vocabulary = { hasTerm: (t) => bm25.df(t) > 0, corrector: new TypoCorrector(counts) };
  }

  /** Analyses a question as this index would (exposed for diagnostics and evaluation). */
  analyse(question: string, language = detectLanguage(question)): AnalysedQuery {
    return analyseQuery(question.slice(0, MAX_QUESTION_CHARS), language, this.lexicon, this.vocabulary);
  }

  async search(question: string, options: SearchOptions): Promise<RetrievalResult> {
    return this.searchSync(question, options);
  }

  /** Synchronous search (the work is CPU-bound and in memory). Never throws for any question text. */
  searchSync(question: string, options: SearchOptions): RetrievalResult {
    const language = options.language ?? detectLanguage(question);
    const query = this.analyse(question, language);
    const hits = this.bm25.search(query.terms, Math.max(options.k, COVERAGE_DEPTH));
    const signals = this.signals(query, hits);
    const outcome = retrievalOutcome(signals, hits.length, this.rule);
    return {
      language,
      outcome,
      abstained: outcome === 'not_covered',
      passages: hits.slice(0, options.k).map((h) => ({ passage: this.passages[h.doc]!, score: h.score })),
      signals,
      queryTerms: new Map([...query.terms].map(([t, w]) => [t, w * this.bm25.idf(t)])),
    };
  }

  private signals(query: AnalysedQuery, hits: { score: number; matched: string[] }[]): AbstentionSignals {
    const max = this.bm25.maxScore(query.terms);
    const normalisedScore = hits.length && max > 0 ? hits[0]!.score / max : 0;
    const matched = new Set(hits.slice(0, COVERAGE_DEPTH).flatMap((h) => h.matched));
    const unknownWeight = this.bm25.idf('');
    let total = 0;
    let covered = 0;
    for (const c of query.concepts) {
      if (c.neutral) continue;
      const known = c.terms.filter((t) => this.bm25.df(t) > 0);
      const weight = known.length ? Math.max(...known.map((t) => this.bm25.idf(t))) : unknownWeight;
      total += weight;
      if (known.some((t) => matched.has(t))) covered += weight;
    }
    return { coverage: total > 0 ? covered / total : 0, normalisedScore };
  }
}

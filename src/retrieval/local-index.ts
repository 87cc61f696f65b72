import { detectLanguage } from '../answers/language.js';
import type { Language } from '../answers/types.js';
import type { PassageRecord } from '../knowledge/types.js';
import { DEFAULT_ABSTENTION_RULE, retrievalOutcome, type AbstentionRule } from './abstention.js';
import { phraseWords, terms } from './analyse.js';
import { findLongForm, mineAcronyms } from './acronyms.js';
import { answerType, statesAnswer } from './answer-type.js';
import { BM25_K1, Bm25Index, type Bm25Document, type Bm25Hit } from './bm25.js';
import { passageHeadingPhraseKeys, questionHeadingPhraseKeys, translatedHeadingPhraseKeys } from './heading-phrases.js';
import type { Lexicon } from './lexicon.js';
import { missingPart, NumberedPartsBuilder, type NumberedParts } from './numbered-parts.js';
import { NumberedHeadingsBuilder, numberedSeries, type CountedParts, type NumberedHeadings } from './numbered-series.js';
import { partInReadingOrder, passageReferenceKeys, questionReferenceKeys, withReferenceKeys } from './numbered-references.js';
import { analyseQuery, analysedAcronyms, synonymGroups, USER_TERM_WEIGHT, type AnalysedQuery, type IndexVocabulary } from './query.js';
import { questionFocus } from './question-focus.js';
import { questionText } from './question-text.js';
import type { AbstentionSignals, PassageIndex, RetrievalResult, SearchOptions } from './types.js';
import { BoundedMemo } from './memo.js';
import { runSteps, runStepsAsync, type Steps } from './steps.js';
import { TypoCorrector } from './typo.js';
import { withChosenTranslations } from './translation-choice.js';

/** Questions are cut to this many characters before analysis: a pasted document is not a question. */
export const MAX_QUESTION_CHARS = 2000;
/** Phrase and acronym lookups remembered per index. */
const MAX_REMEMBERED_LOOKUPS = 10_000;
/** How many of the best passages count for coverage. */
export const COVERAGE_DEPTH = 3;

/**
 * The embedded passage index: BM25F over analysed passage text and section headings, French-first, with the
 * general lexicon for English questions, and the index's own vocabulary for typo correction and acronyms. Built in
 * memory from the published passages (about 1.3 s of CPU for 10 000 passages: see `build` for the server's way);
 * rebuilt when a new version is published.
 */
export class LocalPassageIndex implements PassageIndex {
  readonly size: number;
  private readonly bm25: Bm25Index;
  private readonly vocabulary: IndexVocabulary;
  /** Each passage's headings and text as folded surface words, space-separated and padded, its phrases apart
   *  (`PHRASE_BREAK`), for phrase lookups. */
  private readonly foldedTexts: string[];
  /** The heading-phrase keys of the passages (heading-phrases.ts). */
  private readonly headingKeys: ReadonlySet<string>;
  /** The numbered parts the passages have (numbered-parts.ts). */
  private readonly parts: NumberedParts;
  /** The numbered headings of the passages' sections (numbered-series.ts). */
  private readonly headings: NumberedHeadings;

  /**
   * Builds the index of `passages` at once (`prepared`: their analysis already made by `preparePassages`, as
   * `LocalPassageIndex.build` does a slice at a time).
   */
  constructor(
    private readonly passages: readonly PassageRecord[],
    private readonly lexicon: Lexicon,
    private readonly rule: AbstentionRule = DEFAULT_ABSTENTION_RULE,
    prepared: PreparedPassages = runSteps(preparePassages(passages, lexicon)),
  ) {
    this.size = passages.length;
    this.bm25 = prepared.bm25;
    this.headingKeys = prepared.headingKeys;
    this.parts = prepared.parts;
    this.headings = prepared.headings;
    this.foldedTexts = prepared.foldedTexts;
    const bm25 = this.bm25;
    this.vocabulary = {
      hasTerm: (t) => bm25.df(t) > 0,
      corrector: new TypoCorrector(prepared.wordCounts),
      acronyms: analysedAcronyms(mineAcronyms(passages.map((p) => p.text)), lexicon),
      undefinedAcronym: (acronym) => this.undefinedAcronym(acronym),
    };
  }

  /**
   * The same index built a slice at a time (steps.ts): the server keeps answering other turns while a publication's
   * passages are analysed (about 1.3 s of work for 10 000 passages).
   */
  static async build(passages: readonly PassageRecord[], lexicon: Lexicon, rule: AbstentionRule = DEFAULT_ABSTENTION_RULE): Promise<LocalPassageIndex> {
    return new LocalPassageIndex(passages, lexicon, rule, await runStepsAsync(preparePassages(passages, lexicon)));
  }

  /** Analyses a question as this index would (exposed for diagnostics and evaluation). */
  analyse(question: string, language?: Language): AnalysedQuery {
    const text = questionText(question);
    return this.analyseText(text, language ?? detectLanguage(text));
  }

  /** Analyses a question already read as `questionText`. */
  private analyseText(text: string, language: Language): AnalysedQuery {
    return analyseQuery(text.slice(0, MAX_QUESTION_CHARS), language, this.lexicon, this.vocabulary);
  }

  async search(question: string, options: SearchOptions): Promise<RetrievalResult> {
    return this.searchSync(question, options);
  }

  /** Synchronous search (the work is CPU-bound and in memory). Never throws for any question text. */
  searchSync(question: string, options: SearchOptions): RetrievalResult {
    const text = questionText(question);
    const language = options.language ?? detectLanguage(text);
    const query = this.withReferences(this.analyseText(text, language), text);
    const depth = Math.max(options.k, COVERAGE_DEPTH);
    const synonyms = synonymGroups(query.concepts);
    const found = this.bm25.search(this.withHeadingPhrases(query, text), depth, synonyms);
    const signals = this.signals(query, found, questionFocus(text.slice(0, MAX_QUESTION_CHARS), language, this.lexicon));
    // An English question, or a French one with English words, is ranked again with the translations its words share
    // passages with; abstention reads the first ranking, which the choice cannot bias (translation-choice.ts).
    const chosen = withChosenTranslations(query, this.bm25);
    const ranked = chosen === query.terms ? found : this.bm25.search(this.withHeadingPhrases({ ...query, terms: chosen }, text), depth, synonyms);
    const hits = partInReadingOrder(query.concepts, ranked, (h) => this.passages[h.doc]!, (h) => h.matched);
    const asked = answerType(text);
    let counted: CountedParts | null = null;
    if (asked) {
      const stated = hits.slice(0, COVERAGE_DEPTH).some((h) => statesAnswer(asked, this.passages[h.doc]!.text));
      // A count no best passage writes out may be what the documents' numbered headings show (numbered-series.ts).
      if (!stated) counted = numberedSeries(text.slice(0, MAX_QUESTION_CHARS), query, this.headings, this.lexicon.fr);
      signals.answerTypeMissing = !stated && counted === null;
    }
    const missing = missingPart(text.slice(0, MAX_QUESTION_CHARS), query, this.lexicon.fr, this.parts);
    if (missing !== null) signals.missingPart = missing;
    const outcome = retrievalOutcome(signals, hits.length, this.rule);
    return {
      language,
      outcome,
      abstained: outcome === 'not_covered',
      passages: hits.slice(0, options.k).map((h) => ({ passage: this.passages[h.doc]!, score: h.score })),
      signals,
      queryTerms: new Map([...query.terms].map(([t, w]) => [t, w * this.bm25.idf(t)])),
      ...(counted !== null ? { counted } : {}),
    };
  }

  /**
   * The analysed question plus its references to numbered headings (« principe 4 », « the fourth principle »; see
   * numbered-references.ts): each key a term at the weight of the user's words, so a passage under the heading so
   * numbered ranks as one whose heading holds a word of the question, and a term of the number's own concept, so
   * that « fourth », which no passage says, is covered by the heading numbered 4. A word naming the part stands for
   * the index terms of its concept (its stem, or an English word's French translations: « principle 4 » finds
   * « 4. Principe… »; `art.` stands for `article`). Keys no heading nor article marker has are left out.
   */
  private withReferences(query: AnalysedQuery, question: string): AnalysedQuery {
    const found = questionReferenceKeys(question.slice(0, MAX_QUESTION_CHARS), query, this.lexicon.fr).filter(({ key }) => this.bm25.df(key) > 0);
    if (found.length === 0) return query;
    return {
      language: query.language,
      terms: new Map([...query.terms, ...found.map(({ key }): [string, number] => [key, USER_TERM_WEIGHT])]),
      concepts: withReferenceKeys(query.concepts, found),
    };
  }

  /**
   * The query terms plus the key of each section heading the question names (heading-phrases.ts): word for word in a
   * French question, through its words' translations in an English one; at the weight of the user's words. Ranking
   * only: a named heading says which section is asked about, not that a concept of the question is covered.
   */
  private withHeadingPhrases(query: AnalysedQuery, question: string): Map<string, number> {
    const out = new Map(query.terms);
    const named =
      query.language === 'en'
        ? translatedHeadingPhraseKeys(query.concepts, this.headingKeys)
        : questionHeadingPhraseKeys(question.slice(0, MAX_QUESTION_CHARS), this.lexicon.fr, this.headingKeys);
    for (const key of named) out.set(key, USER_TERM_WEIGHT);
    return out;
  }

  /** Acronym → its long form found by initials; the index never changes, so each is looked for once. */
  private readonly longForms = new BoundedMemo<string, readonly string[] | null>(MAX_REMEMBERED_LOOKUPS);

  /** The long form of an acronym found in the passages' words (acronyms.ts `findLongForm`). */
  private undefinedAcronym(acronym: string): readonly string[] | null {
    return this.longForms.get(acronym, (a) =>
      findLongForm(a, wordsOf(this.foldedTexts), (w) => this.lexicon.fr.stopWords.has(w)),
    );
  }

  /**
   * The passages whose text or headings hold `phrase` (folded surface words joined by spaces) as a whole. Only the
   * passages holding the phrase's rarest stem are read, so a lookup costs what that stem's postings cost.
   */
  private passagesHolding(phrase: string, stems: readonly string[]): Set<number> {
    return this.holding.get(phrase, () => this.findHolding(phrase, stems));
  }

  /** Phrase → passages holding it; the index never changes, so each phrase is looked up once. */
  private readonly holding = new BoundedMemo<string, Set<number>>(MAX_REMEMBERED_LOOKUPS);

  private findHolding(phrase: string, stems: readonly string[]): Set<number> {
    const needle = ` ${phrase} `;
    const out = new Set<number>();
    const known = stems.filter((t) => this.bm25.df(t) > 0);
    if (known.length < stems.length) return out;
    const rarest = [...known].sort((a, b) => this.bm25.df(a) - this.bm25.df(b))[0];
    const candidates = rarest === undefined ? this.foldedTexts.map((_, i) => i) : this.bm25.docsWith(rarest);
    for (const i of candidates) if (this.foldedTexts[i]!.includes(needle)) out.add(i);
    return out;
  }

  /**
   * The score a passage answering every concept of the question would reach: per concept, its best index term
   * (weight × idf, saturated), or for a concept scored as one synonym group (synonymGroups) the group's weight × idf.
   * Not every term of the query: a passage needs one translation of a word, not all.
   */
  private reachableScore(query: AnalysedQuery): number {
    let max = 0;
    for (const c of query.concepts) {
      if (c.neutral) continue;
      const [group] = synonymGroups([c]);
      if (group) {
        const { weight, docs } = this.bm25.synonymFrequencies(group, query.terms);
        if (docs.length > 0) max += weight * this.bm25.idfOf(docs.length) * (BM25_K1 + 1);
        continue;
      }
      let best = 0;
      for (const t of c.terms) {
        if (this.bm25.df(t) > 0) best = Math.max(best, (query.terms.get(t) ?? 0) * this.bm25.idf(t) * (BM25_K1 + 1));
      }
      max += best;
    }
    return max;
  }

  /**
   * Coverage and normalised score (types.ts), and whether the question's focus (question-focus.ts) is missing from
   * the best passages: a concept of the focus that no indexed passage has at all (the documents never name what is
   * asked), or a focus in the user's own words of which no best passage holds any concept. A focus word read through
   * its dictionary translations is not refused for want of them in the best passages: the dictionary may lack the
   * documents' word (`statement` is no « énoncé » in it), so its absence there says little. Nor is an English focus
   * word the dictionary cannot translate at all (Concept.untranslated: its French is unknown, not absent), which
   * makes the answer uncertain at most instead (focusUntranslated).
   * @param focus folded surface words of the question's focus
   */
  private signals(query: AnalysedQuery, hits: readonly Bm25Hit[], focus: ReadonlySet<string>): AbstentionSignals {
    const max = this.reachableScore(query);
    const normalisedScore = hits.length && max > 0 ? Math.min(1, hits[0]!.score / max) : 0;
    const matched = new Set(hits.slice(0, COVERAGE_DEPTH).flatMap((h) => h.matched));
    const unknownWeight = this.bm25.idf('');
    let total = 0;
    let covered = 0;
    let focusAbsent = false;
    let focusOwnWords = false;
    let focusHeld = false;
    let focusUntranslated = false;

    for (const c of query.concepts) {
      if (c.neutral) continue;
      let weight: number;
      let isCovered: boolean;
      let exists: boolean;
      if (c.phrase !== undefined) {
        const holding = this.passagesHolding(c.phrase, c.terms);
        exists = holding.size > 0;
        weight = this.bm25.idfOf(holding.size);
        isCovered = hits.slice(0, COVERAGE_DEPTH).some((h) => holding.has(h.doc));
      } else {
        const known = c.terms.filter((t) => this.bm25.df(t) > 0);
        exists = known.length > 0;
        // Several terms stand for one concept when an English word has several translations: the concept weighs the
        // mean of their idfs, the expected weight of whichever translation a passage would use. Their maximum made a
        // concept's weight follow the rarest translation any document happens to use (`statement` → « prononcé » in
        // an unrelated law), so adding a document could change how much of a question another document answers.
        weight = known.length ? known.reduce((sum, t) => sum + this.bm25.idf(t), 0) / known.length : unknownWeight;
        isCovered = known.some((t) => matched.has(t));
      }
      total += weight;
      if (isCovered) covered += weight;
      if (c.word.split(' ').some((w) => focus.has(w))) {
        focusAbsent ||= !exists && c.untranslated !== true;
        focusUntranslated ||= c.untranslated === true;
        focusHeld ||= isCovered;
        focusOwnWords ||= query.language === 'fr' && c.english !== true;
      }
    }
    const focusUncovered = focusAbsent || (focusOwnWords && !focusHeld);
    return {
      coverage: total > 0 ? covered / total : 0,
      normalisedScore,
      ...(focusUncovered ? { focusUncovered } : {}),
      ...(focusUntranslated ? { focusUntranslated } : {}),
    };
  }
}

/** Marks a phrase end in a folded text: no surface word holds `|`, so no phrase lookup matches across it. */
const PHRASE_BREAK = ' | ';

/** The words of each phrase of each padded folded text, one passage at a time (no array of every passage's words at
 *  once). */
function* wordsOf(texts: readonly string[]): Iterable<string[]> {
  for (const t of texts) for (const phrase of t.trim().split(PHRASE_BREAK)) yield phrase.split(' ');
}

/** What an index needs from its passages, made by `preparePassages`. */
interface PreparedPassages {
  bm25: Bm25Index;
  /** The heading-phrase keys of the passages (heading-phrases.ts). */
  headingKeys: ReadonlySet<string>;
  parts: NumberedParts;
  headings: NumberedHeadings;
  /** Each passage's headings and text as folded surface words, space-separated and padded. */
  foldedTexts: string[];
  /** Folded surface word → occurrences in every passage, for typo repair. */
  wordCounts: Map<string, number>;
}

/** Passages analysed between two steps of a build (steps.ts): a few milliseconds of work. */
const PASSAGES_PER_STEP = 32;

/**
 * Analyses `passages` for the index: each one's text and heading terms (with its numbered-reference and
 * heading-phrase keys), folded words, then the BM25F index; yields between slices (steps.ts).
 */
function* preparePassages(passages: readonly PassageRecord[], lexicon: Lexicon): Steps<PreparedPassages> {
  const headingKeys = new Set<string>();
  // The passages of a section share its path and their document's title: their keys are made once.
  const phrasesOf = new Map<string, string[]>();
  const parts = new NumberedPartsBuilder(lexicon.fr);
  const numberedHeadings = new NumberedHeadingsBuilder(lexicon.fr);
  const documents: Bm25Document[] = [];
  const foldedTexts: string[] = [];
  const wordCounts = new Map<string, number>();
  for (let i = 0; i < passages.length; i++) {
    if (i % PASSAGES_PER_STEP === PASSAGES_PER_STEP - 1) yield;
    const p = passages[i]!;
    const shared = `${p.title}\u0000${p.section.path.join('\u0000')}`;
    let phrases = phrasesOf.get(shared);
    if (!phrases) {
      phrases = passageHeadingPhraseKeys(p, lexicon.fr);
      phrasesOf.set(shared, phrases);
    }
    for (const key of phrases) headingKeys.add(key);
    const references = passageReferenceKeys(p, lexicon.fr);
    parts.add(p, references);
    numberedHeadings.add(p);
    documents.push({
      text: terms(p.text, lexicon.fr),
      heading: [...terms(p.section.path.join(' '), lexicon.fr), ...references, ...phrases],
    });
    const textPhrases = [...p.section.path, p.text].flatMap(phraseWords);
    for (const w of textPhrases.flat()) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
    foldedTexts.push(` ${textPhrases.map((words) => words.join(' ')).join(PHRASE_BREAK)} `);
  }
  const bm25 = yield* Bm25Index.steps(documents);
  return { bm25, headingKeys, parts: parts.build(), headings: numberedHeadings.build(), foldedTexts, wordCounts };
}

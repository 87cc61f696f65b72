import {
  AzureKeyCredential,
  SearchClient,
  SearchIndexClient,
  type SearchClientOptions,
  type SearchIndexClientOptions,
} from '@azure/search-documents';
import { detectLanguage } from '../answers/language.js';
import type { Language } from '../answers/types.js';
import type { PassageRecord } from '../knowledge/types.js';
import { DEFAULT_ABSTENTION_RULE, retrievalOutcome, type AbstentionRule } from './abstention.js';
import { fold, terms } from './analyse.js';
import { mineAcronyms } from './acronyms.js';
import { passageHeadingPhraseKeys, questionHeadingPhraseKeys, translatedHeadingPhraseKeys } from './heading-phrases.js';
import { answerType, statesAnswer } from './answer-type.js';
import {
  fromPassageDocument,
  HEADING_BOOST_PROFILE,
  passageIndexDefinition,
  REFERENCES_FIELD,
  RETRIEVED_FIELDS,
  SEARCH_FIELDS,
  toPassageDocument,
  type PassageDocument,
  VERSION_KEY_DELIMITER,
  versionKey,
} from './azure-search-schema.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { COVERAGE_DEPTH, MAX_QUESTION_CHARS } from './local-index.js';
import { mergeNumberedParts, missingPart, NO_NUMBERED_PARTS, numberedPartsOf, type NumberedParts } from './numbered-parts.js';
import { mergeNumberedHeadings, NO_NUMBERED_HEADINGS, numberedHeadingsOf, numberedSeries, type CountedParts, type NumberedHeadings } from './numbered-series.js';
import { partInReadingOrder, passageReferenceKeys, questionReferenceKeys, withReferenceKeys } from './numbered-references.js';
import { analyseQuery, analysedAcronyms, USER_TERM_WEIGHT, type AnalysedQuery, type IndexVocabulary, type StemPhraseMap } from './query.js';
import { questionText } from './question-text.js';
import type { AbstentionSignals, PassageIndex, RetrievalResult, SearchOptions } from './types.js';
import { TypoCorrector } from './typo.js';

/** Azure AI Search accepts at most this many actions in one indexing batch. */
export const MAX_BATCH_DOCUMENTS = 1000;
/** Rounds of search-then-delete when removing passages: 1000 passages a round, so up to 100 000 passages. */
const MAX_DELETE_ROUNDS = 100;

/** How to reach the service. `apiKey` is an admin key when the index is managed from here. */
export interface AzureSearchIndexOptions {
  /** `https://<service>.search.windows.net` (or an `http://127.0.0.1:…` stub with `allowInsecureConnection`). */
  endpoint: string;
  indexName: string;
  apiKey: string;
  /** Allows plain http (local stubs only). Key credentials only: the SDK refuses bearer tokens over http. */
  allowInsecureConnection?: boolean;
  /** Folder of the lexicon files (dictionary, phrases). Defaults to the repository's `data/lexicon`. */
  lexiconDir?: string;
  /** Create or update the index definition when opening (needs an admin key). Default true. */
  manageSchema?: boolean;
  /**
   * Retries of the SDK's retry policy (@azure/core-rest-pipeline `defaultRetryPolicy`): a 429 or 503 carrying
   * Retry-After (or retry-after-ms) is retried after the time the service asks; 408, other 5xx and network errors
   * with exponential back-off. Defaults to the SDK's (3).
   */
  maxRetries?: number;
  /** Base delay of the exponential back-off, in ms. Defaults to the SDK's (800). */
  retryDelayInMs?: number;
  /** Abstention thresholds. Defaults to the local index's rule (see the class remarks on calibration). */
  rule?: AbstentionRule;
  /** How long a question's search may take, retries included, in ms. Defaults to SEARCH_TIMEOUT_MS. */
  searchTimeoutMs?: number;
}

/**
 * How long a question's search may take, the SDK's retries included (ms). The SDK sets no limit of its own: a
 * service that accepted the connection and never answered (a network cut without a reset) held every question
 * for as long as it lasted (ten minutes observed), with no reply, while Teams redelivers after about 15 s. Past this
 * the search fails like a refused one (AzureSearchError) and the person gets the apology; the service answers in
 * well under a second when healthy, and a throttled search whose Retry-After runs past this is abandoned too.
 */
export const SEARCH_TIMEOUT_MS = 8_000;

/** A failed call to Azure AI Search, naming the index and the operation. `statusCode` is the HTTP status, if any. */
export class AzureSearchError extends Error {
  constructor(
    readonly indexName: string,
    readonly operation: string,
    readonly statusCode: number | undefined,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`Azure AI Search index "${indexName}": ${operation} failed${statusCode ? ` (HTTP ${statusCode})` : ''}: ${reason}`, options);
    this.name = 'AzureSearchError';
  }
}

/** A document version a knowledge store has on record but no longer publishes (superseded or withdrawn). */
export interface RetiredVersion {
  docId: string;
  versionLabel: string;
}

/** What publishing a version did: passages written (created or updated) and passages of older versions deleted. */
export interface PublishOutcome {
  uploaded: number;
  deleted: number;
}

/** One term of the query sent to Azure: a surface word (accents kept, for the French analyzer) and its boost. */
export interface QueryTerm {
  word: string;
  weight: number;
}


/**
 * The passage index at scale: Azure AI Search with the French analyzer (`fr.microsoft`) and headings weighted ×2 by
 * the default scoring profile. Passages come back exactly as stored (verbatim text).
 *
 * Atomic switch between versions. Azure has no transaction spanning batches, so every query is filtered on the
 * published version set (`search.in(versionKey, …)`), which this instance holds as the knowledge store's published
 * set as of the last completed upload. Publishing uploads the new passages (invisible: not in the set), then flips
 * the set in one step (after the caller's store transaction, when given), then deletes the passages no longer
 * published. A query therefore sees, for each document, exactly one version, before or after the flip, never a
 * mix, and never the document missing. Until the first publication (`publishVersion` or `publishAll`) the set is
 * unknown and queries are not filtered. Other instances sharing the index filter on their own set, brought up to
 * date when they notice the publication (see answers/open.ts).
 *
 * Query text. The question is read as the local index reads it (`questionText`), then goes through the same analysis (`analyseQuery`: typo repair for
 * English, dictionary translations, acronyms the published documents define, multiword
 * expressions) and is sent as French words with their local weights as boosts: a French question's own words as
 * typed (accents kept, stop words dropped), every other stem as a French word of the dictionary or
 * acronym long form that has it (a cognate is sent as the English word itself). Expansions therefore weigh what
 * they weigh locally (a synonym map would expand at full weight), and real French words go to the Microsoft
 * lemmatiser, which does not know Snowball stems. The acronyms are mined from the passages this instance publishes.
 * References to numbered parts (« principe 4 », « l'article 12 », numbered-references.ts) are sent as fielded terms
 * on the `references` field, where each passage's keys are indexed whole, as the local index weighs them (the
 * user's words' weight); unlike the local index, an ordinal the passages never write does not count for coverage.
 * Section headings the question names (heading-phrases.ts: word for word, or through an English question's
 * translations) go the same way, on the same field. An English word's translations keep their shared weight: the
 * local index's choice of the translation that co-occurs with the rest of the question (translation-choice.ts)
 * needs postings Azure does not expose.
 *
 * Abstention. `coverage` uses the local concept logic on the passages returned: the question's concepts
 * (`analyseQuery`) are matched against the analysed text and headings of the best COVERAGE_DEPTH passages; every
 * concept weighs the same, because Azure exposes no document frequencies to weight them by idf as the local index
 * does. `normalisedScore` is the share of the query's term weight found in the best passage (what a passage holding
 * every term would reach is 1), not `@search.score`, which is unbounded and not comparable across questions.
 * The thresholds default to the local rule; they were calibrated on the local index, so recalibrate them against
 * a real service before relying on abstention. `queryTerms` in results are the analysed stems with their query
 * weights (no idf factor, for the same reason).
 */
export class AzureSearchPassageIndex implements PassageIndex {
  private count: number;
  /** Published version by document id: what queries are filtered on; null until the first publication. */
  private visible: ReadonlyMap<string, string> | null = null;
  /** Passages of the published version of each document in `visible`, by document id. */
  private readonly visiblePassages = new Map<string, number>();

  private constructor(
    private readonly indexName: string,
    private readonly client: SearchClient<PassageDocument>,
    private readonly lexicon: Lexicon,
    private readonly rule: AbstentionRule,
    count: number,
    private readonly searchTimeoutMs: number,
  ) {
    this.count = count;
  }

  /** Acronyms defined by the published documents, by document id (mined when a version is published). */
  private readonly acronymsByDocument = new Map<string, Map<string, string>>();
  private acronyms: StemPhraseMap = new Map();
  /** Heading-phrase keys of the published documents' passages (heading-phrases.ts), by document id: a question sends
   *  only the keys some passage has, not every run of its words. */
  private readonly headingKeysByDocument = new Map<string, Set<string>>();
  private headingKeys: ReadonlySet<string> = new Set();
  /** Numbered parts of the published documents (numbered-parts.ts), by document id, and all of them together. */
  private readonly partsByDocument = new Map<string, NumberedParts>();
  private parts: NumberedParts = NO_NUMBERED_PARTS;
  /** Numbered headings of the published documents (numbered-series.ts), by document id, and all of them together. */
  private readonly headingsByDocument = new Map<string, NumberedHeadings>();
  private numberedHeadings: NumberedHeadings = NO_NUMBERED_HEADINGS;
  /** French stem → a word of an acronym's long form having it. */
  private readonly acronymWords = new Map<string, string>();
  /** French stem → a word of the dictionary's translations having it; built when an English question first needs it
   *  (stemming every translation costs a second, which start-up should not pay). */
  private translationWords: Map<string, string> | null = null;

  /**
   * Connects to the service; unless `manageSchema` is false, creates or updates the index definition; then reads the
   * number of documents.
   * @throws AzureSearchError when the service refuses or cannot be reached; Error when the lexicon files are invalid
   */
  static async open(options: AzureSearchIndexOptions): Promise<AzureSearchPassageIndex> {
    const lexicon = options.lexiconDir ? loadLexicon(options.lexiconDir) : loadLexicon();
    const clientOptions: SearchClientOptions & SearchIndexClientOptions = {
      allowInsecureConnection: options.allowInsecureConnection ?? false,
      retryOptions: {
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        ...(options.retryDelayInMs !== undefined ? { retryDelayInMs: options.retryDelayInMs } : {}),
      },
    };
    const credential = new AzureKeyCredential(options.apiKey);
    const fail = (operation: string) => (err: unknown) => {
      throw new AzureSearchError(options.indexName, operation, statusOf(err), { cause: err });
    };
    if (options.manageSchema ?? true) {
      const admin = new SearchIndexClient(options.endpoint, credential, clientOptions);
      await admin.createOrUpdateIndex(passageIndexDefinition(options.indexName)).catch(fail('creating the index'));
    }
    const client = new SearchClient<PassageDocument>(options.endpoint, options.indexName, credential, clientOptions);
    const count = await client.getDocumentsCount().catch(fail('counting documents'));
    return new AzureSearchPassageIndex(
      options.indexName,
      client,
      lexicon,
      options.rule ?? DEFAULT_ABSTENTION_RULE,
      count,
      options.searchTimeoutMs ?? SEARCH_TIMEOUT_MS,
    );
  }

  /**
   * Resolves when the service answers a request on the index (its document count): the readiness probe.
   * @throws AzureSearchError when the service refuses or cannot be reached
   */
  async ping(): Promise<void> {
    await this.client.getDocumentsCount().catch(this.fail('checking the service'));
  }

  /**
   * Passages this instance's questions can find: those of its published versions once it has published, else the
   * documents in the index when opened. Not the whole index, which instances on other hosts share: an instance with
   * nothing published says so (`empty_index`) rather than « not covered ».
   */
  get size(): number {
    if (this.visible === null) return this.count;
    let visible = 0;
    for (const n of this.visiblePassages.values()) visible += n;
    return visible;
  }

  /**
   * Publishes one document version: uploads its passages (`mergeOrUpload`, batches of ≤ MAX_BATCH_DOCUMENTS; queries
   * do not see them yet), runs `options.flip` (the knowledge store's transaction making this version the published
   * one, when the caller publishes through here), switches queries to this version in one step, then deletes the
   * passages of the document's other versions. Idempotent: publishing the same passages again changes nothing.
   * @param passages every passage of one version of one document
   * @throws Error when `passages` is empty or mixes documents or versions (a caller bug); whatever `flip` throws
   *   (queries stay on the previous version; the uploaded passages stay, invisible, until the next publication)
   * @throws AzureSearchError when the service refuses a batch or any document in it
   */
  async publishVersion(passages: readonly PassageRecord[], options: { flip?: () => void } = {}): Promise<PublishOutcome> {
    const first = passages[0];
    if (!first) throw new Error('publishVersion needs the passages of one document version; got none');
    if (passages.some((p) => p.docId !== first.docId || p.versionLabel !== first.versionLabel)) {
      throw new Error(`publishVersion needs passages of one version; got several besides ${first.docId}@${first.versionLabel}`);
    }
    const created = await this.upload(passages, `uploading passages of ${first.docId}@${first.versionLabel}`);
    options.flip?.();
    this.visible = new Map([...(this.visible ?? []), [first.docId, first.versionLabel]]);
    this.visiblePassages.set(first.docId, passages.length);
    this.acronymsByDocument.set(first.docId, mineAcronyms(passages.map((p) => p.text)));
    this.headingKeysByDocument.set(first.docId, this.headingKeysOf(passages));
    this.partsByDocument.set(first.docId, numberedPartsOf(passages, this.lexicon.fr));
    this.headingsByDocument.set(first.docId, numberedHeadingsOf(passages, this.lexicon.fr));
    this.refreshAcronyms();
    const deleted = await this.deleteOtherVersions(first.docId, first.versionLabel);
    this.count += created - deleted;
    return { uploaded: passages.length, deleted };
  }

  /**
   * Makes the index hold exactly `passages` (e.g. a knowledge store's `publishedPassages()`, after a publication or
   * withdrawal): uploads every version in them (queries do not see new ones yet), switches queries to exactly these
   * versions in one step, then deletes every passage of another version (superseded ones, withdrawn documents).
   * An empty `passages` empties the index.
   *
   * With `options.retired`, only the passages of those versions are deleted (those the caller's store has on record
   * and no longer publishes), and versions the caller does not know are left alone: instances on separate hosts
   * share one index, each with its own knowledge store, and an instance started on an empty data folder emptied the
   * index under the others, which then answered every question « not covered ».
   * @throws AzureSearchError when the service refuses a batch (queries stay on the previous set)
   */
  async publishAll(passages: readonly PassageRecord[], options: { retired?: readonly RetiredVersion[] } = {}): Promise<PublishOutcome> {
    const groups = new Map<string, PassageRecord[]>();
    for (const p of passages) {
      const key = versionKey(p.docId, p.versionLabel);
      const group = groups.get(key);
      if (group) group.push(p);
      else groups.set(key, [p]);
    }
    let created = 0;
    for (const group of groups.values()) {
      created += await this.upload(group, `uploading passages of ${versionKey(group[0]!.docId, group[0]!.versionLabel)}`);
    }
    this.visible = new Map([...groups.values()].map((g) => [g[0]!.docId, g[0]!.versionLabel]));
    this.visiblePassages.clear();
    for (const group of groups.values()) this.visiblePassages.set(group[0]!.docId, group.length);
    this.acronymsByDocument.clear();
    this.headingKeysByDocument.clear();
    this.partsByDocument.clear();
    this.headingsByDocument.clear();
    for (const group of groups.values()) {
      this.acronymsByDocument.set(group[0]!.docId, mineAcronyms(group.map((p) => p.text)));
      this.headingKeysByDocument.set(group[0]!.docId, this.headingKeysOf(group));
      this.partsByDocument.set(group[0]!.docId, numberedPartsOf(group, this.lexicon.fr));
      this.headingsByDocument.set(group[0]!.docId, numberedHeadingsOf(group, this.lexicon.fr));
    }
    this.refreshAcronyms();
    const keys = [...groups.keys()];
    let deleted = 0;
    if (options.retired) {
      const retired = [...new Set(options.retired.map((v) => versionKey(v.docId, v.versionLabel)))].filter((k) => !groups.has(k));
      if (retired.length) deleted = await this.deleteMatching(searchIn(retired), 'deleting passages no longer published');
    } else {
      deleted = await this.deleteMatching(keys.length ? `not ${searchIn(keys)}` : undefined, 'deleting passages no longer published');
    }
    this.count += created - deleted;
    return { uploaded: passages.length, deleted };
  }

  /**
   * The Azure query for a question: terms with boosts, in the order sent (see the class remarks).
   * Never throws; a question of stop words only gives [].
   */
  buildQuery(question: string, language: Language): QueryTerm[] {
    const text = questionText(question).slice(0, MAX_QUESTION_CHARS);
    const out = new Map<string, number>();
    const add = (word: string, weight: number) => out.set(word, Math.max(out.get(word) ?? 0, weight));
    const query = this.analyse(text, language);
    const own = new Set<string>();
    if (language === 'fr') {
      const capitals = new Set((text.match(/\b\p{Lu}{2,}\b/gu) ?? []).map(fold));
      for (const token of text.replace(/['’‘ʼ]/g, ' ').match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
        const parts = token.split('-').map(fold);
        if (parts.every((p) => this.lexicon.fr.stopWords.has(p)) && !capitals.has(fold(token))) continue;
        add(token, USER_TERM_WEIGHT);
        for (const p of parts) own.add(this.lexicon.fr.stem(p));
      }
    }
    for (const [stem, weight] of query.terms) {
      if (own.has(stem)) continue;
      const word = this.frenchWordOf(stem) ?? query.concepts.find((c) => this.lexicon.fr.stem(c.word) === stem)?.word;
      if (word) add(word, weight);
    }
    return [...out].map(([word, weight]) => ({ word, weight }));
  }

  /**
   * Searches the index (Lucene syntax, any term, `text` and `heading`, headings ×2) and decides abstention.
   * @returns ≤ `k` passages, service score descending, exactly as stored
   * @throws AzureSearchError naming the index when the service fails or refuses (after the SDK's retries)
   */
  async search(question: string, options: SearchOptions): Promise<RetrievalResult> {
    const text = questionText(question).slice(0, MAX_QUESTION_CHARS);
    const language = options.language ?? detectLanguage(text);
    const analysed = this.analyse(text, language);
    const queryTerms = new Map(analysed.terms);
    const terms = this.buildQuery(text, language);
    if (terms.length === 0) {
      return { language, outcome: 'not_covered', abstained: true, passages: [], signals: { coverage: 0, normalisedScore: 0 }, queryTerms };
    }
    const visible = this.visible;
    const referenced = questionReferenceKeys(text, analysed, this.lexicon.fr);
    const references = [
      ...referenced.map(({ key }) => key),
      ...(language === 'en'
        ? translatedHeadingPhraseKeys(analysed.concepts, this.headingKeys)
        : questionHeadingPhraseKeys(text, this.lexicon.fr, this.headingKeys)),
    ].map(referenceTerm);
    const found = await this.client
      .search([...terms.map(luceneTerm), ...new Set(references)].join(' '), {
        ...(visible ? { filter: searchIn([...visible].map(([docId, label]) => versionKey(docId, label))) } : {}),
        queryType: 'full',
        searchMode: 'any',
        searchFields: [...SEARCH_FIELDS],
        select: [...RETRIEVED_FIELDS],
        scoringProfile: HEADING_BOOST_PROFILE,
        top: Math.max(options.k, COVERAGE_DEPTH),
        abortSignal: AbortSignal.timeout(this.searchTimeoutMs),
      })
      .catch(this.fail('search', `no answer within ${this.searchTimeoutMs} ms`));
    const hits: { passage: PassageRecord; score: number }[] = [];
    for await (const r of found.results) hits.push({ passage: fromPassageDocument(r.document), score: r.score });
    const signals = coverageSignals(analysed, hits.map((h) => h.passage), this.lexicon);
    const asked = answerType(text);
    let counted: CountedParts | null = null;
    if (asked) {
      const stated = hits.slice(0, COVERAGE_DEPTH).some((h) => statesAnswer(asked, h.passage.text));
      // A count no best passage writes out may be what the documents' numbered headings show (numbered-series.ts).
      if (!stated) counted = numberedSeries(text, analysed, this.numberedHeadings, this.lexicon.fr);
      signals.answerTypeMissing = !stated && counted === null;
    }
    const missing = missingPart(text, analysed, this.lexicon.fr, this.parts);
    if (missing !== null) signals.missingPart = missing;
    const outcome = retrievalOutcome(signals, hits.length, this.rule);
    return {
      language,
      outcome,
      abstained: outcome === 'not_covered',
      passages: partInReadingOrder(withReferenceKeys(analysed.concepts, referenced), hits, (h) => h.passage, (h) =>
        passageReferenceKeys(h.passage, this.lexicon.fr),
      ).slice(0, options.k),
      signals,
      queryTerms,
      ...(counted !== null ? { counted } : {}),
    };
  }

  private analyse(question: string, language: Language): AnalysedQuery {
    return analyseQuery(question, language, this.lexicon, { ...OPEN_VOCABULARY, acronyms: this.acronyms });
  }

  /** The heading-phrase keys of one version's passages. */
  private headingKeysOf(passages: readonly PassageRecord[]): Set<string> {
    return new Set(passages.flatMap((p) => passageHeadingPhraseKeys(p, this.lexicon.fr)));
  }

  /** Rebuilds the analysed acronyms from those of every published document, and the French words of their stems;
   *  and the heading-phrase keys, numbered parts and numbered headings of every published document. */
  private refreshAcronyms(): void {
    this.headingKeys = new Set([...this.headingKeysByDocument.values()].flatMap((keys) => [...keys]));
    this.parts = mergeNumberedParts(this.partsByDocument.values());
    this.numberedHeadings = mergeNumberedHeadings(this.headingsByDocument.values());
    const merged = new Map<string, string>();
    for (const mined of this.acronymsByDocument.values()) for (const [a, longForm] of mined) if (!merged.has(a)) merged.set(a, longForm);
    this.acronyms = analysedAcronyms(merged, this.lexicon);
    addFrenchWords(this.acronymWords, merged.values(), this.lexicon);
  }

  /** A French word having `stem`: from an acronym's long form, else from the dictionary's translations. */
  private frenchWordOf(stem: string): string | undefined {
    const fromAcronym = this.acronymWords.get(stem);
    if (fromAcronym) return fromAcronym;
    if (!this.translationWords) {
      this.translationWords = new Map();
      addFrenchWords(this.translationWords, this.lexicon.dictionary.frenchWords(), this.lexicon);
    }
    return this.translationWords.get(stem);
  }

  /** Uploads passages in batches; returns how many were created (not updated). */
  private async upload(passages: readonly PassageRecord[], operation: string): Promise<number> {
    let created = 0;
    for (let i = 0; i < passages.length; i += MAX_BATCH_DOCUMENTS) {
      const batch = passages.slice(i, i + MAX_BATCH_DOCUMENTS).map((p) =>
        toPassageDocument(p, [...passageReferenceKeys(p, this.lexicon.fr), ...passageHeadingPhraseKeys(p, this.lexicon.fr)]),
      );
      const result = await this.client.mergeOrUploadDocuments(batch).catch(this.fail(operation));
      const refused = result.results.find((r) => !r.succeeded);
      if (refused) {
        throw new AzureSearchError(this.indexName, operation, refused.statusCode, {
          cause: new Error(`document ${refused.key} refused: ${refused.errorMessage ?? 'no reason given'}`),
        });
      }
      created += result.results.filter((r) => r.statusCode === 201).length;
    }
    return created;
  }

  private deleteOtherVersions(docId: string, versionLabel: string): Promise<number> {
    const filter = `docId eq ${odataString(docId)} and versionKey ne ${odataString(versionKey(docId, versionLabel))}`;
    return this.deleteMatching(filter, `deleting superseded passages of ${docId}`);
  }

  /**
   * Deletes every document matching `filter` (all documents when undefined), a batch of MAX_BATCH_DOCUMENTS at a
   * time, until a search finds none it has not already deleted (bounded: deletions show in search within seconds).
   * @returns the number of documents deleted
   */
  private async deleteMatching(filter: string | undefined, operation: string): Promise<number> {
    const deleted = new Set<string>();
    for (let round = 0; round < MAX_DELETE_ROUNDS; round++) {
      const found = await this.client.search('*', { filter, select: ['id'], top: MAX_BATCH_DOCUMENTS }).catch(this.fail(operation));
      const keys: string[] = [];
      for await (const r of found.results) if (!deleted.has(r.document.id)) keys.push(r.document.id);
      if (keys.length === 0) break;
      await this.client.deleteDocuments('id', keys).catch(this.fail(operation));
      keys.forEach((k) => deleted.add(k));
    }
    return deleted.size;
  }

  /** Rethrows a failed call as AzureSearchError; `timeoutReason` replaces the SDK's bare « aborted » of a timeout. */
  private fail(operation: string, timeoutReason?: string): (err: unknown) => never {
    return (err) => {
      const timedOut = timeoutReason !== undefined && (err as { name?: unknown } | null)?.name === 'AbortError';
      throw new AzureSearchError(this.indexName, operation, statusOf(err), { cause: timedOut ? new Error(timeoutReason, { cause: err }) : err });
    };
  }
}

/**
 * Opens the Azure AI Search passage index (see {@link AzureSearchPassageIndex.open}). Meant to be selected by the
 * configuration when AZURE_SEARCH_ENDPOINT, AZURE_SEARCH_INDEX and AZURE_SEARCH_API_KEY are all set.
 */
export function openAzureSearchIndex(options: AzureSearchIndexOptions): Promise<AzureSearchPassageIndex> {
  return AzureSearchPassageIndex.open(options);
}

/**
 * The index vocabulary is remote, so analysis assumes every stem may exist (English cognates are tried) and repairs
 * no typos (the service's own analysis handles French words).
 */
const OPEN_VOCABULARY: IndexVocabulary = { hasTerm: () => true, corrector: new TypoCorrector(new Map()), acronyms: new Map() };

/** Coverage and normalised score computed on the passages returned (see the class remarks). */
function coverageSignals(query: AnalysedQuery, passages: readonly PassageRecord[], lexicon: Lexicon): AbstentionSignals {
  const stemsOf = (p: PassageRecord) => new Set(terms(`${p.text} ${p.section.path.join(' ')}`, lexicon.fr));
  const best = passages[0];
  if (!best) return { coverage: 0, normalisedScore: 0 };
  const top = new Set(passages.slice(0, COVERAGE_DEPTH).flatMap((p) => [...stemsOf(p)]));
  const counted = query.concepts.filter((c) => !c.neutral);
  const covered = counted.filter((c) => c.terms.some((t) => top.has(t))).length;
  const inBest = stemsOf(best);
  let reachable = 0;
  let reached = 0;
  for (const [term, weight] of query.terms) {
    reachable += weight;
    if (inBest.has(term)) reached += weight;
  }
  return {
    coverage: counted.length ? covered / counted.length : 0,
    normalisedScore: reachable > 0 ? reached / reachable : 0,
  };
}

/** Adds, for each stem of `phrases` not yet mapped, the French word it comes from (first one met, accents kept). */
function addFrenchWords(map: Map<string, string>, phrases: Iterable<string>, lexicon: Lexicon): void {
  for (const phrase of phrases) {
    for (const word of phrase.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) {
      const folded = fold(word);
      if (lexicon.fr.stopWords.has(folded)) continue;
      const stem = lexicon.fr.stem(folded);
      if (!map.has(stem)) map.set(stem, word);
    }
  }
}


/** A term in Lucene syntax: special characters escaped, `^weight` when the weight is not 1. */
function luceneTerm({ word, weight }: QueryTerm): string {
  const escaped = escapeLucene(word);
  return weight === 1 ? escaped : `${escaped}^${Number(weight.toFixed(2))}`;
}

/** `text` with the Lucene query syntax's special characters escaped. */
function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

/** A fielded term on the references field (numbered-references.ts keys), which the keyword analyzer matches whole. */
function referenceTerm(key: string): string {
  return `${REFERENCES_FIELD}:${escapeLucene(key)}`;
}

/** An OData filter matching passages whose version key is one of `keys` (never empty). */
function searchIn(keys: readonly string[]): string {
  return `search.in(versionKey, ${odataString(keys.join(VERSION_KEY_DELIMITER))}, ${odataString(VERSION_KEY_DELIMITER)})`;
}

/** An OData string literal (single quotes doubled). */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

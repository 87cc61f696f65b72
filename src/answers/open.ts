import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { openKnowledgeStore, type KnowledgeStore, type PublishedDocument } from '../knowledge/store.js';
import { readsAsHeading } from '../knowledge/sections.js';
import type { PassageRecord } from '../knowledge/types.js';
import { loadLexicon, type Lexicon } from '../retrieval/lexicon.js';
import { prepareQueryAnalysis } from '../retrieval/query.js';
import { LocalPassageIndex } from '../retrieval/local-index.js';
import type { PassageIndex } from '../retrieval/types.js';
import type { RetiredVersion } from '../retrieval/azure-search-index.js';
import { ask } from './ask.js';
import { createPassageLookup, type PassageLookup } from './passage-lookup.js';
import type { KnowledgeService } from './service.js';
import type { CoveredDocument } from './types.js';

/**
 * The opened knowledge service: what the bot asks (KnowledgeService), plus `passageLookup()` for the inventory's
 * assessment, which quotes the passages a rule refers to from the index current at each lookup.
 */
export type OpenedKnowledgeService = KnowledgeService & {
  close(): void;
  passageLookup(): PassageLookup;
  /**
   * Present when passages are searched in a remote service (Azure AI Search): resolves while it answers, so that
   * readiness reports it down as it reports the inventory's PostgreSQL; the embedded index has nothing to reach.
   */
  searchPing?: () => Promise<void>;
};

/**
 * Options of the knowledge service. `logger`: where the operator reads that the index was rebuilt for a new
 * publication (one `info` line « knowledge base reloaded » per change, with `documents` and `passages` published and
 * `durationMs`); nothing is logged when omitted (the command line).
 */
export interface KnowledgeServiceOptions {
  lexicon?: Lexicon;
  now?: () => number;
  logger?: Pick<Logger, 'info'>;
}

/** How often (at most) the service checks whether another process published a new document version. */
export const PUBLICATION_CHECK_INTERVAL_MS = 2_000;

/**
 * How long a question waits for the index of a new publication before it is answered from the index it replaces
 * (ms). The embedded index is rebuilt in memory in well under this; Azure AI Search receives every published passage
 * again, which takes as long as the service does (many batches, throttling, a service that stops answering): questions
 * waiting for it all stalled meanwhile, Teams redelivering them. The previous index stays whole until the new one is
 * complete (the Azure index flips its version set only once the upload is done), so an answer from it still cites one
 * version of each document.
 */
export const REFRESH_WAIT_MS = 2_000;

/**
 * How long a declaration's assessment waits for the index of a new publication (ms). Longer than a question: its
 * quotes are stored for good, and a publication's (or a withdrawal's) flags are raised at once on the declarations
 * stored until then, so a quote taken from the index it replaces would never be flagged. Under Teams' ~15 s before
 * it redelivers a card action. Past it, the look-up keeps only passages of the versions published now (see
 * createPassageLookup).
 */
export const LOOKUP_REFRESH_WAIT_MS = 10_000;

/** The published state that the index was built from: changes when any document gets a new published version. */
function publicationStamp(store: KnowledgeStore): string {
  return store
    .documents()
    // The link too: a document's official address given later (`/source`, `ingest --url`) shows on its citations.
    .map((d) => `${d.docId}@${d.versionLabel}:${d.sourceSha256}:${d.url ?? ''}`)
    .join('|');
}

/**
 * Opens the embedded knowledge service over a SQLite knowledge store: the local index is built from the published
 * passages at start and rebuilt when a new version is published (by this process or by `balises ingest` running
 * beside it), checked at most every PUBLICATION_CHECK_INTERVAL_MS, or at every question while nothing is published,
 * and at every passage look-up (a declaration's assessment quotes the version published now).
 * @throws KnowledgeStoreError when the database cannot be opened; Error when the lexicon files are invalid
 */
export function openKnowledgeService(databaseFile: string, options: KnowledgeServiceOptions = {}): OpenedKnowledgeService {
  const store = openKnowledgeStore(databaseFile);
  return createKnowledgeService(store, options);
}

/**
 * Makes the index to search from the published passages; called at start and after each new publication. The
 * local index is built in memory; a remote one (Azure AI Search) is brought up to date and returned.
 */
export type IndexRefresher = (passages: readonly PassageRecord[]) => PassageIndex | Promise<PassageIndex>;

/**
 * Opens the knowledge service the configuration asks for: the embedded local index, or Azure AI Search kept in
 * step with the SQLite store (at start and after each publication or withdrawal, the index is made to hold the
 * published passages; of the others, only the versions this store retired are deleted: see retiredVersions).
 * @throws KnowledgeStoreError when the database cannot be opened; AzureSearchError when the service refuses
 */
export async function openConfiguredKnowledgeService(
  config: AppConfig,
  options: Pick<KnowledgeServiceOptions, 'logger'> = {},
): Promise<OpenedKnowledgeService> {
  if (config.search.kind === 'local') return openKnowledgeService(config.databaseFile, options);
  const { endpoint, indexName, apiKey, allowInsecureConnection } = config.search;
  // Loaded only for this backend: @azure/search-documents cost the local server about 0.2 s and 10 MB at start.
  const { openAzureSearchIndex } = await import('../retrieval/azure-search-index.js');
  const azure = await openAzureSearchIndex({ endpoint, indexName, apiKey, allowInsecureConnection });
  const store = openKnowledgeStore(config.databaseFile);
  try {
    await azure.publishAll(store.publishedPassages(), { retired: retiredVersions(store) });
  } catch (error) {
    store.close();
    throw error;
  }
  const service = createKnowledgeService(store, {
    refresh: async (passages) => {
      await azure.publishAll(passages, { retired: retiredVersions(store) });
      return azure;
    },
    initial: azure,
    logger: options.logger,
  });
  return { ...service, searchPing: () => azure.ping() };
}

/**
 * The versions `store` has on record and no longer publishes (superseded, or of a withdrawn document): the only
 * passages this instance removes from a search index that instances on other hosts, with stores of their own, share.
 */
function retiredVersions(store: KnowledgeStore): RetiredVersion[] {
  return store
    .namedDocuments()
    .flatMap(({ docId }) => store.versions(docId).filter((v) => !v.published).map((v) => ({ docId, versionLabel: v.label })));
}

/** The same service over an already opened store (closing the service closes the store). */
export function createKnowledgeService(
  store: KnowledgeStore,
  options: KnowledgeServiceOptions & { refresh?: IndexRefresher; initial?: PassageIndex } = {},
): OpenedKnowledgeService {
  const lexicon = options.lexicon ?? loadLexicon();
  const now = options.now ?? Date.now;
  // Built a slice at a time: the turns of other users go on while a publication's index is made.
  const refresh: IndexRefresher = options.refresh ?? ((passages) => LocalPassageIndex.build(passages, lexicon));
  let stamp = publicationStamp(store);
  let index: PassageIndex | Promise<PassageIndex> = options.initial ?? refresh(store.publishedPassages());
  // The last index built completely: what a question gets when a newer one takes longer than REFRESH_WAIT_MS.
  let complete: PassageIndex | null = index instanceof Promise ? null : index;
  const remember = (next: PassageIndex | Promise<PassageIndex>): void => {
    Promise.resolve(next).then(
      (built) => (complete = built),
      () => undefined,
    );
  };
  remember(index);
  // Until a first index is complete there is nothing else to answer from: questions wait for it (readyz says so).
  const boundedWait = (pending: PassageIndex | Promise<PassageIndex>, waitMs: number): PassageIndex | Promise<PassageIndex> => {
    const fallback = complete;
    if (!(pending instanceof Promise) || fallback === null) return pending;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<PassageIndex>((resolve) => {
      timer = setTimeout(() => resolve(fallback), waitMs).unref();
    });
    return Promise.race([pending, waited]).finally(() => clearTimeout(timer));
  };
  // Ready once the first index exists (readyz: "index and database usable"). A first build that fails leaves the
  // service not ready; each question gets the error, which the bot reports as it reports any failed answer.
  let built = !(index instanceof Promise);
  if (index instanceof Promise) index.then(() => (built = true), () => undefined);
  let checkedAt = now();
  // With nothing published there is no index to keep warm: every question checks, so the first document published
  // (from Teams, by sync or by `ingest`) answers at once instead of up to one interval later.
  let nothingPublished = stamp === '';

  /**
   * The index to search; `fresh`: check for a new publication now, whatever the interval (see passageLookup); a new
   * index is waited for `waitMs` at most, then the previous one is given.
   */
  const current = (fresh = false, waitMs = REFRESH_WAIT_MS): PassageIndex | Promise<PassageIndex> => {
    if (fresh || nothingPublished || now() - checkedAt >= PUBLICATION_CHECK_INTERVAL_MS) {
      checkedAt = now();
      const latest = publicationStamp(store);
      if (latest !== stamp) {
        stamp = latest;
        nothingPublished = latest === '';
        const previous = index;
        const startedAt = Date.now();
        const passages = store.publishedPassages();
        const documentCount = store.documents().length;
        const next = Promise.resolve(refresh(passages));
        // Operators see that a publication (often `balises ingest` run beside the bot) reached the answers: once per
        // change, when its index is complete. A failed rebuild is the triggering question's error, logged by the bot.
        next.then(
          () =>
            options.logger?.info(
              { documents: documentCount, passages: passages.length, durationMs: Date.now() - startedAt },
              'knowledge base reloaded',
            ),
          () => undefined,
        );
        // The question that triggered a failed refresh gets the error (the bot logs it and apologises); later ones
        // search the previous index while the next check retries.
        index = next.catch(() => {
          stamp = '';
          return previous;
        });
        remember(next);
        return boundedWait(next, waitMs);
      }
    }
    return boundedWait(index, waitMs);
  };
  // Derived once per list: the store gives the same array while no published version changed.
  let covered: { from: readonly PublishedDocument[]; documents: CoveredDocument[] } | null = null;
  const documents = (): CoveredDocument[] => {
    const published = store.documents();
    if (covered?.from !== published) {
      const derived = published.map((d) =>
        Object.freeze({
          docId: d.docId,
          title: d.title,
          versionLabel: d.versionLabel,
          publishedOn: d.publishedOn,
          url: d.url,
          // A dirty extraction's debris headings (`O n section vi n`, `. ; ,`) tell a reader nothing about what is covered.
          sections: Object.freeze(d.sections.filter(readsAsHeading)) as string[],
        }),
      );
      covered = { from: published, documents: Object.freeze(derived) as CoveredDocument[] };
    }
    return covered.documents;
  };

  return {
    ask: async (question, opts) => ask({ index: await current(), analyser: lexicon.fr, documents, questionAnalysers: lexicon }, question, opts?.language),
    sources: documents,
    isReady: () => built && store.ping(),
    prepare: () => prepareQueryAnalysis(lexicon),
    close: () => store.close(),
    // An assessment's quotes are checked against the published version at once: a declaration submitted in the
    // interval after a publication was assessed on the version replaced, after that publication's flags were raised,
    // so its receipt quoted a passage the new version changed and no flag ever said so.
    // It waits longer for a new index than a question, and never quotes a version no longer published: one quoted
    // after a withdrawal was stored unflagged (the withdrawal's flags were raised already) and listed nowhere.
    passageLookup: () => async (reference) => {
      const index = await current(true, LOOKUP_REFRESH_WAIT_MS);
      const published = new Set(store.documents().map((d) => `${d.docId}@${d.versionLabel}`));
      return createPassageLookup(index, (docId, versionLabel) => published.has(`${docId}@${versionLabel}`))(reference);
    },
  };
}

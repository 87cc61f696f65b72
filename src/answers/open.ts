import { openKnowledgeStore, type KnowledgeStore } from '../knowledge/store.js';
import { loadLexicon, type Lexicon } from '../retrieval/lexicon.js';
import { LocalPassageIndex } from '../retrieval/local-index.js';
import { ask } from './ask.js';
import type { KnowledgeService } from './service.js';
import type { CoveredDocument } from './types.js';

/** How often (at most) the service checks whether another process published a new document version. */
export const PUBLICATION_CHECK_INTERVAL_MS = 2_000;

/** The published state that the index was built from: changes when any document gets a new published version. */
function publicationStamp(store: KnowledgeStore): string {
  return store
    .documents()
    .map((d) => `${d.docId}@${d.versionLabel}:${d.sourceSha256}`)
    .join('|');
}

/**
 * Opens the embedded knowledge service over a SQLite knowledge store: the local index is built from the published
 * passages at start and rebuilt when a new version is published (by this process or by `balises ingest` running
 * beside it), checked at most every PUBLICATION_CHECK_INTERVAL_MS.
 * @throws KnowledgeStoreError when the database cannot be opened; Error when the lexicon files are invalid
 */
export function openKnowledgeService(
  databaseFile: string,
  options: { lexicon?: Lexicon; now?: () => number } = {},
): KnowledgeService & { close(): void } {
  const store = openKnowledgeStore(databaseFile);
  return createKnowledgeService(store, options);
}

/** The same service over an already opened store (closing the service closes the store). */
export function createKnowledgeService(
  store: KnowledgeStore,
  options: { lexicon?: Lexicon; now?: () => number } = {},
): KnowledgeService & { close(): void } {
  const lexicon = options.lexicon ?? loadLexicon();
  const now = options.now ?? Date.now;
  let stamp = publicationStamp(store);
  let index = new LocalPassageIndex(store.publishedPassages(), lexicon);
  let checkedAt = now();

  const current = (): LocalPassageIndex => {
    if (now() - checkedAt >= PUBLICATION_CHECK_INTERVAL_MS) {
      checkedAt = now();
      const latest = publicationStamp(store);
      if (latest !== stamp) {
        stamp = latest;
        index = new LocalPassageIndex(store.publishedPassages(), lexicon);
      }
    }
    return index;
  };
  const documents = (): CoveredDocument[] =>
    store.documents().map((d) => ({
      docId: d.docId,
      title: d.title,
      versionLabel: d.versionLabel,
      publishedOn: d.publishedOn,
      url: d.url,
      sections: d.sections,
    }));

  return {
    ask: (question, opts) => ask({ index: current(), analyser: lexicon.fr, documents }, question, opts?.language),
    sources: documents,
    isReady: () => store.ping(),
    close: () => store.close(),
  };
}

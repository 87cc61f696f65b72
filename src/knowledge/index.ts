/**
 * Public surface of the knowledge side: extract → pipeline (clean → furniture → sections → passages) → store, the
 * ingest use case and the table of contents. Transports (CLI, bot, server) import from here only.
 */
export { ExtractionError, type ExtractionProblem, extractBytes, extractFile, formatOf, FORMAT_BY_EXTENSION } from './extract/index.js';
export { buildPassages, rebuiltUnder, type BuildOptions, type BuiltDocument } from './pipeline.js';
export { extractOffThread, type ExtractedFile } from './off-thread.js';
export {
  KnowledgeStoreError,
  openKnowledgeStore,
  VersionLabelConflictError,
  type KnowledgeStore,
  type PublishedDocument,
  type StoredVersion,
  type WithdrawResult,
} from './store.js';
export {
  DOC_ID_PATTERN,
  docIdProblem,
  MAX_DOC_ID_CHARS,
  ingestPaths,
  slugOf,
  VERSION_LABEL_FORBIDDEN,
  type FileOutcome,
  type IngestDeps,
  type IngestMeta,
  type IngestReport,
} from './ingest.js';
export { buildOutline, type OutlineNode } from './outline.js';
export { slug } from './slug.js';
export type * from './types.js';

import type { AskResult, CoveredDocument, Language } from './types.js';

/**
 * What the transports (Teams bot, CLI) need from the question-answering side. Implemented by
 * `createKnowledgeService` over the SQLite store and the local index; tests may pass a fake.
 */
export interface KnowledgeService {
  /** Answers a question from the published passages. Never throws for bad user input (empty, huge, emoji). */
  ask(question: string, options?: { language?: Language }): Promise<AskResult>;
  /** The published documents with their versions and top-level sections. */
  sources(): CoveredDocument[];
  /** True when the database answers and the index is loaded (for `/readyz`). */
  isReady(): boolean;
  /** Builds now what query analysis otherwise builds on the first question that needs it (the French phrase table,
   *  the English dictionary's index and typo corrector, about half a second): called once the server listens, so no
   *  user waits for it. */
  prepare?(): void;
}

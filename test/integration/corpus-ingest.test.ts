import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, type FileOutcome } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const documents = path.join(corpus, 'documents');
const robustness = path.join(corpus, 'robustness', 'loi-p39-1-extraction-brute.md');
const present = existsSync(documents) && existsSync(robustness);

describe.skipIf(!present)(`ingesting the real corpus${present ? '' : ` (skipped: ${corpus} not found; clone ../shared beside the repo)`}`, () => {
  let dir: string;
  let store: KnowledgeStore;
  let outcomes: FileOutcome[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-corpus-'));
    store = openKnowledgeStore(path.join(dir, 'balises.db'));
    const report = await ingestPaths({ store }, [documents, robustness], { ingestedBy: 'integration-test' });
    if (report.kind === 'rejected') throw new Error(report.reason);
    outcomes = report.outcomes;
  });
  afterAll(async () => {
    store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests every governance document in the corpus folder without error', () => {
    const governance = outcomes.filter((o) => o.file.startsWith(documents));
    expect(governance.length).toBeGreaterThan(0);
    expect(governance.filter((o) => o.kind !== 'ingested')).toEqual([]);
    expect(store.documents().map((d) => d.docId)).toContain('enonce-principes-ia-2024');
  });

  it('ingests the dirty robustness extraction without error', () => {
    expect(outcomes.find((o) => o.file === robustness)).toMatchObject({ kind: 'ingested', docId: 'loi-p39-1-extraction-brute' });
  });

  it('stores non-empty passages with section paths for every ingested document', () => {
    const passages = store.publishedPassages();
    for (const doc of store.documents()) {
      const own = passages.filter((p) => p.docId === doc.docId);
      expect(own.length).toBe(doc.passageCount);
      expect(own.every((p) => p.text.trim() !== '' && p.section.path.length > 0)).toBe(true);
    }
  });

  it('treats a second ingest of the same files as unchanged', async () => {
    const report = await ingestPaths({ store }, [documents, robustness], { ingestedBy: 'integration-test' });
    expect(report.kind === 'completed' && report.outcomes.every((o) => o.kind === 'unchanged')).toBe(true);
  });
});

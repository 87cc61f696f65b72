import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestPaths, openKnowledgeStore, type FileOutcome, type KnowledgeStore } from '../knowledge/index.js';

/** A knowledge store in a fresh temporary folder, removed by `dispose`. */
export interface TempStore {
  store: KnowledgeStore;
  outcomes: FileOutcome[];
  dispose(): void;
}

/**
 * Ingests `paths` (files or folders) into a throw-away SQLite store, so that retrieval and evaluation can run on any
 * documents without touching the configured database.
 * @throws Error when the ingest request is rejected or no file could be ingested (the message names the files)
 */
export async function ingestIntoTempStore(paths: string[]): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balises-'));
  const store = openKnowledgeStore(path.join(dir, 'balises.db'));
  const dispose = () => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const report = await ingestPaths({ store }, paths, { ingestedBy: 'balises (temporary corpus)' });
    if (report.kind === 'rejected') throw new Error(report.reason);
    const failed = report.outcomes.filter((o) => o.kind === 'failed');
    if (!report.outcomes.some((o) => o.kind === 'ingested')) {
      throw new Error(`no document could be ingested from ${paths.join(', ')}${failed.length ? `: ${failed.map((f) => `${f.file}: ${f.reason}`).join('; ')}` : ''}`);
    }
    return { store, outcomes: report.outcomes, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { openKnowledgeService } from '../../src/answers/open.js';
import { ingestPaths, type IngestMeta } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { startHarness, type Harness } from './harness.js';

/** A harness over the real knowledge service of a fresh SQLite file holding one ingested fixture. */
export interface IngestedBot {
  h: Harness;
  /** Stops the bot, closes the knowledge service and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * A new temporary data folder whose `balises.db` holds `fixture` (a small fictional document) ingested as
 * `balises ingest` would, for a test that starts the real server over it (BALISES_DATA_DIR). The caller removes it.
 * @param prefix the folder name's start under the system's temporary folder, e.g. `balises-share-`
 */
export async function dataDirWith(fixture: string, prefix: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const store = openKnowledgeStore(path.join(dir, 'balises.db'));
  try {
    await ingestPaths({ store }, [fixture], { ingestedBy: 'e2e-test' });
  } finally {
    store.close();
  }
  return dir;
}

/**
 * Ingests `fixture` (a small fictional document) into a new SQLite file in a temporary folder, as `balises ingest`
 * would, then starts the bot's HTTP harness over the real knowledge service reading that file.
 * @param options the ingest options (document id, version, URL…); `ingestedBy` is `e2e-test`
 * @throws (through expect) when the fixture is not ingested
 */
export async function startIngestedBot(fixture: string, options: Omit<IngestMeta, 'ingestedBy'>): Promise<IngestedBot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-e2e-'));
  const databaseFile = path.join(dir, 'balises.db');
  const store = openKnowledgeStore(databaseFile);
  try {
    const report = await ingestPaths({ store }, [fixture], { ...options, ingestedBy: 'e2e-test' });
    expect(report).toMatchObject({ kind: 'completed', outcomes: [{ kind: 'ingested' }] });
  } finally {
    store.close();
  }
  const knowledge = openKnowledgeService(databaseFile);
  const h = await startHarness(knowledge);
  return {
    h,
    async stop() {
      await h.stop();
      knowledge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

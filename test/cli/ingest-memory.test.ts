import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';

/**
 * `balises ingest` reads each file in a worker thread with a heap limit, which exists only in the compiled CLI
 * (dist/): these tests use the compiled modules and bin/balises.js, as a person running the command does.
 */
type Ingest = typeof import('../../src/knowledge/ingest.js');
type Store = typeof import('../../src/knowledge/store.js');

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/balises.js');
const compiled = async <T>(module: string): Promise<T> => (await import(pathToFileURL(path.join(ROOT, 'dist/src/knowledge', module)).href)) as T;

const CHARTER = `# Charte fictive des parapluies

## Article 1 — Prêt

L’Agence fictive des nuages prête un parapluie à chaque membre de son personnel les jours de pluie.
`;

/** A fictional register of 60 000 sections: several hundred MB to read, far more than a 16 MB heap. */
function hugeRegister(): string {
  const paragraph = 'Le parapluie fictif numéro %n est prêté, inscrit au registre et rendu sec à l’Agence des nuages.\n\n';
  return Array.from({ length: 60_000 }, (_, n) => `## Parapluie ${n}\n\n${paragraph.replace('%n', String(n))}`).join('');
}

let ingest: Ingest;
let store: Store;

beforeAll(async () => {
  await ensureBuilt();
  ingest = await compiled<Ingest>('ingest.js');
  store = await compiled<Store>('store.js');
}, 120_000);

describe('balises ingest and memory', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-ingest-memory-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails a file that needs more memory than allowed with a one-line reason, and ingests the rest of the batch', async () => {
    const huge = path.join(dir, 'registre.md');
    const small = path.join(dir, 'charte.md');
    await writeFile(huge, hugeRegister());
    await writeFile(small, CHARTER);
    const knowledge = store.openKnowledgeStore(path.join(dir, 'balises.db'));
    try {
      const report = await ingest.ingestPaths({ store: knowledge, maxHeapMb: 16 }, [huge, small], { ingestedBy: 'tester' });
      expect(report).toMatchObject({
        kind: 'completed',
        outcomes: [
          { kind: 'failed', file: huge, reason: 'the file needs more than 16 MB of memory to read' },
          { kind: 'ingested', file: small, docId: 'charte' },
        ],
      });
      expect(knowledge.documents().map((d) => d.docId)).toEqual(['charte']);
    } finally {
      knowledge.close();
    }
  });

  it('waits for the file read off the main thread before printing its line and exiting', async () => {
    const small = path.join(dir, 'charte.md');
    await writeFile(small, CHARTER);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'ingest', small, '--db', path.join(dir, 'balises.db'), '--date', '2031-05-01'], {
      cwd: dir,
    });
    expect(stdout).toMatch(/^ingested {3}.*charte\.md → charte, version 2031-05-01 \(\d+ passages?\)$/m);
    expect(stdout).toContain('1 file: 1 ingested, 0 unchanged, 0 skipped, 0 failed');
    expect(stderr).toBe('');
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadedDocument } from '../../src/documents/download.js';
import type { FollowedSource } from '../../src/documents/sources.js';
import { compiled, ensureBuilt } from '../helpers/build.js';

/**
 * The server's sync (at start on an empty base, and daily) runs beside the conversations: a long official source must
 * be read in a worker thread, which exists only in the compiled bot (dist/), so these tests use the compiled modules.
 */
type Sync = typeof import('../../src/documents/sources-sync.js');
type State = typeof import('../../src/documents/sources-state.js');
type Store = typeof import('../../src/knowledge/store.js');


let sync: Sync;
let sourcesState: State;
let knowledge: Store;

beforeAll(async () => {
  await ensureBuilt();
  sync = await compiled<Sync>('documents/sources-sync.js');
  sourcesState = await compiled<State>('documents/sources-state.js');
  knowledge = await compiled<Store>('knowledge/store.js');
}, 120_000);

/** A fictional register of 8 000 sections (about 1 MB): seconds of reading and building passages. */
function longRegister(): Buffer {
  const sections = Array.from(
    { length: 8_000 },
    (_, n) => `## Parapluie ${n}\n\nLe parapluie fictif numéro ${n} est prêté, inscrit au registre et rendu sec à l’Agence des nuages.\n\n`,
  );
  return Buffer.from(`# Registre fictif des parapluies\n\n${sections.join('')}`);
}

const SOURCE: FollowedSource = { id: 'registre-fictif', title: 'Registre fictif des parapluies', formats: ['markdown'], url: 'https://nuages.example/registre.md', origin: 'file' };

function served(bytes: Buffer): (url: string) => Promise<DownloadedDocument> {
  return async (url) => ({ url, finalUrl: url, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), format: 'markdown', fileName: 'registre.md', contentType: 'text/markdown' });
}

/** Runs `work` and returns its result with the longest time, in ms, the event loop went without running a timer meanwhile. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    // The ticker's next turn measures a stall that lasted until the work's very end.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, stallMs };
  } finally {
    clearInterval(ticker);
  }
}

describe('the server’s sync of a long official source', () => {
  let dir: string;
  let store: ReturnType<Store['openKnowledgeStore']>;
  let state: ReturnType<State['openSourcesState']>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-sync-off-thread-'));
    store = knowledge.openKnowledgeStore(path.join(dir, 'balises.db'));
    state = sourcesState.openSourcesState(path.join(dir, 'balises.db'));
  });
  afterEach(async () => {
    state.close();
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes it as the initial state without holding up other conversations', async () => {
    const deps = { store, state, download: served(longRegister()), proposals: { propose: () => Promise.reject(new Error('no proposal expected')) } };
    const { result, stallMs } = await longestStall(() => sync.syncOfficialSources(deps, [SOURCE]));
    expect(result.outcomes).toEqual([{ kind: 'published_initial', docId: 'registre-fictif', versionLabel: expect.any(String) as string, passageCount: 8_000 }]);
    expect(stallMs).toBeLessThan(600);
  }, 60_000);

  it('compares a changed download with the published text without holding up other conversations', async () => {
    const first = Buffer.from('# Registre fictif des parapluies\n\n## Parapluie 0\n\nLe parapluie fictif zéro est prêté.\n');
    await sync.syncOfficialSources({ store, state, download: served(first), proposals: { propose: () => Promise.reject(new Error('no proposal expected')) } }, [SOURCE]);
    const proposed: string[] = [];
    const deps = {
      store,
      state,
      download: served(longRegister()),
      proposals: {
        propose: async (input: { fileName: string }) => {
          proposed.push(input.fileName);
          return { kind: 'failed' as const, reason: 'fictive proposal service', problem: { code: 'unreadable' as const } };
        },
      },
    };
    const { result, stallMs } = await longestStall(() => sync.syncOfficialSources(deps, [SOURCE]));
    expect(proposed).toEqual(['registre.md']);
    expect(result.outcomes[0]?.kind).toBe('failed');
    expect(stallMs).toBeLessThan(600);
  }, 60_000);
});

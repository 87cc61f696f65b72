import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FICTIONAL = path.join(ROOT, 'test/fixtures/charte-fictive-ia.md');
const PERSON: TeamsUser = { id: '29:verrou-fictif', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-00000000b7aa' };
const APOLOGY = /un problème m’empêche de répondre/;

/**
 * Another process holding the SQLite file's write lock until killed, as an operator's `sqlite3` session left inside
 * `BEGIN IMMEDIATE`, or DB Browser for SQLite with unwritten changes, does. Resolves once the lock is held.
 */
async function holdWriteLock(file: string): Promise<ChildProcess> {
  const script = `const Database = require('better-sqlite3');
const db = new Database(${JSON.stringify(file)});
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

describe('the SQLite file write-locked by another process', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-locked-'));
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      expect(await ingestPaths({ store }, [FICTIONAL], { ingestedBy: 'lock-test' })).toMatchObject({ kind: 'completed' });
    } finally {
      store.close();
    }
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    holder = await holdWriteLock(path.join(dataDir, 'balises.db'));
  }, 60_000);
  afterAll(async () => {
    holder?.kill();
    await running?.stop();
    await connector?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps answering /healthz at once while idle: the notification worker waits for no lock when nothing is due', async () => {
    // The server runs in this process: a stall holds up this test's timers too, so the probes' total time tells it.
    const started = Date.now();
    for (let probe = 0; probe < 6; probe++) {
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // About 3 s; the worker, which polls every second, took the write lock each time and waited the five-second busy
    // timeout, holding up everything: 15 s and more.
    expect(Date.now() - started).toBeLessThan(7_000);
  }, 60_000);

  it('answers three people asking at once, each before Teams redelivers (15 s), instead of apologising', async () => {
    const people = [1, 2, 3].map((n) => ({
      from: { ...PERSON, id: `29:verrou-fictif-${n}`, aadObjectId: `0000000a-0000-4000-8000-00000000b7a${n}` },
      conversationId: `a:personal-verrou-fictif-${n}`,
    }));
    const started = Date.now();
    // Each write a turn makes waits for the lock, and the synchronous driver holds up the others meanwhile: five
    // seconds a write made these 22, 27 and 32 s, past Teams' redelivery, and the first ended in an apology.
    const answeredAfter = await Promise.all(
      people.map(async ({ from, conversationId }) => {
        const res = await fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(userMessage('Que dit la charte fictive sur la vie privée?', { serviceUrl: connector.serviceUrl, from, conversationId })),
        });
        expect(res.status).toBe(200);
        return Date.now() - started;
      }),
    );
    expect(Math.max(...answeredAfter)).toBeLessThan(12_000);
    // Nothing after the answers either: recording them as answered failed too, which is no reason to apologise.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const { conversationId } of people) {
      const said = connector.messages(conversationId).map((c) => String(c.body.text));
      expect(said).toHaveLength(1);
      expect(said[0]).not.toMatch(APOLOGY);
      expect(said[0]).toContain('charte');
    }
  }, 90_000);
});

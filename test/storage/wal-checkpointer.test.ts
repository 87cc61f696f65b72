import { mkdtemp, rm } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../src/storage/sqlite.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../src/storage/wal-checkpointer.js';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startWalCheckpointer', () => {
  let dir: string;
  let file: string;
  const running: WalCheckpointer[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-checkpoint-'));
    file = path.join(dir, 'balises.db');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it("copies the pages another connection commits into the database file, that connection never checkpointing", async () => {
    const db = openSqliteFile(file);
    try {
      // The writer never checkpoints by itself: whatever reaches the database file was copied by the checkpointer.
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE fiction (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO fiction (text) VALUES (?)');
      for (let i = 0; i < 200; i++) insert.run(`Passage fictif numéro ${i} `.repeat(20));
      const before = statSync(file).size;
      const failures: string[] = [];
      running.push(startWalCheckpointer(file, (message) => failures.push(message), 10));
      await until(() => statSync(file).size > before + 100 * 1024);
      expect(failures).toEqual([]);
      // Readers and writers of the bot's connections go on as before.
      insert.run('Encore un passage fictif.');
      expect(db.prepare('SELECT count(*) AS n FROM fiction').get()).toEqual({ n: 201 });
    } finally {
      db.close();
    }
  });

  it('reports why it cannot run (no such database file), and stops cleanly', async () => {
    const failures: string[] = [];
    const checkpointer = startWalCheckpointer(path.join(dir, 'absent.db'), (message) => failures.push(message), 10);
    await until(() => failures.length > 0);
    expect(failures[0]).toMatch(/unable to open database file|does not exist/i);
    await checkpointer.stop();
  });
});

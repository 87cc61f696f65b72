import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../src/storage/sqlite.js';
import { memoryTurnClaims, sqliteTurnClaims, type TurnClaims } from '../../src/storage/turn-claims.js';

const dir = mkdtempSync(path.join(tmpdir(), 'balises-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const stores: Array<[string, (now: () => number) => TurnClaims]> = [
  ['SQLite', (now) => sqliteTurnClaims(openSqliteFile(path.join(dir, `claims-${++files}.db`)), now)],
  ['memory', (now) => memoryTurnClaims(100, now)],
];

describe.each(stores)('turn claims (%s)', (_name, open) => {
  it('gives a key to its first claimant and tells the next one it is in progress', async () => {
    const claims = open(() => 1_000);
    expect(await claims.claim('k', 60_000)).toBe('claimed');
    expect(await claims.claim('k', 60_000)).toBe('in_progress');
  });

  it('says done once the claim is completed, until the keep time has passed', async () => {
    let now = 1_000;
    const claims = open(() => now);
    await claims.claim('k', 60_000);
    await claims.complete('k', 10_000);
    expect(await claims.claim('k', 60_000)).toBe('done');
    now += 10_001;
    expect(await claims.claim('k', 60_000)).toBe('claimed');
  });

  it('lets a released key be claimed again (the turn failed: the retry runs)', async () => {
    const claims = open(() => 1_000);
    await claims.claim('k', 60_000);
    await claims.release('k');
    expect(await claims.claim('k', 60_000)).toBe('claimed');
  });

  it('lets a claim whose lease ran out be taken again (the process died mid-turn)', async () => {
    let now = 1_000;
    const claims = open(() => now);
    await claims.claim('k', 5_000);
    now += 5_001;
    expect(await claims.claim('k', 5_000)).toBe('claimed');
  });
});

describe('turn claims in one SQLite file', () => {
  it('are shared by two handles on the file, as two processes on one data folder', async () => {
    const file = path.join(dir, 'shared.db');
    const first = openSqliteFile(file);
    const second = openSqliteFile(file);
    try {
      await sqliteTurnClaims(first).claim('k', 60_000);
      expect(await sqliteTurnClaims(second).claim('k', 60_000)).toBe('in_progress');
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('turn claims of a process that died mid-turn, in one SQLite file', () => {
  /** The lease owner of a process of this machine that has exited (and been reaped). */
  async function deadOwner(): Promise<string> {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    return `${hostname()}:${child.pid}:mort-en-cours-de-tour`;
  }

  it('lets the restarted process take at once a running claim whose holder is dead (Teams redelivering its message)', async () => {
    const file = path.join(dir, 'dead-holder.db');
    const killed = openSqliteFile(file);
    const restarted = openSqliteFile(file);
    try {
      await sqliteTurnClaims(killed, Date.now, await deadOwner()).claim('k', 120_000);
      expect(await sqliteTurnClaims(restarted).claim('k', 120_000)).toBe('claimed');
      expect(await sqliteTurnClaims(restarted).claim('k', 120_000)).toBe('in_progress');
    } finally {
      killed.close();
      restarted.close();
    }
  });

  it('leaves a running claim to a holder that runs, and an answered message answered, dead holder or not', async () => {
    const file = path.join(dir, 'live-holder.db');
    const db = openSqliteFile(file);
    try {
      await sqliteTurnClaims(db, Date.now, `${hostname()}:${process.ppid}:vivant`).claim('running', 120_000);
      expect(await sqliteTurnClaims(db).claim('running', 120_000)).toBe('in_progress');
      const dead = sqliteTurnClaims(db, Date.now, await deadOwner());
      await dead.claim('answered', 120_000);
      await dead.complete('answered', 600_000);
      expect(await sqliteTurnClaims(db).claim('answered', 120_000)).toBe('done');
    } finally {
      db.close();
    }
  });

  it('adds the holder to a table from before it, whose claims run out as they did', async () => {
    const db = openSqliteFile(path.join(dir, 'older-table.db'));
    try {
      db.exec(`CREATE TABLE turn_claims (key TEXT PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('running', 'done')), until_ms INTEGER NOT NULL) WITHOUT ROWID`);
      db.prepare(`INSERT INTO turn_claims VALUES ('k', 'running', ?)`).run(Date.now() + 120_000);
      const claims = sqliteTurnClaims(db);
      expect(await claims.claim('k', 120_000)).toBe('in_progress');
      expect(await claims.claim('other', 120_000)).toBe('claimed');
    } finally {
      db.close();
    }
  });
});

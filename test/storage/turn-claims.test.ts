import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

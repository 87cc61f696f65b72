import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTurnClaims, type PostgresTurnClaims } from '../../src/storage/turn-claims.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';

describe('turn claims in PostgreSQL', () => {
  let postgres: TestPostgres;
  let url: string;
  const opened: PostgresTurnClaims[] = [];
  const open = async (now?: () => number, owner?: string) => {
    const claims = await openPostgresTurnClaims(url, now, owner);
    opened.push(claims);
    return claims;
  };

  beforeAll(async () => {
    postgres = await startTestPostgres();
    url = await postgres.createDatabase();
  }, 60_000);
  afterAll(async () => {
    for (const claims of opened) await claims.close();
    await postgres.stop();
  });

  it('gives a key to one of two instances racing for it, and tells the other it is in progress', async () => {
    const [a, b] = [await open(), await open()];
    const outcomes = await Promise.all([a.claim('race', 60_000), b.claim('race', 60_000)]);
    expect(outcomes.sort()).toEqual(['claimed', 'in_progress']);
  });

  it('says done to another instance once the first completed, until the keep time has passed', async () => {
    let now = 1_000;
    const [a, b] = [await open(() => now), await open(() => now)];
    expect(await a.claim('done', 60_000)).toBe('claimed');
    await a.complete('done', 10_000);
    expect(await b.claim('done', 60_000)).toBe('done');
    now += 10_001;
    expect(await b.claim('done', 60_000)).toBe('claimed');
  });

  it('lets another instance take a released key, or one whose lease ran out', async () => {
    let now = 1_000;
    const [a, b] = [await open(() => now), await open(() => now)];
    await a.claim('released', 60_000);
    await a.release('released');
    expect(await b.claim('released', 60_000)).toBe('claimed');
    await a.claim('lease', 5_000);
    now += 5_001;
    expect(await b.claim('lease', 5_000)).toBe('claimed');
  });

  it('lets one of two restarted instances take at once a running claim whose holder, a process of this machine, is dead', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    const killed = await open(Date.now, `${hostname()}:${child.pid}:mort-en-cours-de-tour`);
    await killed.claim('dead-holder', 120_000);
    const [a, b] = [await open(), await open()];
    const outcomes = await Promise.all([a.claim('dead-holder', 120_000), b.claim('dead-holder', 120_000)]);
    expect(outcomes.sort()).toEqual(['claimed', 'in_progress']);
    const live = await open(Date.now, `${hostname()}:${process.ppid}:vivant`);
    await live.claim('live-holder', 120_000);
    expect(await a.claim('live-holder', 120_000)).toBe('in_progress');
  });
});

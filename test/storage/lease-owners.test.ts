import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { isDeadLeaseOwner } from '../../src/storage/lease-owners.js';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('isDeadLeaseOwner', () => {
  const here = { host: 'hote-fictif', pid: 4242, running: new Set(['hote-fictif:4242:vivant']), runs: (pid: number) => pid === 1111 };

  it('is true for a worker of this machine whose process no longer runs, or that had this process id but is not running here', () => {
    expect(isDeadLeaseOwner('hote-fictif:2222:ancien', here)).toBe(true);
    expect(isDeadLeaseOwner('hote-fictif:4242:avant-le-redemarrage', here)).toBe(true);
  });

  it('is false for a worker that may be alive: its process runs, it runs here, another machine, an owner of another form', () => {
    expect(isDeadLeaseOwner('hote-fictif:1111:voisin', here)).toBe(false);
    expect(isDeadLeaseOwner('hote-fictif:4242:vivant', here)).toBe(false);
    expect(isDeadLeaseOwner('autre-hote:2222:ancien', here)).toBe(false);
    expect(isDeadLeaseOwner('0f8e2f6c-5b1e-4d3a-9c1f-2a3b4c5d6e7f', here)).toBe(false);
  });
});

describe('isDeadLeaseOwner on this machine', () => {
  // Linux only: the zombie is read from /proc.
  it.skipIf(!existsSync('/proc/self/stat'))('is true for a worker whose process was killed and not yet reaped by its parent (a zombie)', async () => {
    // sh starts a short sleep in the background, prints its id, then becomes a long sleep, which never reaps it: once
    // the short one has ended it is a zombie, as a bot killed with SIGKILL is until its parent (an init, a
    // supervisor) reaps it. The short one outlives the exec, so that sh cannot reap it first.
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(createInterface({ input: parent.stdout! }), 'line')) as [string];
      const pid = Number(line);
      const stat = () => readFileSync(`/proc/${pid}/stat`, 'utf8');
      await until(() => stat().slice(stat().lastIndexOf(')')).startsWith(') Z'));
      expect(isDeadLeaseOwner(`${hostname()}:${pid}:tue-non-recolte`)).toBe(true);
      expect(isDeadLeaseOwner(`${hostname()}:${parent.pid}:vivant`)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

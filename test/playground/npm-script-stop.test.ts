import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

/**
 * Stopping `npm run playground` with SIGTERM (a `kill` of npm's process, a service manager) frees its ports. npm
 * forwards the signal to the shell running the script only: without `exec`, the shell died and the Playground's
 * process lived on, orphaned, still holding port 3978, and the next `npm start` stopped on « PORT already in use ».
 * The script is run as npm runs it (`sh -c`), its build replaced by `true` and the Playground by a process that
 * only stays alive and prints its pid.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PLAYGROUND = 'node dist/scripts/playground.js';
const STAND_IN = `node -e "console.log(process.pid); setInterval(() => {}, 1000)"`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run playground stopped with SIGTERM', { timeout: 30_000 }, () => {
  it('leaves no process behind', async () => {
    const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { playground: string } }).scripts.playground;
    expect(script).toContain(PLAYGROUND);
    const shell = spawn('sh', ['-c', script.replace('npm run build --silent', 'true').replace(PLAYGROUND, STAND_IN)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => shell.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    try {
      shell.kill('SIGTERM');
      for (let i = 0; i < 40 && alive(pid); i++) await sleep(50);
      expect(alive(pid)).toBe(false);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});

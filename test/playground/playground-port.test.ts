import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';

/**
 * PLAYGROUND_PORT: `npm run playground` reports a bad value the way the server reports its own variables, one line
 * naming the variable, rather than a stack trace.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs the built `npm run playground` script with `env` added; what it printed and its exit code. */
async function playground(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  const child = run(process.execPath, [path.join(ROOT, 'dist/scripts/playground.js')], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 });
  try {
    await child;
    return { code: 0, stderr: '' };
  } catch (err) {
    const { code, stderr } = err as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe('npm run playground with a bad PLAYGROUND_PORT', { timeout: 120_000 }, () => {
  beforeAll(ensureBuilt, 120_000);

  it('stops with one line naming PLAYGROUND_PORT, no stack trace, exit code 1', async () => {
    for (const value of ['abc', '70000', '1.5']) {
      const { code, stderr } = await playground({ PLAYGROUND_PORT: value });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^Invalid configuration:\n {2}- PLAYGROUND_PORT: .+\n$/);
      expect(stderr).not.toMatch(/ZodError|\n\s+at /);
    }
  });
});

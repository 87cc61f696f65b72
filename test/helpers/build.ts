import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const STAMP = path.join(ROOT, 'dist/.test-build-stamp');
const LOCK = path.join(ROOT, 'dist/.test-build-lock');
/** A lock older than this is left over by a killed test run. */
const STALE_LOCK_MS = 5 * 60_000;

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the project as shipped (`tsconfig.build.json` into dist/) unless a previous call already did since the
 * sources last changed. Test files that spawn `dist/…` share one build: calls from parallel test workers wait on a
 * lock folder instead of running tsc at the same time over the same output files.
 * @throws when the build fails, with tsc's output
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const sources = Math.max(...['src', 'scripts', 'test/helpers'].map((d) => newestSourceMs(path.join(ROOT, d))));
    if ((statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0) > sources) return;
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT }).catch(
      (err: { stdout?: string }) => {
        throw new Error(`build failed:\n${err.stdout ?? String(err)}`);
      },
    );
    writeFileSync(STAMP, new Date().toISOString());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * A module of the compiled bot (call ensureBuilt first), for tests of what exists only there, such as worker threads.
 * @param module its path under dist/src (`knowledge/off-thread.js`)
 */
export async function compiled<T>(module: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, 'dist/src', module)).href)) as T;
}

import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { ensureBuilt } from '../helpers/build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/balises.js');
const SERVER = path.join(ROOT, 'dist/src/server/main.js');
/** Root reads and writes any folder whatever its mode: the commands then run as an unprivileged user (nobody). */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Runs `node args…` as UNPRIVILEGED with BALISES_DATA_DIR set; its exit code and standard error. */
async function runAs(args: string[], dataDir: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, args, { ...UNPRIVILEGED, env: { PATH: process.env.PATH, BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, timeout: 30_000 });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('a data folder holding the database that this user may not write or read', () => {
  let dir: string;
  let dataDir: string;
  let database: string;

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'balises-folder-rights-'));
    dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    database = path.join(dataDir, 'balises.db');
    const store = openKnowledgeStore(database);
    try {
      await ingestPaths({ store }, [path.join(ROOT, 'test/fixtures/charte-fictive-ia.md')], { ingestedBy: 'test' });
    } finally {
      store.close();
    }
    if (UNPRIVILEGED.uid !== undefined) {
      for (const target of [dir, dataDir, database]) chownSync(target, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
    }
  }, 120_000);
  afterAll(() => {
    chmodSync(dataDir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a folder that cannot be written (read-only, as after a chmod or on a read-only disk) is named, by the command line and at start', async () => {
    chmodSync(dataDir, 0o555);
    const sources = await runAs([CLI, 'sources'], dataDir);
    expect(sources.code).toBe(1);
    // SQLite's own words, « attempt to write a readonly database » (for a writable file) or « unable to open
    // database file », read as a damaged or missing database.
    expect(sources.stderr).toContain(`the folder ${dataDir} is not both readable and writable by this user (permission denied); SQLite writes its -wal and -shm files beside the database`);
    expect(sources.stderr).not.toContain('unexpected error');
    const server = await runAs([SERVER], dataDir);
    expect(server.code).toBe(1);
    expect(server.stderr).toMatch(/^Balises cannot start: knowledge store .*: cannot open the database \(.*: the folder .* is not both readable and writable by this user/);
    expect(server.stderr).toContain(dataDir);
  }, 60_000);

  it('a folder that cannot be read is not reported as « no database », which would send the operator looking for lost data', async () => {
    chmodSync(dataDir, 0o000);
    const sources = await runAs([CLI, 'sources'], dataDir);
    expect(sources.code).toBe(1);
    expect(sources.stderr).not.toContain('no database at');
    expect(sources.stderr).toBe(`balises sources: knowledge store ${database}: cannot be reached: a folder on its path may not be read by this user (EACCES); check its permissions\n`);
  }, 60_000);
});

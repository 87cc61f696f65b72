import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/server/main.js');

/** Runs the built server entry point with `env` and returns its exit code and standard error. */
async function startProcess(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 20_000 });
    return { code: 0, stderr };
  } catch (err) {
    const failure = err as { code?: number | null; stderr?: string };
    return { code: failure.code ?? null, stderr: failure.stderr ?? '' };
  }
}

describe('node dist/src/server/main.js start-up failures', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-process-'));

  beforeAll(async () => {
    // The process runner is tested as shipped: compiled by the build configuration.
    await ensureBuilt();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function expectOneLine(stderr: string): void {
    expect(stderr.trim()).not.toContain('\n');
    expect(stderr).not.toMatch(/^\s+at /m);
  }

  it('exits 1 with one line on stderr when the database file is corrupt', async () => {
    const corrupt = path.join(dir, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(path.join(corrupt, 'balises.db'), 'ceci n’est pas une base SQLite '.repeat(200));
    const { code, stderr } = await startProcess({ BALISES_DATA_DIR: corrupt, PORT: '0' });
    expect(code).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toMatch(/^Balises cannot start: knowledge store .*balises\.db: cannot/);
  });

  it('exits 1 with one line on stderr when the port is already in use', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const { code, stderr } = await startProcess({ BALISES_DATA_DIR: path.join(dir, 'busy'), PORT: String(port) });
      expect(code).toBe(1);
      expectOneLine(stderr);
      expect(stderr).toContain(`port ${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it.each(['balises-hote-fictif.invalid', '192.0.2.7'])('exits 1 with one line on stderr naming HOST when HOST=%s is not an address of this machine', async (host) => {
    const { code, stderr } = await startProcess({ BALISES_DATA_DIR: path.join(dir, 'host'), PORT: '0', HOST: host });
    expect(code).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toMatch(new RegExp(`^Balises cannot start: HOST ${host.replace(/\./g, '\\.')} is not an address of this machine`));
  });

  it('exits 1 with one line on stderr naming the Azure variables when Azure AI Search cannot be reached', async () => {
    const azure = { AZURE_SEARCH_ENDPOINT: 'http://127.0.0.1:1', AZURE_SEARCH_INDEX: 'balises-fictif', AZURE_SEARCH_API_KEY: 'cle-fictive' };
    const { code, stderr } = await startProcess({ BALISES_DATA_DIR: path.join(dir, 'azure'), PORT: '0', ...azure });
    expect(code).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toMatch(/^Balises cannot start: Azure AI Search index "balises-fictif": .*ECONNREFUSED.*: check AZURE_SEARCH_ENDPOINT, AZURE_SEARCH_INDEX and AZURE_SEARCH_API_KEY$/m);
    expect(stderr).not.toContain('cle-fictive');
  }, 30_000);

  it('warns, once listening, that local mode on HOST=0.0.0.0 lets anyone who reaches it act as any user', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '0.0.0.0', PORT: '0', BALISES_DATA_DIR: path.join(dir, 'exposed') },
    });
    try {
      let stdout = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const warning = stdout.split('\n').find((l) => l.includes('local mode on an address'));
          if (warning) resolve(warning);
        });
        child.on('exit', () => reject(new Error(`exited before warning: ${stdout}`)));
        // Before vitest's own timeout, so that `finally` still stops the server.
        setTimeout(() => reject(new Error(`no warning within 20 s: ${stdout}`)), 20_000).unref();
      });
      expect(JSON.parse(line)).toMatchObject({ level: 40, host: '0.0.0.0' });
      expect(line).toContain('requests are not authenticated');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('exits 1 with one line on stderr when BALISES_DATA_DIR is a file', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const { code, stderr } = await startProcess({ BALISES_DATA_DIR: file, PORT: '0' });
    expect(code).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toContain(`BALISES_DATA_DIR ${file} is a file, not a folder`);
  });
});

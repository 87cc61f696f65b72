import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existingDatabase } from '../../src/cli/commands/options.js';
import { run } from '../../src/cli/run.js';
import { captureIo } from './capture.js';

/** The commands that only read, each with the arguments it needs besides where the database is. */
const READERS: Array<[string, string[]]> = [
  ['ask', ['ask', 'Que disent les lanternes fictives?']],
  ['sources', ['sources']],
  ['versions', ['versions', 'charte-fictive']],
  ['retrieve', ['retrieve']],
  ['withdraw', ['withdraw', 'charte-fictive']],
  ['export', ['export', '--format', 'csv']],
  ['feedback', ['feedback', '--format', 'csv']],
];

describe('a mistyped database path', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-missing-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(READERS)('%s --db names the missing file, exits 1 and creates nothing', async (_name, argv) => {
    const missing = path.join(dir, 'typo-dossier', 'balises.db');
    const { io, out } = captureIo();
    expect(await run([...argv, '--db', missing], io)).toBe(1);
    expect(out.stderr).toContain(`no database at ${missing}: check --db`);
    expect(out.stderr).not.toContain('unexpected error');
    expect(out.stdout).toBe('');
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it.each(READERS)('%s with a mistyped BALISES_DATA_DIR names the missing file, exits 1 and creates nothing', async (_name, argv) => {
    const dataDir = path.join(dir, 'donnees-mal-tapees');
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir, USER: 'tester' });
    expect(await run(argv, io)).toBe(1);
    expect(out.stderr).toContain(`no database at ${path.join(dataDir, 'balises.db')}: check BALISES_DATA_DIR`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('before anything is ingested in the default data folder, says so and gives the command that creates it', () => {
    // The default folder is the project's own `.data`, which may exist here: the configured path is given instead.
    const missing = path.join(dir, 'projet-neuf', '.data', 'balises.db');
    expect(() => existingDatabase(undefined, () => missing, { USER: 'tester' })).toThrow(
      `no database at ${missing} yet: nothing is ingested; "balises ingest PATH" creates it (as does the server at its first start)`,
    );
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it('ingest still creates the folder and the database', async () => {
    const file = path.join(dir, 'charte-fictive.md');
    await writeFile(file, '# Charte fictive\n\n## Lanternes\n\nLes lanternes fictives restent allumées la nuit.\n');
    const db = path.join(dir, 'nouveau', 'balises.db');
    const { io } = captureIo();
    expect(await run(['ingest', file, '--db', db], io)).toBe(0);
    expect(existsSync(db)).toBe(true);
    const { io: sourcesIo, out } = captureIo();
    expect(await run(['sources', '--db', db], sourcesIo)).toBe(0);
    expect(out.stdout).toContain('charte-fictive');
  });
});

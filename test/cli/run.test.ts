import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { captureIo } from './capture.js';

describe('run', () => {
  it('lists every command on help, exit 0', async () => {
    const { io, out } = captureIo();
    expect(await run(['help'], io)).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(out.stdout).toContain(`  ${name}`);
  });

  it('treats --help as help', async () => {
    const { io, out } = captureIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('usage: balises COMMAND');
  });

  it('shows a command’s options with "help COMMAND" and with "COMMAND --help"', async () => {
    for (const argv of [['help', 'ingest'], ['ingest', '--help']]) {
      const { io, out } = captureIo();
      expect(await run(argv, io)).toBe(0);
      expect(out.stdout).toContain('usage: balises ingest PATH...');
      expect(out.stdout).toContain('--version LABEL');
    }
  });

  it('says where the database is by default, BALISES_DATA_DIR unset included, in every command taking --db', async () => {
    // `export` is left out: its default is the configured inventory, which may be PostgreSQL.
    for (const name of ['ingest', 'sources', 'sync', 'versions', 'withdraw', 'ask', 'retrieve', 'feedback']) {
      const { io, out } = captureIo();
      expect(await run(['help', name], io)).toBe(0);
      const dbLine = out.stdout.split('\n').find((line) => line.trimStart().startsWith('--db FILE'));
      expect(dbLine, name).toContain('(default: balises.db in $BALISES_DATA_DIR, else in .data in the project folder)');
    }
  });

  it('prints the overview on stderr and exits 2 without a command', async () => {
    const { io, out } = captureIo();
    expect(await run([], io)).toBe(2);
    expect(out.stderr).toContain('commands:');
  });

  it('rejects an unknown command, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['frobnicate'], io)).toBe(2);
    expect(out.stderr).toContain('unknown command "frobnicate"');
  });

  it('names a mistyped option alone, without Node’s advice about positional arguments, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['ask', 'Que demande le principe de transparence?', '--verbose'], io)).toBe(2);
    expect(out.stderr.split('\n').slice(0, 2)).toEqual(['balises ask: unknown option --verbose', 'usage: balises ask "QUESTION" [--db FILE]']);
    expect(out.stderr).not.toContain('positional');
  });

  it('rejects help for an unknown command, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['help', 'frobnicate'], io)).toBe(2);
    expect(out.stderr).toContain('unknown command "frobnicate"');
  });

  it('reports an invalid environment with the variable, exit 2', async () => {
    const { io, out } = captureIo({ LOG_LEVEL: 'bavard' });
    expect(await run(['sources'], io)).toBe(2);
    expect(out.stderr).toContain('LOG_LEVEL');
  });
});

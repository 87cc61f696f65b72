import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { captureIo } from './capture.js';

const CHARTER = `# Charte fictive des plantes de bureau

## Article 1 — Arrosage

Chaque plante de bureau fictive reçoit un verre d’eau le lundi.
`;

describe('balises ingest', () => {
  let dir: string;
  let db: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-ingest-'));
    db = path.join(dir, 'balises.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, content: string): Promise<string> {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    return file;
  }

  it('prints one line per file and a summary, exit 0', async () => {
    const file = await write('charte.md', CHARTER);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db, '--date', '2024-06-01'], io)).toBe(0);
    expect(out.stdout).toMatch(/^ingested {3}.*charte\.md → charte, version 2024-06-01 \(1 passage\)$/m);
    expect(out.stdout).toContain('1 file: 1 ingested, 0 unchanged, 0 skipped, 0 failed');
    expect(out.stderr).toBe('');
  });

  it('says where a missing relative path was looked for, rather than a bare ENOENT', async () => {
    const absent = path.join(dir, 'partage', 'corpus');
    const { io, out } = captureIo();
    expect(await run(['ingest', path.relative(process.cwd(), absent), '--db', db], io)).toBe(1);
    expect(out.stderr).toContain(`cannot read: no such file or folder at ${absent} (a relative path starts from the folder the command runs in: with npm run, the project folder)`);
    expect(out.stderr).not.toContain('ENOENT');
  });

  it('records the options and who ingested', async () => {
    const file = await write('charte.md', CHARTER);
    const { io } = captureIo();
    const argv = ['ingest', file, '--db', db, '--doc', 'charte-plantes', '--title', 'Charte des plantes', '--version', 'v1', '--url', 'https://exemple.invalid/charte', '--by', 'equipe'];
    expect(await run(argv, io)).toBe(0);
    const store = openKnowledgeStore(db);
    expect(store.documents()[0]).toMatchObject({
      docId: 'charte-plantes',
      title: 'Charte des plantes',
      versionLabel: 'v1',
      url: 'https://exemple.invalid/charte',
      ingestedBy: 'equipe',
    });
    store.close();
  });

  it('reports an unchanged file on a second run', async () => {
    const file = await write('charte.md', CHARTER);
    await run(['ingest', file, '--db', db], captureIo().io);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db], io)).toBe(0);
    expect(out.stdout).toMatch(/^unchanged {2}.*charte\.md → charte, same content as version /m);
  });

  it('says that --title, --version and --date were not applied when the file is a stored version', async () => {
    const file = await write('charte.md', CHARTER);
    expect(await run(['ingest', file, '--db', db, '--date', '2024-06-01'], captureIo().io)).toBe(0);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db, '--title', 'Charte corrigée', '--version', 'v2'], io)).toBe(0);
    expect(out.stdout).toMatch(/^unchanged {2}.*charte\.md → charte, same content as version 2024-06-01; --title and --version not applied: a stored version keeps its title, label and date$/m);
    const quiet = captureIo();
    expect(await run(['ingest', file, '--db', db], quiet.io)).toBe(0);
    expect(quiet.out.stdout).not.toContain('not applied');
  });

  it('does not say --version was not applied when it names the label the stored version has', async () => {
    const file = await write('charte.md', CHARTER);
    expect(await run(['ingest', file, '--db', db, '--version', '2025'], captureIo().io)).toBe(0);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db, '--version', '2025'], io)).toBe(0);
    expect(out.stdout).toMatch(/^unchanged {2}.*charte\.md → charte, same content as version 2025$/m);
  });

  it('says the official link was set when --url comes with an unchanged file, and says nothing of it otherwise', async () => {
    const file = await write('charte.md', CHARTER);
    await run(['ingest', file, '--db', db], captureIo().io);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db, '--url', 'https://exemple.invalid/charte'], io)).toBe(0);
    expect(out.stdout).toMatch(/^unchanged {2}.*charte\.md → charte, same content as version [^;\n]+; official link set to https:\/\/exemple\.invalid\/charte$/m);
    const again = captureIo();
    expect(await run(['ingest', file, '--db', db, '--url', 'https://exemple.invalid/charte'], again.io)).toBe(0);
    expect(again.out.stdout).not.toContain('official link');
  });

  it('records --url given with the file of an earlier version it publishes again, and says so', async () => {
    const file = await write('doc.md', CHARTER);
    expect(await run(['ingest', file, '--version', 'v1', '--db', db], captureIo().io)).toBe(0);
    const changed = await write('doc-v2.md', CHARTER.replace('le lundi', 'le vendredi'));
    expect(await run(['ingest', changed, '--doc', 'doc', '--version', 'v2', '--db', db], captureIo().io)).toBe(0);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--doc', 'doc', '--url', 'https://exemple.invalid/doc', '--db', db], io)).toBe(0);
    expect(out.stdout).toMatch(/^restored {3}.*doc\.md → doc, version v1 is published again \(same content as this file\); official link set to https:\/\/exemple\.invalid\/doc$/m);
    const store = openKnowledgeStore(db);
    expect(store.documents()[0]).toMatchObject({ docId: 'doc', versionLabel: 'v1', url: 'https://exemple.invalid/doc' });
    store.close();
  });

  it('publishes an older version again when its original file is ingested again', async () => {
    const file = await write('doc.md', CHARTER);
    expect(await run(['ingest', file, '--version', 'v1', '--db', db], captureIo().io)).toBe(0);
    const changed = await write('doc-v2.md', CHARTER.replace('le lundi', 'le vendredi'));
    expect(await run(['ingest', changed, '--doc', 'doc', '--version', 'v2', '--db', db], captureIo().io)).toBe(0);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--doc', 'doc', '--db', db], io)).toBe(0);
    expect(out.stdout).toMatch(/^restored {3}.*doc\.md → doc, version v1 is published again/m);
    expect(out.stdout).toContain('1 file: 0 ingested, 1 restored, 0 unchanged, 0 skipped, 0 failed');
    const sources = captureIo();
    await run(['sources', '--db', db], sources.io);
    expect(sources.out.stdout).toContain('version v1');
    expect(sources.out.stdout).not.toContain('version v2');
  });

  it('ingests and reports once a file given twice', async () => {
    const file = await write('charte.md', CHARTER);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, path.join(dir, '.', 'charte.md'), '--db', db], io)).toBe(0);
    expect(out.stdout.match(/charte\.md/g)).toHaveLength(1);
    expect(out.stdout).toContain('1 file: 1 ingested, 0 unchanged, 0 skipped, 0 failed');
    expect(out.stderr).toBe('');
  });

  it('ingests a document holding a run of a million characters without a blank (an inline image’s data) like any other', async () => {
    // Rejoining words hyphenated across lines searched such a run from each of its positions: this test ran out of time.
    const file = await write('charte-blob.md', `${CHARTER}\nDonnées jointes : ${'QUJD'.repeat(250_000)}\n`);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db, '--date', '2024-06-01'], io)).toBe(0);
    expect(out.stdout).toContain('1 file: 1 ingested, 0 unchanged, 0 skipped, 0 failed');
  }, 60_000);

  it('says plainly that a folder has no supported file, and exits 1', async () => {
    await mkdir(path.join(dir, 'vide'));
    const { io, out } = captureIo();
    expect(await run(['ingest', path.join(dir, 'vide'), '--db', db], io)).toBe(1);
    expect(out.stderr).toMatch(/^failed {5}.*vide: no supported file found in this folder \(supported: \.pdf/m);
  });

  it('names a failed file on stderr, still ingests the others, and exits 1', async () => {
    await write('docs/a.md', CHARTER);
    await write('docs/b.pdf', 'pas un PDF');
    await write('docs/c.csv', 'x,y');
    const { io, out } = captureIo();
    expect(await run(['ingest', path.join(dir, 'docs'), '--db', db], io)).toBe(1);
    expect(out.stderr).toMatch(/^failed {5}.*b\.pdf: .*PDF.*$/m);
    expect(out.stdout).toMatch(/^skipped {4}.*c\.csv: unsupported file type \.csv/m);
    expect(out.stdout).toContain('3 files: 1 ingested, 0 unchanged, 1 skipped, 1 failed');
  });

  it('counts folders as folders in the summary when a folder of folders is given', async () => {
    await write('corpus/README.md', '# Les corpus fictifs\n');
    await write('corpus/plantes/a.md', CHARTER);
    await write('corpus/jardins/b.md', CHARTER);
    const { io, out } = captureIo();
    expect(await run(['ingest', path.join(dir, 'corpus'), '--db', db], io)).toBe(1);
    expect(out.stdout).toMatch(/^skipped {4}.*plantes: folder \(folders are not searched recursively\)$/m);
    expect(out.stderr).toMatch(/^failed {5}.*corpus: no supported file found in this folder/m);
    expect(out.stdout).toContain('1 file, 3 folders: 0 ingested, 0 unchanged, 3 skipped, 1 failed');
  });

  it.skipIf(process.platform === 'win32')('reports a named pipe or a link to a device in a folder as not a file, at once, and ingests the rest', async () => {
    await write('docs/a.md', CHARTER);
    execFileSync('mkfifo', [path.join(dir, 'docs/tube.md')]);
    await symlink('/dev/zero', path.join(dir, 'docs/zero.txt'));
    const { io, out } = captureIo();
    expect(await run(['ingest', path.join(dir, 'docs'), '--db', db], io)).toBe(1);
    expect(out.stderr).toMatch(/^failed {5}.*tube\.md: not a regular file \(a named pipe\): only files are ingested$/m);
    expect(out.stderr).toMatch(/^failed {5}.*zero\.txt: not a regular file \(a device\): only files are ingested$/m);
    expect(out.stdout).toContain('3 files: 1 ingested, 0 unchanged, 0 skipped, 2 failed');
  }, 10_000);

  it('uses the configured data directory when --db is not given', async () => {
    const file = await write('charte.md', CHARTER);
    const { io } = captureIo({ BALISES_DATA_DIR: path.join(dir, 'data') });
    expect(await run(['ingest', file], io)).toBe(0);
    const store = openKnowledgeStore(path.join(dir, 'data', 'balises.db'));
    expect(store.documents()).toHaveLength(1);
    store.close();
  });

  describe('usage errors (exit 2)', () => {
    it.each([
      [[], 'give at least one file or folder'],
      [['x.md', '--date', '2024-13-01'], '--date: not a real calendar date'],
      [['x.md', '--date', '1 juin'], '--date: expected a date as YYYY-MM-DD'],
      [['x.md', '--doc', 'Mon Document'], '--doc: use lower-case letters'],
      [['x.md', '--url', 'exemple.invalid'], '--url: expected an absolute URL'],
      [['x.md', '--url', 'ftp://exemple.invalid/x'], '--url: expected an http or https URL'],
      [['x.md', '--url', 'https://agent:S3cret@exemple.invalid/x'], '--url: an address holding a user name or password is not accepted'],
      [['x.md', '--url', 'https://exemple.invalid/guide IA.pdf'], '--url: an address holds no spaces or line breaks (write a space %20)'],
      [['x.md', '--url', 'https://exemple.invalid/guide\nIA.pdf'], '--url: an address holds no spaces'],
      [['x.md', '--version', 'v1#2'], '--version: must not contain @, #'],
      [['x.md', '--version', '\u200B'], '--version: must not contain @, #, control or invisible characters'],
      [['x.md', '--version', 'v1\u200Bbis'], '--version: must not contain @, #, control or invisible characters'],
      [['x.md', '--colour'], 'balises ingest: unknown option --colour\nusage: balises ingest'],
      [['x.md', '--doc'], "Option '--doc"],
    ])('rejects %j', async (args, message) => {
      const { io, out } = captureIo();
      expect(await run(['ingest', ...args, '--db', db], io)).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stderr).toContain('usage: balises ingest');
    });

    it('rejects a --doc id of 5 000 characters, saying how long one may be', async () => {
      const { io, out } = captureIo();
      expect(await run(['ingest', 'x.md', '--doc', 'a'.repeat(5000), '--db', db], io)).toBe(2);
      expect(out.stderr).toContain('--doc: at most 80 characters');
    });

    it('rejects --title with several files', async () => {
      const files = [await write('a.md', CHARTER), await write('b.md', CHARTER)];
      const { io, out } = captureIo();
      expect(await run(['ingest', ...files, '--title', 'Un titre', '--db', db], io)).toBe(2);
      expect(out.stderr).toContain('balises ingest: --title names one document, but 2 files were given; ingest them one at a time');
    });

    it('with --doc and a folder, names the option typed and says the folder holds the files', async () => {
      await write('dossier/a.md', CHARTER);
      await write('dossier/b.md', CHARTER.replace('lundi', 'mardi'));
      const { io, out } = captureIo();
      expect(await run(['ingest', path.join(dir, 'dossier'), '--doc', 'charte', '--db', db], io)).toBe(2);
      expect(out.stderr).toContain('balises ingest: --doc names one document, but the folder given holds 2 files; ingest them one at a time');
    });
  });

  it('ingests a file with a very long name under a shortened document id', async () => {
    const file = await write(`${'Charte fictive des plantes de bureau '.repeat(5)}.md`, CHARTER);
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', db], io)).toBe(0);
    const store = openKnowledgeStore(db);
    const [document] = store.documents();
    store.close();
    expect(document!.docId).toMatch(/^charte-fictive-des-plantes-de-bureau-charte-fictive-des-plantes-de-[0-9a-f]{8}$/);
    expect(out.stdout).toContain(`→ ${document!.docId}, version`);
  });

  it('reports a database file that is not a database, exit 1', async () => {
    const file = await write('charte.md', CHARTER);
    const bogus = await write('bogus.db', 'ceci n’est pas une base de données SQLite, vraiment pas du tout');
    const { io, out } = captureIo();
    expect(await run(['ingest', file, '--db', bogus], io)).toBe(1);
    expect(out.stderr).toMatch(/^balises ingest: knowledge store .*bogus\.db: /m);
  });
});

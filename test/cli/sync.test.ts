import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { FileServer } from '../helpers/file-server.js';
import { captureIo } from './capture.js';

const V1 = `# Politique fictive des parapluies

## Article 1 — Objet

Les parapluies fictifs des organismes fictifs se rangent à l’entrée, ouverts pour sécher.
`;
const V2 = `${V1}
## Article 2 — Prêt

Un parapluie fictif se prête pour une journée au plus, sur simple demande.
`;
const MD = { 'content-type': 'text/markdown; charset=utf-8' };

describe('balises sync', () => {
  const server = new FileServer();
  let dir: string;
  let db: string;
  let sourcesFile: string;

  beforeEach(async () => {
    await server.start();
    server.routes.set('/parapluies.md', { headers: MD, body: V1 });
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-sync-'));
    db = path.join(dir, 'balises.db');
    sourcesFile = path.join(dir, 'sources.json');
    await writeSources([
      { id: 'politique-parapluies', title: 'Politique fictive des parapluies', url: `${server.url}/parapluies.md`, formats: ['markdown'], verified: true },
      { id: 'guide-fictif', title: 'Guide fictif', url: null, formats: ['pdf'], verified: false },
    ]);
  });
  afterEach(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const writeSources = (sources: unknown[]) => writeFile(sourcesFile, JSON.stringify({ sources }));
  async function sync(): Promise<{ code: number; stdout: string; stderr: string }> {
    // The file server stands in for an official site on 127.0.0.1: internal addresses are allowed here.
    const { io, out } = captureIo({ BALISES_DATA_DIR: '/nonexistent/balises-test', USER: 'tester', DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true' });
    const code = await run(['sync', '--db', db, '--sources', sourcesFile], io);
    return { code, ...out };
  }

  it('publishes the first version on an empty base, then proposes a changed file once, and publishes nothing itself', async () => {
    const first = await sync();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^published +politique-parapluies: first version \d{4}-\d{2}-\d{2} \(1 passage\), the knowledge base was empty$/m);
    expect(first.stdout).toMatch(/^not followed +guide-fictif: no verified official address; an admin sets one in Teams with \/source guide-fictif URL$/m);

    const unchanged = await sync();
    expect(unchanged.stdout).toMatch(/^unchanged +politique-parapluies: same content as the published version/m);

    server.routes.set('/parapluies.md', { headers: MD, body: V2 });
    const changed = await sync();
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/^proposed +politique-parapluies: new version proposed to the admins/m);
    expect(changed.stdout).toContain('2 sources: 1 proposed, 0 published, 0 unchanged, 0 already proposed, 1 not followed, 0 failed');

    const again = await sync();
    expect(again.stdout).toMatch(/^already proposed +politique-parapluies/m);

    const admin = openDocumentAdminStore(db);
    try {
      expect(admin.pending().map((p) => [p.docId, p.origin, p.proposedBy])).toEqual([
        ['politique-parapluies', { kind: 'sync', url: `${server.url}/parapluies.md` }, 'system'],
      ]);
      expect(admin.knowledge.versions('politique-parapluies')).toHaveLength(1);
      expect(admin.auditEvents({ docId: 'politique-parapluies' }).map((e) => [e.action, e.actor])).toEqual([
        ['proposed', 'system'],
        ['published', 'system'],
      ]);
    } finally {
      admin.close();
    }
  });

  it('without network says so in one line and exits 0', async () => {
    await writeSources([{ id: 'loin', title: 'Loin', url: 'http://balises-test.invalid/loin.md', formats: ['markdown'], verified: true }]);
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^balises sync: no network: http:\/\/balises-test\.invalid\/loin\.md: cannot reach the server \([A-Z_]+\); nothing checked, try again when the network is back\n$/);
  });

  it('names a first source whose host cannot be found on its own line, exits 1, and still checks the others', async () => {
    await writeSources([
      { id: 'loin', title: 'Loin', url: 'http://balises-test.invalid/loin.md', formats: ['markdown'], verified: true },
      { id: 'politique-parapluies', title: 'Politique fictive des parapluies', url: `${server.url}/parapluies.md`, formats: ['markdown'], verified: true },
    ]);
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('no network');
    expect(result.stderr).toMatch(/^failed +loin: http:\/\/balises-test\.invalid\/loin\.md: cannot reach the server \([A-Z_]+\)\n$/);
    expect(result.stdout).toMatch(/^published +politique-parapluies: first version/m);
  });

  it('refuses a source whose file another document publishes, naming it, on a fresh base and later alike', async () => {
    // The same address pasted for two ids: both published, every passage would be quoted twice.
    const twice = (id: string) => ({ id, title: `Politique ${id}`, url: `${server.url}/parapluies.md`, formats: ['markdown'], verified: true });
    await writeSources([twice('politique-parapluies'), twice('copie-parapluies')]);
    const first = await sync();
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^published +politique-parapluies: first version/m);
    expect(first.stderr).toMatch(
      new RegExp(`^failed +copie-parapluies: ${server.url}/parapluies\\.md: same content as document politique-parapluies \\(published version [^)]+\\): not published as copie-parapluies; check its address$`, 'm'),
    );
    const later = await sync();
    expect(later.stderr).toMatch(/^failed +copie-parapluies: .*same content as document politique-parapluies/m);
    const admin = openDocumentAdminStore(db);
    try {
      expect(admin.knowledge.versions('copie-parapluies')).toEqual([]);
      expect(admin.pending()).toEqual([]);
    } finally {
      admin.close();
    }
  });

  it('exits 1 and names the source when its download fails', async () => {
    await writeSources([{ id: 'absent', title: 'Absent', url: `${server.url}/absent.md`, formats: ['markdown'], verified: true }]);
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`failed            absent: ${server.url}/absent.md: the server answered HTTP 404\n`);
    // One source is « 1 source », not « 1 source(s) », which reads as a form left unfilled.
    expect(result.stdout).toContain('1 source: 0 proposed, 0 published, 0 unchanged, 0 already proposed, 0 not followed, 1 failed');
  });

  it('names the field of an invalid sources file', async () => {
    await writeSources([{ id: 'x', title: 'X', url: null, formats: ['pdf'], verified: true }]);
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sources.0.url: a verified source needs its url');
    expect(result.stderr).not.toContain('please report it');
  });

  it('says a sources file that is not JSON cannot be read as JSON, in one line, without asking to report a bug', async () => {
    await writeFile(sourcesFile, '{ "sources": [ { "id": "x", ');
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^balises sync: official sources .*sources\.json: cannot read it as JSON \([^\n]*\)\n$/);
    expect(result.stderr).not.toContain('please report it');
  });
});

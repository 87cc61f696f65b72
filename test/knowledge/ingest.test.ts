import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOC_ID_PATTERN, ingestPaths, MAX_DOC_ID_CHARS, slugOf, type IngestDeps, type IngestReport } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/store.js';

const POLICY_MD = `# Politique fictive sur les robots de jardin

## Article 1 — Objet

Les robots de jardin des organismes fictifs doivent être arrosés chaque semaine par une personne désignée.

## Article 2 — Suivi

Le comité fictif vérifie chaque année que les robots de jardin respectent la présente politique.
`;
const GUIDE_TXT = `Guide fictif de la tasse de thé

Une tasse de thé fictive se sert à une température raisonnable, sans excès de zèle.
`;
const NOTE_HTML = '<html><head><title>Note fictive</title></head><body><h1>Note fictive</h1><p>Les parapluies fictifs se rangent à l’entrée.</p></body></html>';
// 10 h in Quebec: the default version label is the Quebec day, whatever the machine's time zone.
const FIXED_NOW = new Date('2024-05-02T14:00:00Z');

/**
 * `store` as a second process sees it when racing another on the same file: its first look for the file's bytes
 * (findVersionBySha) finds nothing, as made before the other commits; with `published`, so does every look among the
 * published versions (findPublishedBySha). Later looks see the database as it is.
 */
function lookingBefore(store: KnowledgeStore, options: { published: boolean }): KnowledgeStore {
  const racing = Object.create(store) as KnowledgeStore;
  let looked = false;
  racing.findVersionBySha = (docId, sha) => {
    if (looked) return store.findVersionBySha(docId, sha);
    looked = true;
    return null;
  };
  if (options.published) racing.findPublishedBySha = () => null;
  return racing;
}

describe('ingestPaths', () => {
  let dir: string;
  let store: KnowledgeStore;
  let logs: unknown[];
  let deps: IngestDeps;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-ingest-'));
    store = openKnowledgeStore(path.join(dir, 'db', 'balises.db'));
    logs = [];
    const record = (...args: unknown[]) => void logs.push(args);
    deps = { store, logger: { info: record, warn: record } as unknown as IngestDeps['logger'], now: () => FIXED_NOW };
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function write(relative: string, content: string | Uint8Array): Promise<string> {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    return file;
  }

  function outcomes(report: IngestReport) {
    if (report.kind !== 'completed') throw new Error(`unexpected rejection: ${report.reason}`);
    return report.outcomes;
  }

  it('ingests a file as the published version of the document named after it', async () => {
    const file = await write('Politique Robots.md', POLICY_MD);
    const [outcome] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester' }));
    expect(outcome).toMatchObject({ kind: 'ingested', file, docId: 'politique-robots', versionLabel: '2024-05-02' });
    const passages = store.publishedPassages();
    expect(passages.length).toBe(outcome?.kind === 'ingested' ? outcome.passageCount : -1);
    expect(passages.map((p) => p.text).join(' ')).toContain('arrosés chaque semaine');
    expect(store.versions('politique-robots')[0]).toMatchObject({ ingestedBy: 'tester', ingestedAt: FIXED_NOW.toISOString() });
  });

  it('cites a web page under its <title> without the bidirectional overrides and zero-width characters it held', async () => {
    // A title pasted from a right-to-left text editor: U+202E reversed « fictive » in every citation.
    const html = '<html><head><title>Note \u202efictive\u202c des\u200b parapluies</title></head><body><p>Les parapluies fictifs se rangent à l’entrée.</p></body></html>';
    const file = await write('note.html', html);
    outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester' }));
    expect(store.versions('note')[0]?.title).toBe('Note fictive des parapluies');
  });

  it('records the given document id, title, date, label and URL', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], {
      docId: 'robots',
      title: 'Politique des robots',
      versionLabel: 'v1',
      publishedOn: '2024-03-15',
      url: 'https://exemple.invalid/robots',
      ingestedBy: 'tester',
    });
    expect(store.documents()).toEqual([
      expect.objectContaining({ docId: 'robots', title: 'Politique des robots', versionLabel: 'v1', publishedOn: '2024-03-15', url: 'https://exemple.invalid/robots' }),
    ]);
  });

  it('labels a version with its publication date when no label is given', async () => {
    const file = await write('p.md', POLICY_MD);
    const [outcome] = outcomes(await ingestPaths(deps, [file], { publishedOn: '2024-03-15', ingestedBy: 'tester' }));
    expect(outcome).toMatchObject({ versionLabel: '2024-03-15' });
  });

  it('treats an identical file as unchanged and writes nothing', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { ingestedBy: 'tester' });
    const [again] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'someone-else' }));
    expect(again).toEqual({ kind: 'unchanged', file, docId: 'p', versionLabel: '2024-05-02' });
    expect(store.versions('p')).toHaveLength(1);
  });

  it('skips a file whose bytes another document publishes, saying which and how to make it a new version of it', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { docId: 'robots', ingestedBy: 'tester' });
    const [again] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester' }));
    expect(again).toMatchObject({ kind: 'skipped', file });
    expect(again?.kind === 'skipped' ? again.reason : '').toMatch(/same content as document robots .*--doc robots/);
    expect(store.documents().map((d) => d.docId)).toEqual(['robots']);
  });

  it('ingests the bytes of a withdrawn document under another id', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { docId: 'robots', ingestedBy: 'tester' });
    store.withdraw('robots');
    const [again] = outcomes(await ingestPaths(deps, [file], { docId: 'robots-2024', ingestedBy: 'tester' }));
    expect(again).toMatchObject({ kind: 'ingested', docId: 'robots-2024' });
  });

  it('records an official link given for an identical file, changing nothing else', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { ingestedBy: 'tester' });
    const [again] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester', url: 'https://exemple.invalid/p' }));
    expect(again).toMatchObject({ kind: 'unchanged', docId: 'p' });
    expect(store.versions('p')).toHaveLength(1);
    expect(store.publishedPassages().every((p) => p.url === 'https://exemple.invalid/p')).toBe(true);
  });

  it('labels a version ingested on a Quebec evening with the Quebec day, not the next UTC day', async () => {
    const file = await write('p.md', POLICY_MD);
    // 21 h 30 on 2 May 2024 in Quebec (EDT, UTC-4) is already 3 May in UTC.
    const evening: IngestDeps = { ...deps, now: () => new Date('2024-05-03T01:30:00Z') };
    const [outcome] = outcomes(await ingestPaths(evening, [file], { ingestedBy: 'tester' }));
    expect(outcome).toMatchObject({ kind: 'ingested', versionLabel: '2024-05-02' });
  });

  it('publishes a changed file as a new version, numbering a default label already used, and keeps the old one', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { ingestedBy: 'tester' });
    await write('p.md', POLICY_MD.replace('chaque année', 'chaque mois'));
    const [outcome] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester' }));
    expect(outcome).toMatchObject({ kind: 'ingested', versionLabel: '2024-05-02 (2)' });
    expect(store.versions('p').map((v) => [v.label, v.published])).toEqual([
      ['2024-05-02 (2)', true],
      ['2024-05-02', false],
    ]);
    expect(store.publishedPassages().map((p) => p.text).join(' ')).toContain('chaque mois');
  });

  it('gives the next free default label when a concurrent ingest of the same document takes it first', async () => {
    const a = await write('a/politique.md', POLICY_MD);
    const b = await write('b/politique.md', POLICY_MD.replace('chaque année', 'chaque mois'));
    const other = openKnowledgeStore(path.join(dir, 'db', 'balises.db'));
    // Two processes: each reads the document's labels before the other commits, so its first read sees none.
    const readingBeforeTheOther = (handle: KnowledgeStore): KnowledgeStore => {
      const stale = Object.create(handle) as KnowledgeStore;
      let first = true;
      stale.versions = (docId) => {
        if (!first) return handle.versions(docId);
        first = false;
        return [];
      };
      return stale;
    };
    try {
      const reports = await Promise.all([
        ingestPaths({ ...deps, store: readingBeforeTheOther(store) }, [a], { ingestedBy: 'tester' }),
        ingestPaths({ ...deps, store: readingBeforeTheOther(other) }, [b], { ingestedBy: 'tester' }),
      ]);
      expect(reports.flatMap(outcomes).map((o) => o.kind)).toEqual(['ingested', 'ingested']);
      expect(store.versions('politique').map((v) => v.label).sort()).toEqual(['2024-05-02', '2024-05-02 (2)']);
    } finally {
      other.close();
    }
  });

  it('stores the same file ingested by two processes at once once, the other told it is unchanged', async () => {
    const file = await write('politique.md', POLICY_MD);
    const other = openKnowledgeStore(path.join(dir, 'db', 'balises.db'));
    // The second process looks for the file's bytes before the first commits them, then reads the file meanwhile.
    const lookingBeforeTheOther = lookingBefore(other, { published: false });
    try {
      const first = await ingestPaths(deps, [file], { ingestedBy: 'tester' });
      const second = await ingestPaths({ ...deps, store: lookingBeforeTheOther }, [file], { ingestedBy: 'tester' });
      const reports = [first, second];
      expect(reports.flatMap(outcomes).map((o) => o.kind).sort()).toEqual(['ingested', 'unchanged']);
      expect(store.versions('politique').map((v) => v.label)).toEqual(['2024-05-02']);
    } finally {
      other.close();
    }
  });

  it('tells the other of two processes ingesting the same file with the same --version that it is unchanged', async () => {
    const file = await write('politique.md', POLICY_MD);
    const other = openKnowledgeStore(path.join(dir, 'db', 'balises.db'));
    // The second process looks for the file's bytes, in the document and among every published one, before the
    // first commits them under that label.
    const lookingBeforeTheOther = lookingBefore(other, { published: true });
    try {
      const first = await ingestPaths(deps, [file], { versionLabel: 'v1', ingestedBy: 'tester' });
      const second = await ingestPaths({ ...deps, store: lookingBeforeTheOther }, [file], { versionLabel: 'v1', ingestedBy: 'tester' });
      expect([first, second].flatMap(outcomes).map((o) => o.kind)).toEqual(['ingested', 'unchanged']);
      expect(store.versions('politique').map((v) => v.label)).toEqual(['v1']);
    } finally {
      other.close();
    }
  });

  it('fails a changed file whose explicit label is already used', async () => {
    const file = await write('p.md', POLICY_MD);
    await ingestPaths(deps, [file], { versionLabel: 'v1', ingestedBy: 'tester' });
    await write('p.md', GUIDE_TXT);
    const [outcome] = outcomes(await ingestPaths(deps, [file], { versionLabel: 'v1', ingestedBy: 'tester' }));
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('already has a version "v1"') });
    expect(store.versions('p')).toHaveLength(1);
  });

  describe('a folder', () => {
    it('ingests every supported file, skips the others and the folder’s README, ignores hidden files and does not recurse', async () => {
      await write('docs/README.md', '# À propos de ce dossier fictif\n\nCe dossier contient des documents fictifs.\n');
      await write('docs/politique.md', POLICY_MD);
      await write('docs/guide.txt', GUIDE_TXT);
      await write('docs/note.html', NOTE_HTML);
      await write('docs/tableau.xlsx', 'x');
      await write('docs/.brouillon.md', POLICY_MD);
      await write('docs/archives/vieux.md', POLICY_MD);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' }));
      expect(result.map((o) => [path.basename(o.file), o.kind])).toEqual([
        ['archives', 'skipped'],
        ['guide.txt', 'ingested'],
        ['note.html', 'ingested'],
        ['politique.md', 'ingested'],
        ['README.md', 'skipped'],
        ['tableau.xlsx', 'skipped'],
      ]);
      expect(store.documents().map((d) => d.docId)).toEqual(['guide', 'note', 'politique']);
    });

    it('ingests the rest of the batch when one file is corrupt, naming it, with nothing of it written', async () => {
      await write('docs/a-politique.md', POLICY_MD);
      await write('docs/b-rapport.pdf', 'ceci prétend être un PDF');
      await write('docs/c-guide.txt', GUIDE_TXT);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' }));
      expect(result.map((o) => o.kind)).toEqual(['ingested', 'failed', 'ingested']);
      expect(result[1]).toMatchObject({ file: path.join(dir, 'docs', 'b-rapport.pdf'), reason: expect.stringMatching(/PDF/) });
      expect(result[1]?.kind === 'failed' && result[1].reason.includes('\n')).toBe(false);
      expect(store.versions('b-rapport')).toEqual([]);
      expect(store.documents().map((d) => d.docId)).toEqual(['a-politique', 'c-guide']);
    });

    it('fails a second file that would get the same document id', async () => {
      await write('docs/note.md', POLICY_MD);
      await write('docs/note.txt', GUIDE_TXT);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' }));
      expect(result.map((o) => o.kind)).toEqual(['ingested', 'failed']);
      expect(result[1]).toMatchObject({ reason: expect.stringContaining('same document id "note"') });
    });

    it('asks for --doc on every file whose name gives no document id, never calling two of them the same id ""', async () => {
      await write('docs/!!!.md', POLICY_MD);
      await write('docs/规则.md', GUIDE_TXT);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' }));
      expect(result.map((o) => o.kind)).toEqual(['failed', 'failed']);
      for (const outcome of result) {
        expect(outcome).toMatchObject({ reason: 'cannot derive a document id from the file name; give one with --doc' });
      }
    });
  });

  describe('failures', () => {
    // Linux file names are bytes: a folder unzipped from an archive made on Windows may name « règle.md » in Latin-1.
    it.skipIf(process.platform !== 'linux')('says which file of a folder has a name that is not UTF-8, and ingests the rest', async () => {
      await write('docs/guide.txt', GUIDE_TXT);
      const latin1 = Buffer.concat([Buffer.from(path.join(dir, 'docs', 'r')), Buffer.from([0xe8]), Buffer.from('gle.md')]);
      await writeFile(latin1, POLICY_MD);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' }));
      expect(result.map((o) => o.kind)).toEqual(['ingested', 'failed']);
      expect(result[1]).toMatchObject({
        file: path.join(dir, 'docs', 'r\uFFFDgle.md'),
        reason: 'the file name is not UTF-8 text, so it cannot be opened by name; rename the file and ingest it again',
      });
    });

    it.skipIf(process.platform !== 'linux')('says so too of such a file named on the command line (`ingest dossier/*`)', async () => {
      await writeFile(Buffer.concat([Buffer.from(path.join(dir, 'r')), Buffer.from([0xe8]), Buffer.from('gle.md')]), POLICY_MD);
      // What Node makes of the name's bytes in its arguments: U+FFFD for the byte that is not UTF-8.
      const given = path.join(dir, 'r\uFFFDgle.md');
      const [outcome] = outcomes(await ingestPaths(deps, [given], { ingestedBy: 'tester' }));
      expect(outcome).toMatchObject({ kind: 'failed', file: given, reason: expect.stringContaining('the file name is not UTF-8 text') });
    });

    it('fails an explicitly named unsupported file', async () => {
      const file = await write('tableau.xlsx', 'x');
      const [outcome] = outcomes(await ingestPaths(deps, [file], { ingestedBy: 'tester' }));
      expect(outcome).toMatchObject({ kind: 'failed', file, reason: expect.stringContaining('unsupported file type .xlsx') });
    });

    it('fails a missing path and goes on with the next one', async () => {
      const good = await write('p.md', POLICY_MD);
      const result = outcomes(await ingestPaths(deps, [path.join(dir, 'absent.md'), good], { ingestedBy: 'tester' }));
      expect(result.map((o) => o.kind)).toEqual(['failed', 'ingested']);
      expect(result[0]).toMatchObject({ reason: expect.stringContaining('cannot read') });
    });

    it('fails a PDF saved under a text name, saying so, rather than publishing its source as passages', async () => {
      // Uncompressed: ASCII from end to end, as some generators write a PDF.
      const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
      const [outcome] = outcomes(await ingestPaths(deps, [await write('guide-fictif.md', pdf)], { ingestedBy: 'tester' }));
      expect(outcome).toMatchObject({ kind: 'failed', reason: 'the file is a PDF, not text: give it the .pdf extension' });
      expect(store.documents()).toEqual([]);
    });

    it('names a Word document saved under a text name', async () => {
      const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
      const [outcome] = outcomes(await ingestPaths(deps, [await write('note.txt', docx)], { ingestedBy: 'tester' }));
      expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('a Word document needs the .docx extension') });
    });

    it('fails an empty file', async () => {
      const [outcome] = outcomes(await ingestPaths(deps, [await write('vide.md', '')], { ingestedBy: 'tester' }));
      expect(outcome).toMatchObject({ kind: 'failed', reason: 'the file is empty' });
    });

    it('fails a file whose publication breaks, and still ingests the others', async () => {
      const flaky: KnowledgeStore = Object.create(store) as KnowledgeStore;
      flaky.publishVersion = (info, sections, passages) => {
        if (info.docId === 'a') throw new Error('disk I/O error');
        return store.publishVersion(info, sections, passages);
      };
      const files = [await write('a.md', POLICY_MD), await write('b.md', POLICY_MD)];
      const result = outcomes(await ingestPaths({ ...deps, store: flaky }, files, { ingestedBy: 'tester' }));
      expect(result).toMatchObject([{ kind: 'failed', reason: 'disk I/O error' }, { kind: 'ingested', docId: 'b' }]);
    });
  });

  describe('rejections', () => {
    it.each([['docId', { docId: 'x' }], ['title', { title: 'T' }], ['url', { url: 'https://exemple.invalid' }]] as const)(
      'rejects --%s with several files, writing nothing',
      async (_name, option) => {
        const files = [await write('a.md', POLICY_MD), await write('b.md', GUIDE_TXT)];
        const report = await ingestPaths(deps, files, { ...option, ingestedBy: 'tester' });
        expect(report).toEqual({ kind: 'rejected', reason: expect.stringContaining('names one document, but 2 files were given') });
        expect(store.documents()).toEqual([]);
      },
    );

    it('rejects a document id that is not a slug', async () => {
      const report = await ingestPaths(deps, [await write('a.md', POLICY_MD)], { docId: 'Mon Doc#1', ingestedBy: 'tester' });
      expect(report).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('lower-case') });
    });

    it('rejects a document id longer than the maximum, saying so without echoing it', async () => {
      const report = await ingestPaths(deps, [await write('a.md', POLICY_MD)], { docId: 'a'.repeat(5000), ingestedBy: 'tester' });
      expect(report).toEqual({ kind: 'rejected', reason: `a document id is at most ${MAX_DOC_ID_CHARS} characters (this one has 5000)` });
      expect(store.documents()).toEqual([]);
    });

    it('rejects a version label that would break passage ids', async () => {
      const report = await ingestPaths(deps, [await write('a.md', POLICY_MD)], { versionLabel: 'v1#2', ingestedBy: 'tester' });
      expect(report).toMatchObject({ kind: 'rejected' });
    });
  });

  it('never logs document text', async () => {
    await write('docs/p.md', POLICY_MD);
    await write('docs/bad.pdf', 'arrosés chaque semaine');
    await ingestPaths(deps, [path.join(dir, 'docs')], { ingestedBy: 'tester' });
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toMatch(/arros|robots de jardin/);
  });
});

describe('slugOf', () => {
  it('folds accents, lower-cases and dashes the file name without its extension', () => {
    expect(slugOf('/tmp/Énoncé de principes (2024).PDF')).toBe('enonce-de-principes-2024');
    expect(slugOf('loi_p39.1.md')).toBe('loi-p39-1');
    expect(slugOf('+++.md')).toBe('');
  });

  it('keeps a name of the maximum length whole', () => {
    expect(slugOf(`${'a'.repeat(MAX_DOC_ID_CHARS)}.md`)).toBe('a'.repeat(MAX_DOC_ID_CHARS));
  });

  it('shortens a long name at a word, ending it with a hash that tells apart names differing after the cut', () => {
    const stem = 'Rapport annuel de gestion du ministère fictif des plantes de bureau et des arrosoirs partagés';
    const first = slugOf(`${stem} 2023.pdf`);
    const second = slugOf(`${stem} 2024.pdf`);
    expect(first.length).toBeLessThanOrEqual(MAX_DOC_ID_CHARS);
    expect(first).toMatch(/^rapport-annuel-de-gestion-du-ministere-fictif-des-plantes-de-bureau-et-[0-9a-f]{8}$/);
    expect(first).toMatch(DOC_ID_PATTERN);
    expect(second).not.toBe(first);
    expect(slugOf(`${stem} 2023.pdf`)).toBe(first);
  });

  it('shortens a single word longer than the maximum mid-word', () => {
    const id = slugOf(`/tmp/${'b'.repeat(250)}.md`);
    expect(id).toMatch(/^b{71}-[0-9a-f]{8}$/);
  });
});

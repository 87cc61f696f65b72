import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { captureIo } from './capture.js';

const CHARTER = `# Charte fictive de l’Agence québécoise des nuages

## Registre

Le registre des nuages est tenu par l’Agence fictive et consulté chaque printemps par les observateurs.

## Sécurité

Des mesures de sécurité de l’information protègent le registre contre les accès non autorisés.
`;
const GUIDE = `Guide fictif des parapluies

Les parapluies fictifs se rangent à l’entrée de l’observatoire, ouverts pour sécher.
`;

interface RetrieveLine {
  id: string | number | null;
  abstained?: boolean;
  error?: string;
  passages?: { docId: string; version: string; section: string; pages: unknown; score: number; text: string }[];
}

describe('balises retrieve', () => {
  let dir: string;
  let corpus: string;
  let db: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-retrieve-'));
    corpus = path.join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'charte-nuages.md'), CHARTER);
    await writeFile(path.join(corpus, 'guide-parapluies.txt'), GUIDE);
    db = path.join(dir, 'balises.db');
    expect(await run(['ingest', corpus, '--db', db], captureIo().io)).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function retrieve(args: string[], lines: string[]) {
    const { io, out } = captureIo();
    io.stdin = Readable.from(lines.map((l) => `${l}\n`));
    const code = await run(['retrieve', ...args], io);
    const results = out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RetrieveLine);
    return { code, results, stderr: out.stderr };
  }

  it('answers each JSON line with the contract fields, best passage first', async () => {
    const { code, results } = await retrieve(['--db', db], [JSON.stringify({ id: 'q1', question: 'Quelles mesures de sécurité protègent le registre?' })]);
    expect(code).toBe(0);
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(Object.keys(r!).sort()).toEqual(['abstained', 'id', 'passages']);
    expect(r!.id).toBe('q1');
    expect(r!.abstained).toBe(false);
    const top = r!.passages![0]!;
    expect(Object.keys(top).sort()).toEqual(['docId', 'pages', 'score', 'section', 'text', 'version']);
    expect(top).toMatchObject({ docId: 'charte-nuages', section: 'Sécurité', pages: null });
    expect(typeof top.version).toBe('string');
    const scores = r!.passages!.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns the passage text exactly as stored', async () => {
    const { results } = await retrieve(['--db', db], [JSON.stringify({ id: 7, question: 'parapluies rangés à l’entrée' })]);
    const store = openKnowledgeStore(db);
    const stored = new Set(store.publishedPassages().map((p) => p.text));
    store.close();
    expect(results[0]!.id).toBe(7);
    expect(results[0]!.passages!.length).toBeGreaterThan(0);
    for (const p of results[0]!.passages!) expect(stored.has(p.text)).toBe(true);
  });

  it('returns at most --k passages', async () => {
    const { results } = await retrieve(['--db', db, '--k', '1'], [JSON.stringify({ id: 'q', question: 'registre des nuages' })]);
    expect(results[0]!.passages).toHaveLength(1);
  });

  it('marks an off-topic question as abstained', async () => {
    const { results } = await retrieve(['--db', db], [JSON.stringify({ id: 'o', question: 'comment réinitialiser mon mot de passe' })]);
    expect(results[0]!.abstained).toBe(true);
  });

  it('ingests a folder into a temporary database with --corpus', async () => {
    const { code, results } = await retrieve(['--corpus', corpus], [JSON.stringify({ id: 'c', question: 'Où ranger les parapluies?' })]);
    expect(code).toBe(0);
    expect(results[0]!.passages![0]!.docId).toBe('guide-parapluies');
  });

  it('answers an error line (with the id when it has one) for a malformed line, answers the others, and exits 1', async () => {
    const { code, results } = await retrieve(
      ['--db', db],
      [
        JSON.stringify({ id: 'a', question: 'registre des nuages' }),
        '{pas du json',
        JSON.stringify({ id: 'b' }),
        JSON.stringify({ id: 'c', question: 'mesures de sécurité' }),
      ],
    );
    expect(code).toBe(1);
    expect(results.map((r) => r.id)).toEqual(['a', null, 'b', 'c']);
    expect(results[1]!.error).toBeTruthy();
    expect(results[2]!.error).toBeTruthy();
    expect(results[3]!.passages!.length).toBeGreaterThan(0);
  });

  it('skips blank lines', async () => {
    const { code, results } = await retrieve(['--db', db], ['', '   ', JSON.stringify({ id: 'q', question: 'registre' })]);
    expect(code).toBe(0);
    expect(results.map((r) => r.id)).toEqual(['q']);
  });

  it('reads a first line that starts with a UTF-8 byte order mark', async () => {
    const { code, results } = await retrieve(['--db', db], [`\uFEFF${JSON.stringify({ id: 'bom', question: 'registre des nuages' })}`]);
    expect(code).toBe(0);
    expect(results[0]).toMatchObject({ id: 'bom', abstained: false });
  });

  it('rejects --corpus together with --db, exit 2', async () => {
    const { code, stderr, results } = await retrieve(['--corpus', corpus, '--db', db], [JSON.stringify({ id: 'q', question: 'registre' })]);
    expect(code).toBe(2);
    expect(stderr).toContain('give one or the other');
    expect(results).toEqual([]);
  });

  it('rejects a --k that is not a number in words, not zod’s « Expected number, received nan »', async () => {
    const { code, stderr } = await retrieve(['--db', db, '--k', 'dix'], []);
    expect(code).toBe(2);
    expect(stderr).toContain('--k: must be a whole number, 1 to 50');
    expect(stderr).not.toContain('nan');
  });

  it('rejects a --k out of range, exit 2', async () => {
    const { code, stderr } = await retrieve(['--db', db, '--k', '0'], []);
    expect(code).toBe(2);
    expect(stderr).toContain('--k');
  });
});

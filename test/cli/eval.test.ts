import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo } from './capture.js';

const CHARTER = `# Charte fictive de l’Agence québécoise des nuages

## Registre

Le registre des nuages est tenu par l’Agence fictive et consulté chaque printemps par les observateurs.

## Sécurité

Des mesures de sécurité de l’information protègent le registre contre les accès non autorisés.
`;

const QUESTIONS = [
  { id: 'n1', lang: 'fr', question: 'Quand le registre est-il consulté?', expected: ['registre'], evidence: ['consulté chaque printemps'], kind: 'direct' },
  { id: 'n2', lang: 'fr', question: 'Comment protéger le registre?', expected: ['securite'], evidence: ['protègent le registre'], kind: 'paraphrase' },
  { id: 'n3', lang: 'en', question: 'What about information security?', expected: ['securite'], evidence: ['mesures de sécurité'], kind: 'direct' },
  { id: 'n4', lang: 'fr', question: 'Comment réinitialiser mon mot de passe?', expected: [], evidence: [], kind: 'out-of-scope' },
];

describe('balises eval', () => {
  let dir: string;
  let corpus: string;
  let questions: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-eval-'));
    corpus = path.join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'charte-nuages.md'), CHARTER);
    questions = path.join(dir, 'nuages.jsonl');
    await writeFile(questions, `${QUESTIONS.map((q) => JSON.stringify(q)).join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rowsOf = (stdout: string) => stdout.split('\n').map((l) => l.trim().split(/\s+/));

  it('prints one row per group and system: all, per language, per kind, for balises and bm25', async () => {
    const { io, out } = captureIo();
    expect(await run(['eval', '--corpus', corpus, '--questions', questions], io)).toBe(0);
    expect(out.stdout).toContain('nuages.jsonl (4 questions)');
    const rows = rowsOf(out.stdout);
    for (const group of ['all', 'lang:fr', 'lang:en', 'kind:direct', 'kind:paraphrase', 'kind:out-of-scope']) {
      for (const system of ['balises', 'bm25']) {
        expect(rows.some((r) => r[0] === group && r[1] === system), `${group} ${system}`).toBe(true);
      }
    }
    expect(out.stdout).toMatch(/hit@1 hit@5 all@5 +MRR +abst false/);
  });

  it('counts the questions of each group', async () => {
    const { io, out } = captureIo();
    await run(['eval', '--corpus', corpus, '--questions', questions], io);
    const rows = rowsOf(out.stdout);
    expect(rows.find((r) => r[0] === 'all' && r[1] === 'balises')?.[2]).toBe('4');
    expect(rows.find((r) => r[0] === 'lang:en' && r[1] === 'bm25')?.[2]).toBe('1');
  });

  it('finds the evidence of a French paraphrase question in the top five passages', async () => {
    const { io, out } = captureIo();
    await run(['eval', '--corpus', corpus, '--questions', questions], io);
    const row = rowsOf(out.stdout).find((r) => r[0] === 'kind:paraphrase' && r[1] === 'balises')!;
    // columns: group system n hit@1 hit@5 …
    expect(row[4]).toBe('1.00');
  });

  it('prints the calibrated abstention rule with --calibrate', async () => {
    const { io, out } = captureIo();
    await run(['eval', '--corpus', corpus, '--questions', questions, '--calibrate'], io);
    expect(out.stdout).toContain('Abstention calibration');
  });

  it('rejects a question file with a malformed line, exit 2', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, `${JSON.stringify({ id: 'x', question: 'sans les autres champs' })}\n`);
    const { io, out } = captureIo();
    expect(await run(['eval', '--corpus', corpus, '--questions', bad], io)).toBe(2);
    expect(out.stderr).toContain('bad.jsonl:1');
  });

  it('rejects a corpus that does not exist, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['eval', '--corpus', path.join(dir, 'absent'), '--questions', questions], io)).toBe(2);
    expect(out.stderr).toContain('not found');
  });
});

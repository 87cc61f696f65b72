import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo } from './capture.js';

/**
 * Fictional fixtures: three tiny corpora (`documents`: a cloud charter and a README.md that is not a document;
 * `marees`: a tide guide; `autre`: unrelated recipes, no questions) and two question sets, `nuages.jsonl` without
 * a `corpus` field (so `documents`) and `marees.jsonl` naming `marees`.
 */
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/eval');
const CORPORA = path.join(FIXTURES, 'corpora');
const QUESTIONS = path.join(FIXTURES, 'questions');

/** The lines of stdout from the one starting with `title` to the next blank line. */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end);
}
const cells = (line: string | undefined) => (line ?? '').trim().split(/\s+/);
const row = (lines: string[], first: string) => cells(lines.find((l) => cells(l)[0] === first));

describe('balises eval', () => {
  let stdout: string;
  let code: number;
  let dir: string;

  beforeAll(async () => {
    const { io, out } = captureIo();
    code = await run(['eval', '--corpora', CORPORA, '--questions', QUESTIONS], io);
    stdout = out.stdout;
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-eval-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests every corpus folder once, without its README.md, exit 0', () => {
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Corpora in .*: autre \(1 file, \d+ passages?\), documents \(1 file, \d+ passages?\), marees \(1 file, \d+ passages?\)$/m);
  });

  it('scores a set without a corpus field on the documents corpus alone, and on the combined index', () => {
    expect(stdout).toMatch(/^nuages\.jsonl \(4 questions\) on its own corpus: documents \(\d+ passages\)$/m);
    expect(stdout).toMatch(/^nuages\.jsonl \(4 questions\) on the combined index: all corpora \(\d+ passages\)$/m);
  });

  it('scores a set on the corpus its questions name', () => {
    expect(stdout).toMatch(/^marees\.jsonl \(3 questions\) on its own corpus: marees \(\d+ passages\)$/m);
  });

  it('prints one row per group, Balises beside both plain BM25 baselines', () => {
    const table = section(stdout, 'nuages.jsonl (4 questions) on the combined index');
    expect(table[1]).toMatch(/-+ balises -+ +-+ bm25 raw -+ +-+ bm25 pass\. -+/);
    expect(table[2]).toMatch(/^group +n +hit@1 hit@5 all@5 +MRR +abst false +unc\+ +unc- +hit@5 all@5 +MRR +hit@5 all@5 +MRR$/);
    expect(table.slice(3).map((l) => cells(l)[0])).toEqual(['all', 'lang:en', 'lang:fr', 'kind:direct', 'kind:paraphrase', 'kind:out-of-scope']);
    expect(row(table, 'all').length).toBe(2 + 8 + 3 + 3);
  });

  it('counts the questions of each group', () => {
    const table = section(stdout, 'nuages.jsonl (4 questions) on its own corpus');
    expect(row(table, 'all')[1]).toBe('4');
    expect(row(table, 'lang:en')[1]).toBe('1');
    expect(row(table, 'kind:direct')[1]).toBe('2');
  });

  it('finds every evidence in the top five on the own corpus and on the combined index', () => {
    for (const title of ['nuages.jsonl (4 questions) on its own corpus', 'nuages.jsonl (4 questions) on the combined index', 'marees.jsonl (3 questions) on the combined index']) {
      // columns: group n hit@1 hit@5 …
      expect(row(section(stdout, title), 'all')[3], title).toBe('1.00');
    }
  });

  it('abstains on an out-of-scope question whose words are in no document', () => {
    const r = row(section(stdout, 'nuages.jsonl (4 questions) on the combined index'), 'kind:out-of-scope');
    // columns: group n hit@1 hit@5 all@5 MRR abst false unc+ unc-: abst 1.00, no in-scope figure
    expect(r.slice(2, 10)).toEqual(['-', '-', '-', '-', '1.00', '-', '-', '0.00']);
  });

  it('prints the leave-one-corpus-out table: each corpus held out, fitted on the other', () => {
    const table = section(stdout, 'Leave-one-corpus-out on the combined index');
    // columns: held-out n hit@5 MRR fitted-on cov/score abst false in-use abst false
    const marees = row(table, 'marees');
    const documents = row(table, 'documents');
    expect(marees.slice(0, 5)).toEqual(['marees', '3', '1.00', '1.00', 'documents']);
    expect(documents.slice(0, 5)).toEqual(['documents', '4', '1.00', '1.00', 'marees']);
    expect(marees[5]).toMatch(/^\d\.\d\d\/\d\.\d\d$/);
    expect(marees[6]).toBe('1.00');
    expect(table).toHaveLength(5);
  });

  it('prints the calibrations only with --calibrate: per-corpus rows, then the confidence rule', async () => {
    expect(stdout).not.toContain('Abstention calibration');
    const { io, out } = captureIo();
    await run(['eval', '--corpora', CORPORA, '--questions', QUESTIONS, '--calibrate'], io);
    expect(out.stdout).toMatch(/calibrated: coverage < \d\.\d\d or score < \d\.\d\d → abstention recall 1\.00, false abstention 0\.00/);
    const table = section(out.stdout, 'corpus ');
    expect(table.map((l) => cells(l)[0])).toEqual(['corpus', 'marees', 'documents', 'all']);
    // columns: corpus in out, then abst false on the combined and own indexes for the calibrated rule, then for the rule in use
    expect(row(table, 'all').slice(0, 5)).toEqual(['all', '5', '2', '1.00', '0.00']);
    expect(out.stdout).toMatch(/^ {2}proposed: coverage < \d\.\d\d or score < \d\.\d\d → uncertain/m);
  });

  it('prints one line per question on the combined index with --verbose', async () => {
    const { io, out } = captureIo();
    await run(['eval', '--corpora', CORPORA, '--questions', QUESTIONS, '--verbose'], io);
    expect(out.stdout).toMatch(/^n1 fr direct +rank=1 outcome=\w+ coverage=\d\.\d\d score=\d\.\d\d top=\S+$/m);
    expect(out.stdout).toMatch(/^n4 fr out-of-scope rank=n\/a outcome=not_covered /m);
    expect(out.stdout.match(/^[nm]\d /gm)).toHaveLength(7);
  });

  describe('errors', () => {
    it('rejects a question file with a malformed line, exit 2', async () => {
      const bad = path.join(dir, 'bad.jsonl');
      await writeFile(bad, `${JSON.stringify({ id: 'x', question: 'sans les autres champs' })}\n`);
      const { io, out } = captureIo();
      expect(await run(['eval', '--corpora', CORPORA, '--questions', bad], io)).toBe(2);
      expect(out.stderr).toContain('bad.jsonl:1');
    });

    it('rejects a question naming a corpus that is not a folder of the corpora, exit 2', async () => {
      const stray = path.join(dir, 'stray.jsonl');
      await writeFile(stray, `${JSON.stringify({ id: 's1', lang: 'fr', question: 'Où?', expected: [], evidence: [], kind: 'out-of-scope', corpus: 'absent' })}\n`);
      const { io, out } = captureIo();
      expect(await run(['eval', '--corpora', CORPORA, '--questions', stray], io)).toBe(2);
      expect(out.stderr).toContain('question s1 names corpus "absent"');
    });

    it('rejects a corpora folder that does not exist, exit 2', async () => {
      const { io, out } = captureIo();
      expect(await run(['eval', '--corpora', path.join(dir, 'absent'), '--questions', QUESTIONS], io)).toBe(2);
      expect(out.stderr).toContain('not found');
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createFeedbackService, openSqliteFeedbackRepository, traceOf } from '../../src/feedback/index.js';
import { answeredResult } from '../helpers/answers.js';
import { captureIo } from './capture.js';

describe('balises feedback', () => {
  let dir: string;
  let db: string;

  /** Two answers, rated by two people; questions kept (masked). */
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-cli-feedback-'));
    db = path.join(dir, 'balises.db');
    const repository = openSqliteFeedbackRepository(db);
    const service = createFeedbackService(repository, { keepQuestions: true, retentionDays: 30 });
    await service.rememberAnswer({ conversationId: 'c1', messageId: 'm1' }, traceOf(answeredResult()), '=HYPERLINK("x") joindre 418-555-0199');
    await service.rememberAnswer({ conversationId: 'c1', messageId: 'm2' }, traceOf({ kind: 'not_covered', language: 'fr', covered: [] }), 'météo');
    await service.rate({ conversationId: 'c1', messageId: 'm1' }, 'aad-1', 'dislike');
    await service.rate({ conversationId: 'c1', messageId: 'm1' }, 'aad-2', 'like');
    await service.rate({ conversationId: 'c1', messageId: 'm2' }, 'aad-1', 'dislike');
    await repository.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function feedbackWith(...args: string[]) {
    const { io, out } = captureIo();
    const code = await run(['feedback', ...args], io);
    return { code, ...out };
  }

  it('lists every rating as CSV, the question masked and formula-safe', async () => {
    const { code, stdout } = await feedbackWith('--format', 'csv', '--db', db);
    expect(code).toBe(0);
    expect(stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parse(stdout, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    const disliked = rows.find((r) => r.reaction === 'dislike' && r.outcome === 'answered')!;
    expect(disliked.documents).toBe('charte-fictive 2031');
    expect(disliked.passages).toBe('charte-fictive@2031#principe-1:1 ; charte-fictive@2031#principe-2:2');
    expect(disliked.question).toBe(`'=HYPERLINK("x") joindre [téléphone]`);
    expect(rows.find((r) => r.outcome === 'not_covered')).toMatchObject({ reaction: 'dislike', documents: '', passages: '', question: 'météo' });
  });

  it('lists the passages most often disliked with --view passages', async () => {
    const { code, stdout } = await feedbackWith('--format', 'csv', '--view', 'passages', '--db', db);
    expect(code).toBe(0);
    const rows = parse(stdout, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.passage_id, r.dislikes, r.likes])).toEqual([
      ['charte-fictive@2031#principe-1:1', '1', '1'],
      ['charte-fictive@2031#principe-2:2', '1', '1'],
    ]);
  });

  it('says why an --output file cannot be written, as a mistake to correct rather than an error to report', async () => {
    const missing = path.join(dir, 'dossier-absent', 'notes.csv');
    const { code, stderr } = await feedbackWith('--format', 'csv', '--db', db, '--output', missing);
    expect(code).toBe(1);
    expect(stderr).toBe(`balises feedback: cannot write --output ${missing}: its folder does not exist\n`);
  });

  it('refuses an unknown format with the usage', async () => {
    const { code, stderr } = await feedbackWith('--format', 'xml', '--db', db);
    expect(code).toBe(2);
    expect(stderr).toContain('expected csv or json');
  });
});

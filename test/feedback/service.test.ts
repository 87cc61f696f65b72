import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFeedbackService,
  MASKS,
  openSqliteFeedbackRepository,
  traceOf,
  type FeedbackRepository,
  type FeedbackService,
} from '../../src/feedback/index.js';
import { answeredResult, CHARTER } from '../helpers/answers.js';

const MESSAGE = { conversationId: 'a:conv-1', messageId: 'reply-1' };
const QUESTION = 'Dois-je informer le citoyen? Mon courriel : zoe.ngo@exemple.gouv.qc.ca';

describe('feedback service over SQLite', () => {
  let dir: string;
  let file: string;
  let repository: FeedbackRepository;
  let clock: Date;
  const open = (keepQuestions: boolean, retentionDays = 30): FeedbackService => {
    repository = openSqliteFeedbackRepository(file);
    return createFeedbackService(repository, { keepQuestions, retentionDays }, () => clock);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-feedback-'));
    file = path.join(dir, 'balises.db');
    clock = new Date('2031-05-01T12:00:00.000Z');
  });
  afterEach(async () => {
    await repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a rating with the outcome, passages and versions of the rated answer', async () => {
    const service = open(false);
    await service.rememberAnswer(MESSAGE, traceOf(answeredResult()), QUESTION);
    expect(await service.rate(MESSAGE, 'aad-1', 'dislike')).toBe('recorded');
    const { ratings } = await service.report();
    expect(ratings).toEqual([
      expect.objectContaining({
        ...MESSAGE,
        reaction: 'dislike',
        outcome: 'answered',
        language: 'fr',
        question: null,
        passages: [
          { passageId: 'charte-fictive@2031#principe-1:1', docId: CHARTER.docId, versionLabel: '2031' },
          { passageId: 'charte-fictive@2031#principe-2:2', docId: CHARTER.docId, versionLabel: '2031' },
        ],
      }),
    ]);
    expect(ratings[0]!.userKey).not.toContain('aad-1');
  });

  it('counts one rating per message and person, whatever is sent again', async () => {
    const service = open(false);
    await service.rememberAnswer(MESSAGE, traceOf(answeredResult()), QUESTION);
    expect(await service.rate(MESSAGE, 'aad-1', 'like')).toBe('recorded');
    expect(await service.rate(MESSAGE, 'aad-1', 'like')).toBe('duplicate');
    expect(await service.rate(MESSAGE, 'aad-1', 'dislike')).toBe('duplicate');
    expect(await service.rate(MESSAGE, 'aad-2', 'like')).toBe('recorded');
    expect((await service.report()).ratings.map((r) => r.reaction)).toEqual(['like', 'like']);
  });

  it('keeps the question masked of personal information only when configured', async () => {
    const service = open(true);
    await service.rememberAnswer(MESSAGE, traceOf(answeredResult()), QUESTION);
    await service.rate(MESSAGE, 'aad-1', 'like');
    expect((await service.report()).ratings[0]!.question).toBe(`Dois-je informer le citoyen? Mon courriel : ${MASKS.email}`);
  });

  it('keeps the comment typed with a rating, masked and cut, only when configured', async () => {
    const kept = open(true);
    await kept.rememberAnswer(MESSAGE, traceOf(answeredResult()), QUESTION);
    await kept.rate(MESSAGE, 'aad-1', 'dislike', `  Mauvais principe cité, écrivez-moi à zoe.ngo@exemple.gouv.qc.ca ${'x'.repeat(2_000)}`);
    const [rating] = (await kept.report()).ratings;
    expect(rating!.comment).toMatch(new RegExp(`^Mauvais principe cité, écrivez-moi à \\${MASKS.email.slice(0, -1)}\\] x+$`));
    expect(rating!.comment!.length).toBeLessThanOrEqual(1_000);
    await repository.close();
    rmSync(file);
    const dropped = open(false);
    await dropped.rate(MESSAGE, 'aad-2', 'dislike', 'Un commentaire fictif');
    expect((await dropped.report()).ratings[0]!.comment).toBeNull();
  });

  it('keeps a comment without the name and the date of birth it gives', async () => {
    const kept = open(true);
    await kept.rememberAnswer(MESSAGE, traceOf(answeredResult()), QUESTION);
    await kept.rate(MESSAGE, 'aad-1', 'dislike', 'Le dossier de M. Gagnon, né le 3 mars 1980, est mal cité.\nMerci, Zoé Ngo');
    expect((await kept.report()).ratings[0]!.comment).toBe(`Le dossier de M. ${MASKS.name}, né le ${MASKS.birthDate}, est mal cité.\nMerci, ${MASKS.name}`);
  });

  it('rates an abstention and a message it has no trace of', async () => {
    const service = open(false);
    await service.rememberAnswer(MESSAGE, traceOf({ kind: 'not_covered', language: 'en', covered: [] }), 'off topic');
    await service.rate(MESSAGE, 'aad-1', 'dislike');
    await service.rate({ conversationId: 'a:conv-1', messageId: 'reply-old' }, 'aad-1', 'like');
    const outcomes = (await service.report()).ratings.map((r) => [r.outcome, r.language, r.passages.length]);
    expect(outcomes).toEqual(expect.arrayContaining([['not_covered', 'en', 0], ['unknown', null, 0]]));
  });

  it('stores a rating of a generated answer as generated, with only the passages it cited', async () => {
    const service = open(false);
    const result = answeredResult();
    if (result.kind !== 'answered') throw new Error('fixture');
    await service.rememberAnswer(MESSAGE, traceOf(result, { sources: [{ ...result.sources[1]!, marker: 1 }] }), QUESTION);
    await service.rate(MESSAGE, 'aad-1', 'dislike');
    const [rating] = (await service.report()).ratings;
    expect(rating).toMatchObject({ outcome: 'answered_generated', passages: [{ passageId: 'charte-fictive@2031#principe-2:2' }] });
    expect(rating!.passages).toHaveLength(1);
  });

  it('lists the passages most often disliked first', async () => {
    const service = open(false);
    const second = { conversationId: 'a:conv-2', messageId: 'reply-9' };
    await service.rememberAnswer(MESSAGE, traceOf(answeredResult()), 'q1');
    const onlyFirst = answeredResult();
    if (onlyFirst.kind !== 'answered') throw new Error('fixture');
    onlyFirst.sources = onlyFirst.sources.slice(0, 1);
    await service.rememberAnswer(second, traceOf(onlyFirst), 'q2');
    await service.rate(MESSAGE, 'aad-1', 'dislike');
    await service.rate(second, 'aad-1', 'dislike');
    await service.rate(second, 'aad-2', 'like');
    const { dislikedPassages } = await service.report();
    expect(dislikedPassages.map((p) => [p.passageId, p.dislikes, p.likes])).toEqual([
      ['charte-fictive@2031#principe-1:1', 2, 1],
      ['charte-fictive@2031#principe-2:2', 1, 0],
    ]);
  });

  it('purges what is older than the retention period, and keeps it across a reopen otherwise', async () => {
    let service = open(false, 30);
    await service.rememberAnswer(MESSAGE, traceOf(answeredResult()), 'q');
    await service.rate(MESSAGE, 'aad-1', 'like');
    clock = new Date('2031-05-20T12:00:00.000Z');
    await service.rate({ conversationId: 'a:conv-1', messageId: 'reply-2' }, 'aad-1', 'like');
    await repository.close();
    service = open(false, 30);
    expect(await service.purgeExpired()).toBe(0);
    clock = new Date('2031-06-05T12:00:00.000Z');
    expect(await service.purgeExpired()).toBe(2);
    expect((await service.report()).ratings.map((r) => r.messageId)).toEqual(['reply-2']);
  });

  it('takes a rating that names no message for the conversation’s latest answer, and refuses one with none', async () => {
    const service = open(false);
    expect(await service.rate({ conversationId: 'a:conv-1', messageId: null }, 'aad-1', 'like')).toBe('unknown_message');
    await service.rememberAnswer(MESSAGE, traceOf({ kind: 'not_covered', language: 'fr', covered: [] }), 'q1');
    clock = new Date('2031-05-01T12:01:00.000Z');
    await service.rememberAnswer({ ...MESSAGE, messageId: 'reply-2' }, traceOf(answeredResult()), 'q2');
    expect(await service.rate({ conversationId: 'a:conv-1', messageId: null }, 'aad-1', 'like')).toBe('recorded');
    expect(await service.rate({ conversationId: 'a:conv-1', messageId: null }, 'aad-1', 'like')).toBe('duplicate');
    expect((await service.report()).ratings).toEqual([expect.objectContaining({ messageId: 'reply-2', outcome: 'answered' })]);
  });
});

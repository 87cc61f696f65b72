import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/answers/types.js';
import { run } from '../../src/cli/run.js';
import { createFeedbackService, openSqliteFeedbackRepository, type FeedbackRepository } from '../../src/feedback/index.js';
import { captureIo } from '../cli/capture.js';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { feedbackInvoke, postActivity, postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

describe('Teams feedback (thumbs up / down)', () => {
  let h: Harness;
  const knowledge = new FakeKnowledge(() => answeredResult());

  beforeAll(async () => {
    h = await startHarness(knowledge);
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(() => {
    h.connector.reset();
    h.logs.lines.length = 0;
  });

  it.each(['like', 'dislike'] as const)('answers a %s with 200 and an empty body, and sends no message', async (reaction) => {
    const invoke = feedbackInvoke(reaction, 'Très utile', { serviceUrl: h.connector.serviceUrl });
    const res = await postActivityForResponse(h.baseUrl, invoke);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(h.connector.activities).toEqual([]);
    expect(knowledge.questions).toEqual([]);
  });

  it('logs the reaction and the rated message, never the comment', async () => {
    const invoke = feedbackInvoke('dislike', 'La citation de Gaston Lagaffe est fausse', {
      serviceUrl: h.connector.serviceUrl,
      ratedActivityId: 'reply-42',
    });
    expect((await postActivityForResponse(h.baseUrl, invoke)).status).toBe(200);
    const record = h.logs.records().find((r) => r.msg === 'feedback');
    expect(record).toMatchObject({ level: 30, reaction: 'dislike', ratedActivityId: 'reply-42', activityId: invoke.id });
    expect(h.logs.records().find((r) => r.msg === 'turn' && r.activityId === invoke.id)).toMatchObject({ route: 'feedback', outcome: 'handled' });
    expect(h.logs.text()).not.toContain('Lagaffe');
  });

  it('still answers 200 to a feedback whose reaction it does not know, and logs it as unknown', async () => {
    const invoke = feedbackInvoke('like', '', { serviceUrl: h.connector.serviceUrl });
    invoke.value.actionValue.reaction = 'love';
    const res = await postActivityForResponse(h.baseUrl, invoke);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(h.logs.records().find((r) => r.msg === 'feedback without a valid reaction')).toMatchObject({ level: 40, reaction: 'unknown' });
  });

  it('does not take a message/submitAction invoke without value for feedback', async () => {
    const invoke = feedbackInvoke('like', '', { serviceUrl: h.connector.serviceUrl });
    delete invoke.value;
    const res = await postActivityForResponse(h.baseUrl, invoke);
    expect(res.status).toBe(501);
    expect(h.connector.activities).toEqual([]);
    expect(h.logs.records().some((r) => r.msg === 'turn failed')).toBe(false);
  });
});

describe('Teams feedback stored with the answer it rates', () => {
  let h: Harness;
  let dir: string;
  let db: string;
  let repository: FeedbackRepository;
  let next: AskResult = answeredResult();
  const knowledge = new FakeKnowledge(() => next);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-e2e-feedback-'));
    db = path.join(dir, 'balises.db');
    repository = openSqliteFeedbackRepository(db);
    h = await startHarness(knowledge, null, { feedback: createFeedbackService(repository, { keepQuestions: false, retentionDays: 30 }) });
  });
  afterAll(async () => {
    await h.stop();
    await repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Asks in a new conversation; returns the conversation id and the answer as the connector received it. */
  async function ask(question: string) {
    h.connector.reset();
    const activity = teamsMessage(question, { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [answer] = await h.connector.waitForMessages(activity.conversation.id, 1);
    return { conversationId: activity.conversation.id as string, answer: answer! };
  }

  it.each<[string, AskResult]>([
    ['a quoted answer', answeredResult()],
    ['an abstention', { kind: 'not_covered', language: 'fr', covered: [] }],
    ['an empty index', { kind: 'empty_index', language: 'fr' }],
  ])('offers 👍/👎 on %s', async (_name, result) => {
    next = result;
    const { answer } = await ask('Doit-on informer le citoyen?');
    expect(answer.body.channelData).toMatchObject({ feedbackLoopEnabled: true, feedbackLoop: { type: 'default' } });
  });

  it('stores a rating once, even when Teams sends the invoke twice, and the CLI reports it', async () => {
    next = answeredResult();
    const { conversationId, answer } = await ask('Doit-on informer le citoyen?');
    const ratedActivityId = answer.id;
    const invoke = feedbackInvoke('dislike', 'Pas clair', { serviceUrl: h.connector.serviceUrl, conversationId, ratedActivityId });
    for (let i = 0; i < 2; i++) {
      const res = await postActivityForResponse(h.baseUrl, invoke);
      expect(res).toMatchObject({ status: 200, body: '' });
    }
    const { io, out } = captureIo();
    expect(await run(['feedback', '--format', 'json', '--db', db], io)).toBe(0);
    const report = JSON.parse(out.stdout);
    const mine = report.ratings.filter((r: { conversationId: string }) => r.conversationId === conversationId);
    expect(mine).toEqual([expect.objectContaining({ reaction: 'dislike', outcome: 'answered', question: null })]);
    expect(mine[0].passages.map((p: { versionLabel: string }) => p.versionLabel)).toEqual(['2031', '2031']);
    expect(report.dislikedPassages[0]).toMatchObject({ passageId: 'charte-fictive@2031#principe-1:1', dislikes: 1 });
    expect(JSON.stringify(report)).not.toContain('Pas clair');
  });
});

describe('Teams feedback with its typed comment, when the policy keeps what people type', () => {
  let h: Harness;
  let dir: string;
  let db: string;
  let repository: FeedbackRepository;
  const knowledge = new FakeKnowledge(() => answeredResult());

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-e2e-feedback-comment-'));
    db = path.join(dir, 'balises.db');
    repository = openSqliteFeedbackRepository(db);
    h = await startHarness(knowledge, null, { feedback: createFeedbackService(repository, { keepQuestions: true, retentionDays: 30 }) });
  });
  afterAll(async () => {
    await h.stop();
    await repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores what the person typed in « What went wrong? », masked, and the CSV export shows it', async () => {
    const activity = teamsMessage('Doit-on informer le citoyen?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [answer] = await h.connector.waitForMessages(activity.conversation.id, 1);
    const invoke = feedbackInvoke('dislike', 'Le principe cité est le mauvais; joignez-moi au 418 555-0199', {
      serviceUrl: h.connector.serviceUrl,
      conversationId: activity.conversation.id,
      ratedActivityId: answer!.id,
    });
    expect((await postActivityForResponse(h.baseUrl, invoke)).status).toBe(200);
    const { io, out } = captureIo();
    expect(await run(['feedback', '--format', 'csv', '--db', db], io)).toBe(0);
    expect(out.stdout).toContain('Le principe cité est le mauvais; joignez-moi au [téléphone]');
    expect(out.stdout).not.toContain('555-0199');
    expect(h.logs.text()).not.toContain('principe cité');
  });

  it('masks numbers and addresses pasted with non-breaking hyphens, dashes, doubled spaces or invisible characters', async () => {
    // As a signature or a document gives them: Outlook keeps a phone number on one line with non-breaking hyphens.
    const activity = teamsMessage('Doit-on informer le citoyen?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [answer] = await h.connector.waitForMessages(activity.conversation.id, 1);
    const typed = 'Rappelez-moi au 418\u2011555\u20110199 ou au 418 – 555 – 0199; NAS 046\u2013454\u2013286 ou 046  454  286; jean\u200b.tremblay@exemple.gouv.qc.ca';
    const invoke = feedbackInvoke('dislike', typed, { serviceUrl: h.connector.serviceUrl, conversationId: activity.conversation.id, ratedActivityId: answer!.id });
    expect((await postActivityForResponse(h.baseUrl, invoke)).status).toBe(200);
    const { io, out } = captureIo();
    expect(await run(['feedback', '--format', 'json', '--db', db], io)).toBe(0);
    const comment = JSON.parse(out.stdout).ratings.find((r: { comment: string | null }) => r.comment?.startsWith('Rappelez-moi')).comment;
    expect(comment).toBe('Rappelez-moi au [téléphone] ou au [téléphone]; NAS [NAS] ou [NAS]; [courriel]');
  });

  it('masks an address or a number that crosses the length kept, rather than keeping its beginning in clear', async () => {
    const activity = teamsMessage('Doit-on informer le citoyen?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [answer] = await h.connector.waitForMessages(activity.conversation.id, 1);
    // A long paste whose signature starts just before the 1 000 characters kept.
    const typed = `Long récit fictif ${'bla '.repeat(243)}jean.tremblay@exemple.gouv.qc.ca, NAS 046 454 286`;
    expect(typed.indexOf('jean')).toBeLessThan(1_000);
    expect(typed.indexOf('.gouv')).toBeGreaterThan(1_000);
    const invoke = feedbackInvoke('dislike', typed, { serviceUrl: h.connector.serviceUrl, conversationId: activity.conversation.id, ratedActivityId: answer!.id });
    expect((await postActivityForResponse(h.baseUrl, invoke)).status).toBe(200);
    const { io, out } = captureIo();
    expect(await run(['feedback', '--format', 'json', '--db', db], io)).toBe(0);
    const comment: string = JSON.parse(out.stdout).ratings.find((r: { comment: string | null }) => r.comment?.startsWith('Long récit')).comment;
    expect(comment.length).toBeLessThanOrEqual(1_000);
    expect(comment).not.toContain('jean');
    expect(comment).toMatch(/bla \[courriel\]/);
  });

  it('stores the comment the Agents Playground sends as plain text, not in Teams’ JSON form', async () => {
    const activity = teamsMessage('Doit-on informer le citoyen?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [answer] = await h.connector.waitForMessages(activity.conversation.id, 1);
    const invoke = feedbackInvoke('dislike', '', { serviceUrl: h.connector.serviceUrl, conversationId: activity.conversation.id, ratedActivityId: answer!.id });
    invoke.value.actionValue.feedback = 'La deuxième citation est hors sujet';
    expect((await postActivityForResponse(h.baseUrl, invoke)).status).toBe(200);
    const { io, out } = captureIo();
    expect(await run(['feedback', '--format', 'json', '--db', db], io)).toBe(0);
    const comments = JSON.parse(out.stdout).ratings.map((r: { comment: string | null }) => r.comment);
    expect(comments).toContain('La deuxième citation est hors sujet');
  });
});

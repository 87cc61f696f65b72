import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

describe('Teams bot failures', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(
      new FakeKnowledge(() => {
        throw new Error('index file unreadable');
      }),
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  it('apologises with a reference id that the log also carries, without logging the message text', async () => {
    const question = 'Quelles règles pour Gaston Lagaffe, matricule 4521?';
    const activity = teamsMessage(question, { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id, 1);
    const ref = /\b([0-9a-f]{8})\b/.exec(reply!.body.text as string)?.[1];
    expect(reply!.body.text).toContain('Désolé');
    expect(ref).toBeDefined();

    const failure = h.logs.records().find((r) => r.msg === 'turn failed');
    expect(failure).toMatchObject({ referenceId: ref, activityId: activity.id, level: 50 });
    expect(failure!.err.message).toBe('index file unreadable');
    expect(h.logs.text()).not.toContain('Lagaffe');
    expect(h.logs.text()).not.toContain('4521');
  });

  it('apologises in English for an English message', async () => {
    const activity = teamsMessage('What are the rules for chatbots?', { serviceUrl: h.connector.serviceUrl, locale: 'fr-CA' });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id, 1);
    expect(reply!.body.text).toMatch(/^Sorry/);
  });

  it('logs one line per turn with activity id, route and duration', async () => {
    const activity = teamsMessage('aide', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const turn = h.logs.records().find((r) => r.msg === 'turn' && r.activityId === activity.id);
    expect(turn).toMatchObject({ route: 'help', outcome: 'handled' });
    expect(typeof turn!.durationMs).toBe('number');
  });

  it('answers 400 to a body that is not an activity', async () => {
    const res = await fetch(`${h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 42 }),
    });
    expect(res.status).toBe(400);
  });
});

describe('Teams bot input of the wrong shape', () => {
  let h: Harness;
  const knowledge = new FakeKnowledge(() => answeredResult());

  beforeAll(async () => {
    h = await startHarness(knowledge);
  });
  afterAll(async () => {
    await h.stop();
  });

  const cases: Array<[string, string, (a: Record<string, any>) => void]> = [
    ['text is a number', 'text', (a) => (a.text = 42)],
    ['text is an object', 'text', (a) => (a.text = { content: 'Lagaffe' })],
    ['entities is an object', 'entities', (a) => (a.entities = { type: 'mention' })],
    ['an entity is not an object', 'entities.0', (a) => (a.entities = [null])],
    ['locale is a number', 'locale', (a) => (a.locale = 3084)],
    ['attachments is a string', 'attachments', (a) => (a.attachments = 'politique.pdf')],
    ['type is missing', 'type', (a) => delete a.type],
  ];

  it.each(cases)('answers 400 with a short JSON error when %s, and runs no turn', async (_case, field, corrupt) => {
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    corrupt(activity);
    const res = await postActivityForResponse(h.baseUrl, activity);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { error: string; problems: string[] };
    expect(body.error).toBe('invalid activity');
    expect(body.problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
    expect(res.body.length).toBeLessThan(500);
    expect(h.connector.messages(activity.conversation.id)).toEqual([]);
    expect(knowledge.questions).toEqual([]);
    expect(h.logs.records().find((r) => r.msg === 'activity rejected' && r.problems.some((p: string) => p.startsWith(`${field}:`)))).toMatchObject({ level: 40 });
    expect(h.logs.text()).not.toContain('Lagaffe');
  });

  it('answers 400 when the body is not a JSON object', async () => {
    expect((await postActivityForResponse(h.baseUrl, ['message'])).status).toBe(400);
    expect((await postActivityForResponse(h.baseUrl, 'message')).status).toBe(400);
  });

  it('treats null optional fields as absent', async () => {
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    activity.attachments = null;
    activity.locale = null;
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id, 1);
    expect(reply!.body.text).toContain('[1]');
  });
});

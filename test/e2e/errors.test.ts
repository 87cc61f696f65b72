import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

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

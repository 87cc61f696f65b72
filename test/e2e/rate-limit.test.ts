import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

describe('per-person message rate limit', () => {
  let h: Harness;
  const knowledge = new FakeKnowledge(() => answeredResult());

  beforeAll(async () => {
    h = await startHarness(knowledge, null, { rateLimit: { burst: 5, perMinute: 1 } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers a burst, then sends one polite French notice and stays silent for the rest of a flood', async () => {
    const conversationId = 'a:conv-flood-fr';
    for (let i = 0; i < 40; i++) {
      const status = await postActivity(h.baseUrl, teamsMessage(`Question ${i} sur l’évaluation?`, { serviceUrl: h.connector.serviceUrl, conversationId }));
      expect(status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const texts = h.connector.messages(conversationId).map((m) => m.body.text as string);
    expect(texts).toHaveLength(6);
    expect(texts.filter((t) => t.includes('[1]'))).toHaveLength(5);
    expect(texts[5]).toContain('beaucoup de messages');
    expect(knowledge.questions).toHaveLength(5);
    expect(h.logs.records().filter((r) => r.msg === 'turn' && r.route === 'rate_limited')).toHaveLength(35);
  });

  it('limits each person separately and gives the notice in English to an English writer', async () => {
    const conversationId = 'a:conv-flood-en';
    for (let i = 0; i < 7; i++) {
      const activity = teamsMessage(`What about question ${i}?`, { serviceUrl: h.connector.serviceUrl, conversationId });
      activity.from = { id: '29:1-another-fictional-user', name: 'Autre Personne', aadObjectId: '00000000-0000-0000-0000-0000000000bb' };
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const texts = h.connector.messages(conversationId).map((m) => m.body.text as string);
    expect(texts).toHaveLength(6);
    expect(texts[5]).toMatch(/^You are sending many messages/);
  });
});

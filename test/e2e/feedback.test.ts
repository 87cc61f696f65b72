import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { feedbackInvoke, postActivityForResponse } from '../helpers/teams-activity.js';

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

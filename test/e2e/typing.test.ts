import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

/** teams-ai sends its first typing activity after 1 s; the slow answer outlasts it. */
const SLOW_ANSWER_MS = 1_400;

describe('typing indicator', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(
      new FakeKnowledge(async () => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
        return answeredResult();
      }),
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  it('shows typing while a slow answer is being prepared, then answers', async () => {
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const types = h.connector.activities.filter((a) => a.conversationId === activity.conversation.id).map((a) => a.body.type);
    expect(types[0]).toBe('typing');
    expect(types.at(-1)).toBe('message');
  });
});

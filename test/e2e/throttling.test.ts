import { afterEach, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

/** Teams redelivers an activity it has had no answer to after about this long. */
const TEAMS_REDELIVERY_MS = 15_000;

describe('Teams throttling the bot’s replies (429 with Retry-After)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('waits for a short Retry-After, then delivers the answer', async () => {
    h = await startHarness(new FakeKnowledge(() => answeredResult()));
    h.connector.failNext(1, 429, { 'retry-after': '1' });
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    const started = Date.now();
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(h.connector.refused).toBe(1);
    expect(reply!.body.text).toContain('[1]');
  });

  it('does not hold the turn past Teams’ redelivery window for a long Retry-After, and answers the redelivery', async () => {
    h = await startHarness(new FakeKnowledge(() => answeredResult()));
    h.connector.failNext(1, 429, { 'retry-after': '60' });
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    const started = Date.now();
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    expect(Date.now() - started).toBeLessThan(TEAMS_REDELIVERY_MS);
    expect(h.connector.messages(activity.conversation.id).some((m) => String(m.body.text).includes('[1]'))).toBe(false);
    expect(h.logs.records().find((r) => r.msg === 'turn failed' && r.activityId === activity.id)).toBeDefined();

    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const replies = await h.connector.waitForMessages(activity.conversation.id, 2);
    expect(replies.at(-1)!.body.text).toContain('[1]');
  }, 30_000);
});

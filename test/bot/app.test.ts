import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot/app.js';
import { createLogger } from '../../src/server/logger.js';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { LogCapture } from '../helpers/log-capture.js';

/** A bot on botbuilder's TestAdapter: activities go straight to the turn, with no HTTP validation in front. */
function testBot() {
  const logs = new LogCapture();
  // The adapter's logic runs only on `send`, after `bot` is initialised.
  const adapter = new TestAdapter((context) => bot.run(context));
  const bot: Bot = createBot({
    adapter: adapter as unknown as TeamsAdapter,
    knowledge: new FakeKnowledge(() => answeredResult()),
    logger: createLogger({ logLevel: 'debug' }, logs),
  });
  return { adapter, logs };
}

describe('createBot error handler', () => {
  it.each([
    ['text is an object, English client', { text: { html: '<p>?</p>' }, locale: 'en-US' }, /^Sorry/],
    ['text is a number, French client', { text: 42, locale: 'fr-CA' }, /^Désolé/],
    ['text is an object and locale a number', { text: { a: 1 }, locale: 7 }, /^Désolé/],
  ])('apologises with a reference when %s', async (_case, fields, expected) => {
    const { adapter, logs } = testBot();
    await adapter.send({ type: 'message', ...fields } as unknown as Partial<Activity>);
    const replies = adapter.activeQueue.filter((a) => a.type === 'message');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(expected);
    const failure = logs.records().find((r) => r.msg === 'turn failed');
    expect(replies[0]!.text).toContain(failure!.referenceId);
    expect(logs.records().some((r) => r.msg === 'apology could not be sent')).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/answers/types.js';
import { MAX_MESSAGE_BYTES } from '../../src/bot/render/answer.js';
import { charterSource, manyDocuments, unendingPassage } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

const PASSAGE = unendingPassage(245_000);
const COVERED = manyDocuments(401);

function script(question: string): AskResult {
  if (/météo/.test(question)) return { kind: 'not_covered', language: 'fr', covered: COVERED };
  return { kind: 'answered', language: 'fr', quotes: [{ text: PASSAGE, marker: 1 }], sources: [charterSource(1, { passageText: PASSAGE })] };
}

describe('Teams bot message size on the wire', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(new FakeKnowledge(script, manyDocuments(400)));
  });
  afterAll(async () => {
    await h.stop();
  });

  async function reply(text: string) {
    const activity = teamsMessage(text, { serviceUrl: h.connector.serviceUrl, conversationType: 'channel', mentionBot: true });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [first] = await h.connector.waitForMessages(activity.conversation.id, 1);
    return first!.body;
  }

  const wireBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body), 'utf8');

  it('sends an abstention over 401 documents under 80 KB, listing twenty and counting the others', async () => {
    const body = await reply('Quelle météo demain?');
    expect(wireBytes(body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(body.text).toContain(COVERED[0]!.title);
    expect(body.text).toContain('et 381 autres documents');
  });

  it('sends the sources list over 400 documents under 80 KB, listing twenty and counting the others', async () => {
    const body = await reply('sources');
    expect(wireBytes(body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(body.text).toContain('et 380 autres documents');
  });

  it('answers a message of one 450 000-character word (a pasted blob) like any long message, then the next question', async () => {
    // Reading the language of such a word once took minutes (a backtracking search over the whole word from every
    // position), during which the bot answered nobody: this test then ran out of time.
    const blob = await reply('é'.repeat(450_000));
    expect(blob.text).toContain('Votre message est long (450');
    const next = await reply('Que dit la directive sur la documentation?');
    expect(next.text).toContain('[1]');
  }, 60_000);

  it('sends an answer whose one quote is 245 KB under 80 KB, the quote cut at a word and marked […]', async () => {
    const body = await reply('Que dit la directive sur la documentation?');
    expect(wireBytes(body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const quoted = /^> (.*) \[…\] \[1\]$/m.exec(body.text as string)?.[1];
    expect(quoted).toBeDefined();
    expect(PASSAGE.startsWith(quoted!)).toBe(true);
    expect(PASSAGE.charAt(quoted!.length)).toBe(' ');
    const root = (body.entities as Array<Record<string, any>>).find((e) => e.type === 'https://schema.org/Message');
    expect(root!.citation.map((c: Record<string, any>) => c.position)).toEqual([1]);
  });
});

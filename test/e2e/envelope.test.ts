import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

/** Longer than any answer here, far shorter than the 10 s a missing serviceUrl cost when it reached the Bot Framework. */
const PROMPT_MS = 2_000;

describe('Teams activity envelope', () => {
  let h: Harness;
  const knowledge = new FakeKnowledge(() => answeredResult());

  beforeAll(async () => {
    h = await startHarness(knowledge);
  });
  afterAll(async () => {
    await h.stop();
  });

  const cases: Array<[string, string, (a: Record<string, any>) => void]> = [
    ['serviceUrl is missing', 'serviceUrl', (a) => delete a.serviceUrl],
    ['serviceUrl is not a URL', 'serviceUrl', (a) => (a.serviceUrl = 'smba')],
    ['conversation is missing', 'conversation', (a) => delete a.conversation],
    ['conversation has no id', 'conversation.id', (a) => delete a.conversation.id],
    ['from is missing', 'from', (a) => delete a.from],
    ['from has an empty id', 'from.id', (a) => (a.from.id = '')],
    ['recipient is missing', 'recipient', (a) => delete a.recipient],
    ['recipient has no id', 'recipient.id', (a) => delete a.recipient.id],
    // Wrong types where botbuilder builds the reply: these were told 200, then the turn failed and nothing was sent.
    ['the activity id is a number', 'id', (a) => (a.id = 12345)],
    ['channelId is a number', 'channelId', (a) => (a.channelId = 5)],
    ['the conversation type is a number', 'conversation.conversationType', (a) => (a.conversation.conversationType = 5)],
    ['the tenant id is an object', 'conversation.tenantId', (a) => (a.conversation.tenantId = { id: 't' })],
    ['from.aadObjectId is a number', 'from.aadObjectId', (a) => (a.from.aadObjectId = 5)],
    ['from.name is an object', 'from.name', (a) => (a.from.name = { first: 'Fictive' })],
    ['recipient.role is a number', 'recipient.role', (a) => (a.recipient.role = 5)],
    ['a mention names nobody', 'entities.0.mentioned', (a) => (a.entities = [{ type: 'mention', mentioned: null, text: '<at>Balises</at>' }])],
    ['a member added is null', 'membersAdded.0', (a) => Object.assign(a, { type: 'conversationUpdate', membersAdded: [null] })],
  ];

  it.each(cases)('answers 400 at once naming the field when %s, and sends nothing', async (_case, field, corrupt) => {
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    const conversationId = activity.conversation.id as string;
    corrupt(activity);
    const started = Date.now();
    const res = await postActivityForResponse(h.baseUrl, activity);
    expect(Date.now() - started).toBeLessThan(PROMPT_MS);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { error: string; problems: string[] };
    expect(body.error).toBe('invalid activity');
    expect(body.problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
    expect(h.connector.messages(conversationId)).toEqual([]);
    expect(knowledge.questions).toEqual([]);
  });

  it('answers 400 to a body nested deeper than a Teams activity ever is, and sends nothing', async () => {
    const activity = teamsMessage('Doit-on informer la personne? (imbriqué)', { serviceUrl: h.connector.serviceUrl });
    const conversationId = activity.conversation.id as string;
    // Written as text: the test's own JSON.stringify would overflow the stack on it, as the bot's did in the turn.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = JSON.stringify({ ...activity, from: { ...activity.from, extra: 0 } }).replace('"extra":0', `"extra":${deep}`);
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid activity', problems: ['body: nested deeper than 64 levels'] });
    expect(h.connector.messages(conversationId)).toEqual([]);
    expect(knowledge.questions).toEqual([]);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'type=message&text=Bonjour'],
    ['text/plain', JSON.stringify({ type: 'message', text: 'Bonjour' })],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n'],
  ])('refuses a %s body with 415 and a clear JSON error', async (contentType, body) => {
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported media type', problems: ['content-type: must be application/json'] });
    expect(knowledge.questions).toEqual([]);
  });

  it.each(['application/json', 'application/json; charset=utf-8'])('answers a %s body that starts with a UTF-8 byte-order mark like any other', async (contentType) => {
    const activity = teamsMessage('Doit-on informer la personne? (BOM)', { serviceUrl: h.connector.serviceUrl });
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(activity), 'utf8')]);
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status, await res.text()).toBeLessThan(300);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id as string, 1);
    expect(reply).toBeDefined();
  });
});

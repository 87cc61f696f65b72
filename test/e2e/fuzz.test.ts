import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_VERBS, REVIEW_VERBS } from '../../src/bot/cards/verbs.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, type TeamsUser } from '../helpers/card-activities.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { teamsMessage } from '../helpers/teams-activity.js';

/** Fixed, so a failure in CI replays the same inputs; fast-check prints the counterexample and its path. */
const SEED = 7_2026;
const RUNS = 120;

const DECLARANT: TeamsUser = { id: '29:fuzz-fictif', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000f0' };

/** What a stack trace or an internal error looks like once it leaks into a body or a message. */
const LEAK = /\n\s+at |\bat [\w$.<>]+ \(|node_modules|\.ts:\d+|TypeError|ReferenceError|SyntaxError|ZodError|SQLITE_/;

describe('hostile and random input over HTTP (fast-check)', () => {
  let dataDir: string;
  let connector: FakeConnector;
  let running: RunningBalises;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-fuzz-'));
    connector = await new FakeConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '100000' });
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(body: unknown): Promise<{ status: number; text: string }> {
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }

  /** Every message the bot sent says something and leaks nothing. */
  function expectCleanReplies(conversationId: string): void {
    for (const reply of connector.messages(conversationId)) {
      const text = JSON.stringify(reply.body);
      expect(text).not.toMatch(LEAK);
      const said = typeof reply.body.text === 'string' && reply.body.text.trim().length > 0;
      expect(said || (reply.body.attachments?.length ?? 0) > 0).toBe(true);
    }
  }

  it('answers any mutation of a Teams message with 200 or a clear 400, never 500 and never a stack trace', async () => {
    const field = fc.constantFrom('type', 'text', 'locale', 'entities', 'attachments', 'value', 'from', 'recipient', 'conversation', 'serviceUrl', 'channelId', 'id', 'timestamp', 'channelData', 'replyToId', 'textFormat', 'name');
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
        fc.array(field, { maxLength: 2 }),
        async (text, overrides, removed) => {
          const conversationId = `a:fuzz-${Math.random().toString(36).slice(2)}`;
          const activity: Record<string, unknown> = { ...teamsMessage(text, { serviceUrl: connector.serviceUrl, conversationId }), ...overrides };
          for (const key of removed) delete activity[key];
          const res = await post(activity);
          expect([200, 400]).toContain(res.status);
          expect(res.text).not.toMatch(LEAK);
          if (res.status === 400) expect(JSON.parse(res.text)).toMatchObject({ error: 'invalid activity', problems: expect.any(Array) });
          expectCleanReplies(conversationId);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 240_000);

  it('answers any card payload with a card or a message, never 500, 501 or a stack trace', async () => {
    const verbs = [...Object.values(DECLARATION_VERBS), ...Object.values(REVIEW_VERBS)];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...verbs), fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 1 })),
        fc.oneof(
          fc.dictionary(fc.constantFrom('declarationId', 'revision', 'step', 'values', 'name', 'purpose', 'category', 'portefeuille', 'comment', 'decision'), fc.jsonValue({ maxDepth: 2 })),
          fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
        ),
        async (verb, data) => {
          const conversationId = `a:fuzz-card-${Math.random().toString(36).slice(2)}`;
          const res = await post(cardAction(verb, data, { serviceUrl: connector.serviceUrl, from: DECLARANT, conversationId }));
          expect(res.status).toBe(200);
          expect(res.text).not.toMatch(LEAK);
          const body = JSON.parse(res.text) as { statusCode: number; type: string; value: unknown };
          expect(body.statusCode).toBe(200);
          expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message']).toContain(body.type);
          expectCleanReplies(conversationId);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 240_000);
});

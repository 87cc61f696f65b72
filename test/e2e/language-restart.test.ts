import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import type { Json } from '../helpers/card-walk.js';

/**
 * A person whose Teams client is in French but who writes in English: `sources`, whose word says no language, is
 * answered in English, and still is after the bot restarts (the language they last wrote in is stored, not only
 * held in the process's memory).
 */

const WRITER: TeamsUser = { id: '29:anglophone', name: 'Robin Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000000e1' };
const ENGLISH_EMPTY = /^No document is indexed yet/;
const FRENCH_EMPTY = /^Aucun document n’est encore indexé/;

describe('the language a person last wrote in, across a restart, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises | undefined;
  const me = (extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from: WRITER,
    conversationId: `a:personal-${WRITER.aadObjectId}`,
    locale: 'fr-CA',
    ...extra,
  });

  async function say(text: string, options: ConversationOptions): Promise<Json> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running!.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1, 15_000);
    return connector.messages(options.conversationId)[before]!.body;
  }

  const startBot = async () => {
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-language-restart-'));
    connector = await new CardConnector().start();
    await startBot();
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers `sources` in English after a restart to a person who wrote English under a French client', async () => {
    expect(String((await say('sources', me())).text)).toMatch(FRENCH_EMPTY);
    await say('What are the rules for citizens?', me());
    expect(String((await say('sources', me())).text)).toMatch(ENGLISH_EMPTY);

    await running!.stop();
    running = undefined;
    await startBot();

    expect(String((await say('sources', me())).text)).toMatch(ENGLISH_EMPTY);
    // Per conversation: the same person elsewhere, who wrote nothing there, still gets their client's language.
    expect(String((await say('sources', me({ conversationId: 'a:autre-conversation' }))).text)).toMatch(FRENCH_EMPTY);
    // And a French message switches them back, across a restart too.
    await say('Quelles sont les règles pour les citoyens?', me());
    await running!.stop();
    await startBot();
    expect(String((await say('sources', me())).text)).toMatch(FRENCH_EMPTY);
  });
});

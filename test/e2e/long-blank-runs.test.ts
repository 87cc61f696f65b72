import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const ADMIN: TeamsUser = { id: '29:admin-blancs', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000e2' };
const EMPLOYEE: TeamsUser = { id: '29:employe-blancs', name: 'Camille Employée', aadObjectId: '0000000f-0000-4000-8000-0000000000e1' };
/** A run of spaces as long as a message Teams lets a person paste (about 28 KB), before a last word. */
const BLANKS = ' '.repeat(28_000);

/**
 * How long these turns take is a speed target, measured by `npm run bench` (« hostile command texts », p95 ≤ 1 s, on
 * the spawned server): here each must be answered, the next person too, within the waits below (a run read in cubic
 * time, hours at these lengths, never is).
 */
describe('a message whose command word is followed by a long run of spaces, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (n: number): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: EMPLOYEE, conversationId: `a:personal-blancs-${n}` });

  beforeAll(async () => {
    dataDir = await dataDirWith(path.resolve(import.meta.dirname, '../fixtures/charte-fictive-ia.md'), 'balises-blancs-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '100', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
    // The first question builds the query analysis (about a second): not what is timed below.
    await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage('Que dit le principe de clarté?', as(0))) });
    await connector.waitFor((c) => c.conversationId === as(0).conversationId && c.body.type === 'message', 1, 20_000);
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Each command's pattern read the run of spaces in quadratic time (1.3 s of the one thread every conversation
  // shares, at 28 000 spaces), and « retirer » in cubic time (27 s at 4 000 spaces, hours at 28 000), whoever sent it.
  it.each([
    'retirer a',
    'withdraw a',
    'retirer : a',
    'rétablir a b',
    'historique a',
    '/publier x',
    '/source a b',
    'sources',
    'aide',
    'propositions',
    'signalements',
    'signalement traité a',
    'mes déclarations',
    '/déclarer',
    'gouvernance enregistrer',
    'inventaire !',
  ])('« %s » then 28 000 spaces and a word is answered, as is the next person', async (words) => {
    const n = 1 + Math.floor(Math.random() * 1e9);
    const post = (text: string, options: ConversationOptions) =>
      fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    const turns = [post(`${words}${BLANKS}y`, as(n)), post('Que dit le principe de loyauté?', as(n + 1))];
    for (const options of [as(n), as(n + 1)]) await connector.waitFor((c) => c.conversationId === options.conversationId && c.body.type === 'message', 1, 20_000);
    expect((await Promise.all(turns)).map((res) => res.status)).toEqual([200, 200]);
  }, 30_000);

  it.each(['retirer x', 'signalement traité x'])('« %s » then 28 000 « ! » and more words is answered, as is the next person', async (words) => {
    const post = (text: string, options: ConversationOptions) =>
      fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    const [mine, next] = [as(2_000_000_001 + words.length), as(2_000_000_101 + words.length)];
    // The tail of these patterns read the run, at each of its characters, to the end of the run: 10 s here.
    const turns = [post(`${words}${'!'.repeat(28_000)}y z`, mine), post('Que dit le principe de loyauté?', next)];
    for (const options of [mine, next]) await connector.waitFor((c) => c.conversationId === options.conversationId && c.body.type === 'message', 1, 20_000);
    expect((await Promise.all(turns)).map((res) => res.status)).toEqual([200, 200]);
  }, 30_000);

  it('an admin’s « rétablir » followed by a pasted text of 9 000 words is answered', async () => {
    const options: ConversationOptions = { serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: 'a:personal-admin-blancs' };
    // Each leading run of words was looked up as a title: minutes for a message Teams lets through.
    const turn = fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(`rétablir a x ${'IA '.repeat(9_000)}y`, options)) });
    await connector.waitFor((c) => c.conversationId === options.conversationId && c.body.type === 'message', 1, 60_000);
    expect((await turn).status).toBe(200);
  }, 90_000);
});

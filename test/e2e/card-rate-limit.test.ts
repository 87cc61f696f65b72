import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';

/**
 * Card presses (Action.Execute) have a per-person limit of their own, as messages and searches do: before, a script
 * replaying presses was never held. Over it, the press is answered with words and not acted on, and the card stays
 * as it was: the same press, once the wait is over, carries on the declaration with its saved answers.
 */

const DECLARANT: TeamsUser = { id: '29:declarant-presse', name: 'Personne Pressée', aadObjectId: '0000000c-0000-4000-8000-0000000000a1' };
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
/** A declarant who writes English, and a governance admin whose Teams is in French. */
const ENGLISH_DECLARANT: TeamsUser = { id: '29:declarant-anglais', name: 'English Writer', aadObjectId: '0000000c-0000-4000-8000-0000000000c3' };
const ADMIN: TeamsUser = { id: '29:admin-presse', name: 'Admin Fictive', aadObjectId: '0000000c-0000-4000-8000-0000000000ad' };
const CHANNEL = '19:gouvernance-presse@thread.tacv2';
/** Someone replaying presses with a script of their own. */
const SCRIPT: TeamsUser = { id: '29:script-presse', name: 'Script Fictif', aadObjectId: '0000000c-0000-4000-8000-0000000000b2' };
/** RATE_LIMIT_PER_MINUTE below: 3 messages, so 9 card presses, a minute; one press comes back every 6.7 s. */
const ONE_PRESS_MS = 60_000 / 9;

describe('the per-person limit on card presses', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const me: () => ConversationOptions = () => ({ serviceUrl: connector.serviceUrl, from: DECLARANT, conversationId: `a:personal-${DECLARANT.aadObjectId}` });

  async function say(text: string): Promise<Json> {
    const before = connector.messages(me().conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, me())) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === me().conversationId && c.body.type === 'message', before + 1);
    return connector.messages(me().conversationId)[before]!.body;
  }
  const press = async (verb: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}, from: ConversationOptions = me()): Promise<Json> => {
    const activity = cardAction(verb, data, from);
    Object.assign(activity.value, extra);
    const res = await invoke(running.url, activity);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** A step's inputs filled with the fictional valid declaration's answers. */
  const filled = (card: Json): Record<string, string> => {
    const draft = validDraft();
    return inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-card-limit-'));
    connector = await new CardConnector().start();
    // Burst 2 messages, so 6 presses; 3 messages a minute, so 9 presses.
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ORGANISME_PUBLIC: 'Office fictif des permis', RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '3', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so in words, acts on nothing, and the same press works after the wait with the answers already saved', async () => {
    const step1 = (await say('/déclarer')).attachments[0].content;
    expect(cardText(step1)).toContain('Étape 1 sur 3');
    const next1 = await press('declaration.next', { ...actionData(step1), ...filled(step1) });
    expect(next1.type).toBe(CARD_TYPE);
    const step2 = next1.value;
    expect(cardText(step2)).toContain('Étape 2 sur 3');

    // A flood of presses empties the bucket: those over it are answered with words, never left spinning.
    const flood = await Promise.all(Array.from({ length: 10 }, () => press('declaration.list_mine', { lang: 'fr' })));
    expect(flood.filter((b) => b.type === CARD_TYPE).length).toBeLessThanOrEqual(5);
    expect(flood.filter((b) => b.type === MESSAGE_TYPE).length).toBeGreaterThanOrEqual(5);

    const typed = { ...actionData(step2), ...filled(step2) };
    const held = await press('declaration.next', typed);
    expect(held).toEqual({
      statusCode: 200,
      type: MESSAGE_TYPE,
      value:
        'Vous appuyez sur beaucoup de boutons en peu de temps\u00a0: je n’ai pas traité celui-ci. Rien n’est perdu, la fiche garde ce que vous y avez saisi\u00a0: attendez quelques secondes, puis appuyez de nouveau sur le bouton.',
    });
    // In the card's language: an English card's press is told in English.
    expect((await press('declaration.list_mine', { lang: 'en' })).value).toBe(
      'You are pressing many buttons in a short time: I did not act on this one. Nothing is lost, the card keeps what you typed in it: wait a few seconds, then press the button again.',
    );
    // A Universal Actions automatic refresh (the review card's: Teams sends it by itself) is no press: never held.
    const refresh = await press('review.refresh', { declarationId: actionData(step1).declarationId, lang: 'fr' }, { trigger: 'automatic' });
    expect(refresh.type).toBe(CARD_TYPE);

    await new Promise((resolve) => setTimeout(resolve, ONE_PRESS_MS + 500));
    const step3 = await press('declaration.next', typed);
    expect(step3.type).toBe(CARD_TYPE);
    expect(cardText(step3.value)).toContain('Étape 3 sur 3');
    // The draft holds both steps' answers: /déclarer resumes it at the first step still to fill, the third.
    const resumed = (await say('/déclarer')).attachments[0].content;
    expect(actionData(resumed).declarationId).toBe(actionData(step1).declarationId);
    expect(cardText(resumed)).toContain('Étape 3 sur 3');
  }, 30_000);

  it('holds presses a script marks as automatic refreshes: only a card’s refresh is exempt', async () => {
    const script: ConversationOptions = { serviceUrl: connector.serviceUrl, from: SCRIPT, conversationId: `a:personal-${SCRIPT.aadObjectId}` };
    const flood = await Promise.all(Array.from({ length: 10 }, () => press('declaration.list_mine', { lang: 'fr' }, { trigger: 'automatic' }, script)));
    expect(flood.filter((b) => b.type === MESSAGE_TYPE).length).toBeGreaterThanOrEqual(4);
    expect(flood.find((b) => b.type === MESSAGE_TYPE)?.value).toContain('Vous appuyez sur beaucoup de boutons en peu de temps');
    // The review card's refresh, which Teams sends by itself, is answered all the same.
    const refresh = await press('review.refresh', { declarationId: 'inconnue', lang: 'fr' }, { trigger: 'automatic' }, script);
    expect(refresh.type).toBe(CARD_TYPE);
  });

  it('tells a governance admin over the limit in the review card’s language, not their client’s', async () => {
    const { message: send, say: sayAs, press: pressAs } = cardConversation(() => running.url, () => connector);
    const inChannel: ConversationOptions = { serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: CHANNEL, conversationType: 'channel', locale: 'fr-CA' };
    await send('gouvernance enregistrer', inChannel);
    const english: ConversationOptions = { serviceUrl: connector.serviceUrl, from: ENGLISH_DECLARANT, conversationId: `a:personal-${ENGLISH_DECLARANT.aadObjectId}`, locale: 'en-US' };
    let step = await sayAs('/declare', english);
    for (;;) {
      const verb = executeActions(step).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      step = await pressAs(verb, { ...actionData(step, verb), ...filled(step) }, english);
      if (verb === 'declaration.submit') break;
    }
    const [posted] = await connector.waitFor((c) => c.conversationId === CHANNEL && c.body.type === 'message' && /Declaration to review/.test(JSON.stringify(c.body)));
    // « Refuser » without a comment records nothing (a comment is required): pressed again and again.
    const reject = actionData(cardOf(posted!), 'review.reject');
    const flood = await Promise.all(Array.from({ length: 10 }, () => press('review.reject', reject, {}, inChannel)));
    const held = flood.filter((b) => b.type === MESSAGE_TYPE);
    expect(held.length).toBeGreaterThanOrEqual(4);
    for (const body of held) expect(body.value).toMatch(/^You are pressing many buttons in a short time/);
  }, 30_000);
});

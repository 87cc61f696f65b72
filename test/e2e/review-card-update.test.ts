import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, type ConnectorCall } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * The review card posted in the governance channel follows the declaration: a change made elsewhere (the declarant
 * taking it back to draft from their chat, a reviewer taking it or deciding from « Examiner » on the inventory)
 * replaces that very message (`PUT …/activities/{id}`, through the outbox) instead of leaving its buttons, over
 * HTTP with the fake connector as Teams' connector answers.
 */

const ADMIN: TeamsUser = { id: '29:admin-carte-suit', name: 'Admin Carte', aadObjectId: '0000000f-0000-4000-8000-0000000000a1' };
const ADMIN_TWO: TeamsUser = { id: '29:admin-carte-deux', name: 'Admin Autre', aadObjectId: '0000000f-0000-4000-8000-0000000000a2' };
const CHANNEL = '19:gouvernance-carte-suivie@thread.tacv2';

const declarant = declarants('declarant-carte', 'Déclarant Carte', '0000000f-0000-4000-8000-0000000000');

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('the governance channel’s review card kept up to date, over HTTP', () => {
  const { bot, press, as, submitted } = reviewBot('balises-card-update', [ADMIN, ADMIN_TWO], CHANNEL, { bot: 48301, connector: 48302 });
  const verbs = (card: Json) => executeActions(card).map((a) => a.verb as string).filter((v) => v !== 'review.refresh');

  /** The channel's review card message of `declarationId` (the post the connector answered). */
  function channelPost(declarationId: string): ConnectorCall {
    const post = bot.connector.messages(CHANNEL).find((c) => JSON.stringify(c.body).includes(declarationId) && c.body.attachments?.[0]?.content?.actions);
    expect(post).toBeDefined();
    return post!;
  }

  /** The updates (PUT) of message `activityId` in the channel whose card text contains `words`, once one has come. */
  async function updated(activityId: string, words: string): Promise<Json> {
    const matching = (c: ConnectorCall) => c.method === 'PUT' && c.conversationId === CHANNEL && c.activityId === activityId && plain(c.body.attachments?.[0]?.content).includes(words);
    const found = await bot.connector.waitFor(matching, 1, 10_000);
    return found.at(-1)!.body.attachments[0].content;
  }

  const channelNotices = () => bot.connector.messages(CHANNEL).filter((c) => plain(c.body.attachments?.[0]?.content).includes('n’est plus à examiner'));

  it('turns the card into « reprise en brouillon » when the declarant takes it back, with no extra message in the channel', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];
    const post = channelPost(declarationId);
    const before = bot.connector.messages(CHANNEL).length;

    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user));

    const card = await updated(post.answeredId, 'Déclaration reprise en brouillon');
    expect(plain(card)).toContain(`Déclaration reprise en brouillon : ${publicId}`);
    expect(plain(card)).toContain(`${user.name} a repris cette déclaration en brouillon le `);
    expect(verbs(card)).toEqual([]);
    // On the wire as Teams' connector takes an update: the message's id in the path and the body, an Adaptive Card.
    const put = bot.connector.calls.find((c) => c.method === 'PUT' && c.activityId === post.answeredId)!;
    expect(put.body).toMatchObject({ type: 'message', id: post.answeredId, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    // The card is the news: no notice is posted under it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.connector.messages(CHANNEL)).toHaveLength(before);
    expect(channelNotices().filter((c) => JSON.stringify(c.body).includes(publicId))).toEqual([]);
  });

  it('shows a take and a decision made from « Examiner » on the channel’s card, for everyone', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const post = channelPost(declarationId);
    const fromInventory = { inventory: { filter: 'submitted', lang: 'fr' } };

    const opened = await press('review.open', { declarationId, lang: 'fr', ...fromInventory }, as(ADMIN));
    await press('review.take', actionData(opened, 'review.take'), { ...as(ADMIN), replyToId: 'list-1' });
    const taken = await updated(post.answeredId, 'En examen par Admin Carte');
    expect(verbs(taken)).toEqual(['review.approve', 'review.request_changes', 'review.reject', 'review.release']);

    // Another reviewer, on the channel's card as it now reads, sees the take and decides from their own « Examiner ».
    const again = await press('review.open', { declarationId, lang: 'fr', ...fromInventory }, as(ADMIN_TWO));
    await press('review.approve', { ...actionData(again, 'review.approve'), comment: 'Conforme.' }, { ...as(ADMIN_TWO), replyToId: 'list-2' });
    const decided = await updated(post.answeredId, 'approuvée');
    expect(plain(decided)).toContain('Décision : approuvée, par Admin Autre');
    expect(verbs(decided)).toEqual([]);
  });

  it('falls back to a notice in the channel when the card was deleted, and stops updating it', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];
    const post = channelPost(declarationId);
    bot.connector.deleteMessage(CHANNEL, post.answeredId);

    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user));

    const [notice] = await bot.connector.waitFor((c) => c.method === 'POST' && c.conversationId === CHANNEL && plain(c.body.attachments?.[0]?.content).includes(`${publicId}`) && plain(c.body.attachments?.[0]?.content).includes('n’est plus à examiner'), 1, 10_000);
    expect(plain(notice!.body.attachments[0].content)).toContain(`n’est plus à examiner** : ${user.name} l’a reprise en brouillon le `);
    expect(bot.connector.refused.filter((c) => c.method === 'PUT' && c.activityId === post.answeredId)).toHaveLength(1);
  });

  it('retries an update the connector refuses for a while, as any outbox item', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const post = channelPost(declarationId);
    bot.connector.failNext(CHANNEL, 503, 1);

    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user));

    await updated(post.answeredId, 'Déclaration reprise en brouillon');
    expect(bot.connector.refused.filter((c) => c.method === 'PUT' && c.activityId === post.answeredId)).toHaveLength(1);
  });
});

describe('a review card update refused until a restart, over HTTP', () => {
  const RESTART_CHANNEL = '19:gouvernance-carte-redemarrage@thread.tacv2';
  let dataDir = '';
  let connector: CardConnector;
  let running: RunningBalises | undefined;
  const boot = async () => {
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '48311', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  };
  const conversation = cardConversation(() => running!.url, () => connector);
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-card-update-restart-'));
    connector = await new CardConnector().start(48312);
    await boot();
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('updates the card once the restarted bot reaches Teams again', async () => {
    const user = declarant();
    await conversation.message('gouvernance enregistrer', { ...as(ADMIN), conversationId: `${RESTART_CHANNEL};messageid=7`, conversationType: 'channel' });
    const draft = validDraft();
    let card = await conversation.say('/déclarer', as(user));
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await conversation.press(verb, { ...actionData(card, verb), ...values }, as(user));
      if (verb === 'declaration.submit') break;
    }
    const [post] = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === RESTART_CHANNEL && JSON.stringify(c.body).includes(user.name), 1, 10_000);
    const declarationId = actionData(post!.body.attachments[0].content, 'review.take').declarationId as string;

    connector.failNext(RESTART_CHANNEL, 503, 1_000);
    await conversation.press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user));
    await expect.poll(() => connector.refused.filter((c) => c.method === 'PUT' && c.activityId === post!.answeredId).length, { timeout: 10_000 }).toBeGreaterThan(0);

    await running!.stop();
    running = undefined;
    connector.failNext(RESTART_CHANNEL, 503, 0);
    await boot();

    const [update] = await connector.waitFor((c) => c.method === 'PUT' && c.activityId === post!.answeredId, 1, 20_000);
    expect(plain(update!.body.attachments[0].content)).toContain('Déclaration reprise en brouillon');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.calls.filter((c) => c.method === 'PUT' && c.activityId === post!.answeredId)).toHaveLength(1);
    // The card is the only message in the channel: no notice was posted beside the update.
    expect(connector.messages(RESTART_CHANNEL)).toHaveLength(1);
  });
});

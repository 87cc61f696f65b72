import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import type { ConnectorCall } from '../helpers/card-connector.js';
import { actionData, cardText, executeActions, type Json } from '../helpers/card-walk.js';
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

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { cardOf } from '../helpers/card-connector.js';
import { actionData, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * « Prendre en charge » (Take for review) on the review card, over HTTP as Teams sends it: the declaration rests in
 * review, the channel's card says who has it and since when for every reviewer, the declarant is told and sees it in
 * « mes déclarations », and late presses (a colleague first, a decision meanwhile, a double press) record nothing
 * and say so.
 */

const ADMIN: TeamsUser = { id: '29:admin-examen-un', name: 'Admin Premier', aadObjectId: '0000000d-0000-4000-8000-0000000000a1' };
const ADMIN_TWO: TeamsUser = { id: '29:admin-examen-deux', name: 'Admin Second', aadObjectId: '0000000d-0000-4000-8000-0000000000a2' };
const CHANNEL = '19:gouvernance-en-examen@thread.tacv2';
const NBSP = '\u00a0';

/** A new declarant each time: each test declares its own use case. */
const declarant = declarants('declarant-examen', 'Déclarant Examen', '0000000d-0000-4000-8000-0000000000');

describe('taking a declaration for review from its review card, over HTTP', () => {
  const { bot, say, press, personal, as, inChannel, submitted } = reviewBot('balises-review-take', [ADMIN, ADMIN_TWO], CHANNEL);
  const verbs = (card: Json) => executeActions(card).map((a) => a.verb as string).filter((v) => v !== 'review.refresh');
  /** The events of a declaration as stored, read from the bot's SQLite file by a second connection. */
  async function storedEvents(declarationId: string) {
    const repository = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
    try {
      return (await repository.events(declarationId)).map((e) => `${e.from}→${e.to} ${e.actor.name}`);
    } finally {
      await repository.close();
    }
  }

  /** The declarant's notices (cards in their personal chat) whose text contains `words`, once `count` have come. */
  async function notices(user: TeamsUser, words: string, count = 1): Promise<string[]> {
    const matching = (body: Json) => body.type === 'message' && cardText(body.attachments?.[0]?.content).includes(words);
    await bot.connector.waitFor((c) => c.method === 'POST' && c.conversationId === personal(user) && matching(c.body), count, 10_000);
    return bot.connector.messages(personal(user)).filter((c) => matching(c.body)).map((c) => cardText(c.body.attachments[0].content));
  }

  it('puts it in review for everyone, tells the declarant, and decides from there after that one in_review event', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    expect(verbs(channelCard)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject']);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];

    const taken = await press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN));
    const takenText = cardText(taken);
    expect(takenText).toContain(`En examen par Admin Premier depuis le `);
    expect(takenText).toMatch(/depuis le \d{1,2}(er)? \S+ \d{4} à/u);
    expect(verbs(taken)).toEqual(['review.approve', 'review.request_changes', 'review.reject', 'review.release']);
    expect(inputs(taken).map((i) => i.label)).toEqual([expect.stringContaining('Commentaire')]);

    // The channel's message is updated for everyone, as a decision updates it.
    const [update] = await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === 'msg-1' && JSON.stringify(c.body).includes(declarationId));
    expect(cardText(cardOf(update!))).toContain('En examen par Admin Premier');
    // And the automatic refresh gives the other reviewers the same card.
    const refreshed = await press('review.refresh', { declarationId }, inChannel(ADMIN_TWO));
    expect(cardText(refreshed)).toContain('En examen par Admin Premier');
    expect(verbs(refreshed)).not.toContain('review.take');

    // The declarant is told, in their chat, and their list and view say « En examen ».
    const [notice] = await notices(user, 'est en examen');
    expect(notice).toContain(`Votre déclaration ${publicId} «${NBSP}`);
    expect(notice).toContain(`est en examen${NBSP}: Admin Premier l’a prise en charge.`);
    const mine = cardText(await say('mes déclarations', as(user)));
    expect(mine).toContain('En examen');
    const view = await press('declaration.view', { declarationId, lang: 'fr' }, as(user));
    expect(cardText(view)).toContain('En examen par Admin Premier depuis le ');

    // `inventaire en examen` lists it now.
    const listed = cardText(await say('inventaire en examen', inChannel(ADMIN)));
    expect(listed).toContain(validDraft().name as string);
    expect(listed).toContain(`${publicId} · En examen`);
    expect(listed).toContain('En examen par Admin Premier depuis le ');

    const approved = await press('review.approve', actionData(taken, 'review.approve'), inChannel(ADMIN_TWO));
    expect(cardText(approved)).toContain('Décision\u00a0: approuvée, par Admin Second');
    expect(await storedEvents(declarationId)).toEqual([
      `null→draft ${user.name}`,
      `draft→submitted ${user.name}`,
      'submitted→in_review Admin Premier',
      'in_review→approved Admin Second',
    ]);
    // The decision notice follows the notice « en examen », which is not sent again.
    await notices(user, 'approuvée');
    expect(await notices(user, 'est en examen')).toHaveLength(1);
  });

  it('still decides straight from submitted, with the in_review event written with the decision', async () => {
    const channelCard = await submitted(declarant());
    const declarationId = actionData(channelCard, 'review.approve').declarationId as string;
    await press('review.reject', { ...actionData(channelCard, 'review.reject'), comment: 'Hors champ fictif.' }, inChannel(ADMIN));
    expect((await storedEvents(declarationId)).slice(2)).toEqual(['submitted→in_review Admin Premier', 'in_review→rejected Admin Premier']);
    // Taken by a colleague on the card not refreshed yet: nothing recorded, and said so, with what they had typed.
    const lateCard = await press('review.take', { ...actionData(channelCard, 'review.take'), comment: 'Note fictive sur l’hébergement.' }, inChannel(ADMIN_TWO));
    const late = cardText(lateCard);
    expect(late).toContain(`Cette déclaration avait déjà été examinée${NBSP}: votre choix «${NBSP}Prendre en charge${NBSP}» n’a pas été enregistré.`);
    expect(late).toContain(`Votre commentaire, non enregistré${NBSP}: Note fictive sur l’hébergement.`);
    expect(late).toContain('Décision\u00a0: refusée, par Admin Premier');
    expect(verbs(lateCard)).toEqual([]);
    expect(await storedEvents(declarationId)).toHaveLength(4);
  });

  it('tells the second of two reviewers who took it first, keeps what they typed, and takes a double press once', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const data = actionData(channelCard, 'review.take');
    const typed = ['Je regardais les données fictives.', 'Je regardais l’hébergement fictif.'];
    const cards = await Promise.all([
      press('review.take', { ...data, comment: typed[0] }, inChannel(ADMIN)),
      press('review.take', { ...data, comment: typed[1] }, inChannel(ADMIN_TWO)),
    ]);
    const texts = cards.map(cardText);
    const lost = texts.findIndex((t) => t.includes('n’a pas été enregistré'));
    expect(lost).toBeGreaterThanOrEqual(0);
    const winner = lost === 0 ? 'Admin Second' : 'Admin Premier';
    expect(texts[lost]).toContain(`${winner} a déjà pris en charge cette déclaration${NBSP}: votre choix «${NBSP}Prendre en charge${NBSP}» n’a pas été enregistré.`);
    expect(texts[1 - lost]).not.toContain('n’a pas été enregistré');
    // Each keeps what they typed, in the input, to decide with.
    expect(cards.map((card) => inputValues(card).comment)).toEqual(typed);
    expect(verbs(cards[lost]!)).toEqual(['review.approve', 'review.request_changes', 'review.reject', 'review.release']);

    const again = await press('review.take', data, inChannel(winner === 'Admin Premier' ? ADMIN : ADMIN_TWO));
    expect(cardText(again)).not.toContain('n’a pas été enregistré');
    expect((await storedEvents(declarationId)).filter((e) => e.startsWith('submitted→in_review'))).toEqual([`submitted→in_review ${winner}`]);
    await notices(user, 'est en examen');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await notices(user, 'est en examen')).toHaveLength(1);
  });

  it('hands it back to the queue with « Remettre en attente », and says so to a late second press', async () => {
    const channelCard = await submitted(declarant());
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const taken = await press('review.take', { ...actionData(channelCard, 'review.take'), comment: 'Brouillon de réponse fictif.' }, inChannel(ADMIN));
    // What was typed before taking it is still in the input.
    expect(inputValues(taken).comment).toBe('Brouillon de réponse fictif.');
    const released = await press('review.release', actionData(taken, 'review.release'), inChannel(ADMIN_TWO));
    expect(cardText(released)).not.toContain('En examen par');
    expect(verbs(released)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject']);
    const late = cardText(await press('review.release', actionData(taken, 'review.release'), inChannel(ADMIN)));
    expect(late).toContain(`Cette déclaration n’est plus en examen${NBSP}: votre choix «${NBSP}Remettre en attente${NBSP}» n’a pas été enregistré.`);
    expect((await storedEvents(declarationId)).slice(2)).toEqual(['submitted→in_review Admin Premier', 'in_review→submitted Admin Second']);
  });

  it('says that « Remettre en attente » pressed after the same reviewer’s own decision was not recorded, with the comment typed', async () => {
    const channelCard = await submitted(declarant());
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const taken = await press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN));
    await press('review.approve', actionData(taken, 'review.approve'), inChannel(ADMIN));
    // The taken card, still open in another window, is pressed by the reviewer who approved it.
    const late = cardText(await press('review.release', { ...actionData(taken, 'review.release'), comment: 'Note fictive à garder.' }, inChannel(ADMIN)));
    expect(late).toContain(`Cette déclaration avait déjà été examinée${NBSP}: votre choix «${NBSP}Remettre en attente${NBSP}» n’a pas été enregistré.`);
    expect(late).toContain(`Votre commentaire, non enregistré${NBSP}: Note fictive à garder.`);
    expect((await storedEvents(declarationId)).slice(2)).toEqual(['submitted→in_review Admin Premier', 'in_review→approved Admin Premier']);
  });

  /** Waits until every notice of the declaration to its declarant is closed (delivered or made obsolete). */
  async function declarantNoticesSettled(declarationId: string): Promise<void> {
    for (let tries = 0; tries < 200; tries++) {
      const repository = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
      try {
        const notices = (await repository.notifications(declarationId)).filter((n) => n.kind === 'decision_notice');
        if (notices.every((n) => n.deliveredAt !== null || n.attemptLog.some((a) => a.outcome === 'obsolete'))) return;
      } finally {
        await repository.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('declarant notices still pending');
  }

  it('tells the declarant once when the same reviewer hands it back and takes it again, and again when another reviewer takes it', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const taken = await press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN));
    await notices(user, 'est en examen');
    const released = await press('review.release', actionData(taken, 'review.release'), inChannel(ADMIN));
    const again = await press('review.take', actionData(released, 'review.take'), inChannel(ADMIN));
    await declarantNoticesSettled(declarationId);
    expect(await notices(user, 'est en examen')).toEqual([expect.stringContaining(`Admin Premier l’a prise en charge`)]);

    const releasedAgain = await press('review.release', actionData(again, 'review.release'), inChannel(ADMIN));
    await press('review.take', actionData(releasedAgain, 'review.take'), inChannel(ADMIN_TWO));
    const told = await notices(user, 'est en examen', 2);
    expect(told).toEqual([expect.stringContaining('Admin Premier l’a prise en charge'), expect.stringContaining('Admin Second l’a prise en charge')]);
  });

  it('refuses « . » as a request for changes or a refusal, says to write it in words, and gives the text back', async () => {
    const channelCard = await submitted(declarant());
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const card = await press('review.request_changes', { ...actionData(channelCard, 'review.request_changes'), comment: ' . ' }, inChannel(ADMIN));
    expect(inputs(card)[0]!.label).toContain(`le commentaire doit dire en mots ce qu’il faut changer, ou pourquoi la déclaration est refusée.`);
    expect(inputValues(card).comment).toBe(' . ');
    const refused = await press('review.reject', { ...actionData(card, 'review.reject'), comment: '?!' }, inChannel(ADMIN));
    expect(inputs(refused)[0]!.label).toContain('ce qu’il faut changer, ou pourquoi la déclaration est refusée');
    expect(inputValues(refused).comment).toBe('?!');
    expect(await storedEvents(declarationId)).toHaveLength(2);
    const decided = await press('review.request_changes', { ...actionData(refused, 'review.request_changes'), comment: 'Préciser.' }, inChannel(ADMIN));
    expect(cardText(decided)).toContain('Décision\u00a0: changements demandés');
  });

  it('speaks English on an English declaration’s card and notice', async () => {
    const user = declarant();
    const channelCard = await submitted(user, true);
    expect(executeActions(channelCard).find((a) => a.verb === 'review.take')?.title).toBe('Take for review');
    const taken = await press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN, 'en-CA'));
    expect(cardText(taken)).toMatch(/In review by Admin Premier since \w+ \d{1,2}, \d{4} at /u);
    expect(executeActions(taken).find((a) => a.verb === 'review.release')?.title).toBe('Return to pending');
    const [notice] = await notices(user, 'is in review');
    expect(notice).toMatch(/^Your declaration IA-\d{4}-\d{4} ".+" is in review: Admin Premier has taken it\./u);
  });
});

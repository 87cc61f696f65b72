import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, cardText, executeActions, inputValues, type Json } from '../helpers/card-walk.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * Two governance reviewers on one declaration: the second presses a decision on a review card that another
 * reviewer's decision made out of date (a channel card not refreshed yet, a card opened from `inventaire` earlier).
 * Their decision is not recorded, and the card must say so rather than silently show someone else's decision, and
 * give back the comment they typed, which is recorded nowhere.
 */

const ADMIN: TeamsUser = { id: '29:admin-premier', name: 'Admin Premier', aadObjectId: '0000000c-0000-4000-8000-0000000000a1' };
const ADMIN_TWO: TeamsUser = { id: '29:admin-second', name: 'Admin Second', aadObjectId: '0000000c-0000-4000-8000-0000000000a2' };
const CHANNEL = '19:gouvernance-deja-decidee@thread.tacv2';

/** A new declarant each time: each test declares its own use case. */
const declarant = declarants('declarant-decide', 'Déclarant Fictif', '0000000c-0000-4000-8000-0000000000');

describe('a decision pressed on a declaration another reviewer already decided, over HTTP', () => {
  const { bot, say, press, personal, as, inChannel, submitted } = reviewBot('balises-already-decided', [ADMIN, ADMIN_TWO], CHANNEL);
  const decisionVerbs = (card: Json) => executeActions(card).map((a) => a.verb as string).filter((v) => v !== 'review.refresh');


  it('says the decision was not recorded, and gives back the comment typed, when another reviewer decided first', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    await press('review.request_changes', { ...actionData(channelCard, 'review.request_changes'), comment: 'Précisez la supervision humaine.' }, inChannel(ADMIN));

    const late = await press('review.reject', { ...actionData(channelCard, 'review.reject'), comment: 'Refus : aucune EFVP jointe.' }, inChannel(ADMIN_TWO));
    const text = cardText(late);
    expect(text).toContain('Cette déclaration avait déjà été examinée\u00a0: votre choix «\u00a0Refuser\u00a0» n’a pas été enregistré.');
    expect(text).toContain('Votre commentaire, non enregistré\u00a0: Refus\u00a0: aucune EFVP jointe.');
    // The card is the declaration as it is: the first reviewer's decision, no buttons to decide again.
    expect(text).toContain('Décision\u00a0: changements demandés, par Admin Premier');
    expect(decisionVerbs(late)).toEqual([]);

    // Nothing of the second decision reached the declarant: one notice, the first reviewer's.
    await bot.connector.waitFor((c) => c.conversationId === personal(user) && JSON.stringify(c.body).includes('declaration.reopen'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const notices = bot.connector.messages(personal(user)).filter((c) => cardText(c.body.attachments?.[0]?.content).includes('Votre déclaration'));
    expect(notices).toHaveLength(1);
    expect(cardText(notices[0]!.body.attachments[0].content)).not.toContain('aucune EFVP');
  });

  it('says so too when the late choice came without the comment it needs, rather than ask for one', async () => {
    const channelCard = await submitted(declarant());
    await press('review.approve', actionData(channelCard, 'review.approve'), inChannel(ADMIN));
    const late = await press('review.reject', actionData(channelCard, 'review.reject'), inChannel(ADMIN_TWO));
    const text = cardText(late);
    expect(text).toContain('Cette déclaration avait déjà été examinée\u00a0: votre choix «\u00a0Refuser\u00a0» n’a pas été enregistré.');
    expect(text).toContain('Décision\u00a0: approuvée, par Admin Premier');
    expect(text).not.toContain('Votre commentaire');
  });

  it('says the declaration changed when a refusal without its comment is pressed on a card older than a resubmission', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    await press('review.request_changes', { ...actionData(channelCard, 'review.request_changes'), comment: 'Précisez les données.' }, inChannel(ADMIN));
    let card = await press('declaration.reopen', { declarationId: actionData(channelCard, 'review.approve').declarationId }, as(user));
    while (!executeActions(card).some((a) => a.verb === 'declaration.submit')) card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...inputValues(card) }, as(user));
    await press('declaration.submit', { ...actionData(card, 'declaration.submit'), ...inputValues(card, { humanOversight: 'Deux agents valident chaque classement fictif.' }) }, as(user));

    const late = await press('review.reject', actionData(channelCard, 'review.reject'), inChannel(ADMIN_TWO));
    expect(cardText(late)).toContain('Cette déclaration a changé depuis l’affichage de cette carte\u00a0: voici la version actuelle.');
    expect(cardText(late)).toContain('Deux agents valident chaque classement fictif.');
  });

  it('says nothing more to the reviewer whose own decision it is (a double click)', async () => {
    const channelCard = await submitted(declarant());
    const first = await press('review.approve', actionData(channelCard, 'review.approve'), inChannel(ADMIN));
    const again = await press('review.approve', actionData(channelCard, 'review.approve'), inChannel(ADMIN));
    expect(cardText(again)).not.toContain('n’a pas été enregistré');
    expect(again).toEqual(first);
  });

  it('says a declaration never submitted has no review card, rather than « already reviewed », to a decision forged with its id', async () => {
    const user = declarant();
    const form = await say('/déclarer', as(user));
    const declarationId = actionData(form, 'declaration.next').declarationId as string;
    for (const [verb, data] of [
      ['review.approve', { declarationId, revision: 0 }],
      ['review.reject', { declarationId, revision: 1, comment: 'Refus fictif.' }],
      ['review.request_changes', { declarationId, revision: 1, comment: 42 }],
    ] as const) {
      const text = cardText(await press(verb, data, inChannel(ADMIN)));
      expect(text).toContain('Cette carte d’examen n’est plus valide');
      expect(text).not.toContain('n’a pas été enregistré');
      expect(text).not.toContain('Brouillon');
    }
  });

  it('says it in English on an English declaration’s card', async () => {
    const channelCard = await submitted(declarant(), true);
    await press('review.approve', actionData(channelCard, 'review.approve'), inChannel(ADMIN, 'en-CA'));
    const late = await press('review.request_changes', { ...actionData(channelCard, 'review.request_changes'), comment: 'Add the EFVP.' }, inChannel(ADMIN_TWO, 'en-CA'));
    const text = cardText(late);
    expect(text).toContain('This declaration had already been reviewed: your “Request changes” was not recorded.');
    expect(text).toContain('Your comment, not recorded: Add the EFVP.');
  });
});

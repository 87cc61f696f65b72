import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, cardText, executeActions, inputValues, type Json } from '../helpers/card-walk.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * « Oui, supprimer ce brouillon » pressed on a question shown before the draft was edited elsewhere (the question
 * left open on the phone while the person went on typing on the desktop): the work typed since is not deleted on the
 * strength of a question about the draft as it was; the person is asked again, seeing the draft as it is now.
 */

const DECLARANT: TeamsUser = { id: '29:declarant-effacement', name: 'Personne Effacement', aadObjectId: '00000008-0000-4000-8000-0000000000d1' };

describe('a deletion confirmed on a question older than the draft, over HTTP', () => {
  const bot = runningBot('balises-delete-stale');
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);
  const me = (): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from: DECLARANT, conversationId: `a:personal-${DECLARANT.aadObjectId}` });
  const button = (card: Json, title: string) => {
    const found = executeActions(card).find((a) => String(a.title).startsWith(title));
    if (!found) throw new Error(`no «\u00a0${title}\u00a0» in ${cardText(card)}`);
    return found;
  };
  const pressButton = (card: Json, title: string) => press(button(card, title).verb, button(card, title).data, me());

  it('deletes nothing typed since the question, asks again with the draft as it is, and deletes on the new « Oui »', async () => {
    const step1 = await say('/déclarer', me());
    await press('declaration.next', { ...actionData(step1, 'declaration.next'), ...inputValues(step1, { name: 'Brouillon fictif à effacer' }) }, me());
    // On the phone: « Supprimer » from the list, the question left open.
    const question = await pressButton(await say('mes déclarations', me()), 'Supprimer «\u00a0');
    expect(cardText(question)).toContain('Supprimer définitivement ce brouillon?');

    // On the desktop: an hour of work on the same draft.
    const desktop = await say('/déclarer', me());
    expect(actionData(desktop).step).toBe('identification');
    const typed = 'Une heure de travail : classer les demandes fictives par priorité pour le personnel.';
    await press('declaration.next', { ...actionData(desktop, 'declaration.next'), ...inputValues(desktop, { name: 'Brouillon fictif gardé', purpose: typed }) }, me());

    const answer = await pressButton(question, 'Oui, supprimer ce brouillon');
    expect(cardText(answer)).toContain('Ce brouillon a changé depuis l’affichage de cette question (autre fenêtre ou autre appareil)\u00a0: il n’est pas supprimé.');
    expect(cardText(answer)).toContain('Brouillon fictif gardé');
    expect(cardText(await say('mes déclarations', me()))).toContain('Brouillon fictif gardé');

    // Asked again about the draft as it is now, the person confirms: deleted.
    expect(cardText(await pressButton(answer, 'Oui, supprimer ce brouillon'))).toBe('Le brouillon est supprimé.');
    expect(cardText(await say('mes déclarations', me()))).not.toContain('Brouillon fictif gardé');
  });
});

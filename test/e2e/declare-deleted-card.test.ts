import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * A draft deleted from « mes déclarations » while an older step card of it is still in the chat: a button on that
 * card says the draft was deleted, and when, and offers to start a new declaration, instead of « introuvable ».
 */

const DECLARANT: TeamsUser = { id: '29:declarant-supprime', name: 'Personne Qui Supprime', aadObjectId: '00000008-0000-4000-8000-0000000000e1' };
const ANGLO: TeamsUser = { id: '29:anglo-supprime', name: 'English Speaker', aadObjectId: '00000008-0000-4000-8000-0000000000e3' };
const OTHER: TeamsUser = { id: '29:autre-supprime', name: 'Autre Personne', aadObjectId: '00000008-0000-4000-8000-0000000000e2' };

describe('a button on a card of a draft deleted since, over HTTP', () => {
  const bot = runningBot('balises-deleted-card');
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const button = (card: Json, title: string) => {
    const found = executeActions(card).find((a) => String(a.title).startsWith(title));
    if (!found) throw new Error(`no «\u00a0${title}\u00a0» in ${cardText(card)}`);
    return found;
  };
  const pressButton = (card: Json, title: string, from = DECLARANT) => press(button(card, title).verb, button(card, title).data, as(from));

  it('says the draft was deleted, with the date, and starts a new declaration from there', async () => {
    const step1 = await say('/déclarer', as(DECLARANT));
    // The card that answers « Suivant » (step 1 again, its missing fields in error): a card of the draft, edited.
    const older = await press('declaration.next', { ...actionData(step1, 'declaration.next'), ...inputValues(step1, { name: 'Brouillon fictif supprimé' }) }, as(DECLARANT));
    expect(inputs(older).find((i) => i.id === 'name')?.value).toBe('Brouillon fictif supprimé');

    const question = await pressButton(await say('mes déclarations', as(DECLARANT)), 'Supprimer «\u00a0');
    expect(cardText(await pressButton(question, 'Oui, supprimer ce brouillon'))).toBe('Le brouillon est supprimé.');

    // That card, still in the chat: « Suivant », and the same again (a double click) get the same answer.
    for (const verb of ['declaration.next', 'declaration.next']) {
      const answer = await press(verb, { ...actionData(older, verb), ...inputValues(older, {}) }, as(DECLARANT));
      expect(cardText(answer)).toMatch(
        /^Ce brouillon a été supprimé le \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2} \(heure de l’Est\)\u00a0: il ne peut plus être modifié ni soumis\. «\u00a0Nouvelle déclaration\u00a0» en commence une autre\.$/u,
      );
      expect(cardText(answer)).not.toContain('introuvable');
      expect(executeActions(answer).map((a) => a.title)).toEqual(['Nouvelle déclaration', 'Voir mes déclarations']);
    }

    const answer = await press('declaration.next', { ...actionData(older, 'declaration.next'), ...inputValues(older, {}) }, as(DECLARANT));
    const fresh = await pressButton(answer, 'Nouvelle déclaration');
    expect(cardText(fresh)).toContain('Étape 1 sur 3');
    expect(inputs(fresh).find((i) => i.id === 'name')?.value).toBe('');
    expect(actionData(fresh, 'declaration.next').declarationId).not.toBe(actionData(older, 'declaration.next').declarationId);
  });

  it('says it in English on an English card, and tells nobody else that a draft was deleted', async () => {
    const en = (): ConversationOptions => ({ ...as(ANGLO), locale: 'en-US' });
    const step1 = await say('/declare', en());
    const typed = { ...actionData(step1, 'declaration.next'), ...inputValues(step1, { name: 'Fictional draft to delete' }) };
    const older = await press('declaration.next', typed, en());
    const question = await pressButton(await say('my declarations', en()), 'Delete "', ANGLO);
    expect(cardText(await pressButton(question, 'Yes, delete this draft', ANGLO))).toBe('The draft has been deleted.');

    const answer = await press('declaration.next', { ...actionData(older, 'declaration.next'), ...inputValues(older, {}) }, en());
    expect(cardText(answer)).toMatch(/^This draft was deleted on .+: it can no longer be changed or submitted\. "New declaration" starts another\.$/u);
    expect(executeActions(answer).map((a) => a.title)).toEqual(['New declaration', 'Show my declarations']);

    const stranger = await press('declaration.next', { ...actionData(older, 'declaration.next'), ...inputValues(older, {}) }, as(OTHER));
    expect(cardText(stranger)).toContain('This declaration cannot be found');
  });
});

import { describe, expect, it } from 'vitest';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';

const DECLARANT: TeamsUser = { id: '29:declarant-appareils', name: 'Personne Deux Appareils', aadObjectId: '0000000f-0000-4000-8000-0000000000f1' };

/**
 * One person, two devices: the phone shows step 2 of their draft while, on the desktop, « Nouvelle déclaration » sets
 * that draft aside. What the phone's card then sends must not be lost.
 */
describe('a draft set aside on another device, over HTTP', () => {
  const bot = runningBot('balises-devices');
  const me: () => ConversationOptions = () => ({ serviceUrl: bot.connector.serviceUrl, from: DECLARANT, conversationId: `a:personal-${DECLARANT.aadObjectId}` });
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);
  const valueOf = (card: Json, id: string) => inputs(card).find((i) => i.id === id)?.value;

  it('keeps in the draft set aside what the other device’s card typed, and brings it back with « Reprendre » (« Reprendre ce brouillon » in its tooltip)', async () => {
    const draft = validDraft();
    const first = await say('/déclarer', me());
    const typedStep1 = Object.fromEntries(inputs(first).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])]));
    const phone = await press('declaration.next', { ...actionData(first, 'declaration.next'), ...inputValues(first, { ...typedStep1, name: 'Tri fictif du téléphone' }) }, me());
    expect(cardText(phone)).toContain('Étape 2 sur 3');

    const list = await say('mes déclarations', me());
    const desktop = await press('declaration.start_new', actionData(list, 'declaration.start_new'), me());
    expect(cardText(desktop)).toContain('Votre brouillon «\u00a0Tri fictif du téléphone\u00a0» est mis de côté');

    const typedOnPhone = { dataDescription: 'Formulaires fictifs tapés sur le téléphone.', supplier: 'Fournisseur fictif tapé sur le téléphone' };
    const answer = await press('declaration.next', { ...actionData(phone, 'declaration.next'), ...inputValues(phone, typedOnPhone) }, me());
    expect(cardText(answer)).toContain('Ce brouillon a été mis de côté, avec tout ce que vous y aviez saisi');

    const after = await say('mes déclarations', me());
    const resume = executeActions(after).find((a) => String(a.tooltip).startsWith('Reprendre ce brouillon\u00a0: '));
    const resumed = await press('declaration.reopen', resume!.data, me());
    const step2 = cardText(resumed).includes('Étape 2 sur 3')
      ? resumed
      : await press('declaration.next', { ...actionData(resumed, 'declaration.next'), ...inputValues(resumed) }, me());
    expect(valueOf(step2, 'dataDescription')).toBe(typedOnPhone.dataDescription);
    expect(valueOf(step2, 'supplier')).toBe(typedOnPhone.supplier);
  });
});

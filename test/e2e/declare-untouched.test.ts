import { describe, expect, it } from 'vitest';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';
import { actionData, cardText, inputValues } from '../helpers/card-walk.js';

const ADMIN: TeamsUser = { id: '29:admin-vierge', name: 'Admin Vierge', aadObjectId: '0000000e-0000-4000-8000-0000000000e1' };
const DECLARANT: TeamsUser = { id: '29:declarant-vierge', name: 'Personne Vierge', aadObjectId: '0000000e-0000-4000-8000-0000000000e2' };
const ERASER: TeamsUser = { id: '29:declarant-efface', name: 'Personne Efface', aadObjectId: '0000000e-0000-4000-8000-0000000000e3' };

/**
 * A draft nobody typed anything in (opened by /déclarer, then left) is nothing of anyone's: « mes déclarations » leaves it
 * out, and so does the governance team's `inventaire`, which lists no draft never submitted (see InventoryRepository.list).
 */
describe('a blank draft, over HTTP', () => {
  const bot = runningBot('balises-untouched', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);

  it('is left out of the governance inventory, as of « mes déclarations »; typed in, it is still its declarant’s alone until submitted', async () => {
    const first = await say('/déclarer', as(DECLARANT));
    expect(cardText(first)).toContain('Étape 1 sur 3');
    for (const command of ['inventaire brouillons', 'inventaire']) {
      const list = cardText(await say(command, as(ADMIN)));
      expect(list, command).toMatch(/\(0\)/);
      expect(list, command).not.toContain('(sans nom)');
    }
    expect(cardText(await say('mes déclarations', as(DECLARANT)))).not.toContain('(sans nom)');

    await press('declaration.next', { ...actionData(first, 'declaration.next'), ...inputValues(first, { name: 'Tri fictif du courrier' }) }, as(DECLARANT));
    expect(cardText(await say('mes déclarations', as(DECLARANT)))).toContain('Tri fictif du courrier');
    expect(cardText(await say('inventaire brouillons', as(ADMIN)))).not.toContain('Tri fictif du courrier');
  });

  it('is blank again, and left out of « mes déclarations », once what was typed in it is erased', async () => {
    const first = await say('/déclarer', as(ERASER));
    await press('declaration.next', { ...actionData(first, 'declaration.next'), ...inputValues(first, { name: 'Essai fictif à effacer' }) }, as(ERASER));
    expect(cardText(await say('mes déclarations', as(ERASER)))).toContain('Essai fictif à effacer');
    // /déclarer resumes the draft on its first step with problems: step 1, where the name is erased.
    const resumed = await say('/déclarer', as(ERASER));
    expect(inputValues(resumed).name).toBe('Essai fictif à effacer');
    await press('declaration.next', { ...actionData(resumed, 'declaration.next'), ...inputValues(resumed, { name: '' }) }, as(ERASER));
    const list = cardText(await say('mes déclarations', as(ERASER)));
    expect(list).toContain('Mes déclarations (0)');
    expect(list).not.toContain('(sans nom)');
  });
});

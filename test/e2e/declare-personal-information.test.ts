import { describe, expect, it } from 'vitest';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';
import { actionData, asInput, cardText, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import type { DeclarationDraft } from '../../src/inventory/schema.js';

/**
 * Step 2 of /déclarer asks whether personal information is used and whose it is. The two answers must agree, and
 * « Suivant » on step 2 says so there (found in the Playground: « Aucun renseignement personnel » with « Citoyens »
 * checked went through and reached governance as such; personal information with nobody checked passed step 2 and
 * sent the person back to it from step 3).
 */

let people = 0;

/** A new Teams user, so that each test starts its own draft. */
function newPerson(): TeamsUser {
  const n = ++people;
  return { id: `29:1-personne-rp-${n}`, name: `Personne RP ${n}`, aadObjectId: `0000000f-0000-4000-8000-${String(n).padStart(12, '0')}` };
}

describe('the personal information of a declaration, step 2, over HTTP', () => {
  const bot = runningBot('balises-personal-information');
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);

  /** The valid draft's value of each input of `card`, as the card sends it, with `changes`. */
  const typed = (card: Json, changes: Partial<DeclarationDraft> = {}) =>
    Object.fromEntries(inputs(card).map((i) => [i.id, asInput({ ...validDraft(), ...changes }[i.id as keyof DeclarationDraft])]));

  /** Step 2 of a new declaration whose step 1 is valid. */
  async function stepTwo(user: TeamsUser): Promise<Json> {
    const first = await say('/déclarer', as(user));
    const second = await press('declaration.next', { ...actionData(first, 'declaration.next'), ...inputValues(first, typed(first)) }, as(user));
    expect(cardText(second)).toContain('Étape 2 sur 3');
    return second;
  }

  const groupsLabel = (card: Json) => String(inputs(card).find((i) => i.id === 'affectedGroups')?.label ?? '');

  it('keeps step 2 open when people are checked beside « Aucun renseignement personnel », saying what to change', async () => {
    const user = newPerson();
    const second = await stepTwo(user);
    const values = typed(second, { personalInformation: 'aucun', affectedGroups: ['citoyens'] });
    const after = await press('declaration.next', { ...actionData(second, 'declaration.next'), ...inputValues(second, values) }, as(user));
    expect(cardText(after)).toContain('Étape 2 sur 3');
    expect(groupsLabel(after)).toContain('Erreur\u00a0: vous avez choisi «\u00a0Aucun renseignement personnel\u00a0»\u00a0: décochez ces cases');
    expect(inputValues(after)).toMatchObject({ personalInformation: 'aucun', affectedGroups: 'citoyens' });
  });

  it('asks on step 2 whose personal information is used when nobody is checked', async () => {
    const user = newPerson();
    const second = await stepTwo(user);
    const values = typed(second, { personalInformation: 'personnel', affectedGroups: [] });
    const after = await press('declaration.next', { ...actionData(second, 'declaration.next'), ...inputValues(second, values) }, as(user));
    expect(cardText(after)).toContain('Étape 2 sur 3');
    expect(groupsLabel(after)).toContain('Erreur\u00a0: indiquez de qui sont les renseignements personnels utilisés.');
  });

  it('moves on to step 3 when no personal information is used and nobody is checked', async () => {
    const user = newPerson();
    const second = await stepTwo(user);
    const values = typed(second, { personalInformation: 'aucun', affectedGroups: [] });
    const after = await press('declaration.next', { ...actionData(second, 'declaration.next'), ...inputValues(second, values) }, as(user));
    expect(cardText(after)).toContain('Étape 3 sur 3');
  });
});

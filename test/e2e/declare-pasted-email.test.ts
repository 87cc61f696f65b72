import { describe, expect, it } from 'vitest';
import type { DeclarationDraft } from '../../src/inventory/schema.js';
import type { ConversationOptions } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * An e-mail address pasted from an HTML e-mail or a web page: it may carry invisible characters (a zero-width space
 * put there to keep it from becoming a link, a soft hyphen), which the person cannot see in the input.
 */
describe('a contact e-mail pasted with invisible characters, over HTTP', () => {
  const bot = runningBot('balises-pasted-email');
  const { say, press } = cardConversation(() => bot.url, () => bot.connector);
  const me = (): ConversationOptions => ({
    serviceUrl: bot.connector.serviceUrl,
    from: { id: '29:courriel-colle', name: 'Personne Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000000e1' },
    conversationId: 'a:personal-courriel-colle',
  });

  it('takes the address as it reads, moves on to step 2 and keeps it without the invisible characters', async () => {
    const step1 = await say('/déclarer', me());
    const draft = validDraft();
    const filled = Object.fromEntries(inputs(step1).map((i) => [i.id, asInput(draft[i.id as keyof DeclarationDraft])]));
    const pasted = 'personne.fictive\u200b@exemple.gouv\u00ad.qc.ca\u2060';
    const typed = inputValues(step1, { ...filled, contactEmail: pasted });
    const step2: Json = await press('declaration.next', { ...actionData(step1, 'declaration.next'), ...typed }, me());
    expect(cardText(step2)).not.toContain('Erreur');
    expect(cardText(step2)).toContain('Étape 2 sur 3');
    const back = await press('declaration.back', { ...actionData(step2, 'declaration.back'), ...inputValues(step2) }, me());
    expect(inputValues(back).contactEmail).toBe('personne.fictive@exemple.gouv.qc.ca');
  });
});

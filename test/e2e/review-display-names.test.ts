import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardOf } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * Teams display names come from the directory, where they may hold what typed text never keeps (control characters,
 * bidirectional overrides and isolates, which make a text read differently from what it is: "Trojan Source").
 * Governance reads them on the review card (« Déclarée par »), the declarant on the decision notice (« par … »):
 * they must read as the name, without those characters, as the declaration's own fields do.
 */

const ADMIN: TeamsUser = { id: '29:admin-nom', name: 'Admin \u2066Nom\u2069 Fictif\u0007', aadObjectId: '0000000a-0000-4000-8000-00000000a0a1' };
const DECLARANT: TeamsUser = { id: '29:declarant-nom', name: 'Jean \u202Eelif.exe\u202C Fictif\u0000', aadObjectId: '0000000a-0000-4000-8000-00000000a0d1' };
const CHANNEL = '19:gouvernance-noms@thread.tacv2';
/** What a displayed name must not hold: C0 controls, bidirectional embeddings, overrides and isolates. */
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u202A-\u202E\u2066-\u2069]/;

describe('Teams display names with control and direction characters, over HTTP', () => {
  const bot = runningBot('balises-display-names', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const { say, message, press } = cardConversation(() => bot.url, () => bot.connector);
  const personal = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: bot.connector.serviceUrl,
    from,
    conversationId: personal(from),
    ...extra,
  });
  const inChannel = (user: TeamsUser) => as(user, { conversationId: `${CHANNEL};messageid=4`, conversationType: 'channel', replyToId: 'msg-1' });

  it('shows the declarant’s and the reviewer’s names without them, on the review card and on the decision notice', async () => {
    await message('gouvernance enregistrer', inChannel(ADMIN));
    const draft = validDraft();
    let card = await say('/déclarer', as(DECLARANT));
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).filter((i) => i.id !== 'contactName').map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(DECLARANT));
      if (verb === 'declaration.submit') break;
    }
    const [posted] = await bot.connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes('Fictif'), 1, 10_000);
    const review: Json = cardOf(posted!);
    expect(cardText(review)).toContain('Déclarée par Jean elif.exe Fictif');
    expect(cardText(review)).not.toMatch(HIDDEN);

    const decided = await press('review.approve', actionData(review, 'review.approve'), inChannel(ADMIN));
    expect(cardText(decided)).toContain('Décision\u00a0: approuvée, par Admin Nom Fictif');
    expect(cardText(decided)).not.toMatch(HIDDEN);
    const [notice] = await bot.connector.waitFor((c) => c.conversationId === personal(DECLARANT) && JSON.stringify(c.body).includes('approuvée'));
    expect(cardText(cardOf(notice!))).toContain('par Admin Nom Fictif');
    expect(cardText(cardOf(notice!))).not.toMatch(HIDDEN);
  });
});

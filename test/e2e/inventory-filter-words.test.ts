import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { cardText } from '../helpers/card-walk.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * `inventaire` followed by a state in the gender and number a governance admin types: « inventaire approuvé » (a
 * project, a use case) was answered « Je ne connais pas cet état » in the Playground, only « approuvée(s) » listed.
 */

const ADMIN: TeamsUser = { id: '29:admin-filtres', name: 'Admin Filtres', aadObjectId: '0000000c-0000-4000-8000-0000000000a1' };

describe('inventory state words in any gender and number, over HTTP', () => {
  const bot = runningBot('balises-inventory-words', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const { say } = cardConversation(() => bot.url, () => bot.connector);

  it('lists by state for « approuvé », « approuvés », « refusé », « refusés » and « soumis »', async () => {
    const expected: [string, RegExp][] = [
      ['inventaire approuvé', /^Inventaire — déclarations approuvées \(0\)$/],
      ['inventaire approuvés', /^Inventaire — déclarations approuvées \(0\)$/],
      ['inventaire refusé', /^Inventaire — déclarations refusées \(0\)$/],
      ['inventaire refusés', /^Inventaire — déclarations refusées \(0\)$/],
      ['inventaire soumis', /^Inventaire — déclarations soumises \(0\)$/],
    ];
    for (const [command, heading] of expected) {
      const card = await say(command, { serviceUrl: bot.connector.serviceUrl, from: ADMIN, conversationId: `a:personal-${ADMIN.aadObjectId}` });
      expect(cardText(card).split('\n')[0], command).toMatch(heading);
    }
  });
});

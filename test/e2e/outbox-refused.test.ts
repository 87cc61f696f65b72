import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { CARD_TYPE, cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';
import { quietDraft } from '../inventory/declarations.js';

/**
 * A review card the connector refuses once (403: the bot's access to the governance channel was briefly lost) is
 * posted again by the outbox once the connector accepts it, over real HTTP through the bot's adapter: the refusal
 * reaches the outbox as a failure, not as a "turn" error that the bot's error handler would swallow (the card then
 * recorded as delivered and never posted) and answer with an apology in the channel.
 */

const ADMIN: TeamsUser = { id: '29:admin-refus', name: 'Admin Refus', aadObjectId: '0000000e-0000-4000-8000-0000000000a1' };
const CHANNEL = '19:gouvernance-refus@thread.tacv2';
const DECLARANT = { id: '0000000e-0000-4000-8000-000000000001', name: 'Déclarant Fictif Refus' };

describe('a notification the connector refuses once, over HTTP', () => {
  const bot = runningBot('balises-outbox-refused', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const { message } = cardConversation(() => bot.url, () => bot.connector);

  it('posts the review card once the connector accepts it again, and never an apology in the channel', async () => {
    const channel = { serviceUrl: bot.connector.serviceUrl, from: ADMIN, conversationId: `${CHANNEL};messageid=3`, conversationType: 'channel' as const, replyToId: 'msg-0' };
    await message('gouvernance enregistrer', channel);
    bot.connector.failNext(CHANNEL, 403, 1);

    const repo = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
    try {
      const now = new Date().toISOString();
      const draft = await repo.createDraft(DECLARANT, { ...quietDraft(), name: 'Tri fictif des avis refusés' }, now);
      await repo.submit(draft.id, draft.revision, {
        assessment: { rulesVersion: 'test', level: 1, score: 0, obligations: [], assessedAt: now },
        actor: DECLARANT,
        key: 'k-refus',
        now,
      });
    } finally {
      await repo.close();
    }

    const [card] = await bot.connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes('Tri fictif des avis refusés'), 1, 15_000);
    expect(card!.body.attachments[0].contentType).toBe(CARD_TYPE);
    expect(bot.connector.refused.filter((c) => c.conversationId === CHANNEL)).toHaveLength(1);
    const texts = bot.connector.messages(CHANNEL).map((c) => String(c.body.text ?? ''));
    expect(texts.filter((t) => /Désolé|Sorry|référence|reference/i.test(t))).toEqual([]);
  });
});

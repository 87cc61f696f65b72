import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { cardText } from '../helpers/card-walk.js';
import { quietDraft } from '../inventory/declarations.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * A review card whose governance channel refused the bot (403) for more than a week is given up; the governance
 * team, asking for `inventaire` in a personal chat, reads it under the declaration, in French or English. The
 * refusals are recorded in the bot's own SQLite file as the worker records them, at times a week apart (no test
 * waits a week).
 */

const ADMIN: TeamsUser = { id: '29:admin-abandon', name: 'Admin Abandon', aadObjectId: '0000000d-0000-4000-8000-0000000000a1' };
const CHANNEL = '19:gouvernance-abandon@thread.tacv2';
const DECLARANT = { id: '0000000d-0000-4000-8000-000000000001', name: 'Déclarant Fictif Abandon' };

describe('a notification given up, as the governance team sees it in `inventaire`, over HTTP', () => {
  const bot = runningBot('balises-given-up', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const { say, message } = cardConversation(() => bot.url, () => bot.connector);
  const personal = { serviceUrl: '', from: ADMIN, conversationId: `a:personal-${ADMIN.aadObjectId}` };

  it('says under the declaration that its review card was not posted, when it was given up and what to do', async () => {
    const repo = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
    const now = Date.now();
    const day = (n: number) => new Date(now + n * 86_400_000).toISOString();
    const draft = await repo.createDraft(DECLARANT, { ...quietDraft(), name: 'Tri fictif des demandes' }, day(0));
    await repo.submit(draft.id, draft.revision, {
      assessment: { rulesVersion: 'test', level: 1, score: 0, obligations: [], assessedAt: day(0) },
      actor: DECLARANT,
      key: 'k-abandon',
      now: day(0),
    });
    const refused = async (at: string, giveUpIfFailingSince: string | null) => {
      const [card] = await repo.claimNotifications('test', at, 60_000, 1);
      return repo.recordNotificationAttempt(card!.id, { outcome: 'failed', detail: 'RestError 403', at, nextAttemptAt: at, giveUpIfFailingSince });
    };
    expect(await refused(day(1), null)).toBe('failed');
    expect(await refused(day(9), day(2))).toBe('given_up');
    await repo.close();

    const options = { ...personal, serviceUrl: bot.connector.serviceUrl };
    const fr = cardText(await say('inventaire', options)).replace(/[\u202f\u00a0]/g, ' ');
    expect(fr).toContain('Tri fictif des demandes');
    expect(fr).toMatch(/Carte d’examen non publiée : le bot n’a plus accès au canal de gouvernance \(abandon le \d+ \S+ \d{4}/);
    expect(fr).toContain('« gouvernance enregistrer » la publie.');
    const en = cardText(await say('inventory', { ...options, locale: 'en-CA' }));
    expect(en).toContain('Review card not posted: the bot no longer has access to the governance channel (given up on');

    // The bot is back in the channel: `gouvernance enregistrer` posts the card, and the inventory says nothing more.
    const channel = { ...options, conversationId: `${CHANNEL};messageid=7`, conversationType: 'channel' as const, replyToId: 'msg-1' };
    await message('gouvernance enregistrer', channel);
    await bot.connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes('Tri fictif des demandes'), 1, 10_000);
    await expect.poll(async () => cardText(await say('inventaire', options)), { timeout: 10_000 }).not.toContain('Carte d’examen non publiée');
  });
});

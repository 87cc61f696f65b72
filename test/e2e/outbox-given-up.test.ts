import path from 'node:path';
import Database from 'better-sqlite3';
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
/** A collaborator who wrote to Balises (their display name is known) and one who never did (only their id is). */
const NAMED: TeamsUser = { id: '29:collegue-abandon', name: 'Collègue Fictive Abandon', aadObjectId: '0000000d-0000-4000-8000-0000000000c1' };
const UNNAMED_ID = '0000000d-0000-4000-8000-0000000000c2';

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

  it('names the collaborator a notice given up was for: their display name when Balises knows it, else their id', async () => {
    await message('bonjour', { serviceUrl: bot.connector.serviceUrl, from: NAMED, conversationId: `a:personal-${NAMED.aadObjectId}` });
    const repo = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
    const now = new Date().toISOString();
    const draft = await repo.createDraft(DECLARANT, { ...quietDraft(), name: 'Tri fictif partagé' }, now);
    await repo.submit(draft.id, draft.revision, { assessment: { rulesVersion: 'test', level: 1, score: 0, obligations: [], assessedAt: now }, actor: DECLARANT, key: 'k-abandon-copie', now });
    await repo.addCollaborator(draft.id, NAMED.aadObjectId!, now, DECLARANT);
    await repo.addCollaborator(draft.id, UNNAMED_ID, now, DECLARANT);
    await repo.close();
    // A copy of each kind given up a week ago, written closed so that the running worker leaves them alone.
    const db = new Database(path.join(bot.dataDir, 'balises.db'));
    try {
      const givenUp = (kind: string, recipient: string) => {
        const { lastInsertRowid } = db
          .prepare("INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, delivered_at) VALUES (?, ?, ?, 2, ?, 1, ?, ?)")
          .run(draft.id, kind, recipient, now, now, now);
        db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (?, 1, ?, 'given_up', 'RestError 403', ?)").run(lastInsertRowid, now, now);
      };
      givenUp('decision_copy', NAMED.aadObjectId!);
      givenUp('taken_back_notice', UNNAMED_ID);
    } finally {
      db.close();
    }
    const options = { ...personal, serviceUrl: bot.connector.serviceUrl };
    const fr = cardText(await say('inventaire', options)).replace(/[\u202f\u00a0]/g, ' ');
    expect(fr).toContain(`Copie de l’avis de décision non remise à ${NAMED.name}, qui suit la déclaration`);
    expect(fr).toContain(`Avis de reprise en brouillon non remis à ${UNNAMED_ID} : sa conversation personnelle avec le bot n’existe plus`);
    const en = cardText(await say('inventory', { ...options, locale: 'en-CA' })).replace(/[\u202f\u00a0]/g, ' ');
    expect(en).toContain(`Copy of the decision notice not delivered to ${NAMED.name}, who follows the declaration`);
    expect(en).toContain(`Back-to-draft notice not delivered to ${UNNAMED_ID}:`);
  });
});

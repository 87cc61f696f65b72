import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProposalService } from '../../src/documents/proposals.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * A proposal whose preview card never reached its proposer (the turn could not show it, and their personal chat
 * refused the outbox as gone for a week) awaits a decision no one may have seen: `propositions` says so first. The
 * refusals are recorded in the bot's own SQLite file as its worker records them, an hour apart (no test waits a week).
 */

const READER: TeamsUser = { id: '29:admin-lecture', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000c1' };
const PROPOSER = { id: '0000000f-0000-4000-8000-0000000000c2', name: 'Bruno Parti' };
const NOTE = Buffer.from('# Note fictive des lanternes\n\n## Portée\n\nLes lanternes fictives de cette note ne servent qu’aux tests.\n');

describe('a proposal card given up, as the governance team sees it in `propositions`, over HTTP', () => {
  const bot = runningBot('balises-card-given-up', { GOVERNANCE_ADMIN_IDS: `${READER.aadObjectId},${PROPOSER.id}` });
  const { message } = cardConversation(() => bot.url, () => bot.connector);

  it('says, above the cards, which proposal’s card its proposer never got, when it was given up, in French and English', async () => {
    const store = openDocumentAdminStore(path.join(bot.dataDir, 'balises.db'));
    const hour = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
    try {
      const service = createProposalService({ store });
      // Queued for a turn of another machine, whose lease the running bot leaves alone for the hour.
      service.attachAnnouncements({ leaseOwner: 'autre-machine:1:fictif', graceMs: 3_600_000 });
      const proposed = await service.propose({ bytes: NOTE, fileName: 'note.md', origin: { kind: 'file' }, proposedBy: PROPOSER });
      expect(proposed.kind).toBe('proposed');
      const refused = (at: string, giveUpIfFailingSince: string | null) => {
        const [card] = store.claimAnnouncements('test', at, 60_000, 1);
        return store.recordAnnouncementAttempt(card!.id, { outcome: 'failed', detail: 'RestError 404', at, nextAttemptAt: at, giveUpIfFailingSince });
      };
      expect(refused(hour(2), null)).toBe('failed');
      expect(refused(hour(3), hour(2))).toBe('given_up');
    } finally {
      store.close();
    }

    const personal = { serviceUrl: bot.connector.serviceUrl, from: READER, conversationId: `a:personal-${READER.aadObjectId}` };
    const replies = async (text: string, locale: string) => {
      const before = bot.connector.messages(personal.conversationId).length;
      await message(text, { ...personal, locale });
      await bot.connector.waitFor((c) => c.conversationId === personal.conversationId && c.body.type === 'message', before + 2);
      return bot.connector.messages(personal.conversationId).slice(before).map((c) => c.body);
    };
    const [heading, card] = await replies('propositions', 'fr-CA');
    const fr = String(heading!.text).replace(/[\u202f\u00a0]/g, ' ');
    expect(fr).toMatch(/^1 proposition attend une décision :/);
    expect(fr).toMatch(
      /- Fiche jamais remise : « Note fictive des lanternes » \(document [^,]+, version [^)]+\), proposée par Bruno Parti, n’a pas pu lui être montrée : sa conversation personnelle avec moi reste introuvable, et j’ai cessé d’essayer le \d+ \S+ \d{4} à \d+ h \d\d \(heure de l’Est\)\. Personne ne l’a peut-être vue ; elle attend une décision\./,
    );
    expect(JSON.stringify(card)).toContain('Note fictive des lanternes');
    const [english] = await replies('proposals', 'en-CA');
    expect(String(english!.text)).toContain('- Card never delivered: "Note fictive des lanternes" (document ');
    expect(String(english!.text)).toContain('proposed by Bruno Parti, could not be shown to them: their personal chat with me stays gone, and I stopped trying on ');
  });
});

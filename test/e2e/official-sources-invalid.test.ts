import { describe, expect, it, vi } from 'vitest';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';

/** While true, reading data/sources.json fails as it does once an edit broke it (see the mock below). */
const broken = vi.hoisted(() => ({ on: false }));

vi.mock('../../src/documents/sources.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/documents/sources.js')>();
  return {
    ...actual,
    loadOfficialSources: (...args: Parameters<typeof actual.loadOfficialSources>) => {
      if (broken.on) throw new actual.SourcesFileError('/srv/balises/data/sources.json', 'sources.0.url: a verified source needs its url');
      return actual.loadOfficialSources(...args);
    },
  };
});

const ADMIN: TeamsUser = { id: '29:admin-sources-invalides', name: 'Admin Sources', aadObjectId: '0000000e-0000-4000-8000-0000000000e7' };

/** An edit that breaks data/sources.json reaches the admin who types /source as what is wrong, not as a generic failure. */
describe('/source with an invalid sources file, over HTTP', () => {
  const bot = runningBot('balises-official-sources-invalid', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { message } = cardConversation(() => bot.url, () => bot.connector);
  const reply = async (text: string) => String((await message(text, as(ADMIN))).text);

  it('says the shipped list is invalid, which field, and that nothing changed, for the list and for an address', async () => {
    broken.on = true;
    try {
      const expected =
        'La liste des sources officielles livrée avec Balises (data/sources.json) est invalide\u00a0: sources.0.url: a verified source needs its url. Elle doit être corrigée dans le dépôt de Balises, puis le robot redéployé. Rien n’a été modifié.';
      expect(await reply('/source')).toBe(expected);
      expect(await reply('/source charte-fictive https://exemple.gouv.qc.ca/charte-fictive.pdf')).toBe(expected);
    } finally {
      broken.on = false;
    }
  });
});

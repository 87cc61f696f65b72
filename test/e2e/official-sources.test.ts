import { describe, expect, it } from 'vitest';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';

const ADMIN: TeamsUser = { id: '29:admin-sources', name: 'Admin Sources', aadObjectId: '0000000e-0000-4000-8000-0000000000e5' };
/** A valid http address whose path is Markdown: a link to another site and bold text, if echoed as is. */
const FORGED = 'https://exemple.gouv.qc.ca/[clic](https://mal.example)/**gras**';

/** `/source DOC URL` echoes the address typed: as text, never as Markdown (a link, bold) of the admin's making. */
describe('/source, over HTTP', () => {
  const bot = runningBot('balises-official-sources', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { message } = cardConversation(() => bot.url, () => bot.connector);
  const reply = async (text: string) => String((await message(text, as(ADMIN))).text);
  /** The forged Markdown, unescaped: the link's `](` and the bold's `**`. */
  const MARKDOWN = [/(^|[^\\])\]\(https:\/\/mal/, /(^|[^\\])\*\*gras/];

  it('escapes the address it echoes, as recorded, replaced and listed', async () => {
    const set = await reply(`/source charte-fictive ${FORGED}`);
    expect(set).toContain('Adresse officielle du document charte-fictive enregistrée\u00a0: https://exemple.gouv.qc.ca/\\[clic\\]');
    for (const pattern of MARKDOWN) expect(set).not.toMatch(pattern);

    const replaced = await reply('/source charte-fictive https://exemple.gouv.qc.ca/charte-fictive.pdf');
    expect(replaced).toContain('(remplace https://exemple.gouv.qc.ca/\\[clic\\]');
    for (const pattern of MARKDOWN) expect(replaced).not.toMatch(pattern);

    await reply(`/source guide-fictif ${FORGED}`);
    const list = await reply('/source');
    expect(list).toContain('guide-fictif — https://exemple.gouv.qc.ca/\\[clic\\]');
    for (const pattern of MARKDOWN) expect(list).not.toMatch(pattern);
  });
});

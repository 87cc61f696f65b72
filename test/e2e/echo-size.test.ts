import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { runningBot } from '../helpers/running-bot.js';
import { MAX_MESSAGE_BYTES } from '../../src/bot/render/answer.js';

/**
 * Replies that echo what was typed (an address, a document id) stay within Teams' message size limit when what was
 * typed is enormous: Teams refuses a bot message over about 100 KB, and the person then sees nothing, or an error.
 */

const ADMIN: TeamsUser = { id: '29:admin-echo', name: 'Admin Écho', aadObjectId: '0000000f-0000-4000-8000-0000000000a1' };
const HUGE = 'a'.repeat(120_000);

describe('echoed text in replies, over HTTP', () => {
  const bot = runningBot('balises-echo-size', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  const { message } = cardConversation(() => bot.url, () => bot.connector);
  let n = 0;
  const as = (): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from: ADMIN, conversationId: `a:personal-echo-${++n}` });
  const wireBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body), 'utf8');

  it.each([
    ['/publier with an enormous address', `/publier https://exemple.gouv.qc.ca/${HUGE}`, /^Je lis «\s*https:\/\/exemple\.gouv\.qc\.ca\/a+…\s*»/],
    ['/source with an enormous document id', `/source ${HUGE} https://exemple.gouv.qc.ca/guide`, /a{100}/],
    ['audit with an enormous document id', `audit ${HUGE}`, /a{100}/],
  ])('keeps the reply to %s under the size limit, what was typed cut with « … »', async (_case, typed, opening) => {
    const reply = await message(typed, as());
    expect(wireBytes(reply)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(reply.text).toMatch(opening);
    expect(reply.text).toContain('…');
  });
});

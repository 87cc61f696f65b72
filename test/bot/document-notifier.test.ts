import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Activity, ConversationReference } from 'botbuilder';
import { documentNotifier } from '../../src/bot/document-notifier.js';
import { LanguageMemory, speakerKey } from '../../src/bot/language-memory.js';
import { GOVERNANCE_CHANNEL_KEY, userConversationKey, type InventoryDeps } from '../../src/bot/routes/deps.js';
import type { AssessmentFlag } from '../../src/documents/store.js';

/** Two fictional governance admins: Alex writes English, Béatrice has never written to the bot. */
const ALEX = '0000000e-0000-4000-8000-0000000000a1';
const BEATRICE = '0000000e-0000-4000-8000-0000000000b2';
const CHANNEL = '19:gouvernance-fictive@thread.tacv2';

/** One assessment flagged by the withdrawal of a fictional directive. */
const WITHDRAWN: AssessmentFlag[] = [
  {
    declarationId: 'decl-1',
    publicId: 'IA-2026-0001',
    docId: 'directive-phares',
    quotedVersion: 'v1',
    sectionPath: ['Entretien'],
    newVersion: 'v1',
    change: 'withdrawn',
    flaggedAt: '2026-12-03T15:00:00.000Z',
  },
];

/** A personal chat's stored reference, stamped with the client's locale as Teams sends it. */
const personalChat = (id: string, locale: string) => ({ serviceUrl: 'https://smba.example.test/', channelId: 'msteams', conversation: { id: `a:personal-${id}` }, locale });

/** The notifier over stored conversations, and what it posted, by conversation id. */
function notifierOver(stored: Record<string, unknown>, languages?: LanguageMemory) {
  const posted: Array<{ conversationId: string; text: string }> = [];
  const inventory = {
    conversations: { getConversation: async (key: string) => stored[key] ?? null, saveConversation: async () => undefined },
    governanceAdminIds: [ALEX, BEATRICE],
    proactive: async (reference: Partial<ConversationReference>, activity: Partial<Activity>) => {
      posted.push({ conversationId: String(reference.conversation?.id), text: String(activity.text) });
    },
  } as unknown as InventoryDeps;
  return { notifier: documentNotifier(inventory, pino({ level: 'silent' }), languages), posted };
}

describe('documentNotifier: notices of flagged assessments', () => {
  it('tells an admin who writes English of a withdrawal in English, and one who never wrote in their locale’s French', async () => {
    // A withdrawal's notice was always French, even to an admin who had just typed `withdraw directive-phares`.
    const languages = new LanguageMemory(100);
    const alexChat = personalChat(ALEX, 'fr-CA');
    languages.remember(speakerKey({ conversation: { id: alexChat.conversation.id } as never, from: { id: '29:alex', aadObjectId: ALEX, name: 'Alex' } })!, 'en');
    const { notifier, posted } = notifierOver({ [userConversationKey(ALEX)]: alexChat, [userConversationKey(BEATRICE)]: personalChat(BEATRICE, 'fr-CA') }, languages);
    await notifier.flagged(WITHDRAWN, undefined);
    expect(posted.map((p) => p.conversationId)).toEqual([`a:personal-${ALEX}`, `a:personal-${BEATRICE}`]);
    expect(posted[0]!.text).toMatch(/^Document withdrawn: directive-phares \(version v1\) is no longer published/);
    expect(posted[0]!.text).toContain('- IA-2026-0001 — Entretien (quoted from version v1): document withdrawn');
    expect(posted[1]!.text).toMatch(/^Document retiré\u00a0: directive-phares \(version v1\) n’est plus publié/);
  });

  it('keeps the language of the published proposal’s card when the notice has one', async () => {
    const languages = new LanguageMemory(100);
    const alexChat = personalChat(ALEX, 'en-US');
    languages.remember(speakerKey({ conversation: { id: alexChat.conversation.id } as never, from: { id: '29:alex', aadObjectId: ALEX, name: 'Alex' } })!, 'en');
    const { notifier, posted } = notifierOver({ [userConversationKey(ALEX)]: alexChat }, languages);
    await notifier.flagged(WITHDRAWN, 'fr');
    expect(posted[0]!.text).toMatch(/^Document retiré/);
  });

  it('tells the governance channel of a withdrawal in French, whatever locale registered it: its readers are many', async () => {
    const channel = { serviceUrl: 'https://smba.example.test/', channelId: 'msteams', conversation: { id: CHANNEL }, locale: 'en-US' };
    const { notifier, posted } = notifierOver({ [GOVERNANCE_CHANNEL_KEY]: channel }, new LanguageMemory(100));
    await notifier.flagged(WITHDRAWN, undefined);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ conversationId: CHANNEL, text: expect.stringMatching(/^Document retiré\u00a0: directive-phares/) });
  });

  it('tells an admin who never wrote in an English client’s locale in English', async () => {
    const { notifier, posted } = notifierOver({ [userConversationKey(BEATRICE)]: personalChat(BEATRICE, 'en-US') }, new LanguageMemory(100));
    await notifier.flagged(WITHDRAWN, undefined);
    expect(posted[0]!.text).toMatch(/^Document withdrawn: directive-phares/);
  });
});

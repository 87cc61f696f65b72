import type { Activity, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Language } from '../answers/types.js';
import type { ProposalNotifier } from '../documents/proposals.js';
import { localeLanguage } from './language.js';
import { speakerKey, type LanguageMemory } from './language-memory.js';
import { message } from './render/answer.js';
import { flagsText } from './render/document-admin.js';
import { GOVERNANCE_CHANNEL_KEY, storedReference, userConversationKey, type InventoryDeps } from './routes/deps.js';

/**
 * Posts flagged assessments to the governance channel (or, without one,
 * to the admins' personal chats), in the notice's language, else (a withdrawal, a publication from the command line)
 * each recipient's: in an admin's personal chat the language they last wrote in there (`languages`, see
 * LanguageMemory), else the chat's locale, as a reply to a message with no language of its own (fallbackLanguage);
 * in the channel, French. Failures are logged. A new proposal's card reaches the other admins and the channel
 * through the announcement outbox instead (src/documents/announcements.ts, notifications.ts proposalCardDelivery).
 * @param languages the languages people last wrote in; without it, the locale decides
 */
export function documentNotifier(inventory: InventoryDeps, logger: Logger, languages?: Pick<LanguageMemory, 'load' | 'recall'>): ProposalNotifier {
  /** The language `person` (an Entra id) last wrote in, in the conversation of `reference`, if known. */
  const remembered = async (reference: Partial<ConversationReference>, person: string): Promise<Language | undefined> => {
    const key = reference.conversation && speakerKey({ conversation: reference.conversation, from: { id: person, aadObjectId: person, name: '' } });
    if (!languages || !key) return undefined;
    try {
      await languages.load(key);
    } catch (err) {
      // The store's failure costs only the notice's language (the locale decides), not the notice.
      logger.warn({ err }, 'stored language could not be read for a document notice');
    }
    return languages.recall(key);
  };
  /** Posts to the conversation stored under `key`; `person`, the admin whose personal chat it is. */
  const post = async (key: string, build: (language: Language) => Partial<Activity>, person?: string): Promise<boolean> => {
    const reference = await storedReference(inventory, key, logger);
    if (!reference) return false;
    try {
      // A channel is read by many, whose languages are unknown (its locale is that of whoever registered it, and the
      // Agents Playground stamps en-US on everything): French, the administration's language.
      const language = person === undefined ? 'fr' : ((await remembered(reference, person)) ?? localeLanguage(reference.locale));
      await inventory.proactive(reference, build(language));
      return true;
    } catch (err) {
      logger.error({ err, key: key.startsWith('user:') ? 'user' : key }, 'document notice could not be sent');
      return false;
    }
  };
  return {
    async flagged(flags, language) {
      // The language of the publication's card, which the channel already shows, when there is one.
      const build = (recipient: Language) => message(flagsText(flags, language ?? recipient, 'notice'));
      if (await post(GOVERNANCE_CHANNEL_KEY, build)) return;
      for (const adminId of inventory.governanceAdminIds) await post(userConversationKey(adminId), build, adminId);
    },
  };
}

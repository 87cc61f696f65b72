import type { Activity } from 'botbuilder';
import type { Language } from '../answers/types.js';
import { channelOf } from './routes/governance-place.js';

/**
 * The language each person last wrote in, per conversation: a message whose own words carry no language (`audit`,
 * `sources`, an acronym) is answered in it rather than in the client's locale, which says little of the language a
 * person writes in (the Agents Playground stamps every message en-US). Bounded, and in this process's memory like
 * RecentKeys: after a restart, or on another instance, the locale decides until the person writes words that say.
 */
export class LanguageMemory {
  private readonly languages = new Map<string, Language>();

  /** @param maxKeys oldest entries (by last write) are forgotten beyond this count, so memory stays bounded */
  constructor(private readonly maxKeys: number) {}

  /** Records `language` as the last one `key` wrote in. */
  remember(key: string, language: Language): void {
    this.languages.delete(key);
    this.languages.set(key, language);
    while (this.languages.size > this.maxKeys) {
      const oldest = this.languages.keys().next();
      if (oldest.done) break;
      this.languages.delete(oldest.value);
    }
  }

  /** The language `key` last wrote in, if remembered. */
  recall(key: string): Language | undefined {
    return this.languages.get(key);
  }
}

/**
 * The key of a person in a conversation (`conversation id` without a channel thread's `;messageid=…`, so that
 * every thread of a channel shares it; NUL; Entra object id, else channel user id, lowercase: Teams does not always
 * send an Entra id in the same case), or null when the activity names neither.
 */
export function speakerKey(activity: Pick<Activity, 'conversation' | 'from'>): string | null {
  const conversationId = activity.conversation?.id && channelOf(activity.conversation.id);
  const userId = activity.from?.aadObjectId ?? activity.from?.id;
  return conversationId && userId ? `${conversationId}\u0000${userId.toLowerCase()}` : null;
}

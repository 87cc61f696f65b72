import type { Activity } from 'botbuilder';
import type { Language } from '../answers/types.js';
import type { SpeakerLanguageStore } from '../storage/speaker-languages.js';
import { channelOf } from './routes/governance-place.js';

/**
 * The language each person last wrote in, per conversation: a message whose own words carry no language (`audit`,
 * `sources`, an acronym) is answered in it rather than in the client's locale, which says little of the language a
 * person writes in (the Agents Playground stamps every message en-US). Held in this process's memory, bounded; with a
 * `store` (the server's: SQLite file or PostgreSQL), also kept there, so that after a restart, or on another
 * instance, a person who wrote English is still answered in English: `load` brings a key's stored language in before
 * the turn reads it, and `save` writes what `remember` changed. Without a store (tests, the bench), memory only.
 */
export class LanguageMemory {
  private readonly languages = new Map<string, Language>();
  /** Languages remembered since the last `save`, by key: what the store does not hold yet. */
  private readonly unsaved = new Map<string, Language>();

  /**
   * @param maxKeys oldest entries (by last write) are forgotten beyond this count, so memory stays bounded
   * @param store where languages outlive the process (see SpeakerLanguageStore)
   */
  constructor(
    private readonly maxKeys: number,
    private readonly store?: SpeakerLanguageStore,
  ) {}

  /**
   * Brings `key`'s stored language into memory when memory has none for it (a restart, another instance).
   * @throws the store's error when it cannot be reached
   */
  async load(key: string): Promise<void> {
    if (!this.store || this.languages.has(key)) return;
    const stored = await this.store.recall(key);
    if (stored && !this.languages.has(key)) this.set(key, stored);
  }

  /** Records `language` as the last one `key` wrote in (stored by the next `save` when it changed). */
  remember(key: string, language: Language): void {
    if (this.store && this.languages.get(key) !== language) this.unsaved.set(key, language);
    this.set(key, language);
  }

  /**
   * Writes to the store the languages remembered since the last save. Nothing to do without a store.
   * @throws the store's error when it cannot be reached (the languages stay to be saved next time)
   */
  async save(): Promise<void> {
    if (!this.store) return;
    for (const [key, language] of [...this.unsaved]) {
      await this.store.save(key, language);
      if (this.unsaved.get(key) === language) this.unsaved.delete(key);
    }
  }

  /** The language `key` last wrote in, if remembered. */
  recall(key: string): Language | undefined {
    return this.languages.get(key);
  }

  private set(key: string, language: Language): void {
    this.languages.delete(key);
    this.languages.set(key, language);
    while (this.languages.size > this.maxKeys) {
      const oldest = this.languages.keys().next();
      if (oldest.done) break;
      this.languages.delete(oldest.value);
    }
    // Bounded too: a store that stays down must not make memory grow.
    while (this.unsaved.size > this.maxKeys) {
      const oldest = this.unsaved.keys().next();
      if (oldest.done) break;
      this.unsaved.delete(oldest.value);
    }
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

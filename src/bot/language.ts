import type { Activity } from 'botbuilder';
import { detectLanguage } from '../answers/language.js';
import type { Language } from '../answers/types.js';

/**
 * The user's language from the Teams client locale (`activity.locale`, e.g. `en-US`, `fr-CA`): English when it
 * starts with `en`, French otherwise (French is the administration's language and the default).
 */
export function localeLanguage(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * The language to reply in when the reply is not an answer (apologies): the language the message is written in
 * when it has words, else the client locale.
 */
export function turnLanguage(activity: Pick<Activity, 'text' | 'locale'>): Language {
  const text = activity.text ?? '';
  return /\p{L}{2}/u.test(text) ? detectLanguage(text) : localeLanguage(activity.locale);
}

import type { Activity } from 'botbuilder';
import { detectLanguage } from '../answers/language.js';
import type { Language } from '../answers/types.js';

/**
 * The user's language from the Teams client locale (`activity.locale`, e.g. `en-US`, `fr-CA`): English when it
 * starts with `en`, French otherwise (French is the administration's language and the default). Anything that is
 * not a string counts as no locale.
 */
export function localeLanguage(locale: unknown): Language {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * The language a message is written in, with the client locale as the tie-breaker: a message with no clear
 * signal ("AI transparency citizens", an acronym) is answered in the language of the user's Teams client.
 */
export function messageLanguage(text: string, locale: unknown): Language {
  return detectLanguage(text, localeLanguage(locale));
}

/**
 * The language to reply in when the reply is not an answer (apologies): the language the message is written in,
 * else the client locale. Never throws, whatever the activity carries (used by the error handler).
 */
export function turnLanguage(activity: Pick<Activity, 'text' | 'locale'> | undefined): Language {
  const text: unknown = activity?.text;
  return typeof text === 'string' ? messageLanguage(text, activity?.locale) : localeLanguage(activity?.locale);
}

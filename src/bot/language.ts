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
 * The language of a card's button press (an `adaptiveCard/action` invoke): the `lang` its action data carries — the
 * language of the card pressed, so a flow started in French stays in French under an English client — else the
 * client locale (cards from before `lang`, or from elsewhere). Never throws, whatever the activity carries.
 */
export function actionLanguage(activity: Pick<Activity, 'value' | 'locale'>): Language {
  const value: unknown = activity.value;
  const action: unknown = value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
  const data: unknown = action && typeof action === 'object' ? (action as { data?: unknown }).data : undefined;
  const lang: unknown = data && typeof data === 'object' ? (data as { lang?: unknown }).lang : undefined;
  return lang === 'fr' || lang === 'en' ? lang : localeLanguage(activity.locale);
}

/**
 * The language to reply in when the reply is not an answer (apologies): the language the message is written in,
 * else the client locale. Never throws, whatever the activity carries (used by the error handler).
 */
export function turnLanguage(activity: Pick<Activity, 'text' | 'locale'> | undefined): Language {
  const text: unknown = activity?.text;
  return typeof text === 'string' ? messageLanguage(text, activity?.locale) : localeLanguage(activity?.locale);
}

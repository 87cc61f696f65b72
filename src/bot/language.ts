import type { Activity, TurnContext } from 'botbuilder';
import { ownLanguage } from '../answers/language.js';
import type { Language } from '../answers/types.js';
import { HELP_WORDS } from './input.js';
import { speakerKey, type LanguageMemory } from './language-memory.js';

const REMEMBERED = Symbol('balises.rememberedLanguage');

/** What of a turn says its language: the activity and the turn's state (see {@link rememberLanguage}). */
export interface TurnLanguageSource {
  activity: TurnContext['activity'];
  turnState: { get(key: symbol): unknown; set(key: symbol, value: unknown): unknown };
}

/**
 * The user's language from the Teams client locale (`activity.locale`, e.g. `en-US`, `fr-CA`): English when it
 * starts with `en`, French otherwise (French is the administration's language and the default). Anything that is
 * not a string counts as no locale.
 */
export function localeLanguage(locale: unknown): Language {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * What a command carries that is not the person's writing: web addresses and identifiers (a digit, an underscore or
 * an @ inside, or a hyphen between two words of three letters or more: `enonce-principes-ia`, `IA-2026-0042`, `v2`),
 * whose words (`enonce`, `principes`) would otherwise count as French. `est-ce`, `peut-on` stay.
 */
const NOT_WRITTEN = /\S:\/\/\S|[\d_@]|\p{L}{3}-\p{L}{3}/u;
/**
 * A run of non-blanks. NOT_WRITTEN is tested on each word rather than searched for with `\S*…\S*` around it: that
 * search backtracks over the whole run from every position, so one long word (a pasted blob of 30 000 characters)
 * took seconds, holding every other conversation up.
 */
const WORD = /\S+/gu;

/**
 * Whole-message commands whose words are the command's (`aide`, `inventaire en examen`, `governance register`):
 * they carry none of the function words ownLanguage counts, yet the word chosen says the language, and the reply is
 * in it (help.ts, inventory-list.ts, documents.ts, review.ts), so a `sources` typed next answers in that language too.
 * @param words regular-expression sources of the command's words, matched as the whole message (a leading `/`, a
 *   trailing `.`, `!` or `?` allowed, as the routes allow)
 */
function wordCommands(language: Language, words: readonly string[]): (readonly [RegExp, Language])[] {
  return words.map((word) => [new RegExp(`^\\s*\\/?${word}\\s*(?:[.!?]+\\s*)?$`, 'iu'), language] as const);
}

/**
 * Commands whose word says their language: those whose arguments name a document (`history Directive sur les phares`,
 * `rollback enonce v2`, `/publish https://…`), since a French title, id or address is not the person's writing, and
 * the whole-message commands of wordCommands; the command word decides. `/publier` and `/publish` take the slash
 * only, as their route does (document-submissions.ts PUBLISH_COMMAND).
 */
const NAMING_COMMANDS: readonly (readonly [RegExp, Language])[] = [
  [/^\s*\/?(?:historique|r[ée]tablir)(?:\s|$)/i, 'fr'],
  [/^\s*\/?(?:history|rollback)(?:\s|$)/i, 'en'],
  [/^\s*\/publier(?:\s|$)/i, 'fr'],
  [/^\s*\/publish(?:\s|$)/i, 'en'],
  ...wordCommands('fr', [...HELP_WORDS.fr, 'propositions', 'signalements', 'gouvernance\\s+enregistrer', 'inventaire(?:\\s+[^\\n]*)?']),
  ...wordCommands('en', [...HELP_WORDS.en, 'proposals', 'flags', 'governance\\s+register', 'inventory(?:\\s+[^\\n]*)?']),
];

/** The language of a message's own words: a naming command's word (NAMING_COMMANDS), else ownLanguage of the rest. */
function writtenLanguage(text: string): Language | null {
  const command = NAMING_COMMANDS.find(([word]) => word.test(text));
  return command ? command[1] : ownLanguage(text.replace(WORD, (word) => (NOT_WRITTEN.test(word) ? ' ' : word)));
}

/**
 * Records the language a message's own words are written in (see writtenLanguage; addresses and identifiers left
 * out, see NOT_WRITTEN) as the one its author last wrote in within this conversation, and keeps for the turn the
 * language so remembered, this message's or an earlier one's. Run before any route; activities other than messages
 * only read the memory.
 */
export function rememberLanguage(context: TurnLanguageSource, memory: LanguageMemory): void {
  const key = speakerKey(context.activity);
  if (!key) return;
  const text: unknown = context.activity.text;
  const own = context.activity.type === 'message' && typeof text === 'string' ? writtenLanguage(text) : null;
  if (own) memory.remember(key, own);
  const remembered = memory.recall(key);
  if (remembered) context.turnState.set(REMEMBERED, remembered);
}

/**
 * The language to reply in when the message's own words say none (`audit`, `sources`, a file alone): the one its
 * author last wrote in within this conversation (see {@link rememberLanguage}), else the client locale's, else
 * French. Never throws.
 */
export function fallbackLanguage(context: TurnLanguageSource): Language {
  const remembered: unknown = context.turnState.get(REMEMBERED);
  return remembered === 'fr' || remembered === 'en' ? remembered : localeLanguage(context.activity?.locale);
}

/**
 * The language a message is written in (see writtenLanguage: a pasted address or an identifier says none, so
 * `https://www.quebec.ca/a-propos` is not English for its « a »), `fallback` when its words give no clear signal
 * ("AI transparency citizens", an acronym): see {@link fallbackLanguage}.
 */
export function messageLanguage(text: string, fallback: Language): Language {
  return writtenLanguage(text) ?? fallback;
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
 * The language to reply in when the reply is not an answer (apologies, the rate limit): the language the message is
 * written in, else {@link fallbackLanguage}. Never throws, whatever the activity carries (used by the error handler).
 */
export function turnLanguage(context: TurnLanguageSource): Language {
  const text: unknown = context.activity?.text;
  return typeof text === 'string' ? messageLanguage(text, fallbackLanguage(context)) : fallbackLanguage(context);
}

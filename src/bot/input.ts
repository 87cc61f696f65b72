import type { Attachment } from 'botbuilder';
import { cutAtWord } from './render/text.js';

/**
 * Longest question passed to retrieval, in characters. Real questions are a sentence or two; beyond this, filler
 * swamps the signal and costs time, so the text is cut at a word boundary and the user is told.
 */
export const MAX_QUESTION_CHARS = 2_000;

/** `aide`, `help`, `/aide`, `/help`, any case, optional trailing punctuation. */
export const HELP_COMMAND = /^\s*\/?(aide|help)\s*[.!?]*\s*$/i;
/** `sources`, `/sources` or `source` (`/source` is the admins' official-sources command). */
export const SOURCES_COMMAND = /^\s*(?:\/?sources|source)\s*[.!?]*\s*$/i;
/** Any other word after a slash at the start, e.g. `/foo`. */
const SLASH_COMMAND = /^\s*\/[\p{L}\p{N}_-]+(\s|$)/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Teams adds a `text/html` copy of the message body as an attachment: it is not a file. */
const BODY_COPY_TYPES = new Set(['text/html', 'text/plain']);

/** Words that open a greeting or a thanks, by language. */
const SMALL_TALK_HEADS = {
  fr: new Set(['bonjour', 'bonsoir', 'salut', 'allo', 'allô', 'coucou', 'merci']),
  en: new Set(['hello', 'hi', 'hey', 'thanks', 'thank', 'cheers']),
} as const;
/** Words that may come with them (`merci beaucoup`, `bonjour à tous`, `thank you very much`, `good morning`). */
const SMALL_TALK_COMPANIONS = {
  fr: new Set(['beaucoup', 'mille', 'fois', 'bien', 'bonne', 'journée', 'soirée', 'à', 'tous', 'toutes', 'toi', 'vous', 'encore']),
  en: new Set(['you', 'very', 'much', 'a', 'lot', 'good', 'morning', 'afternoon', 'evening', 'there', 'all', 'again']),
} as const;

/** Words that say thanks. */
const THANKS = new Set(['merci', 'thanks', 'thank', 'cheers']);

/**
 * The language of a message made only of a greeting or a thanks (`Bonjour!`, `merci beaucoup 🙂`, `thanks a lot`),
 * and whether it thanks, or null when the message says anything else: such a message is small talk, not a question
 * to search for.
 */
function smallTalkOf(text: string): { language: 'fr' | 'en'; thanks: boolean } | null {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  for (const language of ['fr', 'en'] as const) {
    const heads = SMALL_TALK_HEADS[language];
    const companions = SMALL_TALK_COMPANIONS[language];
    if (words.some((w) => heads.has(w)) && words.every((w) => heads.has(w) || companions.has(w))) {
      return { language, thanks: words.some((w) => THANKS.has(w)) };
    }
  }
  return null;
}

/** What a message asks for, once the bot's mention is removed. */
export type MessageInput =
  | { kind: 'empty' }
  | { kind: 'small_talk'; language: 'fr' | 'en'; thanks: boolean }
  | { kind: 'no_words' }
  | { kind: 'attachment_only' }
  | { kind: 'unknown_command' }
  | { kind: 'question'; text: string; truncated?: { originalChars: number; usedChars: number } };

/**
 * Classifies a message for the ask route. Help and sources commands are matched earlier by their own routes.
 * @param text activity text with the bot mention already removed (may be undefined)
 * @param attachments activity attachments (files, images, Teams' HTML copy of the body)
 */
export function classifyMessage(text: string | undefined, attachments: Attachment[] | undefined): MessageInput {
  const trimmed = (text ?? '').trim();
  if (trimmed.length === 0) {
    const files = (attachments ?? []).filter((a) => !BODY_COPY_TYPES.has(a.contentType));
    return files.length > 0 ? { kind: 'attachment_only' } : { kind: 'empty' };
  }
  if (SLASH_COMMAND.test(trimmed)) return { kind: 'unknown_command' };
  if (!HAS_WORD.test(trimmed)) return { kind: 'no_words' };
  const smallTalk = smallTalkOf(trimmed);
  if (smallTalk) return { kind: 'small_talk', ...smallTalk };
  if (trimmed.length <= MAX_QUESTION_CHARS) return { kind: 'question', text: trimmed };
  const used = cutAtWord(trimmed, MAX_QUESTION_CHARS);
  return { kind: 'question', text: used, truncated: { originalChars: trimmed.length, usedChars: used.length } };
}

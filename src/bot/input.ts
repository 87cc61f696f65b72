import type { Attachment } from 'botbuilder';
import { cutAtWord } from './render/text.js';

/**
 * Longest question passed to retrieval, in characters. Real questions are a sentence or two; beyond this, filler
 * swamps the signal and costs time, so the text is cut at a word boundary and the user is told.
 */
export const MAX_QUESTION_CHARS = 2_000;

/** `aide`, `help`, `/aide`, `/help`, any case, optional trailing punctuation. */
export const HELP_COMMAND = /^\s*\/?(aide|help)\s*[.!?]*\s*$/i;
/** `sources` or `/sources`. */
export const SOURCES_COMMAND = /^\s*\/?sources?\s*[.!?]*\s*$/i;
/** Any other word after a slash at the start, e.g. `/foo`. */
const SLASH_COMMAND = /^\s*\/[\p{L}\p{N}_-]+(\s|$)/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Teams adds a `text/html` copy of the message body as an attachment: it is not a file. */
const BODY_COPY_TYPES = new Set(['text/html', 'text/plain']);

/** What a message asks for, once the bot's mention is removed. */
export type MessageInput =
  | { kind: 'empty' }
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
  if (trimmed.length <= MAX_QUESTION_CHARS) return { kind: 'question', text: trimmed };
  const used = cutAtWord(trimmed, MAX_QUESTION_CHARS);
  return { kind: 'question', text: used, truncated: { originalChars: trimmed.length, usedChars: used.length } };
}

import type { ExtractedDocument } from '../types.js';
import { ExtractionError } from './errors.js';
import { decodeText, splitLines } from './text-decoding.js';
import { markTextHeadings } from './text-headings.js';

/** Longest run of strongly emphasised text, in characters: bounded, so that marks never closed cost one look each. */
const MAX_STRONG_CHARS = 200;
/**
 * Strong emphasis as a text export writes it (`**jamais**`: Sphinx's text builder, reStructuredText, Markdown habits),
 * possibly wrapped over two lines of one paragraph: its marks, never text a reader would quote. Only marks set around
 * words (not after a letter or a digit: `2**10` stays) and never a line of asterisks (a title's underline).
 */
const STRONG = new RegExp(String.raw`(?<![\p{L}\p{N}*])\*\*(?=[^\s*])((?:(?!\*\*)[^\n]|\n(?![ \t\r]*\n)){1,${MAX_STRONG_CHARS}}?)(?<=[^\s*])\*\*(?![\p{L}\p{N}*])`, 'gu');

/**
 * Extracts a plain-text file: one page (pageNumber null), every line as is, but for the headings a manual's text
 * export marks by an underline or a numbered title of its own (see markTextHeadings) and its strong emphasis marks
 * (see STRONG). Empty lines are kept: they are the only paragraph boundaries plain text has.
 * @throws ExtractionError for binary content or a file with no text
 */
export async function extractText(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const lines = splitLines(decodeText(bytes, file).replace(STRONG, '$1')).map((text) => ({ text }));
  if (!lines.some((line) => line.text.trim() !== '')) {
    throw new ExtractionError(file, 'the file contains no text', { problem: 'no_text' });
  }
  return { format: 'text', pages: [{ pageNumber: null, lines: markTextHeadings(lines) }] };
}

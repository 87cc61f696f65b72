import type { ExtractedDocument } from '../types.js';
import { ExtractionError } from './errors.js';
import { decodeText, splitLines } from './text-decoding.js';
import { markTextHeadings } from './text-headings.js';

/**
 * Extracts a plain-text file: one page (pageNumber null), every line as is, but for the headings a manual's text
 * export marks by an underline or a numbered title of its own (see markTextHeadings). Empty lines are kept: they
 * are the only paragraph boundaries plain text has.
 * @throws ExtractionError for binary content or a file with no text
 */
export async function extractText(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const lines = splitLines(decodeText(bytes, file)).map((text) => ({ text }));
  if (!lines.some((line) => line.text.trim() !== '')) {
    throw new ExtractionError(file, 'the file contains no text', { problem: 'no_text' });
  }
  return { format: 'text', pages: [{ pageNumber: null, lines: markTextHeadings(lines) }] };
}

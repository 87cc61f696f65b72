import type { ExtractedDocument, SourceLine } from '../types.js';
import { ExtractionError } from './errors.js';
import { decodeText, splitLines } from './text-decoding.js';

/** ATX heading: 1–6 `#`, at least one space, the title, optional closing `#`s (CommonMark). */
const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * Extracts a Markdown file: one page (pageNumber null); `#`-prefixed lines become headings (level = number of `#`,
 * the `#`s stripped), every other line is kept as is, empty lines included (paragraph boundaries).
 * No other Markdown syntax is interpreted: the text stays raw for the cleaning step.
 * @throws ExtractionError for binary content or a file with no text
 */
export async function extractMarkdown(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const lines: SourceLine[] = splitLines(decodeText(bytes, file)).map((text) => {
    const heading = ATX_HEADING.exec(text);
    return heading?.[1] && heading[2] ? { text: heading[2], headingLevel: heading[1].length } : { text };
  });
  if (!lines.some((line) => line.text.trim() !== '')) {
    throw new ExtractionError(file, 'the file contains no text');
  }
  return { format: 'markdown', pages: [{ pageNumber: null, lines }] };
}

import MarkdownIt from 'markdown-it';
import type { ExtractedDocument } from '../types.js';
import { ExtractionError } from './errors.js';
import { extractHtmlString } from './html.js';
import { rewriteDirectives } from './markdown-directives.js';
import { decodeText } from './text-decoding.js';

/**
 * CommonMark with GFM tables and strikethrough; raw HTML passed through (guides embed `<figure>`, `<br>`, HTML
 * tables), since the HTML reader turns it into text; no typographic replacements (quotes must stay verbatim).
 */
const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
// An image is not text: its syntax and its alt text are dropped (a figure's caption, written as text, is kept).
parser.renderer.rules.image = () => '';

/**
 * Extracts a Markdown file as a reader sees it rendered: one page (pageNumber null) of text lines.
 * Publishing-tool directives are rewritten first (see rewriteDirectives: front matter dropped, GitBook Liquid tags
 * and `:::` containers removed with their inner text kept); the Markdown is then rendered to HTML by markdown-it
 * and read like an HTML page (see extractHtmlString): headings keep their level, emphasis and link syntax go (link
 * text kept, URL dropped), images go, entities are decoded, list items and table rows are lines of their own, a
 * bold-only paragraph is a minor heading.
 * @throws ExtractionError for binary content or a file with no text
 */
export async function extractMarkdown(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const source = rewriteDirectives(decodeText(bytes, file));
  if (source.trim() === '') throw new ExtractionError(file, 'the file contains no text', { problem: 'no_text' });
  return extractHtmlString(parser.render(source), file, 'markdown');
}

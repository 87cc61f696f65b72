import MarkdownIt from 'markdown-it';
import type { ExtractedDocument } from '../types.js';
import { ExtractionError } from './errors.js';
import { extractHtmlString } from './html.js';
import { pandocAttributes } from './markdown-attributes.js';
import { frontMatterTitle, rewriteDirectives } from './markdown-directives.js';
import { decodeText } from './text-decoding.js';

/**
 * CommonMark with GFM tables and strikethrough; raw HTML passed through (guides embed `<figure>`, `<br>`, HTML
 * tables), since the HTML reader turns it into text; no typographic replacements (quotes must stay verbatim).
 */
const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
// An image is not text: its syntax and its alt text are dropped (a figure's caption, written as text, is kept).
parser.renderer.rules.image = () => '';
// markdown-it refuses links to `javascript:`, `vbscript:`, `file:` and non-image `data:` addresses, to keep a browser
// safe, and leaves their whole syntax as text: `[le registre](javascript:…)` was quoted as is. The address of a link
// is never rendered here (its text alone is read), so every link is a link and only its text stays.
parser.validateLink = () => true;

/** A GFM task list item's check box, as written at the start of its text: `[ ] `, `[x] `, `[X] `. */
const TASK_BOX = /^\[[ xX]\]\s+/u;
// A checklist's boxes (`- [ ] Évaluer les risques`) are GitHub's markup, which CommonMark leaves as text: without
// this rule every item of a checklist was quoted opening with `[ ]` or `[x]`. The item's text stays.
parser.core.ruler.push('task_list_boxes', (state) => {
  state.tokens.forEach((token, i) => {
    if (token.type !== 'inline' || state.tokens[i - 1]?.type !== 'paragraph_open' || state.tokens[i - 2]?.type !== 'list_item_open') return;
    const first = token.children?.[0];
    if (first?.type !== 'text' || !TASK_BOX.test(first.content)) return;
    first.content = first.content.replace(TASK_BOX, '');
  });
});

parser.use(pandocAttributes);

/** What a parse reports besides its tokens (markdown-it's `env`). */
interface ParseReport {
  /** Set when blocks nested deeper than markdown-it's `maxNesting` were met: it skips them and the rest of their container. */
  tooDeep?: boolean;
}

// markdown-it stops reading blocks nested beyond `maxNesting` (100 levels: 50 lists, each with its item, or 100
// quotations) and silently drops them with everything after them in their container, up to the end of the file.
// The same check it makes, before its own, records that text was dropped, so the file is refused instead.
const blockTokenize = parser.block.tokenize.bind(parser.block);
// Part of markdown-it's options, missing from their type.
const MAX_NESTING = (parser.options as { maxNesting?: number }).maxNesting ?? 100;
parser.block.tokenize = (state, startLine, endLine) => {
  const line = state.skipEmptyLines(startLine);
  if (state.level >= MAX_NESTING && line < endLine && state.sCount[line]! >= state.blkIndent) {
    (state.env as ParseReport).tooDeep = true;
  }
  blockTokenize(state, startLine, endLine);
};

/**
 * Extracts a Markdown file as a reader sees it rendered: one page (pageNumber null) of text lines.
 * Publishing-tool directives are rewritten first (see rewriteDirectives: front matter dropped, GitBook Liquid tags
 * and `:::` containers removed with their inner text kept; the front matter's `title` is the title, see
 * frontMatterTitle); the Markdown is then rendered to HTML by markdown-it
 * and read like an HTML page (see extractHtmlString): headings keep their level, emphasis and link syntax go (link
 * text kept, URL dropped), images go, a task list item's check box (`[ ]`, `[x]`) goes, entities are decoded, list
 * items and table rows are lines of their own, a bold-only paragraph is a minor heading, Pandoc's attributes and
 * bracketed spans are read as their text (see pandocAttributes).
 * @throws ExtractionError for binary content, a file with no text, or lists or quotations nested beyond what markdown-it
 *   reads (it would drop them and the text after them)
 */
export async function extractMarkdown(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const text = decodeText(bytes, file);
  const source = rewriteDirectives(text);
  if (source.trim() === '') throw new ExtractionError(file, 'the file contains no text', { problem: 'no_text' });
  const report: ParseReport = {};
  const tokens = parser.parse(source, report);
  if (report.tooDeep) {
    throw new ExtractionError(file, 'lists or quotations are nested too deeply to be read whole (more than 50 lists or 100 quotations inside one another)');
  }
  const doc = extractHtmlString(parser.renderer.render(tokens, parser.options, report), file, 'markdown');
  const title = frontMatterTitle(text);
  return title === undefined ? doc : { ...doc, title };
}

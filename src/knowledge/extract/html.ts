import { load, type CheerioAPI } from 'cheerio';
import { isDateLine } from '../dates.js';
import type { ExtractedDocument, SourceFormat, SourceLine } from '../types.js';
import type { DomNode } from './dom.js';
import { ExtractionError } from './errors.js';
import { flattenDeepNesting } from './html-depth.js';
import { isAdmonitionTable, linearizeTable } from './html-table.js';
import { decodeText } from './text-decoding.js';
import { isPlaceholderTitle } from './placeholder-title.js';

/**
 * Elements whose content is never document text. `noembed` and `noframes` hold raw markup a browser never shows (it
 * was quoted as is, `<script>` included), a canvas's content is shown only by a browser without canvases, and the
 * controls of a form (`textarea`, `select`, `datalist`) hold what a reader types or picks, as a `form` does.
 */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'svg', 'iframe', 'head', 'button', 'form', 'noembed', 'noframes', 'canvas', 'textarea', 'select', 'datalist']);
/** Dropped only at page level: inside an article they hold the article's own heading or notes. */
const PAGE_CHROME = new Set(['header', 'footer']);
const CONTENT_CONTAINERS = new Set(['article', 'main', 'section']);
/** ARIA roles of a site's chrome (menus, banner, footer, search, cookie or sharing dialogs), never document text. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);
/**
 * Words of a `class` or `id` (split on spaces, `-` and `_`) that name a web page's furniture by the conventions of
 * site templates: breadcrumbs, cookie consent banners, sharing buttons, skip links, the site's banner (what ARIA's
 * `banner` role marks: `Télécharger le livre` above every page of a manual), menus and navigation bars
 * (Bootstrap's `navbar`, `nav`; Publican's `docnav`; DocBook XSL's `navheader` and `navfooter`, the table of
 * previous, up and next links atop and below each page of a chunked manual), tables of contents (`toc`, as DocBook, Sphinx,
 * MediaWiki and most CMSs mark them; `sommaire`). Not Sphinx's `toctree`: a single-page manual holds all its text
 * in one. A table of contents lists links to sections, sometimes of other
 * pages: kept, its numbered entries (`6.2. Commandes`) read as a statute's articles and took the page's structure.
 */
const CHROME_NAME_WORDS = new Set([
  'breadcrumb', 'breadcrumbs', 'ariane', 'cookie', 'cookies', 'consent', 'share', 'sharing', 'partager', 'skip', 'skiplink', 'skiplinks',
  'banner', 'nav', 'navbar', 'navigation', 'docnav', 'navheader', 'navfooter', 'menu', 'toc', 'sommaire',
]);
/**
 * Words of a `class` or `id` naming the page's footer (`<div id="footer">`, as templates wrote it before HTML5's
 * `<footer>`): the version of the page, links to its translations, to report errors. Like PAGE_CHROME, furniture only
 * at page level: inside an article or a section such an element holds the article's own notes.
 */
const PAGE_CHROME_NAME_WORDS = new Set(['footer']);
/** True when an element's class names a credit of a title page (see CREDIT_CLASSES). */
function namesCredit(node: DomNode): boolean {
  return (node.attribs?.class ?? '').split(/\s+/).some((name) => CREDIT_CLASSES.has(name));
}

/** True when a class, id or directive name (`site-navigation`, `toc_header`) names furniture (see CHROME_NAME_WORDS). */
export function namesChrome(name: string): boolean {
  return name.toLowerCase().split(/[\s_-]+/).some((word) => CHROME_NAME_WORDS.has(word));
}

/**
 * The page itself: a class on them names the page's layout (Asciidoctor's `<body class="book toc2 toc-left">` says
 * where the table of contents goes), never furniture; read as chrome, the whole page was dropped (« no text »).
 */
const PAGE_ROOTS = new Set(['html', 'body']);
/** Elements that hold a part of the text: an id naming furniture on them names what the part is about. */
const NAMED_CONTENT = new Set(['main', 'article', 'section']);
/**
 * Classes that hide an element's text from the screen, leaving it to screen readers, in the common templates
 * (Bootstrap, the Government of Canada's WET, WordPress, Drupal, HTML5 Boilerplate): `(lien externe)`, `Ouvre une
 * nouvelle fenêtre`. A quote gives what a reader sees on the page.
 */
const SCREEN_READER_CLASSES = new Set(['sr-only', 'visually-hidden', 'visuallyhidden', 'wb-inv', 'screen-reader-text', 'element-invisible', 'hidden-visually']);
/** Separators between a page's own title and the site's name in `<title>` (`Guide | Site`, `Guide - Site`). */
const TITLE_SEPARATOR = /^\s*[|–—:·-]\s*\S/u;
/** Elements that start and end a line of their own. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const HEADING = /^h([1-6])$/;
const BOLD = new Set(['strong', 'b']);
/** A bold paragraph inside these is part of an item or a quotation, never a heading. */
const INSIDE_TEXT = new Set(['li', 'dd', 'dt', 'blockquote', 'figure']);
/**
 * Classes of DocBook XSL's formal objects (`<div class="figure">`, `example`, `table`, `equation`; Sphinx wrote
 * `div.figure` too): their bold title is a caption, set after a figure's image, before an example's code. Read as a
 * minor heading, a figure's caption titled the box that followed it (`Figure 11.1. … NOTE …`, one section) and an
 * example's titled the text after the example.
 */
const FORMAL_OBJECT_CLASSES = new Set(['figure', 'example', 'table', 'equation']);
/**
 * Classes of DocBook XSL's credits on a title page (`<h3 class="author">`, `othercredit`, `editor`, `corpauthor`,
 * `collab`): a heading element sets a person's name in large type, not a section's title. Read as headings, the
 * names of a guide's authors and translators were its sections (« Camille Fictive » holding « version initiale »).
 */
const CREDIT_CLASSES = new Set(['author', 'othercredit', 'editor', 'corpauthor', 'collab']);
/** Elements that may be a titled box: a bold paragraph as their first text titles them (see boxTitledBy). */
const BOXES = new Set(['div', 'aside']);
/** A bold-only paragraph longer than this, in words, is emphasised prose rather than a minor heading. */
const MAX_MINOR_HEADING_WORDS = 12;
/** Ends a sentence or a clause: a bold paragraph ending so is emphasised prose (a question mark may end a title). */
const PROSE_ENDING = /[.;:,!]$/;
/** Joins a definition list's term to its definition (« nuage compter : Cette commande… »). */
const DEFINITION_SEPARATOR = ' : ';
/** HTML collapses only ASCII whitespace; no-break spaces are kept for the cleaning step. */
const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

/**
 * Extracts an HTML file, decoded as UTF-8, or as Windows-1252 when it is not valid UTF-8 (`<meta charset>` is not
 * read: the two encodings French pages come in are told apart by the bytes themselves).
 * @throws ExtractionError for binary content or a page with no text
 * @see extractHtmlString for the resulting shape
 */
export async function extractHtml(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  return extractHtmlString(decodeText(bytes, file), file, 'html');
}

/**
 * Extracts already-decoded HTML (also used for DOCX, which mammoth converts to HTML).
 * One page (pageNumber null). `h1`–`h6` become heading lines (level 1–6); a paragraph that is bold and nothing else
 * (`<p><strong>Principes</strong></p>`, at most MAX_MINOR_HEADING_WORDS words, not ending like a sentence) is a minor
 * heading, one level below the last `h1`–`h6`. A table's caption and each of its body rows are paragraphs of their
 * own, a row read with its column headers (`Inscription ; Date : mars ; Lieu : en ligne.`, see linearizeTable),
 * unless the table only lays out a boxed note (see isAdmonitionTable): its label and paragraphs are read as blocks; every
 * other block (`p`, `li`, `figcaption`, `blockquote`, …) becomes one line, list items prefixed with `- ` (or their number in an ordered list, `2.`),
 * a definition's first paragraph with its terms (`nuage compter : Cette commande…`; on a line of their own when the
 * definition opens with a list, a table, code or a heading); `<br>`
 * starts a new line within the paragraph, and an empty line follows each block (the paragraph boundary, as in plain
 * text). An accordion's `<summary>` (a FAQ's question) is a minor heading like a bold paragraph, its answer the
 * section's text, and the text after the accordion goes back under the heading that holds it (repeated before that
 * text), unless that heading is of the top level (a title). Images have no text; scripts, styles, navigation and page-level header/footer are dropped, and so
 * is a web page's chrome: when the page marks its main content (`<main>`, `role="main"`), only that content and the
 * page's `h1` are read; elements whose ARIA role is the site's (CHROME_ROLES) or whose class or id names furniture
 * (CHROME_NAME_WORDS), and hidden elements, are dropped. `<title>` becomes the title, or the `h1` when the title is
 * that heading followed by the site's name (`Guide fictif | Site`). Elements nested deeper than MAX_NESTING are
 * unwrapped first, their text kept (see flattenDeepNesting): the parser's time grows with the square of the nesting.
 * @param format recorded in the result (`html`, or `docx` when called by the DOCX extractor)
 * @throws ExtractionError when no text remains
 */
export function extractHtmlString(html: string, file: string, format: SourceFormat = 'html'): ExtractedDocument {
  return extractFromDom(load(flattenDeepNesting(html, BLOCKS)), file, format);
}

function extractFromDom($: CheerioAPI, file: string, format: SourceFormat): ExtractedDocument {
  revealTogglePanels($);
  const pageTitle = collapse($('head > title').first().text());
  // Nodes are cheerio's; the walk only needs the structural fields declared in DomNode.
  const main = $('main, [role="main"]').toArray().map((node) => node as unknown as DomNode).find((node) => !isChrome(node));
  const h1s = $('h1').toArray().map((node) => node as unknown as DomNode).filter((node) => !inChrome(node));
  const h1 = (main ? h1s.find((node) => isInside(node, main)) : undefined) ?? h1s[0];
  const numbered = !listsNumberOneSequence($);
  const lines = main ? linesOf(main, numbered) : linesOf($.root()[0] as unknown as DomNode, numbered);
  // A page whose h1 sits above its main content (in a banner) keeps it as the heading over that content.
  if (main && h1 && !isInside(h1, main)) {
    const text = collapse(inlineText(h1));
    if (text) lines.unshift({ text, headingLevel: 1 }, { text: '' });
  }
  const h1Text = h1 ? collapse(inlineText(h1)) : '';
  // Spaces compared alike: French typography puts a no-break space before `:` in one and not always in the other.
  const h1Spaced = h1Text.replace(/\s+/gu, ' ');
  const titleSpaced = pageTitle.replace(/\s+/gu, ' ');
  // An application's default for `<title>` (Google Docs' « Document sans titre », Word's file name) names no
  // document: the h1 does. Without an h1 it stays, as the headings' guess could take a section's for the title.
  const named = h1Text && (isPlaceholderTitle(pageTitle) || (titleSpaced.startsWith(h1Spaced) && TITLE_SEPARATOR.test(titleSpaced.slice(h1Spaced.length))));
  const title = named ? h1Text : pageTitle;
  if (lines.length === 0) {
    throw new ExtractionError(file, 'the document contains no text', { problem: 'no_text' });
  }
  return { format, pages: [{ pageNumber: null, lines }], ...(title ? { title } : {}) };
}

/**
 * True when the page's ordered lists carry on one numbering across its divisions: a list after a heading opens with
 * the number that follows the previous list's last (`start="3"` after `1.`, `2.`), as a statute written in Markdown
 * numbers its articles (`3. Le registre…`) across its divisions. Lists of steps each number their own items from 1,
 * or carry on their numbering after a note or a bulleted list inside one section (LibreOffice's help: `start="3"`
 * after a tip): read as articles, those steps became « Articles 1 à 5 » and the page lost its sections.
 */
function listsNumberOneSequence($: CheerioAPI): boolean {
  const nodes = $('ol, h1, h2, h3, h4, h5, h6')
    .toArray()
    .map((node) => node as unknown as DomNode)
    .filter((node) => !inChrome(node) && (node.name !== 'ol' || !insideItem(node)));
  let previous: DomNode | undefined;
  let headingSince = false;
  for (const node of nodes) {
    if (node.name !== 'ol') {
      headingSince = true;
      continue;
    }
    const start = startOf(node);
    if (previous && headingSince && start > 1 && start === startOf(previous) + (previous.children ?? []).filter((c) => c.type === 'tag' && c.name === 'li').length) {
      return true;
    }
    previous = node;
    headingSince = false;
  }
  return false;
}

/** True for a list nested in another list's item: its numbering is the item's own. */
function insideItem(node: DomNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.name === 'li') return true;
  return false;
}

/** The number of an ordered list's first item (its `start`, 1 when absent or unreadable). */
function startOf(list: DomNode): number {
  const start = Number.parseInt(list.attribs?.start ?? '1', 10);
  return Number.isNaN(start) ? 1 : start;
}

/**
 * Walks the tree in document order, accumulating inline text until a block boundary ends the line.
 * @param numberedItems whether an ordered list's item is marked as a list item (SourceLine.listItem): not when the
 *   page's lists carry on one numbering (see listsNumberOneSequence), whose items are then read as numbered paragraphs
 */
function linesOf(root: DomNode, numberedItems: boolean): SourceLine[] {
  const state = newLineState(numberedItems);
  // Iterative, not recursive: a page nested thousands of elements deep must not overflow the call stack. The stack
  // holds the nodes still to read, last first, and the block elements to close once their content is read.
  const pending: (DomNode | BlockClose)[] = [];
  pushReversed(pending, childrenOf(root));
  while (pending.length > 0) {
    const child = pending.pop()!;
    if ('close' in child) {
      closeBlock(state, child);
      continue;
    }
    if (child.type === 'text') {
      state.buffer += child.data ?? '';
      continue;
    }
    if (child.type !== 'tag' || !child.name) continue;
    const name = child.name;
    if (isDropped(child) || (PAGE_CHROME.has(name) && !insideContent(child)) || isChrome(child)) continue;
    if (name === 'br') {
      flush(state);
      continue;
    }
    if (name === 'pre') {
      readPre(state, child);
      continue;
    }
    // A table that only lays out a boxed note is read as the blocks it holds: the label, then the note's paragraphs.
    if (name === 'table' && !isAdmonitionTable(child, (cell) => collapse(inlineText(cell)))) {
      readTable(state, child);
      continue;
    }
    if (opensMinorHeading(state, child)) {
      readMinorHeading(state, child);
      continue;
    }
    if (BLOCKS.has(name)) {
      const block = HEADING.test(name) && namesCredit(child) ? 'p' : name;
      openBlock(state, child, block);
      pending.push({ close: block, node: child });
    }
    pushReversed(pending, childrenOf(child));
  }

  endParagraph(state);
  flushTerms(state);
  if (state.lines.at(-1)?.text === '') state.lines.pop();
  return state.lines;
}

/** A block element whose content has been read: the walk of linesOf closes it when popped from its stack. */
interface BlockClose {
  close: string;
  node?: DomNode;
}

/** What the walk of linesOf carries from one node to the next. */
interface LineState {
  /** The lines so far, the result. */
  readonly lines: SourceLine[];
  /** See linesOf. */
  readonly numberedItems: boolean;
  /** Inline text read since the last line ended. */
  buffer: string;
  /** The names of the block elements being read, innermost last. */
  readonly blockStack: string[];
  /** A list item's bullet goes on the first line it produces, even when that line comes from a nested <p>. */
  bullet: string | null;
  /** Minor headings (bold paragraphs) sit one level below the last real heading, so successive ones are siblings. */
  lastHeadingLevel: number;
  /** Lines flushed while set are table rows (see SourceLine.tableRow). */
  inTable: boolean;
  /** Each ordered list's items with their position (see bulletOf). */
  readonly listNumbers: WeakMap<DomNode, Map<DomNode, number>>;
  /** The last h1–h6. */
  lastHeading: SourceLine | null;
  /** The highest level (smallest number) of the h1–h6 seen so far. */
  topLevel: number;
  /** Whether an accordion's question (a summary) has been a heading since lastHeading. */
  inSummarySection: boolean;
  /** Set when an accordion closes: the heading that the text after it goes back under, repeated before that text. */
  reopen: SourceLine | null;
  /** The box (a sidebar, a boxed note) whose title is the last minor heading: the text after it is the section's. */
  titledBox: DomNode | null;
  /** The terms of a definition list (`<dt>`) read since the last definition: they open its first paragraph. */
  terms: string | null;
  /** Set when a `<dt>` opens: its text is a new term, not the rest of the last one (a term may hold blocks). */
  newTerm: boolean;
}

function newLineState(numberedItems: boolean): LineState {
  return {
    lines: [],
    numberedItems,
    buffer: '',
    blockStack: [],
    bullet: null,
    lastHeadingLevel: 0,
    inTable: false,
    listNumbers: new WeakMap(),
    lastHeading: null,
    topLevel: 6,
    inSummarySection: false,
    reopen: null,
    titledBox: null,
    terms: null,
    newTerm: false,
  };
}

/** Ends the paragraph in `lines` with an empty line, unless it is already ended (or nothing has been read). */
function closeParagraph(lines: SourceLine[]): void {
  if (lines.length > 0 && lines.at(-1)?.text !== '') lines.push({ text: '' });
}

/** Puts terms waiting for their definition on a line of their own: what follows cannot open with them. */
function flushTerms(state: LineState): void {
  if (state.terms === null) return;
  closeParagraph(state.lines);
  state.lines.push({ text: state.terms }, { text: '' });
  state.terms = null;
}

/** Turns the buffered inline text into a line: a heading, a term of a definition, or a line of text. */
function flush(state: LineState): void {
  let text = state.buffer.replace(HTML_WHITESPACE, ' ').trim();
  state.buffer = '';
  if (!text) return;
  const heading = HEADING.exec(state.blockStack.at(-1) ?? '');
  if (!heading && state.blockStack.includes('dt')) {
    // A term opens its definition's first paragraph (`nuage compter : Cette commande…`), so that a quote of the
    // definition says what it defines, and a term never runs on after the previous definition's last sentence.
    state.terms = state.terms === null ? text : state.newTerm ? `${state.terms}, ${text}` : `${state.terms} ${text}`;
    state.newTerm = false;
    return;
  }
  if (heading?.[1] || state.bullet || state.inTable) flushTerms(state);
  if (state.terms !== null) {
    text = `${state.terms}${/[:.]$/u.test(state.terms) ? ' ' : DEFINITION_SEPARATOR}${text}`;
    state.terms = null;
  }
  if (heading?.[1]) {
    pushHeading(state, text, Number(heading[1]));
    return;
  }
  if (state.reopen) {
    closeParagraph(state.lines);
    state.lines.push({ ...state.reopen, resumed: true }, { text: '' });
    state.reopen = null;
  }
  const { bullet, inTable, numberedItems } = state;
  state.lines.push({ text: bullet ? `${bullet} ${text}` : text, ...(inTable ? { tableRow: true } : {}), ...(numberedItems && bullet && bullet !== '-' ? { listItem: true } : {}) });
  state.bullet = null;
}

/** Adds an h1–h6 line: it opens a section, so no accordion, reopened heading or titled box carries past it. */
function pushHeading(state: LineState, text: string, level: number): void {
  state.lastHeadingLevel = level;
  state.lastHeading = { text, headingLevel: level };
  state.topLevel = Math.min(state.topLevel, level);
  state.inSummarySection = false;
  state.reopen = null;
  state.titledBox = null;
  state.lines.push(state.lastHeading);
}

/** Consecutive lines continue a paragraph (as after <br>); an empty line ends it, as in the text formats. */
function endParagraph(state: LineState): void {
  flush(state);
  closeParagraph(state.lines);
}

/** Starts reading a block element's content (its close is pushed by the caller). */
function openBlock(state: LineState, node: DomNode, name: string): void {
  endParagraph(state);
  state.blockStack.push(name);
  if (name === 'li') state.bullet = bulletOf(node, state.listNumbers);
  if (name === 'dt') state.newTerm = true;
}

/** Ends a block element whose content has been read. */
function closeBlock(state: LineState, block: BlockClose): void {
  if (block.close === 'dt') {
    // The term's text goes to `terms` (see flush), not to a line of its own.
    flush(state);
    state.blockStack.pop();
    return;
  }
  if (block.close === 'dl') flushTerms(state);
  endParagraph(state);
  if (block.close === 'li') state.bullet = null;
  // The text after an accordion is the enclosing section's, not its last question's answer.
  // Not a heading of the top level seen so far: repeated, the document's title or only top heading would be
  // taken for a section holding all that follows.
  // So is the text after a box that a minor heading titles (DocBook's sidebar, `ASTUCE Le pliage rapide`).
  const boxClosed = block.node !== undefined && block.node === state.titledBox;
  if (boxClosed) state.titledBox = null;
  if ((boxClosed || (block.close === 'details' && state.inSummarySection)) && state.lastHeading && state.lastHeadingLevel > state.topLevel) {
    state.reopen = state.lastHeading;
  }
  state.blockStack.pop();
}

/** Reads preformatted text: each of its lines is a line, white space as written. */
function readPre(state: LineState, node: DomNode): void {
  endParagraph(state);
  flushTerms(state);
  state.blockStack.push('pre');
  for (const line of textOf(node).split(/\r\n|\r|\n/)) {
    state.buffer = line;
    flush(state);
  }
  endParagraph(state);
  state.blockStack.pop();
}

/**
 * Reads a data table: each row is a paragraph of its own, read with its headers (see linearizeTable): a passage may
 * end after any row, and a row never shares a line with another.
 */
function readTable(state: LineState, table: DomNode): void {
  endParagraph(state);
  flushTerms(state);
  const { caption, rows } = linearizeTable(table, (cell) => collapse(inlineText(cell)));
  if (caption) {
    state.buffer = caption;
    endParagraph(state);
  }
  state.inTable = true;
  for (const text of rows) {
    state.buffer = text;
    endParagraph(state);
  }
  state.inTable = false;
}

/** True for an accordion's question (a non-empty summary) or a bold paragraph that is a minor heading (see isMinorHeading). */
function opensMinorHeading(state: LineState, node: DomNode): boolean {
  if (node.name === 'summary') return collapse(inlineText(node)) !== '';
  return node.name === 'p' && !state.blockStack.some((b) => INSIDE_TEXT.has(b)) && !inFormalObject(node) && isMinorHeading(node);
}

/** Adds a minor heading, one level below the last h1–h6 (see opensMinorHeading). */
function readMinorHeading(state: LineState, node: DomNode): void {
  endParagraph(state);
  flushTerms(state);
  state.inSummarySection = node.name === 'summary';
  state.reopen = null;
  state.titledBox = node.name === 'p' ? boxTitledBy(node) : null;
  state.lines.push({ text: collapse(inlineText(node)), headingLevel: Math.min(6, state.lastHeadingLevel + 1) });
  endParagraph(state);
}

/**
 * True for an element whose content is never document text (see DROPPED) or a permalink (see isPermalink), except
 * a button inside a heading: an accordion's toggle as the WAI-ARIA pattern writes it (`<h3><button
 * aria-expanded>Question?</button></h3>`), whose text is the heading's.
 */
function isDropped(node: DomNode): boolean {
  if (isPermalink(node)) return true;
  if (!node.name || !DROPPED.has(node.name)) return false;
  if (node.name !== 'button') return true;
  for (let p = node.parent; p; p = p.parent) if (p.name && HEADING.test(p.name)) return false;
  return true;
}

/**
 * True for a permalink: a link to an anchor of the page whose text is a sign, no letter or digit (`¶` after each
 * heading in Sphinx and MkDocs, `#` or `§` in other generators), shown on hover so that a reader can copy the
 * section's address. It is not the heading's text: kept, every section title ended with `¶`.
 */
function isPermalink(node: DomNode): boolean {
  if (node.name !== 'a' || !(node.attribs?.href ?? '').startsWith('#')) return false;
  const text = textOf(node).trim();
  return text !== '' && !/[\p{L}\p{N}]/u.test(text);
}

/**
 * Makes visible the panels that an accordion's or a tab's toggle opens (`aria-controls` on a control inside a
 * heading, or on a `role="tab"`): an answer or a tab's content, which the page hides (`hidden`,
 * `aria-hidden="true"`, an inline `display: none`) until the reader asks for it, is text of the page. Other toggles
 * open a site's menus.
 */
function revealTogglePanels($: CheerioAPI): void {
  const controlled = new Set(
    $(':is(h1, h2, h3, h4, h5, h6) [aria-controls], [role="tab"][aria-controls]')
      .toArray()
      .flatMap((node) => (node.attribs['aria-controls'] ?? '').split(HTML_WHITESPACE))
      .filter(Boolean),
  );
  if (controlled.size === 0) return;
  $('[hidden], [aria-hidden], [style]').each((_, node) => {
    if (!controlled.has(node.attribs.id ?? '')) return;
    $(node).removeAttr('hidden').removeAttr('aria-hidden');
    if (hiddenByStyle(node)) $(node).removeAttr('style');
  });
}

/**
 * True for an element of a site's chrome (see CHROME_ROLES, CHROME_NAME_WORDS, PAGE_CHROME_NAME_WORDS) or one the page hides from the
 * screen (`hidden`, not `hidden="until-found"`, which the browser's search opens; an inline style, see
 * hiddenByStyle; a `<dialog>` not `open`; SCREEN_READER_CLASSES) or from
 * screen readers (`aria-hidden`: an icon), unless it is what the screen shows in place of a screen-reader-only
 * wording (see shownForScreenReaderText). Names of furniture are not looked for on headings, on the page itself
 * (PAGE_ROOTS), nor in the id of a
 * section of the text (NAMED_CONTENT): an anchor to what it is about (`<h2 id="cookies">`, `<section
 * id="data-sharing">` in a privacy policy); a section's class still names a template's furniture (`cookie-notice`).
 */
function isChrome(node: DomNode): boolean {
  const attribs = node.attribs ?? {};
  if (CHROME_ROLES.has((attribs.role ?? '').trim().toLowerCase())) return true;
  if (attribs.hidden !== undefined && attribs.hidden.toLowerCase() !== 'until-found') return true;
  if (hiddenByStyle(node)) return true;
  // A dialog the page has not opened (no `open`: a confirmation, a cookie notice) is drawn for nobody.
  if (node.name === 'dialog' && attribs.open === undefined) return true;
  if (attribs['aria-hidden'] === 'true' && !shownForScreenReaderText(node)) return true;
  if (isScreenReaderOnly(node)) return true;
  if (node.name && (HEADING.test(node.name) || PAGE_ROOTS.has(node.name))) return false;
  const id = node.name && NAMED_CONTENT.has(node.name) ? '' : (attribs.id ?? '');
  const names = `${attribs.class ?? ''} ${id}`.toLowerCase().split(/[\s_-]+/);
  return (
    names.some((word) => CHROME_NAME_WORDS.has(word)) ||
    (names.some((word) => PAGE_CHROME_NAME_WORDS.has(word)) && !insideContent(node)) ||
    (node.name === 'aside' && !insideContent(node) && holdsSiteTools(node))
  );
}

/** An inline style that hides its element from everyone: `display: none` or `visibility: hidden` (any case, spaces, `!important`). */
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!\s*important\s*)?(?:;|$)/i;

/**
 * True for an element its own `style` attribute hides (see HIDING_STYLE): a page's text set aside by its author (an
 * old paragraph, a template's placeholder) that no reader sees; indexed, it was quoted as the page's. An
 * accordion's panel hidden so until its toggle opens it is shown first (see revealTogglePanels).
 */
function hiddenByStyle(node: DomNode): boolean {
  const style = node.attribs?.style;
  return style !== undefined && HIDING_STYLE.test(style);
}

/**
 * True when a navigation (`<nav>`, `role="navigation"`), a search (`role="search"`) or a form control (`<input>`: a
 * search field, the checkbox that opens a menu) is inside `node`: a page-level `<aside>` holding one is the site's
 * side panel (LibreOffice's help: « Contenu » over its contents tree, « Index 🔎 » over its search box, quoted at
 * the start of every page), not text of the page.
 */
function holdsSiteTools(node: DomNode): boolean {
  const pending: DomNode[] = [...childrenOf(node)];
  while (pending.length > 0) {
    const item = pending.pop()!;
    const role = (item.attribs?.role ?? '').trim().toLowerCase();
    if (item.name === 'nav' || item.name === 'input' || role === 'navigation' || role === 'search') return true;
    pushReversed(pending, childrenOf(item));
  }
  return false;
}

/** True for an element whose class leaves its text to screen readers (see SCREEN_READER_CLASSES). */
function isScreenReaderOnly(node: DomNode): boolean {
  return (node.attribs?.class ?? '').toLowerCase().split(/\s+/).some((name) => SCREEN_READER_CLASSES.has(name));
}

/**
 * True for an `aria-hidden` element next to its screen-reader-only wording (`<span aria-hidden="true">25 $</span>
 * <span class="sr-only">vingt-cinq dollars</span>`): the text the screen shows, not an icon.
 */
function shownForScreenReaderText(node: DomNode): boolean {
  const element = (step: 'prev' | 'next'): DomNode | null | undefined => {
    let sibling = node[step];
    while (sibling && sibling.type !== 'tag') sibling = sibling[step];
    return sibling;
  };
  return [element('prev'), element('next')].some((sibling) => sibling && isScreenReaderOnly(sibling));
}

/** True when `node` or one of its ancestors is never read as text (see isDropped, isChrome): a cookie dialog's,
 *  a menu's or a hidden element's h1 is not the page's. */
function inChrome(node: DomNode): boolean {
  for (let p: DomNode | null | undefined = node; p; p = p.parent) if (p.type === 'tag' && (isDropped(p) || isChrome(p))) return true;
  return false;
}

/** True when `node` is `ancestor` or inside it. */
function isInside(node: DomNode, ancestor: DomNode): boolean {
  for (let p: DomNode | null | undefined = node; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function insideContent(node: DomNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name && CONTENT_CONTAINERS.has(p.name)) return true;
  }
  return false;
}

/**
 * `-` for an item of an unordered list; its number (`3.`) for an item of an ordered one, counted from `start`.
 * @param numbers each ordered list's items with their position, filled on a list's first item: looking an item up
 *   among its siblings at every item took time growing with the square of a long list's items
 */
function bulletOf(item: DomNode, numbers: WeakMap<DomNode, Map<DomNode, number>>): string {
  const list = item.parent;
  if (list?.name !== 'ol') return '-';
  let positions = numbers.get(list);
  if (!positions) {
    positions = new Map((list.children ?? []).filter((c) => c.type === 'tag' && c.name === 'li').map((li, i) => [li, i]));
    numbers.set(list, positions);
  }
  return `${startOf(list) + (positions.get(item) ?? 0)}.`;
}

function collapse(text: string): string {
  return text.replace(HTML_WHITESPACE, ' ').trim();
}

/** The text of a node on one line: block boundaries and `<br>` become spaces; dropped elements and chrome (see isChrome) are skipped. */
function inlineText(node: DomNode): string {
  let text = '';
  // Iterative (see linesOf): the strings on the stack are the spaces closing the blocks being read.
  const pending: (DomNode | string)[] = [node];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      text += item;
      continue;
    }
    if (item.type === 'text') {
      text += item.data ?? '';
      continue;
    }
    if (item.type !== 'tag' && item.type !== 'root') continue;
    if (item.name && (isDropped(item) || isChrome(item))) continue;
    if (item.name === 'br' || (item.name && BLOCKS.has(item.name))) {
      text += ' ';
      pending.push(' ');
    }
    pushReversed(pending, childrenOf(item));
  }
  return text;
}

/** True when `node` is inside a formal object (see FORMAL_OBJECT_CLASSES). */
function inFormalObject(node: DomNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if ((p.attribs?.class ?? '').toLowerCase().split(HTML_WHITESPACE).some((name) => FORMAL_OBJECT_CLASSES.has(name))) return true;
  }
  return false;
}

/**
 * The box that a minor heading titles: the outermost `div` or `aside` around it whose first text is the heading's
 * and that holds no `h1`–`h6` (DocBook's `<div class="sidebar"><div class="titlepage">…<p class="title">`), or null.
 * The box ends the heading's section: what follows it belongs to the section around the box.
 */
function boxTitledBy(title: DomNode): DomNode | null {
  let box: DomNode | null = null;
  for (let p = title.parent; p && p.name && BOXES.has(p.name) && firstTextIsIn(p, title) && !holdsHeading(p); p = p.parent) box = p;
  return box;
}

/** True when the first non-blank text inside `node` is inside `part`. */
function firstTextIsIn(node: DomNode, part: DomNode): boolean {
  const pending: DomNode[] = [node];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.type === 'text' && (item.data ?? '').trim() !== '') return isInside(item, part);
    if (item.type === 'tag' && item !== node && (isDropped(item) || isChrome(item))) continue;
    pushReversed(pending, childrenOf(item));
  }
  return false;
}

/** True when an `h1`–`h6` is inside `node`. */
function holdsHeading(node: DomNode): boolean {
  const pending: DomNode[] = [...childrenOf(node)];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.name && HEADING.test(item.name)) return true;
    pushReversed(pending, childrenOf(item));
  }
  return false;
}

/** A paragraph whose every visible character is bold, short, not ending like a sentence and not a date line (`Mis à
 *  jour le 12 mars 2031`, see isDateLine: set in bold under a page's title, it titled the page's opening text). */
function isMinorHeading(paragraph: DomNode): boolean {
  const text = collapse(inlineText(paragraph));
  if (!text || text.split(' ').length > MAX_MINOR_HEADING_WORDS || PROSE_ENDING.test(text) || isDateLine(text)) return false;
  // Iterative (see linesOf): each node with whether an enclosing element is bold.
  const pending: { node: DomNode; bold: boolean }[] = childrenOf(paragraph).map((node) => ({ node, bold: false }));
  while (pending.length > 0) {
    const { node, bold } = pending.pop()!;
    if (node.type === 'text') {
      if (!bold && (node.data ?? '').trim() !== '') return false;
      continue;
    }
    if (node.type !== 'tag') continue;
    if (node.name === 'br' || (node.name && BLOCKS.has(node.name))) return false;
    const inBold = bold || BOLD.has(node.name ?? '');
    for (const child of childrenOf(node)) pending.push({ node: child, bold: inBold });
  }
  return true;
}

/** The text of a node, markup removed, white space as written. */
function textOf(node: DomNode): string {
  let text = '';
  // Iterative (see linesOf).
  const pending: DomNode[] = [node];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.type === 'text') text += item.data ?? '';
    else pushReversed(pending, childrenOf(item));
  }
  return text;
}

/** A node's children (none for a text node or a comment). */
function childrenOf(node: DomNode): DomNode[] {
  return node.children ?? [];
}

/** Pushes `nodes` last first, so that popping reads them in document order (a loop: a spread of many arguments could overflow). */
function pushReversed<T>(stack: (DomNode | T)[], nodes: DomNode[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
}

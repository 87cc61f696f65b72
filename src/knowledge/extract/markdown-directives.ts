import { namesChrome } from './html.js';

/**
 * Publishing-tool syntax that sits on top of Markdown and that no CommonMark parser knows: YAML or TOML front matter,
 * GitBook's Liquid tags (`{% hint %}`, `{% tabs %}`, `{% embed %}`…), Docusaurus/VuePress `:::` containers,
 * GitHub alert markers (`> [!NOTE]`) and footnotes (`[^1]`, GitHub, Pandoc and GitBook Markdown). Rewritten as
 * plain Markdown before parsing, so the parser sees only text.
 */

/**
 * `---` on the first line opens YAML front matter, which `---` or `...` closes; `+++` opens TOML front matter
 * (Hugo's), which `+++` closes. Group 1: the opening mark.
 */
const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*$/;
const FRONT_MATTER_CLOSE: Record<string, RegExp> = { '---': /^(?:---|\.\.\.)[ \t]*$/, '+++': /^\+\+\+[ \t]*$/ };
/** A code fence (``` or ~~~, three or more): directives inside code are code, left as written. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Any Liquid tag, `{% name args %}` or `{%- … -%}`. */
const LIQUID_TAG = /\{%-?\s*([A-Za-z_][\w-]*)\b(.*?)-?%\}/g;
/** An inline code span (`` `{% hint %}` ``), kept whole by a split. */
const CODE_SPAN = /(`+[^`]*?`+)/;
/** `title="…"` (or single quotes) in a tag's arguments. */
const TITLE_ARGUMENT = /\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** A container fence: `:::tip Titre`, `::: warning`, `:::note[Titre]`, `:::`. */
const CONTAINER_FENCE = /^ {0,3}:{3,}\s*(?:[A-Za-z][\w-]*)?\s*(?:\[(.*)\]|(.*))$/;
/** A container's opening fence: its colons (group 1) and its type (group 2, `tip`, `site-navigation`). */
const CONTAINER_OPEN = /^ {0,3}(:{3,})\s*([A-Za-z][\w-]*)/;
/** A container's closing fence: colons alone. */
const CONTAINER_CLOSE = /^ {0,3}(:{3,})\s*$/;
/**
 * A leaf directive alone on its line (remark-directive, as MDX and many site generators read it): `::youtube[Une
 * vidéo]{#id}`, `::page-conditions`; its label, in brackets, is group 1. The site puts what it names in its place
 * when it builds the page: the file holds only the directive's name, which was quoted as the page's text.
 */
const LEAF_DIRECTIVE = /^ {0,3}::(?!:)[A-Za-z][\w-]*(?:\[(.*)\])?(?:\{[^}]*\})?\s*$/;
/** A GitHub alert marker alone on a quoted line: `> [!WARNING]`. */
const ALERT_MARKER = /^(\s*>\s*)\[![A-Za-z]+\]\s*$/;
/** A footnote definition opening its line: `[^label]: text` (label group 1, text group 2). */
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/;
/** A footnote call in running text: `[^label]` (label group 1). */
const FOOTNOTE_CALL = /\[\^([^\]\s]+)\]/g;
/** A line of a footnote definition after its first: indented (four spaces or a tab), or blank between them. */
const FOOTNOTE_CONTINUATION = /^(?: {4}|\t)/;

/**
 * Footnote numbers by label (labels compared case-blind, as GitHub does): only labels that have a definition are
 * footnotes; they are numbered in order of their first call, as rendered pages number them, then the ones never
 * called, in order of definition. Lines in code blocks are not looked at; calls in inline code are text.
 */
function footnoteNumbers(lines: string[]): Map<string, number> {
  const defined: string[] = [];
  const called: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence || fenceMark) {
      if (!fence) fence = fenceMark!;
      else if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    const definition = FOOTNOTE_DEFINITION.exec(line);
    if (definition) defined.push(definition[1]!.toLowerCase());
    const text = definition ? definition[2]! : line;
    text.split(CODE_SPAN).forEach((part, i) => {
      if (i % 2 === 0) for (const call of part.matchAll(FOOTNOTE_CALL)) called.push(call[1]!.toLowerCase());
    });
  }
  const numbers = new Map<string, number>();
  for (const label of [...called, ...defined]) if (defined.includes(label) && !numbers.has(label)) numbers.set(label, numbers.size + 1);
  return numbers;
}

/** A front matter's `title` key at its top level, YAML (`title: Guide`) or TOML (`title = "Guide"`): group 1, the value. */
const FRONT_MATTER_TITLE: Record<string, RegExp> = { '---': /^title:[ \t]+(.*)$/, '+++': /^title[ \t]*=[ \t]*(.*)$/ };

/**
 * The title a static-site generator (Jekyll, Hugo, Docusaurus, MkDocs, Astro) gives the page, from the `title` key
 * of the front matter at the very top, read as the generator reads it (see scalarValue: quotes and their escapes, a
 * comment); undefined without one, or when its value is not one line of text (a YAML block, `title: |`; a list). The page's own `#` heading, when it has one, often is this title; pages
 * without one, or whose `#` is of two words, had their title guessed from a subsection's heading.
 */
export function frontMatterTitle(markdown: string): string | undefined {
  const lines = markdown.split(/\r\n|\r|\n/);
  const frontMatter = FRONT_MATTER_OPEN.exec(lines[0] ?? '')?.[1];
  if (!frontMatter) return undefined;
  const closing = FRONT_MATTER_CLOSE[frontMatter]!;
  for (const line of lines.slice(1)) {
    if (closing.test(line)) return undefined;
    const value = FRONT_MATTER_TITLE[frontMatter]!.exec(line)?.[1]?.trim();
    if (value === undefined) continue;
    const title = scalarValue(value);
    return title === undefined || title === '' ? undefined : title;
  }
  return undefined;
}

/** A quoted value at the start of a front matter line: double-quoted (escapes as JSON's), or single-quoted. */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"/u;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'/u;
/** A comment ending a line of YAML or TOML: `#` after white space. */
const LINE_COMMENT = /\s+#.*$/u;

/**
 * A one-line YAML or TOML value as the generator reads it: double quotes taken off and their escapes read (`\"`,
 * `\u2019`), single quotes taken off and, in YAML, a doubled `''` read as one `'` (a CMS writes « 'Guide : l''IA' »;
 * TOML's single-quoted strings have no such escape, and cannot hold a `'`), a trailing comment dropped from a plain
 * value. Undefined for what is not one line of text: a block (`|`, `>`), a list or a table (`[…]`, `{…}`).
 */
function scalarValue(value: string): string | undefined {
  const double = DOUBLE_QUOTED.exec(value);
  if (double) {
    try {
      return JSON.parse(`"${double[1]!}"`) as string;
    } catch {
      // An escape YAML has and JSON has not (`\x41`, `\N`): the text between the quotes, as written.
      return double[1]!;
    }
  }
  const single = SINGLE_QUOTED.exec(value);
  if (single) return single[1]!.replace(/''/g, "'");
  if (/^[|>[{]/u.test(value)) return undefined;
  return value.replace(LINE_COMMENT, '').trim();
}

/**
 * Rewrites tool directives as plain Markdown, line by line (code blocks and inline code untouched):
 * - front matter at the very top (YAML between `---`, TOML between `+++`) is dropped;
 * - a Liquid tag is removed and the text between tags kept; a tag alone on its line leaves an empty line (a
 *   paragraph boundary), except a tab's `title="…"`, which becomes a bold line of its own (read as a minor heading);
 * - a `:::` container fence is removed; its custom title, if any, stays as a paragraph of body text (the type
 *   keyword, `tip` or `warning`, is syntax, not text); a container whose type names the site's furniture as a web
 *   page's class would (`:::site-navigation`, a tab bar of links to the page's sister pages; see namesChrome) goes
 *   with its content;
 * - a leaf directive alone on its line (`::page-conditions`, see LEAF_DIRECTIVE) is removed, its label kept;
 * - a `[!NOTE]`-style alert marker is removed from its quote;
 * - a footnote is read as a rendered page shows it (markdown-it-footnote, GitBook): its call `[^label]` becomes its
 *   number in brackets (`usagers[1].`, numbered as footnoteNumbers says), and its definition `[^label]: text` a
 *   paragraph of its own, in place, opened by the same number (`[1] text`), its indented lines joined to it. A
 *   note call is then the bracketed number it is in every other format (a PDF's `[1]`), which the answer renderers
 *   show as a superscript (answers/quotes.ts, withNoteCallsRaised). A `[^label]` without a definition stays text.
 * @returns Markdown text, line for line apart from the front matter and the paragraph breaks added
 */
export function rewriteDirectives(markdown: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let start = 0;
  const frontMatter = FRONT_MATTER_OPEN.exec(lines[0] ?? '')?.[1];
  if (frontMatter) {
    const closing = FRONT_MATTER_CLOSE[frontMatter]!;
    const close = lines.findIndex((line, i) => i > 0 && closing.test(line));
    if (close > 0) start = close + 1;
  }
  const notes = footnoteNumbers(lines.slice(start));
  let fence: string | null = null;
  // Inside a footnote definition: its indented lines are its text, not a code block.
  let inNote = false;
  // Inside a container whose type names the site's furniture: the colons of its opening fence, and the containers
  // opened inside it since.
  let chrome: { colons: number; depth: number } | null = null;
  for (const raw of lines.slice(start)) {
    let line = raw;
    const fenceMark = FENCE.exec(line)?.[1];
    if (chrome) {
      const close = CONTAINER_CLOSE.exec(line)?.[1];
      if (close && chrome.depth === 0 && close.length >= chrome.colons) chrome = null;
      else if (close) chrome.depth--;
      else if (CONTAINER_OPEN.test(line)) chrome.depth++;
      continue;
    }
    const opened = fence || fenceMark ? null : CONTAINER_OPEN.exec(line);
    if (opened && namesChrome(opened[2]!)) {
      chrome = { colons: opened[1]!.length, depth: 0 };
      continue;
    }
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      inNote = false;
      out.push(line);
      continue;
    }
    const definition = FOOTNOTE_DEFINITION.exec(line);
    const number = definition && notes.get(definition[1]!.toLowerCase());
    if (number) {
      inNote = true;
      line = `\n[${number}] ${definition[2]!}`;
    } else if (inNote && FOOTNOTE_CONTINUATION.test(line)) line = line.trimStart();
    else if (line.trim() !== '') inNote = false;
    out.push(rewriteLine(withFootnoteCalls(line, notes)));
  }
  return out.join('\n');
}

/** `[^label]` calls of defined footnotes as their bracketed number (`[1]`); calls in inline code stay as written. */
function withFootnoteCalls(line: string, notes: ReadonlyMap<string, number>): string {
  if (!line.includes('[^')) return line;
  return line
    .split(CODE_SPAN)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(FOOTNOTE_CALL, (call, label: string) => (notes.has(label.toLowerCase()) ? `[${notes.get(label.toLowerCase())!}]` : call)),
    )
    .join('');
}

function rewriteLine(line: string): string {
  const leaf = LEAF_DIRECTIVE.exec(line);
  if (leaf) return leaf[1]?.trim() ? `\n${leaf[1].trim()}\n` : '';
  const container = CONTAINER_FENCE.exec(line);
  if (container) {
    const title = (container[1] ?? container[2] ?? '').trim();
    return title ? `\n${title}\n` : '';
  }
  const alert = ALERT_MARKER.exec(line);
  if (alert) return alert[1]!.trimEnd();
  if (!line.includes('{%')) return line;
  const titles: string[] = [];
  // Odd parts are inline code spans: a tag quoted in code is text.
  const rest = line
    .split(CODE_SPAN)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(LIQUID_TAG, (_tag, name: string, args: string) => {
            const title = /^tab$/i.test(name) ? TITLE_ARGUMENT.exec(args) : null;
            if (title) titles.push((title[1] ?? title[2] ?? '').trim());
            return '';
          }),
    )
    .join('');
  const heading = titles.filter(Boolean).map((t) => `**${t}**`);
  if (rest.trim() === '') return heading.length ? `\n${heading.join('\n\n')}\n` : '';
  return [...heading, rest].join('\n\n');
}

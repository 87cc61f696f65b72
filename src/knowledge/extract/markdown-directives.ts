/**
 * Publishing-tool syntax that sits on top of Markdown and that no CommonMark parser knows: YAML front matter,
 * GitBook's Liquid tags (`{% hint %}`, `{% tabs %}`, `{% embed %}`…), Docusaurus/VuePress `:::` containers and
 * GitHub alert markers (`> [!NOTE]`). Rewritten as plain Markdown before parsing, so the parser sees only text.
 */

/** `---` on the first line opens YAML front matter; `---` or `...` closes it. */
const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
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
/** A GitHub alert marker alone on a quoted line: `> [!WARNING]`. */
const ALERT_MARKER = /^(\s*>\s*)\[![A-Za-z]+\]\s*$/;

/**
 * Rewrites tool directives as plain Markdown, line by line (code blocks and inline code untouched):
 * - front matter at the very top is dropped;
 * - a Liquid tag is removed and the text between tags kept; a tag alone on its line leaves an empty line (a
 *   paragraph boundary), except a tab's `title="…"`, which becomes a bold line of its own (read as a minor heading);
 * - a `:::` container fence is removed; its custom title, if any, stays as a paragraph of body text (the type
 *   keyword, `tip` or `warning`, is syntax, not text);
 * - a `[!NOTE]`-style alert marker is removed from its quote.
 * @returns Markdown text, line for line apart from the front matter and the paragraph breaks added
 */
export function rewriteDirectives(markdown: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let start = 0;
  if (FRONT_MATTER_OPEN.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, i) => i > 0 && FRONT_MATTER_CLOSE.test(line));
    if (close > 0) start = close + 1;
  }
  let fence: string | null = null;
  for (const line of lines.slice(start)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      out.push(line);
      continue;
    }
    out.push(rewriteLine(line));
  }
  return out.join('\n');
}

function rewriteLine(line: string): string {
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

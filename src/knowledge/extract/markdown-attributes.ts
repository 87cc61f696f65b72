import type MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** One attribute of Pandoc's attribute syntax: `#id`, `.class` or `key=value` (value bare or in double quotes). */
const ATTRIBUTE = String.raw`(?:[#.][\p{L}\p{N}_:-]+|[\p{L}_][\p{L}\p{N}_-]*=(?:"[^"]*"|[^\s{}"]+))`;
/** An attribute set: `{#id .class key=value}`, one attribute at least (`{}` and `{=html}` are not one). */
const ATTRIBUTES = String.raw`\{\s*${ATTRIBUTE}(?:\s+${ATTRIBUTE})*\s*\}`;
/** A bracketed span holding no brackets, and its attributes: `[texte]{.emphasis}` (group 1, the text), `[]{#ancre}`. */
const SPAN = new RegExp(String.raw`\[([^\[\]]*)\]${ATTRIBUTES}`, 'gu');
/** The close of a span whose text holds other markup (`[le **registre**]{.x}`): its opening bracket is in an earlier token. */
const SPAN_CLOSE = new RegExp(String.raw`\]${ATTRIBUTES}`, 'u');
/** Attributes opening a text token, set on the code, link or image before it (`` `nuage`{.literal} ``, `[x](#y){.xref}`). */
const LEADING = new RegExp(String.raw`^${ATTRIBUTES}`, 'u');
/** Attributes closing a heading: `## Titre {#titre .title}`. */
const TRAILING = new RegExp(String.raw`\s*${ATTRIBUTES}\s*$`, 'u');
/** An attribute set still open at the end of a line (`[]{#ancre` then `.indexterm}` on the next). */
const OPEN_ATTRIBUTES = new RegExp(String.raw`\{\s*${ATTRIBUTE}(?:\s+${ATTRIBUTE})*\s*$`, 'u');
/** Inline tokens that Pandoc's attributes may follow. */
const ATTRIBUTED = new Set(['code_inline', 'link_close', 'image']);

/** `text` with its bracketed spans read as their text, innermost first (`[[nuage]{.a}(5)]{.b}` → `nuage(5)`). */
function withoutSpans(text: string): string {
  let before: string;
  let after = text;
  do {
    before = after;
    after = before.replace(SPAN, '$1');
  } while (after !== before);
  return after;
}

/** Reads one inline token's children as a rendered Pandoc page shows them (see removePandocAttributes). */
function readChildren(children: Token[], heading: boolean): void {
  // Pandoc wraps its lines inside an attribute set: the two lines' text is read as one.
  for (let i = 0; i + 2 < children.length; i++) {
    const [text, soft, next] = [children[i]!, children[i + 1]!, children[i + 2]!];
    if (text.type !== 'text' || soft.type !== 'softbreak' || next.type !== 'text' || !OPEN_ATTRIBUTES.test(text.content)) continue;
    text.content = `${text.content} ${next.content}`;
    children.splice(i + 1, 2);
    i--;
  }
  children.forEach((child, i) => {
    if (child.type !== 'text') return;
    let text = withoutSpans(child.content);
    if (i > 0 && ATTRIBUTED.has(children[i - 1]!.type)) text = text.replace(LEADING, '');
    for (let close = SPAN_CLOSE.exec(text); close; close = SPAN_CLOSE.exec(text)) {
      const opener = children.slice(0, i).findLast((c) => c.type === 'text' && c.content.lastIndexOf('[') > c.content.lastIndexOf(']'));
      if (!opener) break;
      const at = opener.content.lastIndexOf('[');
      opener.content = opener.content.slice(0, at) + opener.content.slice(at + 1);
      text = text.slice(0, close.index) + text.slice(close.index + close[0].length);
    }
    child.content = text;
  });
  const last = children.at(-1);
  if (heading && last?.type === 'text') last.content = last.content.replace(TRAILING, '');
}

/**
 * A markdown-it plugin that reads Pandoc's attribute syntax as a rendered page shows it: a bracketed span is its text
 * (`[texte]{.emphasis}` → `texte`, an anchor `[]{#ancre}` → nothing); attributes set on inline code, a link or an
 * image (`` `nuage`{.literal} ``) and at the end of a heading (`## Titre {#titre}`) go. CommonMark has none of this
 * syntax and left it as text: a Markdown file written or converted with Pandoc was quoted with `{.literal}` after
 * its commands and cited under `[]{#package}7.1. Qu'est-ce … ? {#quest-ce .title}`. Only attribute sets made of ids,
 * classes and `key=value` pairs are read so; other braces (`{}`, `${NUAGE}`, `{=html}`) stay text.
 * Not the maintained plugins markdown-it-attrs 5.0.1 and markdown-it-bracketed-spans 1.0.3 (tried, December 2026):
 * markdown-it-attrs reads any braces closing a paragraph, a heading or a list item as attributes, even with
 * `allowedAttributes` set, so a guide's placeholder lost its text (« Remplacez le gabarit {nom} » was read
 * « Remplacez le gabarit », « Voir [1]{sic} » lost « sic »), and neither reads an attribute set Pandoc wraps over two
 * lines.
 */
export function pandocAttributes(parser: MarkdownIt): void {
  parser.core.ruler.push('pandoc_attributes', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type === 'inline' && token.children) readChildren(token.children, state.tokens[i - 1]?.type === 'heading_open');
    });
  });
}

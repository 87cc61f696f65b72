import type { PageRange } from '../../knowledge/types.js';

/**
 * What Teams' markdown would interpret: emphasis, code, links, citation markers, HTML, and where they would open one
 * an entity (`&eacute;`, `&lt;` shown as « é », « < ») or strikethrough (`~~`, which Teams renders in messages on
 * desktop and iOS). `&` and `~` elsewhere (`R&D`, `~ 10 $`) are left as written, as the cards do (card.ts).
 */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>]|&(?=#?[A-Za-z0-9]+;)|~(?=~)|(?<=~)~/g;

/** What opens a list or a heading at the start of a line: `81.` or `3)` (ordered list), `-`, `+`, `#`. */
const BLOCK_MARKER = /^(\s*)(?:(\d{1,9})([.)])|([-+#]))(?=\s|$)/gm;

/** A bracketed number as documents write a note call (`usagers [1].`): Teams' own `[n]` citation marker shape. */
const BRACKETED_NUMBER = /\[(\d+)\]/g;
/** U+2060 WORD JOINER: invisible, and breaks the `[n]` shape the client looks for once the markdown is rendered. */
const WORD_JOINER = '\u2060';

/**
 * Escapes text for Teams markdown so it shows exactly as written. Escaping `[` and `]` is not enough to keep a
 * bracketed number inside a quoted document (`[1]`, a note call) from being read as one of our `[n]` citation
 * markers: the client looks for markers in the rendered text, where the escapes are gone (seen in the Agents
 * Playground: a note call became a citation pill pointing at another document). An invisible word joiner after
 * the bracket keeps it as text. Escaping a line's opening `81.` or `-` keeps an article number from turning a quote
 * into a numbered list, which also breaks its citation pill.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(BRACKETED_NUMBER, `[${WORD_JOINER}$1]`)
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replace(BLOCK_MARKER, (_m, space: string, num: string | undefined, punct: string | undefined, mark: string | undefined) =>
      num !== undefined ? `${space}${num}\\${punct}` : `${space}\\${mark}`,
    );
}

/**
 * Shortens text to at most `maxLength` UTF-16 code units (the unit of the Teams limits), cutting at the last
 * space when one is near and ending with `…`, never right after an opening quote or bracket, a dash, `:`, `;`, `,`
 * or `/`. Never splits a surrogate pair. Text that fits is returned unchanged.
 */
export function clip(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  // Whole code points up to maxLength - 1 units, measured in place: appending them one by one made a string each.
  let end = 0;
  while (end < flat.length) {
    const units = flat.codePointAt(end)! > 0xffff ? 2 : 1;
    if (end + units > maxLength - 1) break;
    end += units;
  }
  let cut = flat.slice(0, end);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace >= maxLength / 2) cut = cut.slice(0, lastSpace);
  // A cut at a space may leave an opening mark or a dangling separator last (« Tri des courriels « », « Projet — »),
  // which then reads as a quote or a clause the ellipsis never closes.
  const bare = cut.replace(DANGLING_END, '');
  return `${bare === '' ? cut.trimEnd() : bare}…`;
}

/** Opening quotes and brackets, dashes and separating punctuation (with their spaces) ending a clipped text. */
const DANGLING_END = /[\s«“‘„‹([{—–\-:;,/]+$/u;

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO date (`2024-08-07`) held together on one line: U+2060 WORD JOINER (invisible, see escapeMarkdown) on each
 * side of its hyphens, which browsers and Teams otherwise take as places to break a line (seen in the Agents
 * Playground at 400 px: « version 2024, dated 2024-08- » then « 07 » alone). Anything but a `YYYY-MM-DD` date is
 * returned unchanged.
 */
export function joinDate(date: string): string {
  return ISO_DATE.test(date) ? joinHyphens(date) : date;
}

/**
 * `text` with U+2060 WORD JOINER on each side of every hyphen, so that no line ends after one: for short terms that
 * read badly split (`SHA-256`, seen in the Playground as « SHA- » ⏎ « 256 »). Not for prose or long identifiers.
 */
export function joinHyphens(text: string): string {
  return text.replace(/-/g, `${WORD_JOINER}-${WORD_JOINER}`);
}

/** `p. 5450` for one page, `p. 5449–5450` for a range (an en dash, as the command line writes it); null when pages are unknown. */
export function formatPages(pages: PageRange | null): string | null {
  if (!pages) return null;
  return pages.from === pages.to ? `p. ${pages.from}` : `p. ${pages.from}–${pages.to}`;
}

/**
 * Longest URL turned into a link or a citation URL, in characters. Browsers and Teams handle about 2 000; a longer
 * one is a data error, and dropping it keeps a message's size bounded.
 */
export const MAX_URL_CHARS = 2_048;

/** True for an absolute http(s) URL of at most {@link MAX_URL_CHARS} characters, the only kind we turn into a link. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && url.length <= MAX_URL_CHARS && /^https?:\/\/\S+$/i.test(url);
}

/**
 * The longest prefix of `text` of at most `maxChars` UTF-16 code units that ends at a word boundary (trailing
 * whitespace removed). When the last half of that span has no whitespace (one huge token), it is cut mid-word.
 * Never splits a surrogate pair. Text that fits is returned unchanged. A verbatim prefix: nothing is added.
 */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, Math.max(0, maxChars));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  if (!/\s/.test(text.charAt(cut.length))) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > maxChars / 2) cut = cut.slice(0, lastSpace);
  }
  return cut.trimEnd();
}

/** A markdown link, or the escaped label alone when the URL is missing or not http(s). */
export function markdownLink(label: string, url: string | null | undefined): string {
  const text = escapeMarkdown(label);
  if (!isWebUrl(url)) return text;
  return `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** What ends a sentence already, before any closing quote or bracket: a period, an ellipsis, `!` or `?`. */
const SENTENCE_END = /[.…!?](?:[\s\u00a0\u202f]*[»"”’)\]])*\s*$/u;

/**
 * `text` ended by a period, unless it ends a sentence already (see SENTENCE_END): a list cut short with `…`, or
 * whose last quoted item ends with its own period (« Conclusion. »), takes no second one (`…».` `». »`).
 */
export function endSentence(text: string): string {
  return SENTENCE_END.test(text) ? text : `${text}.`;
}

/**
 * The space French typography holds to guillemets and puts before a colon: U+00A0 NO-BREAK SPACE (OQLF, Banque de
 * dépannage linguistique, « Espacement avant et après les signes de ponctuation »), as in the codebase's other French
 * no-break spaces (formatDate's « 9 h 10 », documents.ts's « historique … »).
 */
export const BOUND_SPACE = '\u00a0';

/**
 * What bindPunctuation rewrites in a line, outside code spans: an inline code span (group 1, left as it is: a command
 * to copy), ordinary spaces after an opening guillemet (group 2) or before a closing one (group 3), and ordinary
 * spaces before a colon that follow a word, a closing guillemet or bracket, or the end of markdown emphasis or of a
 * code span (« tapez `/déclarer` : je vous guide »). Only the colon: Quebec usage often puts no space before `;`, `!`
 * and `?`, and a colon with no space before it (English `Error:`) is left so.
 */
const LOOSE_PUNCTUATION = /(`[^`\n]*`)|(«) +| +(»)|(?<=[\p{L}\p{M}\p{N}»)\]*_`]) +(?=:)/gu;
/** A Markdown block-quote line: a verbatim quote of a document (see answer.ts). */
const BLOCK_QUOTE_LINE = /^[ \t]{0,3}>/;

/**
 * Bot reply text (Teams markdown) with French punctuation held to its words: the ordinary spaces after « and before »,
 * and those between a word and a following `:`, become one BOUND_SPACE, so a narrow window never ends a line on « nor
 * starts one on » or `:`. Nothing else changes; lines of a block quote (quoted document text, which is shown
 * verbatim) and code spans (commands to copy) are left exactly as they are, and so is a guillemet or colon beside no
 * space or beside a line break. Applied where replies are made: text by answer.ts `message`, cards by cards/card.ts
 * `card`.
 */
export function bindPunctuation(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      BLOCK_QUOTE_LINE.test(line)
        ? line
        : line.replace(LOOSE_PUNCTUATION, (_match, code: string | undefined, open: string | undefined, close: string | undefined) =>
            code ? code : open ? `${open}${BOUND_SPACE}` : close ? `${BOUND_SPACE}${close}` : BOUND_SPACE,
          ),
    )
    .join('\n');
}

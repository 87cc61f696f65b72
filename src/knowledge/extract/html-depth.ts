/**
 * How deep elements may nest before the parser sees them. The HTML parsing algorithm (parse5, behind cheerio) looks
 * through the open elements at most start tags (« has an element in scope », the formatting elements' « Noah's
 * Ark »), and the tree walks after it go down every level, so their time grows with the square of the nesting: a 1 MB
 * page of 100 000 nested `<div>` took minutes of CPU, 300 KB of unclosed `<b>` a minute and a half. Browsers bound
 * it too (Chromium stops nesting at 512, kMaximumHTMLParserDOMTreeDepth); no page written for people comes near 256.
 */
export const MAX_NESTING = 256;

/** Elements with no content and no end tag. */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/**
 * Elements a start tag of their kind closes when their end tag is left out (`<li>un<li>deux`, `<p>un<p>deux`, as
 * HTML allows): they cannot pile up on their own, so they are not counted and never unwrapped.
 */
const OPTIONAL_END = new Set(['caption', 'colgroup', 'dd', 'dt', 'li', 'optgroup', 'option', 'p', 'rb', 'rp', 'rt', 'rtc', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr']);
/** Elements whose content is text up to their end tag (with scripting on, as cheerio parses), never elements. */
const RAW_TEXT = new Set(['iframe', 'noembed', 'noframes', 'noscript', 'script', 'style', 'textarea', 'title', 'xmp']);
/** Where `<x/>` closes itself (SVG, MathML); in HTML the slash is ignored and `<div/>` opens a div. */
const FOREIGN = new Set(['svg', 'math']);

/**
 * A comment or markup declaration, or a tag: `/` for an end tag, the name, then the attributes up to `>`. The
 * attributes stop at `<` too, so a `<` never closed costs one scan to the next `<`, never one to the end of the text.
 */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|<(\/?)([A-Za-z][^\s/<>]*)([^<>]*)>/g;

/**
 * `html` with every element nested deeper than `maxNesting` unwrapped: its start and end tags taken out, its content
 * left in place (a block's tags become `<br>`, so its text still starts a line). What a page says is kept; only
 * the structure beyond that depth is lost. The depth is counted in one pass over the tags, as the parser would
 * build them closely enough: void elements and elements whose end tag may be left out (OPTIONAL_END) are not
 * counted, an end tag closes the elements opened since its own, raw text (scripts, styles, comments) is skipped.
 * A page within the limit is returned unchanged (the same string).
 * @param blocks the elements that start and end a line of their own
 */
export function flattenDeepNesting(html: string, blocks: ReadonlySet<string>, maxNesting = MAX_NESTING): string {
  // Fewer tags than the limit cannot nest beyond it.
  if (countOf(html, '<', maxNesting) <= maxNesting) return html;
  const open: string[] = [];
  const openCount = new Map<string, number>();
  const unwrapped = new Map<string, number>();
  let foreign = 0;
  const pieces: string[] = [];
  let copiedUpTo = 0;
  const unwrap = (start: number, end: number, name: string) => {
    pieces.push(html.slice(copiedUpTo, start), blocks.has(name) ? '<br>' : '');
    copiedUpTo = end;
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    const [tag, slash, rawName, attributes] = match;
    if (rawName === undefined) continue;
    const name = rawName.toLowerCase();
    if (slash) {
      if ((unwrapped.get(name) ?? 0) > 0) {
        unwrapped.set(name, unwrapped.get(name)! - 1);
        unwrap(match.index, TOKEN.lastIndex, name);
      } else if ((openCount.get(name) ?? 0) > 0) {
        // Elements unwrapped inside the one closing now are closed with it.
        unwrapped.clear();
        for (let closed = open.pop(); closed !== undefined; closed = open.pop()) {
          openCount.set(closed, openCount.get(closed)! - 1);
          if (FOREIGN.has(closed)) foreign -= 1;
          if (closed === name) break;
        }
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
      end.lastIndex = TOKEN.lastIndex;
      TOKEN.lastIndex = end.exec(html) === null ? html.length : end.lastIndex;
      continue;
    }
    if (name === 'plaintext') break;
    if (VOID.has(name) || OPTIONAL_END.has(name) || (foreign > 0 && attributes!.endsWith('/'))) continue;
    if (open.length >= maxNesting) {
      unwrapped.set(name, (unwrapped.get(name) ?? 0) + 1);
      unwrap(match.index, match.index + tag.length, name);
      continue;
    }
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign += 1;
  }
  if (pieces.length === 0) return html;
  pieces.push(html.slice(copiedUpTo));
  return pieces.join('');
}

/** How many times `char` occurs in `text`, counting no further than `limit + 1`. */
function countOf(text: string, char: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count <= limit; i = text.indexOf(char, i + 1)) count += 1;
  return count;
}

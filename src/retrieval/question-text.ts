import { analysable, surfaceWords } from './analyse.js';
import { withoutOwnNumbering } from './numbered-references.js';

/** A Markdown link or image, `[text](address)` or `![text](address "title")`: its text is the user's words. */
const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
/**
 * A web address as people paste it: with a scheme (`https://…`, `ftp://…`), or starting `www.`, up to the next white
 * space, optionally in angle brackets (a Markdown autolink). Its path and host are no words of the question.
 */
const URL = /<?\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s>]*>?/giu;
/** The end of a sentence, kept when splitting: white space after `.`, `!`, `?` or `…`, or a line break. */
const SENTENCE_END = /((?<=[.!?…])\s+|\s*\n\s*)/u;

/**
 * Text with each sentence once: a sentence whose words (folded, see `surfaceWords`) repeat an earlier one is left
 * out with the space before it. A question pasted twice or more asks what it asks once; read every time, its words
 * would be counted as concepts again and again (each concept adds what a full answer can score, which the answer
 * found then reaches only once), and a question answered alone came out uncertain, or not covered at all.
 */
function withoutRepeatedSentences(text: string): string {
  const parts = text.split(SENTENCE_END);
  const seen = new Set<string>();
  let out = parts[0] ?? '';
  seen.add(surfaceWords(out).join(' '));
  for (let i = 2; i < parts.length; i += 2) {
    const key = surfaceWords(parts[i]!).join(' ');
    if (key && seen.has(key)) continue;
    seen.add(key);
    out += parts[i - 1]! + parts[i]!;
  }
  return out;
}

/**
 * The text of a question as both index backends analyse it, whatever the user pasted around it:
 * - format characters removed and compatibility forms read as plain letters (see `analysable`), so that a question
 *   copied from Word or a PDF (`prin\u00ADcipe`, `ｔｒａｎｓｐａｒｅｎｃｅ`) asks what its visible words ask;
 * - a Markdown link read as its text, and web addresses left out (`https://www.quebec.ca/x` would add `https`,
 *   `www`, `quebec` and `ca` as words the question asks about);
 * - each sentence once (see `withoutRepeatedSentences`);
 * - without the user's own numbering of what they ask (`Question 9 :`, `1)`, `J'ai 3 questions`; see
 *   `withoutOwnNumbering`).
 * Never throws.
 */
export function questionText(question: string): string {
  return withoutOwnNumbering(withoutRepeatedSentences(analysable(question).replace(MARKDOWN_LINK, '$1').replace(URL, ' ')));
}

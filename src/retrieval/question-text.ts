import { analysable } from './analyse.js';

/** A Markdown link or image, `[text](address)` or `![text](address "title")`: its text is the user's words. */
const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
/**
 * A web address as people paste it: with a scheme (`https://…`, `ftp://…`), or starting `www.`, up to the next white
 * space, optionally in angle brackets (a Markdown autolink). Its path and host are no words of the question.
 */
const URL = /<?\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s>]*>?/giu;

/**
 * The text of a question as both index backends analyse it, whatever the user pasted around it:
 * - format characters removed and compatibility forms read as plain letters (see `analysable`), so that a question
 *   copied from Word or a PDF (`prin\u00ADcipe`, `ｔｒａｎｓｐａｒｅｎｃｅ`) asks what its visible words ask;
 * - a Markdown link read as its text, and web addresses left out (`https://www.quebec.ca/x` would add `https`,
 *   `www`, `quebec` and `ca` as words the question asks about).
 * Never throws.
 */
export function questionText(question: string): string {
  return analysable(question).replace(MARKDOWN_LINK, '$1').replace(URL, ' ');
}

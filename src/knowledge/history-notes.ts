/**
 * Amendment-history notes of a consolidated statute or regulation: the line a consolidation prints after each
 * article to list the acts that enacted and amended it (`2006, c. 22, a. 5.`, `1982, c. 30, a. 12; 2021, c. 25,
 * a. 3.`). Legislative history, not rule text: it is cited by its shape (year, chapter, article), a convention of
 * Quebec and Canadian consolidations (`c.` in French, `ch.` in some federal French texts), never by its words.
 *
 * Extractions glue these notes to the text around them, with the debris a watermark leaves (`12; 2 2021, c. 25, a.
 * 1101 .`), sometimes without their first citation (`10; 2006, c. 22, a. 113.`) and often followed by the next
 * article's number on the same line (`… a. 113. 11. Toute personne…`). The passages keep them verbatim; quote
 * selection uses {@link historyNoteSpans} to keep them out of quotes.
 */

/** A citation of an act by year and chapter, the core of every history note: `2006, c. 22`, `2000, ch. 5`. */
const CITATION = /(?:^|\s)\d{4},\s+ch?\.\s+[\p{L}\d.-]+/u;
/** A citation down to the article, section or paragraph (`1993, c. 17, a. 39`): only a history note reads so. */
const FULL_CITATION = /(?:^|\s)\d{4},\s+ch?\.\s+[\p{L}\d.-]+,\s+(?:a|aa|art|s|ss|par)\.\s+\d/u;
/** Tokens of a note that carry letters: the abbreviations of chapter, article(s), section(s), paragraph. */
const NOTE_ABBREVIATION = /^(?:c|ch|a|aa|art|s|ss|par|al)\.[,;]?$/u;
/** A token that ends a sentence: a note follows one (it never stands inside a sentence). */
const SENTENCE_END = /[.!?…»”)]$/u;
/** An article number as a statute prints it before the article's text (`11.`, `3.1.`, `21.0.1.`). */
const ARTICLE_NUMBER = /^\d{1,3}(?:\.\d{1,2})*\.$/u;
/** The first word of an article's text: a capital, or a bracketed one (`(Remplacé).`, `(Abrogé).`). */
const OPENS_TEXT = /^[(«“"]?\p{Lu}/u;
/** A digit alone: watermark debris between an article number and its text (`21. 1 Une personne…`). */
const STRAY_DIGIT = /^\d$/u;

/**
 * True when `text` opens with a citation of an act (`1993, c. 17, a. 16.`): the start of a history note, which a
 * consolidation prints after every article, so it repeats like a running header but is text of the statute.
 */
export function opensWithActCitation(text: string): boolean {
  return CITATION.test(text) && CITATION.exec(text)!.index === 0 && /^\d/u.test(text);
}

/** A span of text, offsets in UTF-16 code units: `text.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** True for a token that ends a sentence; a citation's abbreviation (`c.`, `a.`) does not. */
function endsSentence(token: string): boolean {
  return SENTENCE_END.test(token) && !NOTE_ABBREVIATION.test(token);
}

interface Token extends TextSpan {
  text: string;
}

/** A consolidation's bracketed marker in a note (`N.I. 2016-01-01 (NCPC);`). */
const BRACKETED_ACRONYM = /^\(\p{Lu}{2,}\)[,;.]?$/u;

/** True for a token that can be part of a note: no word of two letters (numbers, punctuation, a stray letter), an
 *  abbreviation of a citation or a bracketed marker; otherwise never a bracket or a `§` (they belong to the text or
 *  to a heading). */
function isNoteToken(token: string): boolean {
  if (BRACKETED_ACRONYM.test(token)) return true;
  if (/[()[\]§]/u.test(token)) return false;
  return NOTE_ABBREVIATION.test(token) || !/\p{L}{2}/u.test(token);
}

/**
 * Where `text` holds amendment-history notes: runs of note tokens (numbers, `;`, `,`, `.`, stray letters and digits,
 * `c.`, `a.`) that contain a citation of an act (`2006, c. 22`), start the text or follow the end of a sentence (or,
 * citing an article, `1993, c. 17, a. 39`, stand anywhere: extractions move notes into sentences), and end at the
 * last such token; an article number closing the run before a capitalised word (`… a. 113. 11. Toute`),
 * with any stray digit after it, opens the next article (`… a. 1191 . 25. (Remplacé).` too) and is left out.
 * @returns spans in text order, not overlapping; [] when there is none. Never throws.
 */
export function historyNoteSpans(text: string): TextSpan[] {
  // Every note holds a citation: most passages (any text that is not a statute) have none and need no tokens.
  if (!CITATION.test(text)) return [];
  const tokens: Token[] = [...text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const spans: TextSpan[] = [];
  for (let a = 0; a < tokens.length; ) {
    if (!isNoteToken(tokens[a]!.text)) {
      a++;
      continue;
    }
    let b = a;
    while (b < tokens.length && isNoteToken(tokens[b]!.text)) b++;
    const run = text.slice(tokens[a]!.start, tokens[b - 1]!.end);
    // A note starts after the end of a sentence, which may itself end with a number (`… l’article 28.1. 42; 2021…`);
    // one citing an article (`1993, c. 17, a. 39`) is a note wherever an extraction put it, even inside a sentence.
    const start = a;
    while (a < b && a > 0 && !endsSentence(tokens[a - 1]!.text)) a++;
    if (a === b && FULL_CITATION.test(run)) a = start;
    if (a < b && CITATION.test(text.slice(tokens[a]!.start, tokens[b - 1]!.end))) {
      let last = b - 1;
      if (b < tokens.length && OPENS_TEXT.test(tokens[b]!.text)) {
        let k = last;
        while (k > a && STRAY_DIGIT.test(tokens[k]!.text)) k--;
        const opensArticle = ARTICLE_NUMBER.test(tokens[k]!.text) && k > a && !NOTE_ABBREVIATION.test(tokens[k - 1]!.text);
        if (opensArticle) last = k - 1;
      }
      spans.push({ start: tokens[a]!.start, end: tokens[last]!.end });
    }
    a = b;
  }
  return spans;
}

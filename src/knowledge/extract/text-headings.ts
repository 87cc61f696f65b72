import type { SourceLine } from '../types.js';

/**
 * Headings of a plain-text manual, read from the two conventions that text exports of manuals keep:
 * - a title underlined by one punctuation character repeated over its width (reStructuredText, Sphinx's text
 *   builder: `1.1. Outils de base` over `==================`); levels follow the order in which the underline
 *   characters first appear, as reStructuredText ranks them;
 * - a paragraph of its own, set flush left, numbered as a part of the document (`1.1. Qu'est-ce qu'un nuage ?`,
 *   `A.2. Licence`, `Chapitre 1. Définitions`, `Annexe A. Licence`), not ending like a sentence or a clause (`.`,
 *   `;`, `:`, `,`): the DocBook text export indents its body and lists, not its titles; one heading however many
 *   lines it wraps over; level 1 for a labelled division, else the depth of the number (`2.3` → 2).
 * Without them a plain-text manual had no heading: its multi-level numbers were read as a statute's articles
 * (« Article 1.1 » for a FAQ's first question), or every passage was cited under « Préambule ».
 */

/** A line made of one punctuation character repeated (group 1: the character): a title's underline. */
const UNDERLINE = /^([=\-*~^#+"'`:._])\1{2,}$/u;
/** Widest gap, in characters, between a title and its underline: the export sets them to the same width. */
const MAX_UNDERLINE_GAP = 2;
/** A title numbered as a part: a multi-level number (`1.1.`, `2.3.4`) or a labelled division (`Chapitre 1.`). */
const NUMBERED_TITLE = /^(?:((?:\d{1,3}|[A-Z])(?:\.\d{1,3})+)\.?|(?:chapitre|chapter|annexe|appendix|partie|part)\s+(?:\d{1,3}|[A-Z])\.?)\s+\S/iu;
/** How a clause or a sentence ends; a title does not end so (a question does: a FAQ's entries are questions). */
const CLAUSE_END = /[.;:,]$/u;

/** The lines of a plain-text file with the headings they hold marked (see the module comment); an underline becomes
 *  an empty line, so that the title stays a paragraph of its own. Other lines are returned as they are. */
export function markTextHeadings(lines: SourceLine[]): SourceLine[] {
  const out = lines.map((line) => ({ ...line }));
  const underlineRanks = new Map<string, number>();
  let start = 0;
  while (start < out.length) {
    if (out[start]!.text.trim() === '') {
      start++;
      continue;
    }
    let end = start;
    while (end < out.length && out[end]!.text.trim() !== '') end++;
    markParagraph(out, start, end, underlineRanks);
    start = end;
  }
  return out;
}

/** Marks the heading lines of the paragraph `lines[start..end)`, if it is a title (see markTextHeadings). */
function markParagraph(lines: SourceLine[], start: number, end: number, underlineRanks: Map<string, number>): void {
  const last = lines[end - 1]!.text.trim();
  const underline = end - start >= 2 ? UNDERLINE.exec(last) : null;
  const title = lines[end - 2]?.text.trim() ?? '';
  if (underline && end - start === 2 && Math.abs([...title].length - last.length) <= MAX_UNDERLINE_GAP) {
    const mark = underline[1]!;
    if (!underlineRanks.has(mark)) underlineRanks.set(mark, underlineRanks.size + 1);
    lines[start] = { text: title, headingLevel: underlineRanks.get(mark)! };
    lines[end - 1] = { text: '' };
    return;
  }
  const paragraph = lines.slice(start, end);
  // Indented by spaces or tabs; a no-break space opening a line is French spacing wrapped there (`gelée` / ` ?`).
  if (paragraph.some((line) => /^[ \t]/u.test(line.text))) return;
  const numbered = NUMBERED_TITLE.exec(paragraph[0]!.text);
  if (!numbered || CLAUSE_END.test(last)) return;
  const level = numbered[1] === undefined ? 1 : numbered[1].split('.').length;
  // A title wrapped over lines is one heading, as its contents entry is one entry.
  lines[start] = { text: paragraph.map((line) => line.text.trim()).join(' '), headingLevel: level };
  for (let i = start + 1; i < end; i++) lines[i] = { text: '' };
}

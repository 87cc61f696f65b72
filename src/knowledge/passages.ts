import { splitSentences } from './sentences.js';
import type { Block } from './clean.js';
import type { SectionedBlocks } from './sections.js';
import type { PageRange, Passage } from './types.js';

/** Paragraphs of one section are merged into a passage while the result stays under this many characters. */
export const TARGET_PASSAGE_CHARS = 800;
/** A paragraph longer than this is split between sentences. */
export const MAX_PASSAGE_CHARS = 1200;
/** A "sentence" longer than this (an extraction that lost its punctuation) is cut between words. */
export const MAX_SENTENCE_CHARS = 2 * MAX_PASSAGE_CHARS;

interface Piece {
  text: string;
  page: number | null;
  /** The piece is a whole table row (see Block.tableRow). */
  tableRow?: boolean;
  /** The piece is (part of) a list item (see Block.listItem). */
  listItem?: boolean;
}

/** A paragraph's end that closes its sentence or announces what follows: `.`, `!`, `?`, `…`, `:`, `;`, `,` (then a closing quote or bracket). */
const CLOSED_END = /[.!?…:;,]\s?["»”)\]]?$/u;

/**
 * What joins two pieces in a passage's text: a line break between a list item and its neighbour when the first ends
 * on no punctuation (`Aide à la réflexion (brainstorming)` then `Transcription automatique…`), so that
 * splitSentences keeps them apart and a quote never runs one item into the next; likewise after a paragraph of a
 * format without pages (HTML, DOCX, Markdown, text) ending on no punctuation (`Dernière mise à jour : 14 mars 2031`,
 * a table's caption, a label), a paragraph of its own, unless the next one goes on in lower case (a sentence that a
 * hard return broke in two); a space otherwise, as between two pieces of a PDF, where a paragraph without an end is a
 * sentence the page break cut.
 */
function joinerOf(previous: Piece, next: Piece): string {
  const paragraphs = previous.page === null && next.page === null && !/^\p{Ll}/u.test(next.text);
  return (previous.listItem || next.listItem || paragraphs) && !CLOSED_END.test(previous.text) ? '\n' : ' ';
}

function pageRange(pieces: Piece[]): PageRange | null {
  const pages = pieces.map((p) => p.page).filter((p): p is number => p !== null);
  return pages.length ? { from: Math.min(...pages), to: Math.max(...pages) } : null;
}

/** Cuts text longer than MAX_SENTENCE_CHARS between words into pieces of at most that length. */
function cutAtWords(text: string): string[] {
  if (text.length <= MAX_SENTENCE_CHARS) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > MAX_SENTENCE_CHARS) {
      pieces.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Splits an over-long paragraph into runs of whole sentences of at most MAX_PASSAGE_CHARS. A sentence is never cut,
 *  unless it is longer than MAX_SENTENCE_CHARS: then it is not a sentence but lost punctuation, cut between words. A
 *  table row up to MAX_SENTENCE_CHARS is kept whole: its second half would be quoted without the headers that say
 *  what its values are. */
function splitLong(block: Block): Piece[] {
  const limit = block.tableRow ? MAX_SENTENCE_CHARS : MAX_PASSAGE_CHARS;
  const kind = { ...(block.tableRow ? { tableRow: true } : {}), ...(block.listItem ? { listItem: true } : {}) };
  if (block.text.length <= limit) return [{ text: block.text, page: block.page, ...kind }];
  const sentences = splitSentences(block.text).flatMap(cutAtWords);
  const parts = Math.ceil(block.text.length / MAX_PASSAGE_CHARS);
  const goal = block.text.length / parts;
  const pieces: Piece[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + 1 + s.length > Math.max(goal, Math.min(MAX_PASSAGE_CHARS, current.length + 1))) {
      pieces.push({ text: current, page: block.page, ...(block.listItem ? { listItem: true } : {}) });
      current = s;
    } else current = current ? `${current} ${s}` : s;
  }
  if (current) pieces.push({ text: current, page: block.page, ...(block.listItem ? { listItem: true } : {}) });
  return pieces;
}

/**
 * Cuts each section into passages: paragraphs merged up to TARGET_PASSAGE_CHARS (up to MAX_PASSAGE_CHARS to keep a
 * paragraph ending with a colon with the paragraph it announces, and the text before a table with its first row),
 * long paragraphs split between sentences (a table row only past MAX_SENTENCE_CHARS); a passage never
 * crosses a section boundary. A passage whose text (white space collapsed) is already
 * a passage of the document is left out: repeated notices and boilerplate are quoted once, at their first place.
 * Ordinals number the passages kept, across the whole document.
 * @returns passages in reading order with deterministic ids `${docId}@${versionLabel}#${sectionId}:${ordinal}`
 */
export function buildSectionPassages(sections: SectionedBlocks[], docId: string, versionLabel: string): Passage[] {
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const { section, blocks } of sections) {
    let group: Piece[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const text = group.map((p, i) => (i === 0 ? p.text : `${joinerOf(group[i - 1]!, p)}${p.text}`)).join('');
      const key = text.replace(/\s+/g, ' ').trim();
      if (seen.has(key)) {
        group = [];
        return;
      }
      seen.add(key);
      const ordinal = passages.length;
      passages.push({
        id: passageId(docId, versionLabel, section.id, ordinal),
        docId,
        versionLabel,
        section,
        ordinal,
        pages: pageRange(group),
        text,
      });
      group = [];
    };
    for (const piece of blocks.flatMap(splitLong)) {
      const length = group.reduce((n, p) => n + p.text.length + 1, 0);
      // A paragraph ending with a colon announces the next (« …avec la volonté de : » then its list): they stay
      // together up to MAX_PASSAGE_CHARS, or the announcement is quoted without what it announces. (Keeping the
      // short paragraphs after it too, as list items, made passages larger, and ranking and abstention worse on the
      // Énoncé and the statute.)
      // Likewise the text just before a table (its caption, the sentence that presents it) and the table's first row.
      const announces = /:\s*$/u.test(group.at(-1)?.text ?? '') || (piece.tableRow === true && group.at(-1)?.tableRow !== true);
      if (group.length > 0 && length + piece.text.length > (announces ? MAX_PASSAGE_CHARS : TARGET_PASSAGE_CHARS)) flush();
      group.push(piece);
    }
    flush();
  }
  return passages;
}

/** A passage's deterministic id: `${docId}@${versionLabel}#${sectionId}:${ordinal}`. */
function passageId(docId: string, versionLabel: string, sectionId: string, ordinal: number): string {
  return `${docId}@${versionLabel}#${sectionId}:${ordinal}`;
}

/**
 * The passages of a build under another document id and version label: the text, sections, pages and ordinals stay
 * (they never depend on either), the ids and labels change. What building again under them would give, without
 * reading the whole text again (seconds for a long document).
 */
export function relabelPassages(passages: readonly Passage[], docId: string, versionLabel: string): Passage[] {
  return passages.map((p) => ({ ...p, id: passageId(docId, versionLabel, p.section.id, p.ordinal), docId, versionLabel }));
}

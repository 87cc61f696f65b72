import { ARTICLE_START, articleParts, comesAfter } from './articles.js';
import type { Block } from './clean.js';
import { historyNoteSpans } from './history-notes.js';
import { TARGET_PASSAGE_CHARS } from './passages.js';
import { slug } from './slug.js';

/**
 * The structure of a statute or regulation as its readers cite it: divisions (`SECTION III CARACTÈRE CONFIDENTIEL…`,
 * `CHAPITRE II`, `§ 1. — Détention…`) and numbered articles (`12. Un renseignement…`), read from the text itself,
 * since extractions of such PDFs (LégisQuébec, Gazette officielle) rarely keep heading markup a reader could trust.
 * Conventions of legislative drafting, not words of any one text.
 */

/** Division designations, widest first, with their rank (French and English drafting). */
const DIVISION_RANKS: ReadonlyMap<string, number> = new Map([
  ['LIVRE', 1],
  ['BOOK', 1],
  ['TITRE', 2],
  ['TITLE', 2],
  ['PARTIE', 3],
  ['PART', 3],
  ['CHAPITRE', 4],
  ['CHAPTER', 4],
  ['SECTION', 5],
  ['DIVISION', 5],
  ['SOUS-SECTION', 6],
  ['SUBDIVISION', 6],
]);
/** Rank of a `§ 1. — Title` division: what Quebec statutes print below a section. */
const PARAGRAPH_RANK = 6;
/** A division designation in capitals and its number, roman or arabic (`SECTION I.1`, `CHAPITRE 3`). */
const DIVISION = new RegExp(`^(${[...DIVISION_RANKS.keys()].join('|')})\\s+((?:[IVXLCDM]+|\\d+)(?:\\.\\d+)*)(?=\\s|$)`, 'u');
/** Characters of a block's opening enough to tell whether a division designation opens it (longest: SOUS-SECTION). */
const MAX_DESIGNATION_CHARS = 16;
/** What a block must open with (spaces aside) for DIVISION or PARAGRAPH_DIVISION to match it. */
const MAY_OPEN_DIVISION = new RegExp(`^(?:§|(?:${[...DIVISION_RANKS.keys()].join('|')})\\s)`, 'u');
/** A `§ 2. — Communication à des tiers` division: its number (group 1), then its title. */
const PARAGRAPH_DIVISION = /^§\s*(\d+(?:\.\d+)*)\.?\s*[—–-]\s*/u;
/** Longest division title, in words: beyond, the text runs on into the body. */
const MAX_TITLE_WORDS = 15;
/** French one-letter words in capitals (`RELATIVES À LA`); any other lone capital in a title is watermark debris. */
const ONE_LETTER_WORDS = /^[AÀYÔ]$/u;
/** Fewest articles, numbered in order in the text, for a document to be read as a statute. */
const MIN_ARTICLES = 5;
/**
 * Least share of the paragraphs opening with a number (`3. …`) that must be articles in order for a document to be
 * read as a statute: a statute numbers each article once, in order; a manual's numbered steps restart at 1 in each
 * list (`1. Lire… 2. Sauvegarder…`, then `1. Démarrer…`).
 */
const MIN_IN_ORDER_SHARE = 0.8;
/** Largest jump between consecutive article numbers (repealed articles leave gaps); a bigger one is no article. */
const MAX_ARTICLE_GAP = 10;
/** How a section path names an article. */
const ARTICLE_LABEL = 'Article';
/** How a section id names an article, or a run of short articles (`…/article-12`, `…/article-3-1`). */
const ARTICLE_ID_PREFIX = 'article-';

/** True when a section id (its parts joined by `/`) names a statute's article or run of short articles. */
export function isArticleSectionId(id: string): boolean {
  return id.split('/').at(-1)!.startsWith(ARTICLE_ID_PREFIX);
}

/** One level of a statute's structure as a section path shows it, with the part of the section id it gives. */
export interface StatutePart {
  title: string;
  id: string;
}

/** A block of a statute and the divisions and article it belongs to, from the widest (empty before the first). */
export interface StatuteBlock {
  block: Block;
  path: StatutePart[];
}

/** Sentence case for a title set in capitals (`CARACTÈRE CONFIDENTIEL` → `Caractère confidentiel`). */
function sentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function isCapitalsWord(token: string): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\d/.test(token) && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** A title in capitals at the start of `tokens`, lone capitals (watermark debris) left out; and where it ends. */
function capitalsTitle(tokens: string[]): { title: string; next: number } {
  const title: string[] = [];
  let next = 0;
  for (let i = 0; i < tokens.length && title.length < MAX_TITLE_WORDS; i++) {
    const t = tokens[i]!;
    if (isCapitalsWord(t) || ONE_LETTER_WORDS.test(t)) title.push(t);
    else if (!/^\p{Lu}$/u.test(t)) break;
    next = i + 1;
  }
  while (title.length > 0 && ONE_LETTER_WORDS.test(title[title.length - 1]!)) title.pop();
  return { title: title.join(' '), next };
}

/** A `§` division's title (`Détention, utilisation et …`): words up to a number, another `§` or MAX_TITLE_WORDS. */
function paragraphTitle(tokens: string[]): { title: string; next: number } {
  let next = 0;
  while (next < tokens.length && next < MAX_TITLE_WORDS && !/\d|§/.test(tokens[next]!)) next++;
  const words = tokens.slice(0, next);
  while (words.length > 0 && !/\p{L}{2}/u.test(words[words.length - 1]!)) words.pop();
  return { title: words.join(' '), next };
}

/** Leading punctuation and lone capitals left between a division title and the text (`, 4. .` → `4. .`). */
function skipDebris(tokens: string[]): string[] {
  let i = 0;
  while (i < tokens.length && /^(?:[^\p{L}\p{N}§]+|\p{Lu})$/u.test(tokens[i]!)) i++;
  return tokens.slice(i);
}

interface Division {
  rank: number;
  part: StatutePart;
}

/** The divisions a block opens with, and the text after them (its tokens); null when it opens with none. */
function leadingDivisions(text: string): { divisions: Division[]; rest: string[]; untitled: boolean } | null {
  // Most blocks open with no division: looking at their opening spares splitting a paragraph, which may be megabytes.
  let first = 0;
  while (text[first] === ' ') first++;
  if (!MAY_OPEN_DIVISION.test(text.slice(first, first + MAX_DESIGNATION_CHARS))) return null;
  let tokens = text.split(' ').filter(Boolean);
  const divisions: Division[] = [];
  let untitled = false;
  for (;;) {
    const joined = tokens.join(' ');
    const division = DIVISION.exec(joined);
    if (division) {
      const designation = `${sentenceCase(division[1]!)} ${division[2]!}`;
      const { title, next } = capitalsTitle(tokens.slice(2));
      divisions.push({ rank: DIVISION_RANKS.get(division[1]!)!, part: { title: title ? `${designation} — ${sentenceCase(title)}` : designation, id: slug(designation) } });
      untitled = title === '';
      tokens = skipDebris(tokens.slice(2 + next));
      continue;
    }
    const paragraph = PARAGRAPH_DIVISION.exec(joined);
    if (paragraph) {
      const { title, next } = paragraphTitle(joined.slice(paragraph[0].length).split(' ').filter(Boolean));
      if (!title) break;
      divisions.push({ rank: PARAGRAPH_RANK, part: { title: `§ ${paragraph[1]!}. — ${title}`, id: `sous-section-${slug(paragraph[1]!)}` } });
      untitled = false;
      tokens = skipDebris(joined.slice(paragraph[0].length).split(' ').filter(Boolean).slice(next));
      continue;
    }
    return divisions.length > 0 ? { divisions, rest: tokens, untitled } : null;
  }
  return divisions.length > 0 ? { divisions, rest: tokens, untitled } : null;
}

/** An article's text opening after its number: a capital, bracketed or quoted (`(Abrogé).`), after a stray digit a
 *  watermark left (`12. 2 Un…`). */
const OPENS_ARTICLE_TEXT = /^(?:\d\s+)?[(«“"]?\p{Lu}/u;

/** True when `text` ends with an amendment-history note (see history-notes.ts): the last line of an article. */
function endsWithHistoryNote(text: string): boolean {
  const last = historyNoteSpans(text).at(-1);
  return last !== undefined && last.end === text.trimEnd().length;
}

/**
 * True when an article's number stands before text that cannot open it (`8. 3° des droits…`, `8.` alone): a dirty
 * extraction moved the number down into its article, whose opening lines it left before the number.
 */
function isDisplacedNumber(text: string, number: string): boolean {
  return !OPENS_ARTICLE_TEXT.test(text.slice(number.length + 1).trimStart());
}

/** True for a block that may open a statute's article: text, or markup around a sentence; not a list item. */
function readsAsArticle(block: Block): boolean {
  return !block.listItem && (block.headingLevel === undefined || /[.;:]$/.test(block.text));
}

/**
 * Reads a statute's structure from its blocks: divisions open where a block starts with their designation (a title
 * in capitals after it, or in the next block when the designation stands alone: `SECTION IV` then `ACCÈS DES
 * PERSONNES CONCERNÉES`), nested by rank (`TITRE` › `CHAPITRE` › `SECTION` › `§ 1. —`); an article opens where a
 * block starts with its number (see ARTICLE_START) and that number follows the previous article's, by at most
 * MAX_ARTICLE_GAP (a number out of order is a reference, a count or a table of contents, not an article). Each article
 * is a part of the path below its divisions (`Article 12`), short consecutive ones together (see groupShortArticles);
 * its number stays in the text. An article ends with its amendment-history note (see history-notes.ts): text after
 * the note that opens a sentence, up to an article number the extraction moved down into its text (a number before
 * a list item or a lower-case word, see isDisplacedNumber), is that article's opening, not the end of the previous
 * one. Lone capitals (a vertical watermark's letters) are left out of titles; a block that held only a division's
 * title is not text; the table of contents goes to the preamble (see withoutTableOfContents).
 * @returns the blocks with their path, or null when the document does not number articles as a statute does: fewer
 *   than MIN_ARTICLES in text blocks (a guide's numbered headings are not articles), or fewer than
 *   MIN_IN_ORDER_SHARE of its numbered paragraphs (numbered steps restarting in each list)
 */
export function statuteStructure(blocks: Block[]): StatuteBlock[] | null {
  const out: StatuteBlock[] = [];
  const stack: Division[] = [];
  let article: StatutePart | null = null;
  let last: number[] | null = null;
  let articlesInText = 0;
  let numberedInText = 0;
  // Whether the current article's text has ended with its history note; the entries of `out` after that note.
  let closed = false;
  let afterNote: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const lead = leadingDivisions(block.text);
    if (lead && lead.untitled && lead.rest.length === 0 && i + 1 < blocks.length) {
      const nextTokens = blocks[i + 1]!.text.split(' ').filter(Boolean);
      const { title, next } = capitalsTitle(nextTokens);
      if (title && skipDebris(nextTokens.slice(next)).length === 0) {
        const division = lead.divisions[lead.divisions.length - 1]!;
        division.part = { ...division.part, title: `${division.part.title} — ${sentenceCase(title)}` };
        i++;
      }
    }
    for (const division of lead?.divisions ?? []) {
      while (stack.length > 0 && stack[stack.length - 1]!.rank >= division.rank) stack.pop();
      stack.push(division);
      article = null;
      closed = false;
      afterNote = [];
    }
    const text = lead ? lead.rest.join(' ') : block.text;
    if (text === '') continue;
    const number = block.listItem ? undefined : ARTICLE_START.exec(text)?.[1];
    const parts = number ? articleParts(number) : null;
    if (parts && readsAsArticle(block)) numberedInText++;
    const opens = parts !== null && (last === null || (comesAfter(parts, last) && parts[0]! - last[0]! <= MAX_ARTICLE_GAP));
    if (opens) {
      article = { title: `${ARTICLE_LABEL} ${number}`, id: `${ARTICLE_ID_PREFIX}${slug(number!)}` };
      last = parts;
      if (readsAsArticle(block)) articlesInText++;
    }
    const path = [...stack.map((d) => d.part), ...(article ? [article] : [])];
    if (opens) {
      const opening = afterNote.length > 0 && OPENS_ARTICLE_TEXT.test(out[afterNote[0]!]!.block.text);
      if (opening && isDisplacedNumber(text, number!)) for (const k of afterNote) out[k] = { ...out[k]!, path };
      closed = false;
      afterNote = [];
    } else if (closed) afterNote.push(out.length);
    if (endsWithHistoryNote(text)) {
      closed = article !== null;
      afterNote = [];
    }
    const rest: Block = { ...block, text };
    delete rest.headingLevel;
    out.push({ block: rest, path });
  }
  if (articlesInText < MIN_ARTICLES || articlesInText < MIN_IN_ORDER_SHARE * numberedInText) return null;
  return groupShortArticles(withoutTableOfContents(out));
}

/** The articles (`Article 3.2`), in order, of a run of blocks. */
function articleLabel(numbers: string[]): string {
  if (numbers.length === 1) return `${ARTICLE_LABEL} ${numbers[0]!}`;
  return `${ARTICLE_LABEL}s ${numbers[0]!} ${numbers.length === 2 ? 'et' : 'à'} ${numbers[numbers.length - 1]!}`;
}

/**
 * Puts consecutive short articles of one division together, while their text stays within TARGET_PASSAGE_CHARS: a
 * passage is a few sentences to a few paragraphs, and an article of one line (`24. (Remplacé).`) is less. The group
 * is cited by its articles (`Articles 3.2 et 3.3`, `Articles 99 à 104`); an article is never split between groups.
 */
function groupShortArticles(blocks: StatuteBlock[]): StatuteBlock[] {
  type Run = { entries: StatuteBlock[]; chars: number; number: string | null; division: string };
  const runs: Run[] = [];
  for (const entry of blocks) {
    const last = entry.path.at(-1);
    const number = last?.id.startsWith(ARTICLE_ID_PREFIX) ? last.title.slice(ARTICLE_LABEL.length + 1) : null;
    const division = entry.path.slice(0, number ? -1 : undefined).map((p) => p.id).join('/');
    const run = runs.at(-1);
    if (run && run.number === number && run.division === division) {
      run.entries.push(entry);
      run.chars += entry.block.text.length + 1;
    } else runs.push({ entries: [entry], chars: entry.block.text.length, number, division });
  }
  const out: StatuteBlock[] = [];
  for (let i = 0; i < runs.length; ) {
    const group = [runs[i]!];
    let chars = runs[i]!.chars;
    while (
      runs[i]!.number !== null &&
      i + group.length < runs.length &&
      runs[i + group.length]!.number !== null &&
      runs[i + group.length]!.division === runs[i]!.division &&
      chars + 1 + runs[i + group.length]!.chars <= TARGET_PASSAGE_CHARS
    ) {
      chars += 1 + runs[i + group.length]!.chars;
      group.push(runs[i + group.length]!);
    }
    const numbers = group.map((r) => r.number).filter((n): n is string => n !== null);
    for (const run of group) {
      for (const entry of run.entries) {
        const path = numbers.length > 1 ? [...entry.path.slice(0, -1), { title: articleLabel(numbers), id: group[0]!.entries[0]!.path.at(-1)!.id }] : entry.path;
        out.push({ block: entry.block, path });
      }
    }
    i += group.length;
  }
  return out;
}

/**
 * Puts back in the preamble the blocks before the first article that are under a division opened again after it:
 * the table of contents, whose entries name the divisions (`SECTION VII APPLICATION DE LA LOI`) the text opens later.
 * The division opened just before the first article (`SECTION I`, then `1. …`) keeps its blocks.
 */
function withoutTableOfContents(blocks: StatuteBlock[]): StatuteBlock[] {
  const first = blocks.findIndex((b) => b.path.at(-1)?.id.startsWith(ARTICLE_ID_PREFIX));
  if (first < 0) return blocks;
  const later = new Set(blocks.slice(first).flatMap((b) => (b.path[0] ? [b.path[0].id] : [])));
  return blocks.map((b, i) => (i < first && b.path[0] && later.has(b.path[0].id) ? { ...b, path: [] } : b));
}

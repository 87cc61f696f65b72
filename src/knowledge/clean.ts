import { paginateByFolios } from './folios.js';
import { opensWithActCitation } from './history-notes.js';
import { normaliseText, words } from './normalise.js';
import type { ExtractedDocument } from './types.js';

/**
 * A paragraph-level unit of cleaned text. `page` is the printed page number when known (inferred from running
 * headers when the format has no pages), else the physical page, else null.
 */
export interface Block {
  text: string;
  page: number | null;
  /** Set when the source format marked the block as a heading (a hint; extractions mislabel). */
  headingLevel?: number;
  /** The block was a list item (its bullet marker removed). */
  listItem?: boolean;
  /** The block is a table row read with its headers (see SourceLine.tableRow). */
  tableRow?: boolean;
  /** A heading repeated by the extractor (see SourceLine.resumed): never a running header. */
  resumed?: boolean;
}

const BULLET = /^(?:[-*–]\s+)?[•▪◦●■]\s*|^[-*–]\s+/u;
const MIN_REPEATS = 3;

/**
 * Turns extracted pages into paragraph blocks: consecutive non-blank lines join into one paragraph; a heading line or
 * a bulleted line or an ordered list's item (SourceLine.listItem) starts its own block, a list item's, and a table row
 * is a block of its own. Text is normalised (see normaliseText).
 */
export function toBlocks(doc: ExtractedDocument): Block[] {
  const blocks: Block[] = [];
  for (const page of doc.pages) {
    let current: Block | null = null;
    const flush = () => {
      if (current && current.text) blocks.push(current);
      current = null;
    };
    for (const line of page.lines) {
      const text = normaliseText(line.text);
      if (!text) {
        flush();
        continue;
      }
      if (line.headingLevel !== undefined) {
        flush();
        blocks.push({ text, page: page.pageNumber, headingLevel: line.headingLevel, ...(line.resumed ? { resumed: true } : {}) });
        continue;
      }
      if (line.tableRow) {
        flush();
        // A table inside a list item carries the item's bullet on its first row.
        const bullet = BULLET.exec(text);
        blocks.push({ text: bullet ? text.slice(bullet[0].length) : text, page: page.pageNumber, tableRow: true, ...(bullet ? { listItem: true } : {}) });
        continue;
      }
      const bullet = BULLET.exec(text);
      if (bullet || line.listItem) {
        flush();
        current = { text: bullet ? text.slice(bullet[0].length) : text, page: page.pageNumber, listItem: true };
        continue;
      }
      if (current) current.text += ` ${text}`;
      else current = { text, page: page.pageNumber };
      // In a PDF page there are no blank lines: a line closing a sentence is taken as a paragraph end.
      if (doc.format === 'pdf' && /[.!?:;»]$/.test(text)) flush();
    }
    flush();
  }
  return blocks;
}

/** True for text that looks like a running header or footer rather than prose: it carries digits, © or capitals. */
function looksLikeRunningText(tokens: string[]): boolean {
  const joined = tokens.join(' ');
  if (/[\d©]/.test(joined)) return true;
  const letters = joined.replace(/[^\p{L}]/gu, '');
  const upper = joined.replace(/[^\p{Lu}]/gu, '');
  return letters.length > 0 && upper.length / letters.length > 0.6;
}

/**
 * Finds the longest-scoring token prefix (or suffix) repeated in at least MIN_REPEATS blocks. The opening of a
 * statute's amendment-history notes (`1993, c. 17, a.`) repeats after every article and carries digits, but it is
 * the statute's text, never a running header: taking it for one cut every note that starts a block to its article
 * number (`16.`).
 */
function findRepeated(blocks: Block[], fromEnd: boolean, minTokens: number, maxTokens: number): string[] | null {
  const counts = new Map<string, { tokens: string[]; blocks: Set<number> }>();
  blocks.forEach((b, i) => {
    if (b.resumed) return;
    const all = edgeWords(b.text, maxTokens, fromEnd);
    // A heading is a line of its own: a running footer is all of it or none of it (see endsWithFooter).
    const whole = fromEnd && b.headingLevel !== undefined;
    if (whole && words(b.text).length > maxTokens) return;
    const fewest = whole ? all.length : minTokens;
    // One token more than a footer may hold, to see the token before it (see cutsNumber).
    const edge = fromEnd ? edgeWords(b.text, maxTokens + 1, true) : all;
    for (let n = fewest; n <= Math.min(maxTokens, all.length); n++) {
      const tokens = fromEnd ? all.slice(all.length - n) : all.slice(0, n);
      if (fromEnd && cutsNumber(edge[edge.length - n - 1], tokens[0]!)) continue;
      const key = tokens.join(' ');
      const entry = counts.get(key) ?? { tokens, blocks: new Set<number>() };
      entry.blocks.add(i);
      counts.set(key, entry);
    }
  });
  let best: { tokens: string[]; score: number } | null = null;
  for (const { tokens, blocks: where } of counts.values()) {
    if (where.size < MIN_REPEATS || !looksLikeRunningText(tokens) || opensWithActCitation(tokens.join(' '))) continue;
    const score = where.size * tokens.length;
    if (!best || score > best.score) best = { tokens, score };
  }
  return best?.tokens ?? null;
}

/**
 * The first (or last) `count` of `words(text)`, found without splitting the whole text: a block may be a paragraph of
 * megabytes, and its running header or footer is a few words at its edge.
 */
function edgeWords(text: string, count: number, fromEnd: boolean): string[] {
  let at = fromEnd ? text.length : -1;
  for (let n = 0; n < count; n++) {
    const next = fromEnd ? (at > 0 ? text.lastIndexOf(' ', at - 1) : -1) : text.indexOf(' ', at + 1);
    if (next < 0) return words(text);
    at = next;
  }
  // `count` spaces found: the part beyond the last of them holds exactly `count` tokens, empty ones included.
  return (fromEnd ? text.slice(at + 1) : text.slice(0, at)).split(' ');
}

function startsWith(all: string[], prefix: string[]): boolean {
  return prefix.length <= all.length && prefix.every((t, i) => all[i] === t);
}

function endsWith(all: string[], suffix: string[]): boolean {
  const offset = all.length - suffix.length;
  return offset >= 0 && suffix.every((t, i) => all[offset + i] === t);
}

/**
 * Removes running headers and footers, found by repetition (never by a known string), and uses them to recover
 * page boundaries and printed page numbers: each header occurrence starts a page; a number right after the header
 * is the printed page number when it fits the sequence `first + i` shared by most occurrences (this also removes
 * page numbers that an extraction left where a section number was lost).
 * @returns new blocks; blocks left empty are dropped
 */
export function removeRunningHeadersAndFooters(blocks: Block[]): Block[] {
  const footer = findRepeated(blocks, true, 3, 12);
  let out = blocks
    .map((b) => {
      if (!footer || b.resumed || !endsWithFooter(b, footer)) return b;
      let tokens = words(b.text);
      while (endsWith(tokens, footer)) tokens = tokens.slice(0, tokens.length - footer.length);
      return { ...b, text: tokens.join(' ') };
    });
  const header = findRepeated(out.filter((b) => b.text), false, 4, 20);
  if (!header) return out.filter((b) => b.text);

  const occurrences: { index: number; candidate: number | null }[] = [];
  out.forEach((b, index) => {
    const tokens = edgeWords(b.text, header.length + 1, false);
    if (b.resumed || !startsWith(tokens, header)) return;
    const next = tokens[header.length];
    occurrences.push({ index, candidate: next && /^\d{1,5}$/.test(next) ? Number(next) : null });
  });
  const offset = pageOffset(occurrences.map((o) => o.candidate));
  const headerAt = new Map(occurrences.map((o, i) => [o.index, { i, candidate: o.candidate }]));
  let page: number | null = null;
  out = out.map((b, index) => {
    const occ = headerAt.get(index);
    if (!occ) return { ...b, page: b.page ?? page };
    let tokens = words(b.text).slice(header.length);
    if (offset !== null) {
      page = offset + occ.i;
      if (occ.candidate === page) tokens = tokens.slice(1);
    } else if (b.page !== null) {
      page = b.page;
    }
    return { ...b, text: tokens.join(' '), page: b.page ?? page };
  });
  return out.filter((b) => b.text);
}

/**
 * True when a footer opening with `first` after the token `before` would cut a number in two: French typography
 * groups a number's digits by three with a space (`59 000`), and a footer is never the end of a number. Three list
 * items ending alike (`… plus de 59 000 nuages prêts à être comptés.`) lost `000 nuages…` as a footer, and were
 * quoted as `plus de 59`.
 */
function cutsNumber(before: string | undefined, first: string): boolean {
  return before !== undefined && /\d$/.test(before) && /^\d{3}(?!\d)/.test(first);
}

/**
 * True when `b` ends with the running footer `footer`. A heading (a line of its own) ends with it only when it is the
 * footer whole: the words closing a heading are its title's (`2.1. nuage4 ou nuage8`, set again in the table of
 * contents and in the next heading), and taken for a footer they left the section named `2.1.`.
 */
function endsWithFooter(b: Block, footer: string[]): boolean {
  const tokens = b.headingLevel === undefined ? edgeWords(b.text, footer.length + 1, true) : words(b.text);
  if (b.headingLevel !== undefined && tokens.length !== footer.length) return false;
  return endsWith(tokens, footer) && !cutsNumber(tokens[tokens.length - footer.length - 1], footer[0]!);
}

/** Tokens of the sequences whose repetition reveals a running header merged into a paragraph. */
const INLINE_SEED_TOKENS = 6;
/** Shortest merged running header removed: shorter repeats are more likely a phrase of the text. */
const MIN_INLINE_RUNNING_TOKENS = 8;
/** A folio inside running text: `15 sur 39`, `2 / 40`, `page 7`. */
const INLINE_FOLIO = /(?:^|\s)(?:\d{1,4} (?:\/|sur|de|of) \d{1,4}|(?:page|p\.) \d{1,4})(?=\s|$)/i;

/**
 * The windows of INLINE_SEED_TOKENS tokens of one block that may look like running text once their numbers are set
 * aside (see looksLikeRunningText): with a digit, `©` or `#` (the mark numbers become in a key), or mostly
 * capitals. `p` is the window's first token; `key` is `raw` with each number as `#`. Counts are summed per token, so
 * that a window is made a string only when it qualifies: linear in the block's length.
 */
function candidateWindows(tokens: string[]): { p: number; raw: string; key: string }[] {
  const marks = new Int32Array(tokens.length + 1);
  const letters = new Int32Array(tokens.length + 1);
  const upper = new Int32Array(tokens.length + 1);
  tokens.forEach((t, i) => {
    marks[i + 1] = marks[i]! + (/[\d©#]/.test(t) ? 1 : 0);
    letters[i + 1] = letters[i]! + t.replace(/[^\p{L}]/gu, '').length;
    upper[i + 1] = upper[i]! + t.replace(/[^\p{Lu}]/gu, '').length;
  });
  const found: { p: number; raw: string; key: string }[] = [];
  for (let p = 0; p + INLINE_SEED_TOKENS <= tokens.length; p++) {
    const end = p + INLINE_SEED_TOKENS;
    const letterCount = letters[end]! - letters[p]!;
    const capitals = letterCount > 0 && (upper[end]! - upper[p]!) / letterCount > 0.6;
    if (marks[end]! === marks[p]! && !capitals) continue;
    const raw = tokens.slice(p, end).join(' ');
    found.push({ p, raw, key: raw.replace(/\d+/g, '#') });
  }
  return found;
}

/**
 * Removes running headers and footers that an extraction merged into a paragraph, where a page break fell inside a
 * sentence (`… doivent être À jour au 1er janvier © Éditeur fictif Guide-9 / 15 sur 39 GUIDE FICTIF avisées …`):
 * removeRunningHeadersAndFooters only sees a block's first and last words. Found by repetition, never by a known
 * string: sequences of INLINE_SEED_TOKENS tokens, numbers aside, that recur in at least MIN_REPEATS blocks and look
 * like running text (digits, © or capitals) mark the tokens they cover; a run of MIN_INLINE_RUNNING_TOKENS marked
 * tokens or more is dropped when it carries © or a folio whose numbers change between occurrences (a page number).
 * A sentence the body repeats, even with different article numbers, has neither.
 * @returns new blocks; blocks left empty are dropped
 */
export function removeInlineRunningText(blocks: Block[]): Block[] {
  const tokenised = blocks.map((b) => words(b.text));
  // Each block's windows of INLINE_SEED_TOKENS tokens that may look like running text, as written and with numbers
  // aside, by starting position. Only those can mark tokens; a long paragraph's other windows, kept as strings, made
  // a 10 MB paragraph take a minute, mostly collecting garbage.
  // A heading the extractor repeated (see Block.resumed) seeds nothing: its repetition is not the document's.
  const windows = tokenised.map((tokens, i) => (blocks[i]!.resumed ? [] : candidateWindows(tokens)));
  const seeds = new Map<string, { blocks: Set<number>; raws: Set<string> }>();
  windows.forEach((list, i) => {
    for (const { raw, key } of list) {
      const seed = seeds.get(key) ?? { blocks: new Set<number>(), raws: new Set<string>() };
      seed.blocks.add(i);
      seed.raws.add(raw);
      seeds.set(key, seed);
    }
  });
  const out: Block[] = [];
  tokenised.forEach((tokens, i) => {
    const marked = new Array<boolean>(tokens.length).fill(false);
    const varying = new Array<boolean>(tokens.length).fill(false);
    for (const { p, raw, key } of windows[i]!) {
      const seed = seeds.get(key)!;
      if (seed.blocks.size < MIN_REPEATS || !looksLikeRunningText(raw.split(' '))) continue;
      for (let t = p; t < p + INLINE_SEED_TOKENS; t++) {
        marked[t] = true;
        if (seed.raws.size > 1) varying[t] = true;
      }
    }
    const kept: string[] = [];
    for (let start = 0; start < tokens.length; ) {
      if (!marked[start]) {
        kept.push(tokens[start++]!);
        continue;
      }
      let end = start;
      while (end < tokens.length && marked[end]) end++;
      const run = tokens.slice(start, end);
      const isRunning =
        run.length >= MIN_INLINE_RUNNING_TOKENS &&
        (run.some((t) => t.includes('©')) || (INLINE_FOLIO.test(run.join(' ')) && varying.slice(start, end).some(Boolean)));
      if (!isRunning) kept.push(...run);
      start = end;
    }
    const text = kept.join(' ');
    if (text) out.push(text === blocks[i]!.text ? blocks[i]! : { ...blocks[i]!, text });
  });
  return out;
}

/** A running title is short: a title, a chapter name, a folio; never a paragraph. */
const MAX_RUNNING_TITLE_WORDS = 12;
/** Numbers and lone roman numerals (`12`, `xxiv`, `3 / 237`): what changes from one page's running title to the next. */
const PAGE_NUMBERING = /\b(?:\d+|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})\b/g;

/**
 * Removes running titles of paged documents: the first or last block of a page (at most MAX_RUNNING_TITLE_WORDS
 * words) whose text, numbers and roman numerals aside, opens (or closes) at least MIN_REPEATS pages
 * (`Guide fictif 12 / 40`, `Guide fictif xiv`). Catches what removeRunningHeadersAndFooters cannot: a short title
 * whose page number changes inside its first words. Blocks without a page are left alone.
 */
export function removeRunningTitles(blocks: Block[]): Block[] {
  const edges: { index: number; key: string }[] = [];
  blocks.forEach((b, i) => {
    if (b.page === null || b.headingLevel !== undefined || words(b.text).length > MAX_RUNNING_TITLE_WORDS) return;
    const first = i === 0 || blocks[i - 1]!.page !== b.page;
    const last = i === blocks.length - 1 || blocks[i + 1]!.page !== b.page;
    const key = b.text.replace(PAGE_NUMBERING, '#');
    if (first) edges.push({ index: i, key: `first:${key}` });
    if (last) edges.push({ index: i, key: `last:${key}` });
  });
  const counts = new Map<string, number>();
  for (const e of edges) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  const drop = new Set(edges.filter((e) => (counts.get(e.key) ?? 0) >= MIN_REPEATS).map((e) => e.index));
  return blocks.filter((_, i) => !drop.has(i));
}

/** The offset o ≥ 1 such that candidate[i] === o + i for the most occurrences (at least two), else null. */
function pageOffset(candidates: (number | null)[]): number | null {
  const votes = new Map<number, number>();
  candidates.forEach((c, i) => {
    // Page numbers are positive from the first header on; a section numbering that restarts at 1 is not one.
    if (c !== null && c - i >= 1) votes.set(c - i, (votes.get(c - i) ?? 0) + 1);
  });
  let best: [number, number] | null = null;
  for (const entry of votes) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= 2 ? best[0] : null;
}

/** A footnote number glued to a word or after punctuation (`personne3`, `IA.4`); never a part of a section number
 *  (`1.4.10`), where a digit precedes the dot. Footnotes are numbered from 1: a `0` is a name's (`nuage0`). */
const GLUED_REFERENCE = /(?<=[\p{L}»”,;)]|(?<!\d)\.)([1-9]\d?)(?=[\s.,;:)]|$)/gu;
const FOOTNOTE_START = /^((?:\d{1,2}\.\s+)+)/;

/**
 * Removes footnotes that an extraction mixed into the body. On each page, the footnote area starts at the first
 * block opening with `n.` where n is a number glued to a word earlier on the page (`personne3`), an ordered list's
 * item aside, and a heading when the text has no pages (`1. Ouvrir…`, `2. Notation` after `Type1`, `c2`); that block and the rest of the page are footnote text. The glued reference numbers are then removed from the body.
 * A text without pages is read heading by heading, a note sitting near its call: read whole, a manual's numbered
 * clause (`0. Cette licence…`, `1. Vous pouvez…`) was dropped as the note of a name chapters earlier (`nuage0`,
 * `nuage1`), and that digit cut from every name of the document.
 */
export function removeFootnotes(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let start = 0;
  while (start < blocks.length) {
    let end = start + 1;
    const unpaged = blocks[start]!.page === null;
    while (end < blocks.length && blocks[end]!.page === blocks[start]!.page && !(unpaged && blocks[end]!.headingLevel !== undefined)) end++;
    out.push(...footnotesOfPage(blocks.slice(start, end), blocks[start]!.page !== null));
    start = end;
  }
  return out;
}

function footnotesOfPage(page: Block[], paged: boolean): Block[] {
  const referenced = new Set<string>();
  let footnoteFrom = -1;
  const numbers = new Set<string>();
  for (let i = 0; i < page.length; i++) {
    // An ordered list's item (`1. Ouvrir…`) opens with its number too, but is no footnote; nor is a numbered heading
    // (`2. Notation`) of a text without pages. On a page, an export may set its footnotes as headings.
    const numbered = page[i]!.listItem || (!paged && page[i]!.headingLevel !== undefined);
    const lead = numbered ? null : FOOTNOTE_START.exec(page[i]!.text);
    const leadNumbers = lead ? lead[1]!.match(/\d{1,2}/g) ?? [] : [];
    if (leadNumbers.length > 0 && leadNumbers.some((n) => referenced.has(n))) {
      footnoteFrom = i;
      leadNumbers.forEach((n) => numbers.add(n));
      break;
    }
    for (const m of page[i]!.text.matchAll(GLUED_REFERENCE)) referenced.add(m[1]!);
  }
  if (footnoteFrom < 0) return page;
  // Without page boundaries only the footnote block itself is known to be a footnote.
  const body = paged ? page.slice(0, footnoteFrom) : page.filter((_, i) => i !== footnoteFrom);
  return body.map((b) => ({
    ...b,
    text: b.text.replace(GLUED_REFERENCE, (m) => (numbers.has(m) ? '' : m)),
  }));
}

/**
 * `utili- sation`: the left part runs from the start of its run of non-blanks (the look-behind), so that a run
 * without a line-break hyphen is read once; searched from every position in it, as `(\S*…)-` alone is, one run of
 * 250 000 characters (a pasted blob, an inline image's data) took 40 s and one of a million, minutes.
 */
const LINE_BREAK_HYPHEN = /(?<!\S)(\S*\p{Ll})- (\p{Ll}[\p{L}\p{N}-]*)/gu;

/**
 * Rejoins words hyphenated across line breaks (`utili- sation` → `utilisation`), choosing the plausible word:
 * the joined form when the document uses it elsewhere or when neither form appears; the hyphenated compound
 * when the document spells it so elsewhere; inside URLs and paths the hyphen is kept and the space removed.
 */
export function rejoinHyphenation(blocks: Block[]): Block[] {
  const vocabulary = new Set<string>();
  for (const b of blocks) {
    for (const w of b.text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (w) vocabulary.add(w);
  }
  const rejoin = (text: string): string =>
    text.replace(LINE_BREAK_HYPHEN, (_m, left: string, right: string) => {
      if (/[/.]/.test(left)) return `${left}-${right}`;
      const leftWord = /[\p{L}\p{N}-]+$/u.exec(left)?.[0]?.toLowerCase() ?? left.toLowerCase();
      const rightWord = /^[\p{L}\p{N}-]+/u.exec(right)?.[0]?.toLowerCase() ?? right;
      if (vocabulary.has(leftWord + rightWord)) return left + right;
      if (vocabulary.has(`${leftWord}-${rightWord}`)) return `${left}-${right}`;
      return left + right;
    });
  return blocks.map((b) => {
    // A second break in the same run (`utili- sation/docu- ment`) starts inside it: read again once the first is
    // joined. Each pass removes a space, so this ends.
    let text = b.text;
    for (let next = rejoin(text); next !== text; next = rejoin(text)) text = next;
    return { ...b, text };
  });
}

/** A block that is only a page number (`12`, `Page 3 de 20`, `4 / 9`): a folio, never content. */
const FOLIO = /^(?:page|p\.)?\s*\d{1,4}(?:\s*(?:\/|de|of|sur)\s*\d{1,4})?$/i;

/** Drops page-number blocks (folios), which repetition cannot find because their numbers change. */
function removeFolios(blocks: Block[]): Block[] {
  return blocks.filter((b) => !FOLIO.test(b.text));
}

/**
 * A comma standing alone between spaces (`selon le , cas`), a full stop standing alone before a lower-case word
 * (`personnel . sensible`: mid-sentence), opening a block or after another full stop (`4. . Toute`). A full stop
 * spaced off before a capital or closing a block may end a sentence, so it stays (but see removeStrayPunctuation).
 */
const STRAY_PUNCTUATION = /(?<=^| ),(?= |$)|^\.(?= |$)|(?<= )\.(?= \p{Ll})|(?<=\. )\.(?= |$)/gu;
/** A full stop standing alone at the end of a block. */
const TRAILING_FULL_STOP = / \.$/u;

/**
 * Removes commas and full stops that stand alone between spaces where no sentence ends (see STRAY_PUNCTUATION): no
 * typography, French or English, spaces a comma or a full stop off the word before it, so they are extraction
 * debris (a watermark's or a margin's marks interleaved with the text: `… selon le , cas, une attestation …`). Left
 * in, they would be quoted mid-sentence; so is a lone full stop closing a block when the next block goes on in lower
 * case. A block left without a letter or a digit is dropped. The pipeline runs it on the blocks of each section, once sections are read
 * (pipeline.ts): running text, debris headings (`, .`) and a statute's structure are found in the text as extracted,
 * and this step only changes what passages, and so quotes, show.
 */
export function removeStrayPunctuation(blocks: Block[]): Block[] {
  return blocks.flatMap((b, i) => {
    // A block ending with a lone full stop, the next going on in lower case, was cut mid-sentence.
    const cut = TRAILING_FULL_STOP.test(b.text) && /^[,. ]*\p{Ll}/u.test(blocks[i + 1]?.text ?? '');
    let text = b.text;
    // Again until nothing changes: removing one mark may leave another alone (`renseignements . . personnels`).
    for (let before = ''; before !== text; ) {
      before = text;
      text = text.replace(STRAY_PUNCTUATION, '').replace(/ {2,}/g, ' ').trim();
    }
    if (cut) text = text.replace(TRAILING_FULL_STOP, '');
    if (text === b.text) return [b];
    return /[\p{L}\p{N}]/u.test(text) ? [{ ...b, text }] : [];
  });
}

/**
 * A lone digit, or a lone letter that is not a French word (`a`, `à`, `y` are), between the number of an
 * enumerated item (`1°`, `2°`, as statutes and regulations number the items of a list) and the item's first word in
 * lower case: `1° c le nom`, `2° 5 l’adresse`. An item never opens so (statutes write quantities in words, and a
 * sub-item is lettered `a)`), so the mark is debris a watermark left in the extraction.
 */
const STRAY_ITEM_MARK = /(?<=(?:^|\s)\d{1,3}° )(?:\d|[b-xz])(?= \p{Ll})/gu;

/**
 * Removes the debris marks standing between an enumerated item's number and its text (see STRAY_ITEM_MARK), which
 * quotes would otherwise show (`1° c le nom`). Runs with removeStrayPunctuation, once sections are read.
 */
export function removeStrayItemMarks(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    const text = b.text.replace(STRAY_ITEM_MARK, '').replace(/° {2,}/gu, '° ');
    return text === b.text ? b : { ...b, text };
  });
}

/** The cleaning step: blocks → pages from folio sequences (see paginateByFolios) → running titles, headers and
 *  footers out (pages recovered), then those merged into paragraphs → folios and footnotes out → hyphenation
 *  rejoined. (Stray punctuation goes later, see removeStrayPunctuation.) */
export function cleanDocument(doc: ExtractedDocument): Block[] {
  return rejoinHyphenation(
    removeFootnotes(
      removeFolios(removeInlineRunningText(removeRunningHeadersAndFooters(removeRunningTitles(paginateByFolios(toBlocks(doc)))))),
    ),
  );
}

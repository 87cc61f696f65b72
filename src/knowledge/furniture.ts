import type { Block } from './clean.js';
import { ENGLISH_MONTHS, FRENCH_MONTHS } from './dates.js';

/**
 * Document furniture: blocks that frame a document without saying anything a reader would quote as an answer —
 * signature blocks and tables of contents. Recognised by their shape (a place-and-date line, a role line, dot
 * leaders, entries repeating later headings), never by the strings of a particular document.
 */

/** `Québec, le 27 juin 2024`, `Montréal, 1er mars 2025`, `Quebec City, June 27, 2024`: where and when a text was signed. */
const PLACE_DATE = new RegExp(
  `^\\p{Lu}[\\p{L}'’.-]*(?:[ -]\\p{L}[\\p{L}'’.-]*){0,3},\\s+(?:le\\s+)?` +
    `(?:\\d{1,2}(?:er)?\\s+(?:${FRENCH_MONTHS})|(?:${ENGLISH_MONTHS})\\s+\\d{1,2},?)\\s+\\d{4}\\b[\\s,.]*`,
  'iu',
);
/** The office a signatory holds, as signature blocks print it (`La ministre de …`, `Le sous-ministre`, `Minister of …`). */
const ROLE = /^(?:(?:L[ea]|Les|The)\s+)?(?:(?:vice-|sous-)?(?:premi(?:er|ère)\s+)?ministres?|sous-ministre|secrétaire(?:\s+général(?:e)?)?|greffi(?:er|ère)|président(?:e)?(?:-directeur|-directrice)?(?:\s+général(?:e)?)?|direct(?:eur|rice)(?:\s+général(?:e)?)?|dirigeant(?:e)?|(?:Deputy\s+|Prime\s+)?Minister|Clerk|President|Director(?:\s+General)?)\b/iu;
/** A person's name: two to four capitalised words (`Éric Caire`, `ÉRIC CAIRE`, `Marie-Ève D'Amours`). */
const NAME = /^(?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;
/** A role followed by the signatory's name: `Le ministre de la Sécurité publique, Jean Fictif`. */
const ROLE_THEN_NAME = /,\s*(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})$/u;
/** Longest signature line, in characters: a role line can name a long ministry, but it is not a paragraph. */
const MAX_SIGNATURE_CHARS = 220;
/** Lines that may follow a place-and-date line in one signature block (role, name). */
const MAX_SIGNATURE_FOLLOWERS = 3;

/** `Introduction ........ 3`, `Annexe ……… 12`, `Préface . . . . xiii`, `Recours..........`: an entry with dot leaders
 *  (four dots or more, spaced or not), then its page or article number when the table gives one (group 1). */
const LEADER_ENTRY = /\S\s?(?:(?:\.\s?){4,}|…{2,}\s?|_{4,}\s?)\s*(?:(\d{1,4}(?:\.\d{1,3})?|[ivxlcdm]{1,7})(?=\s|$))?/giu;

/**
 * Cuts dot-leader entries (`Titre ..... 12`) out of a block: the block up to and including its last entry is a
 * table of contents (an extraction may run the page's next paragraph into it: that remainder is kept). A block
 * with a single entry is cut only when that entry opens it (at most MAX_ENTRY_WORDS words before the leaders) and
 * ends with a page number or ends the block: elsewhere four dots may be an author's ellipsis.
 * @returns the text after the last entry, '' when the block was only entries, or the block unchanged
 */
export function cutLeaderEntries(text: string): string {
  const entries = [...text.matchAll(LEADER_ENTRY)];
  const last = entries.at(-1);
  if (!last) return text;
  const closing = last[1] !== undefined || last.index + last[0].length >= text.trimEnd().length;
  const opening = text.slice(0, last.index).split(' ').length <= MAX_ENTRY_WORDS && closing;
  if (entries.length === 1 && !opening) return text;
  return text.slice(last.index + last[0].length).trim();
}

/** A table-of-contents entry repeating a heading: at most this many words. */
const MAX_ENTRY_WORDS = 15;
/** A table-of-contents entry repeating a heading whole: at most this many words, the longest heading a section keeps
 *  (a numbered question of a FAQ, see demoteProseHeadings in sections.ts). */
const MAX_WHOLE_ENTRY_WORDS = 48;
/** Consecutive entries that repeat later headings before a run is taken for a table of contents. */
const MIN_TOC_ENTRIES = 3;

/** Longest last line of a wrapped entry, in words: a full line of a contents page. */
const MAX_ENTRY_LINE_WORDS = 2 * MAX_ENTRY_WORDS;

/**
 * The text after a block's first dot-leader entry when that entry opens it (at most MAX_ENTRY_LINE_WORDS words
 * before its leaders: `puis-je migrer ? . . . . 12 3.2.3 …` → `3.2.3 …`); null when it opens with none. Such an
 * opening may be the end of an entry whose first line ended the block before.
 */
function afterOpeningLeaderEntry(text: string): string | null {
  const first = text.matchAll(LEADER_ENTRY).next().value;
  if (first === undefined || !spacesAtMost(text.slice(0, first.index), MAX_ENTRY_LINE_WORDS)) return null;
  return text.slice(first.index + first[0].length).trim();
}

/**
 * Cuts dot-leader entries out of each block (see cutLeaderEntries), entries wrapped over two blocks included: an
 * extraction ends a paragraph where a line ends with a question mark or a full stop, so an entry whose first line
 * ends a sentence (`1.5 Pourquoi compter les nuages fictifs ?`) is left at the end of one block of entries, and
 * the rest of it opens the next (`Et comment les inscrire ? . . . . 3 1.6 …`). What a block of entries leaves after
 * its last leaders, at most MAX_ENTRY_WORDS words, goes when the next block opens with an entry's leaders, and that
 * entry goes from the next block: kept, they were quoted as the contents' text.
 */
function cutContentsEntries(blocks: Block[]): Block[] {
  let continued = false;
  return blocks.map((b, i) => {
    if (b.headingLevel !== undefined) {
      continued = false;
      return b;
    }
    const own = (continued ? afterOpeningLeaderEntry(b.text) : null) ?? b.text;
    let text = cutLeaderEntries(own);
    const next = blocks[i + 1];
    continued =
      text !== b.text &&
      text !== '' &&
      spacesAtMost(text, MAX_ENTRY_WORDS - 1) &&
      next !== undefined &&
      next.headingLevel === undefined &&
      afterOpeningLeaderEntry(next.text) !== null;
    if (continued) text = '';
    return text === b.text ? b : { ...b, text };
  });
}

/** True when a block is a signature line on its own: `ROLE…, NAME` (the place and date are handled by runs). */
function isRoleWithName(text: string): boolean {
  return text.length <= MAX_SIGNATURE_CHARS && ROLE.test(text) && ROLE_THEN_NAME.test(text) && !/[.;:!?]$/.test(text);
}

/** What may follow a place-and-date line in a signature: a role line or a name, short, not a sentence. */
function isSignatureFollower(text: string): boolean {
  if (text.length > MAX_SIGNATURE_CHARS || /[.;:!?]$/.test(text)) return false;
  return ROLE.test(text) || NAME.test(text.replace(/,$/, ''));
}

/** A block opening with a place and a date whose remainder is empty or a role and a name (one-line signature). */
function isPlaceDateSignature(text: string): boolean {
  const m = PLACE_DATE.exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length).trim();
  return rest === '' || (text.length <= MAX_SIGNATURE_CHARS && isSignatureFollower(rest));
}

/**
 * Indices of signature-block blocks: a place-and-date line (`Québec, le 27 juin 2024`, possibly with the role and
 * name on the same line) and up to MAX_SIGNATURE_FOLLOWERS role or name lines after it; or a lone line giving a
 * role then a name (`La ministre de …, Jeanne Fictive`). Headings are never signatures.
 */
export function signatureBlocks(blocks: Block[]): Set<number> {
  const found = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.headingLevel !== undefined) return;
    if (isRoleWithName(b.text)) found.add(i);
    if (!isPlaceDateSignature(b.text)) return;
    found.add(i);
    for (let j = i + 1; j <= i + MAX_SIGNATURE_FOLLOWERS && j < blocks.length; j++) {
      const next = blocks[j]!;
      if (next.headingLevel !== undefined || !isSignatureFollower(next.text)) break;
      found.add(j);
    }
  });
  return found;
}

/** True when `text` has at most `max` spaces (`text.split(' ').length <= max + 1`), read no further than needed. */
function spacesAtMost(text: string, max: number): boolean {
  let at = -1;
  for (let count = 0; count <= max; count++) {
    at = text.indexOf(' ', at + 1);
    if (at < 0) return true;
  }
  return false;
}

/** A heading or entry reduced to its words: numbering, page number, leaders and case set aside. */
function entryKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(?:\s?\.){4,}|…{2,}|_{4,}/g, ' ')
    .replace(/^(?:[\divxlcdm]+(?:\.\d+)*\.?|chapitre\s+\S+|chapter\s+\S+|annexe\s+\S+|appendix\s+\S+)\s+/u, '')
    .replace(/\s+(?:\d{1,4}|[ivxlcdm]{1,7})$/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A section number opening a heading: `2`, `2.1`, `2.1.`, an annex's `A.2` (then a space). */
const SECTION_NUMBER = /^(?:\d{1,2}|[A-Z])(?:\.\d{1,2}){0,4}\.?\s/u;
/** A division's label before its number (`Chapitre 3. Nuages`), which a contents entry leaves out (`3. Nuages`). */
const DIVISION_LABEL = /^(?:chapitre|chapter|annexe|appendix|partie|part)\s+(?=(?:\d{1,2}|[A-Z])\.?\s)/iu;

/** A numbered heading compared word for word, its number included: case and punctuation aside; '' when it has no
 *  number. */
function numberedKey(text: string): string {
  return SECTION_NUMBER.test(text) ? text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '';
}

/** The keys (see numberedKey) a contents entry may give a heading: its own, and its number and title without its
 *  division's label (`Chapitre 3. Nuages` is listed `3. Nuages` in DocBook's contents). */
function numberedKeys(text: string): string[] {
  const unlabelled = text.replace(DIVISION_LABEL, '');
  return [numberedKey(text), ...(unlabelled === text ? [] : [numberedKey(unlabelled)])].filter((k) => k !== '');
}

/** A page number closing a table-of-contents entry: arabic or roman. */
const PAGE_NUMBER = /^(?:\d{1,4}|[ivxlcdm]{1,7})$/iu;
/** Words an entry may hold besides its heading's: numbering and page number (leaders are not words). */
const MAX_ENTRY_EXTRA_WORDS = 3;

/**
 * The length, in characters, of the longest prefix of `text` made of table-of-contents entries — a heading found
 * later (see `isLaterHeading`, keys as entryKey makes them) then its page number, or a later numbered heading word
 * for word with its number (see `isLaterNumbered`, keys as numberedKey makes them: `1. Objet 2. Portée`, a list of
 * the sections without pages) — and how many entries it holds, when the entries cover the whole text or there are
 * two or more of them; else 0 and 0. An extraction joins a contents page's lines into paragraphs
 * (`2 Contexte 1 2.1 Historique . . 1`): entries without dot leaders, or with too few of them for cutLeaderEntries
 * (a narrow column), are found so.
 */
function headingEntriesPrefix(
  text: string,
  isLaterHeading: (key: string) => boolean,
  isLaterNumbered: (key: string) => boolean,
): { length: number; entries: number } {
  const tokens = text.split(' ');
  // ends[i]: the character offset where token i ends; reach[i]: entries found before token i (-1: none reach it).
  const ends: number[] = [];
  let offset = 0;
  for (const token of tokens) ends.push((offset += token.length + (ends.length > 0 ? 1 : 0)));
  const reach = new Array<number>(tokens.length + 1).fill(-1);
  reach[0] = 0;
  let best = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (reach[i]! < 0) continue;
    let words = 0;
    // An entry giving its heading's number may be as long as that heading (a FAQ's question); only reachable tokens
    // are tried, so a paragraph of prose costs one try.
    const numbered = SECTION_NUMBER.test(`${tokens[i]!} `);
    const most = numbered ? MAX_WHOLE_ENTRY_WORDS + MAX_ENTRY_EXTRA_WORDS : MAX_ENTRY_WORDS + MAX_ENTRY_EXTRA_WORDS;
    for (let j = i + 1; j <= tokens.length && words <= most; j++) {
      if (/[\p{L}\p{N}]/u.test(tokens[j - 1]!)) words++;
      if (j === i + 1 || reach[j]! >= reach[i]! + 1) continue;
      const entry = tokens.slice(i, j).join(' ');
      const paged = words <= MAX_ENTRY_WORDS + MAX_ENTRY_EXTRA_WORDS && PAGE_NUMBER.test(tokens[j - 1]!) && entryKey(entry) !== '' && isLaterHeading(entryKey(entry));
      if (!paged && !isLaterNumbered(numberedKey(entry))) continue;
      reach[j] = reach[i]! + 1;
      if (j > best) best = j;
    }
  }
  if (best === 0 || (best < tokens.length && reach[best]! < 2)) return { length: 0, entries: 0 };
  return { length: ends[best - 1]!, entries: reach[best]! };
}

/**
 * Indices of table-of-contents blocks: a run of at least MIN_TOC_ENTRIES consecutive short blocks that each
 * repeat, numbering and page number aside, a heading found after them (a list of links to the sections, or a
 * contents page without leaders); and blocks made of entries that give a later heading and its page number (see
 * headingEntriesPrefix): two entries or more, or one in such a run. Entries with dot leaders are cut by
 * cutLeaderEntries.
 */
export function tableOfContentsBlocks(blocks: Block[]): Set<number> {
  return tableOfContents(blocks).found;
}

/** The blocks tableOfContentsBlocks finds, and the text that remains of a block whose opening entries an extraction
 *  ran into a paragraph (index → that paragraph). `leaderBlocksBefore[i]`: how many blocks made only of dot-leader
 *  entries (removed before, see cutContentsEntries) stood just before block i; they count as entries of the run
 *  they stand in, before or after its entries, so that a chapter's entry without leaders (`1 Objet du guide fictif
 *  3`) among them goes with them. */
function tableOfContents(blocks: Block[], leaderBlocksBefore: number[] = []): { found: Set<number>; cut: Map<number, string> } {
  const found = new Set<number>();
  const cut = new Map<number, string>();
  // Where each heading's key last occurs, so an entry counts only when the heading it repeats comes later. One index
  // per key, not the set of later headings at each position: that copy per heading took memory growing with the
  // square of the headings (a file of 20 000 short sections exhausted the heap).
  const lastHeading = new Map<string, number>();
  const lastNumbered = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (b.headingLevel === undefined) return;
    lastHeading.set(entryKey(b.text), i);
    for (const numbered of numberedKeys(b.text)) lastNumbered.set(numbered, i);
  });
  // Consecutive blocks of entries, and how many entries they hold together.
  let run: number[] = [];
  let entries = 0;
  // `trailing`: the blocks of leader entries between the run's last entry and the block that closes it.
  const closeRun = (trailing = 0): void => {
    if (entries + trailing >= MIN_TOC_ENTRIES) run.forEach((j) => found.add(j));
    run = [];
    entries = 0;
  };
  blocks.forEach((b, i) => {
    if (b.headingLevel !== undefined) {
      closeRun(leaderBlocksBefore[i]);
      return;
    }
    // The word count first: keying a paragraph of megabytes (accents folded, case lowered) to find it is no entry
    // was most of the time a huge single-paragraph file took to read.
    // A FAQ's question is its heading and its contents entry: kept as text, an entry of over MAX_ENTRY_WORDS words
    // was cited under « Table des matières » with the text that followed the contents.
    const short = spacesAtMost(b.text, MAX_WHOLE_ENTRY_WORDS - 1);
    const key = short ? entryKey(b.text) : '';
    if (short && key !== '' && (lastHeading.get(key) ?? -1) > i) {
      run.push(i);
      entries += 1 + (leaderBlocksBefore[i] ?? 0);
      return;
    }
    const prefix = headingEntriesPrefix(
      b.text,
      (k) => (lastHeading.get(k) ?? -1) > i,
      (k) => k !== '' && (lastNumbered.get(k) ?? -1) > i,
    );
    const rest = b.text.slice(prefix.length).trim();
    if (prefix.length > 0 && rest === '') {
      // Entries and nothing else: several are a table of contents by themselves, one counts in the run.
      run.push(i);
      entries += prefix.entries + (leaderBlocksBefore[i] ?? 0);
      if (prefix.entries >= 2) found.add(i);
      return;
    }
    closeRun(leaderBlocksBefore[i]);
    if (prefix.length > 0) cut.set(i, rest);
  });
  closeRun();
  return { found, cut };
}

/** An entry of a back-of-book index: a term of at most 50 characters, not ending a sentence inside (`sources.list`
 *  may hold a full stop), then the pages where it occurs (`cumulus, 8`, `compter les nuages, 12, 13, 90`). */
const INDEX_ENTRY = /[^\s,](?:[^,.]|\.(?=\S)){0,50}?,\s\d{1,4}(?:,\s\d{1,4})*(?=\s|$)/gu;
/** Longest index entry, in characters, on average over a block: its term and its pages. */
const MAX_INDEX_ENTRY_CHARS = 60;
/** Fewest index entries in a block for it to be taken for part of an index. */
const MIN_INDEX_ENTRIES = 4;
/** Share of a block's characters its index entries must cover: prose citing pages has words between them. */
const MIN_INDEX_COVER = 0.8;

/**
 * How many index entries (see INDEX_ENTRY) `text` holds when they cover MIN_INDEX_COVER of it, else 0.
 */
function indexEntries(text: string): number {
  // Page references counted first, in one pass: looking for entries in a paragraph of megabytes where references are
  // sparse would try a term at every character.
  const references = text.match(/,\s\d/gu)?.length ?? 0;
  if (references === 0 || text.length > references * MAX_INDEX_ENTRY_CHARS) return 0;
  let entries = 0;
  let covered = 0;
  for (const m of text.matchAll(INDEX_ENTRY)) {
    entries += 1;
    covered += m[0].length;
  }
  return covered >= text.length * MIN_INDEX_COVER ? entries : 0;
}

/**
 * The blocks of a back-of-book index, as LaTeX, DBLaTeX and Sphinx print one at the end of a manual (`A acme screw,
 * 1206 addf, 201 …`): a block made of MIN_INDEX_ENTRIES entries or more (see indexEntries), and the blocks of
 * entries next to it, however few (a letter's group of two entries, set apart in its column). Kept, each page of it
 * was a passage of a hundred terms that answered questions on any of them.
 * @returns indices into `blocks`
 */
function indexBlocks(blocks: Block[]): Set<number> {
  const entries = blocks.map((b) => (b.headingLevel === undefined ? indexEntries(b.text) : 0));
  const found = new Set(entries.flatMap((n, i) => (n >= MIN_INDEX_ENTRIES ? [i] : [])));
  for (let i = 1; i < blocks.length; i++) if (entries[i]! > 0 && found.has(i - 1)) found.add(i);
  for (let i = blocks.length - 2; i >= 0; i--) if (entries[i]! > 0 && found.has(i + 1)) found.add(i);
  return found;
}

/**
 * True for a text block that says nothing: no word of two letters or more and no digit (`, .`, the lone letters a
 * vertical watermark leaves when an extraction interleaves it: `P E R S`, `T n a n O N`).
 */
function isLetterDebris(text: string): boolean {
  return !/\p{L}{2}|\p{N}/u.test(text);
}

/**
 * The furniture step: drops signature blocks, tables of contents, back-of-book indexes and letter debris (see
 * signatureBlocks, cutContentsEntries, tableOfContentsBlocks, indexBlocks, isLetterDebris),
 * so that no passage is built from them and they never answer a question. A heading whose only text was a table of
 * contents (`Table des matières`, `Sur cette page`) goes with it: left empty, it would be joined to the next heading
 * of its level; unless deeper headings follow it and other headings, the title aside, share its rank: it is then a
 * division (`Chapitre 2`) opening on the list of its own sections. Text on a page after the contents' last page
 * does not keep the heading (see afterContents): it goes to the section before. Other headings stay, and a section without text
 * has no passage.
 * @returns the blocks that remain, in order
 */
export function removeFurniture(blocks: Block[]): Block[] {
  const leaderCut = cutContentsEntries(blocks);
  const keptAt = leaderCut.flatMap((b, i) => (b.text !== '' && (b.headingLevel !== undefined || !isLetterDebris(b.text)) ? [i] : []));
  const kept = keptAt.map((i) => leaderCut[i]!);
  const emptiedByLeaders = (i: number): boolean => blocks[i]!.headingLevel === undefined && blocks[i]!.text !== '' && leaderCut[i]!.text === '';
  const toc = tableOfContents(
    kept,
    keptAt.map((i, j) => range(j === 0 ? 0 : keptAt[j - 1]! + 1, i).filter(emptiedByLeaders).length),
  );
  const signatures = signatureBlocks(kept);
  const index = indexBlocks(kept);
  // Per block of `blocks`: whether it goes, and whether it was (part of) a table of contents.
  const goes = blocks.map((b) => b.headingLevel === undefined);
  const contents = blocks.map((_, i) => emptiedByLeaders(i));
  keptAt.forEach((i, j) => {
    if (kept[j]!.headingLevel !== undefined) return;
    goes[i] = toc.found.has(j) || signatures.has(j) || index.has(j);
    if (toc.found.has(j)) contents[i] = true;
  });
  const tocHeadings = new Set<number>();
  // How many headings, the document's first (its title) aside, are of each level or above: a heading with others of
  // its rank is one of the document's divisions.
  const firstHeading = blocks.findIndex((b) => b.headingLevel !== undefined);
  const rankedAtOrAbove = (level: number): number =>
    blocks.filter((b, k) => k !== firstHeading && b.headingLevel !== undefined && b.headingLevel <= level).length;
  const rankCounts = new Map<number, number>();
  blocks.forEach((b, i) => {
    if (b.headingLevel === undefined) return;
    let end = i + 1;
    while (end < blocks.length && blocks[end]!.headingLevel === undefined) end++;
    const between = range(i + 1, end);
    const lastEntry = between.filter((k) => contents[k]).at(-1);
    if (lastEntry === undefined || !between.every((k) => goes[k] || afterContents(blocks[k]!, blocks[lastEntry]!, k > lastEntry))) return;
    // A division whose only text lists its own sections (`Chapitre 2` then `2.1 Portée 2.2 Registre`, its
    // subsections next) holds them: without it they would be cited under the previous division.
    const next = blocks[end]?.headingLevel;
    if (next !== undefined && next > b.headingLevel) {
      const count = rankCounts.get(b.headingLevel) ?? rankedAtOrAbove(b.headingLevel);
      rankCounts.set(b.headingLevel, count);
      if (count - (i === firstHeading ? 0 : 1) > 0) return;
    }
    tocHeadings.add(i);
  });
  return keptAt.flatMap((i, j) => {
    if ((kept[j]!.headingLevel === undefined && goes[i]) || tocHeadings.has(i)) return [];
    const rest = toc.cut.get(j);
    return [rest === undefined ? kept[j]! : { ...kept[j]!, text: rest }];
  });
}

/**
 * True when `block` comes after the contents' last entry `entry`: on a later page (both paged), or anywhere after it
 * (`follows`) in a text without pages. Such text is not the contents' section but the text before the first chapter,
 * as Sphinx and LaTeX classes set a manual's introduction after its contents without a heading of its own, and
 * DocBook a chapter's after the list of its sections. Cited under « Table des matières », it read as the contents
 * themselves.
 */
function afterContents(block: Block, entry: Block, follows: boolean): boolean {
  if (block.page === null && entry.page === null) return follows;
  return block.page !== null && entry.page !== null && block.page > entry.page;
}

/** The integers from `from` (included) to `to` (excluded). */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

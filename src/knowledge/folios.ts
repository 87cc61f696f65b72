import type { Block } from './clean.js';

/**
 * Printed page numbers of documents whose format has no pages (a PDF exported to Markdown or text): the folios of
 * their running headers or footers (`3 sur 39`, `Page 3 de 39`, `Page 3 of 39`, `3 / 39`, `P-39.1 / 3 sur 39`).
 */

/** A folio giving the page and the page count. Not glued to a number or a word (`39.1 / 3` is no folio: the `3 sur
 *  39` after it is), nor followed by one. */
const FOLIO = /(?<![\p{L}\p{N}.,/-])(?:(?:page|p\.)\s+)?(\d{1,4})\s*(?:\/|sur|de|of)\s*(\d{1,4})(?![\p{L}\p{N}]|[.,]\d)/giu;
/** Fewest folios in sequence taken as page numbering: fewer could be a ratio or a count in the text. */
const MIN_FOLIOS = 3;
/**
 * Most characters a printed page holds: two columns of small type come to about 8 000. A sequence of folios that
 * gives a document fewer pages than its text fills numbers no pages: `\time 1/4` … `4/4` in a manual's code examples
 * read as « pages 1 to 4 » of three million characters, and a page that long lost all its text after a block
 * taken for its footnotes (see removeFootnotes).
 */
const MAX_CHARS_PER_PAGE = 12_000;
/** Longest running text, in words, taken out on either side of a folio. */
const MAX_CONTEXT_WORDS = 20;

interface Occurrence {
  block: number;
  start: number;
  end: number;
  page: number;
  /** The page count the folio gives. */
  count: number;
}

/** Comparison key of a word of running text: numbers aside (a footnote mark or a date may change). */
function key(word: string): string {
  return word.replace(/\d+/g, '#');
}

/**
 * The longest sequence of folios in reading order, page numbers rising by one and the page count the same, of at
 * least MIN_FOLIOS; null when there is none. A number that happens to read like a folio (`2 de 5 membres`) breaks
 * no sequence: it is left out of it.
 */
function folioSequence(blocks: Block[]): Occurrence[] | null {
  const byCount = new Map<number, Map<number, Occurrence[]>>();
  let best: Occurrence[] | null = null;
  blocks.forEach((b, i) => {
    for (const m of b.text.matchAll(FOLIO)) {
      const page = Number(m[1]);
      const count = Number(m[2]);
      if (page < 1 || page > count) continue;
      const ends = byCount.get(count) ?? new Map<number, Occurrence[]>();
      byCount.set(count, ends);
      const chain = [...(ends.get(page - 1) ?? []), { block: i, start: m.index, end: m.index + m[0].length, page, count }];
      if ((ends.get(page)?.length ?? 0) < chain.length) ends.set(page, chain);
      if (!best || chain.length > best.length) best = chain;
    }
  });
  return best !== null && (best as Occurrence[]).length >= MIN_FOLIOS ? best : null;
}

/**
 * The running text beside the folios: word by word outward from the folio, the word (numbers aside) that more than
 * half of the occurrences share, while they do. Each context lists its words nearest first.
 */
function sharedContext(contexts: string[][]): string[] {
  const shared: string[] = [];
  let agreeing = contexts;
  for (let d = 0; d < MAX_CONTEXT_WORDS; d++) {
    const counts = new Map<string, number>();
    for (const c of agreeing) if (c[d] !== undefined) counts.set(key(c[d]!), (counts.get(key(c[d]!)) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (!top || top[1] * 2 <= contexts.length) break;
    shared.push(top[0]);
    agreeing = agreeing.filter((c) => c[d] !== undefined && key(c[d]!) === top[0]);
  }
  return shared;
}

/** How many of `words` (nearest first) are the shared running text: its words in order, with the stray capital
 *  letters a vertical watermark interleaves (`Québec 1 R P R P-9 /`) taken with them. Reads `words` only as far as
 *  it needs (they may be produced lazily). */
function matched(words: Iterable<string>, shared: string[]): number {
  let taken = 0;
  let i = 0;
  let n = 0;
  for (const word of words) {
    if (n >= shared.length) break;
    if (key(word) === shared[n]) {
      n++;
      taken = i + 1;
    } else if (!/^\p{Lu}$/u.test(word)) break;
    i++;
  }
  return taken;
}

/**
 * The words of `text` from `from` on (runs of characters other than a space), each with where it starts, produced
 * one at a time: a block holding thousands of folios is never split whole once per folio.
 */
function* wordsFrom(text: string, from: number): Generator<{ word: string; start: number }> {
  let i = from;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const space = text.indexOf(' ', i);
    const end = space < 0 ? text.length : space;
    yield { word: text.slice(i, end), start: i };
    i = end;
  }
}

/** The words of `text` before `end`, nearest first, produced one at a time (see wordsFrom). */
function* wordsBefore(text: string, end: number): Generator<string> {
  let i = end;
  while (i > 0) {
    if (text[i - 1] === ' ') {
      i--;
      continue;
    }
    const space = text.lastIndexOf(' ', i - 1);
    yield text.slice(space + 1, i);
    i = space;
  }
}

/** The first `count` items of `items`. */
function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  if (count <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= count) break;
  }
  return out;
}

/** Where the text after a folio resumes once the running text `shared` after it is taken out: the start of the first
 *  word left, or the end of `text`. */
function afterRunningText(text: string, from: number, shared: string[]): number {
  // `matched` reads one word past the running text when there is one (to see it does not match): its start is kept.
  const read: { word: string; start: number }[] = [];
  const taken = matched(
    (function* () {
      for (const w of wordsFrom(text, from)) {
        read.push(w);
        yield w.word;
      }
    })(),
    shared,
  );
  return read[taken]?.start ?? text.length;
}

function letters(text: string): number {
  return text.replace(/[^\p{L}]/gu, '').length;
}

/**
 * Gives blocks their printed page from the folios of running headers or footers, when the format has no pages (no
 * block has one): the longest sequence of folios numbered one after the other with the same page count (see
 * folioSequence). Each folio and the running text that more than half of them share on either side (`À jour au …
 * © Éditeur … P-9 /` before it, the title after it) is taken out of the text; a block a folio falls in is cut there
 * (the part after it continues the paragraph: never a heading or a list item). Footers or headers: as footers, the
 * text before each folio is its page (the last one closes the document); as headers, the text after it (the first
 * one opens page 1, or follows a page without one). The reading that leaves fewer letters outside the numbered pages
 * is chosen; when they leave as many (none), nothing changes: no page is better than a wrong one. Nor when the text
 * is longer than the pages the folios count could hold (see MAX_CHARS_PER_PAGE).
 * @returns new blocks with `page` set (null outside the numbered pages); the blocks unchanged when no sequence is found
 */
export function paginateByFolios(blocks: Block[]): Block[] {
  if (blocks.some((b) => b.page !== null)) return blocks;
  const sequence = folioSequence(blocks);
  if (!sequence) return blocks;
  if (blocks.reduce((chars, b) => chars + b.text.length, 0) > sequence[0]!.count * MAX_CHARS_PER_PAGE) return blocks;
  // Only the words nearest each folio can be running text (sharedContext reads MAX_CONTEXT_WORDS of them).
  const before = sharedContext(sequence.map((o) => take(wordsBefore(blocks[o.block]!.text, o.start), MAX_CONTEXT_WORDS)));
  const after = sharedContext(sequence.map((o) => take(wordsFrom(blocks[o.block]!.text, o.end), MAX_CONTEXT_WORDS).map((w) => w.word)));
  const foliosOf = new Map<number, typeof sequence>();
  for (const o of sequence) {
    const held = foliosOf.get(o.block);
    if (held) held.push(o);
    else foliosOf.set(o.block, [o]);
  }

  // Each block as segments between the folios it holds, with the number of folios read before each segment.
  const segments: { block: Block; text: string; folios: number; continued: boolean }[] = [];
  let seen = 0;
  blocks.forEach((b, i) => {
    const here = foliosOf.get(i) ?? [];
    if (here.length === 0) {
      segments.push({ block: b, text: b.text, folios: seen, continued: false });
      return;
    }
    // Where the text not yet given to a segment starts (the text is read by position, never copied per folio).
    let offset = 0;
    let continued = false;
    for (const o of here) {
      // A folio inside the running text already taken out with the previous one still ends a page.
      if (o.start < offset) {
        seen++;
        continue;
      }
      const head = b.text.slice(offset, o.start).split(' ').filter(Boolean);
      const kept = head.slice(0, head.length - matched([...head].reverse(), before));
      segments.push({ block: b, text: kept.join(' '), folios: seen, continued });
      seen++;
      offset = afterRunningText(b.text, o.end, after);
      continued = true;
    }
    segments.push({ block: b, text: b.text.slice(offset).split(' ').filter(Boolean).join(' '), folios: seen, continued });
  });

  const first = sequence[0]!;
  const last = sequence[sequence.length - 1]!;
  const count = first.count;
  const lettersOutside = (folios: number): number => segments.filter((s) => s.folios === folios).reduce((n, s) => n + letters(s.text), 0);
  // Letters each reading leaves outside the numbered pages: after the last footer when it numbers the last page,
  // before the first header when it numbers page 1.
  const outsideAsFooters = last.page < count ? 0 : lettersOutside(sequence.length);
  const outsideAsHeaders = first.page > 1 ? 0 : lettersOutside(0);
  if (outsideAsFooters === outsideAsHeaders) return blocks;
  const footerFits = outsideAsFooters < outsideAsHeaders;
  const pageOf = (folios: number): number | null => {
    const page = footerFits ? (sequence[folios]?.page ?? last.page + 1) : (sequence[folios - 1]?.page ?? first.page - 1);
    return page >= 1 && page <= count ? page : null;
  };
  return segments
    .filter((s) => s.text !== '')
    .map((s) => {
      const out: Block = { ...s.block, text: s.text, page: pageOf(s.folios) };
      if (s.continued) {
        delete out.headingLevel;
        delete out.listItem;
      }
      return out;
    });
}

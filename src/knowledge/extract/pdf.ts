import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAdmonitionLabel } from '../admonitions.js';
import type { ExtractedDocument, ExtractedPage, SourceLine } from '../types.js';
import { ExtractionError, firstLineOf } from './errors.js';
import { MAX_PDF_PAGES } from './pdf-limits.js';
import { isPlaceholderTitle } from './placeholder-title.js';

/** A positioned run of text, in PDF user-space units (points; y grows upwards). */
interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** A visual line: runs sharing a baseline, left to right. */
interface Line {
  runs: Run[];
  y: number;
  fontSize: number;
}

/** Runs whose baselines differ by at most this fraction of the larger font size share a line (superscripts included). */
const SAME_LINE_FONT_RATIO = 0.45;
/** A gap wider than this fraction of the font size between two runs is a word space the PDF did not encode. */
const WORD_GAP_FONT_RATIO = 0.15;
/** A line is a heading when its font is at least this many times the page's body font. */
const HEADING_FONT_RATIO = 1.15;
/** Lines longer than this are body text set large (a pull quote, a cover), not headings. */
const MAX_HEADING_CHARS = 200;
/** A vertical gap larger than this multiple of the usual line pitch separates paragraphs. */
const PARAGRAPH_GAP_PITCH_RATIO = 1.5;
/** Pages with fewer characters than this have too little text to tell their body font; the document's is used. */
const MIN_CHARS_FOR_PAGE_BODY_FONT = 200;
/** Words that label a division, as printed or in capitals (`CHAPITRE`, as LaTeX classes and Sphinx set it). */
const DIVISION_WORDS = ['Chapitre', 'Chapter', 'Partie', 'Part', 'Annexe', 'Appendix', 'Livre', 'Book', 'Titre', 'Section'];
/** A division label set on its own line above its title (`Chapitre 3`, `CHAPITRE 3`, `Annexe B`, `Part II`). */
const DIVISION_LABEL = new RegExp(
  `^(?:${DIVISION_WORDS.flatMap((word) => [word, word.toUpperCase()]).join('|')})\\s+(?:\\d{1,3}|[IVXLC]{1,6}|[A-Z])$`,
  'u',
);
/**
 * A division label's word as a title writes it: `CHAPITRE 2` → `Chapitre 2` (LaTeX and Sphinx set the label in
 * capitals, the title after it not), its number as printed (`PART IV` → `Part IV`). Section paths then read
 * `Chapitre 2 — Candidater…`, not `CHAPITRE 2 — Candidater…`.
 */
function labelCase(label: string): string {
  return label.replace(/^(\p{Lu})(\p{Lu}+)(?=\s)/u, (_, first: string, rest: string) => first + rest.toLowerCase());
}
/** A line opening a part of the document (`2.1 Portée`, `3 Contexte`, `CHAPITRE 3`): a heading of its own, never the
 *  next line of the heading above it. */
const OPENS_PART = new RegExp(
  `^(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s+\\p{Lu}|(?:${DIVISION_WORDS.flatMap((word) => [word, word.toUpperCase()]).join('|')})\\s+(?:\\d{1,3}|[IVXLC]{1,6}|[A-Z])(?![\\p{L}\\p{N}]))`,
  'u',
);
/** Font sizes are compared after rounding to this step (points), so 11.98 and 12 rank as one size. */
const FONT_SIZE_STEP_PT = 0.5;

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PDFJS_ASSETS = {
  standardFontDataUrl: pathToFileURL(path.join(pdfjsRoot, 'standard_fonts') + path.sep).href,
  cMapUrl: pathToFileURL(path.join(pdfjsRoot, 'cmaps') + path.sep).href,
};

/**
 * Extracts a PDF with pdfjs-dist (legacy build, for Node). One `ExtractedPage` per physical page, `pageNumber`
 * 1-based. Lines are rebuilt from positioned text runs: runs consecutive in the content stream and on the same
 * baseline form a line (content order follows columns in typeset documents, where a purely geometric sort would
 * interleave them), ordered left to right, with a space inserted where a visible gap separates two runs.
 * A line set clearly larger than its page's body font (the median size over characters) is a heading, unless it is
 * an admonition label (`Avertissement`, `Note`: see isAdmonitionLabel); levels rank the distinct heading sizes
 * across the document, largest = 1. A division label on its own line (`Chapitre 3`) is joined to the heading line
 * that follows it (`Chapitre 3 — Réseau`), and a heading's next line, set in its size without a paragraph gap in
 * that size between them, to the heading (see wrapsHeading). A line in the body font set apart by paragraph gaps and opening with a
 * multi-level number (`2.3 Portée`) is a heading too, ranked below the size-ranked ones by its number's depth.
 * An empty line marks a vertical gap between paragraphs. Accents a TeX font without accented letters set as glyphs
 * of their own (`mat´eriel`, `fa¸con`) are put back on their letters (see composeSpacingAccents). A page's first or
 * last line that repeats a heading of another line with a page number before or after it (`1.2. Portée 3`,
 * `4 Chapitre 1. Contexte`), or that sets two headings side by side, is a running heading, left out (see
 * withoutRunningHeadings). Text is otherwise raw
 * (hyphenation, running headers, footnote numbers are left for cleaning).
 * The title comes from the PDF's document information, if set to a title (see isPlaceholderTitle).
 * @throws ExtractionError for a file that is not a PDF, is corrupt or password-protected, has more than MAX_PDF_PAGES
 *   pages (`too_many_pages`: checked before any page is read), or has no text layer
 */
export async function extractPdf(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  // Loaded on first use: pdfjs is large and most ingests are not PDFs.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    ...PDFJS_ASSETS,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      const passwordProtected = error instanceof Error && error.name === 'PasswordException';
      throw new ExtractionError(file, describeOpenError(error), { cause: error, ...(passwordProtected ? { problem: 'password_protected' as const } : {}) });
    });
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new ExtractionError(file, `the PDF has ${pdf.numPages} pages, more than the ${MAX_PDF_PAGES} that are read`, { problem: 'too_many_pages' });
    }
    const pagesRuns: Run[][] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      pagesRuns.push(content.items.flatMap((item) => ('str' in item && item.str !== '' ? [toRun(item)] : [])));
      page.cleanup();
    }
    if (!pagesRuns.some((runs) => runs.some((run) => run.text.trim() !== ''))) {
      throw new ExtractionError(file, 'the PDF has no text layer (a scanned document needs OCR first)', { problem: 'no_text_layer' });
    }
    const metadata = await pdf.getMetadata().catch(() => null);
    const info = metadata?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && !isPlaceholderTitle(info.Title) ? info.Title.trim() : '';
    return { format: 'pdf', pages: withoutRunningHeadings(composeSpacingAccents(buildPages(pagesRuns))), ...(title ? { title } : {}) };
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError(file, `unreadable PDF content (${firstLineOf(error)})`, { cause: error });
  } finally {
    await task.destroy();
  }
}

function toRun(item: { str: string; transform: number[]; width: number; height: number }): Run {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  // The vertical scale of the text matrix is the font size, whatever the rotation; item.height is 0 for some fonts.
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
  return { text: item.str, x, y, width: item.width, fontSize };
}

function buildPages(pagesRuns: Run[][]): ExtractedPage[] {
  const pagesLines = pagesRuns.map(groupLines);
  const documentBody = medianFontSize(pagesRuns.flat());
  const bodyFonts = pagesRuns.map((runs) =>
    charCount(runs) >= MIN_CHARS_FOR_PAGE_BODY_FONT ? medianFontSize(runs) : documentBody,
  );
  const isHeading = (line: Line, body: number): boolean => {
    const text = lineText(line);
    return line.fontSize >= body * HEADING_FONT_RATIO && text.length <= MAX_HEADING_CHARS && /\p{L}/u.test(text) && !isAdmonitionLabel(text);
  };
  const headingSizes = [
    ...new Set(
      pagesLines.flatMap((lines, i) => lines.filter((l) => isHeading(l, bodyFonts[i] ?? documentBody)).map((l) => roundSize(l.fontSize))),
    ),
  ].sort((x, y) => y - x);

  return pagesLines.map((lines, i) => {
    const body = bodyFonts[i] ?? documentBody;
    const pitch = typicalPitch(lines, body);
    const out: SourceLine[] = [];
    let divisionLabel: string | null = null;
    /** Whether a paragraph gap (or the page's edge) separates line j from the line above it. */
    const gapAbove = (j: number): boolean => {
      const [above, below] = [lines[j - 1], lines[j]];
      return !above || !below || above.y - below.y > pitch * PARAGRAPH_GAP_PITCH_RATIO;
    };
    lines.forEach((line, j) => {
      const previous = lines[j - 1];
      const text = lineText(line);
      const last = out.at(-1);
      const wraps =
        divisionLabel === null && last?.headingLevel !== undefined && previous !== undefined && !OPENS_PART.test(text) && wrapsHeading(previous, line, body, pitch);
      if (last && wraps && isHeading(previous, body) && isHeading(line, body)) {
        // The next line of a heading too long for one (`2.5 Pourquoi le registre fictif contient-` over `il des nuages …`):
        // one heading, as it was one before the margin cut it.
        last.text = `${last.text} ${text}`;
        return;
      }
      if (previous && out.length > 0 && previous.y - line.y > pitch * PARAGRAPH_GAP_PITCH_RATIO) out.push({ text: '' });
      const next = lines[j + 1];
      if (isHeading(line, body) && DIVISION_LABEL.test(text) && next && isHeading(next, body)) {
        // `Chapitre 3` above `Réseau`: one heading, `Chapitre 3 — Réseau`, at the title's level (below).
        divisionLabel = text;
        return;
      }
      if (isHeading(line, body)) {
        const title = divisionLabel ? `${labelCase(divisionLabel)} — ${text}` : text;
        divisionLabel = null;
        out.push({ text: title, headingLevel: Math.min(6, headingSizes.indexOf(roundSize(line.fontSize)) + 1) });
      } else if (isNumberedHeading(text, gapAbove(j), gapAbove(j + 1))) {
        // Below the sizes that rank as headings: a `1.2` heading set in the body font is a subsection.
        out.push({ text, headingLevel: Math.min(6, headingSizes.length + numberingDepth(text) - 1) });
      } else {
        out.push({ text });
      }
    });
    return { pageNumber: i + 1, lines: out };
  });
}

/**
 * True when `below` goes on the heading line `above`: set in the same size, closer under it than a paragraph gap
 * measured in that size (a heading's lines are spaced for its own size: in the body's pitch, every line of a large
 * heading looks set apart).
 */
function wrapsHeading(above: Line, below: Line, body: number, pitch: number): boolean {
  return roundSize(above.fontSize) === roundSize(below.fontSize) && above.y - below.y <= pitch * PARAGRAPH_GAP_PITCH_RATIO * (below.fontSize / body);
}

/** Spacing accents (acute, circumflex, diaeresis, tilde, cedilla) and the combining marks they stand for. */
const SPACING_ACCENTS: Readonly<Record<string, string>> = { '´': '\u0301', 'ˆ': '\u0302', '¨': '\u0308', '˜': '\u0303', '¸': '\u0327' };
/** A spacing accent before the letter it goes with (group 1: the accent, group 2: the letter; `ı` is a dotless i). */
const ACCENT_BEFORE_LETTER = /([´ˆ¨˜¸`])(\p{L})/gu;
/**
 * An acute accent typed for an apostrophe: after an elided word (`l´article`, `qu´il`, `jusqu´au`) or before an
 * English contraction's ending (`it´s`, `don´t`). A TeX font draws `´` over the letter after it, in a word.
 */
const ACUTE_APOSTROPHE = /(?<!\p{L})(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)´(?=\p{L})|(?<=\p{L})´(?:s|t|m|d|ll|re|ve)(?!\p{L})/giu;
const LETTER = /\p{L}/u;

/**
 * Puts accents back on their letters where a TeX font without accented letters (OT1, the default of LaTeX without
 * `fontenc`) drew them as glyphs of their own: the extraction gives `mat´eriel`, ``a`, `boˆıte`, `fa¸con`, and no
 * French word is found. An accent is joined to the letter after it when they make one letter, in a document where
 * some accent so found is not an acute accent typed for an apostrophe (see ACUTE_APOSTROPHE: `l´article` stays).
 * The grave accent, also a backquote in code, is found so only in such a document, and only inside a word (`o`u`)
 * or over a letter that is a word (``a`): ``echo`` stays. The tilde, which a PDF font also gives for the `~` of a
 * web address (`/˜usager`), only inside a word (`Pe˜na`).
 */
function composeSpacingAccents(pages: ExtractedPage[]): ExtractedPage[] {
  const compose = (text: string, withGrave: boolean): string =>
    text.replace(ACCENT_BEFORE_LETTER, (pair, accent: string, letter: string, at: number) => {
      const afterLetter = LETTER.test(text[at - 1] ?? '');
      const mark =
        accent === '`'
          ? withGrave && (afterLetter || !LETTER.test(text[at + pair.length] ?? '')) ? '\u0300' : undefined
          : accent === '˜' && !afterLetter ? undefined : SPACING_ACCENTS[accent];
      const composed = mark ? `${letter === 'ı' ? 'i' : letter}${mark}`.normalize('NFC') : pair;
      return composed.length === 1 ? composed : pair;
    });
  const typeset = pages.some((page) =>
    page.lines.some((line) => {
      const accents = line.text.replace(ACUTE_APOSTROPHE, (apostrophe) => apostrophe.replace('´', "'"));
      return compose(accents, false) !== accents;
    }),
  );
  if (!typeset) return pages;
  return pages.map((page) => ({ ...page, lines: page.lines.map((line) => ({ ...line, text: compose(line.text, true) })) }));
}

/** A running heading's page number beside it: one number, the rest of the line being a heading. */
const FOLIO_WORD = /^\d{1,4}$/u;
/** Fewest pages whose first or last line gives a heading beside one same text (the document's or the chapter's
 *  title) for that text to be a running title: fewer could be a heading's words a sentence happens to start with. */
const MIN_RUNNING_TITLE_PAGES = 3;
/** Longest first or last line of a page read as a running heading, in words. */
const MAX_RUNNING_HEADING_WORDS = 30;
/** A word ending with an ellipsis (`CE …`, `LES...`): where a running heading too long for its half of the line was cut. */
const ELLIPSIS_END = /(?:…|\.\.\.)$/u;

/** A heading's words for comparison: case, punctuation and the dots of its numbering (`1.2.` and `1.2`) aside. */
function headingKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Leaves out running headings: a book-like layout repeats the current chapter or section at the top or bottom of
 * each page, with its page number (`1.2. Portée 3`, `4 Chapitre 1. Contexte`) or with the document's title
 * (`1.2. Portée Guide fictif`, as Sphinx and LaTeX classes set them, the page number in the footer). Each page's
 * text differs, so cleaning's repetition finds no running header, and a numbered one reads as a heading: it then
 * cut sentences that run across pages into two sections. A first or last line of a page is a running heading when
 * it is the text of a heading on another line of the document that it does not outrank, with before or after it a
 * page number, or a text that at least MIN_RUNNING_TITLE_PAGES pages' first or last lines give beside a heading; or
 * when it sets two headings side by side, either cut with an ellipsis where its half of the line ends (DBLaTeX's
 * `CHAPITRE 7. LES NUAGES DU … 7.3. POURQUOI LES …`, the folio in the footer): left in, its `CHAPITRE 7` opened
 * a statute's division and its `7.3.` an article, and the document was cut into `Article 7.3`, `Article 7.5`….
 */
function withoutRunningHeadings(pages: ExtractedPage[]): ExtractedPage[] {
  const headings = new Map<string, SourceLine[]>();
  for (const page of pages) {
    for (const line of page.lines) {
      if (line.headingLevel === undefined) continue;
      const key = headingKey(line.text);
      const same = headings.get(key);
      if (same) same.push(line);
      else headings.set(key, [line]);
    }
  }
  // A running heading is set no larger than the heading it repeats: a chapter's heading opening a page (`2 Objectifs`)
  // is not the running heading of a subsection of the same name (`Objectifs`).
  const repeatsHeading = (key: string, line: SourceLine): boolean => {
    const level = line.headingLevel ?? Infinity;
    return (headings.get(key) ?? []).some((heading) => heading !== line && level >= heading.headingLevel!);
  };
  /** What a line gives beside a heading it repeats (its words before or after the heading's), for each such heading. */
  const besideHeadings = (line: SourceLine): string[] => {
    const words = headingKey(line.text).split(' ');
    if (words.length > MAX_RUNNING_HEADING_WORDS) return [];
    const rests: string[] = [];
    for (let k = 1; k < words.length; k++) {
      if (repeatsHeading(words.slice(0, k).join(' '), line)) rests.push(words.slice(k).join(' '));
      if (repeatsHeading(words.slice(k).join(' '), line)) rests.push(words.slice(0, k).join(' '));
    }
    return rests;
  };
  // Each opening of a heading's words (two words or more, short of the whole heading) with the highest rank a heading
  // opening so has: what a running heading cut with an ellipsis (`1.3. COMMENT COMPTER LES NUAGES DU …`) gives.
  const openings = new Map<string, number>();
  for (const [key, lines] of headings) {
    const words = key.split(' ');
    const level = Math.min(...lines.map((l) => l.headingLevel!));
    for (let k = 2; k < words.length; k++) {
      const opening = words.slice(0, k).join(' ');
      openings.set(opening, Math.min(level, openings.get(opening) ?? Infinity));
    }
  }
  /** True when `tokens` (a part of `line`) give a heading it does not outrank, or its opening cut with an ellipsis. */
  const namesHeading = (tokens: string[], line: SourceLine): boolean => {
    const key = headingKey(tokens.join(' '));
    if (key === '') return false;
    if (repeatsHeading(key, line)) return true;
    const level = ELLIPSIS_END.test(tokens.at(-1)!) ? openings.get(key) : undefined;
    return level !== undefined && (line.headingLevel ?? Infinity) >= level;
  };
  /** True for a line that sets two headings side by side (the chapter's, then the section's: `CHAPITRE 1. CONTEXTE
   *  1.3. PORTÉE DES …`), each whole or cut with an ellipsis; no sentence reads so. */
  const pairsHeadings = (line: SourceLine): boolean => {
    const tokens = line.text.split(/\s+/).filter(Boolean);
    if (tokens.length > MAX_RUNNING_HEADING_WORDS) return false;
    for (let k = 1; k < tokens.length; k++) if (namesHeading(tokens.slice(0, k), line) && namesHeading(tokens.slice(k), line)) return true;
    return false;
  };
  const edgesOf = pages.map((page) => {
    const filled = page.lines.flatMap((line, j) => (line.text === '' ? [] : [j]));
    return [...new Set([filled[0], filled.at(-1)].filter((j): j is number => j !== undefined))].map((j) => ({
      j,
      rests: besideHeadings(page.lines[j]!),
      paired: pairsHeadings(page.lines[j]!),
    }));
  });
  // The pages whose edge lines give each text beside a heading: the running title's pages.
  const pagesBeside = new Map<string, Set<number>>();
  edgesOf.forEach((edges, i) => {
    for (const rest of new Set(edges.flatMap((e) => e.rests))) {
      const seen = pagesBeside.get(rest);
      if (seen) seen.add(i);
      else pagesBeside.set(rest, new Set([i]));
    }
  });
  const isRunning = (rest: string): boolean => FOLIO_WORD.test(rest) || (pagesBeside.get(rest)?.size ?? 0) >= MIN_RUNNING_TITLE_PAGES;
  return pages.map((page, i) => {
    const edges = new Set(edgesOf[i]!.filter((e) => e.paired || e.rests.some(isRunning)).map((e) => e.j));
    if (edges.size === 0) return page;
    const lines = page.lines.filter((_, j) => !edges.has(j));
    // The paragraph gap that separated the running heading from the text goes with it.
    while (lines[0]?.text === '') lines.shift();
    while (lines.at(-1)?.text === '') lines.pop();
    return { ...page, lines };
  });
}

/** `2.3 Titre`, `4.1.2. Titre`: a multi-level section number, then a capitalised title (group 1: the number). */
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+\p{Lu}/u;
/** Longest numbered heading set in the body font, in words; a longer line is a numbered paragraph. */
const MAX_NUMBERED_HEADING_WORDS = 12;

/**
 * A line in the body font that is a numbered heading: a multi-level number (`1.2`, not `1.`, which numbers list
 * items too), a short title not ending like a sentence, and a paragraph gap above and below it.
 */
function isNumberedHeading(text: string, gapBefore: boolean, gapAfter: boolean): boolean {
  return gapBefore && gapAfter && NUMBERED_HEADING.test(text) && text.split(' ').length <= MAX_NUMBERED_HEADING_WORDS && !/[.;:,]$/.test(text);
}

/** How many levels a section number has: `2.3` → 2, `4.1.2` → 3. */
function numberingDepth(text: string): number {
  return (NUMBERED_HEADING.exec(text)?.[1] ?? '').split('.').length;
}

function groupLines(runs: Run[]): Line[] {
  const lines: Line[] = [];
  for (const run of runs) {
    const current = lines.at(-1);
    const tolerance = SAME_LINE_FONT_RATIO * Math.max(run.fontSize, current?.fontSize ?? 0);
    if (current && Math.abs(current.y - run.y) <= tolerance) {
      current.runs.push(run);
    } else {
      lines.push({ runs: [run], y: run.y, fontSize: run.fontSize });
    }
  }
  for (const line of lines) {
    line.runs.sort((p, q) => p.x - q.x);
    line.fontSize = dominantFontSize(line.runs);
    // The baseline of the dominant font: a superscript that opened the line must not shift it.
    line.y = line.runs.find((r) => r.fontSize === line.fontSize)?.y ?? line.y;
  }
  return lines.filter((line) => lineText(line) !== '');
}

function lineText(line: Line): string {
  let text = '';
  let previous: Run | undefined;
  for (const run of line.runs) {
    if (previous) {
      const gap = run.x - (previous.x + previous.width);
      const spaced = /\s$/.test(text) || /^\s/.test(run.text);
      if (!spaced && gap > WORD_GAP_FONT_RATIO * Math.min(run.fontSize, previous.fontSize)) text += ' ';
    }
    text += run.text;
    previous = run;
  }
  return text.trim();
}

/** The font size carrying most characters of the line. */
function dominantFontSize(runs: Run[]): number {
  const chars = new Map<number, number>();
  for (const run of runs) chars.set(run.fontSize, (chars.get(run.fontSize) ?? 0) + run.text.length);
  return [...chars].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 0;
}

/** Median font size weighted by characters, so a page's many body characters outweigh its few heading runs. */
function medianFontSize(runs: Run[]): number {
  const sized = runs.filter((r) => r.text.trim() !== '').sort((p, q) => p.fontSize - q.fontSize);
  const half = charCount(sized) / 2;
  let seen = 0;
  for (const run of sized) {
    seen += run.text.length;
    if (seen >= half) return run.fontSize;
  }
  return 0;
}

/** Share of the steps between body lines that the line pitch must make up (see typicalPitch). */
const MIN_PITCH_SHARE = 0.25;

/**
 * The page's line pitch: the smallest downward step between consecutive lines of body size (rounded to
 * FONT_SIZE_STEP_PT) that makes up at least MIN_PITCH_SHARE of those steps, else their median; the body font size
 * itself when unknown. Not simply the median: on a page of short paragraphs (one or two lines under numbered
 * headings), gaps outnumber the steps inside paragraphs, the median was a paragraph gap, and neither the gaps nor
 * the headings set apart by them were seen.
 */
function typicalPitch(lines: Line[], body: number): number {
  const steps: number[] = [];
  for (let j = 1; j < lines.length; j++) {
    const [above, below] = [lines[j - 1], lines[j]];
    if (!above || !below) continue;
    const step = above.y - below.y;
    if (step > 0 && step < body * 3 && Math.abs(below.fontSize - body) < FONT_SIZE_STEP_PT) steps.push(step);
  }
  steps.sort((p, q) => p - q);
  const counts = new Map<number, number>();
  for (const step of steps) counts.set(roundSize(step), (counts.get(roundSize(step)) ?? 0) + 1);
  const recurring = [...counts].filter(([, n]) => n >= steps.length * MIN_PITCH_SHARE).map(([step]) => step);
  return recurring.length > 0 ? Math.min(...recurring) : (steps[Math.floor((steps.length - 1) / 2)] ?? body * 1.2);
}

function charCount(runs: Run[]): number {
  return runs.reduce((n, r) => n + r.text.length, 0);
}

function roundSize(size: number): number {
  return Math.round(size / FONT_SIZE_STEP_PT) * FONT_SIZE_STEP_PT;
}

function describeOpenError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'the PDF is password-protected';
  if (name === 'InvalidPDFException') return 'not a valid PDF file';
  return `not a readable PDF file (${firstLineOf(error)})`;
}

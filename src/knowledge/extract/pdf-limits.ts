/**
 * The page limit of a PDF, apart from the extractor so that the messages naming it (bot and CLI) do not load pdfjs
 * with it (see docx-limits.ts).
 */

/**
 * Most pages a PDF may have to be read: 5 000. pdfjs reads each page in turn, even an empty one, and its cost per
 * page grows with the page count: a 5 MB PDF of 20 000 empty pages took over four minutes of a core, and 50 MiB
 * (the download limit) can hold ten times as many. An official document has a few hundred pages.
 */
export const MAX_PDF_PAGES = 5_000;

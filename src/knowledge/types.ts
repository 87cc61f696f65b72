/**
 * Shapes shared by the knowledge pipeline (extract → clean → sections → passages → store).
 * Nothing here depends on Teams, HTTP or a storage engine.
 */

/** A line of extracted text. `headingLevel` (1 = top) is set when the source format marks the line as a heading
 *  (Markdown `#`, DOCX/HTML `<h1..h6>`, a PDF line set in a larger font). It is a hint: extractions mislabel. */
export interface SourceLine {
  text: string;
  headingLevel?: number;
  /** Set on a table row read with its headers (HTML, Markdown, DOCX tables): a paragraph that is never split. */
  tableRow?: boolean;
  /**
   * Set on the first line of an item of an ordered list (HTML, Markdown, DOCX), whose number stays in its text
   * (`2. Ouvrir…`): cleaning tells a bulleted item by its bullet, but a numbered one reads like a statute's article
   * or a footnote, and was taken for one.
   */
  listItem?: boolean;
  /**
   * Set on a heading that the extractor repeats so that the text after an accordion or a titled box goes back under
   * it (see extractHtmlString): not the document's own repetition, so never taken for a running header (a numbered
   * heading repeated after three boxes was, and was cut out).
   */
  resumed?: boolean;
}

/** One page of an extracted document. `pageNumber` is the printed/physical page (1-based for PDF) or null when the
 *  format has no pages (HTML, Markdown, plain text, DOCX); cleaning may infer page numbers from running headers. */
export interface ExtractedPage {
  pageNumber: number | null;
  lines: SourceLine[];
}

/** Supported source formats, chosen by file extension. */
export type SourceFormat = 'pdf' | 'docx' | 'html' | 'markdown' | 'text';

/** What an extractor returns: the document's text, page by page, before any cleaning. */
export interface ExtractedDocument {
  format: SourceFormat;
  pages: ExtractedPage[];
  /** Title found in the file's own metadata (PDF info, HTML `<title>`, first DOCX heading), if any. */
  title?: string;
}

/** Inclusive range of printed page numbers; null when unknown. */
export interface PageRange {
  from: number;
  to: number;
}

/** A section of a document as a reader sees it, e.g. `["Principe 7 — Transparence", "Illustration"]`. */
export interface Section {
  /** Deterministic, URL-safe id, e.g. `principe-7`, `principe-7/illustration`. Stable across re-ingestion. */
  id: string;
  /** Human titles from the top level down to this section. */
  path: string[];
}

/**
 * A passage: a section-bounded chunk of a few sentences to a few paragraphs, never cut mid-sentence.
 * `text` is the cleaned text exactly as quoted to users (verbatim: quotes are substrings of it).
 */
export interface Passage {
  /** Deterministic id: `${docId}@${versionLabel}#${section.id}:${ordinal}`. */
  id: string;
  docId: string;
  versionLabel: string;
  section: Section;
  /** 0-based position of the passage in the document (reading order). */
  ordinal: number;
  pages: PageRange | null;
  text: string;
}

/** Metadata of one version of an official document. Dates are ISO `YYYY-MM-DD`. */
export interface DocumentVersionInfo {
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  url: string | null;
  /** SHA-256 (hex) of the source file's bytes. */
  sourceSha256: string;
  ingestedAt: string;
  ingestedBy: string;
}

/** A passage together with the metadata of the document version it belongs to: what retrieval and citation need. */
export interface PassageRecord extends Passage {
  title: string;
  publishedOn: string | null;
  url: string | null;
}

import { cleanDocument, removeStrayItemMarks, removeStrayPunctuation, toBlocks, type Block } from './clean.js';
import { removeFurniture } from './furniture.js';
import { normaliseText } from './normalise.js';
import { buildSectionPassages, relabelPassages } from './passages.js';
import { detectSections, detectTitle } from './sections.js';
import type { ExtractedDocument, Passage, Section } from './types.js';

/** Options identifying the document version being built. */
export interface BuildOptions {
  docId: string;
  versionLabel: string;
  /** Title given by the governance team; overrides the detected one. */
  title?: string;
}

/**
 * What cleaning left out, for an admin to check before publishing: physical pages (1-based) where extraction found no
 * text (a scan, an image), how many blocks were removed as furniture (running headers and footers, folios,
 * footnote markers, table of contents, signatures), and headings marked by the source format that title no
 * section with passages (their text was removed or merged).
 */
export interface BuildReport {
  pagesWithoutText: number[];
  furnitureRemoved: number;
  headingsWithoutPassages: string[];
}

/** What the pipeline makes of an extracted document. */
export interface BuiltDocument {
  title: string;
  sections: Section[];
  passages: Passage[];
  report: BuildReport;
}

/**
 * Runs the named steps clean → furniture → sections → stray punctuation out → passages on an extracted document. Pure and deterministic:
 * the same input gives the same passages and ids. Title: the one given, else the format's metadata (normalised as
 * text is: see normaliseText), else the first long heading, else the document id. `sections` lists the sections that have passages, in reading order.
 */
export function buildPassages(doc: ExtractedDocument, opts: BuildOptions): BuiltDocument {
  const raw = toBlocks(doc);
  const blocks = removeFurniture(cleanDocument(doc));
  // The format's own title is read as a line of text is: a <title> or a PDF's Title entry holding bidirectional
  // overrides or zero-width characters showed reversed or split in every citation, where its passages had them out.
  const found = doc.title === undefined ? undefined : normaliseText(doc.title) || undefined;
  const title = opts.title ?? found ?? detectTitle(blocks, raw) ?? opts.docId;
  const sectioned = detectSections(blocks, title).map((s) => ({ ...s, blocks: removeStrayPunctuation(removeStrayItemMarks(s.blocks)) }));
  const passages = buildSectionPassages(sectioned, opts.docId, opts.versionLabel);
  const sections = [...new Map(passages.map((p) => [p.section.id, p.section])).values()];
  return { title, sections, passages, report: reportOf(doc, raw, blocks, sections, title) };
}

function reportOf(doc: ExtractedDocument, raw: Block[], kept: Block[], sections: Section[], title: string): BuildReport {
  // Only paged formats have pages to lose; a DOCX or HTML file without text fails earlier (no passage).
  const pagesWithoutText =
    doc.format !== 'pdf' ? [] : doc.pages.flatMap((page, i) => (page.lines.some((line) => line.text.trim() !== '') ? [] : [page.pageNumber ?? i + 1]));
  const titled = new Set(sections.flatMap((s) => s.path).map(comparable));
  titled.add(comparable(title));
  const headingsWithoutPassages = [
    ...new Set(raw.filter((b) => b.headingLevel !== undefined && !titled.has(comparable(b.text))).map((b) => b.text)),
  ];
  return { pagesWithoutText, furnitureRemoved: Math.max(0, raw.length - kept.length), headingsWithoutPassages };
}

/** A heading compared with a section title: case, accents and punctuation aside (sections re-case headings). */
function comparable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * `built` (made with `from`) as `buildPassages` would make it with `to`, without building again, when only the id or
 * label changed: the title is all that may depend on the id (its last fallback), so a build whose title is not
 * `from`'s id is relabelled; otherwise, or when the given titles differ, null (build again).
 */
export function rebuiltUnder(built: BuiltDocument, from: BuildOptions, to: BuildOptions): BuiltDocument | null {
  if (from.title !== to.title) return null;
  if (from.title === undefined && from.docId !== to.docId && built.title === from.docId) return null;
  return { ...built, passages: relabelPassages(built.passages, to.docId, to.versionLabel) };
}

import { cleanDocument } from './clean.js';
import { removeFurniture } from './furniture.js';
import { buildSectionPassages } from './passages.js';
import { detectSections, detectTitle } from './sections.js';
import type { ExtractedDocument, Passage, Section } from './types.js';

/** Options identifying the document version being built. */
export interface BuildOptions {
  docId: string;
  versionLabel: string;
  /** Title given by the governance team; overrides the detected one. */
  title?: string;
}

/** What the pipeline makes of an extracted document. */
export interface BuiltDocument {
  title: string;
  sections: Section[];
  passages: Passage[];
}

/**
 * Runs the named steps clean → furniture → sections → passages on an extracted document. Pure and deterministic:
 * the same input gives the same passages and ids. Title: the one given, else the format's metadata, else the first
 * long heading, else the document id. `sections` lists the sections that have passages, in reading order.
 */
export function buildPassages(doc: ExtractedDocument, opts: BuildOptions): BuiltDocument {
  const blocks = removeFurniture(cleanDocument(doc));
  const title = opts.title ?? doc.title ?? detectTitle(blocks) ?? opts.docId;
  const sectioned = detectSections(blocks, title);
  const passages = buildSectionPassages(sectioned, opts.docId, opts.versionLabel);
  const sections = [...new Map(passages.map((p) => [p.section.id, p.section])).values()];
  return { title, sections, passages };
}

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
 * Runs clean → sections → passages on an extracted document. Pure and deterministic.
 * PLACEHOLDER implementation (one passage per non-empty line) until the real steps land (issue #2).
 */
export function buildPassages(doc: ExtractedDocument, opts: BuildOptions): BuiltDocument {
  const section: Section = { id: 'document', path: [opts.title ?? opts.docId] };
  const passages: Passage[] = [];
  for (const page of doc.pages) {
    for (const line of page.lines) {
      const text = line.text.trim();
      if (!text) continue;
      const ordinal = passages.length;
      passages.push({
        id: `${opts.docId}@${opts.versionLabel}#${section.id}:${ordinal}`,
        docId: opts.docId,
        versionLabel: opts.versionLabel,
        section,
        ordinal,
        pages: page.pageNumber === null ? null : { from: page.pageNumber, to: page.pageNumber },
        text,
      });
    }
  }
  return { title: opts.title ?? doc.title ?? opts.docId, sections: [section], passages };
}

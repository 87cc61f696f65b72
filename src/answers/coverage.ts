import type { CoveredDocument } from './types.js';

/**
 * Headings shown per document when Balises abstains: enough to say what a document is about, few enough that the
 * list of every indexed document stays one short screen in Teams (with seven documents, listing every top-level
 * heading took two screens: a statute alone has a dozen divisions).
 */
export const MAX_LISTED_HEADINGS = 3;

/** The headings an abstention shows for a document, and how many it leaves out. */
export interface ListedHeadings {
  /** The first MAX_LISTED_HEADINGS top-level headings, in reading order. */
  listed: string[];
  /** How many other top-level headings the document has (0 when all are listed). */
  more: number;
}

/** The first {@link MAX_LISTED_HEADINGS} top-level headings of a covered document, and the count of the others. */
export function headingsToList(document: CoveredDocument): ListedHeadings {
  const listed = document.sections.slice(0, MAX_LISTED_HEADINGS);
  return { listed, more: document.sections.length - listed.length };
}

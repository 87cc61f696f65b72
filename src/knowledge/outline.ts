import type { PageRange, Passage } from './types.js';

/** One section in a document's table of contents, with what its subtree covers. */
export interface OutlineNode {
  title: string;
  /** Smallest range covering the pages of every passage in this section and its subsections; null if none known. */
  pages: PageRange | null;
  /** Passages in this section and its subsections. */
  passageCount: number;
  children: OutlineNode[];
}

/**
 * Builds a document's table of contents from its passages' section paths: one node per distinct path prefix, in
 * order of first appearance, so a section whose passages are not contiguous still appears once.
 * @param passages one document's passages, in reading order
 */
export function buildOutline(passages: ReadonlyArray<Pick<Passage, 'section' | 'pages'>>): OutlineNode[] {
  const roots: OutlineNode[] = [];
  for (const passage of passages) {
    let level = roots;
    for (const title of passage.section.path) {
      let node = level.find((n) => n.title === title);
      if (!node) {
        node = { title, pages: null, passageCount: 0, children: [] };
        level.push(node);
      }
      node.passageCount += 1;
      node.pages = widen(node.pages, passage.pages);
      level = node.children;
    }
  }
  return roots;
}

function widen(range: PageRange | null, pages: PageRange | null): PageRange | null {
  if (!pages) return range;
  if (!range) return { ...pages };
  return { from: Math.min(range.from, pages.from), to: Math.max(range.to, pages.to) };
}

import type { PassageIndex, RetrievedPassage } from '../retrieval/types.js';

/** Passages searched for one lookup. */
export const LOOKUP_SEARCH_K = 10;

/** Which passage to quote: French search words, and preferably a section whose id ends with `sectionSuffix`. */
export interface PassageReference {
  query: string;
  /** e.g. `principe-1/illustration`: a passage whose section id is this or ends with `/` + this is preferred. */
  sectionSuffix?: string;
}

/** A passage quoted whole, verbatim (`text` is the stored passage text), with what a citation needs. */
export interface QuotedPassage {
  text: string;
  docId: string;
  title: string;
  versionLabel: string;
  /** Human section titles, top level first. */
  sectionPath: string[];
  pages: { from: number; to: number } | null;
  url: string | null;
}

/** Finds the passage a rule refers to in the documents indexed now; null when they hold nothing relevant. */
export type PassageLookup = (reference: PassageReference) => Promise<QuotedPassage | null>;

/** True when `sectionId` is `suffix` or ends with `/suffix` (`principe-1` does not match `sous-principe-1`). */
export function sectionMatches(sectionId: string, suffix: string): boolean {
  return sectionId === suffix || sectionId.endsWith(`/${suffix}`);
}

/**
 * Looks passages up in `index` (k = LOOKUP_SEARCH_K). Picks the best-scoring passage whose section matches
 * `sectionSuffix` (even when the index would abstain: the section is the stronger signal); without such a passage,
 * the best passage unless the index abstains. Quotes the passage whole (passages are a few sentences). Passages of a
 * version `isPublished` denies (an index not yet rebuilt after a withdrawal or a new version) are never quoted.
 * @returns null when nothing relevant is indexed (the caller says the passage was not found). Search errors propagate.
 */
export function createPassageLookup(index: PassageIndex, isPublished: (docId: string, versionLabel: string) => boolean = () => true): PassageLookup {
  return async ({ query, sectionSuffix }) => {
    const result = await index.search(query, { k: LOOKUP_SEARCH_K, language: 'fr' });
    const candidates = result.passages.filter((p) => p.score > 0 && isPublished(p.passage.docId, p.passage.versionLabel));
    const inSection = sectionSuffix ? candidates.find((p) => sectionMatches(p.passage.section.id, sectionSuffix)) : undefined;
    const chosen: RetrievedPassage | undefined = inSection ?? (result.abstained ? undefined : candidates[0]);
    if (!chosen) return null;
    const { passage } = chosen;
    return {
      text: passage.text,
      docId: passage.docId,
      title: passage.title,
      versionLabel: passage.versionLabel,
      sectionPath: [...passage.section.path],
      pages: passage.pages ? { from: passage.pages.from, to: passage.pages.to } : null,
      url: passage.url,
    };
  };
}

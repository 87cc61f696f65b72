import type { PageRange } from '../knowledge/types.js';
import type { Source } from './types.js';

/** A section quoted in a document version, and the markers of the sources quoting it. */
export interface QuotedLocation {
  /** Markers, ascending; more than one when several quoted passages are in the section. */
  markers: number[];
  sectionPath: string[];
  /** The pages of all its quoted passages, first to last; null when none is known. */
  pages: PageRange | null;
}

/** The page range covering both ranges (passages of one section follow one another); a missing range adds nothing. */
function spanning(a: PageRange | null, b: PageRange | null): PageRange | null {
  if (!a || !b) return a ?? b;
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

/** One document version of an answer's sources, with every location the answer quotes from it. */
export interface DocumentVersionSources {
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  /** The first link known among its sources (they normally all carry the same), else null. */
  url: string | null;
  /**
   * The sections every location lies in (their common ancestors, `Section III › § 2`), named once before them by
   * the renderers, each location then showing only the rest of its path; [] when there is one location or they
   * share no section.
   */
  sharedPath: string[];
  /** In document order (by their first passage), so that pages and sections read as the document runs. */
  locations: QuotedLocation[];
}

/** The longest path that starts every one of `paths` (two or more); [] otherwise. */
function commonAncestors(paths: readonly string[][]): string[] {
  if (paths.length < 2) return [];
  const [first, ...rest] = paths;
  let length = 0;
  while (length < first!.length && rest.every((p) => p[length] === first![length])) length++;
  return first!.slice(0, length);
}

/**
 * Groups sources by document version (same `docId` and `versionLabel`), so that an answer names each document
 * version once, followed by the sections and pages it quotes, rather than repeating a long title per quote.
 * Sources with the same section path share one location, whose pages span theirs: two passages of one article
 * name the article once (`(1, 2) … › Article 12, p. 8-9`). The sections all locations lie in are the group's
 * `sharedPath`, so that sibling articles name their division once (`Section III › § 2 : (1) Article 20 ; (2)
 * Article 21`) and a rule quoted with its illustration names the rule once. A group's locations follow the
 * document's order, not the markers' (relevance): `(2) p. 5445 ; (1) p. 5446`, never p. 5446 before p. 5445.
 * @returns groups in order of their first marker; [] for no source
 */
export function groupByDocumentVersion(sources: readonly Source[]): DocumentVersionSources[] {
  const groups = new Map<string, DocumentVersionSources>();
  // Position in its document of each location's first quoted passage (see Source.ordinal).
  const firstOrdinal = new Map<QuotedLocation, number>();
  for (const s of [...sources].sort((a, b) => a.marker - b.marker)) {
    const key = JSON.stringify([s.docId, s.versionLabel]);
    let group = groups.get(key);
    if (!group) {
      const { docId, title, versionLabel, publishedOn } = s;
      group = { docId, title, versionLabel, publishedOn, url: null, sharedPath: [], locations: [] };
      groups.set(key, group);
    }
    group.url ??= s.url;
    const same = group.locations.find((l) => JSON.stringify(l.sectionPath) === JSON.stringify(s.sectionPath));
    if (same) {
      same.markers.push(s.marker);
      same.pages = spanning(same.pages, s.pages);
      firstOrdinal.set(same, Math.min(firstOrdinal.get(same)!, s.ordinal));
    } else {
      const location = { markers: [s.marker], sectionPath: [...s.sectionPath], pages: s.pages };
      group.locations.push(location);
      firstOrdinal.set(location, s.ordinal);
    }
  }
  for (const group of groups.values()) {
    group.locations.sort((a, b) => firstOrdinal.get(a)! - firstOrdinal.get(b)!);
    group.sharedPath = commonAncestors(group.locations.map((l) => l.sectionPath));
  }
  return [...groups.values()];
}

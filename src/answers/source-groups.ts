import type { PageRange } from '../knowledge/types.js';
import type { Source } from './types.js';

/** A place quoted in a document version, and the markers of the sources quoting it. */
export interface QuotedLocation {
  /** Markers, ascending; more than one when several quoted passages share the section and pages. */
  markers: number[];
  sectionPath: string[];
  pages: PageRange | null;
}

/** One document version of an answer's sources, with every location the answer quotes from it. */
export interface DocumentVersionSources {
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  /** The first link known among its sources (they normally all carry the same), else null. */
  url: string | null;
  /** In marker order. */
  locations: QuotedLocation[];
}

/**
 * Groups sources by document version (same `docId` and `versionLabel`), so that an answer names each document
 * version once, followed by the sections and pages it quotes, rather than repeating a long title per quote.
 * Sources with the same section path and pages share one location.
 * @returns groups in order of their first marker; [] for no source
 */
export function groupByDocumentVersion(sources: readonly Source[]): DocumentVersionSources[] {
  const groups = new Map<string, DocumentVersionSources>();
  for (const s of [...sources].sort((a, b) => a.marker - b.marker)) {
    const key = JSON.stringify([s.docId, s.versionLabel]);
    let group = groups.get(key);
    if (!group) {
      const { docId, title, versionLabel, publishedOn } = s;
      group = { docId, title, versionLabel, publishedOn, url: null, locations: [] };
      groups.set(key, group);
    }
    group.url ??= s.url;
    const same = group.locations.find(
      (l) =>
        JSON.stringify(l.sectionPath) === JSON.stringify(s.sectionPath) &&
        l.pages?.from === s.pages?.from &&
        l.pages?.to === s.pages?.to,
    );
    if (same) same.markers.push(s.marker);
    else group.locations.push({ markers: [s.marker], sectionPath: [...s.sectionPath], pages: s.pages });
  }
  return [...groups.values()];
}

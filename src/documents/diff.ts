import { diffWordsWithSpace } from 'diff';
import type { Passage } from '../knowledge/types.js';
import type { DocumentDiff, PassageChange } from './types.js';

/** At most this many changed passages are listed with a before/after (the card stays under Teams' size limit). */
export const MAX_PASSAGE_CHANGES = 8;
/** Characters of context kept on each side of a change in a before/after excerpt. */
export const CHANGE_CONTEXT_CHARS = 60;
/** Longest changed span shown in an excerpt, in characters, on each side. */
export const MAX_CHANGE_CHARS = 200;

/**
 * Compares two versions of a document by section id (stable across versions, see `Section.id`): sections only in
 * `after` are added, only in `before` removed, in both with different passage text changed. Within a changed section
 * passages are paired in reading order; each differing pair (or a passage with no counterpart) gives a short
 * before/after: the words that differ (jsdiff `diffWordsWithSpace`) with CHANGE_CONTEXT_CHARS of context.
 * Pure and deterministic.
 */
export function diffVersions(before: readonly Passage[], after: readonly Passage[]): DocumentDiff {
  const old = bySection(before);
  const neu = bySection(after);
  const diff: DocumentDiff = { added: [], removed: [], changed: [], passageChanges: [], moreChanges: 0, unchangedCount: 0 };
  const changes: PassageChange[] = [];
  for (const [id, section] of neu) {
    const previous = old.get(id);
    if (!previous) {
      diff.added.push(section.path);
      continue;
    }
    if (previous.texts.join('\n') === section.texts.join('\n')) {
      diff.unchangedCount++;
      continue;
    }
    diff.changed.push(section.path);
    const count = Math.max(previous.texts.length, section.texts.length);
    for (let i = 0; i < count; i++) {
      const a = previous.texts[i] ?? '';
      const b = section.texts[i] ?? '';
      if (a !== b) changes.push({ sectionPath: section.path, ...excerpt(a, b) });
    }
  }
  for (const [id, section] of old) if (!neu.has(id)) diff.removed.push(section.path);
  diff.passageChanges = changes.slice(0, MAX_PASSAGE_CHANGES);
  diff.moreChanges = Math.max(0, changes.length - MAX_PASSAGE_CHANGES);
  return diff;
}

function bySection(passages: readonly Passage[]): Map<string, { path: string[]; texts: string[] }> {
  const sections = new Map<string, { path: string[]; texts: string[] }>();
  for (const p of passages) {
    const entry = sections.get(p.section.id) ?? { path: p.section.path, texts: [] };
    entry.texts.push(p.text);
    sections.set(p.section.id, entry);
  }
  return sections;
}

/** The differing span of `a` and `b` with a little shared context around it, `…` where text is cut. */
function excerpt(a: string, b: string): { before: string; after: string } {
  const parts = diffWordsWithSpace(a, b);
  const firstChange = parts.findIndex((p) => p.added || p.removed);
  let lastChange = -1;
  parts.forEach((p, i) => {
    if (p.added || p.removed) lastChange = i;
  });
  const lead = parts.slice(0, firstChange).map((p) => p.value).join('');
  const tail = parts.slice(lastChange + 1).map((p) => p.value).join('');
  const middle = parts.slice(firstChange, lastChange + 1);
  const side = (keep: (p: { added: boolean; removed: boolean }) => boolean): string =>
    clipEnd(middle.filter(keep).map((p) => p.value).join(''), MAX_CHANGE_CHARS);
  const head = lead.length > CHANGE_CONTEXT_CHARS ? `…${lead.slice(-CHANGE_CONTEXT_CHARS).replace(/^\S*\s/, '')}` : lead;
  const foot = tail.length > CHANGE_CONTEXT_CHARS ? clippedFoot(tail.slice(0, CHANGE_CONTEXT_CHARS).replace(/\s\S*$/, '')) : tail;
  return {
    before: `${head}${side((p) => !p.added)}${foot}`.trim(),
    after: `${head}${side((p) => !p.removed)}${foot}`.trim(),
  };
}

/**
 * The context after a change, cut: `…` right after a word, `[…]` after a sentence's end (« automatisé. […] »), where a
 * bare `…` glued to the full stop read « automatisé.… » on the preview card.
 */
function clippedFoot(kept: string): string {
  return /[.!?:;]$/u.test(kept) ? `${kept} […]` : `${kept}…`;
}

function clipEnd(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

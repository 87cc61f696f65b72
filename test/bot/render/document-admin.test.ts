import { describe, expect, it } from 'vitest';
import { flagsText, historyText, MAX_LISTED_FLAGS } from '../../../src/bot/render/document-admin.js';
import type { HistoryEntry } from '../../../src/documents/proposals.js';
import type { AssessmentFlag } from '../../../src/documents/store.js';

/** `n` open flags of fictional declarations on a fictional directive, newest first as openFlags gives them. */
function flags(n: number): AssessmentFlag[] {
  return Array.from({ length: n }, (_, i) => ({
    declarationId: `decl-${i}`,
    publicId: `IA-2026-${String(i + 1).padStart(4, '0')}`,
    docId: 'directive-phares',
    quotedVersion: 'v1',
    sectionPath: ['Entretien'],
    newVersion: 'v2',
    change: 'changed' as const,
    flaggedAt: '2026-11-30T15:00:00.000Z',
  }));
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('- '));

describe('flagsText', () => {
  it('lists every open flag when there are no more than the list holds, and says nothing of others', () => {
    const text = flagsText(flags(3), 'fr', 'list');
    expect(lines(text)).toHaveLength(3);
    expect(text).not.toMatch(/autres? signalements?/);
  });

  it('lists the newest flags the list holds and says, in French, how many more are open', () => {
    const text = flagsText(flags(MAX_LISTED_FLAGS + 5), 'fr', 'list');
    expect(lines(text)).toHaveLength(MAX_LISTED_FLAGS);
    expect(text).toContain('IA-2026-0001');
    expect(text).not.toContain(`IA-2026-${String(MAX_LISTED_FLAGS + 1).padStart(4, '0')}`);
    expect(text).toContain('… et 5 autres signalements ouverts');
  });

  it('says in English how many more flags are open, in the singular for one', () => {
    const text = flagsText(flags(MAX_LISTED_FLAGS + 1), 'en', 'list');
    expect(lines(text)).toHaveLength(MAX_LISTED_FLAGS);
    expect(text).toContain('… and 1 more open flag');
  });
});

describe('historyText', () => {
  /** Two versions of a fictional directive: v2 published from Teams, v1 ingested on the command line. */
  const history: HistoryEntry[] = [
    {
      version: { id: 2, docId: 'directive-phares', label: 'v2', title: 'Directive fictive des phares', url: null, publishedOn: '2026-01-15', sourceSha256: 'b'.repeat(64), ingestedAt: '2026-12-03T14:00:00.000Z', ingestedBy: 'teams', passageCount: 3, published: true },
      publishedBy: { id: '0000000a-0000-4000-8000-0000000000ad', name: 'Admin Fictive' },
      publishedAt: '2026-12-03T14:15:00.000Z',
    },
    {
      version: { id: 1, docId: 'directive-phares', label: 'v1', title: 'Directive fictive des phares', url: null, publishedOn: null, sourceSha256: 'a'.repeat(64), ingestedAt: '2026-07-01T12:05:00.000Z', ingestedBy: 'cli', passageCount: 2, published: false },
      publishedBy: null,
      publishedAt: null,
    },
  ];

  it('writes the official and publication dates as the cards do, in French, never as ISO dates', () => {
    // An admin read « le 2026-12-03 9 h 15 » in `historique` beside « 3 décembre 2026 à 9 h 15 (heure de l’Est) » on
    // the proposal's card.
    const text = historyText('directive-phares', history, 'fr');
    expect(text).toContain('version v2 — date officielle 15 janvier 2026 — ');
    expect(text).toContain('publiée par Admin Fictive le 3 décembre 2026 à 9\u00a0h\u00a015 (heure de l’Est) — **version actuelle**');
    expect(text).toContain('publiée par la ligne de commande le 1er juillet 2026 à 8\u00a0h\u00a005 (heure de l’Est)');
    expect(text).not.toMatch(/\d{4}\u2060?-\u2060?\d\d\u2060?-\u2060?\d\d/);
  });

  it('writes them in English for an English reader', () => {
    const text = historyText('directive-phares', history, 'en');
    expect(text).toContain('version v2 — official date January 15, 2026 — ');
    expect(text).toContain('published by Admin Fictive on December 3, 2026 at 9:15\u00a0a.m. ET — **current version**');
    expect(text).toContain('version v1 — official date not given — ');
    expect(text).not.toMatch(/\d{4}\u2060?-\u2060?\d\d\u2060?-\u2060?\d\d/);
  });
});

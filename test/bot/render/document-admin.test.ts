import { describe, expect, it } from 'vitest';
import { flagsText, MAX_LISTED_FLAGS } from '../../../src/bot/render/document-admin.js';
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

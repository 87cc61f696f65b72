import { describe, expect, it } from 'vitest';
import { buildOutline } from '../../src/knowledge/outline.js';

const at = (path: string[], from?: number, to = from) => ({
  section: { id: path.join('/'), path },
  pages: from === undefined || to === undefined ? null : { from, to },
});

describe('buildOutline', () => {
  it('nests sections by path and widens page ranges over their subsections', () => {
    const outline = buildOutline([
      at(['Introduction'], 1),
      at(['Principes', 'Principe 1 — Prudence'], 2, 3),
      at(['Principes', 'Principe 1 — Prudence', 'Illustration'], 3),
      at(['Principes', 'Principe 2 — Clarté'], 4),
    ]);
    expect(outline).toEqual([
      { title: 'Introduction', pages: { from: 1, to: 1 }, passageCount: 1, children: [] },
      {
        title: 'Principes',
        pages: { from: 2, to: 4 },
        passageCount: 3,
        children: [
          {
            title: 'Principe 1 — Prudence',
            pages: { from: 2, to: 3 },
            passageCount: 2,
            children: [{ title: 'Illustration', pages: { from: 3, to: 3 }, passageCount: 1, children: [] }],
          },
          { title: 'Principe 2 — Clarté', pages: { from: 4, to: 4 }, passageCount: 1, children: [] },
        ],
      },
    ]);
  });

  it('merges a section whose passages are not contiguous, keeping the order of first appearance', () => {
    const outline = buildOutline([at(['A']), at(['B']), at(['A'])]);
    expect(outline.map((n) => [n.title, n.passageCount])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });

  it('leaves pages null when no passage has any', () => {
    expect(buildOutline([at(['Texte'])])[0]?.pages).toBeNull();
  });

  it('is empty for no passages', () => {
    expect(buildOutline([])).toEqual([]);
  });
});

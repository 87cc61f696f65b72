import { describe, expect, it } from 'vitest';
import { counted } from '../src/plural.js';

describe('counted', () => {
  const fr = { one: 'section inchangée', other: 'sections inchangées' };
  const en = { one: 'section', other: 'sections' };

  it('gives French the singular for 0 and 1 and the plural from 2, English the singular for 1 only', () => {
    expect([0, 1, 2, 12].map((n) => counted(n, 'fr', fr))).toEqual(['0 section inchangée', '1 section inchangée', '2 sections inchangées', '12 sections inchangées']);
    expect([0, 1, 2].map((n) => counted(n, 'en', en))).toEqual(['0 sections', '1 section', '2 sections']);
  });
});

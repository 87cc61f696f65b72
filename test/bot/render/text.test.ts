import { describe, expect, it } from 'vitest';
import { clip, counted } from '../../../src/bot/render/text.js';

describe('clip', () => {
  it('never leaves an opening quote, bracket, dash or separator just before its ellipsis', () => {
    expect(clip('Tri des courriels « citoyens » du service', 21)).toBe('Tri des courriels…');
    expect(clip('Projet pilote — tri des demandes fictives', 18)).toBe('Projet pilote…');
    expect(clip('Outil fictif (version bêta) pour tous', 16)).toBe('Outil fictif…');
    expect(clip('Étape un : trier les formulaires', 14)).toBe('Étape un…');
  });

  it('keeps a closing quote and returns text that fits unchanged', () => {
    expect(clip('Tri « fictif » des demandes de permis', 18)).toBe('Tri « fictif »…');
    expect(clip('Tri « fictif »', 14)).toBe('Tri « fictif »');
  });
});

describe('counted', () => {
  const fr = { one: 'section inchangée', other: 'sections inchangées' };
  const en = { one: 'section', other: 'sections' };

  it('gives French the singular for 0 and 1 and the plural from 2, English the singular for 1 only', () => {
    expect([0, 1, 2, 12].map((n) => counted(n, 'fr', fr))).toEqual(['0 section inchangée', '1 section inchangée', '2 sections inchangées', '12 sections inchangées']);
    expect([0, 1, 2].map((n) => counted(n, 'en', en))).toEqual(['0 sections', '1 section', '2 sections']);
  });
});

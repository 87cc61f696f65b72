import { describe, expect, it } from 'vitest';
import { clip } from '../../../src/bot/render/text.js';

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

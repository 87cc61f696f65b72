import { describe, expect, it } from 'vitest';
import { stepCard } from '../../../src/bot/cards/index.js';
import { validateStep } from '../../../src/inventory/schema.js';
import { inputs } from '../../helpers/card-walk.js';

describe('a step submitted without some of its fields', () => {
  it('says each missing field is required, not that its value is not accepted', () => {
    const errors = validateStep('identification', { name: 'Tri fictif des demandes' });
    expect(Object.keys(errors)).toContain('purpose');
    expect(Object.keys(errors)).toContain('portefeuille');
    const labels = (language: 'fr' | 'en') =>
      inputs(stepCard({ declarationId: 'd', revision: 1, step: 'identification', values: { name: 'Tri fictif des demandes' }, errors }, language))
        .map((i) => String(i.label))
        .join('\n');
    const fr = labels('fr');
    expect(fr).toMatch(/\(obligatoire\) — Erreur\u00a0: ce champ est obligatoire\./);
    expect(fr).not.toContain('cette valeur n’est pas acceptée');
    expect(fr).not.toContain('choisissez une valeur de la liste');
    const en = labels('en');
    expect(en).toMatch(/\(required\) — Error: this field is required\./);
    expect(en).not.toContain('this value is not accepted');
  });
});

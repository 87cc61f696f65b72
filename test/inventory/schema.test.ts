import { describe, expect, it } from 'vitest';
import { STATE_LABELS } from '../../src/inventory/codes.js';
import { DECLARATION_FIELDS, DeclarationDraft, DeclarationShape, validateDeclaration, validateStep } from '../../src/inventory/schema.js';
import { STATES } from '../../src/inventory/types.js';
import { quietDeclaration } from './declarations.js';

describe('DeclarationDraft', () => {
  it('keeps what was typed, trimmed', () => {
    expect(DeclarationDraft.parse({ name: '  Tri fictif des nuages   ', contactEmail: ' a@b.co ' })).toEqual({
      name: 'Tri fictif des nuages',
      contactEmail: 'a@b.co',
    });
  });

  it('counts a repeated code once', () => {
    expect(DeclarationDraft.parse({ measures: ['efvp', 'efvp', 'personnel-forme'] }).measures).toEqual(['efvp', 'personnel-forme']);
  });

  it('keeps a value that does not validate yet, so nothing typed is lost', () => {
    expect(DeclarationDraft.parse({ name: 'x', portefeuille: 'inconnu' })).toEqual({ name: 'x', portefeuille: 'inconnu' });
  });
});

describe('validateDeclaration', () => {
  it('names each invalid field once', () => {
    const result = validateDeclaration({ name: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toContain('name');
    expect(Object.keys(result.errors)).toContain('purpose');
  });

  it('says an empty contact e-mail is required, and a malformed one invalid', () => {
    const empty = validateDeclaration(quietDeclaration({ contactEmail: '  ' }));
    expect(empty.ok === false && empty.errors.contactEmail).toBe('required');
    const malformed = validateDeclaration(quietDeclaration({ contactEmail: 'nom-at-organisme' }));
    expect(malformed.ok === false && malformed.errors.contactEmail).toBe('a valid e-mail address');
  });

  it('says an empty or blank required text is required, not too short', () => {
    for (const purpose of ['', '   ']) {
      const result = validateDeclaration(quietDeclaration({ purpose }));
      expect(result.ok === false && result.errors.purpose).toBe('required');
    }
    const absent = validateDeclaration({ ...quietDeclaration(), purpose: undefined });
    expect(absent.ok === false && absent.errors.purpose).toBe('required');
  });

  it('says a text of invisible characters only (zero-width spaces, direction marks, word joiners) is required', () => {
    const invisible = '\u200B\u200F\u2060\uFEFF\u200E\u00AD\u3164'.repeat(4);
    const result = validateDeclaration(quietDeclaration({ name: invisible, purpose: invisible, humanOversight: invisible }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({ name: 'required', purpose: 'required', humanOversight: 'required' });
    const zeroWidth = validateDeclaration(quietDeclaration({ benefits: '\u200B'.repeat(12) }));
    expect(zeroWidth.ok === false && zeroWidth.errors.benefits).toBe('required');
  });

  it('counts only the visible characters towards a minimum length', () => {
    const result = validateDeclaration(quietDeclaration({ purpose: `Trier\u200B${'\u200B'.repeat(30)} des fiches.` }));
    expect(result.ok === false && result.errors.purpose).toBe('at least 20 characters');
  });

  it('accepts visible text holding joiners and marks, as typed', () => {
    const name = 'Tri fictif 👩\u200D💻 des\u00A0nuages';
    const result = validateDeclaration(quietDeclaration({ name }));
    expect(result.ok && result.value.name).toBe(name);
  });

  it('refuses a description, a body or a contact name without a single letter, but not an initiative named by a number', () => {
    const result = validateDeclaration(
      quietDeclaration({ name: '211', purpose: '?????????? ?????????? ????', benefits: '1234567890', organismePublic: '--', contactName: '..', dataDescription: '-- -- -- --', humanOversight: '✓✓✓✓✓✓✓✓✓✓' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ purpose: 'in words', benefits: 'in words', organismePublic: 'in words', contactName: 'in words', dataDescription: 'in words', humanOversight: 'in words' });
    const accented = validateDeclaration(quietDeclaration({ benefits: 'Délais ÷ 2 (≈ 50 %)', contactName: 'Ève' }));
    expect(accented.ok).toBe(true);
  });

  it('gives the minimum length when the text typed is too short', () => {
    const result = validateDeclaration(quietDeclaration({ purpose: 'Trier des fiches.' }));
    expect(result.ok === false && result.errors.purpose).toBe('at least 20 characters');
  });

  it('asks whose personal information is used when some is', () => {
    const result = validateDeclaration(quietDeclaration({ personalInformation: 'personnel', affectedGroups: [] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.affectedGroups).toMatch(/whose/);
  });

  it('refuses people checked as concerned by personal information when none is used', () => {
    const result = validateDeclaration(quietDeclaration({ personalInformation: 'aucun', affectedGroups: ['citoyens'] }));
    expect(result.ok === false && result.errors.affectedGroups).toBe('no personal information is used');
  });

  it('asks at step 2 whose personal information is used, before step 3 is filled', () => {
    const nature = { generative: false, supplier: '', hosting: 'sur-site', dataDescription: 'Fiches fictives des nuages.' };
    expect(validateStep('nature', { ...nature, personalInformation: 'personnel', affectedGroups: [] }).affectedGroups).toMatch(/whose/);
    expect(validateStep('nature', { ...nature, personalInformation: 'aucun', affectedGroups: ['employes'] }).affectedGroups).toBe('no personal information is used');
    expect(validateStep('nature', { ...nature, personalInformation: 'aucun', affectedGroups: [] })).toEqual({});
  });

  it('reports only the fields of the step asked', () => {
    const errors = validateStep('identification', {});
    expect(Object.keys(errors).every((f) => DECLARATION_FIELDS[f as keyof typeof DECLARATION_FIELDS].step === 'identification')).toBe(true);
  });
});

describe('DECLARATION_FIELDS', () => {
  it('presents exactly the fields of the schema', () => {
    expect(Object.keys(DECLARATION_FIELDS).sort()).toEqual(Object.keys(DeclarationShape).sort());
  });
});

describe('STATE_LABELS', () => {
  it('names every workflow state in French and English', () => {
    for (const state of STATES) {
      expect(STATE_LABELS[state].fr.length).toBeGreaterThan(0);
      expect(STATE_LABELS[state].en.length).toBeGreaterThan(0);
    }
  });
});

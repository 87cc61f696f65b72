import { describe, expect, it } from 'vitest';
import { changedFields, fingerprintsOf, mergeStaleStep } from '../../src/inventory/merge.js';
import type { DeclarationDraft } from '../../src/inventory/schema.js';

/** What a step-1 card showed: a fictional draft. */
const SHOWN: DeclarationDraft = { name: 'Tri fictif', purpose: 'Classer des demandes fictives par ordre de priorité.', benefits: 'Délais réduits.' };
const shown = fingerprintsOf('identification', SHOWN);

describe('mergeStaleStep', () => {
  it('takes a value changed on the card when it did not change elsewhere', () => {
    const current = { ...SHOWN, benefits: 'Délais réduits de moitié.' };
    const merge = mergeStaleStep('identification', shown, { ...SHOWN, name: 'Tri fictif revu' }, current);
    expect(merge).toEqual({ merged: { ...current, name: 'Tri fictif revu' }, taken: ['name'], conflicts: [], repeated: false });
  });

  it('keeps the current value of a field the card left as it showed it', () => {
    const current = { ...SHOWN, purpose: 'Une autre fenêtre a réécrit ce but fictif.' };
    expect(mergeStaleStep('identification', shown, SHOWN, current)).toEqual({ merged: current, taken: [], conflicts: [], repeated: false });
  });

  it('reports a field changed on both sides to different values as a conflict, keeping the current value', () => {
    const current = { ...SHOWN, name: 'Nom de l’autre fenêtre' };
    expect(mergeStaleStep('identification', shown, { ...SHOWN, name: 'Nom de cette fenêtre' }, current)).toEqual({ merged: current, taken: [], conflicts: ['name'], repeated: false });
  });

  it('sees no conflict when both sides typed the same value (a double click)', () => {
    const current = { ...SHOWN, name: 'Même nom' };
    expect(mergeStaleStep('identification', shown, { name: 'Même nom ' }, current).conflicts).toEqual([]);
  });

  it('treats every differing value as a conflict when the card carried no digests', () => {
    expect(mergeStaleStep('identification', undefined, { ...SHOWN, name: 'Nom tapé' }, SHOWN).conflicts).toEqual(['name']);
  });

  it('compares values as the card shows them: an absent toggle is off, an absent multiple choice is empty', () => {
    const nature = fingerprintsOf('nature', {});
    expect(mergeStaleStep('nature', nature, { generative: false, affectedGroups: [] }, { supplier: 'Fournisseur générique' })).toEqual({
      merged: { supplier: 'Fournisseur générique' },
      taken: [],
      conflicts: [],
      repeated: true,
    });
  });

  it('calls a card whose every value is already the draft’s a repeated press, whatever it showed', () => {
    const current = { ...SHOWN, name: 'Nom enregistré par le premier clic' };
    expect(mergeStaleStep('identification', shown, { ...SHOWN, name: 'Nom enregistré par le premier clic ' }, current)).toEqual({
      merged: current,
      taken: [],
      conflicts: [],
      repeated: true,
    });
  });
});

describe('changedFields', () => {
  it('names the fields whose value changed, in form order, not those only re-spaced, reordered or left absent as empty', () => {
    const before: DeclarationDraft = { name: 'Tri fictif', purpose: 'Classer.', affectedGroups: ['citoyens', 'employes'], generative: false, supplier: '' };
    const after: DeclarationDraft = { name: ' Tri fictif ', purpose: 'Classer les demandes.', affectedGroups: ['employes', 'citoyens'], generative: true, measures: ['efvp'] };
    expect(changedFields(before, after)).toEqual(['purpose', 'generative', 'measures']);
    expect(changedFields(before, before)).toEqual([]);
  });
});

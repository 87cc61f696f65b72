import { describe, expect, it } from 'vitest';
import { isRequiredField, readStepInputs, sameStepValues } from '../../../src/bot/cards/index.js';
import { MAX_DRAFT_VALUE_CHARS } from '../../../src/inventory/schema.js';

describe('readStepInputs', () => {
  it('reads toggles, multiple choices and text as a card sends them', () => {
    expect(
      readStepInputs('nature', {
        declarationId: 'x',
        revision: 1,
        step: 'nature',
        generative: 'true',
        supplier: '  Fournisseur  ',
        hosting: 'sur-site',
        personalInformation: 'personnel',
        affectedGroups: 'citoyens,employes',
        dataDescription: 'Données fictives',
      }),
    ).toEqual({
      generative: true,
      supplier: '  Fournisseur  ',
      hosting: 'sur-site',
      personalInformation: 'personnel',
      affectedGroups: ['citoyens', 'employes'],
      dataDescription: 'Données fictives',
    });
  });

  it('reads an empty multiple choice as none and "false" as false', () => {
    expect(readStepInputs('effects', { affectedGroups: 'x', measures: '', publicFacing: 'false', decisionRole: 'aucun', humanOversight: 'Revue' })).toEqual({
      decisionRole: 'aucun',
      humanOversight: 'Revue',
      measures: [],
      publicFacing: false,
    });
  });

  it('reads an input of the step left out of the submission as emptied (Adaptive Cards omit empty inputs)', () => {
    expect(readStepInputs('nature', { generative: 'true', hosting: 'sur-site', personalInformation: 'aucun', dataDescription: 'Données fictives' })).toEqual({
      generative: true,
      supplier: '',
      hosting: 'sur-site',
      personalInformation: 'aucun',
      affectedGroups: [],
      dataDescription: 'Données fictives',
    });
    expect(readStepInputs('effects', {})).toEqual({ decisionRole: '', publicFacing: false, humanOversight: '', measures: [] });
  });

  it('ignores fields of other steps and keeps the saved value for values of the wrong type', () => {
    const values = readStepInputs('identification', { generative: 'true', name: 42, purpose: { a: 1 }, benefits: 'Moins de délais' });
    expect(values).not.toHaveProperty('generative');
    expect(values).not.toHaveProperty('name');
    expect(values).not.toHaveProperty('purpose');
    expect(values.benefits).toBe('Moins de délais');
  });

  it('removes control characters and unpaired surrogates, keeping line breaks, tabs and emoji', () => {
    const values = readStepInputs('identification', { purpose: 'Ligne\u0001 un\r\nligne\tdeux \uD800🙂\u007F\u0085', name: '\u0000Projet' });
    expect(values.purpose).toBe('Ligne un\nligne\tdeux 🙂');
    expect(values.name).toBe('Projet');
  });

  it('cuts an overlong value at the draft limit instead of rejecting it', () => {
    const values = readStepInputs('identification', { purpose: 'a'.repeat(MAX_DRAFT_VALUE_CHARS + 500) });
    expect(values.purpose).toHaveLength(MAX_DRAFT_VALUE_CHARS);
  });

  it('keeps at most 20 short items of a multiple choice', () => {
    const values = readStepInputs('effects', { measures: [...Array(30).keys()].map((i) => `m${i}`).join(',') + `,${'z'.repeat(200)}` });
    expect(values.measures).toHaveLength(20);
  });
});

describe('sameStepValues', () => {
  it('is true when the stored draft already holds what the card sends', () => {
    expect(sameStepValues('nature', { generative: true, affectedGroups: ['a'] }, { generative: true, affectedGroups: ['a'] })).toBe(true);
    expect(sameStepValues('identification', { name: 'Projet ' }, { name: 'Projet' })).toBe(true);
  });

  it('is false when a value differs', () => {
    expect(sameStepValues('nature', { generative: true }, { generative: false })).toBe(false);
  });
});

describe('isRequiredField', () => {
  it('follows the schema: minimum lengths, e-mail and single choices are required; supplier and multiple choices are not', () => {
    expect(isRequiredField('name')).toBe(true);
    expect(isRequiredField('contactEmail')).toBe(true);
    expect(isRequiredField('category')).toBe(true);
    expect(isRequiredField('supplier')).toBe(false);
    expect(isRequiredField('measures')).toBe(false);
    expect(isRequiredField('generative')).toBe(false);
  });
});

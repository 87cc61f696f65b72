import { describe, expect, it } from 'vitest';
import { findLongForm, longFormBefore, mineAcronyms } from '../../src/retrieval/acronyms.js';

describe('longFormBefore (Schwartz & Hearst)', () => {
  it('finds a long form whose initials spell the acronym', () => {
    expect(longFormBefore('Les demandes vont au service des nuages', 'SN')).toBe('service des nuages');
  });

  it('skips words that give no letter to the acronym', () => {
    expect(longFormBefore('le registre fictif des nuages de pluie', 'RNP')).toBe('registre fictif des nuages de pluie');
  });

  it('compares without case or accents', () => {
    expect(longFormBefore('pour l’Éclairage des écoles', 'EDE')).toBe('Éclairage des écoles');
  });

  it('gives null when the letters are not there in order', () => {
    expect(longFormBefore('le bureau des parapluies', 'XYZ')).toBeNull();
  });
});

describe('mineAcronyms', () => {
  it('reads acronyms defined in parentheses, keyed in lower case', () => {
    const mined = mineAcronyms([
      'L’Agence québécoise des nuages (AQN) publie le registre des ombrelles (RO).',
      'Le registre des ombrelles (RO) est tenu par l’AQN.',
    ]);
    expect(mined).toEqual(
      new Map([
        ['aqn', 'Agence québécoise des nuages'],
        ['ro', 'registre des ombrelles'],
      ]),
    );
  });

  it('ignores parentheses that define nothing', () => {
    expect(mineAcronyms(['Il pleut souvent (OUI).', 'Voir l’annexe (A).']).size).toBe(0);
  });
});

describe('findLongForm', () => {
  const words = (t: string) => t.split(' ');
  const stop = (w: string) => ['des', 'de', 'la', 'le', 'a', 'aux', 'du'].includes(w);

  it('finds the phrase whose initials spell an acronym the documents never define', () => {
    const texts = [words('chaque agence produit une evaluation des risques relatifs aux nuages de pluie avant un lancement')];
    expect(findLongForm('ERNP', texts, stop)).toEqual(words('evaluation des risques relatifs aux nuages de pluie'));
  });

  it('allows one word that gives no letter, not more', () => {
    expect(findLongForm('ENP', [words('evaluation tres souvent faite des nuages de pluie')], stop)).toBeNull();
  });

  it('never looks for acronyms of two letters', () => {
    expect(findLongForm('RN', [words('registre des nuages')], stop)).toBeNull();
  });
});

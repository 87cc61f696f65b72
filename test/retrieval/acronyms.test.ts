import { describe, expect, it } from 'vitest';
import { longFormBefore, mineAcronyms } from '../../src/retrieval/acronyms.js';

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

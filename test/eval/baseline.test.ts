import { describe, expect, it } from 'vitest';
import { plainBm25, plainPassageBm25 } from '../../src/eval/baseline.js';

describe('plainBm25', () => {
  it('cuts the raw text at blank lines and ranks the chunks sharing the question\'s words first', () => {
    const search = plainBm25('# Charte fictive\n\nLe registre des nuages est public.\n\nLe vent souffle.');
    expect(search('q1', 'registre des nuages', 5)).toEqual({ id: 'q1', abstained: false, texts: ['Le registre des nuages est public.'] });
  });

  it('matches words only as typed, lower-cased: no stemming or accent folding', () => {
    const search = plainBm25('Les registres sont publics.\n\nLa sécurité du registre.');
    expect(search('q1', 'Securite', 5).texts).toEqual([]);
    expect(search('q2', 'REGISTRE', 5).texts).toEqual(['La sécurité du registre.']);
  });
});

describe('plainPassageBm25', () => {
  it('searches the given passages as they are, never abstaining', () => {
    const search = plainPassageBm25(['Le vent souffle.', 'Le registre des nuages est public.']);
    expect(search('q1', 'registre', 5)).toEqual({ id: 'q1', abstained: false, texts: ['Le registre des nuages est public.'] });
  });
});

import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/answers/language.js';

describe('detectLanguage', () => {
  it('recognises a French question', () => {
    expect(detectLanguage('Est-ce qu’on doit dire aux citoyens qu’ils parlent à un robot?')).toBe('fr');
  });

  it('recognises an English question', () => {
    expect(detectLanguage('Do we have to tell citizens they are talking to a bot?')).toBe('en');
  });

  it('counts accented letters as French', () => {
    expect(detectLanguage('sécurité')).toBe('fr');
  });

  it('recognises French written without accents or apostrophes', () => {
    expect(detectLanguage('comment je fais pour mon registre')).toBe('fr');
  });

  it('does not take « no » before a number (numéro) for the English word, whatever the client', () => {
    expect(detectLanguage('principe no 4', 'en')).toBe('fr');
    expect(detectLanguage('principe No. 4', 'en')).toBe('fr');
    expect(detectLanguage('no, thanks')).toBe('en');
  });

  it('chooses French when the signals tie', () => {
    expect(detectLanguage('le the')).toBe('fr');
  });

  it('chooses French when there is no signal (acronyms, emoji, empty)', () => {
    for (const text of ['EFVP', '🙂', '']) expect(detectLanguage(text)).toBe('fr');
  });
});

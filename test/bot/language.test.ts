import { describe, expect, it } from 'vitest';
import { actionLanguage, messageLanguage } from '../../src/bot/language.js';

describe('the language of a turn', () => {
  it('answers a button press in the language of the card pressed, whatever the client locale', () => {
    expect(actionLanguage({ locale: 'en-US', value: { action: { type: 'Action.Execute', verb: 'declaration.reopen', data: { declarationId: 'x', lang: 'fr' } } } })).toBe('fr');
    expect(actionLanguage({ locale: 'fr-CA', value: { action: { data: { lang: 'en' } } } })).toBe('en');
  });

  it('falls back to the client locale for a card without a language, or a malformed one', () => {
    expect(actionLanguage({ locale: 'en-US', value: { action: { data: { declarationId: 'x' } } } })).toBe('en');
    expect(actionLanguage({ locale: 'en-US', value: { action: { data: { lang: 'de' } } } })).toBe('en');
    expect(actionLanguage({ locale: 'fr-CA', value: null })).toBe('fr');
    expect(actionLanguage({ locale: undefined, value: 'texte' })).toBe('fr');
  });

  it('reads a command’s language from its word, the client’s when the word says nothing', () => {
    expect(messageLanguage('/déclarer', 'en-US')).toBe('fr');
    expect(messageLanguage('/declare', 'en-US')).toBe('en');
    expect(messageLanguage('/declare', 'fr-CA')).toBe('fr');
  });
});

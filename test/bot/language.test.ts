import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { LanguageMemory } from '../../src/bot/language-memory.js';
import { actionLanguage, fallbackLanguage, messageLanguage, rememberLanguage, turnLanguage } from '../../src/bot/language.js';

/** A turn as the language functions see it: the activity and a fresh turn state. */
function turn(text: string | undefined, options: { locale?: string; conversation?: string; user?: string; type?: string } = {}) {
  const activity = {
    type: options.type ?? 'message',
    text,
    locale: options.locale ?? 'en-US',
    conversation: { id: options.conversation ?? 'a:conversation-1' },
    from: { id: '29:user', aadObjectId: options.user ?? '0000000a-0000-4000-8000-00000000000a' },
  } as Partial<Activity> as Activity;
  return { activity, turnState: new Map() };
}

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
    expect(messageLanguage('/déclarer', 'en')).toBe('fr');
    expect(messageLanguage('/declare', 'en')).toBe('en');
    expect(messageLanguage('/declare', 'fr')).toBe('fr');
  });

  it('answers words that carry no language in the one the person last wrote in here, whatever the client locale', () => {
    const memory = new LanguageMemory(100);
    rememberLanguage(turn('Quelles sont les règles pour les citoyens?'), memory);
    const audit = turn('audit');
    rememberLanguage(audit, memory);
    expect(fallbackLanguage(audit)).toBe('fr');
    expect(turnLanguage(audit)).toBe('fr');
    rememberLanguage(turn('What are the rules for citizens?', { locale: 'fr-CA' }), memory);
    const sources = turn('sources', { locale: 'fr-CA' });
    rememberLanguage(sources, memory);
    expect(fallbackLanguage(sources)).toBe('en');
  });

  it('keeps the language per person and per conversation, and falls back on the locale, then French', () => {
    const memory = new LanguageMemory(100);
    rememberLanguage(turn('Quelles sont les règles?'), memory);
    const other = turn('audit', { user: '0000000b-0000-4000-8000-00000000000b' });
    rememberLanguage(other, memory);
    expect(fallbackLanguage(other)).toBe('en');
    const elsewhere = turn('audit', { conversation: 'a:conversation-2' });
    rememberLanguage(elsewhere, memory);
    expect(fallbackLanguage(elsewhere)).toBe('en');
    const noLocale = turn('audit', { conversation: 'a:conversation-3', locale: '' });
    rememberLanguage(noLocale, memory);
    expect(fallbackLanguage(noLocale)).toBe('fr');
  });

  it('remembers a person per channel, not per thread: every thread of a channel shares what they last wrote in', () => {
    const memory = new LanguageMemory(100);
    rememberLanguage(turn('Quelles sont les règles?', { conversation: '19:canal@thread.tacv2;messageid=1700000000001' }), memory);
    const reply = turn('audit', { conversation: '19:canal@thread.tacv2;messageid=1700000000002' });
    rememberLanguage(reply, memory);
    expect(fallbackLanguage(reply)).toBe('fr');
  });

  it('learns nothing from the identifiers and addresses a command carries', () => {
    const memory = new LanguageMemory(100);
    for (const text of ['/source enonce-principes-ia https://exemple.invalid/des-principes.pdf', 'rollback enonce-principes-ia v2', 'audit IA-2026-0042']) {
      const command = turn(text);
      rememberLanguage(command, memory);
      expect(fallbackLanguage(command), text).toBe('en');
    }
    const question = turn('Est-ce que la directive-lanternes s’applique?');
    rememberLanguage(question, memory);
    expect(fallbackLanguage(question)).toBe('fr');
  });

  it('takes a history or rollback command’s language from its word, not from the French title or id it names', () => {
    const memory = new LanguageMemory(100);
    rememberLanguage(turn('What are the rules for citizens?', { locale: 'fr-CA' }), memory);
    for (const text of ['history Directive fictive sur les lanternes du phare', 'rollback enonce v2', '/history Règles des phares']) {
      rememberLanguage(turn(text, { locale: 'fr-CA' }), memory);
      const sources = turn('sources', { locale: 'fr-CA' });
      rememberLanguage(sources, memory);
      expect(fallbackLanguage(sources), text).toBe('en');
    }
    rememberLanguage(turn('historique lanterns policy'), memory);
    const audit = turn('audit');
    rememberLanguage(audit, memory);
    expect(fallbackLanguage(audit)).toBe('fr');
  });

  it('lets a card press read the memory without writing to it', () => {
    const memory = new LanguageMemory(100);
    rememberLanguage(turn('Quelles sont les règles?'), memory);
    const press = turn('What are the rules?', { type: 'invoke' });
    rememberLanguage(press, memory);
    expect(fallbackLanguage(press)).toBe('fr');
  });
});

describe('LanguageMemory', () => {
  it('forgets the person who wrote least recently beyond its capacity', () => {
    const memory = new LanguageMemory(2);
    memory.remember('a', 'fr');
    memory.remember('b', 'en');
    memory.remember('a', 'fr');
    memory.remember('c', 'en');
    expect(memory.recall('b')).toBeUndefined();
    expect(memory.recall('a')).toBe('fr');
    expect(memory.recall('c')).toBe('en');
  });
});

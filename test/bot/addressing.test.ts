import { describe, expect, it } from 'vitest';
import { isAddressedToBot, withoutMentions } from '../../src/bot/addressing.js';

const recipient = { id: 'bot', name: 'Balises' };

describe('isAddressedToBot', () => {
  it('takes every message of a personal chat', () => {
    expect(isAddressedToBot({ recipient, conversation: { id: 'c', conversationType: 'personal', isGroup: false, name: '' } })).toBe(true);
  });

  it('ignores a group chat message that mentions someone else', () => {
    const entities = [{ type: 'mention', mentioned: { id: 'someone', name: 'X' }, text: '<at>X</at>' }];
    expect(isAddressedToBot({ recipient, entities, conversation: { id: 'c', conversationType: 'groupChat', isGroup: true, name: '' } })).toBe(false);
  });

  it('takes a channel message that mentions the bot', () => {
    const entities = [{ type: 'mention', mentioned: recipient, text: '<at>Balises</at>' }];
    expect(isAddressedToBot({ recipient, entities, conversation: { id: 'c', conversationType: 'channel', isGroup: true, name: '' } })).toBe(true);
  });
});

describe('withoutMentions', () => {
  const mention = (name: string) => ({ type: 'mention', mentioned: { id: name, name }, text: `<at>${name}</at>` });

  it('removes every mention, wherever it is in the message', () => {
    const text = '<at>Marie Tremblay</at> que dit la charte, selon <at>Luc</at>, sur la transparence?';
    expect(withoutMentions(text, [mention('Marie Tremblay'), mention('Luc')])).toBe('que dit la charte, selon , sur la transparence?');
  });

  it('leaves a message without mentions as it is', () => {
    expect(withoutMentions('  que dit  la charte?', [{ type: 'clientInfo' }])).toBe('  que dit  la charte?');
  });
});

import { describe, expect, it } from 'vitest';
import { userConversationKey } from '../../../src/bot/routes/deps.js';

describe('userConversationKey', () => {
  it('finds a person’s personal chat whatever the case their Entra id arrives in', () => {
    const id = '0000000f-0000-4000-8000-0000000000ab';
    expect(userConversationKey(id.toUpperCase())).toBe(userConversationKey(id));
  });
});

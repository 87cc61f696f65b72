import { describe, expect, it } from 'vitest';
import { CARD_VERSION, DECLARATION_VERBS, MAX_CARD_BYTES, REVIEW_VERBS, cardBytes } from '../../../src/bot/cards/index.js';
import { cardText, executeActions, inputs } from '../../helpers/card-walk.js';
import { everyCard } from './all-cards.js';

const KNOWN_VERBS = new Set<string>([...Object.values(DECLARATION_VERBS), ...Object.values(REVIEW_VERBS)]);

describe('every card', () => {
  const cards = everyCard();

  it.each(cards)('%s is an Adaptive Card 1.5 under 28 KB', (_name, card) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe(CARD_VERSION);
    expect(CARD_VERSION).toBe('1.5');
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it.each(cards)('%s: every button is an Action.Execute with a known verb', (_name, card) => {
    const actionTypes = [...(card.actions ?? [])].map((a) => a.type);
    expect(actionTypes.every((t) => t === 'Action.Execute')).toBe(true);
    for (const action of executeActions(card)) {
      expect(typeof action.verb).toBe('string');
      expect(KNOWN_VERBS.has(action.verb)).toBe(true);
    }
  });

  it.each(cards)('%s: every input has a non-empty label', (_name, card) => {
    for (const input of inputs(card)) expect(String(input.label ?? '').trim()).not.toBe('');
  });

  it.each(cards)('%s: every problem says « Erreur » / "Error" in words, not by colour alone', (_name, card) => {
    const json = JSON.stringify(card);
    const attention = (json.match(/"color":"Attention"/g) ?? []).length;
    const worded = cardText(card).split('\n').filter((line) => /\*\*(Erreur\u00a0:|Error:)\*\*/.test(line)).length;
    expect(worded).toBe(attention);
  });
});

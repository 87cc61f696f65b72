import { describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES, cardBytes } from '../../../src/bot/cards/index.js';
import { documentWithdrawnCard, withdrawalNotChangedCard, withdrawConfirmCard } from '../../../src/bot/cards/withdraw-card.js';
import { cardText, executeActions } from '../../helpers/card-walk.js';

/** A title as a pasted file may hold one: long, with markdown and a link. */
const HOSTILE_TITLE = `*Guide* [fictif](https://exemple.test) _${'é'.repeat(10_000)}`;

describe('withdrawal confirmation cards', () => {
  const shown = { docId: 'guide-fictif', title: HOSTILE_TITLE, label: 'v1', publishedAt: '2026-12-03T14:15:00.000Z' };
  const data = { docId: 'guide-fictif', versionId: 7, publishedAt: shown.publishedAt, lang: 'fr' as const };

  it('shows a hostile title clipped and markdown-safe, under the card size limit, in both languages', () => {
    for (const language of ['fr', 'en'] as const) {
      const cards = [
        withdrawConfirmCard(shown, { ...data, lang: language }, language),
        documentWithdrawnCard(shown, { who: 'Adèle Gouvernance', at: shown.publishedAt }, language),
        withdrawalNotChangedCard({ kind: 'changed', version: shown }, language),
      ];
      for (const card of cards) {
        expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
        expect(cardText(card)).toContain('\\*Guide\\* \\[fictif\\](https://exemple.test) \\_');
        expect(cardText(card)).not.toContain('é'.repeat(200));
      }
    }
  });

  it('carries the publication it showed on both buttons, which answer in the card’s language', () => {
    const card = withdrawConfirmCard(shown, { ...data, lang: 'en' }, 'en');
    expect(executeActions(card).map((a) => [a.title, a.verb, a.data, a.associatedInputs])).toEqual([
      ['Withdraw the document', 'documents.withdraw', { ...data, lang: 'en' }, 'none'],
      ['Cancel', 'documents.withdraw_cancel', { ...data, lang: 'en' }, 'none'],
    ]);
    expect(cardText(card)).toContain('Published version v1, published on December 3, 2026');
  });

  it('names the document in the button’s tooltip as plain text, not markdown', () => {
    const card = withdrawConfirmCard({ ...shown, title: '*Guide* fictif' }, data, 'fr');
    expect(executeActions(card)[0]!.tooltip).toBe('Retirer «\u00a0*Guide* fictif\u00a0»\u00a0: les réponses ne le citeront plus');
  });
});

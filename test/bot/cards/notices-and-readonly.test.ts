import { describe, expect, it } from 'vitest';
import { MAX_REVIEW_COMMENT_CHARS, receiptCard, refusalCard, reviewCard, statusCard } from '../../../src/bot/cards/index.js';
import { cardText, executeActions, inputs } from '../../helpers/card-walk.js';
import { submittedRecord } from '../../helpers/declarations.js';

const ADMIN = '00000000-0000-0000-0000-0000000000ad';

describe('statusCard', () => {
  for (const state of ['approved', 'rejected'] as const) {
    it(`shows only a clear notice of its state for a ${state} declaration, no receipt wording`, () => {
      const fr = cardText(statusCard(submittedRecord({ state }), 'fr'));
      expect(fr).toContain('Déclaration IA-2031-0001');
      expect(fr).toContain(`Cette déclaration ne peut plus être modifiée\u00a0: son état est «\u00a0${state === 'approved' ? 'Approuvée' : 'Refusée'}\u00a0».`);
      expect(fr).not.toContain('Déclaration reçue');
      expect(fr).not.toContain('transmise à l’équipe de gouvernance');
      const en = cardText(statusCard(submittedRecord({ state }), 'en'));
      expect(en).not.toContain('Declaration received');
      expect(en).not.toContain('has been sent to the governance team');
    });
  }

  it('keeps the receipt for a declaration awaiting its decision', () => {
    const text = cardText(statusCard(submittedRecord({ state: 'in_review' }), 'fr'));
    expect(text).toContain('Déclaration reçue\u00a0: IA-2031-0001');
    expect(text).toContain('son état est «\u00a0En examen\u00a0»');
    expect(text).toContain('Elle attend la décision de l’équipe de gouvernance.');
    expect(text).not.toContain('transmise à l’équipe de gouvernance');
  });
});

describe('receipt wording', () => {
  // Quebec public-service writing is épicène: « Vous serez avisé » speaks to men only (Playground QA: Camille's receipt).
  for (const state of ['submitted', 'in_review'] as const) {
    it(`says where the decision will come without a masculine-only participle (${state})`, () => {
      const text = cardText(statusCard(submittedRecord({ state }), 'fr'));
      expect(text).toContain('vous sera communiquée ici');
      expect(text).not.toMatch(/serez avisé/);
    });
  }
  for (const intro of ['sent', 'awaitingChannel'] as const) {
    it(`says where the decision will come without a masculine-only participle on the receipt (${intro})`, () => {
      const text = cardText(receiptCard(submittedRecord(), 'fr', { intro }));
      expect(text).toContain('Sa décision vous sera communiquée ici.');
      expect(text).not.toMatch(/serez avisé/);
    });
  }
});

describe('refusalCard', () => {
  it('tells someone they cannot edit another person’s declaration', () => {
    expect(cardText(refusalCard('not_author', 'fr'))).toContain('Vous ne pouvez pas modifier la déclaration de quelqu’un d’autre');
    expect(cardText(refusalCard('not_author', 'en'))).toContain('You cannot edit someone else’s declaration');
  });

  it('gives the reviewer a reviewer-side message for an invalid review card', () => {
    const text = cardText(refusalCard('invalid_review_card', 'fr'));
    expect(text).toContain('Cette carte d’examen n’est plus valide');
    expect(text).not.toContain('/déclarer');
  });
});

describe('reviewCard', () => {
  it('is read-only (no comment input, no decision buttons, refresh kept) for someone outside the governance team', () => {
    const card = reviewCard(submittedRecord(), 'fr', { adminIds: [ADMIN], readOnly: true });
    expect(cardText(card)).toContain('Déclaration à examiner\u00a0: IA-2031-0001');
    expect(card.actions).toBeUndefined();
    expect(inputs(card)).toEqual([]);
    expect(executeActions(card).map((a) => a.verb)).toEqual(['review.refresh']);
  });

  it('states the comment limit for a comment that is not a text or too long', () => {
    const label = (language: 'fr' | 'en') => inputs(reviewCard(submittedRecord(), language, { adminIds: [ADMIN], commentError: 'invalid' })).find((i) => i.id === 'comment')?.label;
    expect(label('fr')).toContain(`— Erreur\u00a0: le commentaire doit être un texte d’au plus ${MAX_REVIEW_COMMENT_CHARS} caractères.`);
    expect(label('en')).toContain(`— Error: the comment must be a text of at most ${MAX_REVIEW_COMMENT_CHARS} characters.`);
  });
});

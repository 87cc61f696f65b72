import { describe, expect, it } from 'vitest';
import { confirmLeaveCard, leftCard } from '../../../src/bot/cards/index.js';
import { cardText } from '../../helpers/card-walk.js';
import { sampleRecord } from '../../helpers/declarations.js';

/** A card's text, the no-break spaces beside « », : and ? read as plain spaces. */
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');

describe('« Ne plus suivre »: how the declarant, of any gender, is said to be told', () => {
  const record = sampleRecord({ declarant: { id: 'fictive-declarant', name: 'Personne Fictive' } });

  it('agrees with nobody’s gender: the notice is the subject, not the declarant', () => {
    const question = plain(cardText(confirmLeaveCard(record, 'fr')));
    const done = plain(cardText(leftCard(record, 'fr')));
    expect(question).toContain('Un avis sera envoyé à Personne Fictive, qui l’a déclarée ; seule cette personne pourra vous la partager de nouveau.');
    expect(done).toContain('Un avis est envoyé à Personne Fictive.');
    for (const text of [question, done]) expect(text).not.toMatch(/avisée?\b/u);
  });

  it('says in English that the declarant will be notified, not that they "are told"', () => {
    expect(plain(cardText(leftCard(record, 'en')))).toContain('". Personne Fictive will be notified.');
  });
});

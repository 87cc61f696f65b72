import { describe, expect, it } from 'vitest';
import { sharedNoticeCard } from '../../../src/bot/cards/index.js';
import type { DeclarationState } from '../../../src/inventory/index.js';
import { cardText } from '../../helpers/card-walk.js';
import { sampleRecord, submittedRecord } from '../../helpers/declarations.js';

/** The notice's text, the no-break spaces beside « », : and ? read as plain spaces. */
const text = (state: DeclarationState, language: 'fr' | 'en'): string => {
  const record = state === 'draft' ? sampleRecord() : { ...submittedRecord(), state };
  return cardText(sharedNoticeCard(record, 'Personne Fictive', language)).replace(/\u00a0/g, ' ');
};

describe('the notice a colleague gets when a declaration is shared with them', () => {
  it('promises editing only while the declaration can be edited', () => {
    expect(text('draft', 'fr')).toContain('vous pouvez la consulter, la modifier et la soumettre.');
    expect(text('changes_requested', 'fr')).toContain('vous pouvez la consulter, la modifier et la soumettre.');
    expect(text('submitted', 'fr')).toContain(
      ': elle attend la décision de l’équipe de gouvernance ; vous pouvez la consulter, et la modifier si des changements sont demandés. Vous la trouverez dans « mes déclarations ».',
    );
    for (const state of ['approved', 'rejected'] as const) {
      expect(text(state, 'fr')).toContain(': l’équipe de gouvernance l’a examinée ; vous pouvez la consulter. Vous la trouverez');
      expect(text(state, 'fr')).not.toContain('modifier');
      expect(text(state, 'en')).toContain(': the governance team has reviewed it; you can view it. You will find it in "my declarations".');
    }
    expect(text('in_review', 'en')).toContain('it awaits the governance team’s decision; you can view it, and edit it if changes are requested.');
  });
});

import { describe, expect, it } from 'vitest';
import { accessHistoryElements, collaboratorsCard } from '../../../src/bot/cards/collaborators-card.js';
import type { AccessEvent } from '../../../src/inventory/index.js';
import { cardText } from '../../helpers/card-walk.js';
import { submittedRecord } from '../../helpers/declarations.js';

/** A colleague Balises has no name for (never wrote to it): the sharing card names them by their Entra id. */
const STRANGER = '0000000d-0000-4000-8000-00000000000d';
/** A colleague whose name Balises knows, opening on a vowel. */
const ALEXIS = '0000000a-0000-4000-8000-00000000000a';
const NAMES = new Map([[ALEXIS, 'Alexis Fictif']]);

/** The card's or elements' text with the no-break spaces beside « », : read as plain spaces. */
const plain = (node: unknown): string => cardText(node).replace(/\u00a0/g, ' ');

/** One access change made by the fictional declarant, on 4 December 2031 at 14:15 UTC (9 h 15 in Quebec). */
const change = (userId: string, kind: AccessEvent['change']): AccessEvent => ({
  declarationId: submittedRecord().id,
  at: '2031-12-04T14:15:00.000Z',
  actor: { id: 'declarant', name: 'Personne Fictive' },
  change: kind,
  userId,
});

describe('sentences of the sharing card about a colleague Balises has no name for', () => {
  it('say « Une personne de votre organisation … a maintenant accès », never « Personne … » (nobody) run into the verb', () => {
    const record = submittedRecord({ collaborators: [STRANGER] });
    const fr = plain(collaboratorsCard(record, new Map(), 'fr', { kind: 'added', people: [{ id: STRANGER, notified: false }], already: 0 }));
    expect(fr).toContain(`Une personne de votre organisation (identifiant Microsoft Entra ${STRANGER}) a maintenant accès à cette déclaration.`);
    expect(fr).not.toContain('Balises a maintenant accès');
    // The list of people keeps saying that this person has not written to Balises yet.
    expect(fr).toContain(`Personne de votre organisation (identifiant Microsoft Entra ${STRANGER}), qui n’a pas encore écrit à Balises`);
    const en = plain(collaboratorsCard(record, new Map(), 'en', { kind: 'added', people: [{ id: STRANGER, notified: false }], already: 0 }));
    expect(en).toContain(`Someone in your organisation (Microsoft Entra id ${STRANGER}) now has access to this declaration.`);
  });

  it('say who lost access the same way', () => {
    const record = submittedRecord({ collaborators: [] });
    expect(plain(collaboratorsCard(record, new Map(), 'fr', { kind: 'removed', id: STRANGER }))).toContain(
      `Une personne de votre organisation (identifiant Microsoft Entra ${STRANGER}) n’a plus accès à cette déclaration.`,
    );
  });
});

describe('the access history « Voir » shows', () => {
  it('names a colleague without a name as someone, not as someone who « has not written to Balises yet » at that time, and elides « de »', () => {
    const events = [change(STRANGER, 'added'), change(STRANGER, 'removed'), change(ALEXIS, 'added'), change(ALEXIS, 'removed')];
    const fr = plain(accessHistoryElements(events, NAMES, 'fr'));
    expect(fr).toContain(`: Personne Fictive a donné accès à une personne de votre organisation (identifiant Microsoft Entra ${STRANGER}).`);
    expect(fr).toContain(`: Personne Fictive a retiré l’accès d’une personne de votre organisation (identifiant Microsoft Entra ${STRANGER}).`);
    expect(fr).toContain(': Personne Fictive a donné accès à Alexis Fictif.');
    expect(fr).toContain(': Personne Fictive a retiré l’accès d’Alexis Fictif.');
    expect(fr).not.toContain('écrit à Balises');
    const en = plain(accessHistoryElements(events, NAMES, 'en'));
    expect(en).toContain(`: Personne Fictive took away the access of someone in your organisation (Microsoft Entra id ${STRANGER}).`);
    expect(en).not.toContain('written to Balises');
  });
});

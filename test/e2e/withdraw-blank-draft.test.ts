import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, cardText, inputValues } from '../helpers/card-walk.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * A colleague takes a shared declaration back to draft while its declarant is typing a new one in the step card
 * `/déclarer` opened (nothing saved yet: the draft is blank on the server). The declarant's « Suivant » must keep
 * what they typed, not answer « Cette déclaration est introuvable ».
 */

const ADMIN: TeamsUser = { id: '29:admin-vierge', name: 'Admin Vierge', aadObjectId: '0000000e-0000-4000-8000-0000000005c1' };
const CHANNEL = '19:gouvernance-vierge@thread.tacv2';
const declarant = declarants('declarant-vierge', 'Déclarant Vierge', '0000000e-0000-4000-8000-0000000008');
const colleague = declarants('collegue-vierge', 'Collègue Vierge', '0000000e-0000-4000-8000-0000000009');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('a colleague taking a declaration back while its declarant types a new one', () => {
  const { press, say, message, as, submitted } = reviewBot('balises-withdraw-blank', [ADMIN], CHANNEL, { bot: 45121, connector: 45122 });

  it('keeps what the declarant typed on the blank draft’s card', async () => {
    const user = declarant();
    const col = colleague();
    await message('bonjour', as(col));
    const receiptCard = await submitted(user);
    const declarationId = actionData(receiptCard, 'review.take').declarationId as string;
    const sharing = await press('declaration.share', { declarationId, lang: 'fr' }, as(user));
    await press('declaration.share.add', { ...actionData(sharing, 'declaration.share.add'), collaborators: col.aadObjectId }, as(user));

    // The declarant opens a new declaration and types in its first step, without pressing yet.
    const blank = await say('/déclarer', as(user));
    const typed = { name: 'Projet tapé fictif', purpose: 'Un texte fictif que la personne a tapé longuement avant de continuer.' };

    expect(plain(await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(col)))).toContain('est de nouveau un brouillon');

    const next = await press('declaration.next', { ...actionData(blank, 'declaration.next'), ...inputValues(blank, typed) }, as(user));
    expect(plain(next)).not.toContain('introuvable');
    expect(plain(next)).toContain('Projet tapé fictif');
    const mine = plain(await say('mes déclarations', as(user)));
    expect(mine).toContain('Projet tapé fictif');
  });

  it('keeps what the declarant typed when they press « Reprendre en brouillon » on their list before « Suivant »', async () => {
    const user = declarant();
    const receiptCard = await submitted(user);
    const declarationId = actionData(receiptCard, 'review.take').declarationId as string;
    // The step card /déclarer opened, typed in; then the list above it in the chat, and its « Reprendre en brouillon ».
    const blank = await say('/déclarer', as(user));
    const typed = { name: 'Autre projet tapé fictif', purpose: 'Un autre texte fictif tapé longuement avant de continuer.' };
    const list = await say('mes déclarations', as(user));
    expect(plain(list)).not.toContain('(sans nom)');
    expect(plain(await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user)))).toContain('est de nouveau un brouillon');
    // Still blank: « mes déclarations » does not list it as an empty « (sans nom) » draft.
    expect(plain(await say('mes déclarations', as(user)))).not.toContain('(sans nom)');

    const next = await press('declaration.next', { ...actionData(blank, 'declaration.next'), ...inputValues(blank, typed) }, as(user));
    expect(plain(next)).not.toContain('introuvable');
    expect(plain(next)).toContain('Autre projet tapé fictif');
    expect(plain(await say('mes déclarations', as(user)))).toContain('Autre projet tapé fictif');
  });
});

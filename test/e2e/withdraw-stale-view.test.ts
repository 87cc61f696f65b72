import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, cardText, executeActions, type Json } from '../helpers/card-walk.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * « Voir » pressed on a list or receipt shown while the declaration was submitted, after a colleague (or the
 * declarant elsewhere) took it back to draft: the declarant learns that it is a draft again and who took it back,
 * rather than « Cette carte n’est plus valide ».
 */

const ADMIN: TeamsUser = { id: '29:admin-voir', name: 'Admin Voir', aadObjectId: '0000000e-0000-4000-8000-0000000005d1' };
const CHANNEL = '19:gouvernance-voir@thread.tacv2';
const declarant = declarants('declarant-voir', 'Déclarante Voir', '0000000e-0000-4000-8000-000000000a');
const colleague = declarants('collegue-voir', 'Collègue Voir', '0000000e-0000-4000-8000-000000000b');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');
const verbs = (card: Json) => executeActions(card).map((a) => a.verb as string);

describe('« Voir » on a declaration taken back to draft since the list was shown', () => {
  const { press, say, message, as, submitted } = reviewBot('balises-withdraw-view', [ADMIN], CHANNEL, { bot: 45131, connector: 45132 });

  it('tells the declarant it is a draft again and who took it back, in French and in English', async () => {
    const user = declarant();
    const col = colleague();
    await message('bonjour', as(col));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];
    const sharing = await press('declaration.share', { declarationId, lang: 'fr' }, as(user));
    await press('declaration.share.add', { ...actionData(sharing, 'declaration.share.add'), collaborators: col.aadObjectId }, as(user));

    // The declarant's list, shown while it was submitted, offers « Voir ».
    const list = await say('mes déclarations', as(user));
    const view = executeActions(list).find((a) => a.verb === 'declaration.view' && a.data.declarationId === declarationId);
    expect(view).toBeDefined();

    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(col));

    const seen = await press('declaration.view', view!.data, as(user));
    expect(plain(seen)).not.toContain('n’est plus valide');
    expect(plain(seen)).toContain(`La déclaration ${publicId} « Tri fictif des demandes de permis » est de nouveau un brouillon : ${col.name} l’a reprise le `);
    expect(verbs(seen)).toEqual(['declaration.reopen', 'declaration.list_mine']);

    const english = await press('declaration.view', { declarationId, lang: 'en' }, as(user, { locale: 'en-CA' }));
    expect(plain(english)).toContain(`Declaration ${publicId} "Tri fictif des demandes de permis" is a draft again: ${col.name} took it back on `);
  });
});

import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, cardText } from '../helpers/card-walk.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * A Bot Framework activity's `from.name` is optional, and a directory name of control characters only is empty once
 * they are stripped: a colleague acting so on a shared declaration must still be named to its declarant and to the
 * governance channel, not left out of the sentence (« … est de nouveau un brouillon :  l’a reprise le … »).
 */

const ADMIN: TeamsUser = { id: '29:admin-sans-nom', name: 'Admin Sans Nom', aadObjectId: '0000000e-0000-4000-8000-0000000007a1' };
const CHANNEL = '19:gouvernance-sans-nom@thread.tacv2';
const declarant = declarants('declarant-sans-nom', 'Déclarant Nommé', '0000000e-0000-4000-8000-0000000007');
const colleague = declarants('collegue-sans-nom', 'Collègue Nommé', '0000000e-0000-4000-8000-0000000006');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('a colleague whose Teams activity carries no display name', () => {
  const { bot, as, submitted, press, message, personal } = reviewBot('balises-nameless-actor', [ADMIN], CHANNEL);

  it('is named by « nom inconnu » and their Entra id when they take the declaration back and leave it', async () => {
    const user = declarant();
    const named = colleague();
    await message('bonjour', as(user));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const sharing = await press('declaration.share', { declarationId, lang: 'fr' }, as(user));
    await press('declaration.share.add', { ...actionData(sharing, 'declaration.share.add'), collaborators: named.aadObjectId }, as(user));
    // No `name` in `from` (JSON drops undefined), then a name of direction and control characters only.
    const nameless = { ...named, name: undefined as unknown as string };
    const unknown = `(nom inconnu, identifiant Microsoft Entra ${named.aadObjectId})`;

    expect(plain(await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(nameless)))).toContain('est de nouveau un brouillon');
    const view = plain(await press('declaration.view', { declarationId, lang: 'fr' }, as(user)));
    expect(view).toContain(`est de nouveau un brouillon : ${unknown} l’a reprise le `);
    const [update] = await bot.connector.waitFor((c) => c.method === 'PUT' && plain(c.body.attachments?.[0]?.content).includes('reprise en brouillon'), 1, 10_000);
    expect(plain(update!.body.attachments[0].content)).toContain(`${unknown} a repris cette déclaration en brouillon le `);

    const blank = { ...named, name: '\u202e\u0007 ' };
    expect(plain(await press('declaration.leave.confirm', { declarationId, lang: 'fr' }, as(blank)))).toContain('Vous ne suivez plus');
    const [notice] = await bot.connector.waitFor((c) => c.conversationId === personal(user) && plain(c.body.attachments?.[0]?.content).includes('ne suit plus'), 1, 10_000);
    expect(plain(notice!.body.attachments[0].content)).toMatch(new RegExp(`^${unknown.replace(/[()]/g, '\\$&')} ne suit plus votre déclaration IA-`));
  });
});

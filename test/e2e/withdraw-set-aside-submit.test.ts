import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * A declarant fills a second declaration to its last step while a colleague takes their first one, shared with the
 * colleague, back to draft: the taken-back declaration becomes the declarant's draft and the second one is set aside.
 * Their « Soumettre » then shows the second one set aside; the card must not say they set it aside « pour en
 * commencer un autre », which they never did, but what can have made another declaration their draft.
 */

const ADMIN: TeamsUser = { id: '29:admin-mis-de-cote', name: 'Admin Mis De Côté', aadObjectId: '0000000e-0000-4000-8000-0000000009a1' };
const CHANNEL = '19:gouvernance-mis-de-cote@thread.tacv2';
const declarant = declarants('declarant-mis-de-cote', 'Déclarant Deux Projets', '0000000e-0000-4000-8000-0000000009');
const colleague = declarants('collegue-mis-de-cote', 'Collègue Qui Reprend', '0000000e-0000-4000-8000-0000000010');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('« Soumettre » on a draft a colleague’s take-back set aside', () => {
  const { as, submitted, press, say, message } = reviewBot('balises-withdraw-set-aside', [ADMIN], CHANNEL);

  it('says the draft was set aside because another declaration became the draft, keeping what was typed', async () => {
    const user = declarant();
    const col = colleague();
    await message('bonjour', as(col));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const sharing = await press('declaration.share', { declarationId, lang: 'fr' }, as(user));
    await press('declaration.share.add', { ...actionData(sharing, 'declaration.share.add'), collaborators: col.aadObjectId }, as(user));

    // The second declaration, filled up to its « Soumettre ».
    const draft = { ...validDraft(), name: 'Deuxième projet fictif' };
    let card = await say('/déclarer', as(user));
    let submit: Json | undefined;
    while (!submit) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      if (executeActions(card).some((a) => a.verb === 'declaration.submit')) submit = { ...actionData(card, 'declaration.submit'), ...values };
      else card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...values }, as(user));
    }

    expect(plain(await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(col)))).toContain('est de nouveau un brouillon');
    const answer = plain(await press('declaration.submit', submit, as(user)));
    expect(answer).toContain('Ce brouillon a été mis de côté, avec tout ce que vous y aviez saisi');
    expect(answer).toContain('une déclaration reprise en brouillon par vous ou un collaborateur');
    expect(answer).not.toContain('pour en commencer un autre');
    expect(answer).toContain('Deuxième projet fictif');
    const mine = plain(await say('mes déclarations', as(user)));
    expect(mine).toContain('Deuxième projet fictif');
    expect(mine).toContain('Brouillon mis de côté');

    const english = plain(await press('declaration.submit', { ...submit, lang: 'en' }, as(user, { locale: 'en-CA' })));
    expect(english).toContain('a declaration taken back to draft by you or a collaborator');
    expect(english).not.toContain('so that another could be started');
  });
});

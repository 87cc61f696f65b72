import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../helpers/card-activities.js';
import { savedFirstStep } from '../helpers/card-conversation.js';
import { actionData, cardText, executeActions, inputs, inputValues } from '../helpers/card-walk.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * A person types in the step card of a new, blank declaration, then presses « Reprendre ce brouillon » on a draft set
 * aside, in « mes déclarations » above it in the chat, before « Suivant »: the blank draft steps aside for the one
 * resumed. Their « Suivant » must keep what they typed, not answer « Cette déclaration est introuvable ».
 */

const ADMIN: TeamsUser = { id: '29:admin-reprise-saisie', name: 'Admin Reprise Saisie', aadObjectId: '0000000e-0000-4000-8000-0000000011a1' };
const CHANNEL = '19:gouvernance-reprise-saisie@thread.tacv2';
const person = declarants('personne-reprise-saisie', 'Personne Qui Tape', '0000000e-0000-4000-8000-0000000011');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('resuming a draft set aside while typing in a new one', () => {
  const conversation = reviewBot('balises-resume-while-typing', [ADMIN], CHANNEL);
  const { as, press, say } = conversation;

  it('keeps what was typed in the new draft’s card, set aside in its turn, and lists it once typed', async () => {
    const user = person();
    await savedFirstStep(conversation, as(user), 'Premier projet fictif');
    const list = await say('mes déclarations', as(user));
    const fresh = await press('declaration.start_new', actionData(list, 'declaration.start_new'), as(user));
    const typed = { name: 'Second projet tapé fictif', purpose: 'Un texte fictif tapé longuement avant de continuer.' };

    const again = await say('mes déclarations', as(user));
    const resume = executeActions(again).find((a) => a.verb === 'declaration.reopen')!;
    const resumed = await press('declaration.reopen', resume.data, as(user));
    expect(plain(resumed)).toContain('Brouillon repris');

    const next = await press('declaration.next', { ...actionData(fresh, 'declaration.next'), ...inputValues(fresh, typed) }, as(user));
    expect(plain(next)).not.toContain('introuvable');
    expect(plain(next) + JSON.stringify(inputs(next))).toContain('Second projet tapé fictif');
    const mine = plain(await say('mes déclarations', as(user)));
    expect(mine).toContain('Second projet tapé fictif');
    expect(mine).toContain('Premier projet fictif');
    expect(mine).not.toContain('(sans nom)');
  });
});

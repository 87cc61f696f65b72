import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclarationDraft } from '../../src/inventory/schema.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';

/**
 * A step card pressed after the draft changed elsewhere (another window, another device): what the person typed on
 * it is never thrown away.
 */

let next = 0;
/** A new person each time: one draft per declarant, so each test starts from its own. */
function person(): TeamsUser {
  next++;
  const n = String(next).padStart(2, '0');
  return { id: `29:fenetres-${n}`, name: `Personne Fictive ${n}`, aadObjectId: `0000000d-0000-4000-8000-0000000000${n}` };
}

describe('a stale declaration card, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });
  const { say, press } = cardConversation(() => running.url, () => connector);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-stale-'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ORGANISME_PUBLIC: 'Office fictif des permis' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The card's inputs filled with the valid draft, then `changes`, as Teams sends them. */
  const filled = (card: Json, changes: Record<string, string> = {}) => {
    const draft = validDraft();
    return inputValues(card, { ...Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof DeclarationDraft])])), ...changes });
  };

  /** Presses `verb` on `card` with `values` typed in its inputs. */
  const pressWith = (card: Json, verb: string, values: Record<string, string>, who: ConversationOptions) =>
    press(verb, { ...actionData(card, verb), ...values }, who);

  /** A draft whose step 1 is saved valid; returns the step-2 card. */
  async function draftAtStep2(who: ConversationOptions): Promise<Json> {
    const step1 = await say('/déclarer', who);
    return pressWith(step1, 'declaration.next', filled(step1), who);
  }

  /** Another window on the same draft, at step 1: `/déclarer` (which resumes at the first unfinished step), then « Précédent » to step 1. */
  async function otherWindowAtStep1(who: ConversationOptions): Promise<Json> {
    let card = await say(who.locale?.startsWith('en') ? '/declare' : '/déclarer', who);
    while (actionData(card).step !== 'identification') card = await pressWith(card, 'declaration.back', inputValues(card), who);
    return card;
  }

  /** The person's list of declarations, as text. */
  const myList = async (who: ConversationOptions) => cardText(await say('mes déclarations', who));

  it('saves what was typed into the current draft when the other window changed other fields, and says so', async () => {
    const me = as(person());
    const step2 = await draftAtStep2(me);
    const windowA = await pressWith(step2, 'declaration.back', inputValues(step2), me);
    const windowB = await otherWindowAtStep1(me);
    await pressWith(windowB, 'declaration.next', inputValues(windowB, { benefits: 'Des bénéfices précisés dans l’autre fenêtre.' }), me);

    const answer = await pressWith(windowA, 'declaration.next', inputValues(windowA, { name: 'Nom changé dans la première fenêtre' }), me);
    const text = cardText(answer);
    expect(text).toContain('Étape 2 sur 3');
    expect(text).toContain('Cette déclaration avait changé ailleurs depuis l’affichage de la carte');
    expect(text).toContain('vos saisies y sont enregistrées, sans effacer ces changements.');
    expect(text).not.toContain('voici la version actuelle');

    const back = await pressWith(answer, 'declaration.back', inputValues(answer), me);
    expect(inputValues(back)).toMatchObject({ name: 'Nom changé dans la première fenêtre', benefits: 'Des bénéfices précisés dans l’autre fenêtre.' });
  });

  it('keeps what was typed in a field also changed elsewhere, shows the saved version under it in words, and saves the rest', async () => {
    const me = as(person());
    const step2 = await draftAtStep2(me);
    const windowA = await pressWith(step2, 'declaration.back', inputValues(step2), me);
    const windowB = await otherWindowAtStep1(me);
    await pressWith(windowB, 'declaration.next', inputValues(windowB, { purpose: 'Version de l’autre fenêtre : classer les demandes fictives.' }), me);

    const typed = inputValues(windowA, { purpose: 'Version de cette fenêtre : trier les demandes fictives par urgence.', name: 'Nom de cette fenêtre' });
    const answer = await pressWith(windowA, 'declaration.next', typed, me);
    const text = cardText(answer);
    expect(text).toContain('Étape 1 sur 3');
    expect(text).toContain('Un champ que vous avez modifié l’a aussi été ailleurs\u00a0: il garde ici votre saisie');
    expect(text).toContain('**Modifié ailleurs\u00a0:** version enregistrée\u00a0: «\u00a0Version de l’autre fenêtre\u00a0: classer les demandes fictives.\u00a0».');
    expect(inputValues(answer)).toMatchObject({ purpose: typed.purpose, name: 'Nom de cette fenêtre' });
    // The name, changed on this card only, is already saved.
    expect(await myList(me)).toContain('Nom de cette fenêtre');

    // Pressing on with the typed version keeps it.
    const step2Again = await pressWith(answer, 'declaration.next', inputValues(answer), me);
    expect(cardText(step2Again)).toContain('Étape 2 sur 3');
    expect(cardText(step2Again)).not.toContain('Modifié ailleurs');
    const resumed = await pressWith(step2Again, 'declaration.back', inputValues(step2Again), me);
    expect(inputValues(resumed).purpose).toBe(typed.purpose);
  });

  it('submits nothing from a stale « Soumettre »: the last step again, with what was typed saved', async () => {
    const me = as(person());
    const step2 = await draftAtStep2(me);
    const step3 = await pressWith(step2, 'declaration.next', filled(step2), me);
    expect(cardText(step3)).toContain('Étape 3 sur 3');
    const windowB = await otherWindowAtStep1(me);
    await pressWith(windowB, 'declaration.next', inputValues(windowB, { name: 'Nom revu dans l’autre fenêtre' }), me);

    const answer = await pressWith(step3, 'declaration.submit', filled(step3, { humanOversight: 'Une personne revoit chaque classement fictif.' }), me);
    const text = cardText(answer);
    expect(text).not.toContain('Déclaration reçue');
    expect(text).toContain('Étape 3 sur 3');
    expect(text).toContain('Rien n’est encore soumis');
    expect(inputValues(answer).humanOversight).toBe('Une personne revoit chaque classement fictif.');

    const receipt = await pressWith(answer, 'declaration.submit', inputValues(answer), me);
    expect(cardText(receipt)).toContain('Déclaration reçue');
    expect(cardText(receipt)).toContain('Nom revu dans l’autre fenêtre');
  });

  it('says that what a card typed after the declaration was submitted elsewhere was not applied, in the card’s language', async () => {
    for (const [locale, notice] of [
      ['fr-CA', 'Cette déclaration a déjà été soumise\u00a0: ce que vous avez tapé sur cette carte n’a pas été appliqué. Pour la modifier, demandez à l’équipe de gouvernance de vous la renvoyer.'],
      ['en-CA', 'This declaration was already submitted: what you typed on this card was not applied. To change it, ask the governance team to send it back to you.'],
    ] as const) {
      const me = as(person(), { locale });
      const command = locale === 'en-CA' ? '/declare' : '/déclarer';
      const step1 = await say(command, me);
      const phone = await pressWith(step1, 'declaration.next', filled(step1), me);
      // On the desktop, the same draft is finished and submitted.
      let desktop = await say(command, me);
      while (actionData(desktop).step !== 'effects') desktop = await pressWith(desktop, 'declaration.next', filled(desktop), me);
      const receipt = await pressWith(desktop, 'declaration.submit', filled(desktop), me);
      expect(executeActions(receipt).some((a) => a.verb === 'declaration.submit')).toBe(false);

      const late = await pressWith(phone, 'declaration.next', filled(phone, { supplier: 'Fournisseur fictif tapé après la soumission' }), me);
      expect(cardText(late)).toContain(notice);
      const untouched = await pressWith(phone, 'declaration.next', filled(phone), me);
      expect(cardText(untouched)).not.toContain(notice);
      expect(await myList(me)).not.toContain('Fournisseur fictif tapé après la soumission');
    }
  });

  it('says it in English on an English card', async () => {
    const me = as(person(), { locale: 'en-CA' });
    const step1 = await say('/declare', me);
    const step2 = await pressWith(step1, 'declaration.next', filled(step1), me);
    const windowA = await pressWith(step2, 'declaration.back', inputValues(step2), me);
    const windowB = await otherWindowAtStep1(me);
    await pressWith(windowB, 'declaration.next', inputValues(windowB, { benefits: 'Benefits typed in the other window.' }), me);

    const answer = await pressWith(windowA, 'declaration.next', inputValues(windowA, { benefits: 'Benefits typed in this window.' }), me);
    const text = cardText(answer);
    expect(text).toContain('A field you changed was also changed elsewhere: it keeps what you typed here');
    expect(text).toContain('**Changed elsewhere:** saved version: “Benefits typed in the other window.”.');
    expect(inputValues(answer).benefits).toBe('Benefits typed in this window.');
  });

  it('keeps every differing value of a card from before digests, saving none of them', async () => {
    const me = as(person());
    const step1 = await say('/déclarer', me);
    const data = { ...actionData(step1, 'declaration.next') };
    delete data.shown;
    await pressWith(step1, 'declaration.next', filled(step1), me);

    const answer = await press('declaration.next', { ...data, ...filled(step1, { name: 'Nom d’une vieille carte' }) }, me);
    expect(cardText(answer)).toContain('Un champ que vous avez modifié l’a aussi été ailleurs');
    expect(inputValues(answer).name).toBe('Nom d’une vieille carte');
    const list = await myList(me);
    expect(list).toContain(validDraft().name);
    expect(list).not.toContain('Nom d’une vieille carte');
  });

  it('answers a double click on « Suivant » with the same step 2 twice, one after the other or at once, no « a changé »', async () => {
    for (const atOnce of [false, true]) {
      const me = as(person());
      const step1 = await say('/déclarer', me);
      const values = filled(step1);
      const [first, again] = atOnce
        ? await Promise.all([pressWith(step1, 'declaration.next', values, me), pressWith(step1, 'declaration.next', values, me)])
        : [await pressWith(step1, 'declaration.next', values, me), await pressWith(step1, 'declaration.next', values, me)];
      expect(cardText(first)).toContain('Étape 2 sur 3');
      expect(again).toEqual(first);
      expect(cardText(again)).not.toContain('a changé');
    }
  });

  it('answers a double click on « Suivant » with problems by the same step and the same problems twice', async () => {
    const me = as(person());
    const step1 = await say('/déclarer', me);
    const values = filled(step1, { name: '' });
    const first = await pressWith(step1, 'declaration.next', values, me);
    const again = await pressWith(step1, 'declaration.next', values, me);
    expect(cardText(first)).toContain('Étape 1 sur 3');
    expect(cardText(first)).toContain('**Erreur\u00a0:**');
    expect(again).toEqual(first);
  });

  it('still says « a changé » for an untouched old card whose values were changed elsewhere since', async () => {
    const me = as(person());
    const step1 = await say('/déclarer', me);
    await pressWith(step1, 'declaration.next', filled(step1), me);
    const old = await pressWith(step1, 'declaration.next', inputValues(step1), me);
    expect(cardText(old)).toContain('Cette déclaration a changé depuis l’affichage de cette carte\u00a0: voici la version actuelle.');
    expect(inputValues(old).name).toBe(validDraft().name);
  });
});

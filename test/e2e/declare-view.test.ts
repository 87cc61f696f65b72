import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-view', name: 'Admin Fictive', aadObjectId: '0000000c-0000-4000-8000-0000000003ad' };
const DECLARANT: TeamsUser = { id: '29:declarant-view', name: 'Personne Fictive', aadObjectId: '0000000c-0000-4000-8000-0000000003aa' };
const STRANGER: TeamsUser = { id: '29:inconnu-view', name: 'Autre Personne', aadObjectId: '0000000c-0000-4000-8000-0000000003bb' };
const CHANNEL = '19:gouvernance-view@thread.tacv2';

/**
 * A declaration submitted days ago can be opened again from the lists: its declarant sees their receipt with
 * « Voir » on « mes déclarations », a governance admin its review card with « Examiner » on `inventaire`, without
 * registering the governance channel again.
 */
describe('opening a submitted declaration again from the lists, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser, locale?: string): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...(locale ? { locale } : {}),
  });
  const channel = (): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: CHANNEL, conversationType: 'channel' });
  const { message: say, press } = cardConversation(() => running.url, () => connector);

  /** The list card a command answers with. */
  async function list(command: string, options: ConversationOptions): Promise<Json> {
    return (await say(command, options)).attachments[0].content as Json;
  }

  /** The quote blocks and the impact level of a receipt: what must come back unchanged. */
  const assessmentOf = (card: Json) => ({
    quotes: (card.body as Json[]).filter((e) => e.type === 'Container' && e.style === 'emphasis'),
    level: /Niveau d’impact\u00a0: [1-4] sur 4/.exec(cardText(card))?.[0],
  });

  let receipt: Json;
  let declarationId = '';
  let publicId = '';

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-view-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
    await say('gouvernance enregistrer', channel());
    ({ receipt, declarationId } = await submitDeclaration(validDraft().name as string));
    publicId = /IA-\d{4}-\d{4}/.exec(cardText(receipt))![0];
  });

  /** `who` (the declarant unless named), under the client `locale` (French unless named), fills every step with validDraft's values (named `name`) and submits: the receipt and the id. */
  async function submitDeclaration(name: string, who: TeamsUser = DECLARANT, locale?: string): Promise<{ receipt: Json; declarationId: string }> {
    let card = (await say(locale ? '/declare' : '/déclarer', as(who, locale))).attachments[0].content as Json;
    const id = actionData(card).declarationId as string;
    const draft = { ...validDraft(), name };
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(who, locale));
      if (verb === 'declaration.submit') return { receipt: card, declarationId: id };
    }
  }
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the declarant their receipt again with « Voir » on « mes déclarations »: number, state, assessment and the same quotes', async () => {
    const mine = await list('mes déclarations', as(DECLARANT));
    const view = executeActions(mine).find((a) => a.verb === 'declaration.view');
    expect(view).toMatchObject({ title: 'Voir «\u00a0Tri fictif des…\u00a0»', data: { declarationId, lang: 'fr' }, tooltip: `Voir\u00a0: ${validDraft().name}` });
    const card = await press('declaration.view', view!.data, as(DECLARANT));
    const text = cardText(card);
    expect(text).toContain(`Déclaration reçue\u00a0: ${publicId}`);
    expect(text).toContain('État de la déclaration Soumise');
    expect(text).toContain('Elle attend la décision de l’équipe de gouvernance.');
    expect(text).toContain('Évaluation préliminaire');
    expect(assessmentOf(receipt).quotes.length).toBeGreaterThan(0);
    expect(assessmentOf(card)).toEqual(assessmentOf(receipt));
    // The declarant's own answers, as the reviewer reads them: purpose, hosting, data, oversight, measures.
    for (const answer of [
      `**Ce qu’elle fait et pourquoi**\n${validDraft().purpose}`,
      '**Nature et données**',
      'Infonuagique au Canada (hors Québec)',
      `${validDraft().dataDescription}`,
      `${validDraft().humanOversight}`,
      'Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée',
    ]) {
      expect(text).toContain(answer);
    }
    // Submitted and not yet taken for review: its declarant may take it back to draft from here.
    expect(executeActions(card).map((a) => a.title)).toEqual(['Reprendre en brouillon', 'Voir mes déclarations']);
  });

  it('ends the receipt shown right after submission with « Reprendre en brouillon » and « Voir mes déclarations », as the one « Voir » opens, leading to the list', async () => {
    const button = executeActions(receipt).find((a) => a.title === 'Voir mes déclarations');
    expect(executeActions(receipt).map((a) => a.title)).toEqual(['Reprendre en brouillon', 'Voir mes déclarations']);
    const mine = await press(button!.verb, button!.data, as(DECLARANT));
    expect(cardText(mine)).toMatch(/^Mes déclarations \(\d+\)/);
    expect(cardText(mine)).toContain(publicId);
  });

  it('speaks English from the English list', async () => {
    const mine = await list('my declarations', as(DECLARANT, 'en-US'));
    const view = executeActions(mine).find((a) => a.verb === 'declaration.view');
    expect(view).toMatchObject({ title: 'View "Tri fictif des demandes…"', data: { declarationId, lang: 'en' } });
    const text = cardText(await press('declaration.view', view!.data, as(DECLARANT, 'en-US')));
    expect(text).toContain(`Declaration received: ${publicId}`);
    expect(text).toContain('Declaration state Submitted');
  });

  it('refuses a forged « Voir » naming someone else’s declaration, governance admin or not', async () => {
    for (const who of [STRANGER, ADMIN]) {
      const card = await press('declaration.view', { declarationId, lang: 'fr' }, as(who));
      expect(cardText(card)).toBe('Vous n’avez pas accès à cette déclaration. Seuls la personne qui l’a déclarée, ses collaborateurs et l’équipe de gouvernance peuvent la voir.');
      expect(cardText(card)).not.toContain(publicId);
    }
  });

  it('gives a governance admin the review card with its decision buttons through « Examiner » on `inventaire`', async () => {
    const inventory = await list('inventaire', as(ADMIN));
    const examine = executeActions(inventory).find((a) => a.verb === 'review.open');
    expect(examine).toMatchObject({ title: 'Examiner «\u00a0Tri fictif des…\u00a0»', data: { declarationId, lang: 'fr' }, tooltip: `Examiner\u00a0: ${validDraft().name}` });
    const card = await press('review.open', examine!.data, as(ADMIN));
    expect(cardText(card)).toContain(`Déclaration à examiner\u00a0: ${publicId}`);
    expect(inputs(card)).toEqual([expect.objectContaining({ id: 'comment' })]);
    expect(card.actions.map((a: Json) => a.verb)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject', 'review.inventory']);
    expect(card.refresh.action.verb).toBe('review.refresh');
  });

  it('refuses « Examiner » to anyone outside the governance team, the declarant included', async () => {
    for (const who of [STRANGER, DECLARANT]) {
      const card = await press('review.open', { declarationId, lang: 'fr' }, as(who));
      expect(cardText(card)).toBe('Désolé, cette action est réservée à l’équipe de gouvernance. Tapez «\u00a0mes déclarations\u00a0» pour voir les vôtres.');
    }
  });

  it('shows the decision on both once decided from the card « Examiner » opened', async () => {
    const opened = await press('review.open', { declarationId, lang: 'fr' }, as(ADMIN));
    const decided = await press('review.approve', { ...actionData(opened, 'review.approve'), comment: 'Conforme.' }, { ...as(ADMIN), replyToId: 'list-1' });
    expect(cardText(decided)).toContain(`Déclaration examinée\u00a0: ${publicId} (approuvée)`);
    const again = await press('review.open', { declarationId, lang: 'fr' }, as(ADMIN));
    expect(cardText(again)).toContain('Décision\u00a0: approuvée, par Admin Fictive');
    expect(again.actions.map((a: Json) => a.verb)).toEqual(['review.inventory']);
    const view = cardText(await press('declaration.view', { declarationId, lang: 'fr' }, as(DECLARANT)));
    expect(view).toContain('État de la déclaration Approuvée');
    expect(view).toContain('**Décision\u00a0: approuvée, par Admin Fictive');
    expect(view).toContain('**Commentaire\u00a0:** Conforme.');
    // The EFVP the declaration says was done: still said, no longer « à vérifier » under « Évaluation examinée ».
    expect(cardText(receipt)).toContain('(EFVP)** — selon la déclaration, c’est déjà fait (à vérifier par l’équipe de gouvernance)');
    expect(view).toContain('Évaluation examinée par l’équipe de gouvernance');
    expect(view).toMatch(/\(EFVP\)\*\* — selon la déclaration, c’est déjà fait$/m);
    expect(view).not.toContain('à vérifier');
  });

  it('offers « Voir », not « Examiner », on a decided declaration of `inventaire approuvée`, opening its decided review card without decision buttons', async () => {
    const approved = await list('inventaire approuvée', as(ADMIN));
    const buttons = executeActions(approved).filter((a) => a.data.declarationId === declarationId);
    expect(buttons).toEqual([expect.objectContaining({ title: 'Voir «\u00a0Tri fictif des…\u00a0»', verb: 'review.open', tooltip: `Voir\u00a0: ${validDraft().name}` })]);
    expect(executeActions(approved).filter((a) => a.title.startsWith('Examiner'))).toEqual([]);
    const card = await press('review.open', buttons[0]!.data, as(ADMIN));
    expect(cardText(card)).toContain(`Déclaration examinée\u00a0: ${publicId} (approuvée)`);
    expect(inputs(card)).toEqual([]);
    expect(card.actions.map((a: Json) => a.title)).toEqual(['Retour à l’inventaire']);
  });
  it('leaves the inventory posted in the channel to everyone when a review is opened and decided from it, with « Retour à l’inventaire » to the same list', async () => {
    const { declarationId: second } = await submitDeclaration('Tri fictif des avis de passage');
    // The outbox posts the new declaration's review card to the channel too: wait for it, so the next message is the list.
    await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(second), 1);
    const posted = await say('inventaire soumises', channel());
    const listMessage = 'inventaire-canal-1';
    const examine = executeActions(posted.attachments[0].content).find((a) => a.verb === 'review.open' && a.data.declarationId === second)!;
    expect(examine.data).toMatchObject({ inventory: { filter: 'submitted', lang: 'fr' } });

    const opened = await press('review.open', examine.data, { ...channel(), replyToId: listMessage });
    expect(opened.actions.map((a: Json) => a.title)).toEqual(['Prendre en charge', 'Approuver', 'Demander des changements', 'Refuser', 'Retour à l’inventaire']);
    expect(opened.refresh.action.data).toMatchObject({ declarationId: second, inventory: { filter: 'submitted', lang: 'fr' } });
    const decided = await press('review.request_changes', { ...actionData(opened, 'review.request_changes'), comment: 'Préciser la supervision.' }, { ...channel(), replyToId: listMessage });
    expect(cardText(decided)).toContain('(changements demandés)');
    // The list message is not replaced for everyone: only the person who pressed sees the review card in its place.
    expect(connector.calls.filter((c) => c.method === 'PUT' && c.activityId === listMessage)).toEqual([]);
    expect(decided.actions.map((a: Json) => a.title)).toEqual(['Retour à l’inventaire']);

    const back = await press('review.inventory', actionData(decided, 'review.inventory'), { ...channel(), replyToId: listMessage });
    // The same filtered list, as it stands now: the declaration sent back for changes has left it.
    expect(cardText(back)).toBe('Inventaire — déclarations soumises (0)\nAucune déclaration dans cet état.');
    expect(connector.calls.filter((c) => c.method === 'PUT' && c.activityId === listMessage)).toEqual([]);
  });

  it('speaks the list’s language on « Back to the inventory », and refuses it to anyone outside the governance team', async () => {
    const back = await press('review.inventory', { filter: null, lang: 'en' }, as(ADMIN));
    expect(cardText(back)).toMatch(/^Inventory \(2\)/);
    const refused = await press('review.inventory', { filter: null, lang: 'fr' }, as(STRANGER));
    expect(cardText(refused)).toBe('Désolé, cette action est réservée à l’équipe de gouvernance. Tapez «\u00a0mes déclarations\u00a0» pour voir les vôtres.');
  });

  it('tells a governance admin asking for lists in another channel that the team’s is registered, and nobody else', async () => {
    // Found in the Playground: `inventaire` in a channel not yet registered said to ask « dans son canal », not how
    // to make this channel the governance team's. The governance channel is registered here (beforeAll): inviting to
    // register this one too would move it (test/e2e/governance-channel-move.test.ts), so the hint says where to ask.
    const other = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: '19:autre-canal@thread.tacv2', conversationType: 'channel' });
    const admin = await say('inventaire', other(ADMIN));
    expect(admin.text).toContain('Les listes de déclarations ne s’affichent pas ici');
    expect(admin.text).toContain('Le canal de l’équipe de gouvernance est déjà enregistré\u00a0: mentionnez-moi dans celui-là. `gouvernance enregistrer` ici');
    const stranger = await say('mes déclarations', other(STRANGER));
    expect(stranger.text).toContain('Les listes de déclarations ne s’affichent pas ici');
    expect(stranger.text).not.toContain('gouvernance enregistrer');
    const audit = await say('audit', other(ADMIN));
    expect(audit.text).toContain('Le canal de l’équipe de gouvernance est déjà enregistré\u00a0: mentionnez-moi dans celui-là. `gouvernance enregistrer` ici');
  });

  it('offers a governance admin « Voir », not « Examiner », on their own declaration in their `inventaire`, and « Examiner » in the channel', async () => {
    // Found in the Playground: « Examiner » on the admin's own declaration opened a card saying they cannot examine it.
    const { declarationId: own } = await submitDeclaration('Tri fictif de l’administratrice', ADMIN);
    await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(own), 1);
    const buttonsOf = (list: Json, id: string) => executeActions(list).filter((a) => a.data.declarationId === id).map((a) => a.title);
    const mine = await list('inventaire soumises', as(ADMIN));
    expect(buttonsOf(mine, own)).toEqual([expect.stringMatching(/^Voir «\u00a0Tri fictif/)]);
    const card = await press('review.open', executeActions(mine).find((a) => a.data.declarationId === own)!.data, as(ADMIN));
    expect(cardText(card)).toContain('un autre membre de l’équipe de gouvernance doit rendre la décision');
    expect(buttonsOf(await list('inventaire soumises', channel()), own)).toEqual([expect.stringMatching(/^Examiner «\u00a0Tri fictif/)]);
  });

  it('shows governance a declaration sent back for changes as submitted, not the declarant’s unsent edits', async () => {
    // Found in the Playground: once the declarant had typed a blank name and « a@b » into the declaration sent back
    // (saved as typed, not yet resubmitted), `inventaire` listed it as « (sans nom) » and its review card showed the
    // unsent name and e-mail under the decision that had been made on the submitted ones.
    const name = 'Tri fictif des demandes renvoyées';
    const { declarationId: sent } = await submitDeclaration(name);
    const opened = await press('review.open', { declarationId: sent, lang: 'fr' }, as(ADMIN));
    await press('review.request_changes', { ...actionData(opened, 'review.request_changes'), comment: 'Préciser la supervision.' }, as(ADMIN));
    const reopened = await press('declaration.reopen', { declarationId: sent, lang: 'fr' }, as(DECLARANT));
    const edited = await press('declaration.next', { ...actionData(reopened, 'declaration.next'), ...inputValues(reopened, { name: '   ', contactEmail: 'a@b' }) }, as(DECLARANT));
    expect(cardText(edited)).toContain('2 champs sont à corriger');

    const inventory = await list('inventaire changements demandés', as(ADMIN));
    expect(cardText(inventory)).toContain(`**${name}**`);
    expect(cardText(inventory)).not.toContain('(sans nom)');
    const view = executeActions(inventory).find((a) => a.data.declarationId === sent)!;
    expect(view.title).toBe('Voir «\u00a0Tri fictif des…\u00a0»');
    const card = cardText(await press('review.open', view.data, as(ADMIN)));
    expect(card).toContain(`Initiative ${name}`);
    expect(card).toContain(`Courriel de la personne-ressource ${validDraft().contactEmail}`);
    expect(card).not.toContain('a@b');
  });

  it('speaks the list’s language on « Examiner », whatever the declaration’s, and the declaration’s on the channel’s card', async () => {
    // Found in the Playground: a French admin pressing « Examiner » on a French list got a card all in English,
    // the language of a declaration made in English.
    const { declarationId: english } = await submitDeclaration('Fictional triage of field notices', STRANGER, 'en-US');
    const posted = await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(english), 1);
    expect(JSON.stringify(posted[0]!.body)).toContain('Declaration to review');
    // The French list as « Retour à l’inventaire » gives it (a card action: this admin has sent many messages already).
    const french = await press('review.inventory', { filter: 'submitted', lang: 'fr' }, as(ADMIN));
    const examine = executeActions(french).find((a) => a.data.declarationId === english)!;
    const card = await press('review.open', examine.data, as(ADMIN));
    expect(cardText(card)).toContain('Déclaration à examiner\u00a0: IA-');
    expect(card.actions.map((a: Json) => a.title)).toEqual(['Prendre en charge', 'Approuver', 'Demander des changements', 'Refuser', 'Retour à l’inventaire']);
    const decided = await press('review.reject', { ...actionData(card, 'review.reject'), comment: 'Hors mandat.' }, as(ADMIN));
    expect(cardText(decided)).toContain('(refusée)');
  });

  it('lists the declarations awaiting a decision, submitted or in review, and leads back to that list from « Examiner »', async () => {
    const { declarationId: waiting } = await submitDeclaration('Tri fictif des demandes en attente');
    // The list as « Retour à l’inventaire » gives it (a card action: this admin has sent many messages already).
    const pending = await press('review.inventory', { filter: 'awaiting_decision', lang: 'fr' }, as(ADMIN));
    expect(cardText(pending)).toMatch(/^Inventaire — déclarations en attente de décision \(\d+\)/);
    const listed = new Set(executeActions(pending).map((a) => a.data.declarationId));
    expect(listed.has(waiting)).toBe(true);
    // The first declaration was approved earlier: decided, it is not awaiting anything.
    expect(listed.has(declarationId)).toBe(false);
    const examine = executeActions(pending).find((a) => a.data.declarationId === waiting)!;
    expect(examine.data).toMatchObject({ inventory: { filter: 'awaiting_decision', lang: 'fr' } });
    const card = await press('review.open', examine.data, as(ADMIN));
    const back = await press('review.inventory', actionData(card, 'review.inventory'), as(ADMIN));
    expect(cardText(back)).toMatch(/^Inventaire — déclarations en attente de décision \(\d+\)/);
  });
});

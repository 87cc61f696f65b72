import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation, savedFirstStep } from '../helpers/card-conversation.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const DECLARANT: TeamsUser = { id: '29:declarant-share', name: 'Personne Fictive', aadObjectId: '0000000d-0000-4000-8000-0000000005aa' };
const COLLEAGUE: TeamsUser = { id: '29:collegue-share', name: 'Collègue Fictive', aadObjectId: '0000000d-0000-4000-8000-0000000005bb' };
/** Someone the declarant picks who has never written to Balises: no chat to notify, no name known. */
const NEWCOMER_ID = '0000000d-0000-4000-8000-0000000005cc';
const STRANGER: TeamsUser = { id: '29:inconnu-share', name: 'Autre Personne', aadObjectId: '0000000d-0000-4000-8000-0000000005dd' };
const ADMIN: TeamsUser = { id: '29:admin-share', name: 'Admin Fictive', aadObjectId: '0000000d-0000-4000-8000-0000000005ad' };
const CHANNEL = '19:gouvernance-share@thread.tacv2';
const NAME = 'Tri fictif des demandes partagées';

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

/**
 * A project lead shares a declaration with colleagues from « mes déclarations » (issue #3: « only the declarant and
 * people they add »): the colleague is told in their chat with Balises, finds it in their own list, edits it; the
 * declarant takes the access away again. Over HTTP with Bot Framework activities, on the real SQLite inventory.
 */
describe('sharing a declaration with colleagues, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser, locale?: string): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...(locale ? { locale } : {}),
  });
  const conversation = cardConversation(() => running.url, () => connector);
  const { message: send, say, press } = conversation;
  let declarationId = '';

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-share-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
    await send('gouvernance enregistrer', { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' });
    // The colleague has written to Balises before: their chat (and Teams name) is known.
    await send('bonjour', as(COLLEAGUE));
    // The declarant types the first step and presses « Suivant »: an edited draft, listed in « mes déclarations ».
    declarationId = await savedFirstStep(conversation, as(DECLARANT), NAME);
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The declarant's list, then its « Partager » button's card. */
  async function sharingCard(who: TeamsUser = DECLARANT): Promise<Json> {
    const list = await say('mes déclarations', as(who));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share');
    return press('declaration.share', share!.data, as(who));
  }

  it('says in `aide` that « mes déclarations » is where declarations are shared', async () => {
    const help = await send('aide', as(DECLARANT));
    expect(String(help.text).replace(/\u00a0/g, ' ')).toContain('celles que des collègues partagent avec vous (« Partager » y donne accès à l’une des vôtres)');
  });

  it('offers « Partager » on the declarant’s own list, opening a card with a labelled people picker', async () => {
    const list = await say('mes déclarations', as(DECLARANT));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share');
    expect(share).toMatchObject({ title: 'Partager «\u00a0Tri fictif des…\u00a0»', data: { declarationId, lang: 'fr' } });
    expect(share!.tooltip.replace(/\u00a0/g, ' ')).toBe(`Partager avec des collègues : ${NAME}`);
    const card = await press('declaration.share', share!.data, as(DECLARANT));
    const text = plain(card);
    expect(text).toContain(`Partager « ${NAME} »`);
    expect(text).toContain('Personne d’autre que vous n’y a accès pour l’instant.');
    expect(text).toContain('ni l’examiner, même si elles font partie de l’équipe de gouvernance');
    const [picker] = inputs(card);
    expect(picker).toMatchObject({
      type: 'Input.ChoiceSet',
      id: 'collaborators',
      isMultiSelect: true,
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(picker!.label.replace(/\u00a0/g, ' ')).toBe('Personnes à ajouter (cherchez par nom ; plusieurs possibles)');
    expect(executeActions(card).map((a) => a.title)).toEqual(['Ajouter', 'Voir mes déclarations']);
  });

  it('says when nobody was picked, on the picker’s label, and refuses the declarant’s own id or a forged one', async () => {
    const card = await sharingCard();
    const add = actionData(card, 'declaration.share.add');
    const nobody = await press('declaration.share.add', { ...add, collaborators: '' }, as(DECLARANT));
    expect(inputs(nobody)[0]!.label.replace(/\u00a0/g, ' ')).toContain('— Erreur : choisissez au moins une personne.');
    const self = await press('declaration.share.add', { ...add, collaborators: DECLARANT.aadObjectId! }, as(DECLARANT));
    expect(plain(self)).toContain('Vous avez déclaré cette déclaration : vous y avez déjà accès.');
    // What the Agents Playground's picker sends (its mock person's Teams id): said on the picker, nobody added.
    const teamsId = await press('declaration.share.add', { ...add, collaborators: `${COLLEAGUE.aadObjectId},user-id-1` }, as(DECLARANT));
    expect(inputs(teamsId)[0]!.label.replace(/\u00a0/g, ' ')).toContain('— Erreur : une personne choisie n’a pas été reconnue');
    const forged = await press('declaration.share.add', { ...add, collaborators: 42 }, as(DECLARANT));
    expect(plain(forged)).toContain('Cette carte n’est plus valide');
    expect(plain(await sharingCard())).toContain('Personne d’autre que vous n’y a accès pour l’instant.');
  });

  it('gives the people picked access, names them, and notifies the one who has a chat with Balises', async () => {
    const card = await sharingCard();
    const before = connector.messages(as(COLLEAGUE).conversationId).length;
    const added = await press(
      'declaration.share.add',
      { ...actionData(card, 'declaration.share.add'), collaborators: `${COLLEAGUE.aadObjectId!.toUpperCase()},${NEWCOMER_ID}` },
      as(DECLARANT),
    );
    const [notice] = (await connector.waitFor((c) => c.conversationId === as(COLLEAGUE).conversationId && c.body.type === 'message', before + 1)).slice(before);
    const text = plain(added);
    expect(text).toContain('2 personnes ont maintenant accès à cette déclaration.');
    expect(text).toContain('2 personnes y ont accès avec vous :');
    expect(text).toMatch(/Collègue Fictive\nAjoutée à l’instant : un avis lui est envoyé dans sa conversation avec Balises\./);
    expect(text).toContain(`Personne de votre organisation (identifiant Microsoft Entra ${NEWCOMER_ID}), qui n’a pas encore écrit à Balises`);
    expect(text).toContain('Pas encore de conversation avec Balises : dites-lui d’écrire « mes déclarations » à Balises');
    expect(executeActions(added).map((a) => a.title.replace(/\u00a0/g, ' '))).toEqual([
      'Retirer « Collègue Fictive »',
      'Retirer « 0000000d-0000-4000… »',
      'Ajouter',
      'Voir mes déclarations',
    ]);
    const noticeCard = cardOf(notice!);
    expect(notice!.activityId).toBeNull();
    expect(plain(noticeCard)).toBe(
      `Personne Fictive vous donne accès à la déclaration « ${NAME} » : vous pouvez la consulter, la modifier et la soumettre. Vous la trouverez dans « mes déclarations ».`,
    );
    expect(executeActions(noticeCard).map((a) => a.verb)).toEqual(['declaration.list_mine']);
  });

  it('lists the declaration in the colleague’s « mes déclarations », says who declared it, and lets them edit but not share it', async () => {
    const list = await say('mes déclarations', as(COLLEAGUE));
    const text = plain(list);
    expect(text).toContain(NAME);
    expect(text).toContain('Partagée avec vous par Personne Fictive');
    const verbs = executeActions(list).map((a) => a.verb);
    expect(verbs).toContain('declaration.reopen');
    expect(verbs).not.toContain('declaration.share');
    const step = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    // Its first step left to fill, as its declarant would get it; « Précédent » shows what the declarant typed.
    expect(plain(step)).toContain('Étape 2 sur 3');
    const back = await press('declaration.back', { ...actionData(step, 'declaration.back'), ...inputValues(step) }, as(COLLEAGUE));
    expect(inputs(back).find((i) => i.id === 'name')?.value).toBe(NAME);
    const forged = await press('declaration.share', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(forged)).toBe('Seule la personne qui a fait cette déclaration peut choisir qui y a accès.');
    const stranger = await press('declaration.share', { declarationId, lang: 'fr' }, as(STRANGER));
    expect(plain(stranger)).toContain('Vous n’avez pas accès à cette déclaration.');
    const removal = await press('declaration.share.remove', { declarationId, userId: COLLEAGUE.aadObjectId, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(removal)).toBe('Seule la personne qui a fait cette déclaration peut choisir qui y a accès.');
  });

  it('takes a colleague’s access away: the declaration leaves their list and their cards are refused', async () => {
    const card = await sharingCard();
    const remove = executeActions(card).find((a) => a.verb === 'declaration.share.remove' && a.data.userId === COLLEAGUE.aadObjectId);
    expect(remove!.tooltip.replace(/\u00a0/g, ' ')).toBe('Retirer l’accès de Collègue Fictive à cette déclaration');
    const after = await press('declaration.share.remove', remove!.data, as(DECLARANT));
    expect(plain(after)).toContain('Collègue Fictive n’a plus accès à cette déclaration.');
    expect(plain(after)).toContain('Une personne y a accès avec vous :');
    const again = await press('declaration.share.remove', remove!.data, as(DECLARANT));
    expect(plain(again)).toContain('Cette personne n’avait déjà plus accès à cette déclaration.');
    expect(plain(await say('mes déclarations', as(COLLEAGUE)))).not.toContain(NAME);
    const step = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(step)).toContain('Vous n’avez pas accès à cette déclaration.');
  });

  it('tells a collaborator who submitted the declaration of the governance decision, as it tells the declarant', async () => {
    const card = await sharingCard();
    await press('declaration.share.add', { ...actionData(card, 'declaration.share.add'), collaborators: COLLEAGUE.aadObjectId! }, as(DECLARANT));
    // The colleague fills the steps left and submits.
    let step = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    const draft = { ...validDraft(), name: NAME };
    for (;;) {
      const values = inputValues(step, Object.fromEntries(inputs(step).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(step).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      step = await press(verb, { ...actionData(step, verb), ...values }, as(COLLEAGUE));
      if (verb === 'declaration.submit') break;
    }
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(step))![0];
    const [posted] = await connector.waitFor((c) => c.conversationId === CHANNEL && c.body.type === 'message' && /Déclaration à examiner/.test(JSON.stringify(c.body)));
    const chats = { declarant: as(DECLARANT).conversationId, colleague: as(COLLEAGUE).conversationId };
    const before = { declarant: connector.messages(chats.declarant).length, colleague: connector.messages(chats.colleague).length };
    await press('review.approve', actionData(cardOf(posted!), 'review.approve'), { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' });
    for (const who of ['declarant', 'colleague'] as const) {
      await connector.waitFor((c) => c.conversationId === chats[who] && c.body.type === 'message', before[who] + 1);
      const notice = cardOf(connector.messages(chats[who])[before[who]]!);
      expect(plain(notice), who).toContain(`Votre déclaration ${publicId} « ${NAME} » : approuvée, par Admin Fictive.`);
    }
  });

  it('speaks English to a declarant who writes English, and shares only in a personal chat', async () => {
    const list = await say('my declarations', as(DECLARANT, 'en-US'));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share');
    expect(share).toMatchObject({ title: 'Share "Tri fictif des…"', data: { declarationId, lang: 'en' } });
    const card = await press('declaration.share', share!.data, as(DECLARANT, 'en-US'));
    expect(plain(card)).toContain(`Share "${NAME}"`);
    expect(plain(card)).toContain('2 people have access with you:');
    expect(inputs(card)[0]!.label).toBe('People to add (search by name; several allowed)');
    expect(executeActions(card).map((a) => a.title)).toContain('Add');
    // « mes déclarations » in the governance channel lists it for every member to read: no sharing card there.
    const inChannel = await say('mes déclarations', { ...as(DECLARANT), conversationId: CHANNEL, conversationType: 'channel' });
    expect(cardText(inChannel)).toContain(NAME);
    expect(executeActions(inChannel).map((a) => a.verb)).not.toContain('declaration.share');
    const inGroup = await press('declaration.share', share!.data, { ...as(DECLARANT, 'en-US'), conversationId: '19:groupe-share@thread.v2', conversationType: 'groupChat' });
    expect(plain(inGroup)).toBe('Declarations are shared from your personal chat with Balises: type "my declarations" there.');
  });
});

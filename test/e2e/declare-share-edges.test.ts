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
const DECLARANT: TeamsUser = { id: '29:declarant-bord', name: 'Personne Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006aa' };
const COLLEAGUE: TeamsUser = { id: '29:collegue-bord', name: 'Collègue Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006bb' };
const ADMIN: TeamsUser = { id: '29:admin-bord', name: 'Admin Collègue', aadObjectId: '0000000e-0000-4000-8000-0000000006ad' };
const OTHER_ADMIN: TeamsUser = { id: '29:admin2-bord', name: 'Autre Admin', aadObjectId: '0000000e-0000-4000-8000-0000000006ae' };
const CHANNEL = '19:gouvernance-bord@thread.tacv2';
const NAME = 'Tri fictif partagé au bord';

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');
/** A fictional Entra object id numbered `n`, of nobody who ever wrote to Balises. */
const someone = (n: number): string => `0000000e-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Sharing a declaration at its edges, over HTTP on the real SQLite inventory: a declarant who picks more people than
 * a declaration may have, and what a collaborator is offered on a draft they may edit but neither delete nor restore.
 */
describe('sharing a declaration, at its edges', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const conversation = cardConversation(() => running.url, () => connector);
  const { message: send, say, press } = conversation;
  let declarationId = '';

  async function sharingCard(): Promise<Json> {
    const list = await say('mes déclarations', as(DECLARANT));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share' && a.data.declarationId === declarationId);
    return press('declaration.share', share!.data, as(DECLARANT));
  }

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-share-edges-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: `${ADMIN.aadObjectId},${OTHER_ADMIN.aadObjectId}` });
    await send('gouvernance enregistrer', { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' });
    declarationId = await savedFirstStep(conversation, as(DECLARANT), NAME);
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says that picking more people than a declaration may have adds nobody, not that the card is broken', async () => {
    const add = actionData(await sharingCard(), 'declaration.share.add');
    // The picker sets no maximum: 25 people picked, as Teams sends them (ids separated by commas).
    const many = await press('declaration.share.add', { ...add, collaborators: Array.from({ length: 25 }, (_, i) => someone(i + 1)).join(',') }, as(DECLARANT));
    expect(plain(many)).toContain('Personne n’a été ajouté : la déclaration aurait plus de 20 personnes. Retirez-en d’abord.');
    expect(plain(many)).not.toContain('Cette carte n’est plus valide');
    expect(plain(await sharingCard())).toContain('Personne d’autre que vous n’y a accès pour l’instant.');
  });

  it('offers a collaborator neither « Supprimer » on the shared draft nor the buttons of a draft its declarant set aside', async () => {
    await send('bonjour', as(COLLEAGUE));
    const add = actionData(await sharingCard(), 'declaration.share.add');
    await press('declaration.share.add', { ...add, collaborators: COLLEAGUE.aadObjectId! }, as(DECLARANT));
    await connector.waitFor((c) => c.conversationId === as(COLLEAGUE).conversationId && c.body.type === 'message', 2);

    const list = await say('mes déclarations', as(COLLEAGUE));
    expect(plain(list)).toContain(NAME);
    const verbs = executeActions(list).map((a) => a.verb);
    expect(verbs).toContain('declaration.reopen');
    expect(verbs).not.toContain('declaration.delete_set_aside');
    // « Nouvelle déclaration » sets aside the colleague's own draft: they have none, so no note says it would.
    expect(plain(list)).not.toContain('met votre brouillon en cours de côté');
    // Pressed all the same (forged data): the colleague has access, they are told who deletes it.
    const refused = await press('declaration.delete_set_aside', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(refused)).toBe(
      'Seule la personne qui a fait cette déclaration peut supprimer son brouillon ou reprendre un brouillon qu’elle a mis de côté. Vous la retrouvez dans « mes déclarations ».',
    );
    const confirmed = await press('declaration.delete_set_aside.confirm', { declarationId, revision: 2, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(confirmed)).toBe(plain(refused));

    // The declarant starts another declaration: the shared draft is set aside.
    await press('declaration.start_new', { lang: 'fr' }, as(DECLARANT));
    const after = await say('mes déclarations', as(COLLEAGUE));
    expect(plain(after)).toContain('Brouillon mis de côté');
    expect(plain(after)).toContain('Personne Fictive a mis ce brouillon de côté : seule cette personne peut le reprendre ou le supprimer.');
    expect(executeActions(after).filter((a) => a.data.declarationId === declarationId)).toEqual([]);
    const resumed = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(COLLEAGUE));
    expect(plain(resumed)).toBe(plain(refused));
    // Its declarant still has both buttons.
    const theirs = executeActions(await say('mes déclarations', as(DECLARANT))).filter((a) => a.data.declarationId === declarationId);
    expect(theirs.map((a) => a.verb)).toEqual(['declaration.reopen', 'declaration.delete_set_aside']);
  });

  it('tells an English-speaking collaborator in English', async () => {
    const refused = await press('declaration.reopen', { declarationId, lang: 'en' }, as(COLLEAGUE));
    expect(plain(refused)).toBe('Only the person who made this declaration can delete its draft or resume a draft they set aside. You will find it in "my declarations".');
  });

  it('warns the declarant, before a shared draft is deleted, that the colleagues lose it and what they typed', async () => {
    const list = await say('mes déclarations', as(DECLARANT));
    const remove = executeActions(list).find((a) => a.verb === 'declaration.delete_set_aside' && a.data.declarationId === declarationId);
    const question = await press('declaration.delete_set_aside', remove!.data, as(DECLARANT));
    expect(plain(question)).toContain('Vous l’avez partagé avec une personne : elle n’y aura plus accès, et ce qu’elle y a saisi sera effacé aussi.');
    const english = await press('declaration.delete_set_aside', { ...remove!.data, lang: 'en' }, as(DECLARANT));
    expect(plain(english)).toContain('You shared it with one person: they will lose access to it, and what they typed in it will be erased too.');
  });

  it('never lets a governance admin decide on a declaration they submitted as a collaborator, even once removed', async () => {
    // Another declaration, shared with a governance admin, who completes and submits it.
    const first = await say('/déclarer', as(DECLARANT));
    const id = actionData(first).declarationId as string;
    const draft = { ...validDraft(), name: 'Tri fictif soumis par une admin' };
    const fill = (card: Json) => inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
    await press('declaration.next', { ...actionData(first, 'declaration.next'), ...fill(first) }, as(DECLARANT));
    const list = await say('mes déclarations', as(DECLARANT));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share' && a.data.declarationId === id);
    const card = await press('declaration.share', share!.data, as(DECLARANT));
    await press('declaration.share.add', { ...actionData(card, 'declaration.share.add'), collaborators: ADMIN.aadObjectId! }, as(DECLARANT));
    let step = await press('declaration.reopen', { declarationId: id, lang: 'fr' }, as(ADMIN));
    for (;;) {
      const verb = executeActions(step).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      step = await press(verb, { ...actionData(step, verb), ...fill(step) }, as(ADMIN));
      if (verb === 'declaration.submit') break;
    }
    const [posted] = await connector.waitFor((c) => c.conversationId === CHANNEL && c.body.type === 'message' && JSON.stringify(c.body).includes('Tri fictif soumis par une admin'));
    // The declarant takes the admin's access away: the admin may not approve what they submitted all the same.
    const sharing = await press('declaration.share', share!.data, as(DECLARANT));
    const remove = executeActions(sharing).find((a) => a.verb === 'declaration.share.remove');
    await press('declaration.share.remove', remove!.data, as(DECLARANT));
    const inChannel = (who: TeamsUser): ConversationOptions => ({ ...as(who), conversationId: CHANNEL, conversationType: 'channel' });
    const refused = await press('review.approve', actionData(cardOf(posted!), 'review.approve'), inChannel(ADMIN));
    expect(plain(refused)).toContain('Vous ne pouvez pas examiner une déclaration que vous avez faite ou à laquelle vous collaborez');
    expect(plain(refused)).not.toContain('approuvée');
    // Another admin decides.
    const approved = await press('review.approve', actionData(cardOf(posted!), 'review.approve'), inChannel(OTHER_ADMIN));
    expect(plain(approved)).toContain('approuvée');
  });
});

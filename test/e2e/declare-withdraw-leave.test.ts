import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * « Reprendre en brouillon » (a project lead takes back a declaration submitted by mistake) and « Ne plus suivre »
 * (a colleague leaves a declaration shared with them), over HTTP with Bot Framework activities as Teams sends them,
 * on the real SQLite inventory: what each person reads, what is recorded, and the presses that come too late.
 */

const ADMIN: TeamsUser = { id: '29:admin-reprise', name: 'Admin Reprise', aadObjectId: '0000000e-0000-4000-8000-0000000000a1' };
const ADMIN_TWO: TeamsUser = { id: '29:admin-reprise-deux', name: 'Admin Deuxième', aadObjectId: '0000000e-0000-4000-8000-0000000000a2' };
const CHANNEL = '19:gouvernance-reprise@thread.tacv2';

const declarant = declarants('declarant-reprise', 'Déclarant Reprise', '0000000e-0000-4000-8000-0000000000');
const colleague = declarants('collegue-reprise', 'Collègue Suivi', '0000000e-0000-4000-8000-0000000001');

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');
/** A button's title, no-break spaces read as plain spaces. */
const flat = (title: unknown): string => String(title).replace(/\u00a0/g, ' ');

describe('taking a declaration back to draft and leaving a shared one, over HTTP', () => {
  const { bot, say, message, press, personal, as, inChannel, submitted } = reviewBot('balises-withdraw-leave', [ADMIN, ADMIN_TWO], CHANNEL, { bot: 41871, connector: 41872 });
  const verbs = (card: Json) => executeActions(card).map((a) => a.verb as string).filter((v) => v !== 'review.refresh');

  /** Reads the bot's SQLite inventory with a second connection. */
  async function stored<T>(read: (repository: ReturnType<typeof openSqliteInventoryRepository>) => Promise<T>): Promise<T> {
    const repository = openSqliteInventoryRepository(path.join(bot.dataDir, 'balises.db'));
    try {
      return await read(repository);
    } finally {
      await repository.close();
    }
  }
  const storedEvents = (id: string) => stored(async (r) => (await r.events(id)).map((e) => `${e.from}→${e.to} ${e.actor.name}`));

  /** The button of `verb` on `card` (a list), for the declaration `declarationId`. */
  function button(card: Json, verb: string, declarationId: string): Json | undefined {
    return executeActions(card).find((a) => a.verb === verb && a.data.declarationId === declarationId);
  }

  /** Messages posted (not updates) to `conversationId` whose card text contains `words`, once `count` have come. */
  async function posted(conversationId: string, words: string, count = 1): Promise<string[]> {
    const matching = (body: Json) => body.type === 'message' && plain(body.attachments?.[0]?.content).includes(words);
    await bot.connector.waitFor((c) => c.method === 'POST' && c.conversationId === conversationId && matching(c.body), count, 10_000);
    return bot.connector.messages(conversationId).filter((c) => matching(c.body)).map((c) => plain(c.body.attachments[0].content));
  }

  /** Shares `declarationId` with `who` from its declarant's sharing card. */
  async function share(owner: TeamsUser, declarationId: string, who: TeamsUser): Promise<void> {
    const card = await press('declaration.share', { declarationId, lang: 'fr' }, as(owner));
    const added = await press('declaration.share.add', { ...actionData(card, 'declaration.share.add'), collaborators: who.aadObjectId }, as(owner));
    expect(plain(added)).toContain('a maintenant accès à cette déclaration');
  }

  it('takes a submitted declaration back to draft: answers and number kept, the channel’s card updated, a stale one records nothing', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];

    // « mes déclarations » offers it on the declaration submitted, named, and so does « Voir ».
    const list = await say('mes déclarations', as(user));
    const take = button(list, 'declaration.withdraw', declarationId);
    expect(flat(take?.title)).toMatch(/^Reprendre en brouillon « /);
    expect(take?.tooltip).toContain(validDraft().name as string);
    const view = await press('declaration.view', { declarationId, lang: 'fr' }, as(user));
    expect(verbs(view)).toContain('declaration.withdraw');

    const back = await press('declaration.withdraw', take!.data, as(user));
    expect(plain(back)).toContain(`La déclaration ${publicId} « ${validDraft().name as string} » est de nouveau un brouillon : vos réponses sont conservées.`);
    expect(plain(back)).toContain('Elle n’est plus en attente d’examen');
    expect(verbs(back)).toEqual(['declaration.reopen', 'declaration.list_mine']);
    expect((await storedEvents(declarationId)).at(-1)).toBe(`submitted→draft ${user.name}`);

    // The card posted in the channel is updated in place for every reviewer, without its buttons; refreshed, it says
    // the same.
    const cardPost = bot.connector.messages(CHANNEL).find((c) => JSON.stringify(c.body).includes(declarationId))!;
    const [update] = await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === cardPost.answeredId && plain(c.body.attachments?.[0]?.content).includes('reprise en brouillon'), 1, 10_000);
    expect(plain(update!.body.attachments[0].content)).toContain(`${user.name} a repris cette déclaration en brouillon le `);
    expect(verbs(update!.body.attachments[0].content)).toEqual([]);
    const refreshed = await press('review.refresh', { declarationId }, inChannel(ADMIN_TWO));
    expect(plain(refreshed)).toContain(`Déclaration reprise en brouillon : ${publicId}`);
    expect(plain(refreshed)).toContain(`${user.name} a repris cette déclaration en brouillon le `);
    expect(verbs(refreshed)).toEqual([]);

    // A reviewer pressing a button on the stale card is told, with the comment typed given back, and nothing is recorded.
    const lateTake = await press('review.take', { ...actionData(channelCard, 'review.take'), comment: 'Je regarde.' }, inChannel(ADMIN));
    expect(plain(lateTake)).toContain('Votre choix « Prendre en charge » n’a pas été enregistré : la déclaration a été reprise en brouillon par ses auteurs.');
    const lateApprove = await press('review.approve', { ...actionData(channelCard, 'review.approve'), comment: 'Conforme.' }, inChannel(ADMIN_TWO));
    expect(plain(lateApprove)).toContain('Votre choix « Approuver » n’a pas été enregistré : la déclaration a été reprise en brouillon par ses auteurs.');
    expect(plain(lateApprove)).toContain('Conforme.');
    expect((await storedEvents(declarationId)).slice(-2)).toEqual([`draft→submitted ${user.name}`, `submitted→draft ${user.name}`]);

    // A second press (double click) says the same, writing nothing.
    const again = await press('declaration.withdraw', take!.data, as(user));
    expect(plain(again)).toContain('est de nouveau un brouillon');
    expect(await storedEvents(declarationId)).toHaveLength(3);

    // The draft is edited and submitted again under the same number; the channel gets a new review card.
    let card = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(user));
    const draft = { ...validDraft(), purpose: 'Trier les demandes fictives, avec une précision ajoutée après coup.' };
    // The step card says the number it keeps, as the receipt does.
    expect(plain(card)).toContain(`Numéro de la déclaration : ${publicId}`);
    // Every answer is kept: the first step shows them as submitted.
    expect(inputs(card).find((i) => i.id === 'name')?.value).toBe(validDraft().name);
    expect(inputs(card).find((i) => i.id === 'purpose')?.value).toBe(validDraft().purpose);
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(user));
      if (verb === 'declaration.submit') break;
    }
    expect(plain(card)).toContain(publicId);
    const cards = await posted(CHANNEL, 'précision ajoutée après coup');
    expect(cards[0]).toContain(publicId);
    expect((await storedEvents(declarationId)).at(-1)).toBe(`draft→submitted ${user.name}`);
  });

  it('records one of a take for review and a withdrawal pressed at the same moment; the other is told', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const [taken, withdrawn] = await Promise.all([
      press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN)),
      press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user)),
    ]);
    const events = await storedEvents(declarationId);
    expect(events).toHaveLength(3);
    if (events.at(-1) === `submitted→in_review ${ADMIN.name}`) {
      expect(plain(taken)).toContain('En examen par Admin Reprise');
      expect(plain(withdrawn)).toContain('Admin Reprise a pris cette déclaration en charge pour l’examiner le ');
      expect(plain(withdrawn)).toContain('rien n’a été modifié');
    } else {
      expect(events.at(-1)).toBe(`submitted→draft ${user.name}`);
      expect(plain(withdrawn)).toContain('est de nouveau un brouillon');
      expect(plain(taken)).toContain('Votre choix « Prendre en charge » n’a pas été enregistré');
    }
    // Once in review (or decided), the list no longer offers it.
    const list = await say('mes déclarations', as(user));
    if (events.at(-1)?.includes('in_review')) expect(button(list, 'declaration.withdraw', declarationId)).toBeUndefined();
  });

  it('refuses to take back a declaration a reviewer took, or one decided, recording nothing; anyone else is refused', async () => {
    const user = declarant();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const list = await say('mes déclarations', as(user));
    const take = button(list, 'declaration.withdraw', declarationId)!;
    const taken = await press('review.take', actionData(channelCard, 'review.take'), inChannel(ADMIN));
    const late = await press('declaration.withdraw', take.data, as(user));
    expect(plain(late)).toContain('Admin Reprise a pris cette déclaration en charge pour l’examiner le ');
    await press('review.approve', actionData(taken, 'review.approve'), inChannel(ADMIN));
    const decided = await press('declaration.withdraw', take.data, as(user));
    expect(plain(decided)).toContain('Cette déclaration est déjà examinée (approuvée) : elle ne peut plus être reprise en brouillon, rien n’a été modifié.');
    const stranger = await press('declaration.withdraw', take.data, as(ADMIN));
    expect(plain(stranger)).not.toContain('brouillon');
    expect(await storedEvents(declarationId)).toEqual([
      `null→draft ${user.name}`,
      `draft→submitted ${user.name}`,
      `submitted→in_review ${ADMIN.name}`,
      `in_review→approved ${ADMIN.name}`,
    ]);
  });

  it('speaks English to a declarant who writes English', async () => {
    const user = declarant();
    const channelCard = await submitted(user, true);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const list = await say('my declarations', as(user, { locale: 'en-CA' }));
    const take = button(list, 'declaration.withdraw', declarationId);
    expect(take?.title).toMatch(/^Take back to draft "/);
    const back = await press('declaration.withdraw', take!.data, as(user, { locale: 'en-CA' }));
    expect(plain(back)).toContain('is a draft again: your answers are kept');
    expect(verbs(back)).toEqual(['declaration.reopen', 'declaration.list_mine']);
    const step = await press('declaration.reopen', actionData(back, 'declaration.reopen'), as(user, { locale: 'en-CA' }));
    expect(plain(step)).toContain(`Declaration number: ${/IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0]}`);
  });

  it('tells the declarant and the other colleagues, each in their language, when a colleague takes it back; never the one who pressed', async () => {
    const user = declarant();
    const taker = colleague();
    const english = colleague();
    await message('bonjour', as(taker));
    await say('my declarations', as(english, { locale: 'en-CA' }));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];
    const name = validDraft().name as string;
    await share(user, declarationId, taker);
    await share(user, declarationId, english);
    await posted(personal(english), 'gave you access');

    // The declarant has begun another declaration, whose first step is saved.
    const started = await say('/déclarer', as(user));
    const values = inputValues(started, { ...Object.fromEntries(inputs(started).map((i) => [i.id, asInput(validDraft()[i.id as keyof ReturnType<typeof validDraft>])])), name: 'Brouillon fictif en cours' });
    await press('declaration.next', { ...actionData(started, 'declaration.next'), ...values }, as(user));

    const back = await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(taker));
    expect(plain(back)).toContain('est de nouveau un brouillon');

    // The declarant: who, the number, the name, what became of their own draft, and a button to edit it.
    const [mine] = await posted(personal(user), 'a repris en brouillon la déclaration');
    expect(mine).toContain(`${taker.name} a repris en brouillon la déclaration ${publicId} « ${name} » le `);
    expect(mine).toContain(`soumise de nouveau, elle gardera le numéro ${publicId}.`);
    expect(mine).toContain('Votre brouillon en cours « Brouillon fictif en cours » a été mis de côté pour lui faire place');
    expect(mine).toContain('rien n’est effacé');
    const declarantNotice = bot.connector.messages(personal(user)).map((c) => c.body.attachments?.[0]?.content).find((c) => plain(c).includes('a repris en brouillon'));
    expect(executeActions(declarantNotice).map((a) => [flat(a.title), a.verb, a.data.declarationId ?? null])).toEqual([
      ['Modifier la déclaration', 'declaration.reopen', declarationId],
      ['Voir mes déclarations', 'declaration.list_mine', null],
    ]);
    // The colleague who writes English is told in English, with nothing about a draft that is not theirs.
    const [theirs] = await posted(personal(english), 'back to draft on');
    expect(theirs).toContain(`${taker.name} took declaration ${publicId} "${name}" back to draft on `);
    expect(theirs).not.toContain('set aside');
    // The one who pressed is not told of their own action.
    expect(bot.connector.messages(personal(taker)).some((c) => plain(c.body.attachments?.[0]?.content).includes('a repris en brouillon'))).toBe(false);
    expect((await stored((r) => r.notifications(declarationId))).filter((n) => n.kind === 'taken_back_notice').map((n) => n.recipientId)).toEqual([
      user.aadObjectId!.toLowerCase(),
      english.aadObjectId!.toLowerCase(),
    ]);
  });

  it('says nothing of a blank draft of the declarant a colleague’s take-back set aside, which « mes déclarations » does not list', async () => {
    const user = declarant();
    const taker = colleague();
    await message('bonjour', as(taker));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    await share(user, declarationId, taker);
    // The declarant opened a new declaration and typed nothing in it yet.
    await say('/déclarer', as(user));
    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(taker));

    const [mine] = await posted(personal(user), 'a repris en brouillon la déclaration');
    expect(mine).not.toContain('mis de côté');
    expect(plain(await say('mes déclarations', as(user)))).not.toContain('(sans nom)');
  });

  it('lets a colleague stop following a shared declaration after confirming; the declarant is told, « Voir » says it, nothing twice', async () => {
    const user = declarant();
    const follower = colleague();
    await message('bonjour', as(follower));
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(channelCard))![0];
    await share(user, declarationId, follower);
    await posted(personal(follower), 'vous donne accès');

    // The colleague's list offers « Ne plus suivre »; the declarant's does not.
    const theirs = await say('mes déclarations', as(follower));
    const leave = button(theirs, 'declaration.leave', declarationId);
    expect(flat(leave?.title)).toMatch(/^Ne plus suivre « /);
    expect(button(await say('mes déclarations', as(user)), 'declaration.leave', declarationId)).toBeUndefined();

    // A confirmation step, its buttons saying what they do in words, no input; « Annuler » goes back to the list.
    const question = await press('declaration.leave', leave!.data, as(follower));
    expect(plain(question)).toContain('Ne plus suivre cette déclaration ?');
    expect(plain(question)).toContain(`Un avis sera envoyé à ${user.name}, qui l’a déclarée ; seule cette personne`);
    expect(executeActions(question).map((a) => [flat(a.title), a.verb])).toEqual([
      ['Confirmer : ne plus suivre', 'declaration.leave.confirm'],
      ['Annuler : continuer à suivre', 'declaration.list_mine'],
    ]);
    expect(inputs(question)).toEqual([]);
    const cancelled = await press('declaration.list_mine', actionData(question, 'declaration.list_mine'), as(follower));
    expect(button(cancelled, 'declaration.leave', declarationId)).toBeDefined();
    expect(await stored((r) => r.accessEvents(declarationId))).toHaveLength(1);

    const left = await press('declaration.leave.confirm', actionData(question, 'declaration.leave.confirm'), as(follower));
    expect(plain(left)).toContain(`Vous ne suivez plus la déclaration ${publicId} « ${validDraft().name as string} ». Un avis est envoyé à ${user.name}.`);
    // The declarant is told in their chat, through the outbox.
    const [notice] = await posted(personal(user), 'ne suit plus votre déclaration');
    expect(notice).toContain(`${follower.name} ne suit plus votre déclaration ${publicId} « ${validDraft().name as string} » (depuis le `);
    // It leaves the colleague's list; the access event is a self-removal, shown so in the declarant's « Voir ».
    expect(plain(await say('mes déclarations', as(follower)))).not.toContain(validDraft().name as string);
    expect((await stored((r) => r.accessEvents(declarationId))).at(-1)).toMatchObject({ actor: { id: follower.aadObjectId, name: follower.name }, change: 'removed', userId: follower.aadObjectId });
    const view = await press('declaration.view', { declarationId, lang: 'fr' }, as(user));
    expect(plain(view)).toContain(`${follower.name} ne suit plus la déclaration.`);

    // Pressed again: said, nothing recorded twice, no second notice.
    const twice = await press('declaration.leave.confirm', actionData(question, 'declaration.leave.confirm'), as(follower));
    expect(plain(twice)).toContain('Vous ne suivez déjà plus cette déclaration depuis le ');
    const asked = await press('declaration.leave', leave!.data, as(follower));
    expect(plain(asked)).toContain('Vous ne suivez déjà plus cette déclaration');
    expect(await stored((r) => r.accessEvents(declarationId))).toHaveLength(2);
    expect((await stored((r) => r.notifications(declarationId))).filter((n) => n.kind === 'left_notice')).toHaveLength(1);
  });

  it('tells a colleague the declarant took their access away first, or that the declaration is decided, recording nothing', async () => {
    const user = declarant();
    const follower = colleague();
    const other = colleague();
    const channelCard = await submitted(user);
    const declarationId = actionData(channelCard, 'review.take').declarationId as string;
    await share(user, declarationId, follower);
    await share(user, declarationId, other);
    const question = await press('declaration.leave', { declarationId, lang: 'fr' }, as(follower));

    // The declarant takes the access away before the colleague confirms.
    const sharing = await press('declaration.share', { declarationId, lang: 'fr' }, as(user));
    const remove = executeActions(sharing).find((a) => a.verb === 'declaration.share.remove' && a.data.userId === follower.aadObjectId)!;
    await press('declaration.share.remove', remove.data, as(user));
    const late = await press('declaration.leave.confirm', actionData(question, 'declaration.leave.confirm'), as(follower));
    expect(plain(late)).toContain(`${user.name} vous a retiré l’accès à cette déclaration le `);
    expect(plain(late)).toContain('rien n’a été enregistré');

    // Approved: the other colleague can no longer leave it.
    await press('review.approve', actionData(channelCard, 'review.approve'), inChannel(ADMIN));
    expect(button(await say('mes déclarations', as(other)), 'declaration.leave', declarationId)).toBeUndefined();
    const decided = await press('declaration.leave.confirm', { declarationId, lang: 'fr' }, as(other));
    expect(plain(decided)).toContain('Cette déclaration est approuvée');
    // The declarant is not the one to leave it.
    expect(plain(await press('declaration.leave.confirm', { declarationId, lang: 'fr' }, as(user)))).toContain('Vous avez fait cette déclaration');
    const access = await stored((r) => r.accessEvents(declarationId));
    expect(access.map((e) => `${e.change} ${e.userId === e.actor.id ? 'self' : 'by declarant'}`)).toEqual(['added by declarant', 'added by declarant', 'removed by declarant']);
    expect((await stored((r) => r.notifications(declarationId))).some((n) => n.kind === 'left_notice')).toBe(false);
  });
});

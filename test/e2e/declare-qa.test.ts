import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputLabels, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';

/** Defects found by QA on the declaration and review flows, each as the person in Teams sees it. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENONCE = path.resolve(repoRoot, '../shared/corpus/documents/enonce-principes-ia-2024.md');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');

const ADMIN: TeamsUser = { id: '29:admin-qa', name: 'Admin Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000001ad' };
const DECLARANT: TeamsUser = { id: '29:declarant-qa', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000001aa' };
const OTHER: TeamsUser = { id: '29:autre-qa', name: 'Autre Personne', aadObjectId: '0000000a-0000-4000-8000-0000000001bb' };
const CLEARING: TeamsUser = { id: '29:clearing-qa', name: 'Personne Qui Efface', aadObjectId: '0000000a-0000-4000-8000-0000000001cc' };
const ENGLISH: TeamsUser = { id: '29:english-qa', name: 'English Speaker', aadObjectId: '0000000a-0000-4000-8000-0000000001ee' };
/** A conversation of ENGLISH's where they never wrote: its language is the client locale's. */
const ENGLISH_ELSEWHERE = 'a:english-elsewhere';
const BILINGUAL: TeamsUser = { id: '29:bilingue-qa', name: 'Personne Bilingue', aadObjectId: '0000000a-0000-4000-8000-0000000001b1' };
const ANGLOPHONE: TeamsUser = { id: '29:anglo-qa', name: 'English Declarant', aadObjectId: '0000000a-0000-4000-8000-0000000001e2' };
const TERSE: TeamsUser = { id: '29:terse-qa', name: 'Personne Brève', aadObjectId: '0000000a-0000-4000-8000-0000000001dd' };
const NO_WORDS: TeamsUser = { id: '29:no-words-qa', name: 'Personne Pressée', aadObjectId: '0000000a-0000-4000-8000-0000000001d2' };
const CHANNEL = '19:gouvernance-qa@thread.tacv2';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';


describe('declaration and review flows, QA defects, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const env = () => ({
    BALISES_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!,
    ORGANISME_PUBLIC: 'Office fictif des permis',
  });
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });
  const inChannel = (user: TeamsUser, extra: Partial<ConversationOptions> = {}) =>
    as(user, { conversationId: `${CHANNEL};messageid=${Math.floor(Math.random() * 1e6)}`, conversationType: 'channel', ...extra });

  /** Sends a message (`groupChat`: mentioning the bot, as in a channel) and returns the first new message of the conversation. */
  async function say(text: string, options: ConversationOptions | (Omit<ConversationOptions, 'conversationType'> & { conversationType: 'groupChat' })): Promise<Json> {
    const before = connector.messages(options.conversationId).length;
    const groupChat = options.conversationType === 'groupChat';
    const activity = userMessage(text, { ...options, conversationType: groupChat ? 'channel' : options.conversationType });
    if (groupChat) activity.conversation.conversationType = 'groupChat';
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1);
    return connector.messages(options.conversationId)[before]!.body;
  }

  async function press(verb: unknown, data: Record<string, unknown>, options: ConversationOptions): Promise<Json> {
    const res = await invoke(running.url, cardAction(verb, data, options));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    return res.body.value;
  }

  /** Fills every step of `card` with the valid draft (and `changes`); returns the last step's card and its values. */
  async function fillAll(card: Json, who: ConversationOptions, changes: Record<string, string> = {}): Promise<{ last: Json; values: Record<string, string> }> {
    const draft = validDraft();
    for (;;) {
      const values = inputValues(card, { ...Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])), ...changes });
      if (executeActions(card).some((a) => a.verb === 'declaration.submit')) return { last: card, values };
      card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...values }, who);
    }
  }

  /** Starts (or resumes) the person's draft, fills it and submits it: the step-3 card pressed, values, receipt. */
  async function declareAndSubmit(who: ConversationOptions, name: string): Promise<{ step3: Json; data: Json; receipt: Json }> {
    const first = (await say('/déclarer', who)).attachments[0].content;
    const { last, values } = await fillAll(first, who, { name });
    const data = { ...actionData(last, 'declaration.submit'), ...values };
    const receipt = await press('declaration.submit', data, who);
    return { step3: last, data, receipt };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-declare-qa-'));
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      const report = await ingestPaths({ store }, [existsSync(ENONCE) ? ENONCE : FICTIONAL], { ingestedBy: 'e2e-test' });
      expect(report).toMatchObject({ kind: 'completed' });
    } finally {
      store.close();
    }
    connector = await new CardConnector().start();
    running = await start(env());
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let firstPublicId = '';
  let firstSubmission: { step3: Json; data: Json; receipt: Json };

  describe('a submission made before the governance channel is registered', () => {
    it('posts its review card to the channel when a governance admin registers it', async () => {
      firstSubmission = await declareAndSubmit(as(DECLARANT), 'Tri fictif avant enregistrement');
      firstPublicId = /IA-\d{4}-\d{4}/.exec(cardText(firstSubmission.receipt))![0];
      expect(connector.messages(CHANNEL)).toHaveLength(0);
      const reply = await say('gouvernance enregistrer', inChannel(ADMIN));
      expect(reply.text).toContain('Ce canal est maintenant celui de l’équipe de gouvernance');
      const [posted] = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === CHANNEL && c.body.type === 'message');
      expect(posted!.activityId).toBeNull();
      const card = cardOf(posted!);
      expect(cardText(card)).toContain(`Déclaration à examiner\u00a0: ${firstPublicId}`);
      expect(card.actions.map((a: Json) => a.verb)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject']);
      // What governance needs to route and follow up the declaration, each under its label.
      for (const expected of [
        'Portefeuille ministériel Transports et Mobilité durable',
        `**Bénéfices attendus**\n${validDraft().benefits}`,
        'Personne-ressource Personne Fictive',
        `Courriel de la personne-ressource ${validDraft().contactEmail}`,
      ]) {
        expect(cardText(card)).toContain(expected);
      }
    });
  });

  describe('an old step-3 card pressed again after governance asked for changes', () => {
    it('shows the current version of the declaration instead of a receipt', async () => {
      const review = cardOf(connector.messages(CHANNEL)[0]!);
      const decided = await press(
        'review.request_changes',
        { ...actionData(review, 'review.request_changes'), comment: 'Précisez la supervision humaine.' },
        inChannel(ADMIN, { replyToId: 'msg-1' }),
      );
      expect(cardText(decided)).toContain('Décision\u00a0: changements demandés');
      const again = await press('declaration.submit', firstSubmission.data, as(DECLARANT));
      const text = cardText(again);
      expect(text).not.toContain('Déclaration reçue');
      expect(text).toContain('Cette déclaration a changé depuis l’affichage de cette carte');
      expect(text).toContain('Étape 3 sur 3');
      expect(actionData(again, 'declaration.submit').revision).toBeGreaterThan(firstSubmission.data.revision);
      expect(connector.messages(CHANNEL)).toHaveLength(1);
    });

    it('shows who asked for changes, when, and their comment on every step of the form, opened from the notice or /déclarer', async () => {
      const me = as(DECLARANT);
      const [call] = await connector.waitFor(
        (c) => c.method === 'POST' && c.conversationId === me.conversationId && JSON.stringify(c.body).includes('Précisez la supervision humaine.'),
      );
      const request = [/\*\*Changements demandés par Admin Fictive, le \d{1,2} \S+ \d{4} à .+ \(heure de l’Est\)\*\*/, /\*\*Commentaire\u00a0:\*\* Précisez la supervision humaine\./];
      let card = await press('declaration.reopen', actionData(cardOf(call!), 'declaration.reopen'), me);
      for (let step = 1; ; step++) {
        expect(cardText(card)).toContain(`Étape ${step} sur 3`);
        for (const line of request) expect(cardText(card)).toMatch(line);
        if (step === 3) break;
        card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...inputValues(card) }, me);
      }
      const back = await press('declaration.back', { ...actionData(card, 'declaration.back'), ...inputValues(card) }, me);
      expect(cardText(back)).toMatch(request[1]!);
      const resumed = (await say('/déclarer', me)).attachments[0].content;
      for (const line of request) expect(cardText(resumed)).toMatch(line);
      const list = cardText((await say('mes déclarations', me)).attachments[0].content);
      expect(list).toMatch(/Changements demandés par Admin Fictive, le .+\. \*\*Commentaire\u00a0:\*\* Précisez la supervision humaine\./);
    });
  });

  describe('wording of reopen, review refresh and review comments', () => {
    it('tells a governance admin reopening someone else’s draft that they cannot edit it', async () => {
      const card = await press('declaration.reopen', { declarationId: firstSubmission.data.declarationId }, as(ADMIN));
      const text = cardText(card);
      expect(text).toContain('Vous ne pouvez pas modifier la déclaration de quelqu’un d’autre');
      expect(text).not.toContain('ne peut plus être modifiée');
      expect(inputs(card)).toEqual([]);
    });

    it('gives the reviewer the comment limit for a comment too long or not a text, recording nothing', async () => {
      const step = await press('declaration.reopen', { declarationId: firstSubmission.data.declarationId }, as(DECLARANT));
      const { last, values } = await fillAll(step, as(DECLARANT), { name: 'Tri fictif avant enregistrement' });
      const receipt = await press('declaration.submit', { ...actionData(last, 'declaration.submit'), ...values }, as(DECLARANT));
      expect(cardText(receipt)).toContain(`Déclaration reçue\u00a0: ${firstPublicId}`);
      const [, posted] = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === CHANNEL && c.body.type === 'message', 2);
      const data = actionData(cardOf(posted!), 'review.request_changes');
      for (const comment of ['x'.repeat(1001), 42]) {
        const card = await press('review.request_changes', { ...data, comment }, inChannel(ADMIN));
        const text = cardText(card);
        expect(inputLabels(card)).toContain('— Erreur\u00a0: le commentaire doit être un texte d’au plus 1000 caractères.');
        expect(text).not.toContain('/déclarer');
        expect(card.actions).toHaveLength(4);
      }
      const list = await say('mes déclarations', as(DECLARANT));
      expect(cardText(list.attachments[0].content)).toContain(`${firstPublicId} · Soumise`);
      expect(cardText(list.attachments[0].content)).not.toContain('Changements demandés par');
    });

    it('keeps the comment typed on an out-of-date review card in the current card, recording nothing', async () => {
      const old = cardOf(connector.messages(CHANNEL)[0]!);
      const comment = 'Précisez qui valide les classements fictifs.';
      const card = await press('review.request_changes', { ...actionData(old, 'review.request_changes'), comment }, inChannel(ADMIN));
      expect(cardText(card)).toContain('Cette déclaration a changé depuis l’affichage de cette carte');
      expect(inputs(card)).toEqual([expect.objectContaining({ id: 'comment', value: comment })]);
      expect(actionData(card, 'review.request_changes').revision).toBeGreaterThan(actionData(old, 'review.request_changes').revision);
      const list = await say('mes déclarations', as(DECLARANT));
      expect(cardText(list.attachments[0].content)).toContain(`${firstPublicId} · Soumise`);
    });

    it('returns the review card read-only, without decision buttons, on a refresh by the declarant', async () => {
      const declarationId = firstSubmission.data.declarationId;
      const mine = await press('review.refresh', { declarationId }, as(DECLARANT));
      // Sent back for changes and resubmitted earlier in this flow: the card says so.
      expect(cardText(mine)).toContain(`Déclaration soumise de nouveau, à examiner\u00a0: ${firstPublicId}`);
      expect(mine.actions).toBeUndefined();
      expect(inputs(mine)).toEqual([]);
      const admins = await press('review.refresh', { declarationId }, inChannel(ADMIN));
      expect(admins.actions.map((a: Json) => a.verb)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject']);
    });

    it('shows only a notice of its state when an approved declaration is reopened', async () => {
      const declarationId = firstSubmission.data.declarationId;
      const refreshed = await press('review.refresh', { declarationId }, inChannel(ADMIN));
      const approved = await press('review.approve', actionData(refreshed, 'review.approve'), inChannel(ADMIN, { replyToId: 'msg-2' }));
      expect(cardText(approved)).toContain('Décision\u00a0: approuvée');
      const card = await press('declaration.reopen', { declarationId }, as(DECLARANT));
      const text = cardText(card);
      expect(text).toContain('Cette déclaration ne peut plus être modifiée\u00a0: son état est «\u00a0Approuvée\u00a0».');
      expect(text).not.toContain('Déclaration reçue');
      expect(text).not.toContain('transmise à l’équipe de gouvernance');
    });
  });

  describe('/déclarer outside a personal chat', () => {
    it('answers in a channel that declarations are made in a personal chat, and sends no card', async () => {
      const where = as(OTHER, { conversationId: `19:equipe-qa@thread.tacv2;messageid=5`, conversationType: 'channel' });
      const reply = await say('/déclarer', where);
      expect(reply.text).toContain('Les déclarations se font dans une conversation personnelle avec moi');
      // The command is code, as `aide` and `sources` are in every other message: Teams draws it apart from the prose.
      expect(reply.text).toContain('ouvrez une conversation avec Balises et tapez `/déclarer`.');
      expect(reply.attachments ?? []).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connector.messages(where.conversationId)).toHaveLength(1);
      const mine = await say('mes déclarations', as(OTHER));
      expect(cardText(mine.attachments[0].content)).toContain('Mes déclarations (0)');
    });

    it('answers in English in a group chat for an English client, without the draft’s values', async () => {
      const where = { ...as(DECLARANT, { conversationId: `19:groupe-qa@unq.gbl.spaces`, locale: 'en-US' }), conversationType: 'groupChat' as const };
      const reply = await say('declare', where);
      expect(reply.text).toContain('Declarations are made in a personal chat with me');
      expect(JSON.stringify(reply)).not.toContain('Office fictif des permis');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connector.messages(where.conversationId)).toHaveLength(1);
    });
  });

  describe('card actions no verb route serves', () => {
    const shapes: Array<[string, (activity: Record<string, any>) => void]> = [
      ['no value', (a) => delete a.value],
      ['an empty value', (a) => (a.value = {})],
      ['an Action.Submit', (a) => (a.value = { action: { type: 'Action.Submit', data: { declarationId: 'x' } }, trigger: 'manual' })],
      ['an Action.Submit with a known verb', (a) => (a.value.action.type = 'Action.Submit')],
    ];
    for (const [name, alter] of shapes) {
      it(`answers ${name} with the « action not recognised » card, not a bare 501`, async () => {
        const activity = cardAction('declaration.next', { declarationId: 'x' }, as(DECLARANT));
        alter(activity);
        const res = await invoke(running.url, activity);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
        expect(cardText(res.body.value)).toContain('Cette action n’est pas reconnue');
      });
    }
  });

  describe('the card language', () => {
    it('speaks the command’s language through the whole flow; when the word says nothing, the last one written in here, else the client locale’s', async () => {
      const english = as(ENGLISH, { locale: 'en-US' });
      const step1 = (await say('/déclarer', english)).attachments[0].content;
      expect(cardText(step1)).toContain('Étape 1 sur 3');
      const draft = validDraft();
      const values = inputValues(step1, Object.fromEntries(inputs(step1).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const step2 = await press('declaration.next', { ...actionData(step1), ...values }, english);
      expect(cardText(step2)).toContain('Étape 2 sur 3');
      // `/declare` is what Teams' command menu offers an en-US client: it says nothing of the language the person
      // writes in, and this person last wrote French here.
      const resumed = (await say('/declare', english)).attachments[0].content;
      expect(cardText(resumed)).toContain('Étape 2 sur 3');
      const elsewhere = (await say('/declare', as(ENGLISH, { locale: 'en-US', conversationId: ENGLISH_ELSEWHERE }))).attachments[0].content;
      expect(cardText(elsewhere)).toContain('Step 2 of 3 — Nature and data');
      const french = (await say('/declare', as(OTHER))).attachments[0].content;
      expect(cardText(french)).toContain('Étape 1 sur 3');
    });

    it('says a field left out of a step submission is required', async () => {
      const english = as(ENGLISH, { locale: 'en-US', conversationId: ENGLISH_ELSEWHERE });
      const step2 = (await say('/declare', english)).attachments[0].content;
      expect(cardText(step2)).toContain('Step 2 of 3');
      const card = await press('declaration.next', actionData(step2, 'declaration.next'), english);
      const text = cardText(card);
      expect(text).toContain('Step 2 of 3');
      const labels = inputLabels(card);
      expect(labels).toContain('(required) — Error: this field is required.');
      expect(labels).not.toContain('this value is not accepted');
      expect(labels).not.toContain('choose a value from the list');
    });
  });

  describe('the language of the declaration, not the client locale of whoever acts', () => {
    /** The review cards posted to the governance channel so far. */
    const posted = () => connector.messages(CHANNEL).filter((c) => c.method === 'POST' && c.body.type === 'message');

    it('posts and refreshes the review card of an English declaration in English, in a channel registered in French', async () => {
      const before = posted().length;
      const english = as(ANGLOPHONE, { locale: 'en-CA' });
      const first = (await say('/declare', english)).attachments[0].content;
      const { last, values } = await fillAll(first, english, { name: 'Fictional English triage' });
      const receipt = await press('declaration.submit', { ...actionData(last, 'declaration.submit'), ...values }, english);
      expect(cardText(receipt)).toContain('Declaration received');
      const [call] = (await connector.waitFor((c) => c.method === 'POST' && c.conversationId === CHANNEL && c.body.type === 'message', before + 1)).slice(before);
      const card = cardOf(call!);
      expect(cardText(card)).toContain('Declaration to review');
      expect(cardText(card)).toContain('Ministerial portfolio');
      const refreshed = await press('review.refresh', { declarationId: actionData(card, 'review.approve').declarationId }, inChannel(ADMIN, { locale: 'fr-CA' }));
      expect(cardText(refreshed)).toContain('Declaration to review');
    });

    it('gives a French declaration’s declarant the decision in French, and the reviewer the French card, both with English clients', async () => {
      const before = posted().length;
      const declarant = as(BILINGUAL, { locale: 'en-US' });
      const { receipt } = await declareAndSubmit(declarant, 'Tri fictif en français');
      expect(cardText(receipt)).toContain('Déclaration reçue');
      const [call] = (await connector.waitFor((c) => c.method === 'POST' && c.conversationId === CHANNEL && c.body.type === 'message', before + 1)).slice(before);
      const review = cardOf(call!);
      expect(cardText(review)).toContain('Déclaration à examiner');
      const decided = await press(
        'review.request_changes',
        { ...actionData(review, 'review.request_changes'), comment: 'Précisez les bénéfices.' },
        inChannel(ADMIN, { locale: 'en-US', replyToId: 'msg-fr' }),
      );
      expect(cardText(decided)).toContain('Décision\u00a0: changements demandés');
      const [notice] = await connector.waitFor((c) => c.conversationId === declarant.conversationId && JSON.stringify(c.body).includes('Précisez les bénéfices.'));
      const text = cardText(cardOf(notice!));
      expect(text).toContain('«\u00a0Tri fictif en français\u00a0»\u00a0: changements demandés, par Admin Fictive.');
      expect(executeActions(cardOf(notice!)).map((a) => a.title)).toEqual(['Modifier la déclaration']);
    });

    it('answers a refusal in the presser’s own language', async () => {
      const [call] = posted().slice(-1);
      const refused = await press('review.approve', actionData(cardOf(call!), 'review.approve'), inChannel(OTHER, { locale: 'en-US' }));
      expect(cardText(refused)).toContain('Sorry, this action is reserved for the governance team. Type “my declarations” to see yours.');
    });
  });

  describe('a required description left empty, or too short', () => {
    it('says an empty one is required, and gives the length only when something too short was typed', async () => {
      const who = as(TERSE);
      const step1 = (await say('/déclarer', who)).attachments[0].content;
      const draft = validDraft();
      const valid = inputValues(step1, Object.fromEntries(inputs(step1).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      // Adaptive Cards leave an empty input out of the submission; blanks only are empty too.
      const { purpose: _empty, ...withoutPurpose } = valid;
      const empty = await press('declaration.next', { ...actionData(step1), ...withoutPurpose, benefits: '   ' }, who);
      /** The problem of a field, in its label (« … — Erreur : … »). */
      const problem = (card: Json, field: string) => String(inputs(card).find((i) => i.id === field)?.label ?? '').split(' — ')[1];
      expect(problem(empty, 'purpose')).toBe('Erreur\u00a0: ce champ est obligatoire.');
      expect(problem(empty, 'benefits')).toBe('Erreur\u00a0: ce champ est obligatoire.');
      // The label states the minimum up front (« (obligatoire, au moins 20 caractères) »); an empty field’s problem is only that it is required.
      expect(inputs(empty).map((i) => problem(empty, String(i.id)) ?? '').join('\n')).not.toContain('au moins');

      const short = await press('declaration.next', { ...actionData(empty), ...valid, purpose: 'Trier.' }, who);
      expect(problem(short, 'purpose')).toBe('Erreur\u00a0: au moins 20 caractères.');
      expect(inputLabels(short)).not.toContain('obligatoire.');
    });

    it('says it in English on an English card', async () => {
      // Another conversation than the one where this person wrote `/déclarer`: nothing known there but the locale.
      const who = as(TERSE, { locale: 'en-CA', conversationId: 'a:terse-english' });
      const step1 = (await say('/declare', who)).attachments[0].content;
      // The draft typed in above, resumed: said so, in English.
      expect(cardText(step1)).toMatch(/^Draft resumed: your answers saved on \p{L}+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\u00a0[ap]\.m\. ET are kept\.$/mu);
      const { purpose: _empty, ...withoutPurpose } = inputValues(step1);
      const card = await press('declaration.next', { ...actionData(step1), ...withoutPurpose }, who);
      expect(cardText(card)).toContain('**Error:** one field needs correcting (see "Error" beside its name).');
      expect(inputs(card).find((i) => i.id === 'purpose')?.label).toBe('What it does and why (required, at least 20 characters) — Error: this field is required.');
      expect(inputLabels(card)).not.toContain('Error: at least 20 characters');
    });
  });

  describe('a required description typed without a single letter', () => {
    it('is refused in words, in the card’s language, where « au moins N caractères » let it through', async () => {
      // Found in the Playground: « ?????????????? » as the expected benefits and « 1234567890 » as the data went to the
      // inventory and the governance team's review card.
      const fr = as(NO_WORDS);
      const step1 = (await say('/déclarer', fr)).attachments[0].content;
      const valid = inputValues(step1, Object.fromEntries(inputs(step1).map((i) => [i.id, asInput(validDraft()[i.id as keyof ReturnType<typeof validDraft>])])));
      const card = await press('declaration.next', { ...actionData(step1), ...valid, benefits: '??????????????', purpose: '1234567890 — 1234567890 !' }, fr);
      const problem = (c: Json, field: string) => String(inputs(c).find((i) => i.id === field)?.label ?? '').split(' — ')[1];
      expect(cardText(card)).toContain('Étape 1 sur 3');
      expect(problem(card, 'benefits')).toBe('Erreur\u00a0: ce texte ne contient aucune lettre\u00a0: écrivez-le avec des mots.');
      expect(problem(card, 'purpose')).toBe('Erreur\u00a0: ce texte ne contient aucune lettre\u00a0: écrivez-le avec des mots.');
      // What was typed stays in the inputs, to be corrected.
      expect(inputValues(card).benefits).toBe('??????????????');

      const en = as(NO_WORDS, { locale: 'en-CA', conversationId: 'a:no-words-english' });
      const english = (await say('/declare', en)).attachments[0].content;
      const again = await press('declaration.next', { ...actionData(english), ...inputValues(english) }, en);
      expect(problem(again, 'benefits')).toBe('Error: this text has no letters: write it in words.');
    });
  });

  describe('a saved field emptied on a step card', () => {
    it('is cleared: the receipt no longer has the obligation it triggered', async () => {
      const who = as(CLEARING);
      const first = (await say('/déclarer', who)).attachments[0].content;
      const { last, values } = await fillAll(first, who, { name: 'Fournisseur effacé' });
      const step2 = await press('declaration.back', { ...actionData(last, 'declaration.back'), ...values }, who);
      expect(inputValues(step2).supplier).toBe(validDraft().supplier);
      // Adaptive Cards leave an emptied input out of the submission.
      const { supplier: _emptied, ...submitted } = inputValues(step2);
      const step3 = await press('declaration.next', { ...actionData(step2, 'declaration.next'), ...submitted }, who);
      const back = await press('declaration.back', { ...actionData(step3, 'declaration.back'), ...inputValues(step3) }, who);
      expect(inputValues(back).supplier).toBe('');
      const again = await press('declaration.next', { ...actionData(back, 'declaration.next'), ...submitted }, who);
      const receipt = await press('declaration.submit', { ...actionData(again, 'declaration.submit'), ...inputValues(again) }, who);
      const text = cardText(receipt);
      expect(text).toContain('Déclaration reçue');
      expect(text).not.toContain('Les principes s’appliquent aux fournisseurs et prestataires');
      // Markdown escapes are for the markdown subset only: no backslash shows before a section number or a word.
      expect(text).not.toMatch(/\\[\p{L}\p{N}]/u);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, cardOf, type ConnectorCall } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputLabels, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENONCE = path.resolve(repoRoot, '../shared/corpus/documents/enonce-principes-ia-2024.md');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const realCorpus = existsSync(ENONCE);

const ADMIN: TeamsUser = { id: '29:admin-fictive', name: 'Admin Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000ad' };
const DECLARANT: TeamsUser = { id: '29:declarant-fictif', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000aa' };
const OTHER: TeamsUser = { id: '29:autre-fictif', name: 'Autre Personne', aadObjectId: '0000000a-0000-4000-8000-0000000000bb' };
const CHANNEL = '19:gouvernance-fictive@thread.tacv2';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';


describe('declaring an AI use case through Adaptive Cards, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const personalChat = `a:personal-${randomUUID()}`;
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
    conversationId: from === DECLARANT ? personalChat : `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  /** Sends a message and returns the first new message of the conversation (a card or text). */
  async function say(text: string, options: ConversationOptions): Promise<Json> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(text, options)),
    });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1);
    return connector.messages(options.conversationId)[before]!.body;
  }

  /** Presses a card button and returns the card the bot answers with (the invoke response). */
  async function press(verb: unknown, data: Record<string, unknown>, options: ConversationOptions): Promise<Json> {
    const res = await invoke(running.url, cardAction(verb, data, options));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(res.body.value.version).toBe('1.5');
    return res.body.value;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-declare-'));
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      const report = await ingestPaths({ store }, [realCorpus ? ENONCE : FICTIONAL], { ingestedBy: 'e2e-test' });
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

  let declarationId = '';
  let step1: Json;

  describe('governance channel', () => {
    it('refuses to register the channel for someone outside the governance team', async () => {
      const reply = await say('gouvernance enregistrer', as(OTHER, { conversationId: `${CHANNEL};messageid=1`, conversationType: 'channel' }));
      expect(reply.text).toContain('Seuls les membres de l’équipe de gouvernance');
    });

    it('registers the channel when a governance admin asks in it', async () => {
      const reply = await say('gouvernance enregistrer', as(ADMIN, { conversationId: `${CHANNEL};messageid=2`, conversationType: 'channel' }));
      expect(reply.text).toContain('Ce canal est maintenant celui de l’équipe de gouvernance');
    });
  });

  describe('a declaration, step by step', () => {
    it('starts a draft on /déclarer with the configured body and the person’s Teams name', async () => {
      const reply = await say('/déclarer', as(DECLARANT));
      expect(reply.attachments[0].contentType).toBe(CARD_TYPE);
      step1 = reply.attachments[0].content;
      expect(cardText(step1)).toContain('Étape 1 sur 3 — Identification');
      const values = inputValues(step1);
      expect(values.organismePublic).toBe('Office fictif des permis');
      expect(values.contactName).toBe('Personne Fictive');
      declarationId = actionData(step1).declarationId;
      expect(declarationId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps every value and shows the problems in the fields’ labels when a step does not validate', async () => {
      const typed = inputValues(step1, { name: 'ab', purpose: 'Trop court', contactEmail: 'pas-un-courriel' });
      const card = await press('declaration.next', { ...actionData(step1), ...typed }, as(DECLARANT));
      expect(cardText(card)).toContain('Étape 1 sur 3');
      expect(inputValues(card)).toMatchObject({ name: 'ab', purpose: 'Trop court', contactEmail: 'pas-un-courriel', organismePublic: 'Office fictif des permis' });
      const labels = inputLabels(card);
      expect(labels).toContain('(obligatoire, au moins 3 caractères) — Erreur\u00a0: au moins 3 caractères.');
      expect(labels).toContain('(obligatoire) — Erreur\u00a0: entrez une adresse courriel valide');
      step1 = card;
    });

    it('moves to step 2 once step 1 is valid, and back keeps what was typed', async () => {
      const draft = validDraft();
      const typed = inputValues(step1, Object.fromEntries(inputs(step1).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const step2 = await press('declaration.next', { ...actionData(step1), ...typed }, as(DECLARANT));
      expect(cardText(step2)).toContain('Étape 2 sur 3 — Nature et données');
      expect(actionData(step2).revision).toBeGreaterThan(actionData(step1).revision);
      const back = await press('declaration.back', { ...actionData(step2), ...inputValues(step2, { supplier: 'Fournisseur générique' }) }, as(DECLARANT));
      expect(cardText(back)).toContain('Étape 1 sur 3');
      expect(inputValues(back).name).toBe(draft.name);
      step1 = back;
    });
  });

  describe('a restart in the middle of a draft', () => {
    it('resumes the draft with the values kept on /déclarer after the server restarts on the same data', async () => {
      await running.stop();
      running = await start(env());
      const reply = await say('déclarer', as(DECLARANT));
      const card = reply.attachments[0].content;
      expect(actionData(card).declarationId).toBe(declarationId);
      expect(cardText(card)).toContain('Étape 2 sur 3');
      expect(inputValues(card).supplier).toBe('Fournisseur générique');
      const back = await press('declaration.back', { ...actionData(card), ...inputValues(card) }, as(DECLARANT));
      expect(inputValues(back).name).toBe(validDraft().name);
      step1 = back;
    });
  });

  describe('bad input', () => {
    it('refuses a forged payload naming someone else’s declaration', async () => {
      const card = await press('declaration.next', { ...actionData(step1), ...inputValues(step1, { name: 'Piraté' }) }, as(OTHER));
      expect(cardText(card)).toContain('Vous n’avez pas accès à cette déclaration');
      const mine = await say('mes déclarations', as(DECLARANT));
      expect(cardText(mine.attachments[0].content)).not.toContain('Piraté');
    });

    it('answers an unknown verb with a clear card, not an error', async () => {
      const card = await press('declaration.explode', { declarationId }, as(DECLARANT));
      expect(cardText(card)).toContain('Cette action n’est pas reconnue');
    });

    it('refuses a tampered id and a payload of the wrong shape', async () => {
      const unknown = await press('declaration.next', { ...actionData(step1), declarationId: randomUUID() }, as(DECLARANT));
      expect(cardText(unknown)).toContain('Cette déclaration est introuvable. Tapez «\u00a0mes déclarations\u00a0» pour voir les vôtres.');
      const badRevision = await press('declaration.next', { ...actionData(step1), revision: 'deux' }, as(DECLARANT));
      expect(cardText(badRevision)).toContain('Cette carte n’est plus valide');
      const badStep = await press('declaration.next', { ...actionData(step1), step: 'etape-4' }, as(DECLARANT));
      expect(cardText(badStep)).toContain('Cette carte n’est plus valide');
    });

    it('answers a card from an old schema version with the current version', async () => {
      const old = await press('declaration.next', { ...actionData(step1), schemaVersion: 0, ...inputValues(step1, { name: 'Ancien' }) }, as(DECLARANT));
      expect(cardText(old)).toContain('Cette déclaration a changé');
      expect(inputValues(old).name).toBe(validDraft().name);
    });

    it('answers an old revision’s card carrying the draft’s own values as a fresh press: the next step, no « a changé »', async () => {
      const fresh = await press('declaration.next', { ...actionData(step1), ...inputValues(step1) }, as(DECLARANT));
      const stale = await press('declaration.next', { ...actionData(step1), revision: 1, ...inputValues(step1) }, as(DECLARANT));
      expect(cardText(stale)).toContain('Étape 2 sur 3');
      expect(cardText(stale)).not.toContain('a changé');
      expect(stale).toEqual(fresh);
    });
  });

  let publicId = '';
  let reviewMessage: ConnectorCall;

  describe('submission', () => {
    let step3: Json;

    it('reaches step 3 and submits: receipt with IA number and the preliminary assessment quoting the documents', async () => {
      const draft = validDraft();
      const fill = (card: Json) => inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const step2 = await press('declaration.next', { ...actionData(step1), ...fill(step1) }, as(DECLARANT));
      step3 = await press('declaration.next', { ...actionData(step2), ...fill(step2) }, as(DECLARANT));
      expect(cardText(step3)).toContain('Étape 3 sur 3 — Effets et supervision');
      step3 = { ...step3, filled: fill(step3) };
      const receipt = await press('declaration.submit', { ...actionData(step3, 'declaration.submit'), ...step3.filled }, as(DECLARANT));
      const text = cardText(receipt);
      publicId = /IA-\d{4}-\d{4}/.exec(text)![0];
      expect(text).toContain(`Déclaration reçue\u00a0: ${publicId}`);
      expect(text).toContain('Évaluation préliminaire\nÉtablie automatiquement à partir des réponses ; à confirmer par l’équipe de gouvernance.');
      expect(text.split('à confirmer')).toHaveLength(2);
      expect(text).toMatch(/Niveau d’impact\u00a0: [1-4] sur 4\*\* — impact/);
      expect(text).toContain('Évaluation des facteurs relatifs à la vie privée (EFVP)');
      const quotes = (receipt.body as Json[]).filter((e) => e.type === 'Container' && e.style === 'emphasis');
      if (realCorpus) {
        expect(quotes.length).toBeGreaterThan(0);
        const source = readFileSync(ENONCE, 'utf8').replace(/\s+/g, ' ');
        const firstWords = (quotes[0]!.items[0].text as string).replace(/^«\u00a0/, '').replace(/\\/g, '').split(' ').slice(0, 6).join(' ');
        expect(source).toContain(firstWords);
        expect(text).toMatch(/Citations tirées de\u00a0: \[?Énoncé de principes/);
      }
    });

    it('makes one declaration of a double click or a redelivered invoke: same IA number, one review card', async () => {
      const again = await press('declaration.submit', { ...actionData(step3, 'declaration.submit'), ...step3.filled }, as(DECLARANT));
      expect(cardText(again)).toContain(`Déclaration reçue\u00a0: ${publicId}`);
      const list = await say('mes déclarations', as(DECLARANT));
      const listed = cardText(list.attachments[0].content);
      expect(listed).toContain('Mes déclarations (1)');
      expect(listed).toContain(`${publicId} · Soumise`);
      const posted = connector.messages(CHANNEL);
      expect(posted).toHaveLength(1);
      reviewMessage = posted[0]!;
    });

    it('posts the review card to the registered channel as a new thread, with the decisions and a refresh for admins', () => {
      expect(reviewMessage.activityId).toBeNull();
      const card = cardOf(reviewMessage);
      expect(cardText(card)).toContain(`Déclaration à examiner\u00a0: ${publicId}`);
      expect(card.actions.map((a: Json) => a.verb)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject']);
      expect(card.refresh.userIds).toEqual([`8:orgid:${ADMIN.aadObjectId}`]);
    });
  });

  describe('governance review', () => {
    const inChannel = (user: TeamsUser) => as(user, { conversationId: `${CHANNEL};messageid=77`, conversationType: 'channel', replyToId: 'msg-review' });

    it('refuses a decision from someone outside the governance team', async () => {
      const card = await press('review.approve', actionData(cardOf(reviewMessage), 'review.approve'), inChannel(OTHER));
      expect(cardText(card)).toContain('réservée à l’équipe de gouvernance');
    });

    it('asks for a comment before requesting changes, recording nothing', async () => {
      const card = await press('review.request_changes', { ...actionData(cardOf(reviewMessage), 'review.request_changes'), comment: '  ' }, inChannel(ADMIN));
      expect(inputLabels(card)).toContain('— Erreur\u00a0: un commentaire est obligatoire');
      expect(card.actions).toHaveLength(4);
    });

    it('approves: the card shows who decided and when for everyone, and the declarant is notified in personal chat', async () => {
      const refreshed = await press('review.refresh', { declarationId }, inChannel(ADMIN));
      const data = actionData(refreshed, 'review.approve');
      const card = await press('review.approve', { ...data, comment: 'Conforme. **Merci**' }, inChannel(ADMIN));
      const text = cardText(card);
      expect(text).toContain('Décision\u00a0: approuvée, par Admin Fictive');
      expect(text).toContain('Conforme. \\*\\*Merci\\*\\*');
      expect(card.actions).toBeUndefined();
      const [update] = await connector.waitFor((c) => c.method === 'PUT');
      expect(update).toMatchObject({ conversationId: `${CHANNEL};messageid=77`, activityId: 'msg-review' });
      // What everyone in the channel now reads: decided, and the assessment no longer « à confirmer ».
      const shown = cardText(cardOf(update!));
      expect(shown).toContain('Décision\u00a0: approuvée');
      expect(shown).toContain(`Déclaration examinée\u00a0: ${publicId} (approuvée)`);
      expect(shown).toContain('Évaluation examinée par l’équipe de gouvernance\nÉtablie automatiquement à partir des réponses soumises.');
      for (const outdated of ['à examiner', 'préliminaire', 'à confirmer']) expect(shown).not.toContain(outdated);
      const [notice] = await connector.waitFor((c) => c.conversationId === personalChat && JSON.stringify(c.body).includes('approuvée'));
      expect(notice!.activityId).toBeNull();
      expect(cardText(cardOf(notice!))).toContain(`Votre déclaration ${publicId} «\u00a0${validDraft().name}\u00a0»\u00a0: approuvée, par Admin Fictive.`);
      // No way to edit an approved declaration, but one to read it: the receipt with the decision and the obligations.
      const actions = executeActions(cardOf(notice!));
      expect(actions.map((a) => [a.title, a.verb])).toEqual([['Voir la déclaration', 'declaration.view']]);
      const receipt = await press('declaration.view', actions[0]!.data, as(DECLARANT));
      expect(cardText(receipt)).toContain('Décision\u00a0: approuvée, par Admin Fictive');
      expect(cardText(receipt)).toContain(publicId);
    });

    it('answers a second decision on a decided declaration with the decided card', async () => {
      const card = await press('review.reject', { declarationId, revision: 1, comment: 'Trop tard' }, inChannel(ADMIN));
      expect(cardText(card)).toContain('Décision\u00a0: approuvée');
      expect(card.actions).toBeUndefined();
    });
  });

  describe('changes requested, reopened and resubmitted', () => {
    const COLLEAGUE: TeamsUser = { id: '29:collegue-fictive', name: 'Collègue Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000cc' };
    const colleague = () => as(COLLEAGUE);
    let secondId = '';
    let secondPublicId = '';

    /** Fills the three steps of `card` with the valid draft (and `changes`), returning the last step's card and values. */
    async function fillAll(card: Json, changes: Record<string, string> = {}): Promise<{ last: Json; values: Record<string, string> }> {
      const draft = validDraft();
      for (;;) {
        const values = inputValues(card, { ...Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])), ...changes });
        const submit = executeActions(card).find((a) => a.verb === 'declaration.submit');
        if (submit) return { last: card, values };
        card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...values }, colleague());
      }
    }

    it('makes one declaration of two simultaneous submits', async () => {
      const first = (await say('/declare', colleague())).attachments[0].content;
      secondId = actionData(first).declarationId;
      const { last, values } = await fillAll(first, { name: 'Assistant fictif de rédaction' });
      const data = { ...actionData(last, 'declaration.submit'), ...values };
      const [a, b] = await Promise.all([press('declaration.submit', data, colleague()), press('declaration.submit', data, colleague())]);
      secondPublicId = /IA-\d{4}-\d{4}/.exec(cardText(a))![0];
      expect(secondPublicId).not.toBe(publicId);
      expect(cardText(b)).toContain(secondPublicId);
      await connector.waitFor((c) => c.conversationId === CHANNEL && c.method === 'POST', 2);
      expect(connector.messages(CHANNEL)).toHaveLength(2);
    });

    it('notifies the declarant of requested changes with a button that reopens the declaration, and resubmission keeps the number', async () => {
      const review = cardOf(connector.messages(CHANNEL)[1]!);
      const inChannel = as(ADMIN, { conversationId: `${CHANNEL};messageid=88`, conversationType: 'channel', replyToId: 'msg-review-2' });
      const decided = await press('review.request_changes', { ...actionData(review, 'review.request_changes'), comment: 'Précisez les données utilisées.' }, inChannel);
      expect(cardText(decided)).toContain('Décision\u00a0: changements demandés, par Admin Fictive');
      const [notice] = await connector.waitFor((c) => c.conversationId === `a:personal-${COLLEAGUE.aadObjectId}` && JSON.stringify(c.body).includes('changements demandés'));
      const noticeCard = cardOf(notice!);
      expect(cardText(noticeCard)).toContain('Précisez les données utilisées.');
      const reopen = executeActions(noticeCard)[0]!;
      expect(reopen).toMatchObject({ verb: 'declaration.reopen', data: { declarationId: secondId } });
      const forged = await press('declaration.reopen', reopen.data, as(OTHER));
      expect(cardText(forged)).toContain('Vous n’avez pas accès');
      const step = await press('declaration.reopen', reopen.data, colleague());
      expect(inputValues(step).name).toBe('Assistant fictif de rédaction');
      const { last, values } = await fillAll(step, { name: 'Assistant fictif de rédaction', dataDescription: 'Gabarits de lettres fictifs, sans renseignement personnel.' });
      const receipt = await press('declaration.submit', { ...actionData(last, 'declaration.submit'), ...values }, colleague());
      expect(cardText(receipt)).toContain(`Déclaration reçue\u00a0: ${secondPublicId}`);
      await connector.waitFor((c) => c.conversationId === CHANNEL && c.method === 'POST', 3);
      // The governance channel is told it is a resubmission, and what the reviewer had asked.
      const resubmitted = cardText(cardOf(connector.messages(CHANNEL)[2]!));
      expect(resubmitted).toContain(`Déclaration soumise de nouveau, à examiner\u00a0: ${secondPublicId}`);
      expect(resubmitted).toMatch(
        /\*\*Demande de changements précédente\*\*\nChangements demandés par Admin Fictive, le .+\.\n\*\*Commentaire\u00a0:\*\* Précisez les données utilisées\.\nChamps modifiés depuis cette demande\u00a0: Données d’entrée ou d’entraînement\./,
      );
      expect(resubmitted).not.toMatch(/Nom de l’initiative ;|; Nom de l’initiative/);
    });
  });

  describe('inventory lists', () => {
    it('lists the inventory by state for governance admins', async () => {
      const approved = await say('inventaire approuvée', as(ADMIN));
      expect(cardText(approved.attachments[0].content)).toContain(`${publicId} · Approuvée`);
      const drafts = await say('inventaire brouillons', as(ADMIN));
      expect(cardText(drafts.attachments[0].content)).toContain('Aucune déclaration dans cet état');
      const unknown = await say('inventaire bof', as(ADMIN));
      expect(unknown.text).toBe(
        'Je ne connais pas cet état. Essayez\u00a0: `inventaire`, ou `inventaire` suivi d’un état\u00a0: en attente (soumises ou en examen), brouillon, soumise, en examen, approuvée, changements demandés ou refusée ; ou suivi du numéro d’une déclaration pour la voir (`inventaire IA-2026-0001`).',
      );
    });

    it('names the state a list is filtered on in words that agree, in French and English', async () => {
      // A few filters (the rate limit allows ten messages in a row); test/bot/cards checks the words of every state.
      const headings: [string, RegExp][] = [
        ['inventaire soumises', /^Inventaire — déclarations soumises \(\d+\)$/],
        ['inventaire changements demandés', /^Inventaire — déclarations avec changements demandés \(\d+\)$/],
        ['inventory drafts', /^Inventory — drafts \(\d+\)$/],
        ['inventory approved', /^Inventory — approved declarations \(1\)$/],
        ['inventaire en attente', /^Inventaire — déclarations en attente de décision \(\d+\)$/],
        ['inventory pending', /^Inventory — declarations awaiting a decision \(\d+\)$/],
      ];
      for (const [command, heading] of headings) {
        // A conversation of its own: notifications to the admin's personal chat do not come between.
        const reply = await say(command, as(ADMIN, { conversationId: 'a:inventaire-filtres' }));
        expect(cardText(reply.attachments[0].content).split('\n')[0], command).toMatch(heading);
      }
    });

    it('politely refuses the inventory to others, and points them to their own declarations', async () => {
      const reply = await say('inventaire', as(OTHER));
      expect(cardText(reply.attachments[0].content)).toBe('Désolé, cette action est réservée à l’équipe de gouvernance. Tapez «\u00a0mes déclarations\u00a0» pour voir les vôtres.');
    });
  });
});

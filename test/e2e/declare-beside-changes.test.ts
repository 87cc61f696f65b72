import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-beside', name: 'Admin Fictive', aadObjectId: '0000000b-0000-4000-8000-0000000002ad' };
const DECLARANT: TeamsUser = { id: '29:declarant-beside', name: 'Personne Fictive', aadObjectId: '0000000b-0000-4000-8000-0000000002aa' };
const RESUMER: TeamsUser = { id: '29:declarant-beside-2', name: 'Personne Qui Reprend', aadObjectId: '0000000b-0000-4000-8000-0000000002ab' };
const CHANNEL = '19:gouvernance-beside@thread.tacv2';

/**
 * A declaration sent back for changes is what `/déclarer` resumes, and it can wait for weeks (an answer from a
 * supplier): its declarant must still be able to declare another use case meanwhile.
 */
describe('declaring another use case while one is sent back for changes, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const me = () => as(DECLARANT);
  const channel = (): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: CHANNEL, conversationType: 'channel' });
  const { message: say, press } = cardConversation(() => running.url, () => connector);

  /** Declares `name` for `who`, submits it, and has the governance admin ask for changes. */
  async function sendBack(who: TeamsUser, name: string): Promise<void> {
    let card = (await say('/déclarer', as(who))).attachments[0].content as Json;
    const draft = validDraft();
    for (;;) {
      const values = inputValues(card, { ...Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])), name });
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(who));
      if (verb === 'declaration.submit') break;
    }
    const posted = await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(name));
    const review = cardOf(posted.at(-1)!);
    await press('review.request_changes', { ...actionData(review, 'review.request_changes'), comment: 'Précisez la supervision.' }, { ...channel(), replyToId: 'msg-1' });
  }

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-beside-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
    await say('gouvernance enregistrer', channel());
    await sendBack(DECLARANT, 'Tri fictif renvoyé');
    await sendBack(RESUMER, 'Tri fictif à corriger');
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The draft « Nouvelle déclaration » started beside the one sent back. */
  let newDraft = '';

  it('offers « Nouvelle déclaration » in « mes déclarations », which starts an empty one and leaves the one sent back as it was', async () => {
    const list = (await say('mes déclarations', me())).attachments[0].content as Json;
    expect(cardText(list)).toContain('Changements demandés');
    const started = await press('declaration.start_new', actionData(list, 'declaration.start_new'), me());
    expect(cardText(started)).toContain('Étape 1 sur 3');
    expect(inputs(started).find((i) => i.id === 'name')?.value ?? '').toBe('');
    newDraft = actionData(started).declarationId as string;
    // The new draft, nothing typed yet, is not listed (no empty « (sans nom) » entry); /déclarer resumes it.
    const after = cardText((await say('mes déclarations', me())).attachments[0].content);
    expect(after).toContain('Mes déclarations (1)');
    expect(after).not.toContain('(sans nom)');
    expect(after).toMatch(/Tri fictif renvoyé\*\*\n\S+ · Changements demandés/);
  });

  it('still reopens and resubmits the one sent back, same number, with the new draft open', async () => {
    const list = (await say('mes déclarations', me())).attachments[0].content as Json;
    const sentBack = executeActions(list).filter((a) => a.verb === 'declaration.reopen');
    let card: Json = {};
    for (const action of sentBack) {
      const opened = await press('declaration.reopen', action.data, me());
      if (inputs(opened).some((i) => i.id === 'name' && i.value === 'Tri fictif renvoyé')) card = opened;
    }
    expect(cardText(card)).toContain('Précisez la supervision.');
    for (;;) {
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...inputValues(card) }, me());
      if (verb === 'declaration.submit') break;
    }
    expect(cardText(card)).toMatch(/Déclaration reçue\u00a0: IA-\d{4}-0001/);
    const after = cardText((await say('mes déclarations', me())).attachments[0].content);
    expect(after).toMatch(/Tri fictif renvoyé\*\*\nIA-\d{4}-0001 · Soumise/);
    const resumed = (await say('/déclarer', me())).attachments[0].content as Json;
    expect(actionData(resumed).declarationId).toBe(newDraft);
  });

  it('offers « Nouvelle déclaration » on the one /déclarer resumes, keeping what was typed there, and says it stays to be changed', async () => {
    const resumed = (await say('/déclarer', as(RESUMER))).attachments[0].content as Json;
    expect(cardText(resumed)).toContain('Précisez la supervision.');
    expect(cardText(resumed)).toContain('«\u00a0Nouvelle déclaration\u00a0» en commence une autre');
    const started = await press('declaration.start_new', { ...actionData(resumed, 'declaration.start_new'), ...inputValues(resumed, { benefits: 'Bénéfices précisés avant de passer à autre chose.' }) }, as(RESUMER));
    expect(cardText(started)).toContain('Étape 1 sur 3');
    expect(cardText(started)).toContain('«\u00a0Tri fictif à corriger\u00a0» reste dans «\u00a0mes déclarations\u00a0»');
    expect(inputs(started).find((i) => i.id === 'name')?.value ?? '').toBe('');
    const list = (await say('mes déclarations', as(RESUMER))).attachments[0].content as Json;
    const sentBack = executeActions(list).find((a) => a.verb === 'declaration.reopen' && a.data.declarationId === actionData(resumed, 'declaration.start_new').declarationId);
    const reopened = await press('declaration.reopen', sentBack!.data, as(RESUMER));
    expect(inputs(reopened).find((i) => i.id === 'benefits')?.value).toBe('Bénéfices précisés avant de passer à autre chose.');
  });
});

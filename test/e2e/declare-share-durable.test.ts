import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { CSV_COLUMNS } from '../../src/inventory/export.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { captureIo } from '../cli/capture.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation, savedFirstStep } from '../helpers/card-conversation.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const DECLARANT: TeamsUser = { id: '29:declarant-durable', name: 'Personne Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006aa' };
const COLLEAGUE: TeamsUser = { id: '29:collegue-durable', name: 'Collègue Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006bb' };
const ADMIN: TeamsUser = { id: '29:admin-durable', name: 'Admin Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006ad' };
const CHANNEL = '19:gouvernance-durable@thread.tacv2';
const NAME = 'Tri fictif des demandes durables';

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The notices a colleague gets about a declaration shared with them (« … vous donne accès », and their copy of a
 * governance decision) leave through the durable outbox, as the declarant's own notice does: while Teams refuses
 * the colleague's chat (403, as while the app is being reinstalled: the connector client does not retry it), the bot
 * is restarted; the restarted bot delivers each notice once. Over HTTP with Bot
 * Framework activities, on the real SQLite file, restarted in place.
 */
describe('notices to a colleague survive a Teams outage and a restart, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises | undefined;
  const boot = async () => {
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  };
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const conversation = cardConversation(() => running!.url, () => connector);
  const { message: send, say, press } = conversation;
  const colleagueChat = () => as(COLLEAGUE).conversationId;
  /** What the colleague's chat received, in order: each message's card text (or its text, for a plain reply). */
  const received = () => connector.messages(colleagueChat()).map((c) => (c.body.attachments?.[0] ? plain(cardOf(c)) : String(c.body.text)));
  let declarationId = '';

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-share-durable-');
    connector = await new CardConnector().start();
    await boot();
    await send('gouvernance enregistrer', { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' });
    await send('bonjour', as(COLLEAGUE));
    declarationId = await savedFirstStep(conversation, as(DECLARANT), NAME);
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stops the bot while Teams still refuses the colleague's chat, then starts it again with Teams back. */
  async function restartOnceTeamsIsBack(): Promise<void> {
    await running!.stop();
    running = undefined;
    connector.failNext(colleagueChat(), 403, 0);
    await boot();
  }

  it('delivers the « vous donne accès » notice refused before a restart once the bot is back, once', async () => {
    const before = connector.messages(colleagueChat()).length;
    connector.failNext(colleagueChat(), 403, 1_000);
    const list = await say('mes déclarations', as(DECLARANT));
    const card = await press('declaration.share', executeActions(list).find((a) => a.verb === 'declaration.share')!.data, as(DECLARANT));
    const added = await press('declaration.share.add', { ...actionData(card, 'declaration.share.add'), collaborators: COLLEAGUE.aadObjectId! }, as(DECLARANT));
    expect(plain(added)).toMatch(/Collègue Fictive\nAjoutée à l’instant : un avis lui est envoyé dans sa conversation avec Balises\./);
    await expect.poll(() => connector.refused.filter((c) => c.conversationId === colleagueChat()).length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(connector.messages(colleagueChat())).toHaveLength(before);

    await restartOnceTeamsIsBack();
    await connector.waitFor((c) => c.conversationId === colleagueChat() && c.body.type === 'message', before + 1, 15_000);
    await pause(1_500);
    const notices = received().slice(before);
    expect(notices).toEqual([
      `Personne Fictive vous donne accès à la déclaration « ${NAME} » : vous pouvez la consulter, la modifier et la soumettre. Vous la trouverez dans « mes déclarations ».`,
    ]);
    // Sharing again with someone who already has access queues no second notice.
    const again = await press('declaration.share.add', { ...actionData(card, 'declaration.share.add'), collaborators: COLLEAGUE.aadObjectId! }, as(DECLARANT));
    expect(plain(again)).toContain('Collègue Fictive');
    await pause(1_500);
    expect(received().slice(before)).toHaveLength(1);
  }, 60_000);

  it('sends a collaborator the « en examen » copy, and delivers their copy of the decision refused before a restart once the bot is back, and the declarant’s notice once', async () => {
    const declarantChat = as(DECLARANT).conversationId;
    let step = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(DECLARANT));
    const draft = { ...validDraft(), name: NAME };
    for (;;) {
      const values = inputValues(step, Object.fromEntries(inputs(step).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(step).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      step = await press(verb, { ...actionData(step, verb), ...values }, as(DECLARANT));
      if (verb === 'declaration.submit') break;
    }
    const publicId = /IA-\d{4}-\d{4}/.exec(cardText(step))![0];
    const [posted] = await connector.waitFor((c) => c.conversationId === CHANNEL && /Déclaration à examiner/.test(JSON.stringify(c.body)));
    const inChannel = { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' as const };
    // Taken for review first: the colleague gets the « en examen » copy as the declarant gets the notice.
    const seen = connector.messages(colleagueChat()).length;
    const taken = await press('review.take', actionData(cardOf(posted!), 'review.take'), inChannel);
    await connector.waitFor((c) => c.conversationId === colleagueChat() && c.body.type === 'message', seen + 1);
    expect(received()[seen]).toContain(`Votre déclaration ${publicId} « ${NAME} » est en examen : Admin Fictive l’a prise en charge.`);
    const before = { declarant: connector.messages(declarantChat).length, colleague: connector.messages(colleagueChat()).length };
    connector.failNext(colleagueChat(), 403, 1_000);
    await press('review.approve', actionData(taken, 'review.approve'), inChannel);
    await connector.waitFor((c) => c.conversationId === declarantChat && c.body.type === 'message', before.declarant + 1);
    await expect.poll(() => connector.refused.filter((c) => c.conversationId === colleagueChat() && /approuvée/.test(JSON.stringify(c.body))).length, { timeout: 5_000 }).toBeGreaterThan(0);

    await restartOnceTeamsIsBack();
    await connector.waitFor((c) => c.conversationId === colleagueChat() && c.body.type === 'message', before.colleague + 1, 15_000);
    await pause(1_500);
    const approval = `Votre déclaration ${publicId} « ${NAME} » : approuvée, par Admin Fictive.`;
    expect(received().slice(before.colleague)).toHaveLength(1);
    expect(received()[before.colleague]).toContain(approval);
    const declarantNotices = connector.messages(declarantChat).slice(before.declarant).map((c) => plain(cardOf(c)));
    expect(declarantNotices).toHaveLength(1);
    expect(declarantNotices[0]).toContain(approval);
  }, 60_000);

  it('records who gave and took away the colleague’s access, and when, on « Voir » and in the JSON export, the CSV unchanged', async () => {
    const sharing = async () => {
      const list = await say('mes déclarations', as(DECLARANT));
      return press('declaration.share', executeActions(list).find((a) => a.verb === 'declaration.share')!.data, as(DECLARANT));
    };
    const remove = executeActions(await sharing()).find((a) => a.verb === 'declaration.share.remove' && a.data.userId === COLLEAGUE.aadObjectId);
    await press('declaration.share.remove', remove!.data, as(DECLARANT));
    // A second press removes nobody: nothing more is recorded.
    await press('declaration.share.remove', remove!.data, as(DECLARANT));
    const view = plain(await press('declaration.view', { declarationId, lang: 'fr' }, as(DECLARANT)));
    const history = view.slice(view.indexOf('Accès à la déclaration'));
    expect(history).toMatch(
      /^Accès à la déclaration\n\d{1,2} décembre \d{4} à \d{1,2} h \d{2} \(heure de l’Est\) : Personne Fictive a donné accès à Collègue Fictive\.\n.+ : Personne Fictive a retiré l’accès de Collègue Fictive\.$/,
    );
    const english = plain(await press('declaration.view', { declarationId, lang: 'en' }, as(DECLARANT)));
    expect(english).toContain('Access to the declaration');
    expect(english).toMatch(/: Personne Fictive took away the access of Collègue Fictive\./);

    const exported = async (format: 'csv' | 'json') => {
      const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
      expect(await run(['export', '--format', format], io), out.stderr).toBe(0);
      return out.stdout;
    };
    const json = JSON.parse(await exported('json'));
    const declaration = json.declarations.find((d: { id: string }) => d.id === declarationId);
    expect(declaration.accessEvents).toEqual([
      { declarationId, at: expect.any(String), actor: { id: DECLARANT.aadObjectId, name: 'Personne Fictive' }, change: 'added', userId: COLLEAGUE.aadObjectId },
      { declarationId, at: expect.any(String), actor: { id: DECLARANT.aadObjectId, name: 'Personne Fictive' }, change: 'removed', userId: COLLEAGUE.aadObjectId },
    ]);
    expect(declaration.events.every((e: { to: string }) => typeof e.to === 'string')).toBe(true);
    const header = (await exported('csv')).replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe(CSV_COLUMNS.map((c) => c.header).join(','));
  }, 60_000);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { actionData, cardText, type Json } from '../helpers/card-walk.js';
import { captureIo } from '../cli/capture.js';

/**
 * A governance admin takes a document down from Teams (`retirer DOC`), as `balises withdraw` does from the command
 * line: before, the command was read as a question and answered with quotes, a dead end for the admin. The command
 * answers with a confirmation card; only its « Retirer le document » withdraws: a mistyped or hasty command took an
 * official document out of every answer at once.
 */

const FIXTURE = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-retrait', name: 'Adèle Gouvernance', aadObjectId: '0000000d-0000-4000-8000-0000000000c1' };
const OTHER: TeamsUser = { id: '29:autre-retrait', name: 'Camille Employée', aadObjectId: '0000000d-0000-4000-8000-0000000000c2' };
const SECOND_ADMIN: TeamsUser = { id: '29:admin-retrait-2', name: 'Bruno Gouvernance', aadObjectId: '0000000d-0000-4000-8000-0000000000c3' };
const QUESTION = 'Un organisme peut-il utiliser un système pour une nouvelle finalité?';
/** The title of a version ingested without `--title`: the fixture's own heading. */
const FILE_TITLE = 'Charte fictive de l\'usage responsable des systèmes d\'intelligence artificielle';

describe('retirer DOC: a governance admin withdraws a document from Teams', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;

  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });

  /** Sends `text` as `from` and returns the reply. */
  async function send(text: string, from: TeamsUser): Promise<Json> {
    const options = as(from);
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1, 15_000);
    return connector.messages(options.conversationId).slice(before)[0]!.body as Json;
  }
  const say = async (text: string, from: TeamsUser): Promise<string> => String((await send(text, from)).text ?? '');
  /** The card `text` is answered with. */
  const cardFor = async (text: string, from: TeamsUser): Promise<Json> => {
    const reply = await send(text, from);
    expect(reply.attachments?.[0]?.contentType, String(reply.text)).toBe('application/vnd.microsoft.card.adaptive');
    return reply.attachments[0].content;
  };
  /** Presses the button `verb` of `card` as `from` (on message `replyToId`), and returns the card answering it. */
  async function press(card: Json, verb: string, from: TeamsUser, replyToId?: string): Promise<Json> {
    const res = await invoke(running.url, cardAction(verb, actionData(card, verb), { ...as(from), ...(replyToId ? { replyToId } : {}) }));
    expect(res.status).toBe(200);
    return res.body.value;
  }
  /** Whether an employee's question is still answered from the document (the bot's index follows within seconds). */
  const quoted = async (): Promise<boolean> => (await say(QUESTION, OTHER)).includes('Charte fictive');
  const withdrawals = async (): Promise<number> => (await say('audit', ADMIN)).split('\n').filter((line) => /\bretiré — /.test(line)).length;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-withdraw-'));
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
    expect(await run(['ingest', FIXTURE, '--doc', 'charte-fictive', '--title', 'Charte fictive', '--version', 'v1'], io), out.stderr).toBe(0);
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: `${ADMIN.aadObjectId},${SECOND_ADMIN.aadObjectId}`, RATE_LIMIT_BURST: '100' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an employee, politely, and the document stays published', async () => {
    expect(await say('retirer charte-fictive', OTHER)).toContain('seuls les membres de l’équipe de gouvernance peuvent soumettre, publier, rétablir ou retirer');
    expect(await say(QUESTION, OTHER)).toContain('Charte fictive');
  });

  it('tells an admin who names the document by its title the command with its id, and withdraws nothing', async () => {
    expect(await say('retirer Charte fictive', ADMIN)).toBe(
      'Rien n’a été retiré\u00a0: «\u00a0retirer\u00a0» prend l’identifiant du document, pas son titre. Pour retirer «\u00a0Charte fictive\u00a0», tapez «\u00a0retirer charte-fictive\u00a0».',
    );
    expect(await say('withdraw charte fictive', ADMIN)).toBe('Nothing was withdrawn: "withdraw" takes the document’s id, not its title. To withdraw "Charte fictive", type "withdraw charte-fictive".');
    expect(await say(QUESTION, OTHER)).toContain('Charte fictive');
  });

  it('tells an admin who types more than the id (a version, a word, a colon) the command, and withdraws nothing', async () => {
    // `retirer charte-fictive v1` (as `rétablir` takes a version) was answered as a question quoting the document.
    const alone = 'Rien n’a été retiré\u00a0: «\u00a0retirer\u00a0» prend l’identifiant du document seul. Pour retirer «\u00a0Charte fictive\u00a0», tapez «\u00a0retirer charte-fictive\u00a0».';
    for (const typed of ['retirer charte-fictive v1', 'retirer le document charte-fictive', 'retirer: charte-fictive', 'retirer « charte-fictive », svp']) {
      expect(await say(typed, ADMIN), typed).toBe(alone);
    }
    expect(await say('withdraw charte-fictive now', ADMIN)).toBe('Nothing was withdrawn: "withdraw" takes the document’s id alone. To withdraw "Charte fictive", type "withdraw charte-fictive".');
    expect(await say(QUESTION, OTHER)).toContain('Charte fictive');
  });

  let confirmation: Json;
  it('answers retirer with a confirmation card that says what will happen, and withdraws nothing yet', async () => {
    confirmation = await cardFor('retirer charte-fictive', ADMIN);
    expect(cardText(confirmation).split('\n')).toEqual([
      'Retirer ce document?',
      'Document Charte fictive',
      'Identifiant charte-fictive',
      expect.stringMatching(/^Version publiée v1, publiée le \d+ \S+ 20\d\d à /),
      'Si vous choisissez «\u00a0Retirer le document\u00a0», il cessera d’être publié dès maintenant, pour tout le monde\u00a0: les réponses aux employés ne le citeront plus.',
      'Ses versions restent enregistrées\u00a0: pour le publier de nouveau, il suffira de taper «\u00a0rétablir charte-fictive v1\u00a0» (un aperçu à confirmer, comme toujours).',
      'Rien n’est retiré tant que vous n’avez pas choisi «\u00a0Retirer le document\u00a0».',
    ]);
    // Two buttons in words; the red of « Retirer » only adds to them.
    expect(confirmation.actions.map((a: Json) => [a.type, a.title, a.verb, a.style ?? null])).toEqual([
      ['Action.Execute', 'Retirer le document', 'documents.withdraw', 'destructive'],
      ['Action.Execute', 'Annuler', 'documents.withdraw_cancel', null],
    ]);
    expect(confirmation.actions.map((a: Json) => a.tooltip)).toEqual(['Retirer «\u00a0Charte fictive\u00a0»\u00a0: les réponses ne le citeront plus', 'Annuler\u00a0: le document reste publié']);
    expect(await quoted()).toBe(true);
    expect(await withdrawals()).toBe(0);
  });

  it('asks in English for `withdraw`', async () => {
    const english = await cardFor('withdraw charte-fictive', ADMIN);
    const lines = cardText(english).split('\n');
    expect(lines[0]).toBe('Withdraw this document?');
    expect(lines).toContain('If you choose "Withdraw the document", it stops being published now, for everyone: employees’ answers will no longer quote it.');
    expect(lines).toContain('Its versions stay on record: to publish it again, type "rollback charte-fictive v1" (a preview to confirm, as always).');
    expect(english.actions.map((a: Json) => a.title)).toEqual(['Withdraw the document', 'Cancel']);
    expect(await quoted()).toBe(true);
  });

  it('withdraws nothing when « Annuler » is pressed, and says so to everyone who sees the card', async () => {
    const kept = await press(await cardFor('retirer charte-fictive', ADMIN), 'documents.withdraw_cancel', ADMIN, 'confirmation-annulee');
    expect(cardText(kept)).toBe('Retrait annulé\u00a0: «\u00a0Charte fictive\u00a0» (identifiant\u00a0: charte-fictive) reste publié, version v1. Rien n’a été modifié.');
    expect(kept.actions ?? []).toEqual([]);
    const update = connector.calls.find((c) => c.method === 'PUT' && c.activityId === 'confirmation-annulee');
    expect(update && cardText(update.body.attachments[0].content)).toBe(cardText(kept));
    expect(await quoted()).toBe(true);
    expect(await withdrawals()).toBe(0);
  });

  it('refuses an employee who presses the card, audited, and withdraws nothing', async () => {
    const refused = await press(confirmation, 'documents.withdraw', OTHER);
    expect(cardText(refused)).toContain('seuls les membres de l’équipe de gouvernance peuvent soumettre, publier, rétablir ou retirer');
    expect(refused.actions ?? []).toEqual([]);
    expect(await say('audit', ADMIN)).toContain('refusé — Camille Employée — demande\u00a0: confirmer le retrait d’un document');
    expect(await quoted()).toBe(true);
    expect(await withdrawals()).toBe(0);
  });

  it('withdraws once « Retirer le document » is pressed, once for a double press, says how to bring it back, and answers no longer quote it', async () => {
    const [first, second] = await Promise.all([press(confirmation, 'documents.withdraw', ADMIN, 'confirmation-retrait'), press(confirmation, 'documents.withdraw', ADMIN, 'confirmation-retrait')]);
    for (const answer of [first!, second!]) {
      const text = cardText(answer);
      expect(text).toContain('Document retiré\u00a0: «\u00a0Charte fictive\u00a0» (identifiant\u00a0: charte-fictive, version v1) n’est plus publié');
      expect(text).toContain('«\u00a0rétablir charte-fictive v1\u00a0»');
      expect(text).toMatch(/Retiré par Adèle Gouvernance le \d+/);
      expect(answer.actions ?? []).toEqual([]);
    }
    expect(connector.calls.some((c) => c.method === 'PUT' && c.activityId === 'confirmation-retrait' && cardText(c.body.attachments[0].content).includes('Document retiré'))).toBe(true);
    // The bot's index follows the publication state within its check interval.
    await expect.poll(quoted, { timeout: 15_000, interval: 1_000 }).toBe(false);
    expect(await say('audit', ADMIN)).toMatch(/retiré — Adèle Gouvernance — charte-fictive — version v1/);
    expect(await withdrawals()).toBe(1);
  });

  it('tells another admin who presses the card after the withdrawal who withdrew it, and changes nothing', async () => {
    const late = await press(confirmation, 'documents.withdraw', SECOND_ADMIN);
    expect(cardText(late)).toMatch(/^Rien n’a été modifié\u00a0: «\u00a0Charte fictive\u00a0» \(identifiant\u00a0: charte-fictive\) a déjà été retiré par Adèle Gouvernance le .+ \(heure de l’Est\) ; aucune de ses versions n’est publiée\.$/);
    expect(late.actions ?? []).toEqual([]);
    const cancelled = await press(confirmation, 'documents.withdraw_cancel', SECOND_ADMIN);
    expect(cardText(cancelled)).toBe(cardText(late));
    expect(await withdrawals()).toBe(1);
  });

  it('says a document already withdrawn, an unknown id and a missing id each in words, in English for `withdraw`', async () => {
    expect(await say('retirer charte-fictive', ADMIN)).toBe('Le document charte-fictive est déjà retiré\u00a0: aucune de ses versions n’est publiée. Rien n’a été modifié.');
    expect(await say('withdraw charte-inconnue', ADMIN)).toBe('No document has the id or title "charte-inconnue". Type "sources" to see the documents.');
    expect(await say('retirer', ADMIN)).toContain('retirer IDENTIFIANT');
  });

  it('says in « historique » that the document is withdrawn, not only by the absence of a current version', async () => {
    const history = await say('historique charte-fictive', ADMIN);
    expect(history.split('\n\n')[1]).toBe('Ce document est retiré\u00a0: aucune de ses versions n’est publiée, les réponses ne le citent pas.');
    expect(history).not.toContain('version actuelle');
    // Its only version is not « une version antérieure »: the hint says how to publish the document again.
    expect(history.split('\n\n').at(-1)).toBe('Pour le publier de nouveau, tapez par exemple «\u00a0rétablir charte-fictive v1\u00a0» (sa version la plus récente).');
    const english = (await say('history charte-fictive', ADMIN)).split('\n\n');
    expect(english[1]).toBe('This document is withdrawn: none of its versions is published, and answers do not quote it.');
    expect(english.at(-1)).toBe('To publish it again, type for instance "rollback charte-fictive v1" (its newest version).');
  });

  it('gives an admin who names the document by its title in rétablir the command with its id, and proposes nothing', async () => {
    // Found in the Playground: the title's first word was read as the id, « aucun document n’a cet identifiant ».
    expect(await say('rétablir Charte fictive v1', ADMIN)).toBe(
      'Rien n’a été proposé\u00a0: «\u00a0rétablir\u00a0» prend l’identifiant du document, pas son titre. Pour rétablir la version v1 de «\u00a0Charte fictive\u00a0», tapez «\u00a0rétablir charte-fictive v1\u00a0».',
    );
    expect(await say('rollback charte fictive v1', ADMIN)).toBe('Nothing was proposed: "rollback" takes the document’s id, not its title. To restore version v1 of "Charte fictive", type "rollback charte-fictive v1".');
    expect(await say('rétablir charte-inconnue v1', ADMIN)).toBe('Impossible de proposer ce rétablissement\u00a0: aucun document n’a cet identifiant.');
    expect(await say('propositions', ADMIN)).toBe('Aucun document n’attend de décision.');
  });

  let rollbackCard: Json;
  it('brings the document back through rétablir, as the reply said', async () => {
    const preview = await send('rétablir charte-fictive v1', ADMIN);
    rollbackCard = preview.attachments[0].content;
    expect(cardText(rollbackCard).split('\n')[0]).toBe('Rétablissement proposé\u00a0: Charte fictive');
  });

  it('asks again to confirm once the document is published again', async () => {
    // v1 published again from the command line; the card asked now is pressed after v2 is published (below).
    expect(await run(['ingest', FIXTURE, '--doc', 'charte-fictive', '--version', 'v1'], captureIo({ BALISES_DATA_DIR: dataDir }).io)).toBe(0);
    await expect.poll(quoted, { timeout: 15_000, interval: 1_000 }).toBe(true);
    confirmation = await cardFor('retirer charte-fictive', ADMIN);
    expect(cardText(confirmation).split('\n')[0]).toBe('Retirer ce document?');
  });

  it('says to type rétablir again, not to submit a file, when another version was published before the rollback', async () => {
    const v2 = path.join(dataDir, 'charte-fictive-v2.md');
    writeFileSync(v2, `${readFileSync(FIXTURE, 'utf8')}\n\nUn paragraphe fictif ajouté à la deuxième version.\n`);
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
    expect(await run(['ingest', v2, '--doc', 'charte-fictive', '--version', 'v2'], io), out.stderr).toBe(0);
    const res = await invoke(running.url, cardAction('documents.publish', actionData(rollbackCard, 'documents.publish'), as(ADMIN)));
    const text = cardText(res.body.value);
    expect(text.split('\n')[0]).toBe('Proposition périmée, non publiée\u00a0: Charte fictive');
    expect(text).toContain('Pour rétablir la version v1, tapez de nouveau «\u00a0rétablir charte-fictive v1\u00a0»');
    expect(text).not.toContain('soumettez');
  });

  it('does nothing when the card is pressed after another version was published', async () => {
    const stale = await press(confirmation, 'documents.withdraw', ADMIN);
    expect(cardText(stale)).toBe(
      `Rien n’a été retiré\u00a0: cette demande n’est plus à jour. «\u00a0${FILE_TITLE}\u00a0» (identifiant\u00a0: charte-fictive) a été publié de nouveau depuis (version publiée\u00a0: v2). Pour le retirer, tapez de nouveau «\u00a0retirer charte-fictive\u00a0».`,
    );
    expect(stale.actions ?? []).toEqual([]);
    expect(await quoted()).toBe(true);
    expect(await withdrawals()).toBe(1);
  });

  it('does nothing when the card is pressed after the same version was withdrawn and published again', async () => {
    const card = await cardFor('withdraw charte-fictive', ADMIN);
    const cli = () => captureIo({ BALISES_DATA_DIR: dataDir }).io;
    expect(await run(['withdraw', 'charte-fictive'], cli())).toBe(0);
    expect(await run(['ingest', path.join(dataDir, 'charte-fictive-v2.md'), '--doc', 'charte-fictive', '--version', 'v2'], cli())).toBe(0);
    const stale = await press(card, 'documents.withdraw', ADMIN);
    expect(cardText(stale)).toBe(`Nothing was withdrawn: this request is out of date. "${FILE_TITLE}" (id: charte-fictive) was published again since (published version: v2). To withdraw it, type "withdraw charte-fictive" again.`);
    await expect.poll(quoted, { timeout: 15_000, interval: 1_000 }).toBe(true);
    expect((await say('audit', ADMIN)).split('\n').filter((line) => /\bretiré — Adèle Gouvernance/.test(line))).toHaveLength(1);
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { quebecDay } from '../../src/quebec-time.js';
import { fileConsentAction, invoke, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { runningBot } from '../helpers/running-bot.js';
import { UploadSessionServer } from '../helpers/upload-session-server.js';
import { captureIo } from '../cli/capture.js';
import { answeredResult } from '../helpers/answers.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivityForResponse } from '../helpers/teams-activity.js';

/**
 * `inventaire exporter` (`inventory export`) in Teams: the file consent card, then, once accepted, the file uploaded to
 * the OneDrive upload session Teams opened (a real HTTP server here, speaking that protocol) and shown with a file
 * info card. The file is the one `balises export` writes.
 */

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const ADMIN: TeamsUser = { id: '29:admin-export', name: 'Admin Export', aadObjectId: '0000000e-0000-4000-8000-0000000000a1' };
const DECLARANT: TeamsUser = { id: '29:declarant-export', name: 'Déclarant Export', aadObjectId: '0000000e-0000-4000-8000-0000000000d1' };

describe('inventory export as a file in Teams, over HTTP', () => {
  const bot = runningBot('balises-inventory-export', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, RATE_LIMIT_BURST: '100' });
  const conversation = cardConversation(() => bot.url, () => bot.connector);
  const { message, say, press } = conversation;
  const onedrive = new UploadSessionServer();
  beforeAll(async () => {
    await onedrive.start();
  });
  afterAll(async () => {
    await onedrive.stop();
  });
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: bot.connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  /** Declares and submits `name` as DECLARANT; returns its number. */
  async function declare(name: string): Promise<string> {
    const draft = { ...validDraft(), name };
    let card = await say('/déclarer', as(DECLARANT));
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(DECLARANT));
      if (verb === 'declaration.submit') return /IA-\d{4}-\d{4}/.exec(cardText(card))![0];
    }
  }

  let declared = false;
  /** Two declarations by DECLARANT, once: the first approved by ADMIN, the second left submitted. */
  async function inventory(): Promise<void> {
    if (declared) return;
    declared = true;
    const numbers: string[] = [];
    for (const name of ['Tri fictif des demandes', 'Résumé fictif des plaintes']) numbers.push(await declare(name));
    const review = await say(`inventaire ${numbers[0]}`, as(ADMIN));
    await press('review.approve', actionData(review, 'review.approve'), as(ADMIN));
  }

  /** What `balises export` prints for the bot's inventory, with these arguments. */
  async function cliExport(...args: string[]): Promise<Buffer> {
    const { io, out } = captureIo();
    expect(await run(['export', ...args, '--db', path.join(bot.dataDir, 'balises.db')], io)).toBe(0);
    return Buffer.from(out.stdout, 'utf8');
  }

  /** Sends `text` as `user` and returns the file consent card attachment of the reply. */
  async function consentCard(text: string, user: ConversationOptions): Promise<Json> {
    const reply = await message(text, user);
    expect(reply.attachments?.map((a: Json) => a.contentType)).toEqual([CONSENT]);
    return reply.attachments[0];
  }

  /** Accepts `card` as `user` with a new upload session; returns the session's URL and the messages that followed. */
  async function accept(card: Json, user: ConversationOptions): Promise<{ uploadUrl: string; replies: Json[] }> {
    const before = bot.connector.messages(user.conversationId).length;
    const uploadUrl = onedrive.open(card.name);
    const res = await invoke(
      bot.url,
      fileConsentAction('accept', card.content.acceptContext, user, {
        name: card.name,
        uploadUrl,
        contentUrl: `https://contoso.sharepoint.example/personal/admin/Documents/Applications/Balises/${card.name}`,
        uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
        fileType: card.name.split('.').pop(),
      }),
    );
    expect(res.status).toBe(200);
    return { uploadUrl, replies: bot.connector.messages(user.conversationId).slice(before).map((c) => c.body) };
  }

  // First, before inventory() declares anything.
  it('says there is nothing to export, with no file offered, while no declaration was submitted', async () => {
    const reply = await message('inventaire exporter', as(ADMIN));
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toBe('L’inventaire ne compte encore aucune déclaration soumise\u00a0: il n’y a rien à exporter.');
  });

  it('says that no declaration is in the state asked for, French and English, rather than offer a file of the header alone', async () => {
    await inventory();
    const french = await message('inventaire exporter refusées', as(ADMIN));
    expect(french.attachments ?? []).toEqual([]);
    expect(french.text).toBe(
      'Aucune déclaration dans cet état (déclarations refusées)\u00a0: il n’y a rien à exporter. Tapez `inventaire exporter` pour toutes les déclarations.',
    );
    const english = await message('inventory export changes requested json', as(ADMIN));
    expect(english.attachments ?? []).toEqual([]);
    expect(english.text).toBe(
      'No declaration in this state (declarations with changes requested): there is nothing to export. Type `inventory export` for every declaration.',
    );
  });

  it('offers a governance admin the CSV of the Portrait as a file consent card, then uploads it, byte for byte what `balises export` writes, and shows it', async () => {
    await inventory();
    const card = await consentCard('inventaire exporter', as(ADMIN));
    const csv = await cliExport('--format', 'csv');
    expect(card.name).toBe(`inventaire-ia-${quebecDay(new Date())}.csv`);
    expect(card.content.sizeInBytes).toBe(csv.length);
    expect(card.content.description).toContain('2 déclarations');
    expect(card.content.description).toContain('CSV aux colonnes du Portrait');

    const { uploadUrl, replies } = await accept(card, as(ADMIN));
    const session = new URL(uploadUrl).pathname;
    const puts = onedrive.requests.filter((r) => r.path === session);
    expect(puts.map((r) => r.headers['content-range'])).toEqual([`bytes 0-${csv.length - 1}/${csv.length}`]);
    expect(puts[0]!.headers.authorization).toBeUndefined();
    expect(puts[0]!.status).toBe(201);
    expect(onedrive.files.get(session)!.equals(csv)).toBe(true);

    expect(replies).toHaveLength(1);
    const [file] = replies[0]!.attachments;
    expect(file).toMatchObject({
      contentType: FILE_INFO,
      name: card.name,
      contentUrl: `https://contoso.sharepoint.example/personal/admin/Documents/Applications/Balises/${card.name}`,
      content: { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'csv' },
    });
    expect(replies[0]!.text).toBe(`Voici l’inventaire exporté (2 déclarations)\u00a0: **${card.name}**, enregistré dans votre OneDrive. Ouvrez-le ci-dessous.`);
  });

  it('takes a state and `json` as the command line’s --status and --format do, and speaks English to `inventory export`', async () => {
    await inventory();
    const card = await consentCard('inventory export approved json', as(ADMIN));
    expect(card.name).toBe(`ai-inventory-approved-${quebecDay(new Date())}.json`);
    expect(card.content.description).toMatch(/^Inventory of AI use cases: approved declarations \(1\), complete JSON, with events and assessments\. /);

    const { uploadUrl, replies } = await accept(card, as(ADMIN));
    const uploaded = JSON.parse(onedrive.files.get(new URL(uploadUrl).pathname)!.toString('utf8'));
    const cli = JSON.parse((await cliExport('--format', 'json', '--status', 'approved')).toString('utf8'));
    expect(uploaded.declarations.map((d: Json) => d.data.name)).toEqual(['Tri fictif des demandes']);
    expect({ ...uploaded, exportedAt: null }).toEqual({ ...cli, exportedAt: null });
    expect(replies[0]!.text).toContain('Here is the exported inventory');
    expect(replies[0]!.attachments[0].contentType).toBe(FILE_INFO);

    const french = await consentCard('inventaire exporter en attente', as(ADMIN));
    expect(french.name).toBe(`inventaire-ia-en-attente-de-decision-${quebecDay(new Date())}.csv`);
    expect(french.content.sizeInBytes).toBe((await cliExport('--format', 'csv', '--status', 'submitted', '--status', 'in_review')).length);
  });

  it('says what to type when the words after `exporter` are not a state, drafts included', async () => {
    for (const typed of ['inventaire exporter bleues', 'inventaire exporter brouillons']) {
      const reply = await message(typed, as(ADMIN));
      expect(reply.attachments ?? [], typed).toEqual([]);
      expect(reply.text, typed).toContain('Tapez `inventaire exporter`');
    }
  });

  it('refuses anyone outside the governance team as `inventaire` does, and uploads nothing on a forged acceptance', async () => {
    await inventory();
    const refusal = cardText(await say('inventaire', as(DECLARANT)));
    const reply = await say('inventaire exporter', as(DECLARANT));
    expect(cardText(reply)).toBe(refusal);

    const adminCard = await consentCard('inventaire exporter', as(ADMIN));
    const before = onedrive.requests.length;
    const { replies } = await accept(adminCard, as(DECLARANT));
    expect(onedrive.requests.length).toBe(before);
    expect(cardText(replies[0]!.attachments[0].content)).toBe(refusal);

    // A sentence that opens on the words is a question, answered from the documents, as for `inventaire`.
    const question = await message('Inventaire exporter des renseignements personnels : est-ce permis?', as(DECLARANT));
    expect(question.text ?? '').toMatch(/documents indexés|Aucun document/);
  });

  it('says, in a channel or a group chat, to ask in the personal chat', async () => {
    const inChannel = as(ADMIN, { conversationId: '19:canal-export@thread.tacv2;messageid=3', conversationType: 'channel' });
    const reply = await message('inventaire exporter', inChannel);
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toBe(
      'L’exportation de l’inventaire se fait dans une conversation personnelle avec moi\u00a0: Teams ne permet à un robot d’y remettre un fichier que là. Écrivez-moi `inventaire exporter` en conversation personnelle.',
    );
    const group = await message('inventory export', as(ADMIN, { conversationId: '19:groupe-export@unq.gbl.spaces', conversationType: 'groupChat' }));
    expect(group.text).toContain('Teams lets a bot hand over a file only there');
  });

  it('says why when the upload is refused or times out, with a new consent card that uploads once accepted', async () => {
    await inventory();
    const card = await consentCard('inventaire exporter', as(ADMIN));
    onedrive.refuseNext(403);
    const refused = await accept(card, as(ADMIN));
    expect(refused.replies[0]!.text).toContain('Le fichier n’a pas pu être déposé dans votre OneDrive\u00a0: le service de fichiers a refusé l’envoi (erreur 403)');
    expect(refused.replies[1]!.attachments.map((a: Json) => a.contentType)).toEqual([CONSENT]);

    onedrive.hangNext();
    const started = Date.now();
    const slow = await accept(refused.replies[1]!.attachments[0], as(ADMIN));
    expect(Date.now() - started).toBeLessThan(14_000);
    expect(slow.replies[0]!.text).toContain('le service de fichiers n’a pas répondu à temps');

    const retried = await accept(slow.replies[1]!.attachments[0], as(ADMIN));
    expect(onedrive.files.get(new URL(retried.uploadUrl).pathname)!.equals(await cliExport('--format', 'csv'))).toBe(true);
    expect(retried.replies[0]!.attachments[0].contentType).toBe(FILE_INFO);
  });

  it('uploads once when Teams delivers the same acceptance again', async () => {
    await inventory();
    const card = await consentCard('inventaire exporter', as(ADMIN));
    const uploadUrl = onedrive.open(card.name);
    const info = { name: card.name, uploadUrl, contentUrl: 'https://contoso.sharepoint.example/f.csv', uniqueId: 'U-1', fileType: 'csv' };
    const first = fileConsentAction('accept', card.content.acceptContext, as(ADMIN), info);
    expect((await invoke(bot.url, first)).status).toBe(200);
    expect((await invoke(bot.url, first)).status).toBe(200);
    expect(onedrive.requests.filter((r) => r.path === new URL(uploadUrl).pathname)).toHaveLength(1);
  });

  it('answers a file consent without value, or with an action it does not know, as a bad request, nothing uploaded', async () => {
    const before = onedrive.requests.length;
    const sent = bot.connector.messages(as(ADMIN).conversationId).length;
    const missing = fileConsentAction('accept', {}, as(ADMIN));
    delete missing.value;
    const unknown = fileConsentAction('accept', {}, as(ADMIN));
    unknown.value.action = 'maybe';
    for (const activity of [missing, unknown]) {
      const res = await invoke(bot.url, activity);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid file consent' });
    }
    expect(onedrive.requests.length).toBe(before);
    expect(bot.connector.messages(as(ADMIN).conversationId).length).toBe(sent);
  });

  it('answers a declined card with a short message, nothing uploaded', async () => {
    const card = await consentCard('inventaire exporter', as(ADMIN));
    const before = onedrive.requests.length;
    const res = await invoke(bot.url, fileConsentAction('decline', card.content.declineContext, as(ADMIN)));
    expect(res.status).toBe(200);
    const replies = bot.connector.messages(as(ADMIN).conversationId);
    expect(replies.at(-1)!.body.text).toBe('D’accord, je n’ai rien enregistré dans votre OneDrive. Tapez `inventaire exporter` pour le demander de nouveau.');
    expect(onedrive.requests.length).toBe(before);
  });

  it('uploads the file its card announced, not one made again: a declaration submitted meanwhile is not in it', async () => {
    await inventory();
    const card = await consentCard('inventaire exporter', as(ADMIN));
    const announced = await cliExport('--format', 'csv');
    expect(card.content.description).toContain('2 déclarations');
    expect(card.content.description).toContain('Le fichier est l’inventaire au moment de cette demande.');
    await declare('Troisième cas fictif');

    const { uploadUrl, replies } = await accept(card, as(ADMIN));
    const uploaded = onedrive.files.get(new URL(uploadUrl).pathname)!;
    expect(uploaded.length).toBe(card.content.sizeInBytes);
    expect(uploaded.equals(announced)).toBe(true);
    expect(replies[0]!.text).toContain('Voici l’inventaire exporté (2 déclarations)');
    // The card's file is given once: a new request holds the inventory as it is now.
    const next = await consentCard('inventaire exporter', as(ADMIN));
    expect(next.content.description).toContain('3 déclarations');
  });

  it('names the command in the governance admins’ help, French and English, and not in an employee’s', async () => {
    expect((await message('aide', as(ADMIN))).text).toContain('`inventaire exporter [état] [json]`\u00a0: l’inventaire en fichier');
    expect((await message('help', as(ADMIN))).text).toContain('`inventory export [state] [json]`: the inventory as a file');
    expect((await message('aide', as(DECLARANT))).text).not.toContain('inventaire exporter');
  });
});

describe('a file consent the bot cannot read, over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(new FakeKnowledge(() => answeredResult()));
  });
  afterAll(async () => {
    await h.stop();
  });

  const consent = (value: unknown): Json => {
    const activity = fileConsentAction('accept', {}, { serviceUrl: h.connector.serviceUrl, from: ADMIN, conversationId: 'a:personal-consent' });
    if (value === undefined) delete activity.value;
    else activity.value = value;
    return activity;
  };

  it.each([
    ['without value', undefined, 'value: missing'],
    ['with a value that is no object', 'accept', 'value: not an object'],
    ['with an action it does not know', { type: 'fileUpload', action: 'maybe' }, 'value.action: neither accept nor decline'],
  ])('answers one %s 400 with what is wrong, logs one warning, and sends nothing', async (_case, value, problem) => {
    h.logs.lines.length = 0;
    const activity = consent(value);
    const res = await postActivityForResponse(h.baseUrl, activity);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'invalid file consent', problems: [problem] });
    const warnings = h.logs.records().filter((r) => r.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'file consent not understood', status: 400, problems: [problem], activityId: activity.id })]);
    expect(h.logs.records().some((r) => r.msg === 'turn failed')).toBe(false);
    expect(h.connector.activities).toEqual([]);
  });
});

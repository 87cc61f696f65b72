import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createProposalService } from '../../src/documents/proposals.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Assessment } from '../../src/inventory/types.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { actionData, cardText, inputs, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { policyDocx } from '../helpers/policy-docx.js';
import { captureIo } from '../cli/capture.js';

const ADMIN: TeamsUser = { id: '29:admin-doc', name: 'Adèle Gouvernance', aadObjectId: '0000000d-0000-4000-8000-0000000000ad' };
const ADMIN2: TeamsUser = { id: '29:admin-doc-2', name: 'Bruno Gouvernance', aadObjectId: '0000000d-0000-4000-8000-0000000000ae' };
const OTHER: TeamsUser = { id: '29:autre-doc', name: 'Camille Employée', aadObjectId: '0000000d-0000-4000-8000-0000000000bb' };
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('governance admins keep documents current from Teams, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  let files: Server;
  let filesUrl = '';
  const served = new Map<string, Buffer>();

  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  /** Posts an activity and returns the new messages of the conversation once `count` have arrived. */
  async function post(activity: Record<string, unknown>, options: ConversationOptions, count: number): Promise<Json[]> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + count, 15_000);
    return connector.messages(options.conversationId).slice(before).map((c) => c.body);
  }

  const say = (text: string, options: ConversationOptions, count = 1) => post(userMessage(text, options), options, count);

  /** Sends a file the way Teams does in personal chat: a download-info attachment pointing at a download URL. */
  function sendFile(name: string, bytes: Buffer, options: ConversationOptions, count = 2): Promise<Json[]> {
    const key = randomUUID();
    served.set(key, bytes);
    const activity = {
      ...userMessage('', options),
      attachments: [{ contentType: FILE_TYPE, name, content: { downloadUrl: `${filesUrl}/${key}`, uniqueId: key, fileType: 'docx' } }],
    };
    return post(activity, options, count);
  }

  async function press(verb: string, data: Record<string, unknown>, options: ConversationOptions): Promise<Json> {
    const res = await invoke(running.url, cardAction(verb, data, options));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    return res.body.value;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-documents-'));
    files = createServer((req, res) => {
      const bytes = served.get((req.url ?? '').slice(1));
      if (!bytes) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': DOCX_TYPE, 'content-length': bytes.length });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    connector = await new CardConnector().start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: `${ADMIN.aadObjectId},${ADMIN2.aadObjectId}`,
      // One person asks more than the default burst of questions while a publication switches (test/e2e/rate-limit covers the limit).
      RATE_LIMIT_BURST: '100',
      // The files (and the Teams connector's downloads) are served from 127.0.0.1.
      DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await new Promise<void>((resolve) => files?.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  let firstCard: Json;

  it('refuses a file from someone outside the governance team, politely, and changes nothing', async () => {
    const [reply] = await sendFile('directive.docx', await policyDocx('printemps', false), as(OTHER), 1);
    expect(reply!.text).toContain('seuls les membres de l’équipe de gouvernance');
    expect(connector.messages(as(OTHER).conversationId).some((c) => c.body.attachments?.length)).toBe(false);
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      expect(store.pending()).toEqual([]);
      expect(store.auditEvents().map((e) => [e.action, e.actor])).toEqual([['refused', { id: OTHER.aadObjectId, name: OTHER.name }]]);
    } finally {
      store.close();
    }
  });

  it('previews an admin’s DOCX as a new document, publishes nothing yet, and tells the other admins', async () => {
    const [help] = await say('aide', as(ADMIN2));
    expect(help!.text).toContain('`/publier URL`\u00a0: proposer un document ou une nouvelle version');
    const [reading, preview] = await sendFile('directive-lanternes.docx', await policyDocx('printemps', false), as(ADMIN));
    expect(reading!.text).toContain('rien ne sera publié sans votre confirmation');
    expect(preview!.attachments[0].contentType).toBe(CARD_TYPE);
    firstCard = preview!.attachments[0].content;
    const text = cardText(firstCard);
    expect(text).toContain('Nouveau document proposé\u00a0: Directive fictive sur les lanternes du phare');
    expect(text).toContain('Table des matières');
    expect(text).toContain('Entretien');
    expect(text).toContain('Aucune version publiée à comparer');
    expect(firstCard.refresh.userIds).toEqual([`8:orgid:${ADMIN.aadObjectId}`, `8:orgid:${ADMIN2.aadObjectId}`]);
    expect(firstCard.body.filter((e: Json) => e.type.startsWith('Input.')).every((e: Json) => typeof e.label === 'string' && e.label.length > 0)).toBe(true);
    const toAdmin2 = await connector.waitFor((c) => c.conversationId === as(ADMIN2).conversationId && c.body.attachments?.[0]?.contentType === CARD_TYPE);
    expect(cardText(cardOf(toAdmin2[0]!))).toContain('Nouveau document proposé');
    const [count, pendingCard] = await say('propositions', as(ADMIN2), 2);
    expect(count!.text).toContain('1 proposition attend une décision');
    expect(cardText(pendingCard!.attachments[0].content)).toContain('Nouveau document proposé');
    const sources = await say('sources', as(ADMIN));
    expect(sources[0]!.text).not.toContain('lanternes');
  });

  it('shows an admin who asks `proposals` in English the pending French proposal’s card in English, and keeps it English when refreshed', async () => {
    const english = as(ADMIN2, { locale: 'en-US' });
    const [count, pendingCard] = await say('proposals', english, 2);
    expect(count!.text).toContain('1 proposal awaits a decision');
    const card = pendingCard!.attachments[0].content;
    expect(cardText(card)).toContain('New document proposed: Directive fictive sur les lanternes du phare');
    expect(cardText(card)).not.toContain('Nouveau document proposé');
    expect(cardText(await press('documents.refresh', card.refresh.action.data, english))).toContain('New document proposed');
    // The card the proposer was sent stays French, whoever refreshes it.
    expect(cardText(await press('documents.refresh', firstCard.refresh.action.data, english))).toContain('Nouveau document proposé');
  });

  it('refuses an emptied label with « Erreur : ce champ est obligatoire. » in the input’s label, the rule only for a value that breaks it, publishing nothing', async () => {
    const labelOf = (card: Json) => card.body.find((e: Json) => e.id === 'versionLabel').label;
    expect(labelOf(firstCard)).toBe('Libellé de la version (obligatoire)');
    // Adaptive Cards leave an emptied input out of the submission: the buttons' data alone.
    for (const data of [actionData(firstCard), { ...actionData(firstCard), versionLabel: '   ' }]) {
      const refused = await press('documents.publish', data, as(ADMIN));
      expect(labelOf(refused)).toBe('Libellé de la version (obligatoire) — Erreur\u00a0: ce champ est obligatoire.');
      // Near the buttons, far below the label once the outline and changes are long, a pointer to the field.
      expect(cardText(refused).split('\n').filter((line) => /caractères|Erreur/.test(line))).toEqual(['**Erreur\u00a0:** un champ est à corriger (voir «\u00a0Erreur\u00a0» à côté de son nom).']);
      expect(refused.actions.map((a: Json) => a.verb)).toEqual(['documents.publish', 'documents.cancel']);
    }
    const broken = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v@1' }, as(ADMIN));
    expect(labelOf(broken)).toMatch(/^Libellé de la version \(obligatoire\) — Erreur\u00a0: le libellé doit compter de 1 à \d+ caractères, sans @, #/);
    expect(inputs(broken).find((i) => i.id === 'versionLabel')).toMatchObject({ value: 'v@1' });
    const sources = await say('sources', as(ADMIN));
    expect(sources[0]!.text).not.toContain('lanternes');
  });

  it('answers a forged label or date far longer than its input allows with the card and the field’s error, publishing nothing', async () => {
    // The inputs' maxLength keeps Teams from sending these; a hand-made invoke can. Each once got the apology.
    const label = (card: Json) => inputs(card).find((i) => i.id === 'versionLabel')!;
    const tooLong = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v'.repeat(200_000) }, as(ADMIN));
    expect(label(tooLong).label).toMatch(/^Libellé de la version \(obligatoire\) — Erreur\u00a0: le libellé doit compter de 1 à \d+ caractères/);
    expect(String(label(tooLong).value).length).toBeLessThanOrEqual(label(tooLong).maxLength);
    expect(tooLong.actions.map((a: Json) => a.verb)).toEqual(['documents.publish', 'documents.cancel']);
    const date = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v1', publishedOn: '2'.repeat(200_000) }, as(ADMIN));
    expect(inputs(date).find((i) => i.id === 'publishedOn')!.label).toContain('Erreur');
    expect(JSON.stringify(date).length).toBeLessThan(80_000);
    const sources = await say('sources', as(ADMIN));
    expect(sources[0]!.text).not.toContain('lanternes');
  });

  it('publishes with the label typed on the card, and the card shows who decided', async () => {
    const card = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v1', publishedOn: '2026-01-15' }, as(ADMIN, { replyToId: 'msg-x' }));
    expect(cardText(card)).toMatch(/Publié par Adèle Gouvernance le .* \(version v1\)/);
    expect(card.actions ?? []).toEqual([]);
    const updated = connector.calls.filter((c) => c.method === 'PUT' && c.activityId === 'msg-x');
    expect(updated).toHaveLength(1);
    const refreshed = await press('documents.refresh', { proposalId: actionData(firstCard).proposalId }, as(ADMIN2));
    expect(cardText(refreshed)).toContain('Publié par Adèle Gouvernance');
    const again = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v1' }, as(ADMIN2));
    expect(cardText(again)).toContain('déjà été traitée');
    // A second click of the admin who published (a double click) just gets the decided card, its title saying so.
    const double = await press('documents.publish', { ...actionData(firstCard), versionLabel: 'v1' }, as(ADMIN));
    const [title, decision] = cardText(double).split('\n');
    expect(title).toBe('Document publié\u00a0: Directive fictive sur les lanternes du phare');
    expect(decision).toMatch(/^\*\*Publié par Adèle Gouvernance le .* \(version v1\)\.\*\*$/);
    expect(cardText(double)).not.toContain('déjà été traitée');
    // Cancelling what they published is another decision: they are told it was already decided.
    const cancel = await press('documents.cancel', actionData(firstCard), as(ADMIN));
    expect(cardText(cancel)).toContain('Cette proposition a déjà été traitée ou remplacée');
  });

  it('previews a new version with its diff, and a question asked during the publication gets one version', async () => {
    const [, preview] = await sendFile('lanternes-2026.docx', await policyDocx('automne', true), as(ADMIN));
    const card = preview!.attachments[0].content;
    const text = cardText(card);
    expect(text).toContain('Nouvelle version proposée');
    expect(text).toMatch(/nouvelle version de «\u00a0Directive fictive sur les lanternes du phare\u00a0» \(version publiée\u00a0: v1\)/);
    expect(text).toContain('Sections ajoutées (1)');
    expect(text).toContain('Sections modifiées (1)');
    expect(text).toMatch(/Avant\u00a0:.*printemps/);
    expect(text).toMatch(/Après\u00a0:.*automne/);

    const question = 'Quand les mèches des lanternes fictives du phare sont-elles changées ?';
    // v1 was published by the previous test; the local index takes it at its next publication check (at most 2 s).
    for (let i = 0; i < 20 && !(await say(question, as(OTHER, { conversationId: `a:question-before-${i}` }))).some((a) => /version v1/.test(a.text ?? '')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const asked = Array.from({ length: 6 }, (_, i) => say(question, as(OTHER, { conversationId: `a:question-${i}` })));
    const publishing = press('documents.publish', { ...actionData(card), versionLabel: 'v2' }, as(ADMIN));
    const answers = [...(await Promise.all(asked)).flat()];
    expect(cardText(await publishing)).toContain('Publié par');
    // The local index switches at its next publication check; ask until the new version answers.
    for (let i = 0; i < 20 && !answers.some((a) => /version v2/.test(a.text ?? '')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      answers.push(...(await say(question, as(OTHER, { conversationId: `a:question-late-${i}` }))));
    }
    for (const answer of answers) {
      const text = String(answer.text ?? '');
      const v1 = /version v1/.test(text);
      const v2 = /version v2/.test(text);
      expect(v1 !== v2, text).toBe(true);
      if (v1) expect(text).toContain('printemps');
      if (v1) expect(text).not.toContain('automne');
      if (v2) expect(text).toContain('automne');
      if (v2) expect(text).not.toContain('printemps');
    }
    expect(answers.some((a) => /version v2/.test(a.text ?? ''))).toBe(true);
  });

  it('lists the versions with who published them, and restores an earlier one through the same preview', async () => {
    const [history] = await say('historique directive-lanternes', as(ADMIN));
    expect(history!.text).toMatch(/^Versions du document «\u00a0Directive fictive sur les lanternes du phare\u00a0» \(identifiant\u00a0: directive-lanternes\), la plus récente d’abord\u00a0:/);
    // French writes times as the cards do (« 12 h 32 »), not « 12:32 ».
    expect(history!.text).toMatch(/version v2 .*publiée par Adèle Gouvernance le \d{1,2} [a-zéû]+ \d{4} à \d{1,2}\u00a0h\u00a0\d\d \(heure de l’Est\) — \*\*version actuelle\*\*/);
    expect(history!.text).toMatch(/version v1 .*date officielle 15 janvier 2026/);
    // The hint is a command that works as typed, the one that follows.
    expect(history!.text).toMatch(/Pour republier une version antérieure, tapez par exemple «\u00a0rétablir directive-lanternes v1\u00a0»\.$/);
    const [preview] = await say('rétablir directive-lanternes v1', as(ADMIN));
    const card = preview!.attachments[0].content;
    const text = cardText(card);
    expect(text).toContain('Rétablissement proposé');
    expect(text).toContain('Sections retirées (1)');
    // Typed again while it waits: the reply names a rollback, not a file the person never sent.
    const [again, sameCard] = await say('rétablir directive-lanternes v1', as(ADMIN), 2);
    expect(again!.text).toBe('Ce rétablissement est déjà proposé et attend une décision\u00a0: voici sa fiche.');
    expect(cardText(sameCard!.attachments[0].content)).toContain('Rétablissement proposé');
    const decided = await press('documents.publish', actionData(card), as(ADMIN2));
    expect(cardText(decided)).toContain('Publié par Bruno Gouvernance');
    const [after] = await say('historique directive-lanternes', as(ADMIN2));
    expect(after!.text).toMatch(/version v1 .*publiée par Bruno Gouvernance.*\*\*version actuelle\*\*/);
    const [current] = await say('rétablir directive-lanternes v1', as(ADMIN));
    expect(current!.text).toBe('La version v1 est déjà la version publiée du document directive-lanternes.');
    const [audit] = await say('audit directive-lanternes', as(ADMIN));
    const lines = String(audit!.text).split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => l.split(' — ')[1])).toEqual(['republié', 'proposé', 'publié', 'proposé', 'publié', 'proposé']);
    expect(lines[0]).toMatch(/Bruno Gouvernance — directive-lanternes — version v1 — SHA\u2060-\u2060256 [0-9a-f]{16}/);
  });

  it('writes the audit trail in the reader’s language, rows stored before alike, and names no one for an ingest with no user name', async () => {
    const [french] = await say('audit directive-lanternes', as(ADMIN));
    expect(french!.text).toMatch(/ — republié — Bruno Gouvernance — directive-lanternes — version v1 — SHA\u2060-\u2060256 [0-9a-f]{16} — remplace la version v2$/m);
    expect(french!.text).toMatch(/ — publié — .* — version v2 — SHA\u2060-\u2060256 [0-9a-f]{16} — remplace la version v1$/m);
    expect(french!.text).toMatch(/ — proposé — Adèle Gouvernance — directive-lanternes — .* — fichier$/m);
    expect(french!.text).not.toMatch(/replaces|— file$/m);
    const [english] = await say('audit directive-lanternes', as(ADMIN, { conversationId: 'a:audit-anglais', locale: 'en-US' }));
    expect(english!.text).toMatch(/ — published again — Bruno Gouvernance — directive-lanternes — version v1 — SHA\u2060-\u2060256 [0-9a-f]{16} — replaces v2$/m);

    const file = path.join(dataDir, 'consigne-quais.md');
    writeFileSync(file, '# Consigne fictive des quais\n\n## Amarrage\n\nLes barques fictives s’amarrent aux anneaux verts.\n');
    const db = path.join(dataDir, 'balises.db');
    // Neither --by nor $USER nor $USERNAME: no one is named.
    const noName = captureIo({ BALISES_DATA_DIR: '/nonexistent/balises-test' }).io;
    expect(await run(['ingest', file, '--version', 'v2', '--url', 'https://example.org/quais', '--db', db], noName)).toBe(0);
    // Rows as stored before: the name `cli` made up when no one was named, a proposal fetched from an address.
    const store = openDocumentAdminStore(db);
    try {
      const before = { docId: 'consigne-quais', versionLabel: 'v1', sourceSha256: null, proposalId: null };
      store.audit({ ...before, at: '2026-01-01T15:00:00.000Z', action: 'proposed', actor: { id: ADMIN.aadObjectId!, name: ADMIN.name }, detail: 'url https://example.org/quais-v1.docx' });
      store.audit({ ...before, at: '2026-01-02T15:00:00.000Z', action: 'published', actor: { id: 'cli:cli', name: 'cli' }, detail: 'balises ingest' });
    } finally {
      store.close();
    }
    const [audit] = await say('audit consigne-quais', as(ADMIN));
    expect(audit!.text).toMatch(/ — publié — la ligne de commande — consigne-quais — version v2 — SHA\u2060-\u2060256 [0-9a-f]{16} — balises ingest$/m);
    expect(audit!.text).toMatch(/ — publié — la ligne de commande — consigne-quais — version v1 — balises ingest$/m);
    expect(audit!.text).toMatch(/ — proposé — Adèle Gouvernance — consigne-quais — version v1 — adresse https:\/\/example\.org\/quais-v1\.docx$/m);
    expect(audit!.text).not.toMatch(/ — cli — | url /);
    const [history] = await say('historique consigne-quais', as(ADMIN));
    expect(history!.text).toMatch(/version v2 .* — publiée par la ligne de commande le /);
    const [englishHistory] = await say('history consigne-quais', as(ADMIN, { conversationId: 'a:audit-anglais', locale: 'en-US' }));
    expect(englishHistory!.text).toMatch(/^Versions of "[^"]+" \(id: consigne-quais\), newest first:/);
    expect(englishHistory!.text).toMatch(/published by the command line on [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d\d\u00a0[ap]\.m\. ET/);
    // Every audit line starts with its time, written the French way in French and with a colon in English.
    const events = (text: unknown) => String(text).split('\n').filter((line) => line.startsWith('- '));
    for (const line of events(audit!.text)) expect(line).toMatch(/^- \d{4}\u2060-\u2060\d\d\u2060-\u2060\d\d \d{1,2}\u00a0h\u00a0\d\d \(heure de l’Est\) — /);
    const [englishAudit] = await say('audit consigne-quais', as(ADMIN, { conversationId: 'a:audit-anglais', locale: 'en-US' }));
    expect(events(englishAudit!.text).length).toBeGreaterThan(0);
    for (const line of events(englishAudit!.text)) expect(line).toMatch(/^- \d{4}\u2060-\u2060\d\d\u2060-\u2060\d\d \d\d:\d\d ET — /);
  });

  it('lists a document’s versions named by its title, case and accents aside, or lists the titles that come near', async () => {
    const [byTitle] = await say('historique DIRECTIVE FICTIVE sur les lanternes du PHARE', as(ADMIN));
    // The reply names the document as the person did, by its title; the id `rétablir` takes follows.
    expect(byTitle!.text).toMatch(/^Versions du document «\u00a0Directive fictive sur les lanternes du phare\u00a0» \(identifiant\u00a0: directive-lanternes\), la plus récente d’abord\u00a0:/);
    expect(byTitle!.text).toMatch(/version v2 .*publiée par Adèle Gouvernance/);
    const [near] = await say('historique directive des lanternes', as(ADMIN));
    expect(near!.text).toContain('Aucun document n’a exactement l’identifiant ou le titre «\u00a0directive des lanternes\u00a0». Documents proches\u00a0:');
    expect(near!.text).toContain('- Directive fictive sur les lanternes du phare — tapez «\u00a0historique directive-lanternes\u00a0»');
    const [english] = await say('history lantern directive', as(ADMIN, { locale: 'en-US' }));
    expect(english!.text).toContain('No document has exactly the id or title "lantern directive". Documents that come near:');
    expect(english!.text).toContain('- Directive fictive sur les lanternes du phare — type "history directive-lanternes"');
    // `sources` shows titles, not identifiers: the usage of a bare `historique` asks for what it shows.
    const [bare] = await say('historique', as(ADMIN));
    expect(bare!.text).toBe('Précisez le document, par son titre ou son identifiant\u00a0: historique TITRE (tapez «\u00a0sources\u00a0» pour voir les titres).');
    const [sources] = await say('sources', as(ADMIN));
    expect(sources!.text).toContain('Directive fictive sur les lanternes du phare');
    expect(sources!.text).not.toContain('directive-lanternes');
    const [long] = await say(`historique ${'x'.repeat(5000)}`, as(ADMIN));
    expect(long!.text).toBe(`Aucun document n’a l’identifiant ou le titre «\u00a0${'x'.repeat(79)}…\u00a0». Tapez «\u00a0sources\u00a0» pour voir les documents.`);
  });

  it('keeps a French command’s preview card in French, with its buttons and refreshes, under an English client', async () => {
    const english = as(ADMIN, { locale: 'en-US' });
    const [preview] = await say('rétablir directive-lanternes v2', english);
    const card = preview!.attachments[0].content;
    expect(cardText(card)).toContain('Rétablissement proposé');
    const refreshed = await press('documents.refresh', card.refresh.action.data, as(ADMIN2, { locale: 'en-US' }));
    expect(cardText(refreshed)).toContain('Rétablissement proposé');
    const cancelled = await press('documents.cancel', actionData(card), english);
    expect(cardText(cancelled)).toMatch(/Annulé par Adèle Gouvernance le .*\u00a0: rien n’a été publié\./);
  });

  it('shows in the audit trail who published and withdrew a document from the command line', async () => {
    const file = path.join(dataDir, 'consigne-bancs.md');
    writeFileSync(file, '# Consigne fictive des bancs\n\n## Peinture\n\nLes bancs fictifs du quai sont repeints tous les trois ans.\n');
    const db = ['--db', path.join(dataDir, 'balises.db')];
    expect(await run(['ingest', file, '--version', 'v1', '--by', 'Diane Console', ...db], captureIo().io)).toBe(0);
    expect(await run(['withdraw', 'consigne-bancs', '--by', 'Diane Console', ...db], captureIo().io)).toBe(0);
    const [audit] = await say('audit consigne-bancs', as(ADMIN));
    const lines = String(audit!.text).split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ — retiré — Diane Console — consigne-bancs — version v1 — SHA\u2060-\u2060256 [0-9a-f]{16} — balises withdraw$/);
    expect(lines[1]).toMatch(/ — publié — Diane Console — consigne-bancs — version v1 — SHA\u2060-\u2060256 [0-9a-f]{16} — balises ingest$/);
    // A withdrawn document is still found by its title, to see the version to publish again.
    const [history] = await say('historique Consigne fictive des bancs', as(ADMIN));
    expect(history!.text).toMatch(/^Versions du document «\u00a0Consigne fictive des bancs\u00a0» \(identifiant\u00a0: consigne-bancs\)/);
  });

  it('lists the assessments flagged by publications to an admin', async () => {
    const [none] = await say('signalements', as(ADMIN));
    expect(none!.text).toContain('Aucune évaluation signalée');
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      // Through the write the publication check uses, its mark left where it is (the checks of the bot go on as usual).
      const { through } = store.unflaggedPublications();
      const flags = [
        { declarationId: randomUUID(), publicId: 'IA-2026-0042', docId: 'directive-lanternes', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'changed' as const, flaggedAt: '2026-03-05T00:00:00.000Z' },
        { declarationId: randomUUID(), publicId: 'IA-2026-0043', docId: 'autre-directive', quotedVersion: '2024', sectionPath: ['Annexe'], newVersion: '2026', change: 'removed' as const, flaggedAt: '2026-03-04T00:00:00.000Z' },
      ];
      expect(store.addFlagsThrough(flags, through, through)).toBe(true);
    } finally {
      store.close();
    }
    const [listed] = await say('signalements', as(ADMIN));
    expect(listed!.text).toContain('Évaluations à revoir');
    expect(listed!.text).toContain('IA-2026-0042 — directive-lanternes › Entretien (citée de la version v1)\u00a0: passage modifié');
    expect(listed!.text).toContain('IA-2026-0043 — autre-directive › Annexe (citée de la version 2024)\u00a0: passage retiré');
  });

  it('stops listing a flag once the declaration is resubmitted quoting the new version, and lets an admin mark one handled', async () => {
    const declarant = { id: '0000000d-0000-4000-8000-0000000000cc', name: 'Denise Déclarante' };
    /** An assessment quoting the fictional directive's « Entretien » section from `versionLabel`. */
    const quoting = (versionLabel: string, at: string): Assessment => ({
      rulesVersion: 'test-1',
      level: 1,
      score: 1,
      assessedAt: at,
      obligations: [
        {
          ruleId: 'entretien',
          label: { fr: 'Entretenir les lanternes', en: 'Maintain the lanterns' },
          quote: { text: 'Les mèches fictives sont changées.', docId: 'directive-lanternes', title: 'Directive fictive', versionLabel, sectionPath: ['Entretien'], pages: null, url: null },
        },
      ],
    });
    const inventory = openSqliteInventoryRepository(path.join(dataDir, 'balises.db'));
    const admin = { id: ADMIN.aadObjectId!, name: ADMIN.name };
    let publicId: string;
    try {
      const draft = await inventory.createDraft(declarant, validDraft(), '2026-03-01T12:00:00.000Z');
      const submitted = await inventory.submit(draft.id, draft.revision, { assessment: quoting('v1', '2026-03-01T12:00:00.000Z'), actor: declarant, key: randomUUID(), now: '2026-03-01T12:00:00.000Z' });
      publicId = submitted.publicId!;
      const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
      try {
        const { through } = store.unflaggedPublications();
        const flag = { declarationId: submitted.id, publicId, docId: 'directive-lanternes', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'changed' as const, flaggedAt: '2026-03-06T00:00:00.000Z' };
        expect(store.addFlagsThrough([flag], through, through)).toBe(true);
      } finally {
        store.close();
      }
      const [flagged] = await say('signalements', as(ADMIN));
      expect(flagged!.text).toContain(`${publicId} — directive-lanternes › Entretien (citée de la version v1)\u00a0: passage modifié`);
      expect(flagged!.text).toContain('«\u00a0signalement traité IA-AAAA-NNNN\u00a0»');

      // Governance asks for changes; the declarant resubmits, and the new assessment quotes version v2.
      const sentBack = await inventory.decide(submitted.id, submitted.revision, 'changes_requested', admin, 'Précisez la supervision.', '2026-03-07T12:00:00.000Z');
      await inventory.submit(sentBack.id, sentBack.revision, { assessment: quoting('v2', '2026-03-08T12:00:00.000Z'), actor: declarant, key: randomUUID(), now: '2026-03-08T12:00:00.000Z' });
    } finally {
      await inventory.close();
    }
    const [after] = await say('signalements', as(ADMIN));
    expect(after!.text).not.toContain(publicId);
    expect(after!.text).toContain('IA-2026-0042 — directive-lanternes › Entretien');

    const [handled] = await say('signalement traité IA-2026-0042', as(ADMIN));
    expect(handled!.text).toContain('1 signalement de la déclaration IA-2026-0042 marqué comme traité\u00a0: il n’est plus');
    const [again] = await say('signalement traité IA-2026-0042', as(ADMIN));
    expect(again!.text).toContain('Aucun signalement ouvert pour IA-2026-0042');
    const [usage] = await say('flag handled', as(ADMIN));
    expect(usage!.text).toContain('Name the declaration: flag handled IA-YYYY-NNNN');
    const [left] = await say('signalements', as(ADMIN));
    expect(left!.text).not.toContain('IA-2026-0042');
    expect(left!.text).toContain('IA-2026-0043 — autre-directive › Annexe');
    const [audit] = await say('audit', as(ADMIN));
    expect(audit!.text).toMatch(/ — signalement traité — Adèle Gouvernance — directive-lanternes — version v2 — IA-2026-0042 \(Entretien, v1\)/);
    const [refused] = await say('signalement traité IA-2026-0043', as(OTHER));
    expect(refused!.text).toContain('seuls les membres de l’équipe de gouvernance');
  });

  it('shows an admin nothing of document administration in a group chat: only where to ask, in French or English', async () => {
    const group = as(ADMIN, { conversationId: '19:groupe-lanternes@thread.v2', conversationType: 'groupChat' });
    const commands = ['audit', 'propositions', 'historique directive-lanternes', 'rétablir directive-lanternes v2', 'signalements', 'signalement traité IA-2026-0043'];
    for (const command of commands) {
      const [reply] = await say(command, group);
      expect(reply!.text).toBe(
        'Je ne réponds pas à cette commande ici, pour ne pas montrer l’administration des documents à tous les membres de la conversation\u00a0: écrivez-la-moi dans une conversation personnelle avec moi, ou dans le canal de l’équipe de gouvernance.',
      );
    }
    const [english] = await say('proposals', { ...group, locale: 'en-US' });
    expect(english!.text).toContain('I do not answer this command here, so that not every member of the conversation sees document administration');
    // Whatever else might still arrive, nothing in the group holds a card, a version, a digest or a flag.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = connector.messages(group.conversationId).map((c) => c.body);
    expect(seen).toHaveLength(commands.length + 1);
    expect(seen.every((m) => (m.attachments ?? []).length === 0 && !/SHA-256|directive-lanternes|IA-2026/.test(String(m.text)))).toBe(true);
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      expect(store.pending().filter((p) => p.rollbackVersionId !== null)).toEqual([]);
    } finally {
      store.close();
    }
    const [personal] = await say('signalements', as(ADMIN));
    expect(personal!.text).toContain('Évaluations à revoir');
  });

  it('refuses a hand-built documents.refresh from someone outside the governance team, audited, showing nothing of the proposal', async () => {
    const refused = await press('documents.refresh', { proposalId: actionData(firstCard).proposalId }, as(OTHER));
    expect(cardText(refused)).toContain('seuls les membres de l’équipe de gouvernance');
    expect(JSON.stringify(refused)).not.toContain('lanternes');
    expect(refused.actions ?? []).toEqual([]);
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      const [last] = store.auditEvents({ limit: 1 });
      expect([last!.action, last!.actor, last!.detail]).toEqual(['refused', { id: OTHER.aadObjectId, name: OTHER.name }, 'documents.refresh']);
    } finally {
      store.close();
    }
    // The audit names the refused request in words, never the card's verb.
    const [french] = await say('audit', as(ADMIN, { conversationId: 'a:audit-refus' }));
    expect(french!.text).toMatch(/ — refusé — Camille Employée — demande\u00a0: afficher l’aperçu d’une proposition$/m);
    const [english] = await say('audit', as(ADMIN, { conversationId: 'a:audit-refus-en', locale: 'en-US' }));
    expect(english!.text).toMatch(/ — refused — Camille Employée — request: show a proposal’s preview$/m);
    const lines = (text: unknown, action: string) => String(text).split('\n').filter((line) => line.includes(` — ${action} — `));
    const refusals = [...lines(french!.text, 'refusé'), ...lines(english!.text, 'refused')];
    expect(refusals.length).toBeGreaterThan(2);
    for (const line of refusals) expect(line).toMatch(/ — (?:demande\u00a0:|request:) [^._]+$/);
  });

  it('answers "audit algorithmique", "rétablir la confiance…", "historique ia" and an employee’s "historique du phare" as questions when no document has that id or title', async () => {
    const before = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    const refusals = () => before.auditEvents({ limit: 1000 }).filter((e) => e.action === 'refused').length;
    try {
      const refusedBefore = refusals();
      const [reply] = await say('audit algorithmique', as(OTHER, { conversationId: 'a:question-audit' }));
      expect(reply!.text).not.toContain('seuls les membres');
      const [adminReply] = await say('audit algorithmique', as(ADMIN, { conversationId: 'a:question-audit-admin' }));
      expect(adminReply!.text).not.toContain('Aucun événement dans le journal');
      expect(refusals()).toBe(refusedBefore);
      // « du phare » is in the title « Directive fictive sur les lanternes du phare », but names no document.
      for (const question of ['rétablir la confiance envers les systèmes', 'historique ia', 'historique du phare']) {
        const [answer] = await say(question, as(OTHER, { conversationId: 'a:question-audit' }));
        expect(answer!.text).not.toContain('seuls les membres');
      }
      expect(refusals()).toBe(refusedBefore);
      const [command] = await say('audit directive-lanternes', as(ADMIN));
      expect(command!.text).toContain('Journal de l’administration des documents');
    } finally {
      before.close();
    }
  });

  it('answers « audit », which says no language, in the one the person last wrote in here, under an en-US client', async () => {
    // The Agents Playground stamps every message en-US, whatever the person writes.
    const admin = as(ADMIN, { conversationId: 'a:langue-admin', locale: 'en-US' });
    const [first] = await say('audit', admin);
    expect(first!.text).toMatch(/^Document administration log/);
    await say('Quelles sont les règles pour les citoyens?', admin);
    const [french] = await say('audit', admin);
    expect(french!.text).toMatch(/^Journal de l’administration des documents/);
    await say('What are the rules for citizens?', admin);
    const [english] = await say('audit', admin);
    expect(english!.text).toMatch(/^Document administration log/);
    const other = as(OTHER, { conversationId: 'a:langue-autre', locale: 'en-US' });
    await say('Quelles sont les règles pour les citoyens?', other);
    const [refusal] = await say('audit', other);
    expect(refusal!.text).toContain('seuls les membres de l’équipe de gouvernance consultent');
  });

  it('refuses history and rollback to someone outside the governance team', async () => {
    const [reply] = await say('rétablir directive-lanternes v2', as(OTHER));
    expect(reply!.text).toContain('Rien n’a été modifié');
    const [history] = await say('historique directive-lanternes', as(OTHER));
    expect(history!.text).toContain('seuls les membres de l’équipe de gouvernance consultent l’historique');
    expect(history!.text).not.toContain('publier');
  });
  it('says why a document cannot be had or restored in the admin’s language, and checks an address before reading it', async () => {
    const [usage] = await say('/publier pas-une-adresse', as(ADMIN));
    expect(usage!.text).toContain('Donnez l’adresse du document');
    const [reading, failed] = await say(`/publier ${filesUrl}/absent.docx`, as(ADMIN), 2);
    expect(reading!.text).toContain('Je lis');
    expect(failed!.text).toBe('Je n’ai pas pu obtenir le document\u00a0: le site a répondu par une erreur (HTTP 404). Rien n’a été modifié.');
    const [english] = await say(`/publish ${filesUrl}/absent.docx`, as(ADMIN, { locale: 'en-US' }), 2).then((m) => m.slice(1));
    expect(english!.text).toBe('I could not get the document: the site answered with an error (HTTP 404). Nothing was changed.');
    const [rollback] = await say('rétablir directive-lanternes v9', as(ADMIN));
    expect(rollback!.text).toBe('Impossible de proposer ce rétablissement\u00a0: ce document n’a pas cette version (versions\u00a0: v2, v1).');
  });

  it('refuses /publier of an address holding a user name or password, saying why, without echoing the password', async () => {
    const secret = filesUrl.replace('://', '://agent:S3cret@');
    const [reply] = await say(`/publier ${secret}/directive.docx`, as(ADMIN));
    expect(reply!.text).toBe(
      `Je ne télécharge pas «\u00a0${filesUrl}/directive.docx\u00a0»\u00a0: une adresse qui contient un identifiant ou un mot de passe n’est pas acceptée. Donnez l’adresse publique du document, ou envoyez-moi le fichier lui-même. Rien n’a été modifié.`,
    );
    const [english] = await say(`/publish ${secret}/directive.docx`, as(ADMIN, { locale: 'en-US' }));
    expect(english!.text).toContain(`I do not download ${filesUrl}/directive.docx: an address holding a user name or password is not accepted.`);
    expect(connector.messages(as(ADMIN).conversationId).some((c) => JSON.stringify(c.body).includes('S3cret'))).toBe(false);
  });

  it('speaks the proposal’s language on its preview card, French unless proposed in English, whatever the client', async () => {
    const winter = randomUUID();
    served.set(winter, await policyDocx('hiver', false));
    const english = as(ADMIN2, { locale: 'en-US' });
    const [reading, preview] = await say(`/publier ${filesUrl}/${winter}`, english, 2);
    expect(reading!.text).toContain('Je lis');
    const french = preview!.attachments[0].content;
    expect(cardText(french)).toContain('Nouvelle version proposée\u00a0: Directive fictive sur les lanternes du phare');
    expect(cardText(await press('documents.refresh', { proposalId: actionData(french).proposalId }, english))).toContain('Nouvelle version proposée');

    const summer = randomUUID();
    served.set(summer, await policyDocx('été', false));
    const [, englishPreview] = await say(`/publish ${filesUrl}/${summer}`, as(ADMIN), 2);
    const englishCard = englishPreview!.attachments[0].content;
    expect(cardText(englishCard)).toContain('New version proposed: Directive fictive sur les lanternes du phare');
    const cancelled = await press('documents.cancel', actionData(englishCard), as(ADMIN));
    expect(cardText(cancelled).split('\n')[0]).toBe('Proposal cancelled: Directive fictive sur les lanternes du phare');
    // The French proposal was replaced by the English one: its card says so, in French.
    const replaced = await press('documents.publish', actionData(french), english);
    expect(cardText(replaced).split('\n')[0]).toBe('Proposition remplacée\u00a0: Directive fictive sur les lanternes du phare');
    expect(cardText(replaced)).toContain('Cette proposition a déjà été traitée ou remplacée');
  });

  it('refuses to publish a proposal outdated by the command line; the same admin’s second click just gets the card', async () => {
    // The admin last wrote `/publish …` here (above), so a file alone would get an English card; French words first.
    const [before] = await say('historique directive-lanternes', as(ADMIN));
    expect(before!.text).toContain('Versions du document «\u00a0Directive fictive sur les lanternes du phare\u00a0»');
    const [, preview] = await sendFile('lanternes-givre.docx', await policyDocx('givre', false), as(ADMIN));
    const card = preview!.attachments[0].content;
    expect(cardText(card)).toContain('Nouvelle version proposée');
    const file = path.join(dataDir, 'lanternes-verglas.docx');
    writeFileSync(file, await policyDocx('verglas', false));
    const db = ['--db', path.join(dataDir, 'balises.db')];
    expect(await run(['ingest', file, '--doc', 'directive-lanternes', '--version', 'v-console', '--by', 'Diane Console', ...db], captureIo().io)).toBe(0);

    const first = cardText(await press('documents.publish', { ...actionData(card), versionLabel: 'v-givre' }, as(ADMIN)));
    expect(first.split('\n')[0]).toBe('Proposition périmée, non publiée\u00a0: Directive fictive sur les lanternes du phare');
    expect(first).toContain('La version v-console de ce document a été publiée après cette proposition');
    const again = cardText(await press('documents.publish', { ...actionData(card), versionLabel: 'v-givre' }, as(ADMIN)));
    expect(again.split('\n')[0]).toBe('Proposition périmée, non publiée\u00a0: Directive fictive sur les lanternes du phare');
    expect(again).not.toContain('déjà été traitée');
    const other = cardText(await press('documents.publish', { ...actionData(card), versionLabel: 'v-givre' }, as(ADMIN2)));
    expect(other).toContain('Cette proposition a déjà été traitée ou remplacée');
    const [history] = await say('historique directive-lanternes', as(ADMIN));
    expect(history!.text).toMatch(/version v-console .* — \*\*version actuelle\*\*/);
    expect(history!.text).not.toContain('v-givre');
  });

  it('publishes with no official date when the admin empties the proposed date, as the card then shows', async () => {
    // A proposal that comes with an official date (ProposeInput.publishedOn), made through the service itself.
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    let proposalId: string;
    try {
      const proposed = await createProposalService({ store }).propose({
        bytes: Buffer.from('# Consigne fictive des feux de grève\n\n## Allumage\n\nLes feux fictifs de la grève s’allument au crépuscule.\n'),
        fileName: 'feux-greve.md',
        origin: { kind: 'file' },
        proposedBy: { id: ADMIN.aadObjectId!, name: ADMIN.name },
        publishedOn: '2026-02-01',
      });
      if (proposed.kind !== 'proposed') throw new Error(`not proposed: ${proposed.kind}`);
      proposalId = proposed.proposal.id;
    } finally {
      store.close();
    }
    const card = await press('documents.refresh', { proposalId }, as(ADMIN));
    expect(inputs(card).find((i) => i.id === 'publishedOn')).toMatchObject({ value: '2026-02-01' });
    // Adaptive Cards leave the emptied date input out of the submission.
    const published = await press('documents.publish', { ...actionData(card), versionLabel: 'v-sans-date' }, as(ADMIN));
    expect(cardText(published)).toMatch(/Publié par Adèle Gouvernance .*\(version v-sans-date\)/);
    expect(cardText(published)).toContain('Date officielle non précisée');
    expect(cardText(published)).not.toContain('2026-02-01');
    const [history] = await say('historique consigne-fictive-des-feux-de-greve', as(ADMIN));
    expect(history!.text).toMatch(/version v-sans-date — date officielle non précisée — /);
  });
});

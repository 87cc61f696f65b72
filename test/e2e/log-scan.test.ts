import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { cardAction, userMessage, type TeamsUser } from '../helpers/card-activities.js';
import { actionData, asInput, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { ensureBuilt } from '../helpers/build.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { botInstalled, feedbackInvoke } from '../helpers/teams-activity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/server/main.js');

/** A person whose name, e-mail and numbers are typed into the bot; none of it may reach the log. */
const PERSON: TeamsUser = { id: '29:journal-fictif', name: 'Hortense Lagaffe-Trudel', aadObjectId: '0000000a-0000-4000-8000-0000000000c1' };
const TYPED_NAMES = ['Gaston Lagaffe', 'Prunelle Fantasio', 'Hortense Lagaffe-Trudel', 'Personne Fictive'];
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const NAS_LIKE = /\b\d{3}[ -]?\d{3}[ -]?\d{3}\b/;

describe('the log of a whole session over HTTP', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'balises-logscan-'));
  let connector: FakeConnector;
  let server: ChildProcess;
  let url = '';
  let output = '';

  beforeAll(async () => {
    // The server is tested as shipped (compiled), in its own process, so every line it writes is captured.
    await ensureBuilt();
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      await ingestPaths({ store }, [path.join(ROOT, 'test/fixtures/charte-fictive-ia.md')], { ingestedBy: 'log-scan-test' });
    } finally {
      store.close();
    }
    connector = await new FakeConnector().start();
    server = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'trace', FEEDBACK_KEEP_QUESTIONS: 'true', GOVERNANCE_ADMIN_IDS: '0000000a-0000-4000-8000-0000000000ad' },
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 20_000;
    while (!url) {
      const match = /"url":"(http:\/\/[^"]+)\/api\/messages"/.exec(output);
      if (match) url = match[1]!;
      else if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);
  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(activity: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  it('holds no message text, e-mail address, NAS-like number or typed name', async () => {
    const conversationId = 'a:personal-journal';
    const as = { serviceUrl: connector.serviceUrl, from: PERSON, conversationId };
    const typed = [
      'Gaston Lagaffe, NAS 123 456 789, peut-il être informé du système automatisé?',
      'Mon courriel est gaston.lagaffe@exemple.gouv.qc.ca et mon NAS 123-456-789 : quelle clarté est requise?',
      'What does the charter say about Prunelle Fantasio (prunelle.fantasio@example.org, 987654321)?',
      'zorglub quantique Lagaffe',
    ];
    const commands = ['aide', 'sources'];
    expect((await post({ ...botInstalled({ serviceUrl: connector.serviceUrl, conversationId }), from: PERSON })).status).toBe(200);
    for (const text of [...typed, ...commands]) expect((await post(userMessage(text, as))).status).toBe(200);
    await connector.waitForMessages(conversationId, typed.length + commands.length + 1, 20_000);

    const answer = connector.messages(conversationId).find((m) => m.body.text?.includes('[1]'));
    const rating = feedbackInvoke('dislike', 'Gaston Lagaffe trouve la citation fausse, écrivez à gaston.lagaffe@exemple.gouv.qc.ca', { serviceUrl: connector.serviceUrl, conversationId, ratedActivityId: answer?.id });
    expect((await post({ ...rating, from: PERSON })).status).toBe(200);

    // A declaration typed from start to submit: names, e-mail and free text go through every step.
    expect((await post(userMessage('/déclarer', as))).status).toBe(200);
    let found: Json | undefined;
    for (const deadline = Date.now() + 20_000; !found && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      found = connector
        .messages(conversationId)
        .map((m) => m.body.attachments?.[0]?.content as Json | undefined)
        .find((c) => c && executeActions(c).some((a) => a.verb === 'declaration.next'));
    }
    if (!found) throw new Error('no declaration card');
    let card: Json = found;
    const draft = { ...validDraft(), contactName: 'Prunelle Fantasio', contactEmail: 'prunelle.fantasio@exemple.gouv.qc.ca', purpose: 'Trier les demandes de Gaston Lagaffe, NAS 123 456 789.' };
    for (let step = 0; step < 10; step++) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft] ?? '')])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      const res = await post(cardAction(verb, { ...actionData(card, verb), ...values }, as));
      expect(res.status).toBe(200);
      card = res.body.value;
      if (verb === 'declaration.submit') break;
    }

    // Refused input is logged by field name, never by value.
    const broken = userMessage('Gaston Lagaffe 123 456 789', as);
    delete broken.recipient;
    expect((await post(broken)).status).toBe(400);

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));

    expect(output).toContain('"msg":"turn"');
    for (const text of typed) expect(output).not.toContain(text);
    for (const name of TYPED_NAMES) expect(output).not.toContain(name);
    expect(output).not.toMatch(EMAIL);
    expect(output).not.toMatch(NAS_LIKE);
    expect(output).not.toContain('zorglub');
  }, 120_000);
});

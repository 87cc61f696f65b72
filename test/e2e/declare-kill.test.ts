import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cardAction, invoke, userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';
import { restartableServer } from '../helpers/restartable-server.js';
import { killServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * Issue #7, "kill -9 mid-submit": the real server process (dist/src/server/main.js) is killed with SIGKILL while
 * 20 declarants submit at once and the governance channel's connector is slow; the restarted process must serve
 * the same committed state, nothing half-written, and post the review card of every committed declaration.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const FICTIONAL = path.join(ROOT, 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-kill', name: 'Admin Kill', aadObjectId: '0000000e-0000-4000-8000-0000000000a1' };
const CHANNEL = '19:gouvernance-kill@thread.tacv2';
const DECLARANTS = 20;

const declarant = (n: number): TeamsUser => ({
  id: `29:declarant-kill-${n}`,
  name: `Déclarant fictif ${n}`,
  aadObjectId: `0000000e-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

describe('kill -9 in the middle of 20 concurrent submissions (issue #7)', () => {
  // A fictional document ingested, the governance admin set, with a one-second outbox lease.
  const app = restartableServer({
    prefix: 'balises-kill-',
    dataDir: (prefix) => dataDirWith(FICTIONAL, prefix),
    env: { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, OUTBOX_LEASE_SECONDS: '1' },
  });
  const { connector } = app;
  let server: ServerProcess;

  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  async function say(text: string, options: ConversationOptions): Promise<Json> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1);
    return connector.messages(options.conversationId)[before]!.body;
  }

  async function press(verb: string, data: Json, options: ConversationOptions): Promise<Json> {
    const res = await invoke(server.url, cardAction(verb, data, options));
    expect(res.status).toBe(200);
    return res.body.value;
  }

  async function submitData(user: TeamsUser): Promise<Json> {
    const draft = validDraft();
    let card = (await say('/déclarer', as(user))).attachments[0].content as Json;
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      if (executeActions(card).some((a) => a.verb === 'declaration.submit')) return { ...actionData(card, 'declaration.submit'), ...values };
      card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...values }, as(user));
    }
  }

  /** Declarations as stored, read straight from the file (what a restart will serve). */
  function stored() {
    const db = new Database(path.join(app.dataDir, 'balises.db'), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT d.id, d.public_id, d.state, d.assessment IS NOT NULL AS assessed, d.submitted_data IS NOT NULL AS snapshot,
             (SELECT COUNT(*) FROM inventory_declaration_events e WHERE e.declaration_id = d.id AND e.to_state = 'submitted') AS submitted_events,
             (SELECT COUNT(*) FROM inventory_outbox o WHERE o.declaration_id = d.id AND o.kind = 'review_card') AS queued
           FROM inventory_declarations d`,
        )
        .all() as Array<{ id: string; public_id: string | null; state: string; assessed: number; snapshot: number; submitted_events: number; queued: number }>;
      return rows;
    } finally {
      db.close();
    }
  }

  it('keeps every committed submission whole, serves it after restart and posts its review card', async () => {
    server = await app.start();
    await say('gouvernance enregistrer', as(ADMIN, { conversationId: `${CHANNEL};messageid=1`, conversationType: 'channel' }));
    const users = Array.from({ length: DECLARANTS }, (_, i) => declarant(i + 1));
    const submissions = await Promise.all(users.map(async (user) => ({ user, data: await submitData(user) })));

    // A slow channel: review cards are in flight when the process dies.
    const release = connector.hold(CHANNEL);
    const receipts = new Map<string, string>();
    const inFlight = submissions.map(({ user, data }) =>
      press('declaration.submit', data, as(user)).then(
        (card) => receipts.set(data.declarationId, /IA-\d{4}-\d{4}/.exec(cardText(card))![0]),
        () => undefined,
      ),
    );
    const deadline = Date.now() + 20_000;
    while (receipts.size < DECLARANTS / 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await killServerProcess(server, 'SIGKILL');
    await Promise.all(inFlight);
    release();

    // Nothing half-written: a declaration is either a draft without a number, or submitted with all that goes with it.
    const afterKill = stored();
    expect(afterKill).toHaveLength(DECLARANTS);
    const committed = afterKill.filter((r) => r.state === 'submitted');
    expect(committed.length).toBeGreaterThanOrEqual(receipts.size);
    for (const row of afterKill) {
      if (row.state === 'draft') expect(row).toMatchObject({ public_id: null, assessed: 0, snapshot: 0, submitted_events: 0, queued: 0 });
      else expect(row).toMatchObject({ state: 'submitted', assessed: 1, snapshot: 1, submitted_events: 1, queued: 1 });
    }
    const numbers = committed.map((r) => Number(r.public_id!.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const [id, publicId] of receipts) expect(committed.find((r) => r.id === id)?.public_id).toBe(publicId);

    // The restart serves the same state and posts every committed declaration's card; Teams then redelivers the
    // submits that never got an answer, which commit now.
    server = await app.start();
    const lists = await Promise.all(committed.slice(0, 3).map((row) => say('mes déclarations', as(users.find((u) => submissions.find((s) => s.user === u)!.data.declarationId === row.id)!))));
    for (const list of lists) expect(cardText(list.attachments[0].content)).toContain('Soumise');
    for (const { user, data } of submissions.filter((s) => !receipts.has(s.data.declarationId))) {
      expect(cardText(await press('declaration.submit', data, as(user)))).toContain('Déclaration reçue');
    }
    const posted = (id: string) => connector.messages(CHANNEL).filter((c) => JSON.stringify(c.body).includes(id)).length;
    const deadlineCards = Date.now() + 30_000;
    while (submissions.some((s) => posted(s.data.declarationId) === 0) && Date.now() < deadlineCards) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const { data } of submissions) expect(posted(data.declarationId)).toBeGreaterThanOrEqual(1);
    const final = stored();
    expect(final.every((r) => r.state === 'submitted' && r.queued === 1)).toBe(true);
    expect(final.map((r) => Number(r.public_id!.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: DECLARANTS }, (_, i) => i + 1));
    await killServerProcess(server, 'SIGTERM');
  }, 180_000);
});

import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportInventoryFile } from '../../src/inventory/export.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { RunningBalises } from '../../src/server/main.js';
import { compiled, ensureBuilt } from '../helpers/build.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { sampleAssessment, validDraft } from '../helpers/declarations.js';

/**
 * `inventaire exporter` in the compiled bot (dist/), where the file is made in a worker thread with its own
 * connection to the database file: the card announces the file the command line makes, and a worker that fails
 * gives the admin the apology every failed turn gives, instead of leaving them waiting.
 */
type Main = typeof import('../../src/server/main.js');

const ADMIN: TeamsUser = { id: '29:admin-export-worker', name: 'Admine Fictive', aadObjectId: '0000000f-0000-4000-8000-0000000000a1' };

describe('inventory export made in a worker thread by the running bot', () => {
  let dataDir = '';
  let connector: CardConnector;
  let running: RunningBalises | undefined;
  const { message } = cardConversation(() => running!.url, () => connector);
  const as: () => ConversationOptions = () => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: 'a:personal-export-worker' });

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-export-worker-'));
    const repository = openSqliteInventoryRepository(path.join(dataDir, 'balises.db'));
    try {
      for (const [i, name] of ['Tri « fictif » des demandes', '=Résumé fictif\nsur deux lignes'].entries()) {
        const actor = { id: `aad-declarant-${i}`, name: `Déclarant Fictif ${i}` };
        const draft = await repository.createDraft(actor, { ...validDraft(), name }, '2031-05-06T07:08:09.010Z');
        await repository.submit(draft.id, draft.revision, { assessment: sampleAssessment(), actor, key: `cle-${i}`, now: '2031-05-06T07:08:09.010Z' });
      }
    } finally {
      await repository.close();
    }
    connector = await new CardConnector().start();
    const main = await compiled<Main>('server/main.js');
    running = await main.start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, RATE_LIMIT_BURST: '100' });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('announces the file the command line makes, then apologises with a reference when the worker cannot read the inventory', async () => {
    const file = path.join(dataDir, 'balises.db');
    const reader = openSqliteInventoryRepository(file);
    const expected = await exportInventoryFile(reader, { format: 'csv', now: new Date().toISOString() });
    await reader.close();
    const card = await message('inventaire exporter', as());
    expect(card.attachments?.[0]?.content?.sizeInBytes).toBe(Buffer.byteLength(expected.text, 'utf8'));

    // The bot's own connection keeps the file open; a new one, as the worker opens, finds nothing.
    unlinkSync(file);
    const reply = await message('inventaire exporter json', as());
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toMatch(/^Désolé, un problème m’empêche de répondre pour le moment\. .* donnez cette référence au soutien\u00a0: [0-9a-f]{8}\.$/u);
  }, 60_000);
});

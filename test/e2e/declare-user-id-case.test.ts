import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/inventory/migrations/sqlite.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, inputs, inputValues } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import type { DeclarationDraft } from '../../src/inventory/schema.js';

/**
 * One person whose Microsoft Entra object id reaches the bot in lower case from one Teams client and in upper case
 * from another (the case of a GUID is not significant), with a draft an older Balises stored under the upper-case
 * spelling: every client finds the same draft and the same list.
 */

const OBJECT_ID = '0000000d-00ab-4000-8000-0000000000cd';
const FROM_WEB: TeamsUser = { id: '29:declarant-casse', name: 'Déclarante Casse', aadObjectId: OBJECT_ID };
const FROM_DESKTOP: TeamsUser = { ...FROM_WEB, aadObjectId: OBJECT_ID.toUpperCase() };
const OLD_DRAFT = '40000000-0000-4000-8000-000000000001';

/** An inventory at migration 3 holding one draft stored under the upper-case spelling of the id. */
function writeOldInventory(file: string): void {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE inventory_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    SQLITE_MIGRATIONS.slice(0, 3).forEach((sql, i) => {
      db.exec(sql);
      db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, '2026-03-01T00:00:00.000Z');
    });
    db.prepare(
      `INSERT INTO inventory_declarations (id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at)
       VALUES (?, 1, ?, 'draft', ?, ?, 2, ?, ?)`,
    ).run(OLD_DRAFT, JSON.stringify({ name: 'Tri fictif commencé au bureau' }), OBJECT_ID.toUpperCase(), FROM_WEB.name, '2026-03-02T14:00:00.000Z', '2026-03-02T14:10:00.000Z');
  } finally {
    db.close();
  }
}

describe('one person, their Entra id in either case, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${OBJECT_ID}` });

  const { say, press } = cardConversation(() => running.url, () => connector);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-user-id-case-'));
    writeOldInventory(path.join(dataDir, 'balises.db'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes the draft stored under the other case on /déclarer, from either client', async () => {
    for (const client of [FROM_WEB, FROM_DESKTOP]) {
      const step = await say('/déclarer', as(client));
      expect(actionData(step, 'declaration.next').declarationId).toBe(OLD_DRAFT);
      expect(inputs(step).find((i) => i.id === 'name')?.value).toBe('Tri fictif commencé au bureau');
    }
  });

  it('saves a step typed on one client and resumes at the next step on the other', async () => {
    const step = await say('/déclarer', as(FROM_DESKTOP));
    const typed = Object.fromEntries(inputs(step).map((i) => [i.id, asInput(validDraft()[i.id as keyof DeclarationDraft])]));
    const values = inputValues(step, { ...typed, name: 'Tri fictif repris à la maison' });
    const next = await press('declaration.next', { ...actionData(step, 'declaration.next'), ...values }, as(FROM_DESKTOP));
    expect(cardText(next)).toContain('Étape 2 sur 3');
    const again = await say('/déclarer', as(FROM_WEB));
    expect(actionData(again, 'declaration.next').declarationId).toBe(OLD_DRAFT);
    expect(cardText(again)).toContain('Étape 2 sur 3');
  });

  it('lists the same one declaration in « mes déclarations » from either client', async () => {
    for (const client of [FROM_WEB, FROM_DESKTOP]) {
      const list = cardText(await say('mes déclarations', as(client)));
      expect(list).toContain('Mes déclarations (1)');
      expect(list).toContain('Tri fictif repris à la maison');
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { SQLITE_MIGRATIONS } from '../../src/inventory/migrations/sqlite.js';
import { openInventoryRepository } from '../../src/inventory/open-repository.js';
import { InventoryStoreError } from '../../src/inventory/repository-errors.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import { describeInventoryRepository } from './repository.suite.js';
import { describeSetAsideUpgrade, type OldDraft, type OldInventory } from './set-aside.scenario.js';
import { describeUserIdCaseUpgrade } from './user-id-case.scenario.js';
import { describeWithdrawAndLeave } from './withdraw-leave.scenario.js';
import { describeReviewCardUpdates } from './review-card-updates.scenario.js';

const root = mkdtempSync(path.join(tmpdir(), 'balises-inventory-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
function newFile(): string {
  return path.join(root, `store-${++files}`, 'balises.db');
}

describeInventoryRepository('SQLite', async () => {
  const file = newFile();
  return { open: async () => openSqliteInventoryRepository(file) };
});

/**
 * A new SQLite file at `file` holding an inventory as the first `version` migrations left it (each recorded as applied
 * at `at`), open for a test to fill before the repository upgrades it.
 */
function databaseAtMigration(file: string, version: number, at: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.exec('CREATE TABLE inventory_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  SQLITE_MIGRATIONS.slice(0, version).forEach((sql, i) => {
    db.exec(sql);
    db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, at);
  });
  return db;
}

/**
 * Inserts in `db` (at migration 9 or later: `submitted_data` exists) the submitted declaration IA-2026-0001 `id`,
 * « Projet fictif », declared by `u1` at `at`, as the upgrade tests find it.
 */
function insertSubmittedDeclaration(db: Database.Database, id: string, at: string): void {
  db.prepare(
    `INSERT INTO inventory_declarations (id, public_id, schema_version, data, submitted_data, state, declarant_id, declarant_name, revision, created_at, updated_at, submitted_at)
     VALUES (?, 'IA-2026-0001', 1, '{"name":"Projet fictif"}', '{"name":"Projet fictif"}', 'submitted', 'u1', 'Personne fictive', 2, ?, ?, ?)`,
  ).run(id, at, at, at);
}

/** Inserts in `db` the events of declaration `id` created then submitted by `u1` at `at` (seq 1 and 2). */
function insertSubmissionEvents(db: Database.Database, id: string, at: string): void {
  db.prepare(
    `INSERT INTO inventory_declaration_events (declaration_id, seq, at, actor_id, actor_name, from_state, to_state, comment)
     VALUES (?, 1, ?, 'u1', 'Personne fictive', NULL, 'draft', NULL), (?, 2, ?, 'u1', 'Personne fictive', 'draft', 'submitted', NULL)`,
  ).run(id, at, id, at);
}

/** Asserts that the SQLite file's rebuild by migration `version` left no broken reference and no `_VERSION` table copy. */
function expectRebuiltCleanly(file: string, version: number): void {
  const check = new Database(file);
  try {
    expect(check.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(check.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'inventory_outbox%_${version}'`).get()).toEqual({ n: 0 });
  } finally {
    check.close();
  }
}

const oldSqliteInventory = async (drafts: OldDraft[]): Promise<OldInventory> => {
  const file = newFile();
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE inventory_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    db.exec(SQLITE_MIGRATIONS[0]!);
    db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (1, ?)').run('2026-03-01T00:00:00.000Z');
    const insert = db.prepare(
      `INSERT INTO inventory_declarations (id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at)
       VALUES (?, 1, ?, 'draft', ?, 'Personne fictive', ?, ?, ?)`,
    );
    const collaborator = db.prepare('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES (?, ?, ?)');
    for (const d of drafts) {
      insert.run(d.id, JSON.stringify(d.data), d.declarantId, d.revision, d.createdAt, d.updatedAt);
      for (const userId of d.collaborators ?? []) collaborator.run(d.id, userId, d.createdAt);
    }
  } finally {
    db.close();
  }
  return { open: async () => openSqliteInventoryRepository(file) };
};
describeSetAsideUpgrade('SQLite', oldSqliteInventory);
describeUserIdCaseUpgrade('SQLite', oldSqliteInventory);

describe('SQLite inventory beside the knowledge base', () => {
  it('shares the knowledge base file without touching its schema version', async () => {
    const file = newFile();
    const knowledge = openKnowledgeStore(file);
    const inventory = await openInventoryRepository({ databaseFile: file, inventory: { kind: 'sqlite' } });
    await inventory.createDraft({ id: 'u1', name: 'Alice' }, { name: 'Essai' }, '2026-03-02T14:00:00.000Z');
    expect(knowledge.ping()).toBe(true);
    expect(knowledge.documents()).toEqual([]);
    await inventory.close();
    knowledge.close();

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT version FROM inventory_migrations ORDER BY version').all()).toEqual(
        SQLITE_MIGRATIONS.map((_, i) => ({ version: i + 1 })),
      );
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'inventory_%' ORDER BY name").all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual([
        'inventory_access_events',
        'inventory_conversations',
        'inventory_declaration_collaborators',
        'inventory_declaration_counters',
        'inventory_declaration_events',
        'inventory_declarations',
        'inventory_deleted_drafts',
        'inventory_migrations',
        'inventory_outbox',
        'inventory_outbox_attempts',
        'inventory_review_cards',
      ]);
    } finally {
      db.close();
    }
  });

  it('opens an inventory created before the knowledge base, and the knowledge store still migrates', async () => {
    const file = newFile();
    await (await openSqliteInventoryRepository(file)).close();
    const knowledge = openKnowledgeStore(file);
    expect(knowledge.documents()).toEqual([]);
    knowledge.close();
    const inventory = openSqliteInventoryRepository(file);
    expect(await inventory.list()).toEqual([]);
    await inventory.close();
  });

  it('refuses a file whose inventory schema is newer than this code', async () => {
    const file = newFile();
    await (await openSqliteInventoryRepository(file)).close();
    const db = new Database(file);
    db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (?, ?)').run(SQLITE_MIGRATIONS.length + 1, '2030-01-01T00:00:00.000Z');
    db.close();
    expect(() => openSqliteInventoryRepository(file)).toThrow(InventoryStoreError);
    expect(() => openSqliteInventoryRepository(file)).toThrow(/newer than this Balises knows/);
  });

  it('refuses a file that is not a SQLite database with a clear error', () => {
    const file = path.join(root, 'not-a-database.db');
    rmSync(file, { force: true });
    writeFileSync(file, 'plain text, not SQLite '.repeat(100));
    expect(() => openSqliteInventoryRepository(file)).toThrow(InventoryStoreError);
  });

  it('reads back a row whose stored JSON was damaged as an error, not as a wrong record', async () => {
    const file = newFile();
    const repo = openSqliteInventoryRepository(file);
    const draft = await repo.createDraft({ id: 'u1', name: 'Alice' }, { name: 'Essai' }, '2026-03-02T14:00:00.000Z');
    const db = new Database(file);
    db.prepare("UPDATE inventory_declarations SET data = json_object('name', 42) WHERE id = ?").run(draft.id);
    db.close();
    await expect(repo.get(draft.id)).rejects.toThrow();
    await repo.close();
  });
});

describe('SQLite inventory from before migration 8 (repeated attempts, given up)', () => {
  it('keeps the attempts recorded before, one each, and counts the next repeat on the latest', async () => {
    const file = newFile();
    const id = 'eeeeeeee-0000-4000-8000-000000000001';
    const db = databaseAtMigration(file, 7, '2026-03-01T00:00:00.000Z');
    try {
      db.prepare(
        `INSERT INTO inventory_declarations (id, public_id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at, submitted_at)
         VALUES (?, 'IA-2026-0001', 1, '{}', 'submitted', 'u1', 'Personne fictive', 2, ?, ?, ?)`,
      ).run(id, '2026-03-02T14:00:00.000Z', '2026-03-02T14:00:00.000Z', '2026-03-02T14:00:00.000Z');
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at) VALUES (?, 'review_card', ?, 2, ?)").run(
        id,
        '2026-03-02T14:00:00.000Z',
        '2026-03-02T14:00:00.000Z',
      );
      const attempt = db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail) VALUES (1, ?, ?, 'failed', 'RestError 404')");
      attempt.run(1, '2026-03-02T14:00:00.000Z');
      attempt.run(2, '2026-03-02T14:10:00.000Z');
    } finally {
      db.close();
    }
    const repo = openSqliteInventoryRepository(file);
    const [item] = await repo.claimNotifications('w', '2026-03-02T14:20:00.000Z', 60_000, 1);
    expect(await repo.recordNotificationAttempt(item!.id, { outcome: 'failed', detail: 'RestError 404', at: '2026-03-02T14:20:00.000Z', nextAttemptAt: '2026-03-02T14:30:00.000Z' })).toBe('failed');
    expect((await repo.notifications(id))[0]!.attemptLog.map((a) => [a.attempt, a.repeats, a.at, a.lastAt])).toEqual([
      [1, 1, '2026-03-02T14:00:00.000Z', '2026-03-02T14:00:00.000Z'],
      [2, 2, '2026-03-02T14:10:00.000Z', '2026-03-02T14:20:00.000Z'],
    ]);
    await repo.close();
  });
});

describe('SQLite inventory from before migration 9 (notices to collaborators in the outbox)', () => {
  it('keeps the outbox, its attempts and its id counter through the rebuild, foreign keys intact', async () => {
    const file = newFile();
    const id = 'eeeeeeee-0000-4000-8000-000000000009';
    const at = '2026-03-02T14:00:00.000Z';
    const db = databaseAtMigration(file, 8, at);
    try {
      db.prepare(
        `INSERT INTO inventory_declarations (id, public_id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at, submitted_at)
         VALUES (?, 'IA-2026-0001', 1, '{}', 'submitted', 'u1', 'Personne fictive', 2, ?, ?, ?)`,
      ).run(id, at, at, at);
      const enqueue = db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at) VALUES (?, 'review_card', ?, 1, ?)");
      enqueue.run(id, at, at);
      enqueue.run(id, at, at);
      // The last id given out is gone (deleted with its declaration, say): the next row must not reuse it.
      db.prepare('DELETE FROM inventory_outbox WHERE id = 2').run();
      db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (1, 1, ?, 'failed', 'RestError 503', ?)").run(at, at);
    } finally {
      db.close();
    }
    const repo = openSqliteInventoryRepository(file);
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind, n.recipientId, n.attemptLog.length])).toEqual([['1', 'review_card', null, 1]]);
    await repo.addCollaborator(id, 'bbbbbbbb-0000-4000-8000-000000000002', '2026-03-02T14:05:00.000Z', { id: 'u1', name: 'Personne fictive' });
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind])).toEqual([
      ['1', 'review_card'],
      ['3', 'shared_notice'],
    ]);
    await repo.close();
    expectRebuiltCleanly(file, 9);
    const check = new Database(file);
    try {
      check.pragma('foreign_keys = ON');
      check.prepare('DELETE FROM inventory_declarations WHERE id = ?').run(id);
      expect(check.prepare('SELECT COUNT(*) AS n FROM inventory_outbox_attempts').get()).toEqual({ n: 0 });
    } finally {
      check.close();
    }
  });
});

describeWithdrawAndLeave('SQLite', async () => {
  const file = newFile();
  return { open: async () => openSqliteInventoryRepository(file) };
});

describeReviewCardUpdates('SQLite', async () => {
  const file = newFile();
  return { open: async () => openSqliteInventoryRepository(file) };
});

describe('SQLite inventory from before migration 11 (notices of a declaration taken back, of a colleague leaving)', () => {
  it('keeps the outbox, its attempts and its id counter through the rebuild, then queues the new notices', async () => {
    const file = newFile();
    const id = 'eeeeeeee-0000-4000-8000-000000000011';
    const colleague = 'bbbbbbbb-0000-4000-8000-000000000002';
    const at = '2026-03-02T14:00:00.000Z';
    const db = databaseAtMigration(file, 10, at);
    try {
      insertSubmittedDeclaration(db, id, at);
      db.prepare('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES (?, ?, ?)').run(id, colleague, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at, delivered_at) VALUES (?, 'review_card', ?, 1, ?, ?)").run(id, at, at, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, created_at, attempts, next_attempt_at) VALUES (?, 'shared_notice', ?, ?, 0, ?)").run(id, colleague, at, at);
      db.prepare('DELETE FROM inventory_outbox WHERE id = 2').run();
      db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (1, 1, ?, 'delivered', NULL, ?)").run(at, at);
    } finally {
      db.close();
    }
    const repo = openSqliteInventoryRepository(file);
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind, n.attemptLog.length, n.deliveredAt])).toEqual([['1', 'review_card', 1, at]]);
    await repo.leave(id, { id: colleague, name: 'Collègue fictif' }, '2026-03-02T14:05:00.000Z');
    const record = await repo.get(id);
    await repo.withdraw(id, record!.revision, { id: 'u1', name: 'Personne fictive' }, '2026-03-02T14:10:00.000Z');
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind])).toEqual([
      ['1', 'review_card'],
      ['3', 'left_notice'],
      ['4', 'withdrawn_notice'],
    ]);
    await repo.close();
    expectRebuiltCleanly(file, 11);
  });
});

describe('SQLite inventory from before migration 12 (review cards updated in place)', () => {
  it('keeps the outbox, its attempts and its id counter through the rebuild; a card posted before it still gets a notice', async () => {
    const file = newFile();
    const id = 'eeeeeeee-0000-4000-8000-000000000012';
    const at = '2026-03-02T14:00:00.000Z';
    const db = databaseAtMigration(file, 11, at);
    try {
      insertSubmittedDeclaration(db, id, at);
      insertSubmissionEvents(db, id, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at, delivered_at) VALUES (?, 'review_card', ?, 1, ?, ?)").run(id, at, at, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at) VALUES (?, 'left_notice', ?, 0, ?)").run(id, at, at);
      db.prepare('DELETE FROM inventory_outbox WHERE id = 2').run();
      db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (1, 1, ?, 'delivered', NULL, ?)").run(at, at);
    } finally {
      db.close();
    }
    const repo = openSqliteInventoryRepository(file);
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind, n.attemptLog.length, n.deliveredAt])).toEqual([['1', 'review_card', 1, at]]);
    // Its card went out before ids were kept: taken back, the channel gets the notice as before.
    const record = await repo.get(id);
    const back = await repo.withdraw(id, record!.revision, { id: 'u1', name: 'Personne fictive' }, '2026-03-02T14:10:00.000Z');
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind])).toEqual([
      ['1', 'review_card'],
      ['3', 'withdrawn_notice'],
    ]);
    // Submitted again, its new card is kept and followed.
    const again = await repo.submit(id, back.revision, { assessment: { rulesVersion: '2026-01', level: 1, score: 0, obligations: [], assessedAt: at }, actor: { id: 'u1', name: 'Personne fictive' }, key: 'k12', now: '2026-03-02T14:20:00.000Z' });
    await repo.saveReviewCard(id, { reference: { conversation: { id: '19:canal@thread.tacv2' } }, activityId: 'carte-12' }, 4, '2026-03-02T14:21:00.000Z');
    await repo.takeForReview(id, again.revision, { id: 'g1', name: 'Gouvernance fictive' }, '2026-03-02T14:30:00.000Z');
    expect((await repo.notifications(id)).map((n) => n.kind).at(-1)).toBe('card_update');
    await repo.close();
    expectRebuiltCleanly(file, 12);
  });
});

describe('SQLite inventory from before migration 13 (take-back notices to the other authors)', () => {
  it('keeps queued notices, their recipients, attempts and id counter through the rebuild; a take-back then tells the declarant', async () => {
    const file = newFile();
    const id = 'eeeeeeee-0000-4000-8000-000000000013';
    const at = '2026-03-02T14:00:00.000Z';
    const colleague = '00000000-0000-4000-8000-0000000000bb';
    const db = databaseAtMigration(file, 12, at);
    try {
      insertSubmittedDeclaration(db, id, at);
      insertSubmissionEvents(db, id, at);
      db.prepare('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES (?, ?, ?)').run(id, colleague, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at, delivered_at) VALUES (?, 'review_card', ?, 1, ?, ?)").run(id, at, at, at);
      db.prepare("INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, created_at, attempts, next_attempt_at) VALUES (?, 'shared_notice', ?, ?, 1, ?)").run(id, colleague, at, at);
      db.prepare("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (1, 1, ?, 'delivered', NULL, ?), (2, 1, ?, 'failed', 'HTTP 502', ?)").run(at, at, at, at);
    } finally {
      db.close();
    }
    const repo = openSqliteInventoryRepository(file);
    expect((await repo.notifications(id)).map((n) => [n.id, n.kind, n.recipientId, n.attemptLog.map((a) => a.outcome)])).toEqual([
      ['1', 'review_card', null, ['delivered']],
      ['2', 'shared_notice', colleague, ['failed']],
    ]);
    // The colleague takes it back: the declarant is told, the colleague is not, numbered after the kept rows.
    const record = await repo.get(id);
    await repo.withdraw(id, record!.revision, { id: colleague.toUpperCase(), name: 'Collègue fictive' }, '2026-03-02T14:10:00.000Z');
    expect((await repo.notifications(id)).filter((n) => n.kind === 'taken_back_notice').map((n) => [n.id, n.recipientId, n.eventSeq])).toEqual([['4', 'u1', 3]]);
    await repo.close();
    expectRebuiltCleanly(file, 13);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_ADMIN_MIGRATIONS, openDocumentAdminStore, type AssessmentFlag } from '../../src/documents/store.js';

/**
 * A knowledge database made before withdrawals raised flags (document administration migrations 1 to 3, whose
 * CHECK allowed only `changed` and `removed`) keeps its flags, handled ones with who and when, once opened by this
 * version, and then takes the `withdrawn` ones.
 */

const ADMIN = { id: 'a1', name: 'Adèle Admin' };
const ENTRETIEN = ['Politique fictive des lanternes', 'Règle 2 — Entretien'];

describe('document administration store from before withdrawal flags', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-flags-migration-'));
    file = path.join(dir, 'balises.db');
    const db = new Database(file);
    db.exec('CREATE TABLE document_admin_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const [i, sql] of DOCUMENT_ADMIN_MIGRATIONS.slice(0, 3).entries()) {
      db.exec(sql);
      db.prepare('INSERT INTO document_admin_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, '2026-03-01T00:00:00.000Z');
    }
    const insert = db.prepare(`INSERT INTO assessment_flags
      (declaration_id, public_id, doc_id, quoted_version, section_path, new_version, change, flagged_at, handled_at, handled_by_id, handled_by_name)
      VALUES (?, ?, 'lanternes', 'v1', ?, 'v2', ?, '2026-03-02T00:00:00.000Z', ?, ?, ?)`);
    insert.run('d1', 'IA-2026-0001', JSON.stringify(ENTRETIEN), 'changed', null, null, null);
    insert.run('d2', 'IA-2026-0002', JSON.stringify(['Politique fictive des lanternes']), 'removed', '2026-03-03T00:00:00.000Z', ADMIN.id, ADMIN.name);
    // The old CHECK refuses what this version stores.
    expect(() => insert.run('d3', null, '[]', 'withdrawn', null, null, null)).toThrow(/CHECK/);
    db.close();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every flag, handled ones with who and when, and then stores a withdrawal beside a publication’s flag on the same quote', () => {
    const store = openDocumentAdminStore(file);
    try {
      expect(store.flags().map((f) => [f.publicId, f.change, f.handled ?? null])).toEqual([
        ['IA-2026-0001', 'changed', null],
        ['IA-2026-0002', 'removed', { by: ADMIN, at: '2026-03-03T00:00:00.000Z' }],
      ]);
      const withdrawn: AssessmentFlag = {
        declarationId: 'd1',
        publicId: 'IA-2026-0001',
        docId: 'lanternes',
        quotedVersion: 'v1',
        sectionPath: ENTRETIEN,
        newVersion: 'v2',
        change: 'withdrawn',
        flaggedAt: '2026-03-04T00:00:00.000Z',
      };
      const { through } = store.unflaggedPublications();
      expect(store.addFlagsThrough([withdrawn], through, through + 1)).toBe(true);
      expect(store.flags('d1').map((f) => f.change)).toEqual(['withdrawn', 'changed']);
      // Marking one handled leaves the other kind of flag on the same quote open.
      expect(store.markFlagsHandled([withdrawn], ADMIN, '2026-03-05T00:00:00.000Z')).toHaveLength(1);
      expect(store.flags('d1').map((f) => [f.change, f.handled !== undefined])).toEqual([
        ['withdrawn', true],
        ['changed', false],
      ]);
    } finally {
      store.close();
    }
    // Opened again, the migration is not run twice.
    const reopened = openDocumentAdminStore(file);
    reopened.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM document_admin_migrations ORDER BY version').pluck().all()).toEqual(DOCUMENT_ADMIN_MIGRATIONS.map((_, i) => i + 1));
      expect(db.prepare('SELECT COUNT(*) FROM assessment_flags').pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('document administration store from before the copies of proposal cards (migration 6)', () => {
  it('keeps the card owed to a proposer, its attempts and the id counter, as the proposer’s', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'balises-announcements-migration-'));
    const file = path.join(dir, 'balises.db');
    const db = new Database(file);
    db.exec('CREATE TABLE document_admin_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const [i, sql] of DOCUMENT_ADMIN_MIGRATIONS.slice(0, 5).entries()) {
      db.exec(sql);
      db.prepare('INSERT INTO document_admin_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, '2026-03-01T00:00:00.000Z');
    }
    const insert = db.prepare(`INSERT INTO proposal_announcements (proposal_id, recipient_id, created_at, attempts, next_attempt_at)
      VALUES (?, 'a1', '2026-03-02T00:00:00.000Z', 2, '2026-03-02T00:00:00.000Z')`);
    insert.run('p1');
    insert.run('p2');
    db.prepare("DELETE FROM proposal_announcements WHERE proposal_id = 'p2'").run();
    db.close();
    const store = openDocumentAdminStore(file);
    try {
      const [owed] = store.claimAnnouncements('w', '2026-03-02T00:01:00.000Z', 60_000, 10);
      expect(owed).toEqual({ id: '1', proposalId: 'p1', audience: 'proposer', recipientId: 'a1', attempts: 2, createdAt: '2026-03-02T00:00:00.000Z' });
    } finally {
      store.close();
    }
    const check = new Database(file);
    try {
      expect(check.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'proposal_announcements'").get()).toEqual({ seq: 2 });
    } finally {
      check.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createInventoryService, loadAssessmentRules, STEPS, fieldsOf, type Actor, type DeclarationDraft } from '../../src/inventory/index.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import { quietDraft } from '../inventory/declarations.js';
import { captureIo } from './capture.js';

const DECLARANT: Actor = { id: 'aad-declarant', name: 'Éloïse Côté-Lévesque' };
const ADMIN: Actor = { id: 'aad-admin', name: 'Gouvernance fictive' };

describe('balises export', () => {
  let dir: string;
  let db: string;

  /** Three declarations: one approved, one submitted, one draft never submitted. */
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-cli-export-'));
    db = path.join(dir, 'balises.db');
    const repository = openSqliteInventoryRepository(db);
    const service = createInventoryService({
      repository,
      rules: loadAssessmentRules(),
      lookup: async () => null,
      governanceAdminIds: [ADMIN.id],
    });
    const declare = async (actor: Actor, data: DeclarationDraft, key: string | null) => {
      let record = await service.startOrResume(actor, {});
      for (const step of STEPS) {
        const result = await service.saveStep(actor, record.id, record.revision, step, Object.fromEntries(fieldsOf(step).map((f) => [f, data[f]])));
        if (result.kind !== 'saved') throw new Error(result.kind);
        record = result.record;
      }
      if (!key) return record;
      const submitted = await service.submit(actor, record.id, record.revision, key);
      if (submitted.kind !== 'submitted') throw new Error(submitted.kind);
      return submitted.record;
    };
    const approved = await declare(DECLARANT, quietDraft({ name: 'Tri des requêtes à l’Agence des forêts boréales', benefits: 'Réponses plus rapides aux citoyens, même en région éloignée.' }), 'k1');
    const reviewed = await service.review(ADMIN, approved.id, approved.revision, 'approve', 'Conforme à l’Énoncé.');
    if (reviewed.kind !== 'reviewed') throw new Error(reviewed.kind);
    await declare({ id: 'aad-other', name: 'Zoë Ngô' }, quietDraft({ name: 'Résumé des procès-verbaux', generative: true }), 'k2');
    await declare({ id: 'aad-third', name: 'Brouillon Privé' }, quietDraft({ name: 'Projet encore en brouillon' }), null);
    await repository.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function exportWith(...args: string[]) {
    const { io, out } = captureIo();
    const code = await run(['export', ...args], io);
    return { code, ...out };
  }
  const rowsOf = (csv: string) => parse(csv, { bom: true }) as string[][];

  it('writes a CSV whose accents survive a round trip, drafts left out', async () => {
    const { code, stdout } = await exportWith('--format', 'csv', '--db', db);
    expect(code).toBe(0);
    const [header, ...rows] = rowsOf(stdout);
    expect(header!.slice(0, 6)).toEqual(['Nom de l’initiative', 'Catégorie', 'Organisme public responsable', 'Portefeuille ministériel', 'Bénéfices attendus', 'État de l’initiative']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['Résumé des procès-verbaux', 'Tri des requêtes à l’Agence des forêts boréales']);
    expect(rows.find((r) => r[0]!.startsWith('Tri'))![4]).toBe('Réponses plus rapides aux citoyens, même en région éloignée.');
    expect(stdout).not.toContain('Projet encore en brouillon');
    expect(rows.map((r) => r[header!.indexOf('Identifiant')]).sort()).toEqual(['IA-' + new Date().getFullYear() + '-0001', 'IA-' + new Date().getFullYear() + '-0002']);
  });

  it('writes the byte order mark first in a file given with --output', async () => {
    const file = path.join(dir, 'inventaire.csv');
    const { code } = await exportWith('--format', 'csv', '--db', db, '--output', file);
    expect(code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Résumé des procès-verbaux');
  });

  it('never writes over the database given as --output (typed for --db): refused, the declarations kept', async () => {
    const { code, stderr } = await exportWith('--format', 'csv', '--db', db, '--output', db);
    expect(code).toBe(1);
    expect(stderr).toBe(`balises export: cannot write --output ${db}: it is a SQLite database (--db names the database to read); nothing was written\n`);
    const again = await exportWith('--format', 'csv', '--db', db);
    expect(again.code).toBe(0);
    expect(rowsOf(again.stdout)).toHaveLength(3);
  });

  it('says why an --output file cannot be written, as a mistake to correct rather than an error to report', async () => {
    const missing = path.join(dir, 'dossier-absent', 'inventaire.csv');
    const { code, stderr } = await exportWith('--format', 'csv', '--db', db, '--output', missing);
    expect(code).toBe(1);
    expect(stderr).toBe(`balises export: cannot write --output ${missing}: its folder does not exist\n`);
    const folder = await exportWith('--format', 'json', '--db', db, '--output', dir);
    expect(folder.stderr).toBe(`balises export: cannot write --output ${dir}: it is a folder\n`);
  });

  it('filters by status, repeatable', async () => {
    const approved = rowsOf((await exportWith('--format', 'csv', '--db', db, '--status', 'approved')).stdout);
    expect(approved.slice(1).map((r) => r[0])).toEqual(['Tri des requêtes à l’Agence des forêts boréales']);
    expect(approved[1]![approved[0]!.indexOf('État de la déclaration')]).toBe('Approuvée');
    const both = rowsOf((await exportWith('--format', 'csv', '--db', db, '--status', 'approved', '--status', 'submitted')).stdout);
    expect(both).toHaveLength(3);
    const none = rowsOf((await exportWith('--format', 'csv', '--db', db, '--status', 'rejected')).stdout);
    expect(none).toHaveLength(1);
  });

  it('writes complete JSON with the assessment and the events', async () => {
    const { code, stdout } = await exportWith('--format', 'json', '--db', db, '--status', 'approved');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.declarations).toHaveLength(1);
    const [declaration] = json.declarations;
    expect(declaration.data.name).toBe('Tri des requêtes à l’Agence des forêts boréales');
    expect(declaration.assessment.obligations.map((o: any) => o.ruleId)).toEqual(['avis-securite']);
    expect(declaration.events.map((e: any) => e.to)).toEqual(['draft', 'submitted', 'in_review', 'approved']);
    expect(declaration.events.at(-1).comment).toBe('Conforme à l’Énoncé.');
  });

  describe('errors', () => {
    it('requires --format, saying it is missing rather than wrong', async () => {
      const { code, stderr } = await exportWith('--db', db);
      expect(code).toBe(2);
      expect(stderr).toContain('--format is required (expected csv or json)');
    });
    it('rejects an unknown format', async () => {
      const { code, stderr } = await exportWith('--format', 'xlsx', '--db', db);
      expect(code).toBe(2);
      expect(stderr).toContain('expected csv or json');
    });
    it('refuses --format given twice rather than keep the last, writing nothing', async () => {
      const { code, stdout, stderr } = await exportWith('--format', 'csv', '--format', 'json', '--db', db);
      expect(code).toBe(2);
      expect(stderr).toContain('--format given more than once (csv, json): give it once');
      expect(stdout).toBe('');
    });
    it('refuses --db given twice, as any option taking one value', async () => {
      const { code, stderr } = await exportWith('--format', 'csv', '--db', db, '--db', path.join(dir, 'other.db'));
      expect(code).toBe(2);
      expect(stderr).toContain('--db given more than once');
    });
    it('rejects exporting drafts', async () => {
      const { code, stderr } = await exportWith('--format', 'csv', '--db', db, '--status', 'approved', '--status', 'draft');
      expect(code).toBe(2);
      expect(stderr).toContain('--status: expected one of submitted');
    });
    it('fails without creating a database that does not exist', async () => {
      const missing = path.join(dir, 'absent.db');
      const { code, stderr } = await exportWith('--format', 'csv', '--db', missing);
      expect(code).toBe(1);
      expect(stderr).toContain(`no database at ${missing}`);
      expect(existsSync(missing)).toBe(false);
    });
  });

  it('gives a governance admin, through the service Teams calls, the bytes the command writes, and anyone else nothing', async () => {
    const repository = openSqliteInventoryRepository(db);
    try {
      const service = createInventoryService({ repository, rules: loadAssessmentRules(), lookup: async () => null, governanceAdminIds: [ADMIN.id] });
      for (const states of [undefined, ['approved' as const]]) {
        const file = await service.exportAll(ADMIN, { format: 'csv', ...(states ? { states } : {}) });
        const cli = await exportWith('--format', 'csv', '--db', db, ...(states ? ['--status', 'approved'] : []));
        expect(file).toEqual({ kind: 'exported', bytes: Buffer.from(cli.stdout, 'utf8'), declarations: states ? 1 : 2 });
      }
      const json = await service.exportAll(ADMIN, { format: 'json' });
      expect(json.kind === 'exported' && JSON.parse(json.bytes.toString('utf8')).declarations.length).toBe(2);
      expect(json).toMatchObject({ declarations: 2 });
      expect(await service.exportAll(DECLARANT, { format: 'csv' })).toEqual({ kind: 'forbidden' });
    } finally {
      await repository.close();
    }
  });
});

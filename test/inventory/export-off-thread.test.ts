import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportInventoryBytes, exportInventoryFile, type ExportOptions } from '../../src/inventory/export.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Actor, InventoryRepository } from '../../src/inventory/types.js';
import { compiled, ensureBuilt } from '../helpers/build.js';
import { sampleAssessment, validDraft } from '../helpers/declarations.js';

/**
 * The inventory export Teams hands an admin is made in a worker thread, which exists only in the compiled bot (dist/):
 * these tests use the compiled modules, as the running bot does, on a real SQLite file.
 */
type SqliteRepository = typeof import('../../src/inventory/sqlite-repository.js');
type OffThread = typeof import('../../src/inventory/export-off-thread.js');
type Errors = typeof import('../../src/inventory/repository-errors.js');
type Inventory = typeof import('../../src/inventory/index.js');

let sqlite: SqliteRepository;
let offThread: OffThread;
let errors: Errors;
let inventory: Inventory;
let dir: string;

const REVIEWER: Actor = { id: 'aad-revue-fictive', name: 'Réviseure Fictive' };
const ADMIN: Actor = { id: 'aad-admin-fictive', name: 'Admine Fictive' };
const NOW = '2031-05-06T07:08:09.010Z';

beforeAll(async () => {
  await ensureBuilt();
  sqlite = await compiled<SqliteRepository>('inventory/sqlite-repository.js');
  offThread = await compiled<OffThread>('inventory/export-off-thread.js');
  errors = await compiled<Errors>('inventory/repository-errors.js');
  inventory = await compiled<Inventory>('inventory/index.js');
  dir = mkdtempSync(path.join(os.tmpdir(), 'balises-export-off-thread-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Submits `count` fictional declarations to the inventory in `file`; every third one approved by REVIEWER with a
 * comment, with a colleague added. Their text has what a CSV or a JSON must escape or neutralise: accents, quotes,
 * line breaks, semicolons and commas, and cells starting like a spreadsheet formula (= + - @).
 */
async function fill(file: string, count: number, answerChars = 0): Promise<void> {
  const repository = openSqliteInventoryRepository(file);
  const tricky = ['=SOMME(A1:A9)', '+1 819 555-0100', '-2 « fictif »', '@cellule', 'Guillemets "doubles" et ’apostrophes’', 'Ligne 1\nLigne 2\r\nLigne 3'];
  try {
    for (let i = 0; i < count; i++) {
      const actor: Actor = { id: `aad-declarant-${i}`, name: `Éloïse Côté-Lévesque ${i}` };
      const long = (text: string) => text.padEnd(answerChars, ' Texte fictif, « long » ; à répéter.');
      const draft = await repository.createDraft(
        actor,
        {
          ...validDraft(),
          name: `${tricky[i % tricky.length]} n° ${i}`,
          purpose: long(`But fictif ${i} : trier, classer; "vite"\net bien.`),
          benefits: long(tricky[(i + 1) % tricky.length]!),
          humanOversight: long(`Supervision fictive ${i}`),
        },
        NOW,
      );
      const submitted = await repository.submit(draft.id, draft.revision, { assessment: sampleAssessment(), actor, key: `cle-${i}`, now: NOW });
      if (i % 3 === 0) {
        const shared = await repository.addCollaborator(submitted.id, `aad-collegue-${i}`, NOW, actor);
        await repository.decide(submitted.id, shared.revision, 'approved', REVIEWER, 'Approuvée : « très bien »,\n"merci"', NOW);
      }
    }
  } finally {
    await repository.close();
  }
}

/** The requests an admin can make: both formats, every declaration or one state (one that holds none). */
const REQUESTS: ExportOptions[] = [
  { format: 'csv', now: NOW },
  { format: 'csv', states: ['approved'], now: NOW },
  { format: 'csv', states: ['rejected'], now: NOW },
  { format: 'json', now: NOW },
  { format: 'json', states: ['approved'], now: NOW },
  { format: 'json', states: ['rejected'], now: NOW },
];

/** The export made as before, on this thread and at once (exportInventoryFile's text), as UTF-8 bytes. */
async function madeAtOnce(file: string, request: ExportOptions): Promise<{ bytes: Buffer; declarations: number }> {
  const repository = openSqliteInventoryRepository(file);
  try {
    const made = await exportInventoryFile(repository, request);
    return { bytes: Buffer.from(made.text, 'utf8'), declarations: made.declarations };
  } finally {
    await repository.close();
  }
}

/** What `work` resolves to, and the longest this thread went without running a 5 ms timer meanwhile (ms). */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  };
  const ticker = setInterval(tick, 5);
  try {
    const result = await work();
    tick();
    return { result, stallMs };
  } finally {
    clearInterval(ticker);
  }
}

describe('the inventory export made in a worker thread', () => {
  it('gives the very bytes the export made on the bot’s thread gives, in both formats, with or without a state', async () => {
    const file = path.join(dir, 'fixture.db');
    await fill(file, 8);
    const repository = sqlite.openSqliteInventoryRepository(file);
    try {
      for (const request of REQUESTS) {
        const expected = await madeAtOnce(file, request);
        const made = await repository.exportFile!(request);
        expect(made.declarations).toBe(expected.declarations);
        expect(made.bytes.equals(expected.bytes), `${request.format} ${request.states?.join() ?? 'all'}`).toBe(true);
      }
      const csv = (await repository.exportFile!({ format: 'csv', now: NOW })).bytes.toString('utf8');
      expect(csv).toContain("'=SOMME(A1:A9) n° 0");
      expect(csv).toContain('Éloïse Côté-Lévesque 7');
    } finally {
      await repository.close();
    }
  });

  it('makes the same bytes a slice at a time (PostgreSQL’s way) over several slices, and for no declaration', async () => {
    const file = path.join(dir, 'slices.db');
    await fill(file, 120);
    const repository: InventoryRepository = openSqliteInventoryRepository(file);
    try {
      for (const request of REQUESTS) {
        const expected = await madeAtOnce(file, request);
        const made = await exportInventoryBytes(repository, request);
        expect(made.declarations).toBe(expected.declarations);
        expect(made.bytes.equals(expected.bytes), `${request.format} ${request.states?.join() ?? 'all'}`).toBe(true);
      }
    } finally {
      await repository.close();
    }
  }, 60_000);

  it('leaves the bot’s thread free to answer others while a large export is made for an admin', async () => {
    const file = path.join(dir, 'large.db');
    await fill(file, 400, 1_500);
    const repository = sqlite.openSqliteInventoryRepository(file);
    const service = inventory.createInventoryService({
      repository,
      rules: inventory.loadAssessmentRules(),
      lookup: async () => null,
      governanceAdminIds: [ADMIN.id],
      now: () => new Date(NOW),
    });
    try {
      const atOnce = await longestStall(() => exportInventoryFile(repository, { format: 'json', now: NOW }));
      const made = await longestStall(() => service.exportAll(ADMIN, { format: 'json' }));
      expect(made.result.kind === 'exported' && made.result.bytes.equals(Buffer.from(atOnce.result.text, 'utf8'))).toBe(true);
      // Made on this thread at once, the export held it for a good while; in the worker, only moments of it.
      expect(atOnce.stallMs).toBeGreaterThan(100);
      expect(made.stallMs).toBeLessThan(atOnce.stallMs / 4);
    } finally {
      await repository.close();
    }
  }, 120_000);

  it('fails with the store’s error, not a hang, when the file cannot be read as the inventory', async () => {
    const missing = path.join(dir, 'absent.db');
    const error = await offThread
      .exportSqliteOffThread(missing, { format: 'csv', now: NOW }, () => Promise.reject(new Error('made on the thread')))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(errors.InventoryStoreError);
    expect(String((error as Error).message)).toContain(`inventory store ${missing}: cannot read the inventory`);
  });

  it('stops a worker that does not answer in time and says so', async () => {
    const file = path.join(dir, 'fixture.db');
    const started = performance.now();
    const error = await offThread
      .exportSqliteOffThread(file, { format: 'json', now: NOW }, () => Promise.reject(new Error('made on the thread')), { timeoutMs: 1 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(errors.InventoryStoreError);
    expect((error as Error).message).toBe(`inventory store ${file}: the export took longer than 0.001 s and was stopped`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fails an export that needs more memory than the worker may use, on its own, with a reason', async () => {
    const file = path.join(dir, 'large.db');
    const error = await offThread
      .exportSqliteOffThread(file, { format: 'json', now: NOW }, () => Promise.reject(new Error('made on the thread')), { maxHeapMb: 8 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(errors.InventoryStoreError);
    expect((error as Error).message).toBe(`inventory store ${file}: the export needs more than 8 MB of memory`);
  }, 60_000);
});

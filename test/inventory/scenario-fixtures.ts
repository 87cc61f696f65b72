import { afterEach } from 'vitest';
import type { Actor, Assessment, DeclarationRecord, InventoryRepository } from '../../src/inventory/types.js';
import type { RepositoryStore } from './repository.suite.js';

/** The fictional people and times the repository scenarios run with (SQLite and PostgreSQL alike). */
export const ALICE: Actor = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice Tremblay' };
export const GOVERNANCE: Actor = { id: 'dddddddd-0000-4000-8000-000000000004', name: 'Équipe de gouvernance' };
export const T0 = '2026-03-02T14:00:00.000Z';
export const T1 = '2026-03-02T14:05:00.000Z';
export const T2 = '2026-03-02T14:10:00.000Z';
export const T3 = '2026-03-02T14:15:00.000Z';

/** A level-1 assessment with no obligation, made at `at` (ISO 8601). */
export function assessment(at: string): Assessment {
  return { rulesVersion: '2026-01', level: 1, score: 0, obligations: [], assessedAt: at };
}

/**
 * Call inside a `describe`: `fresh()` opens a repository on a new store of `newStore` and `reopen(store)` one more on
 * the same store (as after a restart), each closed after the test; `submitted(repo)` has Alice submit a small
 * fictional declaration (idempotency `key`, at `now`).
 */
export function scenarioRepositories(newStore: () => Promise<RepositoryStore>) {
  const opened: InventoryRepository[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((repo) => repo.close()));
  });
  return {
    async fresh(): Promise<{ repo: InventoryRepository; store: RepositoryStore }> {
      const store = await newStore();
      const repo = await store.open();
      opened.push(repo);
      return { repo, store };
    },
    async reopen(store: RepositoryStore): Promise<InventoryRepository> {
      const repo = await store.open();
      opened.push(repo);
      return repo;
    },
    async submitted(repo: InventoryRepository, key = 'k1', now = T0): Promise<DeclarationRecord> {
      const draft = await repo.createDraft(ALICE, { name: 'Tri des courriels fictifs' }, now);
      const edited = await repo.saveData(draft.id, draft.revision, { name: 'Tri des courriels fictifs', purpose: 'Classer.' }, now);
      return repo.submit(edited.id, edited.revision, { assessment: assessment(now), actor: ALICE, key, now });
    },
  };
}

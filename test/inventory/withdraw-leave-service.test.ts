import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssessmentRules } from '../../src/inventory/assessment.js';
import { fieldsOf, STEPS, type DeclarationDraft } from '../../src/inventory/schema.js';
import type { InventoryService } from '../../src/inventory/service.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Actor, DeclarationRecord, InventoryRepository } from '../../src/inventory/types.js';
import { createInventoryService } from '../../src/inventory/workflow.js';
import { quietDraft } from './declarations.js';

const DECLARANT: Actor = { id: 'aad-declarant', name: 'Éloïse Côté-Lévesque' };
const COLLABORATOR: Actor = { id: 'aad-collaborator', name: 'Jean-François Bélanger' };
const ADMIN: Actor = { id: 'aad-admin', name: 'Gouvernance fictive' };
const STRANGER: Actor = { id: 'aad-stranger', name: 'Personne d’un autre service' };

describe('InventoryService.withdraw and leave over the SQLite repository (a real file)', () => {
  let dir: string;
  let repository: InventoryRepository;
  let service: InventoryService;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-withdraw-'));
    repository = openSqliteInventoryRepository(path.join(dir, 'balises.db'));
    let clock = new Date('2031-04-01T12:00:00.000Z');
    service = createInventoryService({
      repository,
      rules: loadAssessmentRules(),
      lookup: async () => null,
      governanceAdminIds: [ADMIN.id],
      now: () => (clock = new Date(clock.getTime() + 1000)),
    });
  });
  afterEach(async () => {
    await repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A declaration of DECLARANT, shared with COLLABORATOR, submitted. */
  async function submitted(): Promise<DeclarationRecord> {
    let record = await service.startOrResume(DECLARANT, {});
    const data: DeclarationDraft = quietDraft();
    for (const step of STEPS) {
      const values = Object.fromEntries(fieldsOf(step).map((f) => [f, data[f]])) as DeclarationDraft;
      const saved = await service.saveStep(DECLARANT, record.id, record.revision, step, values);
      if (saved.kind !== 'saved') throw new Error(saved.kind);
      record = saved.record;
    }
    await service.share(DECLARANT, record.id, [COLLABORATOR.id]);
    const result = await service.submit(DECLARANT, record.id, record.revision, 'k1');
    if (result.kind !== 'submitted') throw new Error(result.kind);
    return result.record;
  }

  it('lets the declarant or a collaborator take it back, answers the same person’s second press as the first, refuses anyone else', async () => {
    const record = await submitted();
    expect(await service.withdraw(ADMIN, record.id)).toEqual({ kind: 'forbidden' });
    expect(await service.withdraw(STRANGER, record.id)).toEqual({ kind: 'forbidden' });
    const back = await service.withdraw(COLLABORATOR, record.id);
    expect(back).toMatchObject({ kind: 'withdrawn', repeated: false, record: { state: 'draft', publicId: record.publicId, data: record.data } });
    expect(await service.withdraw(COLLABORATOR, record.id)).toMatchObject({ kind: 'withdrawn', repeated: true });
    // Another author pressing after: told it is a draft already (by whom, from the events), nothing written.
    expect(await service.withdraw(DECLARANT, record.id)).toMatchObject({ kind: 'wrong_state', current: { state: 'draft' } });
    expect((await repository.events(record.id)).filter((e) => e.to === 'draft' && e.from === 'submitted')).toHaveLength(1);
    // Submitted again, same number.
    const draft = (await repository.get(record.id))!;
    const again = await service.submit(DECLARANT, draft.id, draft.revision, 'k2');
    expect(again).toMatchObject({ kind: 'submitted', record: { publicId: record.publicId, state: 'submitted' } });
  });

  it('records one of a take for review and a withdrawal started at the same moment; the other is wrong_state', async () => {
    const record = await submitted();
    const [take, withdrawal] = await Promise.all([service.takeForReview(ADMIN, record.id, record.revision), service.withdraw(DECLARANT, record.id)]);
    expect([take.kind, withdrawal.kind].sort()).toEqual(take.kind === 'taken' ? ['taken', 'wrong_state'] : ['withdrawn', 'wrong_state']);
    expect(await repository.events(record.id)).toHaveLength(3);
  });

  it('lets a collaborator leave after a check that writes nothing; the declarant, a second press, a removed colleague and a decided declaration are told', async () => {
    const record = await submitted();
    expect(await service.leave(COLLABORATOR, record.id, { check: true })).toMatchObject({ kind: 'can_leave' });
    expect(await repository.accessEvents(record.id)).toHaveLength(1);
    expect(await service.leave(DECLARANT, record.id)).toEqual({ kind: 'declarant' });
    expect(await service.leave(STRANGER, record.id)).toEqual({ kind: 'forbidden' });
    expect(await service.leave(COLLABORATOR, record.id)).toMatchObject({ kind: 'left', record: { collaborators: [] } });
    expect(await service.leave(COLLABORATOR, record.id)).toMatchObject({ kind: 'not_following', ended: { actor: COLLABORATOR, userId: COLLABORATOR.id } });
    expect(await service.listMine(COLLABORATOR)).toEqual([]);

    await service.share(DECLARANT, record.id, [COLLABORATOR.id]);
    await service.unshare(DECLARANT, record.id, COLLABORATOR.id);
    expect(await service.leave(COLLABORATOR, record.id)).toMatchObject({ kind: 'not_following', ended: { actor: DECLARANT } });

    await service.share(DECLARANT, record.id, [COLLABORATOR.id]);
    const current = (await repository.get(record.id))!;
    await service.review(ADMIN, record.id, current.revision, 'reject', 'Hors mandat.');
    expect(await service.leave(COLLABORATOR, record.id)).toMatchObject({ kind: 'wrong_state', current: { state: 'rejected' } });
    expect((await repository.accessEvents(record.id)).map((e) => e.change)).toEqual(['added', 'removed', 'added', 'removed', 'added']);
  });
});

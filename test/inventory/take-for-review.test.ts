import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssessmentRules } from '../../src/inventory/assessment.js';
import { fieldsOf, STEPS, type DeclarationDraft } from '../../src/inventory/schema.js';
import type { InventoryService } from '../../src/inventory/service.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Actor, DeclarationRecord, InventoryRepository } from '../../src/inventory/types.js';
import { createInventoryService, reviewTakenBy } from '../../src/inventory/workflow.js';
import { quietDraft } from './declarations.js';

/**
 * « Prendre en charge » and « Remettre en attente » through the workflow, over a real SQLite file that two bot
 * instances (two repositories, two services) share, as two reviewers pressing at once on two instances would.
 */

const DECLARANT: Actor = { id: 'aad-declarant-examen', name: 'Éloïse Côté-Lévesque' };
const ADMIN: Actor = { id: 'aad-admin-un', name: 'Gouvernance Une' };
const ADMIN_TWO: Actor = { id: 'aad-admin-deux', name: 'Gouvernance Deux' };
const STRANGER: Actor = { id: 'aad-stranger', name: 'Personne d’un autre service' };

describe('taking a declaration for review, over one SQLite file shared by two instances', () => {
  let dir: string;
  let repositories: InventoryRepository[];
  let services: InventoryService[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-take-review-'));
    let clock = new Date('2031-04-01T12:00:00.000Z').getTime();
    repositories = [0, 1].map(() => openSqliteInventoryRepository(path.join(dir, 'balises.db')));
    services = repositories.map((repository) =>
      createInventoryService({
        repository,
        rules: loadAssessmentRules(),
        lookup: async () => null,
        governanceAdminIds: [ADMIN.id, ADMIN_TWO.id, DECLARANT.id],
        now: () => new Date((clock += 1000)),
      }),
    );
  });
  afterEach(async () => {
    await Promise.all(repositories.map((r) => r.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A declaration submitted by DECLARANT (a governance admin too, so that the own-declaration rule is tried). */
  async function submitted(data: DeclarationDraft = quietDraft()): Promise<DeclarationRecord> {
    const service = services[0]!;
    let record = await service.startOrResume(DECLARANT, {});
    for (const step of STEPS) {
      const saved = await service.saveStep(DECLARANT, record.id, record.revision, step, Object.fromEntries(fieldsOf(step).map((f) => [f, data[f]])));
      if (saved.kind !== 'saved') throw new Error(saved.kind);
      record = saved.record;
    }
    const result = await service.submit(DECLARANT, record.id, record.revision, 'key-1');
    if (result.kind !== 'submitted') throw new Error(result.kind);
    return result.record;
  }

  it('lets one of two reviewers pressing at once on two instances take it; the other is told who has it', async () => {
    const record = await submitted();
    const [first, second] = await Promise.all([
      services[0]!.takeForReview(ADMIN, record.id, record.revision),
      services[1]!.takeForReview(ADMIN_TWO, record.id, record.revision),
    ]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(['taken', 'wrong_state']);
    const winner = first.kind === 'taken' ? ADMIN : ADMIN_TWO;
    const lost = first.kind === 'wrong_state' ? first : second;
    if (lost.kind !== 'wrong_state') throw new Error(lost.kind);
    expect(lost.current.state).toBe('in_review');
    const events = await repositories[1]!.events(record.id);
    expect(reviewTakenBy(lost.current, events)?.actor).toEqual(winner);
    expect(events.filter((e) => e.to === 'in_review')).toHaveLength(1);
    expect((await repositories[0]!.notifications(record.id)).filter((n) => n.kind === 'decision_notice')).toHaveLength(1);
  });

  it('answers a double press as the first one, writing nothing more', async () => {
    const record = await submitted();
    const first = await services[0]!.takeForReview(ADMIN, record.id, record.revision);
    const again = await services[1]!.takeForReview(ADMIN, record.id, record.revision);
    expect(first).toMatchObject({ kind: 'taken', repeated: false, record: { state: 'in_review' } });
    expect(again).toMatchObject({ kind: 'taken', repeated: true, record: { state: 'in_review', revision: record.revision + 1 } });
    expect((await repositories[0]!.events(record.id)).filter((e) => e.to === 'in_review')).toHaveLength(1);
  });

  it('records nothing on a declaration decided meanwhile, and decides from in_review after the real event only', async () => {
    const record = await submitted();
    const taken = await services[0]!.takeForReview(ADMIN, record.id, record.revision);
    if (taken.kind !== 'taken') throw new Error(taken.kind);
    // Another reviewer decides on the declaration their colleague has in review: allowed, after that one event.
    const decided = await services[1]!.review(ADMIN_TWO, record.id, taken.record.revision, 'approve', null);
    expect(decided.kind).toBe('reviewed');
    const late = await services[0]!.takeForReview(ADMIN, record.id, record.revision);
    expect(late).toMatchObject({ kind: 'wrong_state', current: { state: 'approved' } });
    expect((await repositories[0]!.events(record.id)).map((e) => `${e.from}→${e.to} ${e.actor.name}`)).toEqual([
      'null→draft Éloïse Côté-Lévesque',
      'draft→submitted Éloïse Côté-Lévesque',
      'submitted→in_review Gouvernance Une',
      'in_review→approved Gouvernance Deux',
    ]);
  });

  it('hands it back to submitted, once for a double press; a later take from the old card is stale', async () => {
    const record = await submitted();
    const taken = await services[0]!.takeForReview(ADMIN, record.id, record.revision);
    if (taken.kind !== 'taken') throw new Error(taken.kind);
    const released = await services[1]!.releaseReview(ADMIN_TWO, record.id, taken.record.revision);
    expect(released).toMatchObject({ kind: 'released', repeated: false, record: { state: 'submitted' } });
    expect(await services[1]!.releaseReview(ADMIN_TWO, record.id, taken.record.revision)).toMatchObject({ kind: 'released', repeated: true });
    expect(await services[0]!.releaseReview(ADMIN, record.id, taken.record.revision)).toMatchObject({ kind: 'wrong_state', current: { state: 'submitted' } });
    expect(await services[0]!.takeForReview(ADMIN, record.id, record.revision)).toMatchObject({ kind: 'stale', current: { state: 'submitted' } });
    expect((await repositories[0]!.events(record.id)).slice(2).map((e) => `${e.from}→${e.to} ${e.actor.name}`)).toEqual([
      'submitted→in_review Gouvernance Une',
      'in_review→submitted Gouvernance Deux',
    ]);
  });

  it('never lets the declarant take their own declaration, nor anyone outside the governance team', async () => {
    const record = await submitted();
    expect(await services[0]!.takeForReview(DECLARANT, record.id, record.revision)).toEqual({ kind: 'own_declaration' });
    expect(await services[0]!.takeForReview(STRANGER, record.id, record.revision)).toEqual({ kind: 'forbidden' });
    expect(await services[0]!.takeForReview(ADMIN, 'no-such-declaration', 1)).toEqual({ kind: 'not_found' });
    expect((await repositories[0]!.get(record.id))?.state).toBe('submitted');
  });
});

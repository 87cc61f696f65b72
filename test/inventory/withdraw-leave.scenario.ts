import { describe, expect, it } from 'vitest';
import { exportInventory } from '../../src/inventory/export.js';
import { StaleRevisionError, type Actor, type InventoryRepository } from '../../src/inventory/types.js';
import { WrongStateError } from '../../src/inventory/repository-errors.js';
import type { RepositoryStore } from './repository.suite.js';
import { ALICE, assessment, GOVERNANCE, scenarioRepositories, T0, T1, T2, T3 } from './scenario-fixtures.js';

const BOB: Actor = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob Gagnon' };
const CAROLE: Actor = { id: 'cccccccc-0000-4000-8000-000000000003', name: 'Carole Roy' };

/**
 * « Reprendre en brouillon » (InventoryRepository.withdraw) and « Ne plus suivre » (leave), run against every
 * implementation (SQLite, PostgreSQL).
 */
export function describeWithdrawAndLeave(engine: string, newStore: () => Promise<RepositoryStore>): void {
  describe(`withdraw and leave on ${engine}`, () => {
    const { fresh, reopen, submitted } = scenarioRepositories(newStore);

    /** Delivers every due notification (as the worker would), recording each `delivered`. */
    async function deliverAll(repo: InventoryRepository, at: string): Promise<void> {
      for (const item of await repo.claimNotifications('test-owner', at, 60_000, 50)) {
        await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at, nextAttemptAt: null });
      }
    }

    it('takes a submitted declaration back to draft, answers and number kept, then submits it again under the same number', async () => {
      const { repo, store } = await fresh();
      const record = await submitted(repo);
      const back = await repo.withdraw(record.id, record.revision, ALICE, T1);
      expect(back).toMatchObject({ state: 'draft', revision: record.revision + 1, publicId: 'IA-2026-0001', data: record.data, setAsideAt: null, updatedAt: T1 });
      expect(back.assessment).toEqual(record.assessment);
      expect((await repo.events(record.id)).at(-1)).toEqual({ declarationId: record.id, at: T1, actor: ALICE, from: 'submitted', to: 'draft', comment: null });
      // Its review card never went out: nothing to tell the channel.
      expect((await repo.notifications(record.id)).map((n) => n.kind)).toEqual(['review_card']);
      // It is the declarant's draft again, across a restart.
      await repo.close();
      const reopened = await reopen(store);
      expect((await reopened.findOpenDraft(ALICE.id))?.id).toBe(record.id);
      const again = await reopened.submit(record.id, back.revision, { assessment: assessment(T2), actor: ALICE, key: 'k2', now: T2 });
      expect(again).toMatchObject({ state: 'submitted', publicId: 'IA-2026-0001' });
      expect((await reopened.events(record.id)).map((e) => [e.from, e.to])).toEqual([
        [null, 'draft'],
        ['draft', 'submitted'],
        ['submitted', 'draft'],
        ['draft', 'submitted'],
      ]);
      expect((await reopened.notifications(record.id)).map((n) => n.kind)).toEqual(['review_card', 'review_card']);
    });

    it('queues a durable notice for the governance channel when the review card was posted there', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      await deliverAll(repo, T0);
      await repo.withdraw(record.id, record.revision, ALICE, T1);
      expect((await repo.notifications(record.id)).map((n) => [n.kind, n.recipientId, n.eventSeq, n.deliveredAt])).toEqual([
        ['review_card', null, null, T0],
        ['withdrawn_notice', null, 3, null],
      ]);
      expect((await repo.claimNotifications('w', T1, 60_000, 10)).map((n) => n.kind)).toEqual(['withdrawn_notice']);
    });

    it('refuses to take back a declaration in review or decided, and a stale press, changing nothing', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
      await expect(repo.withdraw(record.id, taken.revision, ALICE, T2)).rejects.toBeInstanceOf(WrongStateError);
      await expect(repo.withdraw(record.id, record.revision, ALICE, T2)).rejects.toBeInstanceOf(StaleRevisionError);
      const decided = await repo.decide(record.id, taken.revision, 'approved', GOVERNANCE, null, T2);
      await expect(repo.withdraw(record.id, decided.revision, ALICE, T3)).rejects.toBeInstanceOf(WrongStateError);
      expect((await repo.get(record.id))?.state).toBe('approved');
    });

    it('records exactly one of a take for review and a withdrawal made at the same moment', async () => {
      for (let round = 0; round < 3; round++) {
        const { repo } = await fresh();
        const record = await submitted(repo);
        const [take, withdrawal] = await Promise.allSettled([
          repo.takeForReview(record.id, record.revision, GOVERNANCE, T1),
          repo.withdraw(record.id, record.revision, ALICE, T1),
        ]);
        expect([take.status, withdrawal.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
        const events = await repo.events(record.id);
        expect(events).toHaveLength(3);
        expect((await repo.get(record.id))?.state).toBe(take.status === 'fulfilled' ? 'in_review' : 'draft');
      }
    });

    it('sets the declarant’s own draft aside, edited or blank, so the taken-back declaration is their draft', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      const other = await repo.createDraft(ALICE, { name: 'Autre projet fictif' }, T1);
      const edited = await repo.saveData(other.id, other.revision, { name: 'Autre projet fictif, modifié' }, T1);
      await repo.withdraw(record.id, record.revision, BOB, T2);
      expect((await repo.get(edited.id))?.setAsideAt).toBe(T2);
      expect((await repo.get(edited.id))?.data).toEqual({ name: 'Autre projet fictif, modifié' });
      expect((await repo.findOpenDraft(ALICE.id))?.id).toBe(record.id);

      const { repo: repo2 } = await fresh();
      const second = await submitted(repo2, 'k-blank');
      const blank = await repo2.createDraft(ALICE, {}, T1);
      await repo2.withdraw(second.id, second.revision, ALICE, T2);
      // Its step card may hold what ALICE is typing: her « Suivant » saves it there (not « introuvable »).
      expect((await repo2.get(blank.id))?.setAsideAt).toBe(T2);
      expect((await repo2.findOpenDraft(ALICE.id))?.id).toBe(second.id);
    });

    it('sets the declarant’s blank draft aside, not deleted, when a collaborator takes the declaration back', async () => {
      // Its step card, in the declarant's chat, may hold what they are typing: their « Suivant » saves it there.
      const { repo } = await fresh();
      const record = await submitted(repo);
      await repo.addCollaborator(record.id, BOB.id, T1, ALICE);
      const blank = await repo.createDraft(ALICE, {}, T1);
      await repo.withdraw(record.id, record.revision, BOB, T2);
      expect((await repo.get(blank.id))?.setAsideAt).toBe(T2);
      expect((await repo.findOpenDraft(ALICE.id))?.id).toBe(record.id);
    });

    it('queues a take-back notice for every other author, never the one who took it back', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      await repo.addCollaborator(record.id, BOB.id, T1, ALICE);
      await repo.addCollaborator(record.id, CAROLE.id, T1, ALICE);
      await deliverAll(repo, T1);
      await repo.withdraw(record.id, record.revision, { ...BOB, id: BOB.id.toUpperCase() }, T2);
      const takenBack = (await repo.notifications(record.id)).filter((n) => n.kind === 'taken_back_notice');
      expect(takenBack.map((n) => [n.recipientId, n.eventSeq, n.deliveredAt])).toEqual([
        [ALICE.id, 3, null],
        [CAROLE.id, 3, null],
      ]);
      expect((await repo.claimNotifications('w', T2, 60_000, 10)).filter((n) => n.kind === 'taken_back_notice').map((n) => n.recipientId)).toEqual([ALICE.id, CAROLE.id]);

      // Taken back by its declarant: only the collaborators are told.
      const { repo: repo2 } = await fresh();
      const second = await submitted(repo2, 'k-own');
      await repo2.addCollaborator(second.id, BOB.id, T1, ALICE);
      await repo2.withdraw(second.id, second.revision, ALICE, T2);
      expect((await repo2.notifications(second.id)).filter((n) => n.kind === 'taken_back_notice').map((n) => n.recipientId)).toEqual([BOB.id]);
    });

    it('lets a collaborator leave: a self-removal access event and a notice for the declarant; a second leave writes nothing', async () => {
      const { repo, store } = await fresh();
      const record = await submitted(repo);
      await repo.addCollaborator(record.id, BOB.id, T1, ALICE);
      const { record: after, left } = await repo.leave(record.id, BOB, T2);
      expect(left).toBe(true);
      expect(after).toMatchObject({ collaborators: [], revision: record.revision, updatedAt: record.updatedAt });
      expect(await repo.accessEvents(record.id)).toEqual([
        { declarationId: record.id, at: T1, actor: ALICE, change: 'added', userId: BOB.id },
        { declarationId: record.id, at: T2, actor: BOB, change: 'removed', userId: BOB.id },
      ]);
      expect((await repo.notifications(record.id)).map((n) => [n.kind, n.recipientId, n.eventSeq])).toEqual([
        ['review_card', null, null],
        ['shared_notice', BOB.id, null],
        ['left_notice', null, 2],
      ]);
      expect(await repo.leave(record.id, BOB, T3)).toMatchObject({ left: false });
      expect(await repo.accessEvents(record.id)).toHaveLength(2);
      expect(await repo.listForUser(BOB.id)).toEqual([]);
      await repo.close();
      const reopened = await reopen(store);
      const json = JSON.parse(await exportInventory(reopened, { format: 'json', now: T3 }));
      expect(json.declarations[0].accessEvents.at(-1)).toEqual({ declarationId: record.id, at: T2, actor: BOB, change: 'removed', userId: BOB.id });
    });

    it('writes nothing when the declarant took the access away first, and refuses once approved', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      await repo.addCollaborator(record.id, BOB.id, T1, ALICE);
      await repo.removeCollaborator(record.id, BOB.id, T2, ALICE);
      expect(await repo.leave(record.id, BOB, T3)).toMatchObject({ left: false });
      expect((await repo.notifications(record.id)).map((n) => n.kind)).not.toContain('left_notice');

      await repo.addCollaborator(record.id, BOB.id, T2, ALICE);
      const decided = await repo.decide(record.id, record.revision, 'approved', GOVERNANCE, null, T2);
      await expect(repo.leave(record.id, BOB, T3)).rejects.toBeInstanceOf(WrongStateError);
      expect((await repo.get(record.id))?.collaborators).toEqual([BOB.id]);
      expect(decided.state).toBe('approved');
    });
  });
}

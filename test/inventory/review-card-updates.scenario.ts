import { afterEach, describe, expect, it } from 'vitest';
import type { Actor, Assessment, DeclarationRecord, InventoryRepository } from '../../src/inventory/types.js';
import type { RepositoryStore } from './repository.suite.js';

const ALICE: Actor = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice Tremblay' };
const GOVERNANCE: Actor = { id: 'dddddddd-0000-4000-8000-000000000004', name: 'Équipe de gouvernance' };

const T0 = '2026-03-02T14:00:00.000Z';
const T1 = '2026-03-02T14:05:00.000Z';
const T2 = '2026-03-02T14:10:00.000Z';
const T3 = '2026-03-02T14:15:00.000Z';

/** A fictional governance channel's conversation reference, as stored. */
const CHANNEL = { serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: '19:canal-fictif@thread.tacv2' } };

function assessment(at: string): Assessment {
  return { rulesVersion: '2026-01', level: 1, score: 0, obligations: [], assessedAt: at };
}

/**
 * The governance channel's review card recorded (InventoryRepository.saveReviewCard) and the `card_update` each later
 * state change queues, run against every implementation (SQLite, PostgreSQL).
 */
export function describeReviewCardUpdates(engine: string, newStore: () => Promise<RepositoryStore>): void {
  describe(`review card updates on ${engine}`, () => {
    const opened: InventoryRepository[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((repo) => repo.close()));
    });

    async function fresh(): Promise<{ repo: InventoryRepository; store: RepositoryStore }> {
      const store = await newStore();
      const repo = await store.open();
      opened.push(repo);
      return { repo, store };
    }

    async function submitted(repo: InventoryRepository, key = 'k1', now = T0): Promise<DeclarationRecord> {
      const draft = await repo.createDraft(ALICE, { name: 'Tri des courriels fictifs' }, now);
      const edited = await repo.saveData(draft.id, draft.revision, { name: 'Tri des courriels fictifs', purpose: 'Classer.' }, now);
      return repo.submit(edited.id, edited.revision, { assessment: assessment(now), actor: ALICE, key, now });
    }

    const kinds = async (repo: InventoryRepository, id: string) => (await repo.notifications(id)).map((n) => [n.kind, n.eventSeq]);

    it('keeps the posted card across a restart and queues an update for each later state change', async () => {
      const { repo, store } = await fresh();
      const record = await submitted(repo);
      await repo.saveReviewCard(record.id, { reference: CHANNEL, activityId: 'carte-1' }, 2, T0);
      await repo.close();
      const reopened = await store.open();
      opened.push(reopened);
      expect(await reopened.postedReviewCard(record.id)).toEqual({ reference: CHANNEL, activityId: 'carte-1' });

      const taken = await reopened.takeForReview(record.id, record.revision, GOVERNANCE, T1);
      const released = await reopened.transition(record.id, taken.revision, 'submitted', GOVERNANCE, null, T2);
      await reopened.decide(record.id, released.revision, 'approved', GOVERNANCE, null, T3);
      expect(await kinds(reopened, record.id)).toEqual([
        ['review_card', null],
        ['decision_notice', 3],
        ['card_update', 3],
        ['card_update', 4],
        ['decision_notice', 6],
        ['card_update', 6],
      ]);
    });

    it('updates the card instead of posting a notice when the declarant takes it back, and forgets it on a new submission', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      for (const item of await repo.claimNotifications('w', T0, 60_000, 10)) {
        await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T0, nextAttemptAt: null });
      }
      await repo.saveReviewCard(record.id, { reference: CHANNEL, activityId: 'carte-2' }, 2, T0);
      const back = await repo.withdraw(record.id, record.revision, ALICE, T1);
      expect(await kinds(repo, record.id)).toEqual([
        ['review_card', null],
        ['card_update', 3],
      ]);
      await repo.submit(record.id, back.revision, { assessment: assessment(T2), actor: ALICE, key: 'k2', now: T2 });
      expect(await repo.postedReviewCard(record.id)).toBeNull();
    });

    it('queues the update a change made while the card was being posted owes it, and forgets only the card named', async () => {
      const { repo } = await fresh();
      const record = await submitted(repo);
      // Taken for review between the card's rendering (2 events) and its recording.
      await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
      await repo.saveReviewCard(record.id, { reference: CHANNEL, activityId: 'carte-3' }, 2, T1);
      expect((await kinds(repo, record.id)).at(-1)).toEqual(['card_update', 3]);

      await repo.forgetReviewCard(record.id, 'une-autre-carte');
      expect(await repo.postedReviewCard(record.id)).not.toBeNull();
      await repo.forgetReviewCard(record.id, 'carte-3');
      expect(await repo.postedReviewCard(record.id)).toBeNull();
      await repo.saveReviewCard('00000000-0000-4000-8000-00000000dead', { reference: CHANNEL, activityId: 'carte-4' }, 0, T2);
      expect(await repo.postedReviewCard('00000000-0000-4000-8000-00000000dead')).toBeNull();
    });
  });
}

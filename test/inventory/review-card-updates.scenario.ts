import { describe, expect, it } from 'vitest';
import type { InventoryRepository } from '../../src/inventory/types.js';
import type { RepositoryStore } from './repository.suite.js';
import { ALICE, assessment, GOVERNANCE, scenarioRepositories, T0, T1, T2, T3 } from './scenario-fixtures.js';

/** A fictional governance channel's conversation reference, as stored. */
const CHANNEL = { serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: '19:canal-fictif@thread.tacv2' } };

/**
 * The governance channel's review card recorded (InventoryRepository.saveReviewCard) and the `card_update` each later
 * state change queues, run against every implementation (SQLite, PostgreSQL).
 */
export function describeReviewCardUpdates(engine: string, newStore: () => Promise<RepositoryStore>): void {
  describe(`review card updates on ${engine}`, () => {
    const { fresh, reopen, submitted } = scenarioRepositories(newStore);

    const kinds = async (repo: InventoryRepository, id: string) => (await repo.notifications(id)).map((n) => [n.kind, n.eventSeq]);

    it('keeps the posted card across a restart and queues an update for each later state change', async () => {
      const { repo, store } = await fresh();
      const record = await submitted(repo);
      await repo.saveReviewCard(record.id, { reference: CHANNEL, activityId: 'carte-1' }, 2, T0);
      await repo.close();
      const reopened = await reopen(store);
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

import { describe, expect, it } from 'vitest';
import type { NotificationItem } from '../../src/inventory/index.js';
import { notificationDelivery } from '../../src/bot/notifications.js';
import { GOVERNANCE_CHANNEL_KEY } from '../../src/bot/routes/deps.js';
import { submittedRecord } from '../helpers/declarations.js';

/** A governance channel as Teams gives its reference (fictional ids). */
const CHANNEL = { serviceUrl: 'https://smba.exemple.invalid/', channelId: 'msteams', conversation: { id: '19:gouvernance-fictive@thread.tacv2' }, locale: 'fr-CA' };

describe('notificationDelivery of review cards', () => {
  /** Delivers `item` for a declaration resubmitted at 2031-03-16 10:00 (first submitted two days before). */
  async function deliver(item: Pick<NotificationItem, 'createdAt'>) {
    const record = submittedRecord({ submittedAt: '2031-03-16T10:00:00.000Z' });
    const posted: unknown[] = [];
    const delivery = notificationDelivery({
      repository: {
        get: async () => record,
        events: async () => [],
        getConversation: async (key: string) => (key === GOVERNANCE_CHANNEL_KEY ? CHANNEL : null),
      },
      proactive: async (_reference, activity) => void posted.push(activity),
      governanceAdminIds: [],
    });
    const outcome = await delivery({ id: '1', declarationId: record.id, kind: 'review_card', eventSeq: null, attempts: 0, ...item });
    return { outcome, posted };
  }

  it('posts the card queued by the latest submission', async () => {
    const { outcome, posted } = await deliver({ createdAt: '2031-03-16T10:00:00.000Z' });
    expect(outcome.outcome).toBe('delivered');
    expect(posted).toHaveLength(1);
  });

  it('drops a card queued by an earlier submission, so that a channel registered late gets the declaration once', async () => {
    const { outcome, posted } = await deliver({ createdAt: '2031-03-14T15:00:00.000Z' });
    expect(outcome).toEqual({ outcome: 'obsolete', detail: 'superseded by a later submission' });
    expect(posted).toHaveLength(0);
  });
});

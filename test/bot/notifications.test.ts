import { describe, expect, it } from 'vitest';
import type { NotificationItem } from '../../src/inventory/index.js';
import { notificationDelivery } from '../../src/bot/notifications.js';
import { GOVERNANCE_CHANNEL_KEY } from '../../src/bot/routes/deps.js';
import type { AssessmentFlag } from '../../src/documents/store.js';
import { decisionEvent, submittedRecord } from '../helpers/declarations.js';
import { cardText, type Json } from '../helpers/card-walk.js';

/** The card of a posted activity. */
const cardOf = (activity: unknown): Json => (activity as { attachments: Array<{ content: Json }> }).attachments[0]!.content;

/** A governance channel as Teams gives its reference (fictional ids). */
const CHANNEL = { serviceUrl: 'https://smba.exemple.invalid/', channelId: 'msteams', conversation: { id: '19:gouvernance-fictive@thread.tacv2' }, locale: 'fr-CA' };

/** A repository holding no review-card id (the proactive fakes return none) and no earlier notice. */
const NONE_RECORDED = { notifications: async () => [], saveReviewCard: async () => undefined, postedReviewCard: async () => null, forgetReviewCard: async () => undefined, listForUser: async () => [] };

describe('notificationDelivery of review cards', () => {
  /** Delivers `item` for a declaration resubmitted at 2031-03-16 10:00 (first submitted two days before). */
  async function deliver(item: Pick<NotificationItem, 'createdAt'>, openFlags?: () => Promise<AssessmentFlag[]>) {
    const record = submittedRecord({ submittedAt: '2031-03-16T10:00:00.000Z' });
    const posted: unknown[] = [];
    const delivery = notificationDelivery({
      repository: {
        get: async () => record,
        events: async () => [],
        accessEvents: async () => [],
        getConversation: async (key: string) => (key === GOVERNANCE_CHANNEL_KEY ? CHANNEL : null),
        ...NONE_RECORDED,
      },
      update: async () => undefined,
      proactive: async (_reference, activity) => void posted.push(activity),
      governanceAdminIds: [],
      openFlags,
    });
    const outcome = await delivery({ id: '1', declarationId: record.id, kind: 'review_card', recipientId: null, eventSeq: null, attempts: 0, ...item });
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

  it('posts the card of a flagged declaration with its « À revoir » note, and the card alone when the flags cannot be read', async () => {
    const record = submittedRecord();
    const flag: AssessmentFlag = {
      declarationId: record.id,
      publicId: record.publicId,
      docId: 'directive-fictive',
      quotedVersion: 'v1',
      sectionPath: ['Entretien'],
      newVersion: 'v2',
      change: 'withdrawn',
      flaggedAt: '2031-03-17T10:00:00.000Z',
    };
    const flagged = await deliver({ createdAt: '2031-03-16T10:00:00.000Z' }, async () => [flag]);
    expect(cardText(cardOf(flagged.posted[0]))).toContain('À revoir — document retiré\u00a0: l’évaluation préliminaire cite «\u00a0Entretien\u00a0» (directive-fictive)');
    const unreadable = await deliver({ createdAt: '2031-03-16T10:00:00.000Z' }, () => Promise.reject(new Error('base indisponible')));
    expect(unreadable.outcome.outcome).toBe('delivered');
    expect(cardText(cardOf(unreadable.posted[0]))).not.toContain('À revoir');
  });
});

describe('notificationDelivery of decision notices to a declaration’s collaborators', () => {
  const DECLARANT_ID = '00000000-0000-0000-0000-0000000000aa';
  const COLLEAGUE_ID = '00000000-0000-0000-0000-0000000000bb';
  /** A personal chat as Teams gives its reference, in `locale` (fictional ids). */
  const chat = (who: string, locale: string) => ({ ...CHANNEL, conversation: { id: `a:personnelle-${who}` }, locale, user: { id: who } });

  /**
   * Delivers the approval notice of a declaration submitted by `submitter` in `language`, the declarant's chat in
   * French, the colleague's in English; the text of the notice each chat got.
   */
  async function notices(submitter: string, language: 'fr' | 'en'): Promise<Record<string, string>> {
    const record = { ...submittedRecord(), state: 'approved' as const, collaborators: [COLLEAGUE_ID], language };
    const at = '2031-03-17T10:00:00.000Z';
    const admin = { id: '00000000-0000-0000-0000-0000000000ad', name: 'Admin Fictive' };
    const events = [
      { declarationId: record.id, at, actor: { id: submitter, name: 'Quelqu’un' }, from: 'draft' as const, to: 'submitted' as const, comment: null },
      { declarationId: record.id, at, actor: admin, from: 'submitted' as const, to: 'in_review' as const, comment: null },
      { declarationId: record.id, at, actor: admin, from: 'in_review' as const, to: 'approved' as const, comment: null },
    ];
    const chats: Record<string, ReturnType<typeof chat>> = { [`user:${DECLARANT_ID}`]: chat(DECLARANT_ID, 'fr-CA'), [`user:${COLLEAGUE_ID}`]: chat(COLLEAGUE_ID, 'en-US') };
    const posted: Record<string, string> = {};
    const delivery = notificationDelivery({
      repository: { get: async () => record, events: async () => events, accessEvents: async () => [], getConversation: async (key: string) => chats[key] ?? null, ...NONE_RECORDED },
      update: async () => undefined,
      proactive: async (reference, activity) => {
        posted[(reference as { user: { id: string } }).user.id === DECLARANT_ID ? 'declarant' : 'colleague'] = cardText(cardOf(activity)).replace(/\u00a0/g, ' ');
      },
      governanceAdminIds: [admin.id],
    });
    expect((await delivery({ id: '2', declarationId: record.id, kind: 'decision_notice', recipientId: null, eventSeq: 3, attempts: 0, createdAt: at })).outcome).toBe('delivered');
    expect((await delivery({ id: '3', declarationId: record.id, kind: 'decision_copy', recipientId: COLLEAGUE_ID, eventSeq: 3, attempts: 0, createdAt: at })).outcome).toBe(
      'delivered',
    );
    return posted;
  }

  it('speaks to the one who submitted in the language they submitted in, and to the others in their chat’s', async () => {
    const byColleague = await notices(COLLEAGUE_ID, 'en');
    expect(byColleague.colleague).toContain('Your declaration IA-2031-0001');
    expect(byColleague.declarant).toContain('Votre déclaration IA-2031-0001');
    const byDeclarant = await notices(DECLARANT_ID, 'fr');
    expect(byDeclarant.declarant).toContain('Votre déclaration IA-2031-0001');
    expect(byDeclarant.colleague).toContain('Your declaration IA-2031-0001');
  });
});

describe('notificationDelivery of the notice « en examen »', () => {
  const DECLARANT_ID = '00000000-0000-0000-0000-0000000000ca';
  const at = '2031-03-17T10:00:00.000Z';
  const admin = { id: '00000000-0000-0000-0000-0000000000cd', name: 'Admin Fictive' };
  const colleague = { id: '00000000-0000-0000-0000-0000000000ce', name: 'Autre Admin' };
  const event = (actor: typeof admin, from: 'draft' | 'submitted' | 'in_review', to: 'submitted' | 'in_review' | 'approved') =>
    ({ declarationId: 'd', at, actor, from, to, comment: null }) as const;

  /** Delivers the notice of event `eventSeq` of `events`, the declarant's chat in English; what it posted. */
  async function deliver(state: 'in_review' | 'approved', events: ReturnType<typeof event>[], eventSeq: number) {
    const record = { ...submittedRecord(), state, declarant: { id: DECLARANT_ID, name: 'Déclarante' }, language: 'fr' as const };
    const chat = { ...CHANNEL, conversation: { id: 'a:personnelle' }, locale: 'en-US' };
    const posted: string[] = [];
    const delivery = notificationDelivery({
      repository: { get: async () => record, events: async () => events, accessEvents: async () => [], getConversation: async (key: string) => (key === `user:${DECLARANT_ID}` ? chat : null), ...NONE_RECORDED },
      update: async () => undefined,
      proactive: async (_reference, activity) => void posted.push(cardText(cardOf(activity)).replace(/\u00a0/g, ' ')),
      governanceAdminIds: [admin.id],
    });
    const outcome = await delivery({ id: '3', declarationId: record.id, kind: 'decision_notice', recipientId: null, eventSeq, attempts: 0, createdAt: at });
    return { outcome, posted };
  }

  it('tells the declarant, in the language they submitted in, who took their declaration for review', async () => {
    const { outcome, posted } = await deliver('in_review', [event({ id: DECLARANT_ID, name: 'Déclarante' }, 'draft', 'submitted'), event(admin, 'submitted', 'in_review')], 2);
    expect(outcome.outcome).toBe('delivered');
    expect(posted).toEqual([expect.stringMatching(/^Votre déclaration IA-2031-0001 « .+ » est en examen : Admin Fictive l’a prise en charge\./u)]);
  });

  it('is not the language of a reviewer who handed it back, which is no submission', async () => {
    const events = [
      event({ id: DECLARANT_ID, name: 'Déclarante' }, 'draft', 'submitted'),
      event(colleague, 'submitted', 'in_review'),
      event(colleague, 'in_review', 'submitted'),
      event(admin, 'submitted', 'in_review'),
    ];
    const { posted } = await deliver('in_review', events, 4);
    expect(posted[0]).toContain('Votre déclaration');
  });

  it('says nothing once a later step followed (decided meanwhile): the decision notice tells it', async () => {
    const events = [event({ id: DECLARANT_ID, name: 'Déclarante' }, 'draft', 'submitted'), event(admin, 'submitted', 'in_review'), event(admin, 'in_review', 'approved')];
    const { outcome, posted } = await deliver('approved', events, 2);
    expect(outcome).toEqual({ outcome: 'obsolete', detail: 'superseded by a later transition' });
    expect(posted).toEqual([]);
  });
});

describe('notificationDelivery of the channel’s review card updates', () => {
  const OLD_CHANNEL = { ...CHANNEL, conversation: { id: '19:ancien-canal-fictif@thread.tacv2' } };
  const author = { id: '00000000-0000-0000-0000-0000000000aa', name: 'Déclarante Fictive' };
  /** Refusals the fake connector answers updates with (a RestError's statusCode), in order. */
  const refusal = (statusCode: number) => Object.assign(new Error(`refused ${statusCode}`), { statusCode });

  /**
   * Delivers the `card_update` of a declaration taken back to draft (event 3), its card recorded in `cardChannel`,
   * the connector answering the update with `refusals` first; what was updated, posted, saved and forgotten.
   */
  async function deliverUpdate(cardChannel: typeof CHANNEL, refusals: Error[], state: 'draft' | 'in_review' = 'draft') {
    const record = submittedRecord({ state, language: 'fr' });
    const events = [
      { declarationId: record.id, at: '2031-03-14T15:00:00.000Z', actor: author, from: null, to: 'draft' as const, comment: null },
      { declarationId: record.id, at: '2031-03-14T15:00:00.000Z', actor: author, from: 'draft' as const, to: 'submitted' as const, comment: null },
      { declarationId: record.id, at: '2031-03-14T16:00:00.000Z', actor: author, from: 'submitted' as const, to: state, comment: null },
    ];
    let card: { reference: unknown; activityId: string } | null = { reference: cardChannel, activityId: 'carte-fictive' };
    const updates: Array<{ activityId: string; text: string }> = [];
    const posted: string[] = [];
    const delivery = notificationDelivery({
      repository: {
        get: async () => record,
        events: async () => events,
        accessEvents: async () => [],
        getConversation: async (key: string) => (key === GOVERNANCE_CHANNEL_KEY ? CHANNEL : null),
        saveReviewCard: async () => undefined,
        notifications: async () => [],
        postedReviewCard: async () => card,
        forgetReviewCard: async (_id, activityId) => {
          if (card?.activityId === activityId) card = null;
        },
        listForUser: async () => [],
      },
      proactive: async (_reference, activity) => void posted.push(cardText(cardOf(activity)).replace(/\u00a0/g, ' ')),
      update: async (_reference, activityId, activity) => {
        const refused = refusals.shift();
        if (refused) throw refused;
        updates.push({ activityId, text: cardText(cardOf(activity)).replace(/\u00a0/g, ' ') });
      },
      governanceAdminIds: [],
    });
    const deliver = () => delivery({ id: '9', declarationId: record.id, kind: 'card_update', recipientId: null, eventSeq: 3, attempts: 0, createdAt: '2031-03-14T16:00:00.000Z' });
    return { deliver, updates, posted, card: () => card };
  }

  it('replaces the recorded card with the declaration as it is now', async () => {
    const { deliver, updates, posted } = await deliverUpdate(CHANNEL, []);
    expect(await deliver()).toEqual({ outcome: 'delivered' });
    expect(updates).toEqual([{ activityId: 'carte-fictive', text: expect.stringContaining('Déclaration reprise en brouillon') }]);
    expect(posted).toEqual([]);
  });

  it('forgets a deleted card and posts the take-back notice instead, again at the next attempt when that post is refused', async () => {
    const { deliver, updates, posted, card } = await deliverUpdate(CHANNEL, [refusal(404)]);
    expect(await deliver()).toEqual({ outcome: 'delivered' });
    expect(card()).toBeNull();
    expect(updates).toEqual([]);
    expect(posted).toEqual([expect.stringContaining('n’est plus à examiner')]);
    // The card forgotten, a retry (its notice refused the first time) still owes the notice.
    expect(await deliver()).toEqual({ outcome: 'delivered' });
    expect(posted).toHaveLength(2);
  });

  it('retries a card the registered channel refuses (403), and gives up on one in a channel no longer registered', async () => {
    const registered = await deliverUpdate(CHANNEL, [refusal(403)], 'in_review');
    await expect(registered.deliver()).rejects.toThrow('refused 403');
    expect(registered.card()).not.toBeNull();
    const moved = await deliverUpdate(OLD_CHANNEL, [refusal(403)], 'in_review');
    expect(await moved.deliver()).toEqual({ outcome: 'obsolete', detail: 'review card gone' });
    expect(moved.card()).toBeNull();
    expect(moved.posted).toEqual([]);
  });

  it('records the review card it posts, with the id the connector gave it and how many events it shows', async () => {
    const record = submittedRecord();
    const saved: unknown[] = [];
    const delivery = notificationDelivery({
      repository: {
        get: async () => record,
        events: async () => [decisionEvent(record, 'submitted'), decisionEvent(record, 'in_review')],
        accessEvents: async () => [],
        getConversation: async (key: string) => (key === GOVERNANCE_CHANNEL_KEY ? CHANNEL : null),
        ...NONE_RECORDED,
        saveReviewCard: async (id, posted, shown) => void saved.push([id, posted, shown]),
      },
      proactive: async () => 'id-de-carte',
      update: async () => undefined,
      governanceAdminIds: [],
    });
    await delivery({ id: '1', declarationId: record.id, kind: 'review_card', recipientId: null, eventSeq: null, attempts: 0, createdAt: '2031-03-14T15:00:00.000Z' });
    expect(saved).toEqual([[record.id, { reference: CHANNEL, activityId: 'id-de-carte' }, 2]]);
  });
});

describe('notificationDelivery of « … ne suit plus votre déclaration » to the declarant', () => {
  const DECLARANT_ID = '00000000-0000-0000-0000-0000000000aa';
  const COLLEAGUE_ID = '00000000-0000-0000-0000-0000000000bb';

  /**
   * Delivers the notice that the colleague left a declaration last submitted by `submitter` in `language`, the
   * declarant's Teams client saying `locale`; the text the declarant's chat got.
   */
  async function notice(submitter: string, language: 'fr' | 'en', locale: string): Promise<string> {
    const record = { ...submittedRecord(), declarant: { id: DECLARANT_ID, name: 'Personne Fictive' }, language };
    const at = '2031-03-17T10:00:00.000Z';
    const events = [{ declarationId: record.id, at, actor: { id: submitter, name: 'Quelqu’un' }, from: 'draft' as const, to: 'submitted' as const, comment: null }];
    const left = { declarationId: record.id, at, actor: { id: COLLEAGUE_ID, name: 'Collègue Fictive' }, change: 'removed' as const, userId: COLLEAGUE_ID };
    const chat = { ...CHANNEL, conversation: { id: `a:personnelle-${DECLARANT_ID}` }, locale, user: { id: DECLARANT_ID } };
    let posted = '';
    const delivery = notificationDelivery({
      repository: { get: async () => record, events: async () => events, accessEvents: async () => [left], getConversation: async (key: string) => (key === `user:${DECLARANT_ID}` ? chat : null), ...NONE_RECORDED },
      proactive: async (_reference, activity) => {
        posted = cardText(cardOf(activity)).replace(/\u00a0/g, ' ');
      },
      update: async () => undefined,
      governanceAdminIds: [],
    });
    expect((await delivery({ id: '4', declarationId: record.id, kind: 'left_notice', recipientId: null, eventSeq: 1, attempts: 0, createdAt: at })).outcome).toBe('delivered');
    return posted;
  }

  it('speaks French to a declarant who submitted in French, whatever their Teams client’s locale', async () => {
    expect(await notice(DECLARANT_ID, 'fr', 'en-US')).toContain('Collègue Fictive ne suit plus votre déclaration IA-2031-0001');
  });

  it('speaks the chat’s language when a colleague submitted it last, in theirs', async () => {
    expect(await notice(COLLEAGUE_ID, 'en', 'fr-CA')).toContain('Collègue Fictive ne suit plus votre déclaration IA-2031-0001');
    expect(await notice(COLLEAGUE_ID, 'fr', 'en-US')).toContain('Collègue Fictive no longer follows your declaration IA-2031-0001');
  });
});

describe('notificationDelivery of a take-back notice to another author', () => {
  const DECLARANT_ID = '00000000-0000-0000-0000-0000000000aa';
  const COLLEAGUE_ID = '00000000-0000-0000-0000-0000000000bb';
  const TAKER_ID = '00000000-0000-0000-0000-0000000000cc';
  const AT = '2031-03-17T10:00:00.000Z';

  /**
   * Delivers the notice, to `recipient`, that a colleague took back a declaration (its events: submitted, taken back,
   * then `later`), the recipient's remembered language `remembered`; the outcome and the text their chat got.
   */
  async function deliver(recipient: string, options: { remembered?: 'fr' | 'en'; later?: 'submitted'; collaborators?: string[] } = {}) {
    const record = { ...submittedRecord(), state: 'draft' as const, declarant: { id: DECLARANT_ID, name: 'Personne Fictive' }, collaborators: options.collaborators ?? [COLLEAGUE_ID, TAKER_ID] };
    const taker = { id: TAKER_ID, name: 'Collègue Preneuse' };
    const events = [
      { declarationId: record.id, at: AT, actor: record.declarant, from: 'draft' as const, to: 'submitted' as const, comment: null },
      { declarationId: record.id, at: AT, actor: taker, from: 'submitted' as const, to: 'draft' as const, comment: null },
      ...(options.later ? [{ declarationId: record.id, at: AT, actor: taker, from: 'draft' as const, to: 'submitted' as const, comment: null }] : []),
    ];
    const chat = (id: string) => ({ ...CHANNEL, conversation: { id: `a:personnelle-${id}` }, locale: 'en-US', user: { id } });
    let posted = '';
    const delivery = notificationDelivery({
      repository: { get: async () => record, events: async () => events, accessEvents: async () => [], getConversation: async (key: string) => chat(key.slice('user:'.length)), ...NONE_RECORDED },
      proactive: async (_reference, activity) => {
        posted = cardText(cardOf(activity)).replace(/\u00a0/g, ' ');
      },
      update: async () => undefined,
      governanceAdminIds: [],
      rememberedLanguage: async (reference, userId) => (reference.conversation?.id === `a:personnelle-${userId}` ? options.remembered : undefined),
    });
    const { outcome } = await delivery({ id: '7', declarationId: record.id, kind: 'taken_back_notice', recipientId: recipient, eventSeq: 2, attempts: 0, createdAt: AT });
    return { outcome, posted };
  }

  it('speaks the language remembered for the recipient, French when none is, whatever the Teams client’s locale', async () => {
    expect((await deliver(COLLEAGUE_ID)).posted).toContain('Collègue Preneuse a repris en brouillon la déclaration IA-2031-0001');
    expect((await deliver(COLLEAGUE_ID, { remembered: 'en' })).posted).toContain('Collègue Preneuse took declaration IA-2031-0001');
    expect((await deliver(DECLARANT_ID, { remembered: 'fr' })).posted).not.toContain('mis de côté');
  });

  it('is obsolete once the declaration was submitted again, or for someone who no longer follows it', async () => {
    expect(await deliver(COLLEAGUE_ID, { later: 'submitted' })).toEqual({ outcome: 'obsolete', posted: '' });
    expect(await deliver(COLLEAGUE_ID, { collaborators: [TAKER_ID] })).toEqual({ outcome: 'obsolete', posted: '' });
  });
});

import type { Logger } from 'pino';
import { isDeadLeaseOwner, newLeaseOwner, ownerStarted, ownerStopped } from '../storage/lease-owners.js';

/**
 * The notification outbox: review cards for the governance channel, decision notices for declarants (and their copies
 * for collaborators) and the notices of a declaration shared with a colleague are rows written in the same
 * transaction as the change they announce (see InventoryRepository.submit, decide and addCollaborator),
 * then delivered by a worker that retries with exponential backoff, records every attempt (consecutive ones with the
 * same outcome and detail as one row) and resumes after a restart (pattern: "Transactional outbox", microservices.io);
 * one whose conversation stays gone (403, 404) for GIVE_UP_AFTER_MS is given up. Nothing is lost when the process dies between the
 * commit and the post; a post may be repeated when the process dies between the post and its record (at least once).
 * The notifications of one declaration, kind and recipient are claimed one at a time, in the order they were queued
 * (repository-rows.ts NO_EARLIER_UNDELIVERED): a retry never lets a later decision overtake an earlier one.
 */

/**
 * What a notification announces: `review_card` (to the governance channel); `decision_notice`, a step of the review
 * for the declarant: its event (NotificationItem.eventSeq) is a decision, or the `in_review` event of a reviewer
 * taking it for review (InventoryRepository.takeForReview), one kind for both so that they reach the declarant in the
 * order they happened (see NO_EARLIER_UNDELIVERED); `decision_copy` (that step, to one collaborator) and
 * `shared_notice` (« … vous donne accès », to a colleague just added). The last two name their recipient
 * (NotificationItem.recipientId). `withdrawn_notice` (to the governance channel: its review card no longer stands, the
 * declaration was taken back to draft by the event NotificationItem.eventSeq; InventoryRepository.withdraw) and
 * `left_notice` (to the declarant: « … ne suit plus votre déclaration », the access event eventSeq;
 * InventoryRepository.leave) name none, nor does `card_update` (the review card posted in the governance channel,
 * updated in place to the declaration's current state after the state event NotificationItem.eventSeq; queued by every
 * state change once that card's id is stored: InventoryRepository.saveReviewCard). `taken_back_notice` (« NAME a
 * repris en brouillon … », to one of the declaration's authors, declarant or collaborator, other than the one who
 * took it back: the `draft` event eventSeq; InventoryRepository.withdraw) names its recipient.
 */
export type NotificationKind =
  | 'review_card'
  | 'decision_notice'
  | 'decision_copy'
  | 'shared_notice'
  | 'withdrawn_notice'
  | 'left_notice'
  | 'card_update'
  | 'taken_back_notice';

/** The kinds addressed to one person, whose rows name that person (recipientId). */
export const PERSONAL_KINDS: readonly NotificationKind[] = ['decision_copy', 'shared_notice', 'taken_back_notice'];

/** A queued notification. Ids are decimal strings (SQLite integer, PostgreSQL bigint). */
export interface NotificationItem {
  id: string;
  declarationId: string;
  kind: NotificationKind;
  /**
   * For `decision_copy`, `shared_notice` and `taken_back_notice`: the Entra object id (as stored, lower case) of the
   * person it is for; null for the review card and the declarant's decision notice.
   */
  recipientId: string | null;
  /**
   * For a decision notice or its copy: the sequence number (1-based, in `events()` order) of its event (decision or
   * `in_review`); for `withdrawn_notice` and `taken_back_notice`, that of its `draft` event; for `card_update`, that of the state event it follows; for `left_notice`, that of its access event (in
   * `accessEvents()` order).
   */
  eventSeq: number | null;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: string;
}

/**
 * One recorded delivery attempt, or a run of consecutive `failed` or `waiting` attempts with the same detail, kept
 * as one row (a notification retried every 10 minutes for days would otherwise add 144 rows a day).
 * `detail` is an error class or HTTP status, never message text.
 */
export interface NotificationAttempt {
  /** The number (1-based) of the first attempt of the run. */
  attempt: number;
  /** When the first attempt of the run was made. */
  at: string;
  /**
   * `delivered`; `failed` (retried with backoff); `waiting` (no conversation to post to yet, e.g. no governance
   * channel registered: retried at the ceiling, or sooner when one is registered); `obsolete` (nothing to say
   * any more, e.g. the declaration no longer exists); `given_up` (refused as gone, HTTP 403 or 404, for
   * GIVE_UP_AFTER_MS: no longer retried).
   */
  outcome: 'delivered' | 'failed' | 'waiting' | 'obsolete' | 'given_up';
  detail: string | null;
  /** How many consecutive attempts the row stands for (≥ 1). */
  repeats: number;
  /** When the latest attempt of the run was made (`at` when `repeats` is 1). */
  lastAt: string;
}

/**
 * What the worker asks the store to record after one attempt (InventoryRepository.recordNotificationAttempt).
 * `giveUpIfFailingSince` (ISO time, only with `failed`): when the notification's latest recorded run is `failed`
 * with this same detail and began at or before this time, the attempt is recorded as `given_up` and the
 * notification is closed instead of retried.
 */
export interface AttemptRecord {
  outcome: 'delivered' | 'failed' | 'waiting' | 'obsolete';
  detail: string | null;
  at: string;
  nextAttemptAt: string | null;
  giveUpIfFailingSince?: string | null;
}

/**
 * A notification given up (its conversation gone: see GIVE_UP_AFTER_MS) that no later notification of its
 * declaration, kind and recipient has made up for (none delivered since): what `inventaire` tells the governance
 * team, saying which notice it was.
 */
export interface GivenUpNotification {
  declarationId: string;
  kind: NotificationKind;
  /**
   * `in_review` for a `decision_notice` or `decision_copy` of a reviewer taking the declaration (« … est en examen »)
   * rather than of a decision; absent otherwise.
   */
  step?: 'in_review';
  /** The person it was for (Entra object id, lower case) for the kinds of PERSONAL_KINDS; null otherwise. */
  recipientId: string | null;
  /** When it was given up (ISO, UTC). */
  at: string;
  /** The refusal (`RestError 403`), as in NotificationAttempt. */
  detail: string | null;
}

/** What a delivery resolved with; a delivery that throws is `failed`. */
export type DeliveryOutcome = { outcome: 'delivered' | 'waiting' | 'obsolete'; detail?: string };

/** Delivers one notification (posts the card); rejects when the connector refuses or is unreachable. */
export type NotificationDelivery<Item = NotificationItem> = (item: Item) => Promise<DeliveryOutcome>;

/**
 * What the worker delivers from: the inventory repository for declarations' notifications, the document
 * administration store for the cards of document proposals (src/documents/announcements.ts). `claimNotifications`
 * leases up to `limit` due items to `owner` for `leaseMs` from `now` (ISO); `recordNotificationAttempt` records one
 * attempt and ends the lease (see AttemptRecord), resolving with the outcome recorded (`given_up` included), null for
 * an unknown id; `notificationLeaseOwners` lists the owners of leases still running at `now`;
 * `releaseNotificationLeases` ends the leases of `owners` on undelivered items, resolving with how many it ended.
 */
export interface OutboxStore<Item> {
  claimNotifications(owner: string, now: string, leaseMs: number, limit: number): Promise<Item[]>;
  recordNotificationAttempt(id: string, attempt: AttemptRecord): Promise<NotificationAttempt['outcome'] | null>;
  notificationLeaseOwners(now: string): Promise<string[]>;
  releaseNotificationLeases(owners: readonly string[]): Promise<number>;
}

/** What every outbox item carries: its id (a decimal string) and the attempts made before this one. */
export interface OutboxItem {
  id: string;
  attempts: number;
}

/** Retry timing, in ms. */
export interface BackoffPolicy {
  /** Delay before the second attempt (before jitter); doubles at each failure. */
  baseMs: number;
  /** Longest delay (also the delay of a `waiting` notification). */
  ceilingMs: number;
}

/** 2 s, doubling, at most 10 min: a connector outage of an hour costs about a dozen attempts per notification. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, ceilingMs: 10 * 60_000 };

/**
 * How long a notification is retried while the connector keeps refusing its conversation as gone (GONE_DETAIL):
 * 7 days, in ms. A 403 or 404 means the bot was removed from the governance channel or the declarant uninstalled
 * the app; an admin who puts the bot back, or a declarant who reinstalls it, within a week (a holiday, a
 * ticket to IT) still gets the notice, since the conversation is recorded again on reinstall. Past that the notice is stale news
 * and retrying costs ~1 000 attempts per notification for nothing: it is given up, logged once at error level and
 * shown in `inventaire`.
 */
export const GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60_000;

/**
 * How long a worker holds the notifications it claimed before another worker may take them over (a crashed
 * instance), in ms; OUTBOX_LEASE_SECONDS overrides it.
 */
export const DEFAULT_LEASE_MS = 120_000;

/**
 * The attempt details (errorDetail: `RestError 403`) of a conversation that is gone: 403 (the bot is no longer a
 * member: removed from the team or channel, app uninstalled, user blocked it) and 404 (the conversation does not
 * exist), as Teams answers a proactive post (Microsoft Learn, Teams
 * "Status codes from bot conversational APIs": BotNotInConversationRoster, ConversationNotFound).
 */
const GONE_DETAIL = /\s(403|404)$/;

/** True when `detail` (an attempt's detail) is a refusal of a conversation that is gone (see GONE_DETAIL). */
function isGoneDetail(detail: string | null): boolean {
  return detail !== null && GONE_DETAIL.test(detail);
}

/**
 * Delay before the next attempt after `failures` failed attempts (≥ 1): `min(ceiling, base × 2^(failures−1))`,
 * with "equal jitter" (half fixed, half random: AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), so
 * instances retrying after the same outage spread out yet never retry at once.
 * @param random a number in [0, 1)
 * @returns ms, in [delay/2, delay)
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(policy.ceilingMs, policy.baseMs * 2 ** exponent);
  return Math.floor(delay / 2 + (random * delay) / 2);
}

/** The worker's options; every one but store, deliver and logger has a default. */
export interface OutboxWorkerOptions<Item extends OutboxItem = NotificationItem> {
  store: OutboxStore<Item>;
  deliver: NotificationDelivery<Item>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * What a log line says of an item (never message text): default, for a declaration's notification, its
   * declaration id and kind.
   */
  describe?: (item: Item) => Record<string, unknown>;
  backoff?: BackoffPolicy;
  /** How long a notification refused as gone is retried before it is given up, in ms; default GIVE_UP_AFTER_MS. */
  giveUpAfterMs?: number;
  /** How often the outbox is polled when nothing woke the worker; default 1 000 ms. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the row (a crashed instance); default DEFAULT_LEASE_MS. */
  leaseMs?: number;
  /** Notifications claimed and delivered at once; default 8. */
  batchSize?: number;
  now?: () => Date;
}

/** A running outbox worker. */
export interface OutboxWorker {
  /**
   * The lease owner this worker claims under (`host:pid:random`): a row written already leased to it (a card its own
   * process is about to send) is taken over by the next start once this process is dead (see isDeadLeaseOwner).
   */
  readonly owner: string;
  /** Starts polling (idempotent). */
  start(): void;
  /** Delivers due notifications now rather than at the next poll (after a commit that queued one). Never throws. */
  wake(): void;
  /** Stops polling and waits for the deliveries in progress to be recorded. */
  stop(): Promise<void>;
}

/**
 * A worker that delivers due notifications: claims a batch (leased to this instance), delivers each, records the
 * attempt (delivered, or when to try again), and loops while there is work; otherwise waits `pollMs` or a wake().
 * A notification refused as gone (isGoneDetail) for `giveUpAfterMs` is given up: recorded so, never retried, and
 * logged once at error level.
 * Started, it first takes over the leases of dead workers of this machine (see isDeadLeaseOwner).
 * Failures are logged with the declaration id and the attempt number, never a message text; a broken store is
 * logged and retried at the next poll.
 */
export function createOutboxWorker<Item extends OutboxItem = NotificationItem>(options: OutboxWorkerOptions<Item>): OutboxWorker {
  const { store, logger } = options;
  const settings = attemptSettings(options);
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 8;
  const owner = newLeaseOwner();
  const pause = createPause(pollMs);
  let running = false;
  let loop: Promise<void> | null = null;
  let woken = false;

  /** One claim-and-deliver round; true when a full batch was claimed (there may be more). */
  async function round(): Promise<boolean> {
    const items = await store.claimNotifications(owner, settings.clock().toISOString(), leaseMs, batchSize);
    await Promise.all(items.map((item) => attemptDelivery(settings, item)));
    return items.length === batchSize;
  }

  async function run(): Promise<void> {
    await takeOverDeadLeases(store, logger, settings.clock);
    while (running) {
      // Reset before claiming: a wake() from now on (a commit the claim may miss) means one more round.
      woken = false;
      let more = false;
      try {
        more = await round();
      } catch (err) {
        logger.error({ err }, 'notification outbox could not be read or updated');
      }
      if (!more && running && !woken) await pause.wait();
    }
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      ownerStarted(owner);
      loop = run();
    },
    wake() {
      woken = true;
      pause.interrupt();
    },
    async stop() {
      running = false;
      pause.interrupt();
      await loop;
      loop = null;
      ownerStopped(owner);
    },
  };
}

/** What one delivery attempt needs: the worker's options, defaults applied. */
interface AttemptSettings<Item> {
  store: OutboxStore<Item>;
  deliver: NotificationDelivery<Item>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  describe: (item: Item) => Record<string, unknown>;
  backoff: BackoffPolicy;
  giveUpAfterMs: number;
  clock: () => Date;
}

function attemptSettings<Item extends OutboxItem>(options: OutboxWorkerOptions<Item>): AttemptSettings<Item> {
  return {
    store: options.store,
    deliver: options.deliver,
    logger: options.logger,
    describe: options.describe ?? ((item: Item) => describeNotification(item as unknown as NotificationItem)),
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    giveUpAfterMs: options.giveUpAfterMs ?? GIVE_UP_AFTER_MS,
    clock: options.now ?? (() => new Date()),
  };
}

/**
 * Delivers one item and records the attempt (see attemptRecord); logs a failure at warn level, a give-up at error
 * level and the first `waiting` at warn level. Rejects only when the store does.
 */
async function attemptDelivery<Item extends OutboxItem>(settings: AttemptSettings<Item>, item: Item): Promise<void> {
  const { deliver, logger, describe } = settings;
  const number = item.attempts + 1;
  let result: DeliveryResult;
  try {
    result = { delivered: await deliver(item) };
  } catch (err) {
    result = { failedWith: errorDetail(err) };
    logger.warn({ ...describe(item), attempt: number, detail: result.failedWith }, 'notification delivery failed');
  }
  const recorded = await settings.store.recordNotificationAttempt(item.id, attemptRecord(result, number, settings.clock(), settings));
  if (recorded === 'given_up') {
    logger.error(
      { ...describe(item), attempt: number, detail: 'failedWith' in result ? result.failedWith : null },
      'notification given up: its conversation is gone (the bot was removed or the app uninstalled)',
    );
  }
  if ('delivered' in result && result.delivered.outcome === 'waiting' && item.attempts === 0) {
    logger.warn({ ...describe(item), detail: result.delivered.detail }, 'notification waits for a conversation');
  }
}

/** How one delivery ended: what `deliver` resolved with, or the detail (errorDetail) of what it threw. */
type DeliveryResult = { delivered: DeliveryOutcome } | { failedWith: string };

/**
 * The record of attempt number `number` (1-based) made at `at`: a failure is retried after backoffDelayMs and, when
 * refused as gone (isGoneDetail), given up once failing so since `giveUpAfterMs` ago; a `waiting` item is retried at
 * the backoff's ceiling; a delivered or obsolete one is not retried.
 */
function attemptRecord(result: DeliveryResult, number: number, at: Date, policy: { backoff: BackoffPolicy; giveUpAfterMs: number }): AttemptRecord {
  if ('failedWith' in result) {
    const detail = result.failedWith;
    return {
      outcome: 'failed',
      detail,
      at: at.toISOString(),
      nextAttemptAt: new Date(at.getTime() + backoffDelayMs(number, policy.backoff)).toISOString(),
      giveUpIfFailingSince: isGoneDetail(detail) ? new Date(at.getTime() - policy.giveUpAfterMs).toISOString() : null,
    };
  }
  const { outcome, detail } = result.delivered;
  return {
    outcome,
    detail: detail ?? null,
    at: at.toISOString(),
    nextAttemptAt: outcome === 'waiting' ? new Date(at.getTime() + policy.backoff.ceilingMs).toISOString() : null,
    giveUpIfFailingSince: null,
  };
}

/**
 * Ends the leases of dead workers of this machine (a process killed mid-delivery, this one its restart): their
 * notifications are delivered now, not when the lease runs out (OUTBOX_LEASE_SECONDS, two minutes by default).
 * Never rejects: a store that fails is logged, and the leases run out as usual.
 */
async function takeOverDeadLeases<Item>(store: OutboxStore<Item>, logger: Pick<Logger, 'info' | 'error'>, clock: () => Date): Promise<void> {
  try {
    const dead = (await store.notificationLeaseOwners(clock().toISOString())).filter((other) => isDeadLeaseOwner(other));
    const ended = dead.length > 0 ? await store.releaseNotificationLeases(dead) : 0;
    if (ended > 0) logger.info({ notifications: ended }, 'notifications leased by a dead worker taken over');
  } catch (err) {
    logger.error({ err }, 'notification outbox leases could not be read or released');
  }
}

/** The worker's wait between rounds: `wait()` resolves after `pollMs`, or at once on `interrupt()`. */
function createPause(pollMs: number): { wait(): Promise<void>; interrupt(): void } {
  let rouse: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  return {
    wait() {
      return new Promise<void>((resolve) => {
        rouse = () => resolve();
        timer = setTimeout(resolve, pollMs);
      }).finally(() => {
        if (timer) clearTimeout(timer);
        timer = null;
        rouse = null;
      });
    },
    interrupt() {
      rouse?.();
    },
  };
}

/** A declaration's notification in a log line: its declaration and kind (never the recipient's id). */
function describeNotification(item: NotificationItem): Record<string, unknown> {
  return { declarationId: item.declarationId, notification: item.kind };
}

/** An error's class and HTTP status, if any: never its message, which may quote a request. */
function errorDetail(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const status = (err as { statusCode?: unknown; status?: unknown }).statusCode ?? (err as { status?: unknown }).status;
  return typeof status === 'number' ? `${err.name} ${status}` : err.name;
}

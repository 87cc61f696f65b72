import type { QuotedPassage } from '../answers/passage-lookup.js';
import type { Language } from '../answers/types.js';
import type { ExportOptions, InventoryBytes } from './export.js';
import type { AttemptRecord, GivenUpNotification, NotificationAttempt, NotificationItem } from './outbox.js';
import type { DeclarationDraft, DeclarationField } from './schema.js';

/**
 * States of a declaration. draft → submitted → in_review → approved | changes_requested | rejected, and
 * changes_requested → submitted when the declarant resubmits, submitted → draft when its authors take it back
 * before a reviewer takes it (InventoryRepository.withdraw). Every transition is an event.
 */
export const STATES = ['draft', 'submitted', 'in_review', 'approved', 'changes_requested', 'rejected'] as const;
export type DeclarationState = (typeof STATES)[number];

/**
 * Who acts: a Teams user (Microsoft Entra object id and display name). The id is stored and queried as given, so
 * build actors with ActorInput (identity.ts), which puts it in its one lower-case form.
 */
export interface Actor {
  id: string;
  name: string;
}

/** One obligation the preliminary assessment found, with the live quote of the passage that imposes it. */
export interface Obligation {
  /** Rule id from data/inventory/assessment-rules.json, e.g. `efvp`. */
  ruleId: string;
  /** The rule's short label (our wording), in French and English. */
  label: { fr: string; en: string };
  /**
   * Set for a rule with `doneWith`: true when the declarant ticked the measure that meets it (their word, which the
   * governance team checks). Absent from assessments made before rules named such measures.
   */
  declaredDone?: boolean;
  /** The quoted passage, verbatim, with its citation; null when the indexed documents no longer hold it. */
  quote: QuotedPassage | null;
}

/** A preliminary assessment: an impact level (1–4, in the spirit of the Canadian AIA) and the obligations. */
export interface Assessment {
  /** Version of the rules file used. */
  rulesVersion: string;
  level: 1 | 2 | 3 | 4;
  /** Sum of the weights of the rules that fired. */
  score: number;
  obligations: Obligation[];
  assessedAt: string;
}

/** A stored declaration. `revision` increases at every change (optimistic concurrency). Dates are ISO strings. */
export interface DeclarationRecord {
  /** Internal id (UUID). */
  id: string;
  /** `IA-AAAA-NNNN`, assigned at the first submission; null for a draft never submitted. */
  publicId: string | null;
  schemaVersion: number;
  data: DeclarationDraft;
  /**
   * The data as last submitted (what governance reviewed and what exports show); null before the first submission.
   * Edits after governance asked for changes go to `data` only, until the next submission.
   */
  submittedData: DeclarationDraft | null;
  state: DeclarationState;
  declarant: Actor;
  /** Entra object ids of people the declarant added, in the order added: they may see, edit and submit the declaration. */
  collaborators: string[];
  revision: number;
  assessment: Assessment | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /**
   * When this draft was set aside (ISO 8601), null otherwise: a declarant's extra edited draft, kept by the
   * migration that made drafts one per declarant. A set-aside draft is not the declarant's draft (not resumed by
   * `/déclarer`, not editable, not submittable) until restored (`restoreDraft`), or it is deleted (`deleteDraft`).
   */
  setAsideAt: string | null;
  /**
   * The language of the declaration: the one its declarant's flow spoke when they last submitted it (`fr`, `en`).
   * The review card and the decision notice speak it. Null before the first submission, and for declarations
   * submitted before it was recorded (inventory migration 5).
   */
  language: Language | null;
  /**
   * For a resubmission after « changements demandés »: the fields whose value differs from the version governance
   * asked changes on (names only, form order; empty when none changed). Null for a first submission, a draft, and
   * declarations resubmitted before it was recorded (inventory migration 6).
   */
  changedSinceReview: DeclarationField[] | null;
}

/**
 * What is kept of a draft its declarant deleted (InventoryRepository.deleteDraft): its id, its declarant (user id
 * as stored, see Actor) and when (ISO 8601), nothing of what was typed. A button on an old card of that draft can
 * then say it was deleted, and when, rather than that the declaration cannot be found.
 */
export interface DeletedDraft {
  id: string;
  declarantId: string;
  deletedAt: string;
}

/** One transition, as recorded. `from` is null for the creation event. */
export interface DeclarationEvent {
  declarationId: string;
  at: string;
  actor: Actor;
  from: DeclarationState | null;
  to: DeclarationState;
  comment: string | null;
}

/**
 * One change of who may see a declaration, as recorded: `actor` (who made it, at `at`, ISO 8601) gave `userId` (an
 * Entra object id as stored, see Actor) access (`added`) or took it away (`removed`). Kept apart from
 * DeclarationEvent, whose events are state transitions (the review card and notices read them as such).
 */
export interface AccessEvent {
  declarationId: string;
  at: string;
  actor: Actor;
  change: 'added' | 'removed';
  userId: string;
}

/** Thrown when an edit is made from a stale revision (another person or window changed the declaration). */
export class StaleRevisionError extends Error {
  constructor(
    readonly declarationId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`declaration ${declarationId} changed (revision ${actual}, edit made from ${expected})`);
    this.name = 'StaleRevisionError';
  }
}

/**
 * Storage of declarations, their events and the conversation references used for proactive messages.
 * Implemented on SQLite (the knowledge base's file, default) and PostgreSQL; the same test suite runs on both.
 * All methods are async (PostgreSQL is); they throw StaleRevisionError on a revision mismatch and Error for
 * broken infrastructure only.
 */
/**
 * A review card posted in the governance channel: the activity id the connector answered the post with
 * (ResourceResponse.id) and the conversation reference (JSON, as stored by saveConversation) it was posted with.
 */
export interface PostedReviewCard {
  reference: unknown;
  activityId: string;
}

export interface InventoryRepository {
  /**
   * Creates a draft (revision 1) with a `created` event (from null to draft). A declarant has at most one draft
   * (a partial unique index on both engines): when one exists, even one created concurrently, it is returned instead.
   * `setAsideEdited`: in the same transaction, the declarant's draft is first set aside (revision + 1, data kept) if
   * it was ever edited (revision > 1); one never edited is returned instead, so a double click makes one new draft.
   */
  createDraft(declarant: Actor, data: DeclarationDraft, now: string, options?: { setAsideEdited?: boolean }): Promise<DeclarationRecord>;
  get(id: string): Promise<DeclarationRecord | null>;
  getByPublicId(publicId: string): Promise<DeclarationRecord | null>;
  /** The declarant's most recently updated declaration in state draft or changes_requested, if any (never one set aside). */
  findOpenDraft(declarantId: string): Promise<DeclarationRecord | null>;
  /**
   * Makes a set-aside draft the declarant's draft again, in one transaction: their current draft, if any, is set
   * aside in its place (nothing is lost), a blank one too: its step card may hold what the person is typing and has
   * not saved yet (« mes déclarations » leaves blank drafts out: isUntouchedDraft). Revision + 1 on each changed record. A draft not set aside is returned unchanged (a double click).
   * @throws DeclarationNotFoundError; WrongStateError when the declaration is not a draft
   */
  restoreDraft(id: string, now: string): Promise<DeclarationRecord>;
  /**
   * Deletes a draft never submitted (state `draft`, no IA number), set aside or the declarant's current one, with its
   * events and collaborators, and records its tombstone (DeletedDraft, `deletedAt` = `now`) in the same transaction.
   * A declaration submitted at least once is never deleted; with `expectedRevision`, a draft changed since (another
   * revision) is not either.
   * @returns false when there was nothing to delete (no such declaration, not a draft never submitted, changed)
   */
  deleteDraft(id: string, now: string, expectedRevision?: number): Promise<boolean>;
  /** The tombstone of a draft deleted by deleteDraft, or null (never existed, or not deleted that way). */
  deletedDraft(id: string): Promise<DeletedDraft | null>;
  /**
   * Replaces the data (values as typed) of a draft or changes_requested declaration, not set aside; revision + 1.
   * With `options.setAside`, of a draft set aside instead (it stays set aside): what a card of that draft typed on
   * another device after it was set aside is kept in it.
   * With `options.unchanged` (the caller found no value changed as the card shows them: see changedFields), the data
   * is written (an emptied input stored as `''`, a toggle as `false`) but the revision and update time stay: a draft
   * where « Suivant » was pressed with nothing entered is still never edited (revision 1), so « Nouvelle déclaration »
   * reuses it rather than setting it aside.
   * @throws DeclarationNotFoundError; StaleRevisionError; WrongStateError when the declaration is not in that state
   */
  saveData(
    id: string,
    expectedRevision: number,
    data: DeclarationDraft,
    now: string,
    options?: { setAside?: boolean; unchanged?: boolean },
  ): Promise<DeclarationRecord>;
  /**
   * Submits: sets the assessment, moves to `submitted` (event), assigns `IA-<year>-<NNNN>` when there is none
   * (numbered per year, gap-free, never reused), in one transaction; revision + 1.
   * Idempotent on `submissionKey`: the same key again returns the stored record unchanged. The data is kept as
   * `submittedData`, and a `review_card` notification is queued in the outbox in the same transaction. `language`,
   * when given, becomes the declaration's language (see DeclarationRecord.language); absent, it stays as it was.
   * A resubmission after changes_requested records which fields changed since the version reviewed
   * (DeclarationRecord.changedSinceReview, see changedFields); a first submission records null.
   */
  submit(
    id: string,
    expectedRevision: number,
    submission: { assessment: Assessment; actor: Actor; key: string; now: string; language?: Language },
  ): Promise<DeclarationRecord>;
  /** Moves to another state with an event (who, when, comment); revision + 1. */
  transition(id: string, expectedRevision: number, to: DeclarationState, actor: Actor, comment: string | null, now: string): Promise<DeclarationRecord>;
  /**
   * A governance reviewer takes a `submitted` declaration for review (« Prendre en charge »), in one transaction: the
   * state becomes `in_review` (revision + 1) with its event (who, when, from `submitted`), and a `decision_notice`
   * whose event is that `in_review` one is queued for the declarant in the outbox, with a `decision_copy` for each
   * collaborator, so the notice « en examen » and the later decision's reach them in that order. A concurrent take or
   * decision makes the later one StaleRevisionError.
   * @throws DeclarationNotFoundError; StaleRevisionError; WrongStateError when the declaration is not `submitted`
   */
  takeForReview(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord>;
  /**
   * Records a governance decision (`approved`, `changes_requested`, `rejected`) in one transaction: a synthetic
   * `in_review` event first when the declaration was `submitted` (decided without being taken for review; one taken
   * with takeForReview already has its real one, and gets no other), then the decision event, the new state
   * (revision + 1), a `decision_notice` for the declarant and a `decision_copy` for each collaborator (in the order
   * they were added) in the outbox. A concurrent decision makes the later one StaleRevisionError.
   * @throws WrongStateError when `to` is not a decision or the declaration is not awaiting one
   */
  decide(id: string, expectedRevision: number, to: DeclarationState, actor: Actor, comment: string | null, now: string): Promise<DeclarationRecord>;
  /**
   * Adds a collaborator (`userId` as stored, see Actor; added at `now`, ISO 8601) and queues, in the same
   * transaction, the `shared_notice` that tells them (outbox, recipient `userId`): idempotent (someone already a
   * collaborator is neither added nor told again), and a no-op for the declarant. An addition is recorded as an
   * `added` AccessEvent by `actor` at `now`, in the same transaction. Neither the revision nor the update time changes: who may see a declaration is not its content, and a
   * review card or step card shown before the share must still record its decision or step (a bump would make them
   * stale).
   * @throws DeclarationNotFoundError
   */
  addCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord>;
  /**
   * Removes a collaborator (idempotent: someone not one leaves the record as it is); revision and update time
   * unchanged, as for addCollaborator. A removal is recorded as an `removed` AccessEvent by `actor` at `now`.
   * @throws DeclarationNotFoundError
   */
  removeCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord>;
  /**
   * Takes a `submitted` declaration (not yet taken for review, not decided, not set aside) back to `draft` for its
   * authors (« Reprendre en brouillon »), in one transaction: the state becomes `draft` (revision + 1) with its event
   * (who, when, from `submitted`); data, IA number, assessment and last submitted version are kept, so it can be
   * edited and submitted again under the same number. The declarant's current draft, if another one, steps aside as
   * restoreDraft does (set aside, a blank one too), since a declarant has one draft: its step card in the declarant's
   * chat may hold what they are typing and not yet saved, whoever pressed « Reprendre en brouillon ».
   * When the review card of its latest submission is recorded (saveReviewCard), a `card_update` whose event is that
   * `draft` one is queued; otherwise, when that card was posted (delivered, or being posted), a `withdrawn_notice`
   * whose event is that `draft` one is queued for the governance channel. Each other author (the declarant, then the
   * collaborators in the order they were added, all but `actor`) gets a `taken_back_notice` whose event is that `draft`
   * one. A concurrent take, decision or withdrawal makes
   * the later one StaleRevisionError.
   * @throws DeclarationNotFoundError; StaleRevisionError; WrongStateError when the declaration is not `submitted`
   */
  withdraw(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord>;
  /**
   * A collaborator stops following a declaration (« Ne plus suivre »): `actor` is removed from its collaborators,
   * recorded as a `removed` AccessEvent whose actor is the person removed (a self-removal), and a `left_notice` whose
   * event is that access event is queued for the declarant, in one transaction; revision and update time unchanged,
   * as for removeCollaborator. `left` is false, nothing written, when the actor was not a collaborator (a second
   * press, or the declarant took the access away first).
   * @throws DeclarationNotFoundError; WrongStateError when the declaration is approved or rejected (LEAVABLE_STATES)
   */
  leave(id: string, actor: Actor, now: string): Promise<{ record: DeclarationRecord; left: boolean }>;
  /**
   * Records the review card just posted in the governance channel for the declaration's latest submission (its
   * activity id and the conversation reference it was posted with), replacing any earlier one: from then on each state
   * change of the declaration (take, hand back, decision, withdrawal, reopening) queues a `card_update` in its
   * transaction instead of leaving the card as posted (and a withdrawal no `withdrawn_notice`). `shownEvents` is how
   * many events the posted card was rendered from: when more were recorded meanwhile (a change committed between the
   * rendering and this call, which queued no update), a `card_update` for the latest is queued here. A new submission
   * forgets the card (the next one replaces it). Nothing is recorded for an unknown declaration.
   */
  saveReviewCard(id: string, card: PostedReviewCard, shownEvents: number, now: string): Promise<void>;
  /** The review card recorded by saveReviewCard for the declaration's latest submission, or null. */
  postedReviewCard(id: string): Promise<PostedReviewCard | null>;
  /**
   * Forgets the recorded review card when it is still `activityId` (the connector said the message no longer
   * exists): later state changes no longer try to update it.
   */
  forgetReviewCard(id: string, activityId: string): Promise<void>;
  /** The access changes of a declaration (AccessEvent), oldest first; empty for an unknown id. */
  accessEvents(id: string): Promise<AccessEvent[]>;
  /** Declarations a person declared or collaborates on, most recent first. */
  listForUser(userId: string): Promise<DeclarationRecord[]>;
  /** All declarations except drafts never submitted, optionally by state, most recent first. */
  list(filter?: { states?: DeclarationState[] }): Promise<DeclarationRecord[]>;
  events(id: string): Promise<DeclarationEvent[]>;
  /**
   * The export of exportInventoryBytes (the same bytes), made by the store its own way when it has one: the SQLite
   * store makes it in a worker thread with its own read-only connection (exportSqliteOffThread), as its synchronous
   * driver would otherwise hold the bot's thread for seconds. Absent: the service calls exportInventoryBytes.
   * @throws InventoryStoreError when the store cannot be read or the export fails, stops or takes too long
   */
  exportFile?(options: ExportOptions): Promise<InventoryBytes>;
  /** Stores a JSON conversation reference under a key (`governance-channel`, `user:<id>`), replacing any. */
  saveConversation(key: string, reference: unknown): Promise<void>;
  getConversation(key: string): Promise<unknown | null>;
  /** Resolves when the store answers a trivial query (readiness); rejects with the driver's error when it does not. */
  ping(): Promise<void>;
  /**
   * Claims up to `limit` notifications due at `now` and not leased by another worker, leasing them to `owner`
   * until `now + leaseMs` (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two instances never claim the same row).
   * A lease that ran out (a crashed worker) makes its row claimable again. Oldest first.
   */
  claimNotifications(owner: string, now: string, leaseMs: number, limit: number): Promise<NotificationItem[]>;
  /** The owners of the leases still running at `now` on undelivered notifications (see claimNotifications). */
  notificationLeaseOwners(now: string): Promise<string[]>;
  /**
   * Ends the leases of `owners` on undelivered notifications, which become claimable at once instead of when their
   * lease runs out: for workers known to be dead (a process killed mid-delivery, then restarted).
   * @returns how many leases were ended
   */
  releaseNotificationLeases(owners: readonly string[]): Promise<number>;
  /**
   * Records one delivery attempt of a claimed notification and releases its lease: `delivered` and `obsolete`
   * close it; `failed` and `waiting` set when it is due again (`nextAttemptAt`). An attempt that repeats the latest
   * recorded one (same `failed` or `waiting` outcome and detail) counts on that row instead of adding one; a
   * `failed` one is recorded as `given_up`, and closes the notification, when `giveUpIfFailingSince` says so
   * (repository-rows.ts storedAttempt).
   * @returns the outcome recorded, or null when the notification no longer exists (its declaration was deleted)
   */
  recordNotificationAttempt(id: string, attempt: AttemptRecord): Promise<NotificationAttempt['outcome'] | null>;
  /**
   * Makes every undelivered notification of a declaration (or, without one, every undelivered review card) due at
   * `now`: a duplicate submit re-posts a card that never went out; a newly registered channel gets waiting cards.
   * @returns how many were made due
   */
  expediteNotifications(filter: { declarationId: string } | { kind: 'review_card' }, now: string): Promise<number>;
  /**
   * Queues a review card for every declaration awaiting a decision that has no undelivered one (a channel just
   * registered gets every pending card) and makes the undelivered ones due at `now`.
   * @returns how many are now due
   */
  requeueReviewCards(now: string): Promise<number>;
  /** The notifications given up and not made up for since (see GivenUpNotification), oldest first. */
  givenUpNotifications(): Promise<GivenUpNotification[]>;
  /** A declaration's notifications, oldest first, with their attempts (for tests and investigations). */
  notifications(declarationId: string): Promise<Array<NotificationItem & { deliveredAt: string | null; attemptLog: NotificationAttempt[] }>>;
  close(): Promise<void>;
}

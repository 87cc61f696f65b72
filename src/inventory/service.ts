import type { Language } from '../answers/types.js';
import type { StepFingerprints } from './merge.js';
import type { Declaration, DeclarationDraft, FieldErrors, Step } from './schema.js';
import type { AccessEvent, Actor, DeclarationEvent, DeclarationRecord, DeclarationState } from './types.js';
import type { GivenUpNotification } from './outbox.js';
import type { ExportFormat, InventoryBytes } from './export.js';

/** Defaults for a new declaration: the configured public body and the declarant's Teams identity (name, e-mail). */
export interface DraftDefaults {
  organismePublic?: string;
  contactName?: string;
  contactEmail?: string;
}

/** Outcomes every operation on one declaration can have besides success. */
export type AccessFailure =
  /**
   * No such declaration. `deletedAt` (ISO 8601): it was a draft that the actor, its declarant, deleted then (see
   * DeletedDraft); absent for anyone else, so a deletion is told to nobody but the person who made it.
   */
  | { kind: 'not_found'; deletedAt?: string }
  /** The actor is neither the declarant, a collaborator nor a governance admin (a forged or foreign payload). */
  | { kind: 'forbidden' }
  /** The card was stale: another window or person changed the declaration; here is the current version. */
  | { kind: 'stale'; current: DeclarationRecord }
  /** The operation does not apply in the declaration's state (e.g. editing an approved declaration). */
  | { kind: 'wrong_state'; current: DeclarationRecord };

/** What governance can decide on a submitted or in-review declaration. */
export type ReviewDecision = 'approve' | 'request_changes' | 'reject';

/**
 * The declaration workflow, free of Teams types: the bot's card handlers and the CLI call it.
 * Every method checks authorization (declarant, collaborators, governance admins) and revisions.
 */
export interface InventoryService {
  /**
   * The actor's unfinished draft (or declaration sent back for changes), else a new draft with the defaults. A
   * function giving the defaults is called only when a new draft is made (a look-up the resumed draft does not need).
   */
  startOrResume(actor: Actor, defaults: DraftDefaults | (() => Promise<DraftDefaults>)): Promise<DeclarationRecord>;
  /**
   * A new draft with the defaults, the actor's current draft set aside first (DeclarationRecord.setAsideAt: kept
   * with everything typed, listed in « mes déclarations » to resume or delete). A current draft with nothing typed
   * in it (never edited, or erased back to its defaults: see isUntouchedDraft) is not set aside but returned
   * (`setAside: null`), so a double click makes one new draft. A declaration sent back
   * for changes is not a draft: it stays as it is.
   */
  startNew(
    actor: Actor,
    defaults: DraftDefaults | (() => Promise<DraftDefaults>),
  ): Promise<{ record: DeclarationRecord; setAside: DeclarationRecord | null }>;
  /**
   * Saves the values of one step as typed (merged into the draft) and returns that step's validation problems;
   * values are kept even when invalid.
   *
   * From a stale card (`revision` is not the current one), what the person typed is not thrown away: with `shown`
   * (the card's digests, see StepFingerprints), the fields they changed that nobody changed meanwhile are saved into
   * the current draft, and the fields changed on both sides are returned as `conflicts` (the typed values, not
   * saved) for the person to confirm: `merged`. When every value on the card is already the current one (a double
   * click, a redelivered invoke: the same press again), the answer is that of a fresh press, `saved` with the current
   * record (nothing written, so the same revision). When the card otherwise brings nothing of its own (its values
   * are the ones it showed, since changed elsewhere: an untouched old card), the answer is `stale` with the current
   * version. A draft set aside meanwhile (« Nouvelle déclaration » on another device) answers `wrong_state`, with
   * the fields the card changed (merged the same way, conflicts left out) saved into it first: it stays set aside,
   * holding them for « Reprendre ce brouillon ».
   */
  saveStep(
    actor: Actor,
    id: string,
    revision: number,
    step: Step,
    values: DeclarationDraft,
    shown?: StepFingerprints,
  ): Promise<
    | { kind: 'saved'; record: DeclarationRecord; errors: FieldErrors }
    | { kind: 'merged'; record: DeclarationRecord; errors: FieldErrors; conflicts: DeclarationDraft }
    | AccessFailure
  >;
  /**
   * Validates the whole draft, computes the preliminary assessment (live quotes), stores the submission and
   * assigns its IA-AAAA-NNNN id. Idempotent on `submissionKey`: a double click or a redelivered invoke gives the
   * same record and `duplicate: true` while the declaration is still submitted or in review; once governance has
   * decided or asked for changes, that old key answers `stale` with the current version (nothing is resubmitted).
   * `language`: the language of the declarant's flow, recorded as the declaration's (DeclarationRecord.language).
   */
  submit(
    actor: Actor,
    id: string,
    revision: number,
    submissionKey: string,
    language?: Language,
  ): Promise<
    | { kind: 'submitted'; record: DeclarationRecord; declaration: Declaration; duplicate: boolean }
    | { kind: 'invalid'; record: DeclarationRecord; errors: FieldErrors }
    | AccessFailure
  >;
  /**
   * Makes a draft set aside (see DeclarationRecord.setAsideAt) the declarant's draft again; their current draft, if
   * any, is set aside in its place, so nothing is lost, a blank one too (its step card may hold what the person is
   * typing; « mes déclarations » leaves it out while blank). Declarant only; a draft not set aside is returned as is.
   */
  restoreDraft(actor: Actor, id: string): Promise<{ kind: 'restored'; record: DeclarationRecord } | AccessFailure>;
  /**
   * Deletes a draft never submitted (see isDeletableDraft): one set aside, or the declarant's current draft, left
   * blank by « Nouvelle déclaration » for instance. Declarant only; a declaration submitted at least once (sent back
   * for changes included) is `wrong_state` and nothing is deleted. With `revision` (the draft's as the person was asked
   * to confirm), a draft changed since is `stale`, with its current version, and nothing is deleted: what was typed
   * since on another window or device is not lost on the strength of an older question.
   */
  deleteDraft(actor: Actor, id: string, revision?: number): Promise<{ kind: 'deleted' } | AccessFailure>;
  /**
   * Governance decision (admins only), recorded in one transaction with the declarant's notice queued;
   * `request_changes` and `reject` need a comment (`comment_required`) holding at least one letter
   * (`comment_without_words`: « . » says neither what to change nor why it is refused); the declarant, collaborators and anyone who ever submitted it get
   * `own_declaration`. A
   * declaration no longer awaiting a decision is `wrong_state`, and one changed since `revision` `stale`, with or
   * without the comment.
   */
  review(
    actor: Actor,
    id: string,
    revision: number,
    decision: ReviewDecision,
    comment: string | null,
  ): Promise<{ kind: 'reviewed'; record: DeclarationRecord } | { kind: 'comment_required' } | { kind: 'comment_without_words' } | { kind: 'own_declaration' } | AccessFailure>;
  /**
   * A governance admin takes a `submitted` declaration for review (« Prendre en charge »): it becomes `in_review`, with
   * the event (who, when) and the declarant's notice queued in one transaction (InventoryRepository.takeForReview).
   * The same admin again on a declaration they have in review (a double press, a redelivered invoke) is `taken` with
   * `repeated: true`, nothing written. Taken by someone else meanwhile (who: reviewTakenBy), decided, or never
   * submitted: `wrong_state` with the current record; changed since `revision` (resubmitted, handed back): `stale`.
   * Two admins at once: one takes it, the other gets `wrong_state`. Same `own_declaration` rule as review.
   */
  takeForReview(
    actor: Actor,
    id: string,
    revision: number,
  ): Promise<{ kind: 'taken'; record: DeclarationRecord; repeated: boolean } | { kind: 'own_declaration' } | AccessFailure>;
  /**
   * Hands an `in_review` declaration back to the queue (« Remettre en attente »): `submitted` again, with the event
   * (who, when, from `in_review`); no notice. Any governance admin may, not only the one who took it (someone away).
   * A declaration this admin just handed back (its last event, theirs) is `released` with `repeated: true`; any other
   * state is `wrong_state`, a change since `revision` `stale`. Same `own_declaration` rule as review.
   */
  releaseReview(
    actor: Actor,
    id: string,
    revision: number,
  ): Promise<{ kind: 'released'; record: DeclarationRecord; repeated: boolean } | { kind: 'own_declaration' } | AccessFailure>;
  /**
   * Queues the review card of every declaration awaiting a decision for delivery now (a governance channel was
   * just registered). Governance admins only. `due`: how many cards will be posted.
   */
  requeueReviews(actor: Actor): Promise<{ kind: 'queued'; due: number } | { kind: 'forbidden' }>;
  /**
   * Lets colleagues see, edit and submit a declaration: adds `userIds` (Microsoft Entra object ids, any case) as its
   * collaborators. Declarant only (a collaborator or a governance admin gets `forbidden`), in any state. The
   * declarant's own id is left out (`self` when it was the only one named); ids already collaborators are
   * `already`, not added twice. `too_many` when the declaration would then have more than MAX_COLLABORATORS,
   * and nothing is added. A collaborator who is a governance admin never reviews that declaration (see review).
   * Each person added is recorded as an `added` AccessEvent by the actor (events stay state transitions).
   * @throws ZodError when an id is empty or longer than 200 characters (the bot accepts Entra object ids only)
   */
  share(
    actor: Actor,
    id: string,
    userIds: readonly string[],
  ): Promise<
    | { kind: 'shared'; record: DeclarationRecord; added: string[]; already: string[] }
    | { kind: 'self' }
    | { kind: 'too_many'; record: DeclarationRecord; max: number }
    | AccessFailure
  >;
  /**
   * Takes a collaborator off a declaration: they no longer see it (its cards in their chat answer `forbidden`).
   * Declarant only; `removed` is false when `userId` was not a collaborator (a double click). A removal is recorded
   * as a `removed` AccessEvent by the actor.
   */
  unshare(actor: Actor, id: string, userId: string): Promise<{ kind: 'unshared'; record: DeclarationRecord; removed: boolean } | AccessFailure>;
  /**
   * « Reprendre en brouillon »: one of its authors (declarant or collaborator: those who may submit it) takes a
   * `submitted` declaration back to draft before any reviewer took it (InventoryRepository.withdraw: the event, the
   * answers, IA number and assessment kept, the governance channel told when its review card was posted). The same
   * person again on the draft they just took back (a double press) is `withdrawn` with `repeated: true`, nothing
   * written. Taken for review meanwhile (reviewTakenBy), decided, taken back by another author, or never submitted:
   * `wrong_state` with the current record; a reviewer taking it at the same moment makes exactly one of the two
   * recorded, the other `wrong_state`. Anyone else, governance admins included, gets `forbidden`.
   */
  withdraw(actor: Actor, id: string): Promise<{ kind: 'withdrawn'; record: DeclarationRecord; repeated: boolean } | AccessFailure>;
  /**
   * « Ne plus suivre »: a collaborator stops following a declaration shared with them (InventoryRepository.leave:
   * the self-removal recorded as an access event, the declarant told through the outbox). `declarant` for its
   * declarant (who never leaves their own declaration); `not_following` when the actor is no longer a collaborator,
   * with the access event that ended it (`by` theirs: a second press; someone else's: the declarant took the access
   * away), nothing written; `wrong_state` once approved or rejected (LEAVABLE_STATES); `forbidden` for someone who
   * never had access. With `check`, nothing is written even for a collaborator, who gets `can_leave` (the question
   * « Ne plus suivre cette déclaration ? » is asked of them only).
   */
  leave(
    actor: Actor,
    id: string,
    options?: { check?: boolean },
  ): Promise<
    | { kind: 'left'; record: DeclarationRecord }
    | { kind: 'can_leave'; record: DeclarationRecord }
    | { kind: 'declarant' }
    | { kind: 'not_following'; ended: AccessEvent }
    | AccessFailure
  >;
  /** True for the declarant and the collaborators of `record`. */
  isAuthor(actor: Actor, record: DeclarationRecord): boolean;
  /**
   * The internal id of the declaration numbered `number` (`IA-AAAA-NNNN` as receipts give it; any case), for a
   * governance admin (`inventaire IA-AAAA-NNNN`); null when no declaration has that number or the actor is not one.
   */
  idOfNumber(actor: Actor, number: string): Promise<string | null>;
  /** A declaration the actor may see, with its events (state transitions) and its access changes (AccessEvent). */
  get(actor: Actor, id: string): Promise<{ kind: 'found'; record: DeclarationRecord; events: DeclarationEvent[]; accessEvents: AccessEvent[] } | AccessFailure>;
  /** The actor's declarations (declared or collaborating), most recent first. */
  listMine(actor: Actor): Promise<DeclarationRecord[]>;
  /** The whole inventory (governance admins only), optionally by state. */
  listAll(actor: Actor, states?: DeclarationState[]): Promise<DeclarationRecord[] | { kind: 'forbidden' }>;
  /**
   * The inventory exported as `balises export` writes it (see exportInventoryFile: the same bytes for the same
   * declarations, UTF-8), for governance admins only: what Teams hands them as a file. `states`: only those states.
   * Made off the bot's thread (the repository's exportFile, a worker thread on SQLite) or a slice at a time
   * (exportInventoryBytes), so that other conversations are answered meanwhile.
   * @throws the repository's errors (InventoryStoreError when the store cannot be read, or when the export fails,
   *   stops or takes longer than EXPORT_TIMEOUT_MS)
   */
  exportAll(actor: Actor, options: { format: ExportFormat; states?: DeclarationState[] }): Promise<({ kind: 'exported' } & InventoryBytes) | { kind: 'forbidden' }>;
  /**
   * The notifications given up because their conversation is gone (GivenUpNotification), for governance admins;
   * an empty list for anyone else.
   */
  givenUpNotifications(actor: Actor): Promise<GivenUpNotification[]>;
  /** True for governance admins (configured Entra object ids). */
  isGovernanceAdmin(actor: Actor): boolean;
}

/** Language of labels in exports and cards. */
export type { Language };

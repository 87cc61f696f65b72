import type { PassageLookup } from '../answers/passage-lookup.js';
import type { Language } from '../answers/types.js';
import { assess, type AssessmentRules } from './assessment.js';
import { exportInventoryBytes } from './export.js';
import { DeclarationNotFoundError, LEAVABLE_STATES, SubmissionKeyConflictError, WrongStateError } from './repository-errors.js';
import { changedFields, mergeStaleStep, type StepFingerprints } from './merge.js';
import {
  fieldsOf,
  MAX_DRAFT_VALUE_CHARS,
  unknownCodeFields,
  validateDeclaration,
  validateStep,
  type DeclarationDraft,
  type DeclarationField,
  type FieldErrors,
  type Step,
} from './schema.js';
import { sameUser, UserId, userIdKey } from './identity.js';
import { stripControlCharacters, visibleLength } from './text.js';
import type { AccessFailure, DraftDefaults, InventoryService, ReviewDecision } from './service.js';
import { StaleRevisionError, type AccessEvent, type Actor, type DeclarationEvent, type DeclarationRecord, type DeclarationState, type InventoryRepository } from './types.js';

/** Longest review comment kept; a longer one is cut here (the card's input has the same maxLength). */
export const MAX_REVIEW_COMMENT_CHARS = 1000;

/** What the workflow needs. */
export interface InventoryServiceDeps {
  repository: InventoryRepository;
  /** The assessment rules (loadAssessmentRules()). */
  rules: AssessmentRules;
  /** Quotes a rule's passage from the documents indexed now (the knowledge service's passageLookup()). */
  lookup: PassageLookup;
  /** Microsoft Entra object ids of the governance team (config.governanceAdminIds), compared case-insensitively. */
  governanceAdminIds: readonly string[];
  /** Clock; defaults to the system clock. */
  now?: () => Date;
}

/**
 * Most collaborators a declaration may have: a project team, not a department (its sharing card lists each one
 * with a button, and stays under Teams' card size).
 */
export const MAX_COLLABORATORS = 20;

/** Reads and writes of one saveStep when the draft keeps changing between them (concurrent edits), before `stale`. */
const MAX_SAVE_ATTEMPTS = 3;

const DECISION_STATES: Record<ReviewDecision, DeclarationState> = {
  approve: 'approved',
  request_changes: 'changes_requested',
  reject: 'rejected',
};
const EDITABLE: readonly DeclarationState[] = ['draft', 'changes_requested'];
const REVIEWABLE: readonly DeclarationState[] = ['submitted', 'in_review'];

/**
 * The declaration workflow over a repository (see InventoryService for each operation).
 *
 * Who may do what (users compared by `sameUser`, whatever the case of their ids): the declarant and their
 * collaborators see, edit and submit their declaration; governance admins see every declaration and review it, but
 * do not edit someone else's data. Anyone else gets `forbidden`, whatever ids a (forged) card payload names. A draft
 * set aside is not editable; only its declarant restores it. Only the declarant deletes a draft never submitted.
 * Those who may submit a declaration (declarant, collaborators) may also take it back to draft while it is
 * `submitted` and no reviewer has taken it (`withdraw`); a collaborator may stop following it (`leave`) until it is
 * approved or rejected, never its declarant.
 *
 * Review: a governance admin may first take a `submitted` declaration for review (`takeForReview`: `in_review`, the
 * event, the declarant told), and hand it back (`releaseReview`: `submitted` again). `review()` records the decision
 * in one transaction (repository `decide`): one still `submitted` gets a synthetic `in_review` event by the deciding
 * admin then the decision, one in review only the decision, so every decision follows one `in_review` event;
 * opening a declaration (`get`) changes nothing. Any admin may decide on a declaration another one has in review. Nobody reviews a declaration they declared or collaborate on,
 * governance admin or not (`own_declaration`), nor one they submitted as a collaborator since removed (otherwise a
 * declarant could share with an admin, let them submit it, and take the access away before they approve it). Comments lose control characters, are trimmed, empty means none,
 * and are cut at MAX_REVIEW_COMMENT_CHARS.
 *
 * Choices: a value that is not one of its field's codes (a forged payload) is not saved; the field keeps its value
 * and gets an error, in a new draft as in one reopened for changes.
 *
 * Submission: the whole draft is validated (an invalid draft stays a draft and gets its errors), assessed with live
 * quotes, then stored with its IA-AAAA-NNNN id. The repository is idempotent on the submission key; submits of the
 * same declaration are also serialised within this process, so a double click gives one record, the second call
 * answering `duplicate: true`. A key already used for another declaration (a forged replay) is `forbidden`.
 */
export function createInventoryService(deps: InventoryServiceDeps): InventoryService {
  const clock = deps.now ?? (() => new Date());
  const workflow: Workflow = {
    repository: deps.repository,
    rules: deps.rules,
    lookup: deps.lookup,
    admins: new Set(deps.governanceAdminIds.map(userIdKey)),
    now: () => clock().toISOString(),
    submitting: new Map(),
  };
  const { repository, now } = workflow;
  const isGovernanceAdmin = (actor: Actor) => isAdminIn(workflow, actor);

  return {
    isGovernanceAdmin,

    async startOrResume(actor, given) {
      const open = await repository.findOpenDraft(actor.id);
      if (open) return open;
      return repository.createDraft(actor, await draftOf(given), now());
    },

    async startNew(actor, given) {
      const open = await repository.findOpenDraft(actor.id);
      // Nothing typed in it, or all of it erased since: that draft is the new one (the repository would set aside one
      // edited, which it knows by its revision only).
      if (open && isUntouchedDraft(open)) return { record: open, setAside: null };
      const previous = open && open.state === 'draft' && open.revision > 1 ? open : null;
      const record = await repository.createDraft(actor, await draftOf(given), now(), { setAsideEdited: true });
      return { record, setAside: previous && previous.id !== record.id ? previous : null };
    },



    saveStep: (actor, id, revision, step, values, shown) => saveStep(workflow, actor, id, revision, step, values, shown),

    submit: (actor, id, revision, submissionKey, language) =>
      serialised(workflow, id, () => submitOnce(workflow, actor, id, revision, submissionKey, language)),

    async review(actor, id, revision, decision, comment) {
      const record = await loadForReview(workflow, actor, id);
      if (!isRecord(record)) return record;
      const typed = (comment === null ? '' : stripControlCharacters(comment)).trim().slice(0, MAX_REVIEW_COMMENT_CHARS);
      // A comment of zero-width spaces or direction marks would reach the declarant as an empty request.
      const text = visibleLength(typed) > 0 ? typed : null;
      // Decided already (by another reviewer), or changed since the card was shown (resubmitted): that is the news,
      // not a missing comment, which the decided card has no input for and the changed one would ask for on a
      // version the reviewer has not seen yet.
      if (!REVIEWABLE.includes(record.state)) return { kind: 'wrong_state', current: record };
      if (record.revision !== revision) return { kind: 'stale', current: record };
      if (decision !== 'approve' && !text) return { kind: 'comment_required' };
      // « . » or « ??? » tells the declarant neither what to change nor why it was refused.
      if (decision !== 'approve' && !/\p{L}/u.test(text ?? '')) return { kind: 'comment_without_words' };
      try {
        const decided = await repository.decide(id, revision, DECISION_STATES[decision], actor, text, now());
        return { kind: 'reviewed', record: decided };
      } catch (error) {
        return failureOf(workflow, error, id);
      }
    },

    takeForReview: (actor, id, revision) => moveReview(workflow, actor, id, revision, 'take', (record, repeated) => ({ kind: 'taken', record, repeated })),

    releaseReview: (actor, id, revision) =>
      moveReview(workflow, actor, id, revision, 'release', (record, repeated) => ({ kind: 'released', record, repeated })),

    async restoreDraft(actor, id) {
      const record = await load(workflow, actor, id, 'declarant');
      if (isFailure(record)) return record;
      try {
        return { kind: 'restored', record: await repository.restoreDraft(id, now()) };
      } catch (error) {
        return failureOf(workflow, error, id);
      }
    },

    async deleteDraft(actor, id, revision) {
      const record = await load(workflow, actor, id, 'declarant');
      if (isFailure(record)) return record;
      if (!isDeletableDraft(record)) return { kind: 'wrong_state', current: record };
      if (revision !== undefined && record.revision !== revision) return { kind: 'stale', current: record };
      if (await repository.deleteDraft(id, now(), revision)) return { kind: 'deleted' };
      // Changed or submitted between the read and the delete (the repository checks again): nothing was deleted.
      const current = await repository.get(id);
      return current ? { kind: 'stale', current } : notFound(workflow, actor, id);
    },

    async share(actor, id, userIds) {
      const record = await load(workflow, actor, id, 'declarant');
      if (isFailure(record)) return record;
      const named = [...new Set(userIds.map((userId) => UserId.parse(userId)))].filter((userId) => !sameUser(userId, record.declarant.id));
      if (named.length === 0) return { kind: 'self' };
      const already = named.filter((userId) => record.collaborators.includes(userId));
      const added = named.filter((userId) => !record.collaborators.includes(userId));
      if (record.collaborators.length + added.length > MAX_COLLABORATORS) return { kind: 'too_many', record, max: MAX_COLLABORATORS };
      let shared = record;
      for (const userId of added) shared = await repository.addCollaborator(id, userId, now(), actor);
      return { kind: 'shared', record: shared, added, already };
    },

    async unshare(actor, id, userId) {
      const record = await load(workflow, actor, id, 'declarant');
      if (isFailure(record)) return record;
      const key = userIdKey(userId);
      if (!record.collaborators.includes(key)) return { kind: 'unshared', record, removed: false };
      return { kind: 'unshared', record: await repository.removeCollaborator(id, key, now(), actor), removed: true };
    },

    async withdraw(actor, id) {
      const record = await load(workflow, actor, id, 'edit');
      if (isFailure(record)) return record;
      const judged = await judgeWithdrawal(workflow, actor, record);
      if (judged) return judged === 'repeated' ? { kind: 'withdrawn', record, repeated: true } : judged;
      try {
        return { kind: 'withdrawn', record: await repository.withdraw(id, record.revision, actor, now()), repeated: false };
      } catch (error) {
        if (!(error instanceof StaleRevisionError || error instanceof WrongStateError)) return failureOf(workflow, error, id);
        // A reviewer (or another author) moved first: judged again on the declaration as that move left it.
        const current = await repository.get(id);
        if (!current) return { kind: 'not_found' };
        const again = await judgeWithdrawal(workflow, actor, current);
        return again === 'repeated' ? { kind: 'withdrawn', record: current, repeated: true } : (again ?? { kind: 'stale', current });
      }
    },

    async leave(actor, id, options) {
      const record = await repository.get(id);
      if (!record) return notFound(workflow, actor, id);
      if (sameUser(record.declarant.id, actor.id)) return { kind: 'declarant' };
      if (!record.collaborators.some((userId) => sameUser(userId, actor.id))) return notFollowing(workflow, actor, id);
      if (!LEAVABLE_STATES.includes(record.state)) return { kind: 'wrong_state', current: record };
      if (options?.check) return { kind: 'can_leave', record };
      try {
        const { record: after, left } = await repository.leave(id, actor, now());
        return left ? { kind: 'left', record: after } : notFollowing(workflow, actor, id);
      } catch (error) {
        return failureOf(workflow, error, id);
      }
    },

    async idOfNumber(actor, number) {
      if (!isGovernanceAdmin(actor)) return null;
      return (await repository.getByPublicId(number.toUpperCase()))?.id ?? null;
    },

    async get(actor, id) {
      const record = await load(workflow, actor, id, 'see');
      if (isFailure(record)) return record;
      return { kind: 'found', record, events: await repository.events(id), accessEvents: await repository.accessEvents(id) };
    },

    async requeueReviews(actor) {
      if (!isGovernanceAdmin(actor)) return { kind: 'forbidden' };
      return { kind: 'queued', due: await repository.requeueReviewCards(now()) };
    },

    isAuthor,

    async listMine(actor) {
      return repository.listForUser(actor.id);
    },

    async listAll(actor, states) {
      if (!isGovernanceAdmin(actor)) return { kind: 'forbidden' };
      return repository.list(states ? { states } : undefined);
    },
    async exportAll(actor, options) {
      if (!isGovernanceAdmin(actor)) return { kind: 'forbidden' };
      const request = { ...options, now: now() };
      const file = repository.exportFile ? await repository.exportFile(request) : await exportInventoryBytes(repository, request);
      return { kind: 'exported', ...file };
    },
    async givenUpNotifications(actor) {
      return isGovernanceAdmin(actor) ? repository.givenUpNotifications() : [];
    },
  };
}


/** What the workflow's operations share (see createInventoryService). */
interface Workflow {
  readonly repository: InventoryRepository;
  readonly rules: AssessmentRules;
  readonly lookup: PassageLookup;
  /** The governance admins' ids, as userIdKey gives them. */
  readonly admins: ReadonlySet<string>;
  /** The time now, as an ISO string. */
  readonly now: () => string;
  /** Per declaration id, the last submit started in this process (settled or not; see serialised). */
  readonly submitting: Map<string, Promise<unknown>>;
}

/** Whether `actor` is a governance admin (ids compared as userIdKey does: whatever their case). */
function isAdminIn(workflow: Workflow, actor: Actor): boolean {
  return workflow.admins.has(userIdKey(actor.id));
}

/** Whether `actor` declared `record` or collaborates on it (ids compared by sameUser). */
function isAuthor(actor: Actor, record: DeclarationRecord): boolean {
  return sameUser(record.declarant.id, actor.id) || record.collaborators.some((id) => sameUser(id, actor.id));
}

/**
 * The record, for a governance admin who may review it; `own_declaration` for its declarant, a collaborator or anyone
 * who ever submitted it (see createInventoryService), whatever their role; else the access failure.
 */
async function loadForReview(workflow: Workflow, actor: Actor, id: string): Promise<DeclarationRecord | AccessFailure | { kind: 'own_declaration' }> {
  const record = await load(workflow, actor, id, 'review');
  if (isFailure(record)) return record;
  if (isAuthor(actor, record) || (await hasSubmitted(workflow, actor, id))) return { kind: 'own_declaration' };
  return record;
}

/**
 * The `in_review` event of the reviewer who has `record` in review now (who took it, when), from its `events`
 * (oldest first); null when it is not in review. A declaration decided straight from `submitted` was never in
 * review but for the instant of its decision, so only the state `in_review` has one.
 */
export function reviewTakenBy(record: Pick<DeclarationRecord, 'state'>, events: readonly DeclarationEvent[]): DeclarationEvent | null {
  if (record.state !== 'in_review') return null;
  return events.findLast((event) => event.to === 'in_review') ?? null;
}

/**
 * InventoryService.takeForReview (`take`) and releaseReview (`release`): the state is checked before the revision,
 * so that a press on a card another reviewer's move made out of date says what happened rather than « changed »;
 * after a write refused because someone else moved first, the record is read and judged again the same way.
 */
async function moveReview<Done>(
  workflow: Workflow,
  actor: Actor,
  id: string,
  revision: number,
  move: 'take' | 'release',
  done: (record: DeclarationRecord, repeated: boolean) => Done,
): Promise<Done | { kind: 'own_declaration' } | AccessFailure> {
  const record = await loadForReview(workflow, actor, id);
  if (!isRecord(record)) return record;
  const judged = await judgeMove(workflow, actor, record, revision, move);
  if (judged) return judged === 'repeated' ? done(record, true) : judged;
  try {
    const { repository, now } = workflow;
    const moved = move === 'take' ? await repository.takeForReview(id, revision, actor, now()) : await repository.transition(id, revision, 'submitted', actor, null, now());
    return done(moved, false);
  } catch (error) {
    if (!(error instanceof StaleRevisionError || error instanceof WrongStateError)) return failureOf(workflow, error, id);
    const current = await workflow.repository.get(id);
    if (!current) return { kind: 'not_found' };
    const again = await judgeMove(workflow, actor, current, revision, move);
    return again === 'repeated' ? done(current, true) : (again ?? { kind: 'stale', current });
  }
}

/**
 * How a take or release of `record` as it stands is answered: `repeated` when it is already where this press leads
 * by this same person's last move (a double press, answered as the first one), a failure, or null when the move is
 * to be written.
 */
async function judgeMove(
  workflow: Workflow,
  actor: Actor,
  record: DeclarationRecord,
  revision: number,
  move: 'take' | 'release',
): Promise<'repeated' | AccessFailure | null> {
  const from: DeclarationState = move === 'take' ? 'submitted' : 'in_review';
  const to: DeclarationState = move === 'take' ? 'in_review' : 'submitted';
  if (record.state !== from) {
    const last = (await workflow.repository.events(record.id)).at(-1);
    // Only this press's own move repeated: a release after the same reviewer's decision (also from `in_review`) is late.
    const repeated = record.state === to && last !== undefined && last.from === from && last.to === to && sameUser(last.actor.id, actor.id);
    return repeated ? 'repeated' : { kind: 'wrong_state', current: record };
  }
  return record.revision === revision ? null : { kind: 'stale', current: record };
}

/**
 * How « Reprendre en brouillon » on `record` as it stands is answered: `repeated` when it is the draft this same
 * person just took back (its last event, theirs, from `submitted`), a failure (`wrong_state`: not `submitted`, or set
 * aside), or null when the withdrawal is to be written.
 */
async function judgeWithdrawal(workflow: Workflow, actor: Actor, record: DeclarationRecord): Promise<'repeated' | AccessFailure | null> {
  if (record.state === 'submitted' && !record.setAsideAt) return null;
  const last = (await workflow.repository.events(record.id)).at(-1);
  const repeated = record.state === 'draft' && last !== undefined && last.from === 'submitted' && last.to === 'draft' && sameUser(last.actor.id, actor.id);
  return repeated ? 'repeated' : { kind: 'wrong_state', current: record };
}

/**
 * The answer to « Ne plus suivre » from someone not (or no longer) a collaborator of declaration `id`:
 * `not_following` with the access event that ended their access (their own departure, or the declarant's removal),
 * `forbidden` when they never had any.
 */
async function notFollowing(workflow: Workflow, actor: Actor, id: string): Promise<{ kind: 'not_following'; ended: AccessEvent } | AccessFailure> {
  const ended = (await workflow.repository.accessEvents(id)).findLast((event) => sameUser(event.userId, actor.id));
  return ended && ended.change === 'removed' ? { kind: 'not_following', ended } : { kind: 'forbidden' };
}

/**
 * Whether `actor` ever submitted declaration `id` (its submissions, whoever pressed « Soumettre »: isSubmission; a
 * reviewer who handed it back did not submit it).
 */
async function hasSubmitted(workflow: Workflow, actor: Actor, id: string): Promise<boolean> {
  return (await workflow.repository.events(id)).some((event) => isSubmission(event) && sameUser(event.actor.id, actor.id));
}

/**
 * Whether `event` is a submission (« Soumettre »: to `submitted` from a draft or a declaration sent back for changes),
 * not a reviewer handing it back from `in_review` (« Remettre en attente »), which is no submission of theirs.
 */
export function isSubmission(event: Pick<DeclarationEvent, 'from' | 'to'>): boolean {
  return event.to === 'submitted' && event.from !== 'in_review';
}

/** InventoryService.saveStep (see there): the step's fields as typed, merged into the draft when the card was stale. */
async function saveStep(
  workflow: Workflow,
  actor: Actor,
  id: string,
  revision: number,
  step: Step,
  values: DeclarationDraft,
  shown: StepFingerprints | undefined,
): ReturnType<InventoryService['saveStep']> {
  // Only this step's fields are taken from the card; the others, and fields the card left out, keep their values.
  // A value that is not one of its field's codes is not taken either: the field keeps its value, with an error.
  const unknown = new Set(unknownCodeFields(values));
  const typed: DeclarationDraft = {};
  for (const field of fieldsOf(step)) {
    if (values[field] !== undefined && !unknown.has(field)) typed[field] = values[field];
  }
  const withUnknown = (errors: FieldErrors): FieldErrors => {
    for (const field of unknown) errors[field] = 'not one of the choices';
    return errors;
  };
  for (let attempt = 1; ; attempt++) {
    const record = await load(workflow, actor, id, 'edit');
    if (isFailure(record)) return record;
    if (record.state === 'draft' && record.setAsideAt) {
      // Set aside elsewhere (« Nouvelle déclaration » on another device) while this card was open: what the card
      // changed is kept in that draft, still set aside, for « Reprendre ce brouillon » to bring back.
      const merge = mergeStaleStep(step, shown, typed, record.data);
      if (merge.taken.length === 0) return { kind: 'wrong_state', current: record };
      try {
        return { kind: 'wrong_state', current: await workflow.repository.saveData(id, record.revision, merge.merged, workflow.now(), { setAside: true }) };
      } catch (error) {
        if (error instanceof StaleRevisionError && attempt < MAX_SAVE_ATTEMPTS) continue;
        return failureOf(workflow, error, id);
      }
    }
    if (!EDITABLE.includes(record.state) || record.setAsideAt) return { kind: 'wrong_state', current: record };
    const fresh = record.revision === revision;
    const merge = fresh ? null : mergeStaleStep(step, shown, typed, record.data);
    if (merge && merge.taken.length === 0 && merge.conflicts.length === 0) {
      // The card sends what the draft already holds (a double click on « Suivant », a redelivered invoke): the
      // answer of the first press, not « this declaration changed ». Otherwise it brings nothing of its own but
      // shows values changed elsewhere since: the current version, saying so.
      if (merge.repeated) return { kind: 'saved', record, errors: withUnknown({ ...validateStep(step, record.data) }) };
      return { kind: 'stale', current: record };
    }
    try {
      const next = merge ? merge.merged : { ...record.data, ...typed };
      // « Suivant » with nothing entered is no edit: the revision stays, so « Nouvelle déclaration » still reuses a
      // blank draft rather than setting it aside (revision 1 is what « never edited » means to startNew).
      const unchanged = changedFields(record.data, next).length === 0;
      const saved = merge && merge.taken.length === 0 ? record : await workflow.repository.saveData(id, record.revision, next, workflow.now(), { unchanged });
      const errors = withUnknown({ ...validateStep(step, saved.data) });
      if (!merge) return { kind: 'saved', record: saved, errors };
      return { kind: 'merged', record: saved, errors, conflicts: Object.fromEntries(merge.conflicts.map((f) => [f, typed[f]])) };
    } catch (error) {
      // Changed again between the read and the write: merge into that newer version (the loop reads it).
      if (error instanceof StaleRevisionError && attempt < MAX_SAVE_ATTEMPTS) continue;
      return failureOf(workflow, error, id);
    }
  }
}

/** InventoryService.submit (see there), once the submits of the same declaration started before it are done. */
async function submitOnce(
  workflow: Workflow,
  actor: Actor,
  id: string,
  revision: number,
  submissionKey: string,
  language: Language | undefined,
): ReturnType<InventoryService['submit']> {
  const record = await load(workflow, actor, id, 'edit');
  if (isFailure(record)) return record;
  const ready = EDITABLE.includes(record.state) && record.revision === revision;
  if (!ready) {
    // Possibly the same submission again (a double click, a redelivered invoke): the repository recognises
    // the key and answers with the stored record; otherwise it refuses (stale revision, wrong state).
    if (!record.assessment) return record.revision === revision ? { kind: 'wrong_state', current: record } : { kind: 'stale', current: record };
    try {
      const at = workflow.now();
      const stored = await workflow.repository.submit(id, revision, { assessment: record.assessment, actor, key: submissionKey, now: at, language });
      // A review card that never went out (the connector was down, the process died) is due again now.
      await workflow.repository.expediteNotifications({ declarationId: id }, at);
      return submittedResult(stored, true);
    } catch (error) {
      return failureOf(workflow, error, id);
    }
  }
  const validation = validateDeclaration(record.data);
  if (!validation.ok) return { kind: 'invalid', record, errors: validation.errors };
  const at = workflow.now();
  const assessment = await assess(validation.value, workflow.rules, workflow.lookup, at);
  try {
    const stored = await workflow.repository.submit(id, revision, { assessment, actor, key: submissionKey, now: at, language });
    // Another instance may have stored this key first: then the record is not the one we just wrote.
    const ours = stored.revision === revision + 1 && JSON.stringify(stored.assessment) === JSON.stringify(assessment);
    if (!ours) await workflow.repository.expediteNotifications({ declarationId: id }, at);
    return submittedResult(stored, !ours);
  } catch (error) {
    return failureOf(workflow, error, id);
  }
}

/**
 * The record if the actor may act on it as `role`, else the failure to return. `declarant`: the declarant alone
 * (restoring or deleting a draft set aside), not collaborators nor governance admins.
 */
async function load(workflow: Workflow, actor: Actor, id: string, role: 'see' | 'edit' | 'review' | 'declarant'): Promise<DeclarationRecord | AccessFailure> {
  const record = await workflow.repository.get(id);
  if (!record) return notFound(workflow, actor, id);
  const allowed = {
    see: () => isAuthor(actor, record) || isAdminIn(workflow, actor),
    edit: () => isAuthor(actor, record),
    review: () => isAdminIn(workflow, actor),
    declarant: () => sameUser(record.declarant.id, actor.id),
  }[role]();
  return allowed ? record : { kind: 'forbidden' };
}

/** `not_found`, with the date of the deletion when the actor deleted that draft themselves (see AccessFailure). */
async function notFound(workflow: Workflow, actor: Actor, id: string): Promise<AccessFailure> {
  const tombstone = await workflow.repository.deletedDraft(id);
  return tombstone && sameUser(tombstone.declarantId, actor.id) ? { kind: 'not_found', deletedAt: tombstone.deletedAt } : { kind: 'not_found' };
}

/** Maps the repository's expected refusals to results; rethrows anything else (a bug or broken storage). */
async function failureOf(workflow: Workflow, error: unknown, id: string): Promise<AccessFailure> {
  if (error instanceof WrongStateError) return { kind: 'wrong_state', current: error.current };
  if (error instanceof DeclarationNotFoundError) return { kind: 'not_found' };
  if (error instanceof SubmissionKeyConflictError) return { kind: 'forbidden' };
  if (error instanceof StaleRevisionError) {
    const current = await workflow.repository.get(id);
    return current ? { kind: 'stale', current } : { kind: 'not_found' };
  }
  throw error;
}

/** Runs `task` after any submit of the same declaration started earlier in this process. */
function serialised<T>(workflow: Workflow, id: string, task: () => Promise<T>): Promise<T> {
  const { submitting } = workflow;
  const previous = submitting.get(id) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  submitting.set(id, settled);
  void settled.then(() => {
    if (submitting.get(id) === settled) submitting.delete(id);
  });
  return next;
}

/** Whether a review look-up (loadForReview) gave the record rather than a failure to return. */
function isRecord(value: DeclarationRecord | AccessFailure | { kind: 'own_declaration' }): value is DeclarationRecord {
  return !('kind' in value);
}

/** Whether a look-up gave a failure to return rather than the record. */
function isFailure(value: DeclarationRecord | AccessFailure): value is AccessFailure {
  return 'kind' in value;
}

/**
 * True for a draft never submitted (state `draft`, no IA number), set aside or not: its declarant may delete it,
 * since nobody but its authors has seen it. A declaration submitted once is part of the inventory and never deleted.
 */
export function isDeletableDraft(record: Pick<DeclarationRecord, 'state' | 'publicId'>): boolean {
  return record.state === 'draft' && record.publicId === null;
}

/** The fields a new draft is created with (see draftOf): filled in for the person, not typed by them. */
const DEFAULT_FIELDS: ReadonlySet<DeclarationField> = new Set(['organismePublic', 'contactName', 'contactEmail']);

/**
 * True for a declarant's draft holding nothing the person typed: never edited (revision 1: « Suivant » with
 * nothing entered keeps the revision, see saveStep), or every field but the defaults it was created with (organisme,
 * contact) empty again as the step cards show them (typed, then erased). It is what /déclarer or « Nouvelle
 * déclaration » leaves when the person goes away without typing: nothing of theirs to resume or delete, so `mes
 * déclarations` leaves it out; /déclarer resumes it, blank, and startNew reuses it. A blank draft a take-back set
 * aside (« Reprendre en brouillon »: kept, since its step card may hold what the person is typing) is one too, until
 * something is saved in it: the set-aside date and the revision it bumped say nothing of what was typed.
 */
export function isUntouchedDraft(record: Pick<DeclarationRecord, 'state' | 'publicId' | 'setAsideAt' | 'revision' | 'data'>): boolean {
  if (record.state !== 'draft' || record.publicId !== null) return false;
  return (record.setAsideAt === null && record.revision === 1) || changedFields({}, record.data).every((field) => DEFAULT_FIELDS.has(field));
}

/** A new draft's data: the defaults given (or computed by the function given) that have a value, each cut to MAX_DRAFT_VALUE_CHARS. */
async function draftOf(given: DraftDefaults | (() => Promise<DraftDefaults>)): Promise<DeclarationDraft> {
  const defaults = typeof given === 'function' ? await given() : given;
  const data: DeclarationDraft = {};
  // Each cut to what a draft field holds: a Teams name (or a roster e-mail) past it made the draft unstorable, and
  // /déclarer failed for that person every time.
  const cut = (value: string) => value.slice(0, MAX_DRAFT_VALUE_CHARS).trim();
  if (defaults.organismePublic) data.organismePublic = cut(defaults.organismePublic);
  if (defaults.contactName) data.contactName = cut(defaults.contactName);
  if (defaults.contactEmail) data.contactEmail = cut(defaults.contactEmail);
  return data;
}

/**
 * The submitted result. A duplicate (the key of a stored submission) is only that submission while the record is
 * still in the state it produced (submitted, in review): once governance decided (changes requested, approved,
 * rejected), nothing is resubmitted and the current record is the answer, as `stale` (an old card pressed again).
 * The stored data validated when submitted; if it no longer does, the declaration was sent back and edited since
 * that submission (a very late redelivery): the current record is the answer.
 */
function submittedResult(record: DeclarationRecord, duplicate: boolean) {
  if (duplicate && !REVIEWABLE.includes(record.state)) return { kind: 'stale' as const, current: record };
  const validation = validateDeclaration(record.data);
  if (!validation.ok) return { kind: 'wrong_state' as const, current: record };
  return { kind: 'submitted' as const, record, declaration: validation.value, duplicate };
}

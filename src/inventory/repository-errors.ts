import type { DeclarationRecord, DeclarationState } from './types.js';

/**
 * Errors the inventory repositories (SQLite and PostgreSQL) throw for expected outcomes the service maps to a
 * result (`wrong_state`, `not_found`, …). StaleRevisionError lives in types.ts with the contract.
 */

/** The operations a repository refuses in some states. */
export type RepositoryOperation = 'saveData' | 'submit' | 'transition' | 'restoreDraft' | 'takeForReview' | 'withdraw' | 'leave';

/**
 * Thrown when an operation does not apply in the declaration's current state: saving data outside draft and
 * changes_requested or in a draft set aside, submitting in those cases too, restoring a declaration that is not a
 * draft, or a transition the workflow does not allow (see TRANSITIONS).
 * `current` is the declaration as stored, so the caller can show it.
 */
export class WrongStateError extends Error {
  constructor(
    readonly operation: RepositoryOperation,
    readonly current: DeclarationRecord,
    /** The state asked for, for `transition`, `takeForReview` and `withdraw`. */
    readonly to: DeclarationState | null = null,
  ) {
    super(
      `declaration ${current.id} is ${current.state}: ${operation}${to ? ` to ${to}` : ''} does not apply in that state`,
    );
    this.name = 'WrongStateError';
  }
}

/** Thrown by a mutating method when no declaration has this id. */
export class DeclarationNotFoundError extends Error {
  constructor(readonly declarationId: string) {
    super(`no declaration ${declarationId}`);
    this.name = 'DeclarationNotFoundError';
  }
}

/**
 * Thrown by `submit` when the submission key was already used to submit another declaration: keys must be unique
 * per submission (a caller bug, or a payload forged to replay someone else's key; the other record is not shown).
 */
export class SubmissionKeyConflictError extends Error {
  constructor(
    readonly declarationId: string,
    readonly key: string,
  ) {
    super(`submission key ${key} was already used for another declaration than ${declarationId}`);
    this.name = 'SubmissionKeyConflictError';
  }
}

/** Thrown when the inventory database cannot be opened or prepared (unreachable server, newer schema, bad file). */
export class InventoryStoreError extends Error {
  constructor(
    readonly location: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`inventory store ${location}: ${reason}`, options);
    this.name = 'InventoryStoreError';
  }
}

/**
 * The transitions `transition()` allows. Leaving draft or changes_requested for submitted goes through `submit()`
 * (it assigns the public id and stores the assessment), so it is not listed here. in_review → submitted is a
 * reviewer handing a declaration back (« Remettre en attente »). approved and rejected are final.
 */
export const TRANSITIONS: Readonly<Record<DeclarationState, readonly DeclarationState[]>> = {
  draft: [],
  submitted: ['in_review', 'approved', 'changes_requested', 'rejected'],
  in_review: ['submitted', 'approved', 'changes_requested', 'rejected'],
  changes_requested: [],
  approved: [],
  rejected: [],
};

/** States in which the data may be edited and the declaration submitted. */
export const EDITABLE_STATES: readonly DeclarationState[] = ['draft', 'changes_requested'];

/**
 * States in which a collaborator may stop following a declaration (InventoryRepository.leave): not once it is
 * approved or rejected, final decisions whose record of who had access stays as it was then.
 */
export const LEAVABLE_STATES: readonly DeclarationState[] = ['draft', 'submitted', 'in_review', 'changes_requested'];

/**
 * Whether saveData may replace `current`'s data: an editable declaration not set aside, or, with
 * `options.setAside`, a draft set aside (see InventoryRepository.saveData). Shared by both repositories.
 */
export function savable(current: Pick<DeclarationRecord, 'state' | 'setAsideAt'>, options: { setAside?: boolean }): boolean {
  return options.setAside ? current.state === 'draft' && current.setAsideAt !== null : EDITABLE_STATES.includes(current.state) && !current.setAsideAt;
}

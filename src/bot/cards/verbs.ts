/**
 * The `Action.Execute` verbs our cards carry. Each is served by a route (`declare.ts`, `review.ts`,
 * `inventory-list.ts`); a unit test walks every card builder's output and checks its verbs against the routes'
 * registered verbs.
 */
export const DECLARATION_VERBS = {
  next: 'declaration.next',
  back: 'declaration.back',
  submit: 'declaration.submit',
  /**
   * Resumes an editable declaration (from the list card, or a "changes requested" notification); a draft set aside
   * becomes the declarant's draft again (their current one is set aside in its place).
   */
  reopen: 'declaration.reopen',
  /**
   * Asks to confirm the deletion of a draft never submitted, set aside or current (« Supprimer ce brouillon » on the
   * list card and the set-aside card); deletes nothing, so a button pressed by mistake loses nothing. Named when only
   * drafts set aside could be deleted; the name stays, since cards already posted carry it.
   */
  deleteSetAside: 'declaration.delete_set_aside',
  /** Deletes a draft never submitted: the confirmation card's « Oui, supprimer ce brouillon ». */
  confirmDeleteSetAside: 'declaration.delete_set_aside.confirm',
  /**
   * Starts a new declaration (« Nouvelle déclaration » on the person's list), their draft set aside first with
   * everything typed in it (resumed or deleted from the list).
   */
  startNew: 'declaration.start_new',
  /** The person's own declarations (« mes déclarations ») as a card: cancel on the confirmation, after a deletion. */
  listMine: 'declaration.list_mine',
  /**
   * The receipt of a submitted declaration as it stands now (« Voir » on the person's list): state, IA number,
   * assessment with its quotes, the decision if any. Declarant and collaborators only.
   */
  view: 'declaration.view',
  /**
   * The sharing card of a declaration (« Partager » on the person's list): who has access besides its declarant, and
   * Teams' people picker to add colleagues. Declarant only.
   */
  share: 'declaration.share',
  /** Gives the people picked on the sharing card access to the declaration (« Ajouter »). Declarant only. */
  shareAdd: 'declaration.share.add',
  /** Takes one person's access away (« Retirer « nom » » on the sharing card). Declarant only. */
  shareRemove: 'declaration.share.remove',
  /**
   * « Reprendre en brouillon »: one of its authors takes a submitted declaration, not yet taken for review, back to
   * draft (on « mes déclarations » and the receipt « Voir » opens).
   */
  withdraw: 'declaration.withdraw',
  /** « Ne plus suivre « nom » » on a declaration shared with the reader: asks to confirm, records nothing. */
  leave: 'declaration.leave',
  /** « Confirmer : ne plus suivre » on that question: the collaborator leaves the declaration. */
  confirmLeave: 'declaration.leave.confirm',
} as const;

/**
 * The verbs of a declaration’s review card and of the governance inventory list (governance admins only): the decisions
 * taking for review, handing back and the refresh are served by `review.ts`, `open` and `inventory` by
 * `inventory-list.ts`.
 */
export const REVIEW_VERBS = {
  approve: 'review.approve',
  requestChanges: 'review.request_changes',
  reject: 'review.reject',
  /** « Prendre en charge »: a governance admin takes a submitted declaration for review (state in_review). */
  take: 'review.take',
  /** « Remettre en attente »: a governance admin hands a declaration in review back (state submitted). */
  release: 'review.release',
  /** Universal Actions automatic refresh of the review card (governance admins). */
  refresh: 'review.refresh',
  /** The review card of one declaration as it stands now (« Examiner » on the inventory list; governance admins only). */
  open: 'review.open',
  /**
   * The inventory list again, with the filter it had (« Retour à l’inventaire » on a review card opened from it):
   * shown to the person who pressed, in place of that review card.
   */
  inventory: 'review.inventory',
} as const;

/** A verb of DECLARATION_VERBS, as a card’s `verb` carries it. */
export type DeclarationVerb = (typeof DECLARATION_VERBS)[keyof typeof DECLARATION_VERBS];
/** A verb of REVIEW_VERBS, as a card’s `verb` carries it. */
export type ReviewVerb = (typeof REVIEW_VERBS)[keyof typeof REVIEW_VERBS];

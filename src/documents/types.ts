import type { Language } from '../answers/types.js';
/**
 * Shapes of document administration (issue #9): proposals of a new document or version, their diff against the
 * published version, and the audit trail. Nothing here depends on Teams, HTTP or a storage engine.
 */

/** Who acts: a Teams user (Microsoft Entra object id and display name), as in the inventory. */
export interface AdminActor {
  id: string;
  name: string;
}

/** Where a proposed file came from: sent in Teams, fetched from `/publier URL`, `balises sync`, or a rollback. */
export interface ProposalOrigin {
  kind: 'file' | 'url' | 'sync' | 'rollback';
  /** The address the bytes were downloaded from (url, sync; the file's download link is not kept). */
  url?: string;
}

/**
 * What the proposal is to the published documents: a new document; a new version of a published (or withdrawn)
 * document, found by the given id, by its source URL or by its title; or an earlier stored version restored.
 */
export type Recognition =
  | { kind: 'new_document' }
  | { kind: 'new_version'; by: 'doc_id' | 'url' | 'title'; previousLabel: string | null; previousTitle: string }
  | { kind: 'rollback'; previousLabel: string | null; previousTitle: string };

/** A warning from cleaning, shown on the preview so an admin sees what the text lost. */
export type CleaningWarning =
  | { kind: 'pages_without_text'; pages: number[] }
  | { kind: 'furniture_removed'; blocks: number }
  | { kind: 'sections_lost'; titles: string[] };

/** One changed passage: a short excerpt around the first difference, before and after (plain text). */
export interface PassageChange {
  sectionPath: string[];
  before: string;
  after: string;
}

/**
 * The difference between the published version and the proposed one, by section id: sections added, removed and
 * changed (their passages' text differs), each changed passage with a short before/after. `null` when there is no
 * published version to compare with.
 */
export interface DocumentDiff {
  added: string[][];
  removed: string[][];
  changed: string[][];
  /** At most MAX_PASSAGE_CHANGES, in reading order; `moreChanges` counts the rest. */
  passageChanges: PassageChange[];
  moreChanges: number;
  /** Sections (paths) in both versions with the same text. */
  unchangedCount: number;
}

/**
 * Lifecycle of a proposal: pending until an admin publishes or cancels it, a newer proposal replaces it, or it is
 * `outdated`: another version of its document was published (from the command line) or the document withdrawn after
 * it was proposed, so its diff no longer says what publishing would change; it is never published (see
 * Proposal.outdated).
 */
export type ProposalStatus = 'pending' | 'published' | 'cancelled' | 'superseded' | 'outdated';

/**
 * Why a proposal is outdated: the label of the published version it was proposed against (`basedOn`; null: none
 * was published) and of the one published when publishing it was refused (`published`; null: the document was
 * withdrawn).
 */
export interface OutdatedBase {
  basedOn: string | null;
  published: string | null;
}

/** A proposed document version, as persisted (survives restart) and shown on the preview card. Dates are ISO. */
export interface Proposal {
  /** UUID. */
  id: string;
  status: ProposalStatus;
  /** Increases at every change (a stale card's click is recognised). */
  revision: number;
  docId: string;
  recognition: Recognition;
  title: string;
  /** Proposed version label (editable on the card until the decision). */
  versionLabel: string;
  /** Proposed official date `YYYY-MM-DD`, editable; null when unknown. */
  publishedOn: string | null;
  /** Official URL of the document (kept on the version), when known. */
  url: string | null;
  fileName: string;
  /** SHA-256 (hex) of the source bytes. */
  sourceSha256: string;
  origin: ProposalOrigin;
  proposedBy: AdminActor | 'system';
  proposedAt: string;
  /** Section paths in reading order (the table of contents). */
  outline: string[][];
  passageCount: number;
  warnings: CleaningWarning[];
  diff: DocumentDiff | null;
  /** For a rollback: the stored version to publish again (no new version is created). */
  rollbackVersionId: number | null;
  decidedBy: AdminActor | null;
  decidedAt: string | null;
  /** Set with status `outdated`: the published versions that made it so. */
  outdated?: OutdatedBase;
  /**
   * The language of the proposal's preview card, for everyone who sees it: `en` when the admin proposed it in
   * English (`/publish`, `rollback`, a file from an English client); absent (sync, proposals stored before it was
   * recorded) or `fr`: French, the administration's language.
   */
  language?: Language;
}

/**
 * Kinds of audit event: every administrative action on a document, and `flag_handled` (an assessment flag a
 * publication raised, marked handled by a governance admin: document and new version of the flag, `detail` the
 * declaration, section and quoted version).
 */
export type AuditAction = 'proposed' | 'published' | 'republished' | 'cancelled' | 'refused' | 'source_set' | 'withdrawn' | 'flag_handled';

/** One audit event: who did what, when, on which document version and source bytes. */
export interface AuditEvent {
  id: number;
  at: string;
  action: AuditAction;
  actor: AdminActor | 'system';
  docId: string | null;
  versionLabel: string | null;
  sourceSha256: string | null;
  proposalId: string | null;
  /** A short language-neutral note (no document text), written and read through audit-detail.ts (see AuditDetail). */
  detail: string | null;
}

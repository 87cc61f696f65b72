import type { Logger } from 'pino';
import type { ExtractionProblem, StoredVersion, WithdrawResult } from '../knowledge/index.js';
import type { Language } from '../answers/types.js';
import type { RefusedRequest } from './audit-detail.js';
import { lookUpDocument, type DocumentLookup } from './document-lookup.js';
import { flagPublications, markFlagsHandled, stillOpenFlags } from './flag-check.js';
import type { QuotingDeclaration } from './flags.js';
import type { ProposalContext } from './proposal-context.js';
import { cancelProposal, publishProposal } from './proposal-decisions.js';
import { proposeFile, proposeRollback } from './propose.js';
import type { AssessmentFlag, DocumentAdminStore } from './store.js';
import type { AdminActor, AuditEvent, Proposal, ProposalOrigin } from './types.js';

/**
 * A file to propose as a new document or a new version of a published one.
 * - `bytes`: the file's content as downloaded (the caller enforces size limit, content type and timeout).
 * - `fileName`: its name; the extension chooses the parser (`.pdf`, `.docx`, `.html`/`.htm`, `.md`/`.markdown`, `.txt`:
 *   FORMAT_BY_EXTENSION).
 * - `contentType`: the HTTP Content-Type, when known; used when the name has no supported extension.
 * - `origin`: `file` (sent in Teams), `url` (`/publier URL`), `sync` (`balises sync`, daily check); `url` is the
 *   address downloaded from, and is how a new version of a document is recognised when no `docId` is given.
 * - `docId`: the document this is a version of (e.g. the `id` of data/sources.json); recognised otherwise.
 * - `proposedBy`: the admin who sent it, or `'system'` for sync.
 * - `versionLabel`, `publishedOn` (`YYYY-MM-DD`), `title`: proposed values (the admin may edit label and date on
 *   the card); defaults: label = date of the day (or `publishedOn`), title detected from the document.
 * - `language`: the language the admin proposed it in, kept as the preview card's (Proposal.language); absent: French.
 */
export interface ProposeInput {
  bytes: Buffer;
  fileName: string;
  contentType?: string;
  origin: ProposalOrigin;
  docId?: string;
  proposedBy: AdminActor | 'system';
  versionLabel?: string;
  publishedOn?: string;
  title?: string;
  language?: Language;
}

/**
 * What `propose` did:
 * - `proposed`: a new pending proposal (persisted, audited, announced to the admins by the notifier); bytes of an
 *   earlier stored version of the document give a `rollback` proposal of that version;
 * - `unchanged`: these bytes are already the published version of `docId` (nothing stored, nothing announced);
 * - `already_pending`: a pending proposal with the same bytes for the same document exists (returned, not
 *   announced again);
 * - `failed`: the file cannot be parsed or gives no passage; `reason` is one line for the person (no document text).
 */
export type ProposeResult =
  | { kind: 'proposed'; proposal: Proposal }
  | { kind: 'unchanged'; docId: string; versionLabel: string }
  | { kind: 'already_pending'; proposal: Proposal }
  | { kind: 'failed'; reason: string; problem: ProposeProblem };

/**
 * Why a proposal failed, for messages in the reader's language (`reason` is the same in English, for the command
 * line and logs): the document id is not valid, the file cannot be read (with its cause when a person can act on it:
 * see ExtractionProblem), it gives no passage, no document has that id, or the document has no such version
 * (`versions`: the labels it has).
 */
export type ProposeProblem =
  | { code: 'invalid_doc_id' | 'unreadable' | 'no_passage' | 'unknown_document' | ExtractionProblem }
  | { code: 'unknown_version'; versions: string[] };

/**
 * Tells the governance team what it must know beyond the proposal cards, which the bot's announcement worker posts
 * from the administration store (see attachAnnouncements). `proposed`, when given, is called after a new proposal is
 * stored (tests watch proposals with it). Never throws: a failed send is logged; the proposal stays pending and is
 * listed by `pending()`.
 */
export interface ProposalNotifier {
  proposed?(proposal: Proposal): Promise<void>;
  /**
   * Tells the governance team which declarations' assessments quote a passage one publication changed or removed,
   * or a document one withdrawal took down (all `withdrawn`); `language` is the notice's: that of the published
   * proposal's card (French when the proposal recorded none); undefined when the notice has none of its own, for a
   * withdrawal (its audit event keeps no language) and a publication made without a proposal (the command line):
   * then each recipient's.
   */
  flagged(flags: AssessmentFlag[], language: Language | undefined): Promise<void>;
}

/**
 * Document administration use cases (domain: no Teams types). Contract for `balises sync` and the bot:
 *
 * ```ts
 * const result = await proposals.propose({ bytes, fileName: 'enonce.pdf', contentType: 'application/pdf',
 *   origin: { kind: 'sync', url }, docId: 'enonce', proposedBy: 'system' });
 * if (result.kind === 'proposed') console.log(result.proposal.id, result.proposal.versionLabel);
 * ```
 *
 * `propose` parses the file with the knowledge pipeline (extract → clean → furniture → sections → passages),
 * recognises it (new document, or new version of a published one: by `docId`, else by source URL, else by title;
 * a new document's id is the slug of the file name for a file sent in Teams, else of its title),
 * computes the diff against the published version, persists the pending proposal (a newer pending proposal for
 * the same document supersedes an older one), records a `proposed` audit event and calls the notifier.
 * Nothing is published. It never throws for a bad file (see `failed`); it throws only for broken storage.
 */
export interface ProposalService {
  propose(input: ProposeInput): Promise<ProposeResult>;
  /**
   * Proposes to publish again an earlier stored version of `docId` (its label `versionLabel`): a `rollback`
   * proposal with the same preview (diff against the published version). `failed` names an unknown document or
   * version, or the version already published.
   */
  proposeRollback(docId: string, versionLabel: string, actor: AdminActor, language?: Language): Promise<ProposeResult>;
  /** A proposal by id; null when unknown. */
  get(id: string): Proposal | null;
  /** Pending proposals, oldest first. */
  pending(): Proposal[];
  /**
   * The pending proposals whose preview card never reached their proposer: the turn could not show it, and the
   * outbox gave up posting it (the proposer's personal chat refused as gone for a week, outbox.ts GIVE_UP_AFTER_MS).
   * Each with when it was given up (ISO), oldest first. No one may have seen these: `propositions` says so.
   */
  undeliveredCards(): Array<{ proposal: Proposal; givenUpAt: string }>;
  /**
   * Publishes a pending proposal, with the label and date the admin may have edited, atomically: the new version
   * (or, for a rollback, the stored one) becomes the published one, the proposal `published`, and the audit event
   * recorded, in one transaction. Then the assessments quoting a changed or removed passage are flagged (see
   * flagPublications).
   * A proposal no longer pending, or at another revision (a stale card), gives `stale` with the current state.
   * When the published version is no longer the one the proposal was made against (the command line published
   * another, or withdrew the document), nothing is published: the proposal becomes `outdated` (audited as
   * cancelled, with why) and is returned as `outdated`.
   */
  publish(id: string, revision: number, actor: AdminActor, edits: ProposalEdits): Promise<DecisionResult>;
  /** Cancels a pending proposal (nothing is published); `stale` as for `publish`. */
  cancel(id: string, revision: number, actor: AdminActor): Promise<DecisionResult>;
  /** The versions of a document with who published each and when (from the audit trail), newest first. */
  history(docId: string): HistoryEntry[];
  /**
   * The document a person names by its id or its title (see lookUpDocument), among the documents with a version,
   * published or withdrawn (KnowledgeStore.namedDocuments).
   */
  findDocument(query: string): DocumentLookup;
  /**
   * Stops publishing `docId` (`retirer DOC` in Teams, as `balises withdraw` does on the command line): readers no
   * longer see it, its versions stay stored (`rétablir DOC VERSION` publishes one again), and a `withdrawn` audit
   * event names `actor`, in the same transaction. `not_published` when it is already withdrawn, `unknown` when no
   * version of it is stored (KnowledgeStore.withdraw). The assessments quoting the document are then flagged
   * `withdrawn` from that event (see flagPublications), started here without waiting.
   */
  withdraw(docId: string, actor: AdminActor): WithdrawResult;
  /** Records that someone outside the governance team was refused an administrative action (`audit` says it in words). */
  refused(actor: AdminActor, what: RefusedRequest): void;
  /** Audit events, newest first. */
  audit(filter?: { docId?: string; limit?: number }): AuditEvent[];
  /** Assessment flags raised by publications and withdrawals, newest first, handled ones and those that no longer apply included. */
  flags(): AssessmentFlag[];
  /**
   * The flags governance still has to look at, newest first (see openFlags): not marked handled, and whose
   * declaration's current assessment still quotes the flagged version of the passage; a `withdrawn` one only while
   * its document is still withdrawn. Without `declarations`, every flag not marked handled, on that last condition.
   * With `declarationId`, only that declaration's (a review card's notices).
   */
  openFlags(declarationId?: string): Promise<AssessmentFlag[]>;
  /**
   * Flags the assessments quoting a passage that a publication not yet checked changed or removed, or quoting a
   * document a withdrawal not yet checked took down (`withdrawn`, any version quoted), and tells the governance team
   * (the notifier, one notice per publication or withdrawal). Every one is checked once, whoever made it (Teams,
   * `balises ingest`, `balises withdraw`, sync) and whenever the bot next runs this (at start, periodically, before
   * listing flags): one committed just before a crash, or made from the command line, flags like one from Teams.
   * Only each document's last publication or withdrawal is checked, and only while it still holds (that version
   * still the published one; the document still withdrawn): the declarations are read now, and one submitted since
   * quotes the newer text. A withdrawal undone by a publication before the check flags nothing; the publication is
   * judged against the quotes as usual. Never throws: a failure (the
   * declarations store is down) is logged, and the same publications are checked at the next call. Without
   * `declarations` (the command line's service) it does nothing, leaving the publications to the bot.
   * @returns the flags stored by this call (none when a concurrent call checked the same publications)
   */
  flagPublications(): Promise<AssessmentFlag[]>;
  /**
   * Marks handled the open flags of one declaration, named by its `IA-AAAA-NNNN` (any case) or internal id, each with a
   * `flag_handled` audit event (who, when). `no_open_flag` when it has none (unknown, or already handled).
   */
  markFlagsHandled(declaration: string, actor: AdminActor): Promise<{ kind: 'handled'; flags: AssessmentFlag[] } | { kind: 'no_open_flag' }>;
  /**
   * Sets the notifier (replacing any given at creation): the bot attaches it once its adapter exists, since the
   * service is created before the bot (`balises sync` runs without one: its proposals wait in `pending()`).
   */
  attachNotifier(notifier: ProposalNotifier): void;
  /**
   * Makes a person's proposals owe their proposer the preview card durably (see ANNOUNCEMENT_GRACE_MS): each is
   * queued with the proposal, leased to `leaseOwner` (the bot's announcement worker) for `graceMs`; with `adminIds`
   * (Entra ids of the governance admins), every new proposal also owes its card to each of them but its proposer, and
   * to the governance channel, due at once. The bot attaches it with its worker; without it (the command line)
   * nothing is queued.
   */
  attachAnnouncements(lease: { leaseOwner: string; graceMs: number; adminIds?: readonly string[] }): void;
  /**
   * Records that the proposer was shown the card of proposal `id` (the turn's reply): the outbox no longer owes it.
   * Never throws (a failure is logged: the card may then be posted once more).
   */
  announced(id: string): void;
}

/** Label and date as edited on the preview card; absent keeps the proposed value. */
export interface ProposalEdits {
  /** The label as typed; absent keeps the proposed one; blank is refused (`label_required`), except for a rollback. */
  versionLabel?: string;
  /** The official date as typed (`YYYY-MM-DD`, else `date_invalid`); null for none; absent keeps the proposed one. */
  publishedOn?: string | null;
}

/**
 * The outcome of a decision: `decided` with the proposal as now stored; `stale` (already decided, superseded, or
 * another revision) with the current one; `outdated`: publishing was refused because another version was published
 * since the proposal was made (the proposal, now `outdated`, says which: Proposal.outdated); `invalid` when an
 * edited value is refused (`field` and a reason for the person; nothing changed); `not_found`.
 */
export type DecisionResult =
  | { kind: 'decided'; proposal: Proposal; flags: AssessmentFlag[] }
  | { kind: 'stale'; proposal: Proposal }
  | { kind: 'outdated'; proposal: Proposal }
  | { kind: 'invalid'; proposal: Proposal; field: 'versionLabel' | 'publishedOn'; reason: 'label_required' | 'label_taken' | 'label_invalid' | 'date_invalid' }
  | { kind: 'not_found' };

/** One version of a document as `historique` lists it. */
export interface HistoryEntry {
  version: StoredVersion;
  /** Who last published this version from Teams or sync (null: ingested from the command line). */
  publishedBy: AdminActor | 'system' | null;
  publishedAt: string | null;
}

/** What the proposal service needs. */
export interface ProposalServiceDeps {
  /** Proposals, audit trail and flags, on the knowledge store's connection (see DocumentAdminStore). */
  store: DocumentAdminStore;
  /** Tells the admins of new proposals and flags; absent until attachNotifier (sync and the command line: none). */
  notifier?: ProposalNotifier;
  /**
   * Declarations with an assessment: every one without `ids`, read after a publication to flag quotes of changed
   * passages; those of `ids` only (the ids that exist), read to judge the open flags (see openFlags). Absent, no flag
   * is raised (the command line leaves them to the bot: see flagPublications).
   */
  declarations?: (ids?: readonly string[]) => Promise<QuotingDeclaration[]>;
  /** Where proposals, publications and failures are logged (ids, labels and errors, never document text); absent, nothing is. */
  logger?: Logger;
  /** Clock for audit events, proposal and decision times, and the day of a default label; defaults to the system clock. */
  now?: () => Date;
}

/**
 * Creates the {@link ProposalService} over the administration store: each use case is a function of its own
 * (propose.ts, proposal-decisions.ts, flag-check.ts) over one shared ProposalContext, which `attachNotifier` and
 * `attachAnnouncements` update.
 */
export function createProposalService(deps: ProposalServiceDeps): ProposalService {
  const { store } = deps;
  const knowledge = store.knowledge;
  const context: ProposalContext = {
    store,
    now: () => deps.now?.() ?? new Date(),
    logger: deps.logger,
    declarations: deps.declarations,
    notifier: deps.notifier,
    announcements: null,
  };
  const now = context.now;

  return {
    propose: (input) => proposeFile(context, input),
    proposeRollback: (docId, versionLabel, actor, language) => proposeRollback(context, docId, versionLabel, actor, language),
    get: (id) => store.getProposal(id)?.proposal ?? null,
    pending: () => store.pending(),
    undeliveredCards: () =>
      store.givenUpAnnouncements().flatMap(({ proposalId, at }) => {
        const proposal = store.getProposal(proposalId)?.proposal;
        return proposal?.status === 'pending' ? [{ proposal, givenUpAt: at }] : [];
      }),
    publish: (id, revision, actor, edits) => publishProposal(context, id, revision, actor, edits),
    cancel: async (id, revision, actor) => cancelProposal(context, id, revision, actor),

    history(docId) {
      const events = store.auditEvents({ docId, limit: 1000 }).filter((e) => e.action === 'published' || e.action === 'republished');
      return knowledge.versions(docId).map((version) => {
        const last = events.find((e) => e.versionLabel === version.label);
        return { version, publishedBy: last?.actor ?? null, publishedAt: last?.at ?? null };
      });
    },

    findDocument(query) {
      // Withdrawn documents too: their history is where an admin finds the version to publish again.
      return lookUpDocument(query, (docId) => knowledge.versions(docId).length > 0, knowledge.namedDocuments());
    },

    refused(actor, what) {
      store.audit({ at: now().toISOString(), action: 'refused', actor, docId: null, versionLabel: null, sourceSha256: null, proposalId: null, detail: what });
    },

    audit: (filter) => store.auditEvents(filter),
    flags: () => store.flags(),
    openFlags: (declarationId) => stillOpenFlags(context, declarationId),
    flagPublications: () => flagPublications(context),
    markFlagsHandled: (declaration, actor) => markFlagsHandled(context, declaration, actor),

    withdraw(docId, actor) {
      const result = store.audited(
        () => knowledge.withdraw(docId),
        (outcome) =>
          outcome.kind === 'withdrawn'
            ? { at: now().toISOString(), action: 'withdrawn', actor, docId, versionLabel: outcome.version.label, sourceSha256: outcome.version.sourceSha256, proposalId: null, detail: null }
            : null,
      );
      // Told at once rather than at the next periodic check; the audit event is what makes it durable.
      if (result.kind === 'withdrawn') void flagPublications(context);
      return result;
    },

    attachNotifier(next) {
      context.notifier = next;
    },

    attachAnnouncements(lease) {
      context.announcements = lease;
    },

    announced(id) {
      try {
        store.markAnnounced(id, now().toISOString());
      } catch (err) {
        deps.logger?.error({ err, proposalId: id }, 'proposal card could not be recorded as shown');
      }
    },
  };
}

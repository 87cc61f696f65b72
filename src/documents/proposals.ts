import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  docIdProblem,
  ExtractionError,
  VERSION_LABEL_FORBIDDEN,
  VersionLabelConflictError,
  extractOffThread,
  rebuiltUnder,
  slug,
  slugOf,
  type BuildOptions,
  type BuiltDocument,
  type ExtractedFile,
  type ExtractionProblem,
  type StoredVersion,
  type WithdrawResult,
} from '../knowledge/index.js';
import type { Passage } from '../knowledge/types.js';
import { diffVersions } from './diff.js';
import { comparableTitle, lookUpDocument, type DocumentLookup } from './document-lookup.js';
import { flagsAfterPublication, flagsAfterWithdrawal, openFlags, type QuotingDeclaration } from './flags.js';
import type { AssessmentFlag, DocumentAdminStore, ProposalAnnouncementLease } from './store.js';
import type { AdminActor, AuditEvent, CleaningWarning, OutdatedBase, Proposal, ProposalOrigin, Recognition } from './types.js';
import { quebecDay } from '../quebec-time.js';
import { nameWithExtension, shownFileName } from './file-names.js';
import type { Language } from '../answers/types.js';
import { outdatedDetail, replacesDetail, type RefusedRequest } from './audit-detail.js';

/**
 * A file to propose as a new document or a new version of a published one.
 * - `bytes`: the file's content as downloaded (the caller enforces size limit, content type and timeout).
 * - `fileName`: its name; the extension chooses the parser (`.pdf`, `.docx`, `.html`/`.htm`, `.md`, `.txt`).
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
 * Tells the governance admins about a new proposal (posts the preview card to the personal chats of
 * GOVERNANCE_ADMIN_IDS that have a stored conversation reference, and to the governance channel). Never throws:
 * a failed send is logged; the proposal stays pending and is listed by `pending()`.
 */
export interface ProposalNotifier {
  proposed(proposal: Proposal): Promise<void>;
  /**
   * Tells the governance team which declarations' assessments quote a passage one publication changed or removed,
   * or a document one withdrawal took down (all `withdrawn`); `language` is the notice's: that of the published
   * proposal's card, French for a publication made outside Teams (the command line, sync) and for a withdrawal (its
   * audit event keeps no language).
   */
  flagged(flags: AssessmentFlag[], language: Language): Promise<void>;
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
 * the same document supersedes an older one), records an `proposed` audit event and calls the notifier.
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
   */
  openFlags(): Promise<AssessmentFlag[]>;
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
   * queued with the proposal, leased to `leaseOwner` (the bot's announcement worker) for `graceMs`. The bot attaches
   * it with its worker; without it (the command line) nothing is queued.
   */
  attachAnnouncements(lease: { leaseOwner: string; graceMs: number }): void;
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
  store: DocumentAdminStore;
  notifier?: ProposalNotifier;
  /** Declarations with an assessment, read after a publication to flag quotes of changed passages. */
  declarations?: () => Promise<QuotingDeclaration[]>;
  logger?: Logger;
  now?: () => Date;
}

/** A calendar date that exists, as YYYY-MM-DD (2026-02-31 does not: `Date.parse` would roll it over to March). */
const CALENDAR_DATE = z.string().date();
/** Longest document id derived from a title, in characters (cut at a word). */
const MAX_DEFAULT_DOC_ID_CHARS = 60;
/** Longest version label accepted, in characters. */
export const MAX_VERSION_LABEL_CHARS = 80;

/** Creates the {@link ProposalService} over the administration store. */
export function createProposalService(deps: ProposalServiceDeps): ProposalService {
  const { store } = deps;
  const knowledge = store.knowledge;
  const now = (): Date => deps.now?.() ?? new Date();
  let notifier = deps.notifier;
  let announcements: { leaseOwner: string; graceMs: number } | null = null;

  /** The card owed to a person's proposal, leased to the running bot's worker; none for sync or without the bot. */
  function announcementOf(proposedBy: AdminActor | 'system'): ProposalAnnouncementLease | undefined {
    if (!announcements || proposedBy === 'system') return undefined;
    const leaseUntil = new Date(now().getTime() + announcements.graceMs).toISOString();
    return { recipientId: proposedBy.id, leaseOwner: announcements.leaseOwner, leaseUntil };
  }

  async function announce(proposal: Proposal): Promise<void> {
    try {
      await notifier?.proposed(proposal);
    } catch (err) {
      deps.logger?.error({ err, proposalId: proposal.id }, 'proposal could not be announced');
    }
  }

  function publishedOf(docId: string): StoredVersion | null {
    return knowledge.versions(docId).find((v) => v.published) ?? null;
  }

  function recognise(input: ProposeInput, title: string): { docId: string; recognition: Recognition } {
    const previous = (docId: string, by: 'doc_id' | 'url' | 'title'): { docId: string; recognition: Recognition } => {
      const versions = knowledge.versions(docId);
      const shown = versions.find((v) => v.published) ?? versions[0];
      return shown
        ? { docId, recognition: { kind: 'new_version', by, previousLabel: shown.published ? shown.label : null, previousTitle: shown.title } }
        : { docId, recognition: { kind: 'new_document' } };
    };
    if (input.docId) return previous(input.docId, 'doc_id');
    const documents = knowledge.documents();
    const byUrl = input.origin.url ? documents.find((d) => d.url === input.origin.url) : undefined;
    if (byUrl) return previous(byUrl.docId, 'url');
    const byTitle = documents.find((d) => comparableTitle(d.title) === comparableTitle(title));
    if (byTitle) return previous(byTitle.docId, 'title');
    // A file sent by a person is named by them; a URL's last segment often is not (`download.aspx`, `v1.pdf`).
    const fromTitle = titleSlug(title);
    const docId = (input.origin.kind === 'file' ? slugOf(input.fileName) || fromTitle : fromTitle || slugOf(input.fileName)) || 'document';
    return previous(docId, 'doc_id');
  }

  function freeLabel(docId: string, wanted: string): string {
    const taken = new Set(knowledge.versions(docId).map((v) => v.label));
    let label = wanted;
    for (let n = 2; taken.has(label); n++) label = `${wanted} (${n})`;
    return label;
  }

  /** Reads a file off the bot's thread (see extractOffThread) and builds its passages. @throws ExtractionError */
  async function readAndBuild(bytes: Buffer, fileName: string, options: BuildOptions): Promise<BuiltDocument> {
    const file = await extractOffThread(bytes, fileName);
    try {
      return await file.build(options);
    } finally {
      await file.close();
    }
  }

  function buildOptions(docId: string, versionLabel: string, title: string | undefined): BuildOptions {
    return { docId, versionLabel, ...(title ? { title } : {}) };
  }

  function warningsOf(built: BuiltDocument): CleaningWarning[] {
    const warnings: CleaningWarning[] = [];
    if (built.report.pagesWithoutText.length > 0) warnings.push({ kind: 'pages_without_text', pages: built.report.pagesWithoutText });
    if (built.report.furnitureRemoved > 0) warnings.push({ kind: 'furniture_removed', blocks: built.report.furnitureRemoved });
    if (built.report.headingsWithoutPassages.length > 0) warnings.push({ kind: 'sections_lost', titles: built.report.headingsWithoutPassages });
    return warnings;
  }

  function outlineOf(passages: readonly Passage[]): string[][] {
    return [...new Map(passages.map((p) => [p.section.id, p.section.path])).values()];
  }

  async function propose(input: ProposeInput): Promise<ProposeResult> {
    const fileName = nameWithExtension(shownFileName(input.fileName), input.contentType);
    const idProblem = input.docId === undefined ? null : docIdProblem(input.docId);
    if (idProblem) return { kind: 'failed', reason: idProblem, problem: { code: 'invalid_doc_id' } };
    const sha = createHash('sha256').update(input.bytes).digest('hex');
    let file: ExtractedFile;
    try {
      file = await extractOffThread(input.bytes, fileName);
    } catch (error) {
      return unreadable(error);
    }
    try {
      const probeOptions = buildOptions(input.docId ?? 'document', 'probe', input.title);
      let probe: BuiltDocument;
      try {
        probe = await file.build(probeOptions);
      } catch (error) {
        return unreadable(error);
      }
      return await proposeRead(input, fileName, sha, file, probe, probeOptions);
    } finally {
      await file.close();
    }
  }

  /** The failure to report for a file that could not be read. @throws `error` when it is not an ExtractionError */
  function unreadable(error: unknown): ProposeResult {
    if (error instanceof ExtractionError) return { kind: 'failed', reason: error.reason, problem: { code: error.problem ?? 'unreadable' } };
    throw error;
  }

  /** `propose` once the file is read: `probe` is its passages under the given or a placeholder id (`probeOptions`). */
  async function proposeRead(
    input: ProposeInput,
    fileName: string,
    sha: string,
    file: ExtractedFile,
    probe: BuiltDocument,
    probeOptions: BuildOptions,
  ): Promise<ProposeResult> {
    if (probe.passages.length === 0) return { kind: 'failed', reason: 'no passage could be built from the text', problem: { code: 'no_passage' } };
    const { docId, recognition } = recognise(input, probe.title);
    const known = knowledge.findVersionBySha(docId, sha);
    if (known?.published) return { kind: 'unchanged', docId, versionLabel: known.label };
    const pending = store.findPending(docId, sha);
    if (pending) return { kind: 'already_pending', proposal: pending };
    if (known) return proposeRollback(docId, known.label, input.proposedBy, input.language);

    const day = quebecDay(now());
    const wanted = input.versionLabel ?? input.publishedOn ?? day;
    const versionLabel = freeLabel(docId, wanted);
    const options = buildOptions(docId, versionLabel, input.title);
    // Relabelling the probe spares reading a long text twice (the larger part of proposing it).
    const built = rebuiltUnder(probe, probeOptions, options) ?? (await file.build(options));
    const published = publishedOf(docId);
    const proposal: Proposal = {
      id: randomUUID(),
      status: 'pending',
      revision: 0,
      docId,
      recognition,
      title: built.title,
      versionLabel,
      publishedOn: input.publishedOn ?? null,
      url: input.origin.url ?? null,
      fileName,
      sourceSha256: sha,
      origin: input.origin,
      proposedBy: input.proposedBy,
      proposedAt: now().toISOString(),
      outline: outlineOf(built.passages),
      passageCount: built.passages.length,
      warnings: warningsOf(built),
      diff: published ? diffVersions(knowledge.versionPassages(published.id), built.passages) : null,
      rollbackVersionId: null,
      decidedBy: null,
      decidedAt: null,
      ...(input.language ? { language: input.language } : {}),
    };
    store.addProposal(proposal, input.bytes, announcementOf(input.proposedBy));
    deps.logger?.info({ proposalId: proposal.id, docId, versionLabel, kind: recognition.kind, passageCount: proposal.passageCount }, 'document proposed');
    await announce(proposal);
    return { kind: 'proposed', proposal };
  }

  async function proposeRollback(docId: string, versionLabel: string, actor: AdminActor | 'system', language?: Language): Promise<ProposeResult> {
    const versions = knowledge.versions(docId);
    if (versions.length === 0) return { kind: 'failed', reason: `no document has the id "${docId}"`, problem: { code: 'unknown_document' } };
    const target = versions.find((v) => v.label === versionLabel);
    if (!target) {
      const labels = versions.map((v) => v.label);
      return { kind: 'failed', reason: `document ${docId} has no version "${versionLabel}" (versions: ${labels.join(', ')})`, problem: { code: 'unknown_version', versions: labels } };
    }
    if (target.published) return { kind: 'unchanged', docId, versionLabel };
    const pending = store.findPending(docId, target.sourceSha256);
    if (pending) return { kind: 'already_pending', proposal: pending };
    const published = publishedOf(docId);
    const passages = knowledge.versionPassages(target.id);
    const proposal: Proposal = {
      id: randomUUID(),
      status: 'pending',
      revision: 0,
      docId,
      recognition: { kind: 'rollback', previousLabel: published?.label ?? null, previousTitle: published?.title ?? target.title },
      title: target.title,
      versionLabel: target.label,
      publishedOn: target.publishedOn,
      url: target.url,
      fileName: '',
      sourceSha256: target.sourceSha256,
      origin: { kind: 'rollback' },
      proposedBy: actor,
      proposedAt: now().toISOString(),
      outline: outlineOf(passages),
      passageCount: passages.length,
      warnings: [],
      diff: published ? diffVersions(knowledge.versionPassages(published.id), passages) : null,
      rollbackVersionId: target.id,
      decidedBy: null,
      decidedAt: null,
      ...(language ? { language } : {}),
    };
    store.addProposal(proposal, Buffer.alloc(0), announcementOf(actor));
    deps.logger?.info({ proposalId: proposal.id, docId, versionLabel }, 'rollback proposed');
    await announce(proposal);
    return { kind: 'proposed', proposal };
  }

  async function flagPublications(): Promise<AssessmentFlag[]> {
    // Without the declarations (the command line's service) nothing can be judged: the publications stay unchecked
    // for the bot, which has them.
    if (!deps.declarations) return [];
    try {
      const { through, events } = store.unflaggedPublications();
      const last = events.at(-1);
      if (!last) return [];
      const declarations = await deps.declarations();
      const latest = new Map(events.map((event) => [event.docId, event]));
      const raised: Array<{ event: AuditEvent; flags: AssessmentFlag[] }> = [];
      for (const [docId, event] of latest) {
        if (docId === null) continue;
        const published = publishedOf(docId);
        let flags: AssessmentFlag[];
        if (event.action === 'withdrawn') {
          // Published again since (a later event, not checked yet, or a restart in between): nothing is withdrawn.
          if (published || event.versionLabel === null) continue;
          flags = flagsAfterWithdrawal(declarations, docId, event.versionLabel, now().toISOString());
        } else {
          if (!published || published.label !== event.versionLabel) continue;
          flags = flagsAfterPublication(declarations, docId, knowledge.versionPassages(published.id), published.label, now().toISOString());
        }
        if (flags.length > 0) raised.push({ event, flags });
      }
      const stored = raised.flatMap((r) => r.flags);
      if (!store.addFlagsThrough(stored, through, last.id)) return [];
      for (const { event, flags } of raised) {
        const proposal = event.proposalId === null ? null : store.getProposal(event.proposalId)?.proposal;
        try {
          await notifier?.flagged(flags, proposal?.language ?? 'fr');
        } catch (err) {
          deps.logger?.error({ err, docId: event.docId }, 'flagged assessments could not be announced');
        }
      }
      return stored;
    } catch (err) {
      deps.logger?.error({ err }, 'assessments could not be flagged after a publication');
      return [];
    }
  }

  /**
   * How the published version of the proposal's document differs from the one it was proposed against (see
   * baseLabelOf); null when it is still that one.
   */
  function outdatedBase(proposal: Proposal): OutdatedBase | null {
    const basedOn = baseLabelOf(proposal);
    const published = publishedOf(proposal.docId)?.label ?? null;
    return basedOn === published ? null : { basedOn, published };
  }

  /** Closes a pending proposal as `outdated` (audited as cancelled, with why); `stale` when it no longer is pending. */
  function markOutdated(proposal: Proposal, revision: number, actor: AdminActor, base: OutdatedBase): DecisionResult {
    const at = now().toISOString();
    const detail = outdatedDetail(base.published, base.basedOn);
    const result = store.decide(proposal.id, revision, (p) => ({ ...p, status: 'outdated', outdated: base, decidedBy: actor, decidedAt: at }), {
      at,
      action: 'cancelled',
      actor,
      docId: proposal.docId,
      versionLabel: proposal.versionLabel,
      sourceSha256: proposal.sourceSha256,
      proposalId: proposal.id,
      detail,
    });
    deps.logger?.info({ proposalId: proposal.id, docId: proposal.docId, ...base }, 'outdated proposal not published');
    if (result.kind === 'not_found') return result;
    return result.kind === 'stale' ? { kind: 'stale', proposal: result.current } : { kind: 'outdated', proposal: result.proposal };
  }

  async function stillOpenFlags(): Promise<AssessmentFlag[]> {
    // A publication the bot has not checked yet (made from the command line a moment ago) is listed already.
    await flagPublications();
    const flags = store.flags();
    const isPublished = (docId: string) => publishedOf(docId) !== null;
    return deps.declarations
      ? openFlags(flags, await deps.declarations(), isPublished)
      : flags.filter((f) => !f.handled && !(f.change === 'withdrawn' && isPublished(f.docId)));
  }

  return {
    propose,
    proposeRollback,
    get: (id) => store.getProposal(id)?.proposal ?? null,
    pending: () => store.pending(),

    async publish(id, revision, actor, edits) {
      const found = store.getProposal(id);
      if (!found) return { kind: 'not_found' };
      const current = found.proposal;
      if (current.status !== 'pending' || current.revision !== revision) return { kind: 'stale', proposal: current };
      const isRollback = current.rollbackVersionId !== null;
      // An emptied label is refused rather than replaced by the proposed one: the admin sees what they cleared.
      if (!isRollback && edits.versionLabel !== undefined && edits.versionLabel.trim() === '') {
        return { kind: 'invalid', proposal: current, field: 'versionLabel', reason: 'label_required' };
      }
      const versionLabel = isRollback ? current.versionLabel : (edits.versionLabel?.trim() || current.versionLabel);
      const publishedOn = isRollback ? current.publishedOn : edits.publishedOn === undefined ? current.publishedOn : edits.publishedOn;
      if (versionLabel.length > MAX_VERSION_LABEL_CHARS || VERSION_LABEL_FORBIDDEN.test(versionLabel)) {
        return { kind: 'invalid', proposal: current, field: 'versionLabel', reason: 'label_invalid' };
      }
      if (publishedOn !== null && !CALENDAR_DATE.safeParse(publishedOn).success) {
        return { kind: 'invalid', proposal: current, field: 'publishedOn', reason: 'date_invalid' };
      }
      const early = outdatedBase(current);
      if (early) return markOutdated(current, revision, actor, early);
      const built = isRollback ? null : await readAndBuild(found.source, current.fileName, buildOptions(current.docId, versionLabel, current.title));
      const previousLabel = publishedOf(current.docId)?.label ?? null;
      const at = now().toISOString();
      let result;
      try {
        result = store.decide(
          id,
          revision,
          (p) => ({ ...p, status: 'published', versionLabel, publishedOn, decidedBy: actor, decidedAt: at }),
          {
            at,
            action: isRollback ? 'republished' : 'published',
            actor,
            docId: current.docId,
            versionLabel,
            sourceSha256: current.sourceSha256,
            proposalId: id,
            detail: replacesDetail(previousLabel),
          },
          (p) => {
            // Checked again in the transaction: the command line may have published while the file was read.
            const late = outdatedBase(p);
            if (late) throw new OutdatedProposalError(late);
            if (p.rollbackVersionId !== null) {
              knowledge.republish(p.rollbackVersionId);
              return;
            }
            knowledge.publishVersion(
              {
                docId: p.docId,
                title: built!.title,
                versionLabel,
                publishedOn,
                url: p.url,
                sourceSha256: p.sourceSha256,
                ingestedAt: at,
                ingestedBy: actor.name || actor.id,
              },
              built!.sections,
              built!.passages,
            );
          },
        );
      } catch (error) {
        if (error instanceof VersionLabelConflictError) return { kind: 'invalid', proposal: current, field: 'versionLabel', reason: 'label_taken' };
        if (error instanceof OutdatedProposalError) return markOutdated(current, revision, actor, error.base);
        throw error;
      }
      if (result.kind === 'not_found') return result;
      if (result.kind === 'stale') return { kind: 'stale', proposal: result.current };
      deps.logger?.info({ proposalId: id, docId: current.docId, versionLabel, rollback: isRollback }, 'document version published');
      const flags = (await flagPublications()).filter((f) => f.docId === current.docId);
      return { kind: 'decided', proposal: result.proposal, flags };
    },

    async cancel(id, revision, actor) {
      const at = now().toISOString();
      const found = store.getProposal(id);
      if (!found) return { kind: 'not_found' };
      const result = store.decide(id, revision, (p) => ({ ...p, status: 'cancelled', decidedBy: actor, decidedAt: at }), {
        at,
        action: 'cancelled',
        actor,
        docId: found.proposal.docId,
        versionLabel: found.proposal.versionLabel,
        sourceSha256: found.proposal.sourceSha256,
        proposalId: id,
        detail: null,
      });
      if (result.kind === 'not_found') return result;
      if (result.kind === 'stale') return { kind: 'stale', proposal: result.current };
      return { kind: 'decided', proposal: result.proposal, flags: [] };
    },

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

    openFlags: stillOpenFlags,
    flagPublications,

    async markFlagsHandled(declaration, actor) {
      const wanted = declaration.trim().toUpperCase();
      const open = (await stillOpenFlags()).filter((f) => (f.publicId ?? '').toUpperCase() === wanted || f.declarationId.toUpperCase() === wanted);
      const marked = open.length === 0 ? [] : store.markFlagsHandled(open, actor, now().toISOString());
      return marked.length === 0 ? { kind: 'no_open_flag' } : { kind: 'handled', flags: marked };
    },

    withdraw(docId, actor) {
      const result = store.audited(
        () => knowledge.withdraw(docId),
        (outcome) =>
          outcome.kind === 'withdrawn'
            ? { at: now().toISOString(), action: 'withdrawn', actor, docId, versionLabel: outcome.version.label, sourceSha256: outcome.version.sourceSha256, proposalId: null, detail: null }
            : null,
      );
      // Told at once rather than at the next periodic check; the audit event is what makes it durable.
      if (result.kind === 'withdrawn') void flagPublications();
      return result;
    },

    attachNotifier(next) {
      notifier = next;
    },

    attachAnnouncements(lease) {
      announcements = lease;
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

/**
 * The label of the version that was published when `proposal` was made, which its diff compares with: the
 * recognition's previous label (null: a new document, or a withdrawn one).
 */
function baseLabelOf(proposal: Proposal): string | null {
  return proposal.recognition.kind === 'new_document' ? null : proposal.recognition.previousLabel;
}

/** Thrown inside the publication's transaction when the published version changed meanwhile (nothing is written). */
class OutdatedProposalError extends Error {
  constructor(readonly base: OutdatedBase) {
    super('the published version changed since the proposal was made');
  }
}

/** A document id from a title: its {@link slug}, cut at a dash to MAX_DEFAULT_DOC_ID_CHARS. */
function titleSlug(title: string): string {
  const whole = slug(title);
  return whole.length <= MAX_DEFAULT_DOC_ID_CHARS ? whole : whole.slice(0, MAX_DEFAULT_DOC_ID_CHARS + 1).replace(/-[^-]*$/, '');
}

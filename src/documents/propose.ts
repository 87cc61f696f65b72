import { createHash, randomUUID } from 'node:crypto';
import {
  docIdProblem,
  ExtractionError,
  extractOffThread,
  rebuiltUnder,
  slug,
  slugOf,
  type BuildOptions,
  type BuiltDocument,
  type ExtractedFile,
  type KnowledgeStore,
} from '../knowledge/index.js';
import type { Passage } from '../knowledge/types.js';
import type { Language } from '../answers/types.js';
import { quebecDay } from '../quebec-time.js';
import { diffVersions } from './diff.js';
import { comparableTitle } from './document-lookup.js';
import { nameWithExtension, shownFileName } from './file-names.js';
import { addProposal, publishedVersion, type ProposalContext } from './proposal-context.js';
import type { ProposeInput, ProposeResult } from './proposals.js';
import type { AdminActor, CleaningWarning, Proposal, Recognition } from './types.js';

/** Longest document id derived from a title, in characters (cut at a word). */
const MAX_DEFAULT_DOC_ID_CHARS = 60;

/**
 * ProposalService.propose: reads the file off the bot's thread, recognises its document, and stores a pending
 * proposal with its diff against the published version (or a rollback, when the bytes are those of an earlier
 * stored version). `failed` for an invalid `docId` or a file that cannot be read or gives no passage.
 * @throws for broken storage, or an extraction failure that is not an ExtractionError (a bug)
 */
export async function proposeFile(context: ProposalContext, input: ProposeInput): Promise<ProposeResult> {
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
    return await proposeRead(context, input, fileName, sha, file, probe, probeOptions);
  } finally {
    await file.close();
  }
}

/**
 * ProposalService.proposeRollback: a `rollback` proposal of the stored version `versionLabel` of `docId`, its diff
 * against the published version. `failed` for an unknown document or version, `unchanged` when that version is the
 * published one, `already_pending` when a pending proposal has its bytes. @throws for broken storage only
 */
export async function proposeRollback(
  context: ProposalContext,
  docId: string,
  versionLabel: string,
  actor: AdminActor | 'system',
  language?: Language,
): Promise<ProposeResult> {
  const { store } = context;
  const knowledge = store.knowledge;
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
  const published = publishedVersion(knowledge, docId);
  const passages = knowledge.versionPassages(target.id);
  const proposal = pendingProposal(context, {
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
    passages,
    warnings: [],
    rollbackVersionId: target.id,
    language,
  });
  return addProposal(context, proposal, Buffer.alloc(0), 'rollback proposed', {});
}

/** Reads a file off the bot's thread (see extractOffThread) and builds its passages. @throws ExtractionError */
export async function readAndBuild(bytes: Buffer, fileName: string, options: BuildOptions): Promise<BuiltDocument> {
  const file = await extractOffThread(bytes, fileName);
  try {
    return await file.build(options);
  } finally {
    await file.close();
  }
}

/** The knowledge pipeline's options for a version of `docId`; `title` overrides the detected one when given. */
export function buildOptions(docId: string, versionLabel: string, title: string | undefined): BuildOptions {
  return { docId, versionLabel, ...(title ? { title } : {}) };
}

/** The failure to report for a file that could not be read. @throws `error` when it is not an ExtractionError */
function unreadable(error: unknown): ProposeResult {
  if (error instanceof ExtractionError) return { kind: 'failed', reason: error.reason, problem: { code: error.problem ?? 'unreadable' } };
  throw error;
}

/** `proposeFile` once the file is read: `probe` is its passages under the given or a placeholder id (`probeOptions`). */
async function proposeRead(
  context: ProposalContext,
  input: ProposeInput,
  fileName: string,
  sha: string,
  file: ExtractedFile,
  probe: BuiltDocument,
  probeOptions: BuildOptions,
): Promise<ProposeResult> {
  const { store } = context;
  const knowledge = store.knowledge;
  if (probe.passages.length === 0) return { kind: 'failed', reason: 'no passage could be built from the text', problem: { code: 'no_passage' } };
  const { docId, recognition } = recognise(knowledge, input, probe.title);
  const known = knowledge.findVersionBySha(docId, sha);
  if (known?.published) return { kind: 'unchanged', docId, versionLabel: known.label };
  // A file recognised by its name alone (a copy renamed, or of a document ingested with --title) may hold the very
  // bytes another document publishes, or another document's pending proposal holds: published under a second id,
  // every passage would be quoted twice. That document or proposal is named, as `balises ingest` does
  // (ingestPaths). A caller naming the document (sync) keeps its own id.
  const recognisedByName = input.docId === undefined;
  const elsewhere = recognisedByName ? knowledge.findPublishedBySha(sha) : null;
  if (elsewhere) return { kind: 'unchanged', docId: elsewhere.docId, versionLabel: elsewhere.label };
  const pending = store.findPending(docId, sha) ?? (recognisedByName ? (store.pending().find((p) => p.sourceSha256 === sha) ?? null) : null);
  if (pending) return { kind: 'already_pending', proposal: pending };
  if (known) return proposeRollback(context, docId, known.label, input.proposedBy, input.language);

  const day = quebecDay(context.now());
  const wanted = input.versionLabel ?? input.publishedOn ?? day;
  const versionLabel = freeLabel(knowledge, docId, wanted);
  const options = buildOptions(docId, versionLabel, input.title);
  // Relabelling the probe spares reading a long text twice (the larger part of proposing it).
  const built = rebuiltUnder(probe, probeOptions, options) ?? (await file.build(options));
  const proposal = pendingProposal(context, {
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
    passages: built.passages,
    warnings: warningsOf(built),
    rollbackVersionId: null,
    language: input.language,
  });
  return addProposal(context, proposal, input.bytes, 'document proposed', { kind: recognition.kind, passageCount: proposal.passageCount });
}

/** What differs between a new file's proposal and a rollback's; the rest a new pending proposal always has. */
type ProposalFields = Pick<
  Proposal,
  'docId' | 'recognition' | 'title' | 'versionLabel' | 'publishedOn' | 'url' | 'fileName' | 'sourceSha256' | 'origin' | 'proposedBy' | 'warnings' | 'rollbackVersionId'
> & { passages: readonly Passage[]; language: Language | undefined };

/** A new pending proposal (revision 0, proposed now), its outline and diff computed from `passages`. */
function pendingProposal(context: ProposalContext, fields: ProposalFields): Proposal {
  const knowledge = context.store.knowledge;
  const published = publishedVersion(knowledge, fields.docId);
  return {
    id: randomUUID(),
    status: 'pending',
    revision: 0,
    docId: fields.docId,
    recognition: fields.recognition,
    title: fields.title,
    versionLabel: fields.versionLabel,
    publishedOn: fields.publishedOn,
    url: fields.url,
    fileName: fields.fileName,
    sourceSha256: fields.sourceSha256,
    origin: fields.origin,
    proposedBy: fields.proposedBy,
    proposedAt: context.now().toISOString(),
    outline: outlineOf(fields.passages),
    passageCount: fields.passages.length,
    warnings: fields.warnings,
    diff: published ? diffVersions(knowledge.versionPassages(published.id), fields.passages) : null,
    rollbackVersionId: fields.rollbackVersionId,
    decidedBy: null,
    decidedAt: null,
    ...(fields.language ? { language: fields.language } : {}),
  };
}

/**
 * Which document a file is a version of: `input.docId` when given, else the document downloaded from the same URL,
 * else the one with the same title (see comparableTitle); otherwise a new document, its id the slug of the file
 * name for a file sent in Teams, else of its title. A document with stored versions gives `new_version` (its
 * previous label: the published one's, null when withdrawn), otherwise `new_document`.
 */
function recognise(knowledge: KnowledgeStore, input: ProposeInput, title: string): { docId: string; recognition: Recognition } {
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

/** `wanted`, or `wanted (2)`, `wanted (3)`… the first label no stored version of `docId` has. */
function freeLabel(knowledge: KnowledgeStore, docId: string, wanted: string): string {
  const taken = new Set(knowledge.versions(docId).map((v) => v.label));
  let label = wanted;
  for (let n = 2; taken.has(label); n++) label = `${wanted} (${n})`;
  return label;
}

/**
 * A document id from a title: its {@link slug}, cut at a dash to MAX_DEFAULT_DOC_ID_CHARS, without the elided words
 * the cut leaves dangling (« … des systèmes d’intelligence » gave `…-des-systemes-d`, shown on the preview card).
 */
function titleSlug(title: string): string {
  const whole = slug(title);
  if (whole.length <= MAX_DEFAULT_DOC_ID_CHARS) return whole;
  return whole.slice(0, MAX_DEFAULT_DOC_ID_CHARS + 1).replace(/-[^-]*$/, '').replace(/(?:-(?:[a-z]|qu|jusqu|lorsqu|puisqu))+$/u, '');
}

/** What the cleaning steps reported that the admin should see on the preview card (pages, furniture, lost sections). */
function warningsOf(built: BuiltDocument): CleaningWarning[] {
  const warnings: CleaningWarning[] = [];
  if (built.report.pagesWithoutText.length > 0) warnings.push({ kind: 'pages_without_text', pages: built.report.pagesWithoutText });
  if (built.report.furnitureRemoved > 0) warnings.push({ kind: 'furniture_removed', blocks: built.report.furnitureRemoved });
  if (built.report.headingsWithoutPassages.length > 0) warnings.push({ kind: 'sections_lost', titles: built.report.headingsWithoutPassages });
  return warnings;
}

/** The section paths of `passages`, each once, in reading order (the preview card's table of contents). */
function outlineOf(passages: readonly Passage[]): string[][] {
  return [...new Map(passages.map((p) => [p.section.id, p.section.path])).values()];
}

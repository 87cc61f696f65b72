import type { Logger } from 'pino';
import { extractOffThread } from '../knowledge/off-thread.js';
import type { BuildOptions, BuiltDocument } from '../knowledge/pipeline.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import { downloadDocument, DownloadError, type DownloadedDocument, type DownloadFailure, type DownloadOptions } from './download.js';
import type { ProposalService } from './proposals.js';
import type { SourcesState } from './sources-state.js';
import type { FollowedSource } from './sources.js';
import { quebecDay } from '../quebec-time.js';

/** The actor recorded for what `balises sync` and the server's daily check do on their own. */
export const SYNC_ACTOR = 'system:sync';

/** What happened to one source. */
export type SourceOutcome =
  | { kind: 'not_followed'; docId: string }
  | { kind: 'unchanged'; docId: string; versionLabel: string }
  | { kind: 'already_proposed'; docId: string }
  | { kind: 'proposed'; docId: string; sha256: string; versionLabel: string }
  | { kind: 'published_initial'; docId: string; versionLabel: string; passageCount: number }
  | { kind: 'not_checked'; docId: string }
  | { kind: 'failed'; docId: string; reason: string };

/**
 * The result of one sync: one outcome per source, in list order. `offline` (one line) is set when the network is
 * missing: the sources not yet checked are `not_checked`, nothing was written for them.
 */
export interface SyncReport {
  outcomes: SourceOutcome[];
  offline: string | null;
}

/** Collaborators of a sync. `download` and `now` are injectable for tests. */
export interface SyncDeps {
  store: KnowledgeStore;
  state: SourcesState;
  proposals: Pick<ProposalService, 'propose'>;
  download?: (url: string, options: DownloadOptions) => Promise<DownloadedDocument>;
  /** Records an audit event when the documents module has one (actor, action, document, version, SHA-256). */
  audit?: (event: { actor: string; action: 'sync.published_initial'; docId: string; versionLabel: string; sha256: string; url: string }) => void;
  logger?: Pick<Logger, 'info' | 'warn'>;
  now?: () => Date;
  /** Download options (timeouts in tests). */
  downloadOptions?: Omit<DownloadOptions, 'expected'>;
}

/** Download failures that happen before any server is asked: they say nothing of whether the network is there. */
const NOT_REACHED: ReadonlySet<DownloadFailure> = new Set(['offline', 'invalid_url', 'credentials', 'internal_address']);

/**
 * Checks every followed source once: downloads it, compares the SHA-256 of the bytes with the published version and
 * with the last download handed to the admins (pending, or cancelled by them), and proposes what is new. Nothing is
 * published by sync, with one exception: when the knowledge base has no document at all when the sync starts (a
 * fresh machine), there is no published version to protect, so each new source is published directly as the
 * initial state (actor {@link SYNC_ACTOR}, audited when `audit` is given) and the bot can answer at once.
 * A source that cannot be reached for want of network (see DownloadError `offline`: no address for its host, network
 * unreachable, connection timed out) says nothing of the others until one of them tells: the next source is checked.
 * When one reaches its server, the network is there, and every such failure is that source's alone (a host name
 * mistyped in the list, a site gone): `failed`, with its reason. When sources on two different hosts fail so before
 * any reached its server, or the list ends on such failures, the network is missing: the sync stops and reports it in
 * one line (`offline`), the sources not reached `not_checked`. Two sources on one host tell no more than one (a site
 * gone that held both): a source whose host was just found unreachable is not asked again and waits with it. Stopping at the first such failure made one dead
 * address at the head of the list read as « no network, nothing checked » on every run, the other sources never
 * checked. Every other failure is reported for its source alone, and the others go on.
 * Logs carry ids, URLs, hashes and counts, never document text.
 */
export async function syncOfficialSources(deps: SyncDeps, sources: readonly FollowedSource[]): Promise<SyncReport> {
  const download = deps.download ?? downloadDocument;
  const initial = deps.store.documents().length === 0;
  const outcomes: SourceOutcome[] = [];
  let offline: string | null = null;
  // Whether a source reached its server in this sync: then the network is there.
  let reached = false;
  // The sources failed for want of network since the last one that reached its server (indexes in `outcomes`).
  let unreached: Array<{ index: number; url: string; host: string; reason: string }> = [];
  for (const source of sources) {
    if (source.url === null) {
      outcomes.push({ kind: 'not_followed', docId: source.id });
      continue;
    }
    if (offline !== null) {
      outcomes.push({ kind: 'not_checked', docId: source.id });
      continue;
    }
    const host = hostOf(source.url);
    const sameHost = unreached.find((u) => u.host === host);
    if (sameHost) {
      // Its server was not reached a moment ago: asking again would tell nothing more, and wait as long.
      outcomes.push({ kind: 'not_checked', docId: source.id });
      unreached.push({ index: outcomes.length - 1, url: source.url, host, reason: `${source.url}: not tried, its server could not be reached for ${sameHost.url}` });
      continue;
    }
    try {
      outcomes.push(await checkSource(deps, download, source, source.url, initial));
      reached = true;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      if (error instanceof DownloadError && error.kind === 'offline' && !reached) {
        outcomes.push({ kind: 'not_checked', docId: source.id });
        unreached.push({ index: outcomes.length - 1, url: source.url, host, reason });
        if (new Set(unreached.map((u) => u.host)).size >= 2) offline = `no network: ${unreached[0]!.reason}`;
        continue;
      }
      if (!(error instanceof DownloadError && NOT_REACHED.has(error.kind))) reached = true;
      deps.logger?.warn({ docId: source.id, url: source.url, reason }, 'official source not checked');
      outcomes.push({ kind: 'failed', docId: source.id, reason });
    }
    // The network answered: the sources before that it did not reach failed on their own.
    if (reached) {
      for (const { index, reason } of unreached) {
        const docId = outcomes[index]!.docId;
        deps.logger?.warn({ docId, reason }, 'official source not checked');
        outcomes[index] = { kind: 'failed', docId, reason };
      }
      unreached = [];
    }
  }
  if (offline === null && unreached.length > 0) offline = `no network: ${unreached[0]!.reason}`;
  if (offline !== null) deps.logger?.warn({ url: unreached[0]?.url }, 'official sources not checked: no network');
  return { outcomes, offline };
}

/** The host of a source's address, lower-cased (`www.quebec.ca`), or the address itself when it cannot be read. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

async function checkSource(
  deps: SyncDeps,
  download: NonNullable<SyncDeps['download']>,
  source: FollowedSource,
  url: string,
  initial: boolean,
): Promise<SourceOutcome> {
  const downloaded = await download(url, { ...deps.downloadOptions, expected: source.formats });
  const { sha256 } = downloaded;
  const known = deps.store.findVersionBySha(source.id, sha256);
  if (known?.published) return { kind: 'unchanged', docId: source.id, versionLabel: known.label };
  // Two sources given one address (a `/source` pasted twice) or the same file: published under both ids, every
  // passage would be quoted twice. Refused naming that document, as `balises ingest` refuses it (ingestPaths).
  const elsewhere = deps.store.findPublishedBySha(sha256);
  if (elsewhere && elsewhere.docId !== source.id) {
    throw new Error(`${url}: same content as document ${elsewhere.docId} (published version ${elsewhere.label}): not published as ${source.id}; check its address`);
  }
  const sameText = await sameTextAsPublished(deps.store, source.id, downloaded);
  if (sameText) return { kind: 'unchanged', docId: source.id, versionLabel: sameText };
  if (deps.state.seen(source.id)?.sha256 === sha256) return { kind: 'already_proposed', docId: source.id };
  const now = deps.now?.() ?? new Date();
  if (initial && deps.store.versions(source.id).length === 0) {
    const published = await publishInitial(deps, source, url, downloaded, now);
    deps.state.markSeen(source.id, { sha256, outcome: 'published_initial', seenAt: now.toISOString() });
    return published;
  }
  const result = await deps.proposals.propose({
    bytes: downloaded.bytes,
    fileName: downloaded.fileName,
    ...(downloaded.contentType ? { contentType: downloaded.contentType } : {}),
    origin: { kind: 'sync', url },
    docId: source.id,
    proposedBy: 'system',
    ...(known === null && deps.store.versions(source.id).length === 0 ? { title: source.title } : {}),
  });
  if (result.kind === 'failed') throw new Error(`${url}: ${result.reason}`);
  if (result.kind === 'unchanged') return { kind: 'unchanged', docId: source.id, versionLabel: result.versionLabel };
  deps.state.markSeen(source.id, { sha256, outcome: 'proposed', seenAt: now.toISOString() });
  if (result.kind === 'already_pending') return { kind: 'already_proposed', docId: source.id };
  deps.logger?.info({ docId: source.id, url, sha256, proposalId: result.proposal.id }, 'new version of an official source proposed');
  return { kind: 'proposed', docId: source.id, sha256, versionLabel: result.proposal.versionLabel };
}

/** First version of a document on an empty knowledge base, published without a proposal (see syncOfficialSources). */
async function publishInitial(deps: SyncDeps, source: FollowedSource, url: string, downloaded: DownloadedDocument, now: Date): Promise<SourceOutcome> {
  const versionLabel = quebecDay(now);
  const built = await readOffThread(downloaded, { docId: source.id, versionLabel, title: source.title });
  if (built.passages.length === 0) throw new Error(`${url}: no passage could be built from the text`);
  deps.store.publishVersion(
    {
      docId: source.id,
      title: built.title,
      versionLabel,
      publishedOn: null,
      url,
      sourceSha256: downloaded.sha256,
      ingestedAt: now.toISOString(),
      ingestedBy: SYNC_ACTOR,
    },
    built.sections,
    built.passages,
  );
  deps.audit?.({ actor: SYNC_ACTOR, action: 'sync.published_initial', docId: source.id, versionLabel, sha256: downloaded.sha256, url });
  deps.logger?.info({ docId: source.id, url, sha256: downloaded.sha256, versionLabel, passageCount: built.passages.length }, 'official source published as the initial state');
  return { kind: 'published_initial', docId: source.id, versionLabel, passageCount: built.passages.length };
}

/**
 * The published version's label when the download, once parsed, gives exactly the published passages' text (a web
 * page whose bytes change every day — a date, a token — but not its text); null otherwise or when nothing is
 * published. An unreadable download is left to the proposal, which reports it.
 */
async function sameTextAsPublished(store: KnowledgeStore, docId: string, downloaded: DownloadedDocument): Promise<string | null> {
  const published = store.versions(docId).find((v) => v.published);
  if (!published) return null;
  let texts: string[];
  try {
    const built = await readOffThread(downloaded, { docId, versionLabel: published.label });
    texts = built.passages.map((p) => p.text);
  } catch {
    return null;
  }
  const current = store.publishedPassages().filter((p) => p.docId === docId).map((p) => p.text);
  return texts.length === current.length && texts.every((t, i) => t === current[i]) ? published.label : null;
}

/**
 * The passages of a download, read and built in a worker thread (see extractOffThread) as a file proposed in Teams
 * is: the server's sync runs beside the conversations, and a long or hostile official source read on the bot's own
 * thread stopped every answer for as long as it took (a 600 KB page: 1.5 s; a 50 MiB one: minutes), with no memory
 * limit. The worker keeps the process alive, since `balises sync` has nothing else running while it waits.
 * @throws ExtractionError as extractBytes does, and when the file needs more memory than the worker may use
 */
async function readOffThread(downloaded: DownloadedDocument, options: BuildOptions): Promise<BuiltDocument> {
  const file = await extractOffThread(downloaded.bytes, downloaded.fileName, { keepAlive: true });
  try {
    return await file.build(options);
  } finally {
    await file.close();
  }
}

import type { Logger } from 'pino';
import { createProposalService, type ProposalNotifier, type ProposalService } from './proposals.js';
import { openSourcesState } from './sources-state.js';
import { syncOfficialSources, type SyncDeps, type SyncReport } from './sources-sync.js';
import { followedSources, loadOfficialSources } from './sources.js';
import { openDocumentAdminStore } from './store.js';
import { initialDetail } from './audit-detail.js';

/** Interval of the server's daily check of the official sources, in ms. */
export const DAILY_SYNC_INTERVAL_MS = 24 * 60 * 60_000;

/** Where and how one sync runs. */
export interface SourcesCheckOptions {
  /** The knowledge database (documents, proposals, audit, official-sources state). */
  databaseFile: string;
  /** Defaults to data/sources.json. */
  sourcesFile?: string;
  /**
   * The server's proposal service (its notifier posts the preview cards to the admins); when absent, one is made
   * over the database with `notifier` (none from the command line: pending proposals wait for the admins).
   */
  proposals?: Pick<ProposalService, 'propose'>;
  notifier?: ProposalNotifier;
  logger?: Logger;
  now?: () => Date;
  downloadOptions?: SyncDeps['downloadOptions'];
}

/**
 * Runs one sync of the official sources over the knowledge database (see `syncOfficialSources`): the followed
 * sources are data/sources.json with the admins' addresses applied; new versions go to the proposal service; a
 * first version published on an empty base is audited as `published` by `system`. Opens and closes its own
 * connections, so the CLI and the server's timer both call it as is.
 * @throws SourcesFileError when the sources file is invalid; KnowledgeStoreError / SourcesStateError when the
 *   database cannot be opened
 */
export async function runOfficialSourcesSync(options: SourcesCheckOptions): Promise<SyncReport> {
  const fileSources = options.sourcesFile ? loadOfficialSources(options.sourcesFile) : loadOfficialSources();
  const admin = openDocumentAdminStore(options.databaseFile);
  try {
    const state = openSourcesState(options.databaseFile);
    try {
      const proposals = options.proposals ?? createProposalService({
        store: admin,
        ...(options.notifier ? { notifier: options.notifier } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      return await syncOfficialSources(
        {
          store: admin.knowledge,
          state,
          proposals,
          audit: (event) =>
            admin.audit({
              at: (options.now?.() ?? new Date()).toISOString(),
              action: 'published',
              actor: 'system',
              docId: event.docId,
              versionLabel: event.versionLabel,
              sourceSha256: event.sha256,
              proposalId: null,
              detail: initialDetail(event.url),
            }),
          ...(options.logger ? { logger: options.logger } : {}),
          ...(options.now ? { now: options.now } : {}),
          ...(options.downloadOptions ? { downloadOptions: options.downloadOptions } : {}),
        },
        followedSources(fileSources, state.urls()),
      );
    } finally {
      state.close();
    }
  } finally {
    admin.close();
  }
}

/**
 * The server's check of the official sources: one sync now when the knowledge base is empty (a fresh machine then
 * gets its first documents without anyone acting), and one every DAILY_SYNC_INTERVAL_MS when `daily` is set
 * (SOURCES_DAILY_SYNC). Checks never overlap; failures are logged, never thrown: one line per check, counting its
 * outcomes by kind, a warning when the network was missing (« official sources not checked: no network: … ») or a
 * source failed (« official sources checked, some failed »), else « official sources checked ». Returns a function stopping the
 * timer and waiting for a check in progress.
 */
export function scheduleOfficialSourcesSync(
  options: SourcesCheckOptions & { logger: Logger; daily: boolean; knowledgeIsEmpty: boolean; intervalMs?: number },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const check = (reason: 'empty_knowledge_base' | 'daily'): void => {
    if (running) return;
    running = runOfficialSourcesSync(options)
      .then(
        (report) => {
          const counts: Record<string, number> = {};
          for (const o of report.outcomes) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
          // Without network nothing was checked: one warning, not a second line saying the sources were checked.
          if (report.offline) options.logger.warn({ reason, ...counts }, `official sources not checked: ${report.offline}`);
          else if (counts.failed) options.logger.warn({ reason, ...counts }, 'official sources checked, some failed');
          else options.logger.info({ reason, ...counts }, 'official sources checked');
        },
        (err: unknown) => options.logger.error({ err, reason }, 'official sources could not be checked'),
      )
      .finally(() => {
        running = null;
      });
  };
  if (options.knowledgeIsEmpty) check('empty_knowledge_base');
  const timer = options.daily ? setInterval(() => check('daily'), options.intervalMs ?? DAILY_SYNC_INTERVAL_MS).unref() : null;
  return async () => {
    if (timer) clearInterval(timer);
    await running;
  };
}

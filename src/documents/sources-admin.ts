import { DOC_ID_PATTERN } from '../knowledge/ingest.js';
import { openSourcesState, type SourcesState } from './sources-state.js';
import { followedSources, loadOfficialSources, OfficialUrl, type FollowedSource } from './sources.js';
import { openDocumentAdminStore, type DocumentAdminStore } from './store.js';
import type { AdminActor } from './types.js';

/**
 * The outcome of setting a source's address: `set` (with the address it replaces, null when the source had none);
 * `invalid_id` when the document id is not a slug; `invalid_url` when the address is not an absolute http(s) URL.
 */
export type SetSourceResult =
  | { kind: 'set'; source: FollowedSource; previous: string | null }
  | { kind: 'invalid_id'; docId: string }
  | { kind: 'invalid_url'; url: string };

/** The official sources as admins manage them from Teams (`/source`). Synchronous; never throws for bad input. */
export interface OfficialSourcesAdmin {
  /** The sources followed now: data/sources.json with the admins' addresses applied. */
  list(): FollowedSource[];
  /**
   * Records the official address of `docId` (a listed source, or a new one), in the database, and an audit event
   * `source_set` naming the admin and the address. The next sync downloads it and proposes it to the admins.
   * Access control is the caller's (the route lets governance admins only).
   */
  setUrl(docId: string, url: string, actor: AdminActor): SetSourceResult;
  close(): void;
}

/**
 * Opens the admin side of the official sources over the knowledge database.
 * @param options.sourcesFile defaults to data/sources.json
 * @throws SourcesFileError when the sources file is invalid; KnowledgeStoreError / SourcesStateError when the
 *   database cannot be opened
 */
export function openOfficialSourcesAdmin(options: { databaseFile: string; sourcesFile?: string; now?: () => Date }): OfficialSourcesAdmin {
  const fileSources = options.sourcesFile ? loadOfficialSources(options.sourcesFile) : loadOfficialSources();
  const admin: DocumentAdminStore = openDocumentAdminStore(options.databaseFile);
  let state: SourcesState;
  try {
    state = openSourcesState(options.databaseFile);
  } catch (error) {
    admin.close();
    throw error;
  }
  const now = () => options.now?.() ?? new Date();
  const list = () => followedSources(fileSources, state.urls());
  return {
    list,
    setUrl(docId, url, actor) {
      if (!DOC_ID_PATTERN.test(docId)) return { kind: 'invalid_id', docId };
      if (!OfficialUrl.safeParse(url).success) return { kind: 'invalid_url', url };
      const previous = list().find((s) => s.id === docId)?.url ?? null;
      const at = now().toISOString();
      state.setUrl({ docId, url, setBy: actor.name || actor.id, setAt: at });
      admin.audit({ at, action: 'source_set', actor, docId, versionLabel: null, sourceSha256: null, proposalId: null, detail: url });
      return { kind: 'set', source: list().find((s) => s.id === docId)!, previous };
    },
    close() {
      state.close();
      admin.close();
    },
  };
}

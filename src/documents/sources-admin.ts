import { DOC_ID_PATTERN } from '../knowledge/ingest.js';
import { openSourcesState } from './sources-state.js';
import { followedSources, loadOfficialSources, MAX_OFFICIAL_URL_CHARS, OfficialUrl, type FollowedSource } from './sources.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import { internalRangeOf, type InternalRange } from './internal-addresses.js';
import { hasCredentials, withoutCredentials } from './url-credentials.js';
import type { DocumentAdminStore } from './store.js';
import type { AdminActor } from './types.js';
import { addressDetail } from './audit-detail.js';

/**
 * The outcome of setting a source's address: `set` (with the address it replaces, null when the source had none,
 * and `linked` when an indexed document of that id now cites it);
 * `invalid_id` when the document id is not a slug; `too_long` when the address has more than MAX_OFFICIAL_URL_CHARS
 * characters (`length`; citations could not link it); `invalid_url` when it is not an absolute http(s) URL;
 * `credentials` when it holds a user name or password (`url` is then the address without them: it must not be
 * shown, stored or logged);
 * `internal_address` when it names an internal IP address that downloads are not allowed to reach (the next sync
 * would refuse it: better said now than in a log).
 */
export type SetSourceResult =
  | { kind: 'set'; source: FollowedSource; previous: string | null; linked: boolean }
  | { kind: 'invalid_id'; docId: string }
  | { kind: 'invalid_url'; url: string }
  | { kind: 'too_long'; length: number; maxChars: number }
  | { kind: 'credentials'; url: string }
  | { kind: 'internal_address'; url: string; range: InternalRange };

/** The official sources as admins manage them from Teams (`/source`). Synchronous; never throws for bad input. */
export interface OfficialSourcesAdmin {
  /** The sources followed now: data/sources.json with the admins' addresses applied. */
  list(): FollowedSource[];
  /**
   * Records the official address of `docId` (a listed source, or a new one), in the database, and an audit event
   * `source_set` naming the admin and the address; an indexed document of that id gets it as its official link
   * (its citations point to it). The next sync downloads it and proposes it to the admins.
   * Access control is the caller's (the route lets governance admins only).
   */
  setUrl(docId: string, url: string, actor: AdminActor): SetSourceResult;
  close(): void;
}

/**
 * Opens the admin side of the official sources over the knowledge database. The sources file is read at each call
 * (it is small), so an edit of data/sources.json is seen without a restart.
 * @param options.audit where `source_set` events go (the server's document administration store)
 * @param options.knowledge the knowledge store whose published document takes the address as its link
 * @param options.allowPrivateAddresses DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: internal IP addresses are accepted
 * @param options.sourcesFile defaults to data/sources.json
 * @throws SourcesStateError when the database cannot be opened (and, from `list`/`setUrl`, SourcesFileError when the
 *   sources file is invalid)
 */
export function openOfficialSourcesAdmin(options: {
  databaseFile: string;
  audit: Pick<DocumentAdminStore, 'audit'>;
  knowledge?: Pick<KnowledgeStore, 'setDocumentUrl'>;
  allowPrivateAddresses?: boolean;
  sourcesFile?: string;
  now?: () => Date;
}): OfficialSourcesAdmin {
  const state = openSourcesState(options.databaseFile);
  const now = () => options.now?.() ?? new Date();
  const list = () => followedSources(options.sourcesFile ? loadOfficialSources(options.sourcesFile) : loadOfficialSources(), state.urls());
  return {
    list,
    setUrl(docId, url, actor) {
      if (!DOC_ID_PATTERN.test(docId)) return { kind: 'invalid_id', docId };
      const checked = OfficialUrl.safeParse(url);
      // Too long first: such an address is not echoed back, with or without credentials.
      if (!checked.success && checked.error.issues.some((issue) => issue.code === 'too_big')) {
        return { kind: 'too_long', length: url.length, maxChars: MAX_OFFICIAL_URL_CHARS };
      }
      if (hasCredentials(url)) return { kind: 'credentials', url: withoutCredentials(url) };
      if (!checked.success) return { kind: 'invalid_url', url };
      // A host name is checked when the sync connects (it may resolve elsewhere then); an IP address can be now.
      const range = internalRangeOf(new URL(url).hostname.replace(/^\[|\]$/g, ''));
      if (range && !options.allowPrivateAddresses) return { kind: 'internal_address', url, range };
      const previous = list().find((s) => s.id === docId)?.url ?? null;
      const at = now().toISOString();
      state.setUrl({ docId, url, setBy: actor.name || actor.id, setAt: at });
      options.audit.audit({ at, action: 'source_set', actor, docId, versionLabel: null, sourceSha256: null, proposalId: null, detail: addressDetail(null, url) });
      const linked = options.knowledge?.setDocumentUrl(docId, url) ?? false;
      return { kind: 'set', source: list().find((s) => s.id === docId)!, previous, linked };
    },
    close: () => state.close(),
  };
}

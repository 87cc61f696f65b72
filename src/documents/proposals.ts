import type { AdminActor, Proposal, ProposalOrigin } from './types.js';

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
}

/**
 * What `propose` did:
 * - `proposed`: a new pending proposal (persisted, audited, announced to the admins by the notifier);
 * - `unchanged`: these bytes are already the published version of `docId` (nothing stored, nothing announced);
 * - `already_pending`: a pending proposal with the same bytes for the same document exists (returned, not
 *   announced again);
 * - `failed`: the file cannot be parsed or gives no passage; `reason` is one line for the person (no document text).
 */
export type ProposeResult =
  | { kind: 'proposed'; proposal: Proposal }
  | { kind: 'unchanged'; docId: string; versionLabel: string }
  | { kind: 'already_pending'; proposal: Proposal }
  | { kind: 'failed'; reason: string };

/**
 * Tells the governance admins about a new proposal (posts the preview card to the personal chats of
 * GOVERNANCE_ADMIN_IDS that have a stored conversation reference, and to the governance channel). Never throws:
 * a failed send is logged; the proposal stays pending and is listed by `pending()`.
 */
export interface ProposalNotifier {
  proposed(proposal: Proposal): Promise<void>;
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
 * recognises it (new document, or new version of a published one: by `docId`, else by source URL, else by title),
 * computes the diff against the published version, persists the pending proposal (a newer pending proposal for
 * the same document supersedes an older one), records an `proposed` audit event and calls the notifier.
 * Nothing is published. It never throws for a bad file (see `failed`); it throws only for broken storage.
 */
export interface ProposalService {
  propose(input: ProposeInput): Promise<ProposeResult>;
}

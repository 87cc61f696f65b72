import type { StoredVersion } from '../knowledge/index.js';
import { sameUser } from '../inventory/identity.js';
import type { HistoryEntry, ProposalService } from './proposals.js';
import type { AdminActor, AuditEvent } from './types.js';

/**
 * The publication a withdrawal confirmation showed: the document, its published version (KnowledgeStore version id)
 * and when that version was last published (HistoryEntry.publishedAt, ISO; null for a version ingested before the
 * audit trail). A withdrawal, a republication (`rétablir` after `retirer`) or another version published since
 * changes one of them, so a confirmation pressed after any of those is recognised as out of date.
 */
export interface ShownPublication {
  docId: string;
  versionId: number;
  publishedAt: string | null;
}

/** What `retirer DOC` can ask to confirm: the document's published version, or why there is nothing to withdraw. */
export type WithdrawalPreview = { kind: 'published'; entry: HistoryEntry } | { kind: 'not_published' } | { kind: 'unknown' };

/**
 * The outcome of a confirmed withdrawal (see withdrawConfirmed):
 * - `withdrawn`: this call took `version` down (`withdrawal`: the one `withdrawn` audit event, naming the actor);
 * - `repeated`: the same person's withdrawal of the shown version is already done (`withdrawal`: a double press, a
 *   redelivered invoke); nothing more was done;
 * - `already_withdrawn`: the document is no longer published, taken down by someone else or otherwise
 *   (`withdrawal`: its last `withdrawn` event, null when the audit trail has none); nothing was done;
 * - `changed`: a version was published since the confirmation was shown (`current`: the one published now, the same
 *   version published again included); nothing was done;
 * - `unknown`: no version of the document is stored.
 */
export type ConfirmedWithdrawal =
  | { kind: 'withdrawn'; version: StoredVersion; withdrawal: AuditEvent | null }
  | { kind: 'repeated'; version: StoredVersion; withdrawal: AuditEvent }
  | { kind: 'already_withdrawn'; withdrawal: AuditEvent | null }
  | { kind: 'changed'; current: HistoryEntry }
  | { kind: 'unknown' };

/** The proposal service calls a withdrawal confirmation reads and makes. */
export type WithdrawalService = Pick<ProposalService, 'history' | 'withdraw' | 'audit'>;

/** Most audit events of one document read to find its last withdrawal (one per action on it; `audit` shows 20). */
const MAX_WITHDRAWAL_LOOKBACK = 1000;

/** The version of `docId` a confirmation would show, from its history (published or not). */
export function withdrawalPreview(service: Pick<ProposalService, 'history'>, docId: string): WithdrawalPreview {
  const history = service.history(docId);
  if (history.length === 0) return { kind: 'unknown' };
  const entry = history.find(({ version }) => version.published);
  return entry ? { kind: 'published', entry } : { kind: 'not_published' };
}

/** The publication a confirmation of `entry` shows (see ShownPublication). */
export function shownPublication(entry: HistoryEntry): ShownPublication {
  return { docId: entry.version.docId, versionId: entry.version.id, publishedAt: entry.publishedAt };
}

/**
 * Withdraws `shown.docId` for `actor` only if its published version is still the one `shown` (same version, not
 * published again since), through ProposalService.withdraw (audited there). The check and the withdrawal are
 * synchronous, one after the other (the store is SQLite, synchronous): no other turn of this process can come
 * between them, so two presses of one confirmation withdraw once. A command-line process on the same file still can
 * (its withdrawal is then `already_withdrawn`; a version it publishes in that instant is withdrawn in its place, as
 * `balises withdraw` would). Throws only what the store throws.
 */
export function withdrawConfirmed(service: WithdrawalService, shown: ShownPublication, actor: AdminActor): ConfirmedWithdrawal {
  const preview = withdrawalPreview(service, shown.docId);
  if (preview.kind === 'unknown') return { kind: 'unknown' };
  if (preview.kind === 'published') {
    const { version, publishedAt } = preview.entry;
    if (version.id !== shown.versionId || publishedAt !== shown.publishedAt) return { kind: 'changed', current: preview.entry };
    const result = service.withdraw(shown.docId, actor);
    // Another process on the file (`balises withdraw`) can still come between the read and the withdrawal.
    if (result.kind === 'unknown') return { kind: 'unknown' };
    if (result.kind === 'not_published') return { kind: 'already_withdrawn', withdrawal: lastWithdrawal(service, shown.docId) };
    return { kind: 'withdrawn', version: result.version, withdrawal: lastWithdrawal(service, shown.docId) };
  }
  const withdrawal = lastWithdrawal(service, shown.docId);
  const shownVersion = service.history(shown.docId).find(({ version }) => version.id === shown.versionId)?.version;
  const byActor = withdrawal !== null && withdrawal.actor !== 'system' && sameUser(withdrawal.actor.id, actor.id);
  if (byActor && shownVersion && withdrawal.sourceSha256 === shownVersion.sourceSha256) return { kind: 'repeated', version: shownVersion, withdrawal };
  return { kind: 'already_withdrawn', withdrawal };
}

/** The last `withdrawn` audit event of `docId` (who took it down, when, which version); null when the audit trail has none. */
export function lastWithdrawal(service: Pick<ProposalService, 'audit'>, docId: string): AuditEvent | null {
  return service.audit({ docId, limit: MAX_WITHDRAWAL_LOOKBACK }).find((event) => event.action === 'withdrawn') ?? null;
}

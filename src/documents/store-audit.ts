import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AdminActor, AuditAction, AuditEvent } from './types.js';

const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.enum(['proposed', 'published', 'republished', 'cancelled', 'refused', 'source_set', 'withdrawn', 'flag_handled']),
  actor_id: z.string().nullable(),
  actor_name: z.string().nullable(),
  doc_id: z.string().nullable(),
  version_label: z.string().nullable(),
  source_sha256: z.string().nullable(),
  proposal_id: z.string().nullable(),
  detail: z.string().nullable(),
});

/**
 * The `document_audit` table (see DOCUMENT_ADMIN_MIGRATIONS): append-only audit events of document administration.
 * Writes join the caller's transaction, if any; rows read back are checked with zod.
 */
export class AuditLog {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO document_audit (at, action, actor_id, actor_name, doc_id, version_label, source_sha256, proposal_id, detail)
        VALUES (@at, @action, @actorId, @actorName, @docId, @versionLabel, @sourceSha256, @proposalId, @detail)`),
      all: db.prepare('SELECT * FROM document_audit ORDER BY id DESC LIMIT ?'),
      of: db.prepare('SELECT * FROM document_audit WHERE doc_id = ? ORDER BY id DESC LIMIT ?'),
      publicationsAfter: db.prepare(`SELECT * FROM document_audit WHERE id > ? AND action IN ('published', 'republished', 'withdrawn') ORDER BY id`),
    };
  }

  /** Records one event (`system` as actor leaves the actor columns null). */
  record(event: Omit<AuditEvent, 'id'>): void {
    const actor = event.actor === 'system' ? null : event.actor;
    this.s.insert.run({
      at: event.at,
      action: event.action,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      docId: event.docId,
      versionLabel: event.versionLabel,
      sourceSha256: event.sourceSha256,
      proposalId: event.proposalId,
      detail: event.detail,
    });
  }

  /** Events, newest first, of one document or of all; at most `limit` (default 50). */
  events(filter: { docId?: string; limit?: number } = {}): AuditEvent[] {
    const limit = filter.limit ?? 50;
    const rows = filter.docId === undefined ? this.s.all.all(limit) : this.s.of.all(filter.docId, limit);
    return rows.map(parseAuditRow);
  }

  /** The `published`, `republished` and `withdrawn` events after audit id `through`, oldest first. */
  publicationsAfter(through: number): AuditEvent[] {
    return this.s.publicationsAfter.all(through).map(parseAuditRow);
  }
}

/** An audit event from its row (checked with zod). */
function parseAuditRow(raw: unknown): AuditEvent {
  const row = AuditRow.parse(raw);
  const actor: AdminActor | 'system' = row.actor_id === null ? 'system' : { id: row.actor_id, name: row.actor_name ?? '' };
  return {
    id: row.id,
    at: row.at,
    action: row.action as AuditAction,
    actor,
    docId: row.doc_id,
    versionLabel: row.version_label,
    sourceSha256: row.source_sha256,
    proposalId: row.proposal_id,
    detail: row.detail,
  };
}

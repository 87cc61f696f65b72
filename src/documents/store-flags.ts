import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AuditLog } from './store-audit.js';
import type { AdminActor, AuditEvent } from './types.js';

/**
 * An assessment quoting a passage that a publication changed or removed, or a document that was withdrawn, for the
 * governance team to look at.
 */
export interface AssessmentFlag {
  declarationId: string;
  /** `IA-AAAA-NNNN`, as people know the declaration; null for one never submitted. */
  publicId: string | null;
  docId: string;
  /** The version the assessment quoted (its receipt keeps that quote). */
  quotedVersion: string;
  sectionPath: string[];
  /** The version whose publication changed or removed the quoted passage; for `withdrawn`, the one published when the document was withdrawn. */
  newVersion: string;
  change: FlagChange;
  flaggedAt: string;
  /** Set once a governance admin marked the flag handled (`signalement traité`); absent while open. */
  handled?: { by: AdminActor; at: string };
}

/**
 * What happened to a quoted passage: a publication `changed` its text (its section still exists) or `removed` it
 * (its section too), or the whole document was `withdrawn` (none of its versions is published).
 */
export type FlagChange = 'changed' | 'removed' | 'withdrawn';

const FlagRow = z.object({
  declaration_id: z.string(),
  public_id: z.string().nullable(),
  doc_id: z.string(),
  quoted_version: z.string(),
  section_path: z.string(),
  new_version: z.string(),
  change: z.enum(['changed', 'removed', 'withdrawn']),
  flagged_at: z.string(),
  handled_at: z.string().nullable(),
  handled_by_id: z.string().nullable(),
  handled_by_name: z.string().nullable(),
});

/**
 * The `assessment_flags` and `flag_progress` tables (see DOCUMENT_ADMIN_MIGRATIONS): flags raised by publications
 * and withdrawals, and how far the audit log has been checked for them. See DocumentAdminStore for each method's
 * contract.
 */
export class FlagTable {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    this.s = {
      insert: db.prepare(`INSERT OR IGNORE INTO assessment_flags
        (declaration_id, public_id, doc_id, quoted_version, section_path, new_version, change, flagged_at)
        VALUES (@declarationId, @publicId, @docId, @quotedVersion, @sectionPath, @newVersion, @change, @flaggedAt)`),
      progress: db.prepare('SELECT through_audit_id FROM flag_progress WHERE id = 1').pluck(),
      moveProgress: db.prepare('UPDATE flag_progress SET through_audit_id = @to WHERE id = 1 AND through_audit_id = @from'),
      all: db.prepare('SELECT * FROM assessment_flags ORDER BY flagged_at DESC, declaration_id'),
      of: db.prepare('SELECT * FROM assessment_flags WHERE declaration_id = ? ORDER BY flagged_at DESC'),
      handle: db.prepare(`UPDATE assessment_flags SET handled_at = @at, handled_by_id = @actorId, handled_by_name = @actorName
        WHERE declaration_id = @declarationId AND doc_id = @docId AND quoted_version = @quotedVersion AND section_path = @sectionPath
          AND new_version = @newVersion AND change = @change AND handled_at IS NULL`),
    };
  }

  unflaggedPublications(): { through: number; events: AuditEvent[] } {
    return this.db
      .transaction(() => {
        const through = z.number().int().parse(this.s.progress.get());
        return { through, events: this.audit.publicationsAfter(through) };
      })
      .deferred();
  }

  addFlagsThrough(flags: AssessmentFlag[], from: number, to: number): boolean {
    return this.db
      .transaction((): boolean => {
        if (this.s.moveProgress.run({ from, to }).changes === 0) return false;
        for (const flag of flags) this.s.insert.run({ ...flag, sectionPath: JSON.stringify(flag.sectionPath) });
        return true;
      })
      .immediate();
  }

  flags(declarationId?: string): AssessmentFlag[] {
    const rows = declarationId === undefined ? this.s.all.all() : this.s.of.all(declarationId);
    return rows.map(parseFlagRow);
  }

  markFlagsHandled(flags: readonly AssessmentFlag[], actor: AdminActor, at: string): AssessmentFlag[] {
    return this.db
      .transaction((): AssessmentFlag[] => {
        const marked: AssessmentFlag[] = [];
        for (const flag of flags) {
          const { changes } = this.s.handle.run({
            at,
            actorId: actor.id,
            actorName: actor.name,
            declarationId: flag.declarationId,
            docId: flag.docId,
            quotedVersion: flag.quotedVersion,
            sectionPath: JSON.stringify(flag.sectionPath),
            newVersion: flag.newVersion,
            change: flag.change,
          });
          if (changes === 0) continue;
          this.audit.record({
            at,
            action: 'flag_handled',
            actor,
            docId: flag.docId,
            versionLabel: flag.newVersion,
            sourceSha256: null,
            proposalId: null,
            detail: `${flag.publicId ?? flag.declarationId} (${flag.sectionPath.join(' › ')}, ${flag.quotedVersion})`,
          });
          marked.push({ ...flag, handled: { by: actor, at } });
        }
        return marked;
      })
      .immediate();
  }
}

/** A flag from its row (checked with zod; `section_path` is a JSON array of strings). */
function parseFlagRow(raw: unknown): AssessmentFlag {
  const row = FlagRow.parse(raw);
  return {
    declarationId: row.declaration_id,
    publicId: row.public_id,
    docId: row.doc_id,
    quotedVersion: row.quoted_version,
    sectionPath: z.array(z.string()).parse(JSON.parse(row.section_path)),
    newVersion: row.new_version,
    change: row.change,
    flaggedAt: row.flagged_at,
    ...(row.handled_at !== null ? { handled: { by: { id: row.handled_by_id ?? '', name: row.handled_by_name ?? '' }, at: row.handled_at } } : {}),
  };
}

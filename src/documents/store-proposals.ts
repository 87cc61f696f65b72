import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Proposal } from './types.js';

const Actor = z.object({ id: z.string(), name: z.string() });
const StoredProposal = z.object({
  id: z.string(),
  status: z.enum(['pending', 'published', 'cancelled', 'superseded', 'outdated']),
  revision: z.number().int().min(0),
  docId: z.string(),
  recognition: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new_document') }),
    z.object({ kind: z.literal('new_version'), by: z.enum(['doc_id', 'url', 'title']), previousLabel: z.string().nullable(), previousTitle: z.string() }),
    z.object({ kind: z.literal('rollback'), previousLabel: z.string().nullable(), previousTitle: z.string() }),
  ]),
  title: z.string(),
  versionLabel: z.string(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string(),
  sourceSha256: z.string(),
  origin: z.object({ kind: z.enum(['file', 'url', 'sync', 'rollback']), url: z.string().optional() }),
  proposedBy: z.union([Actor, z.literal('system')]),
  proposedAt: z.string(),
  outline: z.array(z.array(z.string())),
  passageCount: z.number().int(),
  warnings: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('pages_without_text'), pages: z.array(z.number().int()) }),
      z.object({ kind: z.literal('furniture_removed'), blocks: z.number().int() }),
      z.object({ kind: z.literal('sections_lost'), titles: z.array(z.string()) }),
    ]),
  ),
  diff: z
    .object({
      added: z.array(z.array(z.string())),
      removed: z.array(z.array(z.string())),
      changed: z.array(z.array(z.string())),
      passageChanges: z.array(z.object({ sectionPath: z.array(z.string()), before: z.string(), after: z.string() })),
      moreChanges: z.number().int(),
      unchangedCount: z.number().int(),
    })
    .nullable(),
  rollbackVersionId: z.number().int().nullable(),
  decidedBy: Actor.nullable(),
  decidedAt: z.string().nullable(),
  outdated: z.object({ basedOn: z.string().nullable(), published: z.string().nullable() }).optional(),
  language: z.enum(['fr', 'en']).optional(),
});
const ProposalRow = z.object({ record: z.string(), source: z.instanceof(Buffer) });

/** A proposal and the bytes of the file it proposes. */
export interface StoredProposalSource {
  proposal: Proposal;
  source: Buffer;
}

/**
 * The `document_proposals` table (see DOCUMENT_ADMIN_MIGRATIONS): each proposal as a JSON record (checked with zod
 * when read) beside its source bytes. Writes join the caller's transaction.
 */
export class ProposalTable {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO document_proposals (id, doc_id, status, source_sha256, record, source, proposed_at)
        VALUES (@id, @docId, @status, @sourceSha256, @record, @source, @proposedAt)`),
      pendingOf: db.prepare(`SELECT record, source FROM document_proposals WHERE doc_id = ? AND status = 'pending'`),
      update: db.prepare('UPDATE document_proposals SET status = @status, record = @record WHERE id = @id'),
      get: db.prepare('SELECT record, source FROM document_proposals WHERE id = ?'),
      pending: db.prepare(`SELECT record, source FROM document_proposals WHERE status = 'pending' ORDER BY proposed_at, id`),
    };
  }

  /** Stores a new proposal with its source bytes. */
  insert(proposal: Proposal, source: Buffer): void {
    this.s.insert.run({
      id: proposal.id,
      docId: proposal.docId,
      status: proposal.status,
      sourceSha256: proposal.sourceSha256,
      record: JSON.stringify(proposal),
      source,
      proposedAt: proposal.proposedAt,
    });
  }

  /** Replaces the record of proposal `id` with `next`. */
  update(id: string, next: Proposal): void {
    this.s.update.run({ id, status: next.status, record: JSON.stringify(next) });
  }

  /** Marks every pending proposal of `docId` `superseded`, each at its next revision. */
  supersedePendingOf(docId: string): void {
    for (const older of this.pendingOf(docId)) this.update(older.id, { ...older, status: 'superseded', revision: older.revision + 1 });
  }

  /** A proposal and its source bytes; null when unknown. */
  get(id: string): StoredProposalSource | null {
    const row = this.s.get.get(id);
    return row === undefined ? null : parseProposal(row);
  }

  /** The pending proposals of `docId`. */
  pendingOf(docId: string): Proposal[] {
    return this.s.pendingOf.all(docId).map((row) => parseProposal(row).proposal);
  }

  /** Pending proposals, oldest first. */
  pending(): Proposal[] {
    return this.s.pending.all().map((row) => parseProposal(row).proposal);
  }
}

function parseProposal(raw: unknown): StoredProposalSource {
  const row = ProposalRow.parse(raw);
  return { proposal: StoredProposal.parse(JSON.parse(row.record)) as Proposal, source: row.source };
}

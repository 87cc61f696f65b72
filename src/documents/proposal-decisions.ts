import { z } from 'zod';
import { VERSION_LABEL_FORBIDDEN, VersionLabelConflictError, type KnowledgeStore } from '../knowledge/index.js';
import { outdatedDetail, replacesDetail } from './audit-detail.js';
import { flagPublications } from './flag-check.js';
import { publishedVersion, type ProposalContext } from './proposal-context.js';
import type { DecisionResult, ProposalEdits } from './proposals.js';
import { buildOptions, readAndBuild } from './propose.js';
import type { DecideResult } from './store.js';
import type { AdminActor, AuditAction, AuditEvent, OutdatedBase, Proposal } from './types.js';

/** Longest version label accepted, in characters. */
export const MAX_VERSION_LABEL_CHARS = 80;
/** A calendar date that exists, as YYYY-MM-DD (2026-02-31 does not: `Date.parse` would roll it over to March). */
const CALENDAR_DATE = z.string().date();

/**
 * ProposalService.publish: checks the edited label and date (see editedValues), refuses an outdated proposal
 * (see outdatedBase), reads the file again (not for a rollback), then publishes the version, decides the proposal
 * and records its audit event in one transaction; then flags the assessments the publication changes (see
 * flagPublications), returned in `decided` for this document only.
 * @throws for broken storage, or when the stored file no longer builds (ExtractionError)
 */
export async function publishProposal(
  context: ProposalContext,
  id: string,
  revision: number,
  actor: AdminActor,
  edits: ProposalEdits,
): Promise<DecisionResult> {
  const { store } = context;
  const knowledge = store.knowledge;
  const found = store.getProposal(id);
  if (!found) return { kind: 'not_found' };
  const current = found.proposal;
  if (current.status !== 'pending' || current.revision !== revision) return { kind: 'stale', proposal: current };
  const values = editedValues(current, edits);
  if (values.kind === 'invalid') return { kind: 'invalid', proposal: current, field: values.field, reason: values.reason };
  const { versionLabel, publishedOn } = values;
  const early = outdatedBase(knowledge, current);
  if (early) return markOutdated(context, current, revision, actor, early);
  const isRollback = current.rollbackVersionId !== null;
  const built = isRollback ? null : await readAndBuild(found.source, current.fileName, buildOptions(current.docId, versionLabel, current.title));
  const previousLabel = publishedVersion(knowledge, current.docId)?.label ?? null;
  const at = context.now().toISOString();
  let result: DecideResult;
  try {
    result = store.decide(
      id,
      revision,
      (p) => ({ ...p, status: 'published', versionLabel, publishedOn, decidedBy: actor, decidedAt: at }),
      decisionEvent(current, isRollback ? 'republished' : 'published', actor, at, versionLabel, replacesDetail(previousLabel)),
      (p) => {
        // Checked again in the transaction: the command line may have published while the file was read.
        const late = outdatedBase(knowledge, p);
        if (late) throw new OutdatedProposalError(late);
        if (p.rollbackVersionId !== null) {
          knowledge.republish(p.rollbackVersionId);
          return;
        }
        knowledge.publishVersion(
          {
            docId: p.docId,
            title: built!.title,
            versionLabel,
            publishedOn,
            url: p.url,
            sourceSha256: p.sourceSha256,
            ingestedAt: at,
            ingestedBy: actor.name || actor.id,
          },
          built!.sections,
          built!.passages,
        );
      },
    );
  } catch (error) {
    if (error instanceof VersionLabelConflictError) return { kind: 'invalid', proposal: current, field: 'versionLabel', reason: 'label_taken' };
    if (error instanceof OutdatedProposalError) return markOutdated(context, current, revision, actor, error.base);
    throw error;
  }
  if (result.kind !== 'decided') return notDecided(result);
  context.logger?.info({ proposalId: id, docId: current.docId, versionLabel, rollback: isRollback }, 'document version published');
  const flags = (await flagPublications(context)).filter((f) => f.docId === current.docId);
  return { kind: 'decided', proposal: result.proposal, flags };
}

/** ProposalService.cancel: decides the proposal `cancelled` (nothing published) with its audit event. */
export function cancelProposal(context: ProposalContext, id: string, revision: number, actor: AdminActor): DecisionResult {
  const { store } = context;
  const at = context.now().toISOString();
  const found = store.getProposal(id);
  if (!found) return { kind: 'not_found' };
  const result = store.decide(
    id,
    revision,
    (p) => ({ ...p, status: 'cancelled', decidedBy: actor, decidedAt: at }),
    decisionEvent(found.proposal, 'cancelled', actor, at, found.proposal.versionLabel, null),
  );
  if (result.kind !== 'decided') return notDecided(result);
  return { kind: 'decided', proposal: result.proposal, flags: [] };
}

/**
 * The label and date to publish: for a rollback, the stored version's (edits ignored); otherwise the edited ones,
 * an absent edit keeping the proposed value. `invalid` for an emptied label (`label_required`), a label longer than
 * MAX_VERSION_LABEL_CHARS or with a forbidden character (VERSION_LABEL_FORBIDDEN: `label_invalid`), a date that is
 * not a calendar date YYYY-MM-DD (`date_invalid`). Pure.
 */
function editedValues(
  current: Proposal,
  edits: ProposalEdits,
):
  | { kind: 'valid'; versionLabel: string; publishedOn: string | null }
  | { kind: 'invalid'; field: 'versionLabel' | 'publishedOn'; reason: 'label_required' | 'label_invalid' | 'date_invalid' } {
  const isRollback = current.rollbackVersionId !== null;
  // An emptied label is refused rather than replaced by the proposed one: the admin sees what they cleared.
  if (!isRollback && edits.versionLabel !== undefined && edits.versionLabel.trim() === '') {
    return { kind: 'invalid', field: 'versionLabel', reason: 'label_required' };
  }
  const versionLabel = isRollback ? current.versionLabel : edits.versionLabel?.trim() || current.versionLabel;
  const publishedOn = isRollback ? current.publishedOn : edits.publishedOn === undefined ? current.publishedOn : edits.publishedOn;
  if (versionLabel.length > MAX_VERSION_LABEL_CHARS || VERSION_LABEL_FORBIDDEN.test(versionLabel)) {
    return { kind: 'invalid', field: 'versionLabel', reason: 'label_invalid' };
  }
  if (publishedOn !== null && !CALENDAR_DATE.safeParse(publishedOn).success) {
    return { kind: 'invalid', field: 'publishedOn', reason: 'date_invalid' };
  }
  return { kind: 'valid', versionLabel, publishedOn };
}

/**
 * How the published version of the proposal's document differs from the one it was proposed against (see
 * baseLabelOf); null when it is still that one.
 */
function outdatedBase(knowledge: KnowledgeStore, proposal: Proposal): OutdatedBase | null {
  const basedOn = baseLabelOf(proposal);
  const published = publishedVersion(knowledge, proposal.docId)?.label ?? null;
  return basedOn === published ? null : { basedOn, published };
}

/**
 * The label of the version that was published when `proposal` was made, which its diff compares with: the
 * recognition's previous label (null: a new document, or a withdrawn one).
 */
function baseLabelOf(proposal: Proposal): string | null {
  return proposal.recognition.kind === 'new_document' ? null : proposal.recognition.previousLabel;
}

/** Closes a pending proposal as `outdated` (audited as cancelled, with why); `stale` when it no longer is pending. */
function markOutdated(context: ProposalContext, proposal: Proposal, revision: number, actor: AdminActor, base: OutdatedBase): DecisionResult {
  const at = context.now().toISOString();
  const detail = outdatedDetail(base.published, base.basedOn);
  const result = context.store.decide(
    proposal.id,
    revision,
    (p) => ({ ...p, status: 'outdated', outdated: base, decidedBy: actor, decidedAt: at }),
    decisionEvent(proposal, 'cancelled', actor, at, proposal.versionLabel, detail),
  );
  context.logger?.info({ proposalId: proposal.id, docId: proposal.docId, ...base }, 'outdated proposal not published');
  if (result.kind !== 'decided') return notDecided(result);
  return { kind: 'outdated', proposal: result.proposal };
}

/** The audit event of a decision on `proposal`, by `actor` at `at` (ISO), naming `versionLabel` (as published). */
function decisionEvent(proposal: Proposal, action: AuditAction, actor: AdminActor, at: string, versionLabel: string, detail: string | null): Omit<AuditEvent, 'id'> {
  return { at, action, actor, docId: proposal.docId, versionLabel, sourceSha256: proposal.sourceSha256, proposalId: proposal.id, detail };
}

/** The decision result of a proposal the store did not decide: unknown, or no longer pending at that revision. */
function notDecided(result: Exclude<DecideResult, { kind: 'decided' }>): DecisionResult {
  return result.kind === 'not_found' ? result : { kind: 'stale', proposal: result.current };
}

/** Thrown inside the publication's transaction when the published version changed meanwhile (nothing is written). */
class OutdatedProposalError extends Error {
  constructor(readonly base: OutdatedBase) {
    super('the published version changed since the proposal was made');
  }
}

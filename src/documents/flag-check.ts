import type { KnowledgeStore } from '../knowledge/index.js';
import { flagsAfterPublication, flagsAfterWithdrawal, openFlags, type QuotingDeclaration } from './flags.js';
import { publishedVersion, type ProposalContext } from './proposal-context.js';
import type { AssessmentFlag } from './store.js';
import type { AdminActor, AuditEvent } from './types.js';

/**
 * ProposalService.flagPublications: flags the assessments that the publications and withdrawals not yet checked
 * make outdated, each document's last one only and only while it still holds, then tells the governance team
 * (one notice per publication or withdrawal, in its proposal's language, French without one).
 * Without `context.declarations` (the command line's service) it does nothing. Never throws: a failure is logged
 * and the same events are checked at the next call.
 * @returns the flags stored by this call (none when a concurrent call checked the same events first)
 */
export async function flagPublications(context: ProposalContext): Promise<AssessmentFlag[]> {
  // Without the declarations (the command line's service) nothing can be judged: the publications stay unchecked
  // for the bot, which has them.
  if (!context.declarations) return [];
  const { store, logger } = context;
  try {
    const { through, events } = store.unflaggedPublications();
    const last = events.at(-1);
    if (!last) return [];
    const declarations = await context.declarations();
    const latest = new Map(events.map((event) => [event.docId, event]));
    const raised: Array<{ event: AuditEvent; flags: AssessmentFlag[] }> = [];
    for (const [docId, event] of latest) {
      if (docId === null) continue;
      const flags = flagsOfEvent(store.knowledge, declarations, docId, event, context.now);
      if (flags.length > 0) raised.push({ event, flags });
    }
    const stored = raised.flatMap((r) => r.flags);
    if (!store.addFlagsThrough(stored, through, last.id)) return [];
    for (const { event, flags } of raised) {
      const proposal = event.proposalId === null ? null : store.getProposal(event.proposalId)?.proposal;
      try {
        // A published proposal's card speaks its language, French when none was recorded (sync, older proposals):
        // the notice speaks the card's. A publication with no card (the command line) or a withdrawal has none.
        await context.notifier?.flagged(flags, proposal ? (proposal.language ?? 'fr') : undefined);
      } catch (err) {
        logger?.error({ err, docId: event.docId }, 'flagged assessments could not be announced');
      }
    }
    return stored;
  } catch (err) {
    logger?.error({ err }, 'assessments could not be flagged after a publication');
    return [];
  }
}

/**
 * ProposalService.openFlags: checks the publications not yet checked first (see flagPublications), then keeps the
 * flags still to look at (see openFlags); without declarations, every flag not handled, a `withdrawn` one only while
 * its document is still withdrawn; with `declarationId`, only that declaration's. Newest first.
 */
export async function stillOpenFlags(context: ProposalContext, declarationId?: string): Promise<AssessmentFlag[]> {
  // A publication the bot has not checked yet (made from the command line a moment ago) is listed already.
  await flagPublications(context);
  const isPublished = (docId: string) => publishedVersion(context.store.knowledge, docId) !== null;
  const candidates = context.store
    .flags()
    .filter((f) => (declarationId === undefined || f.declarationId === declarationId) && !f.handled && !(f.change === 'withdrawn' && isPublished(f.docId)));
  // Only the flagged declarations are read: every review card (posted, refreshed, pressed) asks for the open flags,
  // and reading the whole inventory for each held every conversation for seconds once it had a few thousand.
  if (candidates.length === 0 || !context.declarations) return candidates;
  return openFlags(candidates, await context.declarations([...new Set(candidates.map((f) => f.declarationId))]), isPublished);
}

/**
 * ProposalService.markFlagsHandled: marks handled the open flags of the declaration named by `declaration` (its
 * `IA-AAAA-NNNN` or internal id, any case, surrounding blanks ignored), at now, by `actor`.
 */
export async function markFlagsHandled(
  context: ProposalContext,
  declaration: string,
  actor: AdminActor,
): Promise<{ kind: 'handled'; flags: AssessmentFlag[] } | { kind: 'no_open_flag' }> {
  const wanted = declaration.trim().toUpperCase();
  const open = (await stillOpenFlags(context)).filter((f) => (f.publicId ?? '').toUpperCase() === wanted || f.declarationId.toUpperCase() === wanted);
  const marked = open.length === 0 ? [] : context.store.markFlagsHandled(open, actor, context.now().toISOString());
  return marked.length === 0 ? { kind: 'no_open_flag' } : { kind: 'handled', flags: marked };
}

/**
 * The flags one audit event of `docId` raises, if it still holds: a withdrawal while the document is still
 * withdrawn (any quoted version), a publication while its version is still the published one; none otherwise.
 * The flags are dated by `now`, read only for an event that still holds.
 */
function flagsOfEvent(
  knowledge: KnowledgeStore,
  declarations: readonly QuotingDeclaration[],
  docId: string,
  event: AuditEvent,
  now: () => Date,
): AssessmentFlag[] {
  const published = publishedVersion(knowledge, docId);
  if (event.action === 'withdrawn') {
    // Published again since (a later event, not checked yet, or a restart in between): nothing is withdrawn.
    if (published || event.versionLabel === null) return [];
    return flagsAfterWithdrawal(declarations, docId, event.versionLabel, now().toISOString());
  }
  if (!published || published.label !== event.versionLabel) return [];
  return flagsAfterPublication(declarations, docId, knowledge.versionPassages(published.id), published.label, now().toISOString());
}

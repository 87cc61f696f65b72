import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { typedDocId } from '../../documents/document-lookup.js';
import { withdrawalPreview } from '../../documents/withdrawal.js';
import { sendCard } from '../activities.js';
import { documentPreviewCard } from '../cards/document-preview-card.js';
import { fallbackLanguage } from '../language.js';
import { message } from '../render/answer.js';
import {
  auditText,
  DOCUMENT_ADMIN_TEXT as TEXT,
  echoed,
  flagsText,
  historyText,
  MAX_AUDIT_ENTRIES,
  MAX_LISTED_TITLE_CHARS,
  nearDocumentsText,
  proposalsText,
  shownTitle,
} from '../render/document-admin.js';
import { proposeProblemText } from '../render/document-problems.js';
import { clip, escapeMarkdown } from '../render/text.js';
import { markRoute } from '../turn.js';
import type { DocumentsDeps, InventoryDeps } from './deps.js';
import { commandLanguage, matchOf, type DocumentAccess } from './document-access.js';
import { replyWithProposal } from './document-submissions.js';
import { withdrawalConfirmation } from './document-withdrawal.js';

/** `historique DOC` / `history DOC` (also with a slash): DOC is an id or a title, spaces and all. */
export const HISTORY_COMMAND = /^\s*\/?(historique|history)(?:\s+(\S(?:[^]*\S)?))?\s*$/i;
/** `rétablir DOC VERSION` / `rollback DOC VERSION`; the version label is the rest of the line (it may hold spaces). */
export const ROLLBACK_COMMAND = /^\s*\/?(r[ée]tablir|rollback)(?:\s+(\S+)(?:\s+(\S(?:.*\S)?))?)?\s*$/i;
/** `retirer DOC` / `withdraw DOC`: asks to confirm withdrawing a document, named by its id (one word, as `rétablir` takes it). */
export const WITHDRAW_COMMAND = /^\s*\/?(retirer|withdraw)(?:\s+(\S*?[^\s.!?]))?\s*(?:[.!?]+\s*)?$/i;
/**
 * `retirer TITRE` / `withdraw TITLE`, `retirer DOC v1`, `retirer : DOC`: what follows the command word (and a colon or
 * comma after it), several words included (see WITHDRAW_COMMAND).
 */
export const WITHDRAW_NAMED = /^\s*\/?(retirer|withdraw)(?:\s*[:,]\s*|\s+)(\S(?:[^]*?[^\s.!?])?)\s*(?:[.!?]+\s*)?$/i;
/** `audit` / `audit DOC`: the last audit events, of all documents or of one. */
export const AUDIT_COMMAND = /^\s*\/?audit(?:\s+(\S+))?\s*$/i;
/** `propositions` / `proposals`: the pending proposals' preview cards (those of `balises sync` included). */
export const PROPOSALS_COMMAND = /^\s*\/?(propositions|proposals)\s*(?:[.!?]+\s*)?$/i;
/** `signalements` / `flags`: the assessments flagged by publications. */
export const FLAGS_COMMAND = /^\s*\/?(signalements|flags)\s*(?:[.!?]+\s*)?$/i;
/** `signalement traité IA-AAAA-NNNN` / `flag handled IA-AAAA-NNNN`: marks a declaration's open flags handled. */
export const FLAG_HANDLED_COMMAND = /^\s*\/?(signalements?\s+trait[ée]s?|flags?\s+handled)(?:\s+(\S*?[^\s.!?]))?\s*(?:[.!?]+\s*)?$/i;

/** Most words a title named in `rétablir TITRE VERSION` may have (an official title has about fifteen). */
const MAX_TITLE_WORDS = 60;

/** Pending proposals shown by `propositions` (one card each, oldest first). */
const MAX_LISTED_PROPOSALS = 5;

/**
 * Routes the typed document-administration commands: `historique`, `audit`, `propositions`, `signalements`,
 * `signalement traité`, `rétablir` and `retirer` (see register in documents.ts); words that only look like one go on
 * to the question route.
 */
export function registerCommands(app: Application, inventory: InventoryDeps, documents: DocumentsDeps, access: DocumentAccess, logger: Logger): void {
  const deps: CommandDeps = { inventory, documents, access, logger };
  app.message((context) => isHistoryCommand(context, deps), (context) => historyCommand(context, deps));
  app.message((context) => isAuditCommand(context, deps), (context) => auditCommand(context, deps));
  app.message(PROPOSALS_COMMAND, (context) => proposalsCommand(context, deps));
  app.message(FLAGS_COMMAND, (context) => flagsCommand(context, deps));
  app.message(FLAG_HANDLED_COMMAND, (context) => flagHandledCommand(context, deps));
  app.message(isAdminCommand(ROLLBACK_COMMAND, deps), (context) => rollbackCommand(context, deps));
  app.message(isAdminCommand(WITHDRAW_COMMAND, deps), (context) => withdrawCommand(context, deps));
  app.message(async (context) => titleToWithdraw(context, deps) !== null, (context) => withdrawNamedCommand(context, deps));
}

/** What the command handlers read: the turn's deps and the access checks (see registerCommands). */
interface CommandDeps {
  inventory: InventoryDeps;
  documents: DocumentsDeps;
  access: DocumentAccess;
  logger: Logger;
}

/**
 * Whether a message is the `audit` command: only when no word follows, or a document id that the store knows;
 * anything else goes on to the question route (`audit algorithmique` is also a question on AI governance).
 */
async function isAuditCommand(context: TurnContext, deps: CommandDeps): Promise<boolean> {
  const match = matchOf(context, AUDIT_COMMAND);
  return match !== null && (match[1] === undefined || deps.access.knownDocument(match[1]));
}

/**
 * A matcher of `command` (ROLLBACK_COMMAND, WITHDRAW_COMMAND) that leaves questions to the question route:
 * `rétablir la confiance…` or `historique ia` from an employee are questions; an admin gets the command (and its
 * "unknown document" message), as does anyone naming a known document (to be refused).
 */
function isAdminCommand(command: RegExp, deps: CommandDeps) {
  return async (context: TurnContext): Promise<boolean> => {
    const match = matchOf(context, command);
    if (!match) return false;
    const docId = match[2];
    return docId === undefined || deps.access.knownDocument(docId) || deps.access.isAdmin(context);
  };
}

/**
 * Whether a message is the `historique` command, which names a document by id or title. Anyone naming a document by its id or whole title gets the command
 * (an employee, to be refused); an admin also when the words are one id-like word, are in a title or come near
 * one; other words (`historique des systèmes d’IA`, and an employee's `historique de l’intelligence artificielle`
 * even when a title holds those words) go on to the question route.
 */
async function isHistoryCommand(context: TurnContext, deps: CommandDeps): Promise<boolean> {
  const match = matchOf(context, HISTORY_COMMAND);
  if (!match) return false;
  const named = match[2];
  if (named === undefined || deps.access.knownDocument(named)) return true;
  const lookup = deps.documents.proposals.findDocument(named);
  if (lookup.kind === 'found' && lookup.by !== 'words') return true;
  if (!deps.access.isAdmin(context)) return false;
  return lookup.kind === 'found' || !/\s/.test(named) || lookup.near.length > 0;
}

/** `historique DOC`: the document's versions (see historyText), or the documents whose names come near. */
async function historyCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /historique/i);
  const actor = await deps.access.adminHere(context, language, 'history');
  if (!actor) return;
  const named = HISTORY_COMMAND.exec(context.activity.text ?? '')?.[2];
  if (!named) {
    await context.sendActivity(message(TEXT[language].historyUsage));
    return;
  }
  const lookup = deps.access.knownDocument(named) ? { kind: 'found' as const, docId: typedDocId(named), by: 'id' as const } : deps.documents.proposals.findDocument(named);
  const history = lookup.kind === 'found' ? deps.documents.proposals.history(lookup.docId) : [];
  if (lookup.kind === 'found' && history.length > 0) {
    await context.sendActivity(message(historyText(lookup.docId, history, language)));
    return;
  }
  const near = lookup.kind === 'not_found' ? lookup.near : [];
  await context.sendActivity(message(near.length > 0 ? nearDocumentsText(named, near, language) : TEXT[language].unknownDocument(echoed(named))));
}

/** `audit [DOC]`: the last audit events (at most MAX_AUDIT_ENTRIES), of all documents or of one. */
async function auditCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  // `audit` is French and English alike: the language the person last wrote in, else the client's.
  const language = fallbackLanguage(context);
  if (!(await deps.access.adminHere(context, language, 'audit'))) return;
  const typed = AUDIT_COMMAND.exec(context.activity.text ?? '')?.[1];
  const docId = typed === undefined ? undefined : typedDocId(typed);
  const events = deps.documents.proposals.audit({ ...(docId ? { docId } : {}), limit: MAX_AUDIT_ENTRIES });
  await context.sendActivity(message(auditText(events, language)));
}

/**
 * `propositions`: how many proposals are pending, then the preview cards of the oldest MAX_LISTED_PROPOSALS in the
 * reader's language (`proposals` in English, whatever language they were proposed in), those
 * whose card never reached their proposer first (said in the heading).
 */
async function proposalsCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /propositions/i);
  if (!(await deps.access.adminHere(context, language, 'proposals'))) return;
  const undelivered = deps.documents.proposals.undeliveredCards();
  const unseen = new Set(undelivered.map(({ proposal }) => proposal.id));
  // The cards no one may have seen first, so that they are among those shown.
  const pending = deps.documents.proposals.pending().sort((a, b) => Number(unseen.has(b.id)) - Number(unseen.has(a.id)));
  if (pending.length === 0) {
    await context.sendActivity(message(TEXT[language].noProposals));
    return;
  }
  await context.sendActivity(message(proposalsText(pending.length, MAX_LISTED_PROPOSALS, undelivered, language)));
  for (const proposal of pending.slice(0, MAX_LISTED_PROPOSALS)) {
    // In the reader's language, as the line above: the card's buttons and refresh keep it (pressedCardLanguage).
    await sendCard(context, documentPreviewCard(proposal, language, { adminIds: deps.inventory.governanceAdminIds }));
  }
}

/** `signalements`: the open assessment flags (see ProposalService.openFlags). */
async function flagsCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /signalements/i);
  if (!(await deps.access.adminHere(context, language, 'flags'))) return;
  const flags = await deps.documents.proposals.openFlags();
  await context.sendActivity(message(flags.length === 0 ? TEXT[language].noFlags : flagsText(flags, language, 'list')));
}

/** `signalement traité IA-AAAA-NNNN`: marks the declaration's open flags handled (audited). */
async function flagHandledCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /signalement/i);
  const actor = await deps.access.adminHere(context, language, 'flag_handled');
  if (!actor) return;
  const declaration = FLAG_HANDLED_COMMAND.exec(context.activity.text ?? '')?.[2];
  if (!declaration) {
    await context.sendActivity(message(TEXT[language].flagHandledUsage));
    return;
  }
  const result = await deps.documents.proposals.markFlagsHandled(declaration, actor);
  const shown = escapeMarkdown(result.kind === 'handled' ? (result.flags[0]!.publicId ?? declaration) : declaration);
  await context.sendActivity(message(result.kind === 'handled' ? TEXT[language].flagsHandled(shown, result.flags.length) : TEXT[language].noOpenFlag(shown)));
}

/** `rétablir DOC VERSION`: a rollback proposal's preview card, or why not (with the id-based command for a title). */
async function rollbackCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /r[ée]tablir/i);
  const actor = await deps.access.adminHere(context, language, 'rollback');
  if (!actor) return;
  const [, , docId, versionLabel] = ROLLBACK_COMMAND.exec(context.activity.text ?? '') ?? [];
  if (!docId || !versionLabel) {
    await context.sendActivity(message(TEXT[language].rollbackUsage));
    return;
  }
  const result = await deps.documents.proposals.proposeRollback(typedDocId(docId), versionLabel.trim(), actor, language);
  const t = TEXT[language];
  const titled = result.kind === 'failed' && result.problem.code === 'unknown_document' ? titledRollback(deps, `${docId} ${versionLabel}`) : null;
  if (titled) {
    const command = `${t.rollbackWord} ${titled.docId} ${titled.label}`;
    await context.sendActivity(message(t.rollbackById(escapeMarkdown(clip(titled.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(titled.label), escapeMarkdown(command))));
  } else if (result.kind === 'failed') await context.sendActivity(message(t.rollbackFailed(escapeMarkdown(proposeProblemText(language, result.problem)))));
  else if (result.kind === 'unchanged') await context.sendActivity(message(t.rollbackUnchanged(escapeMarkdown(result.docId), escapeMarkdown(result.versionLabel))));
  else await replyWithProposal(context, result, deps.inventory, deps.documents, language);
}

/**
 * The document a `rétablir` names by its title, with the label after it: the longest run of leading words (two or
 * more) that names one document by title, the rest the label; null when none does. Why:
 * `rétablir Confidentialité et sécurité 2026-12-03` read « Confidentialité » as the id and got « aucun document n’a
 * cet identifiant », a dead end although `historique` takes the title. The longest run of words that names one
 * document is its title, the rest the version label; as for `retirer TITRE`, only the command with the id is given
 * back: a proposal stays tied to the exact id.
 */
function titledRollback(deps: CommandDeps, named: string): { docId: string; title: string; label: string } | null {
  const words = named.trim().split(/\s+/);
  // Each run is looked up (about 10 ms for a long one): every run of a pasted 28 KB text took minutes.
  for (let cut = Math.min(words.length - 1, MAX_TITLE_WORDS); cut >= 2; cut--) {
    const lookup = deps.documents.proposals.findDocument(words.slice(0, cut).join(' '));
    if (lookup.kind !== 'found' || lookup.by === 'id') continue;
    const title = shownTitle(deps.documents.proposals.history(lookup.docId), lookup.docId);
    return { docId: lookup.docId, title, label: words.slice(cut).join(' ') };
  }
  return null;
}

/**
 * `retirer DOC`: the confirmation card of the document's published version (see withdrawalConfirmation); nothing is
 * withdrawn until its « Retirer le document » is pressed (document-withdrawal.ts), as `rétablir` publishes only from
 * its preview card. One already withdrawn, an unknown id and a missing one are said in words. `balises withdraw`, at
 * a shell, takes the document down at once.
 */
async function withdrawCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /retirer/i);
  const actor = await deps.access.adminHere(context, language, 'withdraw');
  if (!actor) return;
  const typed = WITHDRAW_COMMAND.exec(context.activity.text ?? '')?.[2];
  const t = TEXT[language];
  if (!typed) {
    await context.sendActivity(message(t.withdrawUsage));
    return;
  }
  const docId = typedDocId(typed);
  const preview = withdrawalPreview(deps.documents.proposals, docId);
  if (preview.kind === 'unknown') await context.sendActivity(message(t.unknownDocument(echoed(typed))));
  else if (preview.kind === 'not_published') await context.sendActivity(message(t.alreadyWithdrawn(escapeMarkdown(docId))));
  else await sendCard(context, withdrawalConfirmation(preview.entry, language));
}

/**
 * The document a governance admin's `retirer` names by its title, or by the one known id among its words, with the
 * title it is shown by; null otherwise, and for anyone else. Why: an admin who names the document by its title (`retirer Guide de l’expérimentateur`), or types its id with more
 * words (`retirer guide-iag v1`, as `rétablir` takes a version; `retirer le document guide-iag`), would otherwise
 * get an answer quoting the very document, with nothing saying it is still published. Only the command is given
 * back: the withdrawal's confirmation card stays tied to an exact id, alone, never to words a title merely contains.
 */
function titleToWithdraw(context: TurnContext, deps: CommandDeps): { docId: string; title: string; by: 'title' | 'id' } | null {
  const named = matchOf(context, WITHDRAW_NAMED)?.[2];
  if (named === undefined) return null;
  if (!deps.access.isAdmin(context)) return null;
  const lookup = /\s/.test(named) ? deps.documents.proposals.findDocument(named) : null;
  const ids = [...new Set(named.split(/\s+/).map(typedDocId))].filter((id) => id !== '' && deps.access.knownDocument(id));
  const found = lookup?.kind === 'found' ? { docId: lookup.docId, by: 'title' as const } : ids.length === 1 ? { docId: ids[0]!, by: 'id' as const } : null;
  if (!found) return null;
  return { ...found, title: shownTitle(deps.documents.proposals.history(found.docId), found.docId) };
}

/** `retirer` naming a document by its title or with more words (see titleToWithdraw): only the command with the id. */
async function withdrawNamedCommand(context: TurnContext, deps: CommandDeps): Promise<void> {
  markRoute(context, 'documents');
  const language = commandLanguage(context.activity.text, /retirer/i);
  if (!(await deps.access.adminHere(context, language, 'withdraw'))) return;
  const named = titleToWithdraw(context, deps);
  if (!named) return;
  const t = TEXT[language];
  const command = `${t.withdrawWord} ${named.docId}`;
  const withdrawBy = named.by === 'title' ? t.withdrawById : t.withdrawByIdAlone;
  await context.sendActivity(message(withdrawBy(escapeMarkdown(clip(named.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(command))));
}

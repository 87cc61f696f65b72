import type { Application } from '@microsoft/teams-ai';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { RefusedRequest } from '../../documents/audit-detail.js';
import { DownloadError } from '../../documents/download.js';
import { hasCredentials, withoutCredentials } from '../../documents/url-credentials.js';
import { typedDocId } from '../../documents/document-lookup.js';
import type { DecisionResult, ProposeResult } from '../../documents/proposals.js';
import { shownFileName } from '../../documents/proposals.js';
import type { AdminActor, Proposal } from '../../documents/types.js';
import { sameUser } from '../../inventory/index.js';
import { DOCUMENT_INPUTS, DOCUMENT_VERBS, documentPreviewCard, proposalLanguage, type PreviewCardOptions } from '../cards/document-preview-card.js';
import { messageCard, type Card } from '../cards/index.js';
import { isPersonal } from '../audience.js';
import { documentNotifier } from '../document-notifier.js';
import { actionLanguage, fallbackLanguage } from '../language.js';
import { message } from '../render/answer.js';
import { downloadProblemText, proposeProblemText } from '../render/document-problems.js';
import {
  auditText,
  DOCUMENT_ADMIN_TEXT as TEXT,
  echoed,
  flagsText,
  historyText,
  MAX_AUDIT_ENTRIES,
  MAX_LISTED_TITLE_CHARS,
  nearDocumentsText,
} from '../render/document-admin.js';
import { clip, escapeMarkdown } from '../render/text.js';
import { markRoute, turnLogger } from '../turn.js';
import { actorOf, respondWithCard, sendCard, updateCardForEveryone } from '../activities.js';
import { governancePlace, inChannel, REGISTER_HINT } from './governance-place.js';
import type { DocumentsDeps, InventoryDeps, RouteDeps } from './deps.js';

/**
 * `/publier URL` / `/publish URL`; whatever follows the command word is captured, so that a mistyped address (text,
 * a space inside, two addresses) gets the command's usage rather than « je ne connais pas cette commande ».
 */
export const PUBLISH_COMMAND = /^\s*\/(publier|publish)(?:\s+([^]*?))?\s*$/i;
/** `historique DOC` / `history DOC` (also with a slash): DOC is an id or a title, spaces and all. */
export const HISTORY_COMMAND = /^\s*\/?(historique|history)(?:\s+([^]*?))?\s*$/i;
/** `rétablir DOC VERSION` / `rollback DOC VERSION`; the version label is the rest of the line (it may hold spaces). */
export const ROLLBACK_COMMAND = /^\s*\/?(r[ée]tablir|rollback)(?:\s+(\S+)(?:\s+(.+?))?)?\s*$/i;
/** `retirer DOC` / `withdraw DOC`: stops publishing a document, named by its id (one word, as `rétablir` takes it). */
export const WITHDRAW_COMMAND = /^\s*\/?(retirer|withdraw)(?:\s+(\S+?))?\s*[.!?]*\s*$/i;
/**
 * `retirer TITRE` / `withdraw TITLE`, `retirer DOC v1`, `retirer : DOC`: what follows the command word (and a colon or
 * comma after it), several words included (see WITHDRAW_COMMAND).
 */
export const WITHDRAW_NAMED = /^\s*\/?(retirer|withdraw)(?:\s*[:,]\s*|\s+)([^]+?)\s*[.!?]*\s*$/i;
/** `audit` / `audit DOC`: the last audit events, of all documents or of one. */
export const AUDIT_COMMAND = /^\s*\/?audit(?:\s+(\S+))?\s*$/i;
/** `propositions` / `proposals`: the pending proposals' preview cards (those of `balises sync` included). */
export const PROPOSALS_COMMAND = /^\s*\/?(propositions|proposals)\s*[.!?]*\s*$/i;
/** `signalements` / `flags`: the assessments flagged by publications. */
export const FLAGS_COMMAND = /^\s*\/?(signalements|flags)\s*[.!?]*\s*$/i;
/** `signalement traité IA-AAAA-NNNN` / `flag handled IA-AAAA-NNNN`: marks a declaration's open flags handled. */
export const FLAG_HANDLED_COMMAND = /^\s*\/?(signalements?\s+trait[ée]s?|flags?\s+handled)(?:\s+(\S+?))?\s*[.!?]*\s*$/i;
/** The Teams attachment of a file sent to the bot in personal chat (`supportsFiles` in the manifest). */
export const TEAMS_FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';

/** The verbs this route serves. */
export const DOCUMENT_ROUTE_VERBS = [DOCUMENT_VERBS.publish, DOCUMENT_VERBS.cancel, DOCUMENT_VERBS.refresh] as const;

/** Pending proposals shown by `propositions` (one card each, oldest first). */
const MAX_LISTED_PROPOSALS = 5;

const FileContent = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional() }).passthrough();
const Decision = z.object({ proposalId: z.string().uuid(), revision: z.number().int().min(0) });
const Refresh = z.object({ proposalId: z.string().uuid() });
const Edits = z.object({
  [DOCUMENT_INPUTS.versionLabel]: z.string().optional(),
  [DOCUMENT_INPUTS.publishedOn]: z.string().optional(),
});


/** Requests that only read document administration (refused with words that say so, not « publish or restore »). */
const READ_ONLY_REQUESTS: ReadonlySet<RefusedRequest> = new Set(['history', 'audit', 'proposals', 'flags']);

/**
 * Document administration in Teams (issue #9), for governance admins (GOVERNANCE_ADMIN_IDS); anyone else gets a
 * polite refusal, recorded in the audit trail, and nothing changes:
 * - a file sent in personal chat (Teams `file.download.info` attachment, or any attachment with a `contentUrl`
 *   and a supported name) or `/publier URL` is downloaded (size limit, format check, timeout), parsed and proposed:
 *   the preview card comes back; nothing is published yet;
 * - `documents.publish` / `documents.cancel` (card buttons) decide; the card is updated for everyone and
 *   `documents.refresh` (Universal Actions automatic refresh) gives each admin the current state; a stale click
 *   gets the current state;
 * - `historique DOC` lists the versions with who published them; `rétablir DOC VERSION` proposes an earlier one;
 *   `retirer DOC` stops publishing a document at once (audited; `rétablir` brings a version back);
 *   `audit [DOC]` lists the last audit events; `signalements` the assessments flagged by publications that still
 *   apply (see openFlags), `signalement traité IA-AAAA-NNNN` marks a declaration's flags handled (audited);
 *   `propositions` shows the cards of the pending proposals (a `balises sync` run from the command line tells no one).
 *   These answer only in a personal chat and in the governance channel; in a group chat or another channel an
 *   admin is told where to ask, and nothing is shown to the other members.
 * Also attaches the notifier that posts new proposals to the other admins and the governance channel.
 * Without `deps.inventory.documents` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  const documents = inventory?.documents;
  if (!inventory || !documents) return;
  documents.proposals.attachNotifier(documentNotifier(inventory, deps.logger));

  /** The admin acting, or null after telling the person why not (refusals are audited). */
  const admin = async (context: TurnContext, language: Language, what: RefusedRequest): Promise<AdminActor | null> => {
    const actor = actorOf(context.activity);
    if (!actor) {
      await context.sendActivity(message(TEXT[language].noIdentity));
      return null;
    }
    if (!inventory.service.isGovernanceAdmin(actor)) {
      documents.proposals.refused(actor, what);
      turnLogger(context, deps.logger).info({ what }, 'document administration refused: not a governance admin');
      await context.sendActivity(message(READ_ONLY_REQUESTS.has(what) ? TEXT[language].notAdminToRead : TEXT[language].notAdmin));
      return null;
    }
    return actor;
  };

  /**
   * The admin acting, where what the command shows may be read (a personal chat or the governance channel), or null
   * after telling the person why not.
   */
  const adminHere = async (context: TurnContext, language: Language, what: RefusedRequest): Promise<AdminActor | null> => {
    const actor = await admin(context, language, what);
    if (!actor) return null;
    if (!(await governancePlace(context, inventory.conversations))) {
      await context.sendActivity(message(inChannel(context) ? `${TEXT[language].notHere} ${REGISTER_HINT[language]}` : TEXT[language].notHere));
      return null;
    }
    return actor;
  };

  /** A document id the store knows (it has versions or audit events), as typed (see typedDocId: `ÉNONCÉ-…` is `enonce-…`). */
  const knownDocument = (typed: string): boolean => {
    const docId = typedDocId(typed);
    return documents.proposals.history(docId).length > 0 || documents.proposals.audit({ docId, limit: 1 }).length > 0;
  };
  const matchOf = (context: TurnContext, command: RegExp): RegExpExecArray | null =>
    context.activity.type === 'message' ? command.exec(context.activity.text ?? '') : null;
  // `audit algorithmique` is also a question on AI governance: the command only when no word follows, or a document
  // id that the store knows; anything else goes on to the question route.
  const isAuditCommand = async (context: TurnContext): Promise<boolean> => {
    const match = matchOf(context, AUDIT_COMMAND);
    return match !== null && (match[1] === undefined || knownDocument(match[1]));
  };
  // Likewise `rétablir la confiance…` or `historique ia` from an employee are questions; an admin gets the command
  // (and its "unknown document" message), as does anyone naming a known document (to be refused).
  const isAdminCommand = (command: RegExp) => async (context: TurnContext): Promise<boolean> => {
    const match = matchOf(context, command);
    if (!match) return false;
    const docId = match[2];
    const actor = actorOf(context.activity);
    return docId === undefined || knownDocument(docId) || (actor !== null && inventory.service.isGovernanceAdmin(actor));
  };

  app.message(
    async (context) => context.activity.type === 'message' && fileAttachments(context.activity).length > 0,
    async (context) => {
      markRoute(context, 'documents');
      const language = fallbackLanguage(context);
      const [file, ...others] = fileAttachments(context.activity);
      const actor = await admin(context, language, 'file');
      if (!actor || !file) return;
      if (!isPersonal(context)) {
        await context.sendActivity(message(TEXT[language].personalOnly));
        return;
      }
      // One proposal per message keeps one « Je lis » and one card per file; the others are named, not lost silently.
      if (others.length > 0) await context.sendActivity(message(TEXT[language].oneFile(quoted(file.name, language), others.map((f) => quoted(f.name, language)).join(language === 'fr' ? ' et ' : ' and '))));
      await submit(context, inventory, documents, actor, language, file.url, file.name, 'file', deps.logger);
    },
  );

  app.message(PUBLISH_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /publier/i);
    const actor = await admin(context, language, 'url');
    if (!actor) return;
    const url = PUBLISH_COMMAND.exec(context.activity.text ?? '')?.[2];
    if (!isPersonal(context)) {
      await context.sendActivity(message(TEXT[language].personalOnly));
      return;
    }
    // Checked before « Je lis … » is announced: an address that cannot be downloaded gets the usage at once.
    if (!url || !/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) {
      const several = (url ?? '').split(/\s+/).filter((word) => /^https?:\/\//i.test(word)).length > 1;
      await context.sendActivity(message(several ? `${TEXT[language].publishUsage} ${TEXT[language].oneAddress}` : TEXT[language].publishUsage));
      return;
    }
    // The address would be echoed in « Je lis … » and kept as the proposal's origin: refused with the reason, and
    // shown without its user name and password.
    if (hasCredentials(url)) {
      await context.sendActivity(message(TEXT[language].credentials(escapeMarkdown(withoutCredentials(url)))));
      return;
    }
    await submit(context, inventory, documents, actor, language, url, undefined, 'url', deps.logger);
  });

  // `historique` names a document by id or title. Anyone naming a document by its id or whole title gets the command
  // (an employee, to be refused); an admin also when the words are one id-like word, are in a title or come near
  // one; other words (`historique des systèmes d’IA`, and an employee's `historique de l’intelligence artificielle`
  // even when a title holds those words) go on to the question route.
  const isHistoryCommand = async (context: TurnContext): Promise<boolean> => {
    const match = matchOf(context, HISTORY_COMMAND);
    if (!match) return false;
    const named = match[2];
    if (named === undefined || knownDocument(named)) return true;
    const lookup = documents.proposals.findDocument(named);
    if (lookup.kind === 'found' && lookup.by !== 'words') return true;
    const actor = actorOf(context.activity);
    if (actor === null || !inventory.service.isGovernanceAdmin(actor)) return false;
    return lookup.kind === 'found' || !/\s/.test(named) || lookup.near.length > 0;
  };

  app.message(isHistoryCommand, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /historique/i);
    const actor = await adminHere(context, language, 'history');
    if (!actor) return;
    const named = HISTORY_COMMAND.exec(context.activity.text ?? '')?.[2];
    if (!named) {
      await context.sendActivity(message(TEXT[language].historyUsage));
      return;
    }
    const lookup = knownDocument(named) ? { kind: 'found' as const, docId: typedDocId(named), by: 'id' as const } : documents.proposals.findDocument(named);
    const history = lookup.kind === 'found' ? documents.proposals.history(lookup.docId) : [];
    if (lookup.kind === 'found' && history.length > 0) {
      await context.sendActivity(message(historyText(lookup.docId, history, language)));
      return;
    }
    const near = lookup.kind === 'not_found' ? lookup.near : [];
    await context.sendActivity(message(near.length > 0 ? nearDocumentsText(named, near, language) : TEXT[language].unknownDocument(echoed(named))));
  });

  app.message(isAuditCommand, async (context) => {
    markRoute(context, 'documents');
    // `audit` is French and English alike: the language the person last wrote in, else the client's.
    const language = fallbackLanguage(context);
    if (!(await adminHere(context, language, 'audit'))) return;
    const typed = AUDIT_COMMAND.exec(context.activity.text ?? '')?.[1];
    const docId = typed === undefined ? undefined : typedDocId(typed);
    const events = documents.proposals.audit({ ...(docId ? { docId } : {}), limit: MAX_AUDIT_ENTRIES });
    await context.sendActivity(message(auditText(events, language)));
  });

  app.message(PROPOSALS_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /propositions/i);
    if (!(await adminHere(context, language, 'proposals'))) return;
    const pending = documents.proposals.pending();
    if (pending.length === 0) {
      await context.sendActivity(message(TEXT[language].noProposals));
      return;
    }
    await context.sendActivity(message(TEXT[language].proposals(pending.length, MAX_LISTED_PROPOSALS)));
    for (const proposal of pending.slice(0, MAX_LISTED_PROPOSALS)) {
      await sendCard(context, documentPreviewCard(proposal, proposalLanguage(proposal), { adminIds: inventory.governanceAdminIds }));
    }
  });

  app.message(FLAGS_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /signalements/i);
    if (!(await adminHere(context, language, 'flags'))) return;
    const flags = await documents.proposals.openFlags();
    await context.sendActivity(message(flags.length === 0 ? TEXT[language].noFlags : flagsText(flags, language, 'list')));
  });

  app.message(FLAG_HANDLED_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /signalement/i);
    const actor = await adminHere(context, language, 'flag_handled');
    if (!actor) return;
    const declaration = FLAG_HANDLED_COMMAND.exec(context.activity.text ?? '')?.[2];
    if (!declaration) {
      await context.sendActivity(message(TEXT[language].flagHandledUsage));
      return;
    }
    const result = await documents.proposals.markFlagsHandled(declaration, actor);
    const shown = escapeMarkdown(result.kind === 'handled' ? (result.flags[0]!.publicId ?? declaration) : declaration);
    await context.sendActivity(message(result.kind === 'handled' ? TEXT[language].flagsHandled(shown, result.flags.length) : TEXT[language].noOpenFlag(shown)));
  });

  app.message(isAdminCommand(ROLLBACK_COMMAND), async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /r[ée]tablir/i);
    const actor = await adminHere(context, language, 'rollback');
    if (!actor) return;
    const [, , docId, versionLabel] = ROLLBACK_COMMAND.exec(context.activity.text ?? '') ?? [];
    if (!docId || !versionLabel) {
      await context.sendActivity(message(TEXT[language].rollbackUsage));
      return;
    }
    const result = await documents.proposals.proposeRollback(typedDocId(docId), versionLabel.trim(), actor, language);
    const t = TEXT[language];
    const titled = result.kind === 'failed' && result.problem.code === 'unknown_document' ? titledRollback(`${docId} ${versionLabel}`) : null;
    if (titled) {
      const command = `${t.rollbackWord} ${titled.docId} ${titled.label}`;
      await context.sendActivity(message(t.rollbackById(escapeMarkdown(clip(titled.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(titled.label), escapeMarkdown(command))));
    } else if (result.kind === 'failed') await context.sendActivity(message(t.rollbackFailed(escapeMarkdown(proposeProblemText(language, result.problem)))));
    else if (result.kind === 'unchanged') await context.sendActivity(message(t.rollbackUnchanged(escapeMarkdown(result.docId), escapeMarkdown(result.versionLabel))));
    else await reply(context, result, inventory, documents, language);
  });

  // `rétablir Confidentialité et sécurité 2026-12-03` read « Confidentialité » as the id and got « aucun document n’a
  // cet identifiant », a dead end although `historique` takes the title. The longest run of words that names one
  // document is its title, the rest the version label; as for `retirer TITRE`, only the command with the id is given
  // back: a proposal stays tied to the exact id.
  const titledRollback = (named: string): { docId: string; title: string; label: string } | null => {
    const words = named.trim().split(/\s+/);
    for (let cut = words.length - 1; cut >= 2; cut--) {
      const lookup = documents.proposals.findDocument(words.slice(0, cut).join(' '));
      if (lookup.kind !== 'found' || lookup.by === 'id') continue;
      const history = documents.proposals.history(lookup.docId);
      const title = (history.find(({ version }) => version.published) ?? history[0])?.version.title ?? lookup.docId;
      return { docId: lookup.docId, title, label: words.slice(cut).join(' ') };
    }
    return null;
  };

  // Taking a document down is immediate, as `balises withdraw` is, and undone with `rétablir`, which the reply gives.
  app.message(isAdminCommand(WITHDRAW_COMMAND), async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /retirer/i);
    const actor = await adminHere(context, language, 'withdraw');
    if (!actor) return;
    const typed = WITHDRAW_COMMAND.exec(context.activity.text ?? '')?.[2];
    const t = TEXT[language];
    if (!typed) {
      await context.sendActivity(message(t.withdrawUsage));
      return;
    }
    const docId = typedDocId(typed);
    const result = documents.proposals.withdraw(docId, actor);
    if (result.kind === 'unknown') await context.sendActivity(message(t.unknownDocument(echoed(typed))));
    else if (result.kind === 'not_published') await context.sendActivity(message(t.alreadyWithdrawn(escapeMarkdown(docId))));
    else {
      const { title, label } = result.version;
      const command = `${t.rollbackWord} ${docId} ${label}`;
      turnLogger(context, deps.logger).info({ docId, version: label }, 'document withdrawn from Teams');
      await context.sendActivity(message(t.withdrawn(escapeMarkdown(clip(title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(docId), escapeMarkdown(label), escapeMarkdown(command))));
    }
  });

  // An admin who names the document by its title (`retirer Guide de l’expérimentateur`), or types its id with more
  // words (`retirer guide-iag v1`, as `rétablir` takes a version; `retirer le document guide-iag`), would otherwise
  // get an answer quoting the very document, with nothing saying it is still published. Only the command is given
  // back: taking a document down at once stays tied to its exact id, alone, never to words a title merely contains.
  const titleToWithdraw = (context: TurnContext): { docId: string; title: string; by: 'title' | 'id' } | null => {
    const named = matchOf(context, WITHDRAW_NAMED)?.[2];
    if (named === undefined) return null;
    const actor = actorOf(context.activity);
    if (actor === null || !inventory.service.isGovernanceAdmin(actor)) return null;
    const lookup = /\s/.test(named) ? documents.proposals.findDocument(named) : null;
    const ids = [...new Set(named.split(/\s+/).map(typedDocId))].filter((id) => id !== '' && knownDocument(id));
    const found = lookup?.kind === 'found' ? { docId: lookup.docId, by: 'title' as const } : ids.length === 1 ? { docId: ids[0]!, by: 'id' as const } : null;
    if (!found) return null;
    const history = documents.proposals.history(found.docId);
    const title = (history.find(({ version }) => version.published) ?? history[0])?.version.title ?? found.docId;
    return { ...found, title };
  };

  app.message(async (context) => titleToWithdraw(context) !== null, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /retirer/i);
    if (!(await adminHere(context, language, 'withdraw'))) return;
    const named = titleToWithdraw(context);
    if (!named) return;
    const t = TEXT[language];
    const command = `${t.withdrawWord} ${named.docId}`;
    const withdrawBy = named.by === 'title' ? t.withdrawById : t.withdrawByIdAlone;
    await context.sendActivity(message(withdrawBy(escapeMarkdown(clip(named.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(command))));
  });

  for (const verb of [DOCUMENT_VERBS.publish, DOCUMENT_VERBS.cancel]) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: Record<string, unknown>) => {
      markRoute(context, 'documents');
      const language = actionLanguage(context.activity);
      const card = await decide(context, inventory, documents, verb, data, language, deps.logger);
      await respondWithCard(context, card);
      return card;
    });
  }

  app.adaptiveCards.actionExecute(DOCUMENT_VERBS.refresh, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'documents');
    const language = actionLanguage(context.activity);
    const card = refreshed(context, inventory, documents, data, language);
    await respondWithCard(context, card);
    return card;
  });
}

/** The files attached to a message, in order: Teams' download info, or plain attachments with a URL (Emulator, Playground). */
export function fileAttachments(activity: Pick<Activity, 'attachments'>): Array<{ url: string; name: string }> {
  return (activity.attachments ?? []).flatMap((attachment) => fileOf(attachment) ?? []);
}

/** A file name as a message names it: « name » in French, the bare name in English; markdown-safe. */
function quoted(name: string, language: Language): string {
  return language === 'fr' ? `« ${escapeMarkdown(name)} »` : escapeMarkdown(name);
}

function fileOf(attachment: Attachment): { url: string; name: string } | null {
  if (attachment.contentType === TEAMS_FILE_TYPE) {
    const content = FileContent.safeParse(attachment.content);
    return content.success ? { url: content.data.downloadUrl, name: attachment.name ?? 'document' } : null;
  }
  if (attachment.contentUrl && attachment.name && /\.(pdf|docx|html?|md|markdown|txt)$/i.test(attachment.name) && /^https?:/i.test(attachment.contentUrl)) {
    return { url: attachment.contentUrl, name: attachment.name };
  }
  return null;
}

/** The language of a command that has a French and an English word: French when the French word was typed, else English. */
function commandLanguage(text: string | undefined, french: RegExp): Language {
  return french.test(text ?? '') ? 'fr' : 'en';
}

async function submit(
  context: TurnContext,
  inventory: InventoryDeps,
  documents: DocumentsDeps,
  actor: AdminActor,
  language: Language,
  url: string,
  fileName: string | undefined,
  kind: 'file' | 'url',
  fallback: Logger,
): Promise<void> {
  const t = TEXT[language];
  const log = turnLogger(context, fallback);
  await context.sendActivity(message(t.reading(escapeMarkdown(fileName === undefined ? url : shownFileName(fileName)))));
  let downloaded;
  try {
    downloaded = await documents.download(url, fileName ? { fileName } : {});
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    log.warn({ kind: error.kind, status: error.status }, 'document download failed');
    // A Teams download link is a secret: only the reason is shown, never the URL of a file.
    await context.sendActivity(message(t.downloadFailed(downloadProblemText(language, error.kind, error.status, error.range, kind === 'file'))));
    return;
  }
  const result = await documents.proposals.propose({
    bytes: downloaded.bytes,
    fileName: downloaded.fileName,
    contentType: downloaded.contentType ?? undefined,
    origin: kind === 'url' ? { kind, url: downloaded.finalUrl } : { kind },
    proposedBy: actor,
    language,
  });
  if (result.kind === 'failed') await context.sendActivity(message(t.failed(proposeProblemText(language, result.problem))));
  else if (result.kind === 'unchanged') await context.sendActivity(message(t.unchanged(escapeMarkdown(result.docId), escapeMarkdown(result.versionLabel))));
  else await reply(context, result, inventory, documents, language);
}

/**
 * Replies with the proposal's preview card, then, when the reader is its proposer, records it shown: the card the
 * proposal owes them (queued with it, see ANNOUNCEMENT_GRACE_MS) is no longer posted by the outbox. A process killed before this record, or a
 * reply the connector refused, leaves the card to the outbox.
 */
async function reply(
  context: TurnContext,
  result: Extract<ProposeResult, { proposal: Proposal }>,
  inventory: Pick<InventoryDeps, 'governanceAdminIds'>,
  documents: DocumentsDeps,
  language: Language,
): Promise<void> {
  if (result.kind === 'already_pending') await context.sendActivity(message(TEXT[language].alreadyPending(result.proposal.rollbackVersionId !== null)));
  // The card speaks the proposal's language (that of the command or client it was proposed from), as its refreshes
  // and button answers will, whoever presses.
  await sendCard(context, documentPreviewCard(result.proposal, proposalLanguage(result.proposal), { adminIds: inventory.governanceAdminIds }));
  // Only the proposer's own reply settles the card owed to them: another admin sending the same file saw it, they did not.
  const { proposedBy } = result.proposal;
  const actor = actorOf(context.activity);
  if (proposedBy !== 'system' && actor !== null && sameUser(proposedBy.id, actor.id)) documents.proposals.announced(result.proposal.id);
}

async function decide(
  context: TurnContext,
  inventory: InventoryDeps,
  documents: DocumentsDeps,
  verb: typeof DOCUMENT_VERBS.publish | typeof DOCUMENT_VERBS.cancel,
  data: Record<string, unknown>,
  language: Language,
  fallback: Logger,
): Promise<Card> {
  const t = TEXT[language];
  const actor = actorOf(context.activity);
  if (!actor) return noticeCard(t.noIdentity);
  if (!inventory.service.isGovernanceAdmin(actor)) {
    documents.proposals.refused(actor, verb);
    return noticeCard(t.notAdmin);
  }
  const action = Decision.safeParse(data);
  if (!action.success) return noticeCard(t.invalidCard);
  const options: PreviewCardOptions = { adminIds: inventory.governanceAdminIds };
  let result: DecisionResult;
  if (verb === DOCUMENT_VERBS.cancel) result = await documents.proposals.cancel(action.data.proposalId, action.data.revision, actor);
  else {
    const edits = Edits.safeParse(data);
    const typed = edits.success ? edits.data : {};
    // An input left out of the submission was emptied (Adaptive Cards send no empty input), as the declaration
    // cards read an absent input (see readStepInputs): the label, required, becomes '' for the service to refuse;
    // the date, optional, becomes no official date, never the proposed one the admin cleared.
    const publishedOn = typed.publishedOn?.trim() || null;
    result = await documents.proposals.publish(action.data.proposalId, action.data.revision, actor, {
      versionLabel: typed.versionLabel ?? '',
      publishedOn,
    });
    if (result.kind === 'invalid') {
      return documentPreviewCard(result.proposal, proposalLanguage(result.proposal), { ...options, problem: { field: result.field, reason: result.reason }, typed: { versionLabel: typed.versionLabel ?? '', publishedOn } });
    }
  }
  if (result.kind === 'not_found') return noticeCard(t.notFound);
  const cardLanguage = proposalLanguage(result.proposal);
  if (result.kind === 'stale') {
    // The person whose own click made this decision (a double click, a redelivered invoke) just gets the decided
    // card; anyone else, or a click asking for the other decision, is told it was already decided or replaced.
    const decidedByThem = result.proposal.decidedBy !== null && sameUser(result.proposal.decidedBy.id, actor.id);
    // A « Publier » refused because the proposal was outdated (outdated) is that click's decision as well.
    const status = result.proposal.status;
    const sameDecision = verb === DOCUMENT_VERBS.cancel ? status === 'cancelled' : status === 'published' || status === 'outdated';
    const notices = decidedByThem && sameDecision ? [] : [TEXT[cardLanguage].stale];
    return documentPreviewCard(result.proposal, cardLanguage, { ...options, notices });
  }
  const card = documentPreviewCard(result.proposal, cardLanguage, options);
  await updateCardForEveryone(context, card, fallback, 'document');
  return card;
}

/**
 * The current preview card for `documents.refresh`. Teams refreshes it only for the governance admins (the card's
 * `refresh.userIds`); anyone else sending that verb by hand is refused like a Publier click, audited, and sees
 * nothing of the proposal.
 */
function refreshed(context: TurnContext, inventory: InventoryDeps, documents: DocumentsDeps, data: Record<string, unknown>, language: Language): Card {
  const t = TEXT[language];
  const actor = actorOf(context.activity);
  if (!actor) return noticeCard(t.noIdentity);
  if (!inventory.service.isGovernanceAdmin(actor)) {
    documents.proposals.refused(actor, DOCUMENT_VERBS.refresh);
    return noticeCard(t.notAdmin);
  }
  const parsed = Refresh.safeParse(data);
  const proposal = parsed.success ? documents.proposals.get(parsed.data.proposalId) : null;
  return proposal ? documentPreviewCard(proposal, proposalLanguage(proposal), { adminIds: inventory.governanceAdminIds }) : noticeCard(t.notFound);
}

/** A card of one of our sentences (already safe), answering a card action. */
function noticeCard(text: string): Card {
  return messageCard([text]);
}

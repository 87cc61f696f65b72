import type { Application } from '@microsoft/teams-ai';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import { DownloadError } from '../../documents/download.js';
import { shownFileName } from '../../documents/file-names.js';
import type { ProposeResult } from '../../documents/proposals.js';
import type { AdminActor, Proposal } from '../../documents/types.js';
import { hasCredentials, withoutCredentials } from '../../documents/url-credentials.js';
import { sameUser } from '../../inventory/index.js';
import { actorOf, sendCard } from '../activities.js';
import { isPersonal } from '../audience.js';
import { documentPreviewCard, proposalLanguage } from '../cards/document-preview-card.js';
import { fallbackLanguage } from '../language.js';
import { message } from '../render/answer.js';
import { DOCUMENT_ADMIN_TEXT as TEXT } from '../render/document-admin.js';
import { downloadProblemText, proposeProblemText } from '../render/document-problems.js';
import { escapeMarkdown } from '../render/text.js';
import { markRoute, turnLogger } from '../turn.js';
import type { DocumentsDeps, InventoryDeps } from './deps.js';
import { commandLanguage, type DocumentAccess } from './document-access.js';

/**
 * `/publier URL` / `/publish URL`; whatever follows the command word is captured, so that a mistyped address (text,
 * a space inside, two addresses) gets the command's usage rather than « je ne connais pas cette commande ».
 */
export const PUBLISH_COMMAND = /^\s*\/(publier|publish)(?:\s+(\S(?:[^]*\S)?))?\s*$/i;
/** The Teams attachment of a file sent to the bot in personal chat (`supportsFiles` in the manifest). */
export const TEAMS_FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';

const FileContent = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional() }).passthrough();

/**
 * Routes a file sent in personal chat and `/publier URL` to a proposal (see ProposalService.propose): downloaded,
 * read, and answered with its preview card; governance admins only (see DocumentAccess.admin).
 */
export function registerSubmissions(app: Application, inventory: InventoryDeps, documents: DocumentsDeps, access: DocumentAccess, logger: Logger): void {
  app.message(
    async (context) => context.activity.type === 'message' && fileAttachments(context.activity).length > 0,
    async (context) => {
      markRoute(context, 'documents');
      const language = fallbackLanguage(context);
      const [file, ...others] = fileAttachments(context.activity);
      const actor = await access.admin(context, language, 'file');
      if (!actor || !file) return;
      if (!isPersonal(context)) {
        await context.sendActivity(message(TEXT[language].personalOnly));
        return;
      }
      // One proposal per message keeps one « Je lis » and one card per file; the others are named, not lost silently.
      if (others.length > 0) await context.sendActivity(message(TEXT[language].oneFile(quoted(file.name, language), others.map((f) => quoted(f.name, language)).join(language === 'fr' ? ' et ' : ' and '))));
      await submit(context, inventory, documents, actor, language, file.url, file.name, 'file', logger);
    },
  );

  app.message(PUBLISH_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = commandLanguage(context.activity.text, /publier/i);
    const actor = await access.admin(context, language, 'url');
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
    await submit(context, inventory, documents, actor, language, url, undefined, 'url', logger);
  });
}

/** The files attached to a message, in order: Teams' download info, or plain attachments with a URL (Emulator, Playground). */
function fileAttachments(activity: Pick<Activity, 'attachments'>): Array<{ url: string; name: string }> {
  return (activity.attachments ?? []).flatMap((attachment) => fileOf(attachment) ?? []);
}

/** A file name as a message names it: « name » in French, the bare name in English; markdown-safe. */
function quoted(name: string, language: Language): string {
  return language === 'fr' ? `« ${escapeMarkdown(name)} »` : escapeMarkdown(name);
}

/** The file of one attachment (see fileAttachments); null for any other attachment. */
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

/**
 * Downloads a file or an address and proposes it (see ProposalService.propose), saying « Je lis … » first; replies
 * with the preview card, or why not (download refused, unreadable file, bytes already published). Never echoes a
 * Teams download link. @throws what is not a DownloadError (a bug or broken storage)
 */
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
  else await replyWithProposal(context, result, inventory, documents, language);
}

/**
 * Replies with the proposal's preview card, then, when the reader is its proposer, records it shown: the card the
 * proposal owes them (queued with it, see ANNOUNCEMENT_GRACE_MS) is no longer posted by the outbox. A process killed before this record, or a
 * reply the connector refused, leaves the card to the outbox.
 */
export async function replyWithProposal(
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

import type { Application } from '@microsoft/teams-ai';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import { isUnnamedCommandLine, type RefusedRequest } from '../../documents/audit-detail.js';
import { DownloadError } from '../../documents/download.js';
import { hasCredentials, withoutCredentials } from '../../documents/url-credentials.js';
import { typedDocId, type NamedDocument } from '../../documents/document-lookup.js';
import type { DecisionResult, HistoryEntry, ProposalNotifier, ProposeResult } from '../../documents/proposals.js';
import { shownFileName } from '../../documents/proposals.js';
import type { AssessmentFlag } from '../../documents/store.js';
import type { AdminActor, AuditEvent, Proposal } from '../../documents/types.js';
import { sameUser } from '../../inventory/index.js';
import { DOCUMENT_INPUTS, DOCUMENT_VERBS, documentPreviewCard, proposalLanguage, type PreviewCardOptions } from '../cards/document-preview-card.js';
import { messageCard, type Card } from '../cards/index.js';
import { isPersonal } from '../audience.js';
import { actionLanguage, fallbackLanguage, localeLanguage } from '../language.js';
import { message } from '../render/answer.js';
import { downloadProblemText, proposeProblemText } from '../render/document-problems.js';
import { auditDetailText } from '../render/audit-detail.js';
import { clip, counted, escapeMarkdown, joinDate, joinHyphens } from '../render/text.js';
import { markRoute, turnLogger } from '../turn.js';
import { actorOf, cardMessage, respondWithCard, sendCard, updateCardForEveryone } from './declare.js';
import { governancePlace, inChannel, REGISTER_HINT } from './governance-place.js';
import { GOVERNANCE_CHANNEL_KEY, storedReference, userConversationKey, type DocumentsDeps, type InventoryDeps, type RouteDeps } from './deps.js';
import { quebecDateTime } from '../../quebec-time.js';

/**
 * `/publier URL` / `/publish URL`; whatever follows the command word is captured, so that a mistyped address (text,
 * a space inside, two addresses) gets the command's usage rather than « je ne connais pas cette commande ».
 */
export const PUBLISH_COMMAND = /^\s*\/(publier|publish)(?:\s+([^]*?))?\s*$/i;
/** `historique DOC` / `history DOC` (also with a slash): DOC is an id or a title, spaces and all. */
export const HISTORY_COMMAND = /^\s*\/?(historique|history)(?:\s+([^]*?))?\s*$/i;
/** Longest part of what a person typed that a reply quotes back, in characters (an id of 5 000 is clipped). */
export const MAX_ECHOED_CHARS = 80;
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

/** Longest document title a governance list shows, in characters (clipped with `…` beyond). */
const MAX_LISTED_TITLE_CHARS = 150;
/** Versions listed by `historique`. */
const MAX_HISTORY_ENTRIES = 20;
/** Pending proposals shown by `propositions` (one card each, oldest first). */
const MAX_LISTED_PROPOSALS = 5;
/** Events listed by `audit`. */
const MAX_AUDIT_ENTRIES = 20;

const FileContent = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional() }).passthrough();
const Decision = z.object({ proposalId: z.string().uuid(), revision: z.number().int().min(0) });
const Refresh = z.object({ proposalId: z.string().uuid() });
const Edits = z.object({
  [DOCUMENT_INPUTS.versionLabel]: z.string().optional(),
  [DOCUMENT_INPUTS.publishedOn]: z.string().optional(),
});

// An identifier is never the object of « de » by itself (« de enonce-principes-ia » would need « d’ »): the French
// wording names what it identifies, « du document … », « de la déclaration … ».
const TEXT = {
  fr: {
    notAdmin:
      'Désolé, seuls les membres de l’équipe de gouvernance peuvent soumettre, publier, rétablir ou retirer un document officiel. Rien n’a été modifié. Pour proposer un document, écrivez à votre équipe de gouvernance.',
    notAdminToRead:
      'Désolé, seuls les membres de l’équipe de gouvernance consultent l’historique, le journal, les propositions et les signalements des documents officiels. Tapez `sources` pour la liste des documents indexés.',
    personalOnly: 'Envoyez les documents à publier dans votre conversation personnelle avec moi, pas dans un canal ni une conversation de groupe.',
    noIdentity: 'Je ne peux pas vous identifier (aucun compte Microsoft Entra) : l’administration des documents n’est pas possible ici.',
    notHere:
      'Je ne réponds pas à cette commande ici, pour ne pas montrer l’administration des documents à tous les membres de la conversation : écrivez-la-moi dans une conversation personnelle avec moi, ou dans le canal de l’équipe de gouvernance.',
    publishUsage: 'Donnez l’adresse du document : /publier https://… (PDF, DOCX, HTML ou Markdown).',
    oneAddress: 'Une seule adresse à la fois, sans espace : envoyez un /publier par document.',
    oneFile: (taken: string, others: string) => `Un seul fichier à la fois : je prends ${taken} ; envoyez ${others} dans un autre message.`,
    // `sources` lists titles, not identifiers: the usage sends to what it shows, and `historique` gives the identifier.
    historyUsage: 'Précisez le document, par son titre ou son identifiant : historique TITRE (tapez « sources » pour voir les titres).',
    rollbackUsage:
      'Précisez le document et la version : rétablir IDENTIFIANT VERSION (tapez « historique » suivi du titre du document pour voir ses versions et son identifiant).',
    reading: (name: string) => `Je lis « ${name} »… rien ne sera publié sans votre confirmation.`,
    downloadFailed: (reason: string) => `Je n’ai pas pu obtenir le document : ${reason}. Rien n’a été modifié.`,
    credentials: (url: string) =>
      `Je ne télécharge pas « ${url} » : une adresse qui contient un identifiant ou un mot de passe n’est pas acceptée. Donnez l’adresse publique du document, ou envoyez-moi le fichier lui-même. Rien n’a été modifié.`,
    failed: (reason: string) => `Je n’ai pas pu lire ce document : ${reason}. Rien n’a été modifié.`,
    unchanged: (doc: string, label: string) => `Ce fichier est déjà la version publiée du document ${doc} (version ${label}) : rien à publier.`,
    alreadyPending: 'Ce fichier est déjà proposé et attend une décision : voici sa fiche.',
    rollbackFailed: (reason: string) => `Impossible de proposer ce rétablissement : ${reason}.`,
    withdrawUsage: 'Précisez le document par son identifiant : retirer IDENTIFIANT (tapez « historique » suivi du titre du document pour voir son identifiant).',
    withdrawById: (title: string, command: string) =>
      `Rien n’a été retiré : « retirer » prend l’identifiant du document, pas son titre. Pour retirer « ${title} », tapez «\u00a0${command}\u00a0».`,
    withdrawByIdAlone: (title: string, command: string) =>
      `Rien n’a été retiré : « retirer » prend l’identifiant du document seul. Pour retirer « ${title} », tapez «\u00a0${command}\u00a0».`,
    rollbackById: (title: string, label: string, command: string) =>
      `Rien n’a été proposé : « rétablir » prend l’identifiant du document, pas son titre. Pour rétablir la version ${label} de « ${title} », tapez «\u00a0${command}\u00a0».`,
    withdrawn: (title: string, id: string, label: string, command: string) =>
      `Document retiré : « ${title} » (identifiant : ${id}, version ${label}) n’est plus publié ; les réponses ne le citent plus. Ses versions restent enregistrées : pour le publier de nouveau, tapez «\u00a0${command}\u00a0».`,
    alreadyWithdrawn: (id: string) => `Le document ${id} est déjà retiré : aucune de ses versions n’est publiée. Rien n’a été modifié.`,
    rollbackUnchanged: (doc: string, label: string) => `La version ${label} est déjà la version publiée du document ${doc}.`,
    unknownDocument: (doc: string) => `Aucun document n’a l’identifiant ou le titre « ${doc} ». Tapez « sources » pour voir les documents.`,
    nearDocuments: (doc: string) => `Aucun document n’a exactement l’identifiant ou le titre « ${doc} ». Documents proches :`,
    nearDocument: (title: string, id: string) => `${title} — tapez «\u00a0historique ${id}\u00a0»`,
    history: (title: string, id: string) => `Versions du document « ${title} » (identifiant : ${id}), la plus récente d’abord :`,
    published: '**version actuelle**',
    entry: (label: string, date: string, sha: string, by: string, when: string) => `version ${label} — date officielle ${date} — ${SHA_256} ${sha} — publiée par ${by}${when ? ` le ${when}` : ''}`,
    noDate: 'non précisée',
    commandLine: 'la ligne de commande',
    system: 'la vérification automatique',
    more: (n: number) => `… et ${counted(n, 'fr', { one: 'version plus ancienne', other: 'versions plus anciennes' })}.`,
    rollbackHint: (command: string) => `Pour republier une version antérieure, tapez par exemple «\u00a0${command}\u00a0».`,
    republishHint: (command: string) => `Pour le publier de nouveau, tapez par exemple «\u00a0${command}\u00a0» (sa version la plus récente).`,
    withdrawnNow: 'Ce document est retiré : aucune de ses versions n’est publiée, les réponses ne le citent pas.',
    rollbackWord: 'rétablir',
    withdrawWord: 'retirer',
    stale: 'Cette proposition a déjà été traitée ou remplacée : voici son état actuel.',
    notFound: 'Cette proposition est introuvable.',
    invalidCard: 'Cette fiche n’est plus valide. Soumettez le document de nouveau.',
    flagged: (doc: string, version: string) => `Publication du document ${doc} (version ${version}) : les évaluations de ces déclarations citent un passage modifié ou retiré ; à revoir par l’équipe de gouvernance.`,
    flaggedWithdrawal: (doc: string, version: string) =>
      `Document retiré : ${doc} (version ${version}) n’est plus publié, et les évaluations de ces déclarations le citent ; à revoir par l’équipe de gouvernance.`,
    flagChange: { changed: 'passage modifié', removed: 'passage retiré', withdrawn: 'document retiré' },
    auditTitle: `Journal de l’administration des documents (${MAX_AUDIT_ENTRIES} derniers événements au plus, le plus récent d’abord) :`,
    noAudit: 'Aucun événement dans le journal. « historique IDENTIFIANT » montre les versions d’un document.',
    zone: ' (heure de l’Est)',
    noProposals: 'Aucun document n’attend de décision.',
    proposals: (n: number, max: number) => `${counted(n, 'fr', { one: 'proposition attend', other: 'propositions attendent' })} une décision${n > max ? ` ; voici les ${max} plus anciennes` : ''} :`,
    noFlags:
      'Aucune évaluation signalée à revoir : aucune évaluation en vigueur ne cite un passage qu’une publication a modifié ou retiré, ni un document retiré (les signalements traités ne sont plus listés).',
    flaggedList: 'Évaluations à revoir : elles citent un passage qu’une publication a modifié ou retiré, ou un document retiré.',
    actions: { proposed: 'proposé', published: 'publié', republished: 'republié', cancelled: 'annulé', refused: 'refusé', source_set: 'adresse officielle fixée', withdrawn: 'retiré', flag_handled: 'signalement traité' },
    flagLine: (id: string, section: string, quoted: string, change: string) => `${id} — ${section} (citée de la version ${quoted}) : ${change}`,
    flagHint: 'Une fois une déclaration revue : « signalement traité IA-AAAA-NNNN » retire ses signalements de cette liste (le journal garde qui l’a fait et quand). Une déclaration soumise de nouveau, dont l’évaluation cite la nouvelle version, en sort d’elle-même ; un signalement « document retiré » aussi, quand le document est rétabli.',
    flagHandledUsage: 'Précisez la déclaration : signalement traité IA-AAAA-NNNN (tapez « signalements » pour voir les signalements ouverts).',
    flagsHandled: (id: string, n: number) => `${counted(n, 'fr', { one: 'signalement', other: 'signalements' })} de la déclaration ${id} ${n > 1 ? 'marqués comme traités : ils ne sont' : 'marqué comme traité : il n’est'} plus dans « signalements ». L’événement est consigné au journal (« audit »).`,
    noOpenFlag: (id: string) => `Aucun signalement ouvert pour ${id} : tapez « signalements » pour voir ceux qui restent.`,
  },
  en: {
    notAdmin:
      'Sorry, only governance team members can submit, publish, restore or withdraw an official document. Nothing was changed. To suggest a document, write to your governance team.',
    notAdminToRead:
      'Sorry, only governance team members can read the history, log, proposals and flags of the official documents. Type `sources` to list the indexed documents.',
    personalOnly: 'Send documents to publish in your personal chat with me, not in a channel or a group chat.',
    noIdentity: 'I cannot identify you (no Microsoft Entra account): document administration is not possible here.',
    notHere:
      'I do not answer this command here, so that not every member of the conversation sees document administration: send it to me in our personal chat, or in the governance team’s channel.',
    publishUsage: 'Give the document’s address: /publish https://… (PDF, DOCX, HTML or Markdown).',
    oneAddress: 'One address at a time, with no space in it: send one /publish per document.',
    oneFile: (taken: string, others: string) => `One file at a time: I am taking ${taken}; send ${others} in another message.`,
    historyUsage: 'Name the document, by its title or its id: history TITLE (type "sources" to see the titles).',
    rollbackUsage: 'Name the document and the version: rollback ID VERSION (type "history" and the document’s title to see its versions and its id).',
    reading: (name: string) => `Reading ${name} — nothing will be published without your confirmation.`,
    downloadFailed: (reason: string) => `I could not get the document: ${reason}. Nothing was changed.`,
    credentials: (url: string) =>
      `I do not download ${url}: an address holding a user name or password is not accepted. Give the document’s public address, or send me the file itself. Nothing was changed.`,
    failed: (reason: string) => `I could not read this document: ${reason}. Nothing was changed.`,
    unchanged: (doc: string, label: string) => `This file is already the published version of ${doc} (version ${label}): nothing to publish.`,
    alreadyPending: 'This file is already proposed and awaits a decision: here is its card.',
    rollbackFailed: (reason: string) => `This rollback cannot be proposed: ${reason}.`,
    withdrawUsage: 'Name the document by its id: withdraw ID (type "history" and the document’s title to see its id).',
    withdrawById: (title: string, command: string) =>
      `Nothing was withdrawn: "withdraw" takes the document’s id, not its title. To withdraw "${title}", type "${command}".`,
    withdrawByIdAlone: (title: string, command: string) => `Nothing was withdrawn: "withdraw" takes the document’s id alone. To withdraw "${title}", type "${command}".`,
    rollbackById: (title: string, label: string, command: string) =>
      `Nothing was proposed: "rollback" takes the document’s id, not its title. To restore version ${label} of "${title}", type "${command}".`,
    withdrawn: (title: string, id: string, label: string, command: string) =>
      `Document withdrawn: "${title}" (id: ${id}, version ${label}) is no longer published; answers no longer quote it. Its versions stay on record: to publish it again, type "${command}".`,
    alreadyWithdrawn: (id: string) => `Document ${id} is already withdrawn: none of its versions is published. Nothing was changed.`,
    rollbackUnchanged: (doc: string, label: string) => `Version ${label} is already the published version of ${doc}.`,
    unknownDocument: (doc: string) => `No document has the id or title "${doc}". Type "sources" to see the documents.`,
    nearDocuments: (doc: string) => `No document has exactly the id or title "${doc}". Documents that come near:`,
    nearDocument: (title: string, id: string) => `${title} — type "history ${id}"`,
    history: (title: string, id: string) => `Versions of "${title}" (id: ${id}), newest first:`,
    published: '**current version**',
    entry: (label: string, date: string, sha: string, by: string, when: string) => `version ${label} — official date ${date} — ${SHA_256} ${sha} — published by ${by}${when ? ` on ${when}` : ''}`,
    noDate: 'not given',
    commandLine: 'the command line',
    system: 'the automatic check',
    more: (n: number) => `… and ${counted(n, 'en', { one: 'older version', other: 'older versions' })}.`,
    rollbackHint: (command: string) => `To publish an earlier version again, type for instance "${command}".`,
    republishHint: (command: string) => `To publish it again, type for instance "${command}" (its newest version).`,
    withdrawnNow: 'This document is withdrawn: none of its versions is published, and answers do not quote it.',
    rollbackWord: 'rollback',
    withdrawWord: 'withdraw',
    stale: 'This proposal was already decided or replaced: here is its current state.',
    notFound: 'This proposal cannot be found.',
    invalidCard: 'This card is no longer valid. Submit the document again.',
    flagged: (doc: string, version: string) => `Publication of ${doc} (version ${version}): the assessments of these declarations quote a changed or removed passage; for the governance team to review.`,
    flaggedWithdrawal: (doc: string, version: string) =>
      `Document withdrawn: ${doc} (version ${version}) is no longer published, and the assessments of these declarations quote it; for the governance team to review.`,
    flagChange: { changed: 'passage changed', removed: 'passage removed', withdrawn: 'document withdrawn' },
    auditTitle: `Document administration log (last ${MAX_AUDIT_ENTRIES} events at most, newest first):`,
    noAudit: 'No event in the log. "history ID" shows the versions of a document.',
    zone: ' ET',
    noProposals: 'No document awaits a decision.',
    proposals: (n: number, max: number) => `${counted(n, 'en', { one: 'proposal awaits', other: 'proposals await' })} a decision${n > max ? `; here are the ${max} oldest` : ''}:`,
    noFlags:
      'No flagged assessment to review: no current assessment quotes a passage a publication changed or removed, nor a withdrawn document (flags marked handled are no longer listed).',
    flaggedList: 'Assessments to review: they quote a passage that a publication changed or removed, or a withdrawn document.',
    actions: { proposed: 'proposed', published: 'published', republished: 'published again', cancelled: 'cancelled', refused: 'refused', source_set: 'official address set', withdrawn: 'withdrawn', flag_handled: 'flag handled' },
    flagLine: (id: string, section: string, quoted: string, change: string) => `${id} — ${section} (quoted from version ${quoted}): ${change}`,
    flagHint: 'Once a declaration is reviewed, "flag handled IA-YYYY-NNNN" takes its flags off this list (the log keeps who did it and when). A declaration resubmitted, whose assessment quotes the new version, leaves it by itself; so does a "document withdrawn" flag once the document is restored.',
    flagHandledUsage: 'Name the declaration: flag handled IA-YYYY-NNNN (type "flags" to see the open flags).',
    flagsHandled: (id: string, n: number) => `${counted(n, 'en', { one: 'flag', other: 'flags' })} of ${id} marked handled: no longer listed by "flags". The event is in the log ("audit").`,
    noOpenFlag: (id: string) => `No open flag for ${id}: type "flags" to see those left.`,
  },
} as const;

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
  documents.proposals.attachNotifier(notifier(inventory, deps.logger));

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
    await context.sendActivity(message(flags.length === 0 ? TEXT[language].noFlags : flagsText(flags.slice(0, MAX_AUDIT_ENTRIES), language, 'list')));
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
  if (result.kind === 'already_pending') await context.sendActivity(message(TEXT[language].alreadyPending));
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

/** What a person typed, quoted back in a reply: clipped to MAX_ECHOED_CHARS, markdown-safe. */
function echoed(text: string): string {
  return escapeMarkdown(clip(text.trim(), MAX_ECHOED_CHARS));
}

/** No document named so, and the ones that come near, each with the command that shows its versions. */
function nearDocumentsText(named: string, near: readonly NamedDocument[], language: Language): string {
  const t = TEXT[language];
  const lines = near.map((d) => `- ${t.nearDocument(escapeMarkdown(clip(d.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(d.docId))}`);
  return [t.nearDocuments(echoed(named)), lines.join('\n')].join('\n\n');
}

/** The hash's name as `historique` and `audit` write it, never split after its hyphen (see joinHyphens). */
const SHA_256 = joinHyphens('SHA-256');

/** quebecDateTime for `historique` and `audit`, its date held on one line (see joinDate). */
function listedDateTime(iso: string, language: Language): string {
  const [date = '', ...time] = quebecDateTime(iso, language).split(' ');
  return [joinDate(date), ...time].join(' ');
}

function historyText(docId: string, history: readonly HistoryEntry[], language: Language): string {
  const t = TEXT[language];
  const lines = history.slice(0, MAX_HISTORY_ENTRIES).map(({ version, publishedBy, publishedAt }) => {
    // No event: published before the audit trail recorded the command line's publications.
    const by = publishedBy === null ? t.commandLine : actorText(publishedBy, language);
    const entry = t.entry(
      escapeMarkdown(version.label),
      version.publishedOn ? joinDate(version.publishedOn) : t.noDate,
      version.sourceSha256.slice(0, 16),
      escapeMarkdown(by),
      `${listedDateTime(publishedAt ?? version.ingestedAt, language)}${t.zone}`,
    );
    return `- ${entry}${version.published ? ` — ${t.published}` : ''}`;
  });
  if (history.length > MAX_HISTORY_ENTRIES) lines.push(t.more(history.length - MAX_HISTORY_ENTRIES));
  // The hint gives a command that works as typed: the most recent version not published now, if there is one.
  const earlier = history.find(({ version }) => !version.published);
  // Without it, a withdrawn document's list read like a published one's that merely lacked its « version actuelle ».
  const withdrawn = history.some(({ version }) => version.published) ? null : t.withdrawnNow;
  // A withdrawn document's hint names its newest version, which is not « une version antérieure » to anything.
  const hintText = withdrawn ? t.republishHint : t.rollbackHint;
  const hint = earlier ? hintText(escapeMarkdown(`${t.rollbackWord} ${docId} ${earlier.version.label}`)) : null;
  // Named as the person named it, by its title (the published version's, else the newest's); the id that `rétablir`
  // takes follows.
  const shown = (history.find(({ version }) => version.published) ?? history[0])?.version.title ?? docId;
  const heading = t.history(escapeMarkdown(clip(shown, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(docId));
  return [heading, withdrawn, lines.join('\n'), hint].filter((block) => block !== null).join('\n\n');
}

/** Who acted, as `historique` and `audit` name them: the automatic check, the command line when no one was named, else the person. */
function actorText(actor: AdminActor | 'system', language: Language): string {
  const t = TEXT[language];
  if (actor === 'system') return t.system;
  return isUnnamedCommandLine(actor) ? t.commandLine : actor.name || actor.id;
}

function auditText(events: readonly AuditEvent[], language: Language): string {
  const t = TEXT[language];
  if (events.length === 0) return t.noAudit;
  const lines = events.map((e) => {
    const who = actorText(e.actor, language);
    const detail = e.detail ? auditDetailText(e.action, e.detail, language) : null;
    const what = [e.docId, e.versionLabel ? `version ${e.versionLabel}` : null, e.sourceSha256 ? `${SHA_256} ${e.sourceSha256.slice(0, 16)}` : null, detail]
      .filter((part): part is string => Boolean(part))
      .join(' — ');
    return `- ${listedDateTime(e.at, language)}${t.zone} — ${t.actions[e.action]} — ${escapeMarkdown(who)}${what ? ` — ${escapeMarkdown(what)}` : ''}`;
  });
  return [t.auditTitle, lines.join('\n')].join('\n\n');
}

/**
 * Posts a new proposal's preview card to the personal chats of the governance admins (except its proposer, who gets
 * it as a reply) that have a stored conversation reference, and to the governance channel, in the background (the
 * proposer's reply does not wait for them); posts flagged assessments to the governance channel (or, without one,
 * to the admins' personal chats). Failures are logged.
 */
function notifier(inventory: InventoryDeps, logger: Logger): ProposalNotifier {
  const post = async (key: string, build: (language: Language) => Partial<Activity>): Promise<boolean> => {
    const reference = await storedReference(inventory, key, logger);
    if (!reference) return false;
    try {
      await inventory.proactive(reference, build(localeLanguage(reference.locale)));
      return true;
    } catch (err) {
      logger.error({ err, key: key.startsWith('user:') ? 'user' : key }, 'document notice could not be sent');
      return false;
    }
  };
  return {
    async proposed(proposal) {
      const proposer = proposal.proposedBy === 'system' ? null : proposal.proposedBy.id;
      // One card, one language (the proposal's) for every admin, as its refreshes and decisions will show it.
      const build = () => cardMessage(documentPreviewCard(proposal, proposalLanguage(proposal), { adminIds: inventory.governanceAdminIds }));
      const announce = async (): Promise<void> => {
        for (const adminId of inventory.governanceAdminIds) {
          if (proposer === null || !sameUser(adminId, proposer)) await post(userConversationKey(adminId), build);
        }
        await post(GOVERNANCE_CHANNEL_KEY, build);
      };
      // Not awaited: the proposer's own card is the turn's reply, sent once this returns, and must not wait behind
      // up to 60 admins' copies and the channel's, each of which the connector may hold for seconds (throttling,
      // retries) — past Teams' 15 s the message would be redelivered.
      void announce().catch((err: unknown) => logger.error({ err, proposalId: proposal.id }, 'document notices could not be sent'));
    },
    async flagged(flags, language) {
      // The language of the publication's card, which the channel already shows, not the channel's locale.
      const build = () => message(flagsText(flags, language, 'notice'));
      if (await post(GOVERNANCE_CHANNEL_KEY, build)) return;
      for (const adminId of inventory.governanceAdminIds) await post(userConversationKey(adminId), build);
    },
  };
}

/**
 * Flags, one line each: the `notice` of one publication or withdrawal names it once (« Document retiré : … » for a
 * withdrawal); the `signalements` `list` (even of one flag, or of one publication) names each line's document. Each
 * line says in words what happened to the quote (passage modifié, passage retiré, document retiré).
 */
function flagsText(flags: readonly AssessmentFlag[], language: Language, kind: 'notice' | 'list'): string {
  const t = TEXT[language];
  const first = flags[0]!;
  const withdrawal = first.change === 'withdrawn';
  const onePublication =
    kind === 'notice' && flags.every((f) => f.docId === first.docId && f.newVersion === first.newVersion && (f.change === 'withdrawn') === withdrawal);
  const lines = flags.map((f) => {
    const where = onePublication ? f.sectionPath.join(' › ') : `${f.docId} › ${f.sectionPath.join(' › ')}`;
    return `- ${t.flagLine(escapeMarkdown(f.publicId ?? f.declarationId), escapeMarkdown(where), escapeMarkdown(f.quotedVersion), t.flagChange[f.change])}`;
  });
  const title = onePublication ? (withdrawal ? t.flaggedWithdrawal : t.flagged)(escapeMarkdown(first.docId), escapeMarkdown(first.newVersion)) : t.flaggedList;
  return [title, lines.join('\n'), t.flagHint].join('\n\n');
}

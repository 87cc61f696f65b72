import type { Language } from '../../answers/types.js';
import { isUnnamedCommandLine } from '../../documents/audit-detail.js';
import type { NamedDocument } from '../../documents/document-lookup.js';
import type { HistoryEntry } from '../../documents/proposals.js';
import type { AssessmentFlag } from '../../documents/store.js';
import type { AdminActor, AuditEvent, Proposal } from '../../documents/types.js';
import { quebecDateTime } from '../../quebec-time.js';
import { formatDate, formatDay } from '../cards/labels.js';
import { auditDetailText } from './audit-detail.js';
import { counted } from '../../plural.js';
import { clip, escapeMarkdown, joinDate, joinHyphens } from './text.js';

/**
 * The words of document administration in Teams (`/publier`, `historique`, `rétablir`, `retirer`, `audit`,
 * `propositions`, `signalements`), in French and English, and the markdown of its lists. Pure text: the route
 * (routes/documents.ts) decides what to answer and sends it.
 */

/** Longest part of what a person typed that a reply quotes back, in characters (an id of 5 000 is clipped). */
const MAX_ECHOED_CHARS = 80;
/** Longest document title a governance list shows, in characters (clipped with `…` beyond). */
export const MAX_LISTED_TITLE_CHARS = 150;
/** Versions listed by `historique`. */
const MAX_HISTORY_ENTRIES = 20;
/** Events listed by `audit`. */
export const MAX_AUDIT_ENTRIES = 20;
/** Open flags listed by `signalements`, newest first; the reply says how many more are open. */
export const MAX_LISTED_FLAGS = 20;

/**
 * Every sentence of document administration, by language; functions take values already markdown-safe.
 * An identifier is never the object of « de » by itself (« de enonce-principes-ia » would need « d’ »): the French
 * wording names what it identifies, « du document … », « de la déclaration … ».
 */
export const DOCUMENT_ADMIN_TEXT = {
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
    // A rollback is typed, not sent: « Ce fichier » would name something the person never gave.
    alreadyPending: (rollback: boolean) => `${rollback ? 'Ce rétablissement' : 'Ce fichier'} est déjà proposé et attend une décision : voici sa fiche.`,
    rollbackFailed: (reason: string) => `Impossible de proposer ce rétablissement : ${reason}.`,
    withdrawUsage: 'Précisez le document par son identifiant : retirer IDENTIFIANT (tapez « historique » suivi du titre du document pour voir son identifiant).',
    withdrawById: (title: string, command: string) =>
      `Rien n’a été retiré : « retirer » prend l’identifiant du document, pas son titre. Pour retirer « ${title} », tapez «\u00a0${command}\u00a0».`,
    withdrawByIdAlone: (title: string, command: string) =>
      `Rien n’a été retiré : « retirer » prend l’identifiant du document seul. Pour retirer « ${title} », tapez «\u00a0${command}\u00a0».`,
    rollbackById: (title: string, label: string, command: string) =>
      `Rien n’a été proposé : « rétablir » prend l’identifiant du document, pas son titre. Pour rétablir la version ${label} de « ${title} », tapez «\u00a0${command}\u00a0».`,
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
    undeliveredCard: (title: string, doc: string, label: string, by: string, when: string) =>
      `Fiche jamais remise : « ${title} » (document ${doc}, version ${label}), proposée par ${by}, n’a pas pu lui être montrée : sa conversation personnelle avec moi reste introuvable, et j’ai cessé d’essayer le ${when}. Personne ne l’a peut-être vue ; elle attend une décision.`,
    noFlags:
      'Aucune évaluation signalée à revoir : aucune évaluation en vigueur ne cite un passage qu’une publication a modifié ou retiré, ni un document retiré (les signalements traités ne sont plus listés).',
    flaggedList: 'Évaluations à revoir : elles citent un passage qu’une publication a modifié ou retiré, ou un document retiré.',
    actions: { proposed: 'proposé', published: 'publié', republished: 'republié', cancelled: 'annulé', refused: 'refusé', source_set: 'adresse officielle fixée', withdrawn: 'retiré', flag_handled: 'signalement traité' },
    flagLine: (id: string, section: string, quoted: string, change: string) => `${id} — ${section} (citée de la version ${quoted}) : ${change}`,
    flagHint: 'Une fois une déclaration revue : « signalement traité IA-AAAA-NNNN » retire ses signalements de cette liste (le journal garde qui l’a fait et quand). Une déclaration soumise de nouveau, dont l’évaluation cite la nouvelle version, en sort d’elle-même ; un signalement « document retiré » aussi, quand le document est rétabli.',
    flagHandledUsage: 'Précisez la déclaration : signalement traité IA-AAAA-NNNN (tapez « signalements » pour voir les signalements ouverts).',
    flagsHandled: (id: string, n: number) => `${counted(n, 'fr', { one: 'signalement', other: 'signalements' })} de la déclaration ${id} ${n > 1 ? 'marqués comme traités : ils ne sont' : 'marqué comme traité : il n’est'} plus dans « signalements ». L’événement est consigné au journal (« audit »).`,
    noOpenFlag: (id: string) => `Aucun signalement ouvert pour ${id} : tapez « signalements » pour voir ceux qui restent.`,
    moreFlags: (n: number) =>
      `… et ${counted(n, 'fr', { one: 'autre signalement ouvert, plus ancien', other: 'autres signalements ouverts, plus anciens' })}. Marquez ceux-ci comme traités pour voir les suivants.`,
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
    alreadyPending: (rollback: boolean) => `${rollback ? 'This rollback' : 'This file'} is already proposed and awaits a decision: here is its card.`,
    rollbackFailed: (reason: string) => `This rollback cannot be proposed: ${reason}.`,
    withdrawUsage: 'Name the document by its id: withdraw ID (type "history" and the document’s title to see its id).',
    withdrawById: (title: string, command: string) =>
      `Nothing was withdrawn: "withdraw" takes the document’s id, not its title. To withdraw "${title}", type "${command}".`,
    withdrawByIdAlone: (title: string, command: string) => `Nothing was withdrawn: "withdraw" takes the document’s id alone. To withdraw "${title}", type "${command}".`,
    rollbackById: (title: string, label: string, command: string) =>
      `Nothing was proposed: "rollback" takes the document’s id, not its title. To restore version ${label} of "${title}", type "${command}".`,
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
    undeliveredCard: (title: string, doc: string, label: string, by: string, when: string) =>
      `Card never delivered: "${title}" (document ${doc}, version ${label}), proposed by ${by}, could not be shown to them: their personal chat with me stays gone, and I stopped trying on ${when}. No one may have seen it; it awaits a decision.`,
    noFlags:
      'No flagged assessment to review: no current assessment quotes a passage a publication changed or removed, nor a withdrawn document (flags marked handled are no longer listed).',
    flaggedList: 'Assessments to review: they quote a passage that a publication changed or removed, or a withdrawn document.',
    actions: { proposed: 'proposed', published: 'published', republished: 'published again', cancelled: 'cancelled', refused: 'refused', source_set: 'official address set', withdrawn: 'withdrawn', flag_handled: 'flag handled' },
    flagLine: (id: string, section: string, quoted: string, change: string) => `${id} — ${section} (quoted from version ${quoted}): ${change}`,
    flagHint: 'Once a declaration is reviewed, "flag handled IA-YYYY-NNNN" takes its flags off this list (the log keeps who did it and when). A declaration resubmitted, whose assessment quotes the new version, leaves it by itself; so does a "document withdrawn" flag once the document is restored.',
    flagHandledUsage: 'Name the declaration: flag handled IA-YYYY-NNNN (type "flags" to see the open flags).',
    flagsHandled: (id: string, n: number) => `${counted(n, 'en', { one: 'flag', other: 'flags' })} of ${id} marked handled: no longer listed by "flags". The event is in the log ("audit").`,
    noOpenFlag: (id: string) => `No open flag for ${id}: type "flags" to see those left.`,
    moreFlags: (n: number) => `… and ${counted(n, 'en', { one: 'more open flag, older', other: 'more open flags, older' })}. Mark these handled to see the next ones.`,
  },
} as const;

/** What a person typed, quoted back in a reply: clipped to MAX_ECHOED_CHARS, markdown-safe. */
export function echoed(text: string): string {
  return escapeMarkdown(clip(text.trim(), MAX_ECHOED_CHARS));
}

/** No document named so, and the ones that come near, each with the command that shows its versions. */
export function nearDocumentsText(named: string, near: readonly NamedDocument[], language: Language): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
  const lines = near.map((d) => `- ${t.nearDocument(escapeMarkdown(clip(d.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(d.docId))}`);
  return [t.nearDocuments(echoed(named)), lines.join('\n')].join('\n\n');
}

/** The hash's name as `historique` and `audit` write it, never split after its hyphen (see joinHyphens). */
const SHA_256 = joinHyphens('SHA-256');

/** quebecDateTime for `audit`, a log read line by line in time order, its date held on one line (see joinDate). */
function listedDateTime(iso: string, language: Language): string {
  const [date = '', ...time] = quebecDateTime(iso, language).split(' ');
  return [joinDate(date), ...time].join(' ');
}

/**
 * The title a document is named by in replies: its published version's, else its newest version's (`history` is
 * newest first, as ProposalService.history gives it), else `docId` when it has no version.
 */
export function shownTitle(history: readonly HistoryEntry[], docId: string): string {
  return (history.find(({ version }) => version.published) ?? history[0])?.version.title ?? docId;
}

/**
 * The `historique` reply: the document's versions, newest first (at most MAX_HISTORY_ENTRIES, then how many more),
 * each with its official date, the start of its SHA-256, who published it and when (Quebec time), the dates written
 * as the cards write them (« 15 janvier 2026 », « 3 décembre 2026 à 9 h 15 (heure de l’Est) »); then, when the
 * document is withdrawn, a line saying so, and the `rétablir` command of its most recent unpublished version.
 * @param history newest first, as ProposalService.history gives it; at least one entry
 */
export function historyText(docId: string, history: readonly HistoryEntry[], language: Language): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
  const lines = history.slice(0, MAX_HISTORY_ENTRIES).map(({ version, publishedBy, publishedAt }) => {
    // No event: published before the audit trail recorded the command line's publications.
    const by = publishedBy === null ? t.commandLine : actorText(publishedBy, language);
    const entry = t.entry(
      escapeMarkdown(version.label),
      version.publishedOn ? formatDay(version.publishedOn, language) : t.noDate,
      version.sourceSha256.slice(0, 16),
      escapeMarkdown(by),
      formatDate(publishedAt ?? version.ingestedAt, language),
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
  const heading = t.history(escapeMarkdown(clip(shownTitle(history, docId), MAX_LISTED_TITLE_CHARS)), escapeMarkdown(docId));
  return [heading, withdrawn, lines.join('\n'), hint].filter((block) => block !== null).join('\n\n');
}

/**
 * The `propositions` heading: how many proposals await a decision (saying when only the first `max` are shown),
 * then a line for each whose preview card never reached its proposer (ProposalService.undeliveredCards): no one
 * may have seen it, and nothing else says so.
 */
export function proposalsText(count: number, max: number, undelivered: ReadonlyArray<{ proposal: Proposal; givenUpAt: string }>, language: Language): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
  const lines = undelivered.map(({ proposal: p, givenUpAt }) => {
    const by = escapeMarkdown(actorText(p.proposedBy, language));
    return `- ${t.undeliveredCard(escapeMarkdown(clip(p.title, MAX_LISTED_TITLE_CHARS)), escapeMarkdown(p.docId), escapeMarkdown(p.versionLabel), by, formatDate(givenUpAt, language))}`;
  });
  return [t.proposals(count, max), lines.join('\n')].filter((block) => block.length > 0).join('\n\n');
}

/** Who acted, as `historique` and `audit` name them: the automatic check, the command line when no one was named, else the person. */
function actorText(actor: AdminActor | 'system', language: Language): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
  if (actor === 'system') return t.system;
  return isUnnamedCommandLine(actor) ? t.commandLine : actor.name || actor.id;
}

/** The `audit` reply: one line per event as given (newest first), or a line saying the log is empty. */
export function auditText(events: readonly AuditEvent[], language: Language): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
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
 * Flags, one line each: the `notice` of one publication or withdrawal names it once (« Document retiré : … » for a
 * withdrawal); the `signalements` `list` (even of one flag, or of one publication) names each line's document. Each
 * line says in words what happened to the quote (passage modifié, passage retiré, document retiré). A `list` shows
 * the first MAX_LISTED_FLAGS flags (give them newest first, as openFlags does) and says how many more are open.
 */
export function flagsText(flags: readonly AssessmentFlag[], language: Language, kind: 'notice' | 'list'): string {
  const t = DOCUMENT_ADMIN_TEXT[language];
  const first = flags[0]!;
  const withdrawal = first.change === 'withdrawn';
  const onePublication =
    kind === 'notice' && flags.every((f) => f.docId === first.docId && f.newVersion === first.newVersion && (f.change === 'withdrawn') === withdrawal);
  const listed = kind === 'list' ? flags.slice(0, MAX_LISTED_FLAGS) : flags;
  const lines = listed.map((f) => {
    const where = onePublication ? f.sectionPath.join(' › ') : `${f.docId} › ${f.sectionPath.join(' › ')}`;
    return `- ${t.flagLine(escapeMarkdown(f.publicId ?? f.declarationId), escapeMarkdown(where), escapeMarkdown(f.quotedVersion), t.flagChange[f.change])}`;
  });
  // Said, not left out silently: a list cut without a word reads as all there is to review.
  if (listed.length < flags.length) lines.push(t.moreFlags(flags.length - listed.length));
  const title = onePublication ? (withdrawal ? t.flaggedWithdrawal : t.flagged)(escapeMarkdown(first.docId), escapeMarkdown(first.newVersion)) : t.flaggedList;
  return [title, lines.join('\n'), t.flagHint].join('\n\n');
}

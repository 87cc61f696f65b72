import type { Application } from '@microsoft/teams-ai';
import type { Language } from '../../answers/types.js';
import type { SetSourceResult } from '../../documents/sources-admin.js';
import { SourcesFileError, type FollowedSource } from '../../documents/sources.js';
import { fallbackLanguage } from '../language.js';
import { downloadProblemText } from '../render/document-problems.js';
import { message } from '../render/answer.js';
import { escapeMarkdown } from '../render/text.js';
import { markRoute, turnLogger } from '../turn.js';
import { actorOf } from '../activities.js';
import type { RouteDeps } from './deps.js';

/**
 * `/source DOC URL` sets the official address of a document; `/source` or `/source DOC` without an address lists the
 * followed sources and how to set one (`source` without the slash is the `sources` command, see bot/input.ts).
 * Group 2 is everything after the id, so that an address with a space (or two addresses) gets the usage instead of
 * falling through to « Je ne connais pas cette commande ».
 */
export const SOURCE_COMMAND = /^\s*\/source(?:\s+(\S+)(?:\s+(\S(?:[^]*\S)?))?)?\s*$/i;

const TEXT = {
  fr: {
    notAdmin: 'Désolé, seuls les membres de l’équipe de gouvernance peuvent changer l’adresse officielle d’un document. Rien n’a été modifié.',
    noIdentity: 'Je ne peux pas vous identifier (aucun compte Microsoft Entra) : l’administration des documents n’est pas possible ici.',
    usage: 'Pour donner l’adresse officielle d’un document : `/source IDENTIFIANT https://…` (par exemple `/source enonce-principes-ia https://…`).',
    oneAddress: 'Une seule adresse, sans espace, après l’identifiant (une espace dans l’adresse d’un fichier s’écrit %20). Rien n’a été modifié.',
    listTitle: '**Sources officielles**',
    followed: (id: string, url: string, byAdmin: boolean) => `${id} — ${url}${byAdmin ? ' (adresse donnée par un administrateur)' : ''}`,
    notFollowed: (id: string) => `${id} — aucune adresse vérifiée : non suivie`,
    none: 'Aucune source officielle n’est listée.',
    invalidId: (id: string) => `« ${id} » n’est pas un identifiant de document (lettres minuscules, chiffres et tirets). Rien n’a été modifié.`,
    invalidUrl: (url: string) => `« ${url} » n’est pas une adresse http ou https complète. Rien n’a été modifié.`,
    tooLong: (length: number, max: number) =>
      `Adresse refusée : elle compte ${length.toLocaleString('fr-CA')} caractères, et une adresse officielle en compte au plus ${max.toLocaleString('fr-CA')}, car au-delà les citations ne peuvent pas en faire un lien. Donnez l’adresse courte de la page ou du fichier du document. Rien n’a été modifié.`,
    credentials: (url: string) =>
      `Adresse refusée : une adresse qui contient un identifiant ou un mot de passe n’est pas acceptée, car elle deviendrait le lien de citation que voient tous les utilisateurs. Donnez l’adresse publique du document (par exemple ${url}). Rien n’a été modifié.`,
    internal: (why: string) => `Adresse refusée : ${why}. Rien n’a été modifié.`,
    set: (id: string, url: string, previous: string | null) =>
      `Adresse officielle du document ${id} enregistrée : ${url}${previous ? ` (remplace ${previous})` : ''}. La prochaine vérification (\`balises sync\`, ou la vérification quotidienne) la téléchargera et vous proposera la version trouvée ; rien n’est publié sans votre décision.`,
    linked: (id: string) => `Les citations du document indexé ${id} renvoient désormais à cette adresse.`,
    newSource: (id: string, known: string) =>
      `${id} est une nouvelle source : ce n’est ni une source listée ni un document indexé (${known}). Si vous vouliez en modifier une, refaites \`/source\` avec son identifiant.`,
    sourcesFile: (reason: string) =>
      `La liste des sources officielles livrée avec Balises (data/sources.json) est invalide : ${reason}. Elle doit être corrigée dans le dépôt de Balises, puis le robot redéployé. Rien n’a été modifié.`,
  },
  en: {
    notAdmin: 'Sorry, only governance team members can change a document’s official address. Nothing was changed.',
    noIdentity: 'I cannot identify you (no Microsoft Entra account): document administration is not possible here.',
    usage: 'To give a document’s official address: `/source ID https://…` (for example `/source enonce-principes-ia https://…`).',
    oneAddress: 'One address, with no space in it, after the id (a space in a file’s address is written %20). Nothing was changed.',
    listTitle: '**Official sources**',
    followed: (id: string, url: string, byAdmin: boolean) => `${id} — ${url}${byAdmin ? ' (address given by an admin)' : ''}`,
    notFollowed: (id: string) => `${id} — no verified address: not followed`,
    none: 'No official source is listed.',
    invalidId: (id: string) => `"${id}" is not a document id (lower-case letters, digits and dashes). Nothing was changed.`,
    invalidUrl: (url: string) => `"${url}" is not a complete http or https address. Nothing was changed.`,
    tooLong: (length: number, max: number) =>
      `Address refused: it has ${length.toLocaleString('en-CA')} characters, and an official address has at most ${max.toLocaleString('en-CA')}, as citations cannot link a longer one. Give the short address of the document’s page or file. Nothing was changed.`,
    credentials: (url: string) =>
      `Address refused: an address holding a user name or password is not accepted, as it would become the citation link every user sees. Give the document’s public address (for example ${url}). Nothing was changed.`,
    internal: (why: string) => `Address refused: ${why}. Nothing was changed.`,
    set: (id: string, url: string, previous: string | null) =>
      `Official address of ${id} recorded: ${url}${previous ? ` (replaces ${previous})` : ''}. The next check (\`balises sync\`, or the daily check) will download it and propose the version found to you; nothing is published without your decision.`,
    linked: (id: string) => `Citations of the indexed document ${id} now link to this address.`,
    newSource: (id: string, known: string) =>
      `${id} is a new source: it is neither a listed source nor an indexed document (${known}). If you meant one of them, send \`/source\` again with its id.`,
    sourcesFile: (reason: string) =>
      `The official sources list shipped with Balises (data/sources.json) is invalid: ${reason}. It must be fixed in the Balises repository and the bot deployed again. Nothing was changed.`,
  },
} as const;

/**
 * `/source DOC URL` (governance admins only; anyone else gets a polite refusal, audited, and nothing changes):
 * records the official address of a document in the database (audited as `source_set`); the next sync proposes
 * what it finds there; an id that is neither a listed source nor an indexed document is followed as a new source, and
 * the reply says so with the known ids (a typo shows at once). `/source` or `/source DOC` alone lists the followed
 * sources and how to set one. A data/sources.json broken by an edit gets the admin its first invalid field and that
 * nothing changed. In the language the person last wrote in here, else the client's (see
 * fallbackLanguage). Not registered without document administration (`inventory.documents.officialSources`).
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  const documents = inventory?.documents;
  const sources = documents?.officialSources;
  if (!inventory || !documents || !sources) return;

  app.message(SOURCE_COMMAND, async (context) => {
    markRoute(context, 'documents');
    const language = fallbackLanguage(context);
    const text = TEXT[language];
    const actor = actorOf(context.activity);
    if (!actor) {
      await context.sendActivity(message(text.noIdentity));
      return;
    }
    if (!inventory.service.isGovernanceAdmin(actor)) {
      documents.proposals.refused(actor, 'source');
      await context.sendActivity(message(text.notAdmin));
      return;
    }
    const [, docId, url] = SOURCE_COMMAND.exec(context.activity.text ?? '') ?? [];
    if (url && /\s/.test(url)) {
      await context.sendActivity(message(`${text.usage} ${text.oneAddress}`));
      return;
    }
    let reply: string;
    try {
      if (!docId || !url) {
        reply = [listText(sources.list(), language), text.usage].join('\n\n');
      } else {
        // A typo in the id would follow a new source silently: say so, naming the ids it could have meant.
        const known = [...new Set([...sources.list().map((s) => s.id), ...deps.knowledge.sources().map((d) => d.docId)])];
        reply = setReply(sources.setUrl(docId, url, actor), known, url, language);
      }
    } catch (err) {
      // A sources file broken by an edit is read at each command: the admin learns what is wrong and where, not
      // « un problème m’empêche de répondre ».
      if (!(err instanceof SourcesFileError)) throw err;
      turnLogger(context, deps.logger).error({ err }, 'official sources file invalid');
      reply = text.sourcesFile(escapeMarkdown(err.reason));
    }
    await context.sendActivity(message(reply));
  });
}

/**
 * The reply to `/source DOC URL`: what was recorded, or why nothing was (`url` as typed, for the `set` reply). Every
 * address echoed is escaped (escapeMarkdown); ids are checked against DOC_ID_PATTERN, so are plain.
 */
function setReply(result: SetSourceResult, known: readonly string[], url: string, language: Language): string {
  const text = TEXT[language];
  switch (result.kind) {
    case 'set':
      return [
        text.set(result.source.id, escapeMarkdown(result.source.url ?? url), result.previous === null ? null : escapeMarkdown(result.previous)),
        ...(result.linked ? [text.linked(result.source.id)] : []),
        ...(known.includes(result.source.id) ? [] : [text.newSource(result.source.id, known.join(', '))]),
      ].join('\n\n');
    case 'invalid_id':
      return text.invalidId(escapeMarkdown(result.docId));
    case 'too_long':
      return text.tooLong(result.length, result.maxChars);
    case 'credentials':
      return text.credentials(escapeMarkdown(result.url));
    case 'internal_address':
      return text.internal(downloadProblemText(language, 'internal_address', undefined, result.range));
    case 'invalid_url':
      return text.invalidUrl(escapeMarkdown(result.url));
  }
}

function listText(sources: readonly FollowedSource[], language: Language): string {
  const text = TEXT[language];
  if (sources.length === 0) return text.none;
  // An address given by an admin is theirs as typed (a valid URL may hold `[…](…)` or `**`): text, not Markdown.
  const lines = sources.map((s) => `- ${s.url ? text.followed(s.id, escapeMarkdown(s.url), s.origin === 'admin') : text.notFollowed(s.id)}`);
  return [text.listTitle, ...lines].join('\n');
}

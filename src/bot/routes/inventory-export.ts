import type { Application } from '@microsoft/teams-ai';
import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { DeclarationState, ExportFormat } from '../../inventory/index.js';
import { counted } from '../../plural.js';
import { quebecDay } from '../../quebec-time.js';
import { actorOf, cardMessage, sendCard } from '../activities.js';
import { isPersonal } from '../audience.js';
import { INVENTORY_FILTERS, refusalCard, STATE_FILTER_WORDS, statesOf, type InventoryFilter } from '../cards/index.js';
import { message } from '../render/answer.js';
import { bindPunctuation } from '../render/text.js';
import { RecentKeys } from '../recent-keys.js';
import { markRoute, turnLogger } from '../turn.js';
import { UploadError, uploadToSession, type UploadFailure } from '../upload-session.js';
import type { InventoryDeps, RouteDeps } from './deps.js';
import { fold, STATE_FILTERS } from './inventory-list.js';

/**
 * `inventaire exporter [état] [json]` / `inventory export [state] [json]`: the word `exporter` or `export` after the
 * inventory command; what follows is read by exportRequestOf. More than MAX_REQUEST_WORDS words, or a question mark,
 * make it a question (« Inventaire : exporter des données personnelles est-il permis? »), as for `inventaire`.
 */
export const EXPORT_COMMAND = /^\s*\/?(inventaires?|inventory)\s*[.:!?]*\s+(?:exporter|exportation|export)(?![\p{L}\p{N}])([^\n]*)$/iu;

/** Words after `exporter` that are still the command: a state (four words at most) and the format. */
const MAX_REQUEST_WORDS = 5;

/** Content type of the card asking a person's consent before the bot writes a file in their OneDrive. */
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
/** Content type of the card showing a file the bot uploaded, which the person opens from the chat. */
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Filters an export takes: every state but drafts, which stay private to their authors (see exportInventory). */
const EXPORT_FILTERS = INVENTORY_FILTERS.filter((f) => f !== 'draft');

/** What an export asks for: the format and the state filter (null: every declaration submitted at least once). */
interface ExportRequest {
  format: ExportFormat;
  filter: InventoryFilter | null;
}

/**
 * What the consent card carries back in its `fileConsent/invoke` (acceptContext, declineContext): the request and
 * the language it was made in. The file is made again on acceptance, so it holds the inventory as it is then.
 */
const ConsentContext = z.object({
  export: z.literal('inventory'),
  format: z.enum(['csv', 'json']),
  filter: z.enum(EXPORT_FILTERS as [InventoryFilter, ...InventoryFilter[]]).nullable(),
  lang: z.enum(['fr', 'en']),
});
type ConsentContext = z.infer<typeof ConsentContext>;

/**
 * How long an upload URL is remembered, in ms: a `fileConsent/invoke` Teams delivers again (it waits about 15 s)
 * must not upload to a session the first delivery is filling or has completed.
 */
const UPLOAD_URL_MEMORY_MS = 10 * 60_000;
const UPLOAD_URL_MEMORY_KEYS = 1_000;

const TEXT = {
  fr: {
    personalOnly:
      'L’exportation de l’inventaire se fait dans une conversation personnelle avec moi : Teams ne permet à un robot d’y remettre un fichier que là. Écrivez-moi `inventaire exporter` en conversation personnelle.',
    unknownRequest:
      'Je ne connais pas cette exportation. Tapez `inventaire exporter` (toutes les déclarations, en CSV aux colonnes du Portrait), suivi au besoin d’un état (en attente, soumise, en examen, approuvée, changements demandés ou refusée ; les brouillons ne sont jamais exportés) et de `json` pour le fichier complet, avec les événements et les évaluations (`inventaire exporter approuvées json`).',
    description: (what: string, format: ExportFormat) =>
      `Inventaire des cas d’usage de l’IA : ${what}, ${
        format === 'csv' ? 'CSV aux colonnes du Portrait (UTF-8, pour Excel)' : 'JSON complet, avec les événements et les évaluations'
      }. Contient les noms et courriels des personnes-ressources. Le fichier reflète l’inventaire au moment où vous acceptez.`,
    every: (n: number) => counted(n, 'fr', { one: 'déclaration', other: 'déclarations' }),
    filtered: (n: number, filter: InventoryFilter) => `${STATE_FILTER_WORDS.fr[filter]} (${n})`,
    fileBase: 'inventaire-ia',
    uploaded: (name: string, what: string) => `Voici l’inventaire exporté (${what}) : **${name}**, enregistré dans votre OneDrive. Ouvrez-le ci-dessous.`,
    failed: (reason: string) =>
      `Le fichier n’a pas pu être déposé dans votre OneDrive : ${reason}. Rien n’a été enregistré. Pour réessayer, acceptez la nouvelle demande ci-dessous.`,
    reasons: {
      refused: (status?: number) => `le service de fichiers a refusé l’envoi (erreur ${status ?? 'inconnue'})`,
      timeout: () => 'le service de fichiers n’a pas répondu à temps',
      network: () => 'le service de fichiers est injoignable',
      invalid_url: () => 'Teams n’a pas donné d’adresse de dépôt utilisable',
      invalid_response: () => 'le service de fichiers a donné une réponse inattendue',
    } satisfies Record<UploadFailure, (status?: number) => string>,
    nothing: (filter: InventoryFilter | null) =>
      filter
        ? `Aucune déclaration dans cet état (${STATE_FILTER_WORDS.fr[filter]}) : il n’y a rien à exporter. Tapez \`inventaire exporter\` pour toutes les déclarations.`
        : 'L’inventaire ne compte encore aucune déclaration soumise : il n’y a rien à exporter.',
    declined: 'D’accord, je n’ai rien enregistré dans votre OneDrive. Tapez `inventaire exporter` pour le demander de nouveau.',
    staleCard: 'Cette demande de fichier n’est plus valide. Tapez `inventaire exporter` pour en recevoir une nouvelle.',
  },
  en: {
    personalOnly:
      'The inventory is exported in a personal chat with me: Teams lets a bot hand over a file only there. Write `inventory export` to me in a personal chat.',
    unknownRequest:
      'I do not know this export. Type `inventory export` (every declaration, as a CSV with the Portrait’s columns), followed if needed by a state (pending, submitted, in review, approved, changes requested or rejected; drafts are never exported) and by `json` for the complete file, with events and assessments (`inventory export approved json`).',
    description: (what: string, format: ExportFormat) =>
      `Inventory of AI use cases: ${what}, ${
        format === 'csv' ? 'CSV with the Portrait’s columns (UTF-8, for Excel)' : 'complete JSON, with events and assessments'
      }. Holds the contacts’ names and e-mail addresses. The file shows the inventory as it is when you accept.`,
    every: (n: number) => counted(n, 'en', { one: 'declaration', other: 'declarations' }),
    filtered: (n: number, filter: InventoryFilter) => `${STATE_FILTER_WORDS.en[filter]} (${n})`,
    fileBase: 'ai-inventory',
    uploaded: (name: string, what: string) => `Here is the exported inventory (${what}): **${name}**, saved in your OneDrive. Open it below.`,
    failed: (reason: string) => `The file could not be saved in your OneDrive: ${reason}. Nothing was saved. To try again, accept the new request below.`,
    reasons: {
      refused: (status?: number) => `the file service refused the upload (error ${status ?? 'unknown'})`,
      timeout: () => 'the file service did not answer in time',
      network: () => 'the file service cannot be reached',
      invalid_url: () => 'Teams gave no usable upload address',
      invalid_response: () => 'the file service gave an unexpected answer',
    } satisfies Record<UploadFailure, (status?: number) => string>,
    nothing: (filter: InventoryFilter | null) =>
      filter
        ? `No declaration in this state (${STATE_FILTER_WORDS.en[filter]}): there is nothing to export. Type \`inventory export\` for every declaration.`
        : 'The inventory holds no submitted declaration yet: there is nothing to export.',
    declined: 'All right, I saved nothing in your OneDrive. Type `inventory export` to ask for it again.',
    staleCard: 'This file request is no longer valid. Type `inventory export` to get a new one.',
  },
} as const;

/**
 * The words after `exporter` as a request: `json` or `csv` anywhere (CSV when neither), the rest a state as
 * `inventaire` reads it (STATE_FILTERS: French or English, any gender and number, `en attente` for those awaiting a
 * decision), or as `balises export --status` writes it (`in_review`, `changes_requested`); `--format` and `--status`
 * typed from the command line's habit are ignored. Null for anything else, drafts included: they are never exported.
 */
export function exportRequestOf(words: string): ExportRequest | null {
  const tokens = fold(words.replace(/_/g, ' '))
    .split(' ')
    .filter((t) => t !== '' && t !== '--format' && t !== '--status');
  const formats = tokens.filter((t) => t === 'csv' || t === 'json');
  if (formats.length > 1) return null;
  const stateWords = tokens.filter((t) => t !== 'csv' && t !== 'json').join(' ');
  const filter = stateWords === '' ? null : (STATE_FILTERS[stateWords] ?? null);
  if (stateWords !== '' && (filter === null || filter === 'draft')) return null;
  return { format: formats[0] === 'json' ? 'json' : 'csv', filter };
}

/**
 * The inventory export as a file in Teams, for governance admins, in a personal chat only (the Teams bot API for
 * files works there only: Microsoft Teams « Send and receive files using bot »). `inventaire exporter [état] [json]`
 * (`inventory export …`, the command's word saying the language) answers with a file consent card (name
 * `inventaire-ia[-état]-AAAA-MM-JJ.csv` in Quebec's calendar, size, description); once accepted (`fileConsent/invoke`,
 * `accept`), the file is made again (service.exportAll: the bytes `balises export` writes for the same declarations),
 * uploaded to the upload session Teams gives (uploadToSession), and shown with a file info card; declined, a
 * short message. A failed upload says why and comes with a new consent card, to try again. Anyone but a governance
 * admin gets the `not_admin` refusal `inventaire` gives, on the command and on a forged acceptance; a group chat or
 * a channel gets where to ask.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;
  const uploads = new RecentKeys(UPLOAD_URL_MEMORY_MS, UPLOAD_URL_MEMORY_KEYS);
  app.message(isExportCommand, (context) => exportCommand(context, inventory));
  app.fileConsentAccept((context, _state, response) => accepted(context, response, inventory, deps, uploads));
  app.fileConsentDecline((context, _state, response) => declined(context, response));
}

/** True for EXPORT_COMMAND with at most MAX_REQUEST_WORDS words after it and no question mark. */
async function isExportCommand(context: TurnContext): Promise<boolean> {
  if (context.activity.type !== 'message') return false;
  const match = EXPORT_COMMAND.exec(context.activity.text ?? '');
  if (!match) return false;
  const rest = match[2] ?? '';
  return !rest.includes('?') && fold(rest).split(' ').filter(Boolean).length <= MAX_REQUEST_WORDS;
}

async function exportCommand(context: TurnContext, inventory: InventoryDeps): Promise<void> {
  markRoute(context, 'export');
  const match = EXPORT_COMMAND.exec(context.activity.text ?? '');
  const language: Language = /inventaire/i.test(match?.[1] ?? '') ? 'fr' : 'en';
  if (!isPersonal(context)) {
    await context.sendActivity(message(TEXT[language].personalOnly));
    return;
  }
  const actor = actorOf(context.activity);
  if (!actor || !inventory.service.isGovernanceAdmin(actor)) {
    await sendCard(context, refusalCard('not_admin', language));
    return;
  }
  const request = exportRequestOf(match?.[2] ?? '');
  if (!request) {
    await context.sendActivity(message(TEXT[language].unknownRequest));
    return;
  }
  const consent = await consentCard(inventory, actor, { export: 'inventory', ...request, lang: language });
  if (consent === 'empty') {
    // A file holding the header row alone would be a download for nothing: say so, as `inventaire approuvées` does.
    await context.sendActivity(message(bindPunctuation(TEXT[language].nothing(request.filter))));
    return;
  }
  await context.sendActivity(consent ? { type: 'message', attachments: [consent] } : cardMessage(refusalCard('not_admin', language)));
}

/**
 * The file consent card of an export (null when the actor is no longer a governance admin, `empty` when the file would
 * hold no declaration): its size is the file's now; the file uploaded once accepted is made again then.
 */
async function consentCard(inventory: InventoryDeps, actor: NonNullable<ReturnType<typeof actorOf>>, request: ConsentContext): Promise<Attachment | 'empty' | null> {
  const file = await inventory.service.exportAll(actor, exportOptions(request));
  if (file.kind !== 'exported') return null;
  if (file.declarations === 0) return 'empty';
  const t = TEXT[request.lang];
  return {
    contentType: FILE_CONSENT_CARD,
    name: fileName(request, new Date()),
    content: {
      description: bindPunctuation(t.description(whatIsIn(request, file.declarations), request.format)),
      sizeInBytes: Buffer.byteLength(file.text, 'utf8'),
      acceptContext: request,
      declineContext: request,
    },
  };
}

/**
 * « Autoriser » on the consent card: the file made again and uploaded, then shown; a failed upload says why, with a
 * new consent card. The same upload URL delivered again (Teams' redelivery) is not uploaded twice.
 */
async function accepted(context: TurnContext, response: FileConsentCardResponse, inventory: InventoryDeps, deps: RouteDeps, uploads: RecentKeys): Promise<void> {
  markRoute(context, 'export');
  const log = turnLogger(context, deps.logger);
  const request = ConsentContext.safeParse(response?.context);
  const language: Language = request.success ? request.data.lang : 'fr';
  if (!isPersonal(context)) {
    await context.sendActivity(message(TEXT[language].personalOnly));
    return;
  }
  const actor = actorOf(context.activity);
  if (!actor || !inventory.service.isGovernanceAdmin(actor)) {
    await context.sendActivity(cardMessage(refusalCard('not_admin', language)));
    return;
  }
  if (!request.success) {
    await context.sendActivity(message(TEXT[language].staleCard));
    return;
  }
  const info = response.uploadInfo ?? {};
  const uploadUrl = typeof info.uploadUrl === 'string' ? info.uploadUrl : '';
  if (uploadUrl && uploads.seen(uploadUrl)) {
    log.info('file consent delivered again: already uploaded or uploading');
    return;
  }
  const file = await inventory.service.exportAll(actor, exportOptions(request.data));
  if (file.kind !== 'exported') {
    await context.sendActivity(cardMessage(refusalCard('not_admin', language)));
    return;
  }
  const t = TEXT[language];
  try {
    await uploadToSession(uploadUrl, Buffer.from(file.text, 'utf8'));
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    log.warn({ reason: error.reason, status: error.status, format: request.data.format }, 'inventory export upload failed');
    const again = await consentCard(inventory, actor, request.data);
    await context.sendActivities([message(t.failed(t.reasons[error.reason](error.status))), ...(again && again !== 'empty' ? [{ type: 'message', attachments: [again] }] : [])]);
    return;
  }
  log.info({ format: request.data.format, declarations: file.declarations }, 'inventory exported to Teams');
  const name = typeof info.name === 'string' && info.name !== '' ? info.name : fileName(request.data, new Date());
  await context.sendActivity({
    ...message(t.uploaded(name, whatIsIn(request.data, file.declarations))),
    attachments: [
      {
        contentType: FILE_INFO_CARD,
        name,
        ...(typeof info.contentUrl === 'string' ? { contentUrl: info.contentUrl } : {}),
        content: { uniqueId: info.uniqueId, fileType: info.fileType ?? request.data.format },
      },
    ],
  });
}

/** « Refuser » on the consent card: nothing was written, and how to ask again. */
async function declined(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
  markRoute(context, 'export');
  const request = ConsentContext.safeParse(response?.context);
  await context.sendActivity(message(TEXT[request.success ? request.data.lang : 'fr'].declined));
}

/** The states an export request reads (all but drafts when it has no filter: exportAll leaves drafts out). */
function exportOptions(request: Pick<ConsentContext, 'format' | 'filter'>): { format: ExportFormat; states?: DeclarationState[] } {
  return { format: request.format, ...(request.filter ? { states: [...statesOf(request.filter)] } : {}) };
}

/** « 3 déclarations » or « déclarations approuvées (1) », as the inventory's heading counts: what the file holds. */
function whatIsIn(request: Pick<ConsentContext, 'filter' | 'lang'>, declarations: number): string {
  const t = TEXT[request.lang];
  return request.filter ? t.filtered(declarations, request.filter) : t.every(declarations);
}

/**
 * The file's name: `inventaire-ia-2026-12-04.csv`, with the filter's words when there is one
 * (`inventaire-ia-approuvees-2026-12-04.json`), the day in Quebec's calendar; `ai-inventory-…` in English.
 */
export function fileName(request: Pick<ConsentContext, 'format' | 'filter' | 'lang'>, at: Date): string {
  const t = TEXT[request.lang];
  const words = request.filter ? fold(STATE_FILTER_WORDS[request.lang][request.filter]).replace(/\bdeclarations\b/g, '') : '';
  const filter = words.trim() ? `-${words.trim().replace(/[^a-z0-9]+/g, '-')}` : '';
  return `${t.fileBase}${filter}-${quebecDay(at)}.${request.format}`;
}

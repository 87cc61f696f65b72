import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { DeclarationState, ExportFormat } from '../../inventory/index.js';
import { counted } from '../../plural.js';
import { quebecDay } from '../../quebec-time.js';
import { actorOf, cardMessage, sendCard } from '../activities.js';
import { ActivityTypes } from '../bot-framework.js';
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
 * What the consent card carries back in its `fileConsent/invoke` (acceptContext, declineContext): the request, the
 * language it was made in, and the id of the file made for the card (PreparedExports; absent on a card whose file was
 * too large to keep, and on cards sent before files were kept): the file uploaded is that one while it is kept, and
 * is made again otherwise.
 */
const ConsentContext = z.object({
  export: z.literal('inventory'),
  format: z.enum(['csv', 'json']),
  filter: z.enum(EXPORT_FILTERS as [InventoryFilter, ...InventoryFilter[]]).nullable(),
  lang: z.enum(['fr', 'en']),
  id: z.string().uuid().optional(),
});
type ConsentContext = z.infer<typeof ConsentContext>;

/**
 * How long an upload URL is remembered, in ms: a `fileConsent/invoke` Teams delivers again (it waits about 15 s)
 * must not upload to a session the first delivery is filling or has completed.
 */
const UPLOAD_URL_MEMORY_MS = 10 * 60_000;
const UPLOAD_URL_MEMORY_KEYS = 1_000;

/**
 * How long the file made for a consent card is kept for its acceptance, in ms. Making it again on acceptance takes
 * 3 to 4 s for 3 000 large declarations (48 MB of JSON, made off the bot's thread; `npm run bench`), on top of the
 * upload, against the 15 s Teams waits for the `fileConsent/invoke`; a card accepted later gets the file made again.
 */
export const PREPARED_EXPORT_MS = 15 * 60_000;
/**
 * Bytes of prepared files kept at most, all cards together (in memory: a few seconds' use between card and
 * acceptance, typically): one 3 000-declaration JSON export and change; the oldest are dropped first.
 */
export const PREPARED_EXPORT_MAX_BYTES = 64 * 1024 * 1024;

const TEXT = {
  fr: {
    personalOnly:
      'L’exportation de l’inventaire se fait dans une conversation personnelle avec moi : Teams ne permet à un robot d’y remettre un fichier que là. Écrivez-moi `inventaire exporter` en conversation personnelle.',
    unknownRequest:
      'Je ne connais pas cette exportation. Tapez `inventaire exporter` (toutes les déclarations, en CSV aux colonnes du Portrait), suivi au besoin d’un état (en attente, soumise, en examen, approuvée, changements demandés ou refusée ; les brouillons ne sont jamais exportés) et de `json` pour le fichier complet, avec les événements et les évaluations (`inventaire exporter approuvées json`).',
    description: (what: string, format: ExportFormat) =>
      `Inventaire des cas d’usage de l’IA : ${what}, ${
        format === 'csv' ? 'CSV aux colonnes du Portrait (UTF-8, pour Excel)' : 'JSON complet, avec les événements et les évaluations'
      }. Contient les noms et courriels des personnes-ressources. Le fichier est l’inventaire au moment de cette demande.`,
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
      }. Holds the contacts’ names and e-mail addresses. The file is the inventory as of this request.`,
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

/** A file made for a consent card: its bytes (UTF-8), how many declarations it holds, who asked, until when kept. */
export interface PreparedExport {
  actorId: string;
  bytes: Buffer;
  declarations: number;
  /** Epoch ms after which it is no longer given. */
  until: number;
}

/**
 * The files made for consent cards, kept by an id the card carries back, so that accepting it uploads the file
 * announced (its size on the card) without making it again: for a large inventory, making it takes seconds (in a
 * worker thread on SQLite: see InventoryRepository.exportFile), and twice did not fit in the time Teams waits. Kept `keepMs`
 * (ms), `maxBytes` bytes at most all together (the oldest dropped first; a file larger than that is not kept),
 * in this process's memory: after a restart, or on another instance, the file is made again.
 */
export class PreparedExports {
  private readonly files = new Map<string, PreparedExport>();
  private bytes = 0;

  constructor(
    private readonly keepMs = PREPARED_EXPORT_MS,
    private readonly maxBytes = PREPARED_EXPORT_MAX_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps `bytes` for `actorId`; returns its id (a UUID), or undefined when larger than the whole budget. */
  keep(actorId: string, bytes: Buffer, declarations: number): string | undefined {
    this.dropExpired();
    if (bytes.length > this.maxBytes) return undefined;
    for (const [id, file] of this.files) {
      if (this.bytes + bytes.length <= this.maxBytes) break;
      this.drop(id, file);
    }
    const id = randomUUID();
    this.files.set(id, { actorId, bytes, declarations, until: this.now() + this.keepMs });
    this.bytes += bytes.length;
    return id;
  }

  /** The file kept under `id` for `actorId` (removed: it is given once), or null when unknown, expired or another's. */
  take(id: string | undefined, actorId: string): PreparedExport | null {
    this.dropExpired();
    const file = id === undefined ? undefined : this.files.get(id);
    if (!file || file.actorId !== actorId) return null;
    this.drop(id!, file);
    return file;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, file] of this.files) if (file.until <= now) this.drop(id, file);
  }

  private drop(id: string, file: PreparedExport): void {
    this.files.delete(id);
    this.bytes -= file.bytes.length;
  }
}

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
 * `inventaire-ia[-état]-AAAA-MM-JJ.csv` in Quebec's calendar, size, description), or says that no declaration is
 * in that state; once accepted (`fileConsent/invoke`, `accept`), the file made for the card (service.exportAll: the
 * bytes `balises export` writes for the same declarations; kept by PreparedExports, made again once no longer kept)
 * is uploaded to the upload session Teams gives (uploadToSession), and shown with a file info card; declined, a
 * short message. A failed upload says why and comes with a new consent card for the same file, to try again. Anyone but a governance
 * admin gets the `not_admin` refusal `inventaire` gives, on the command and on a forged acceptance; a group chat or
 * a channel gets where to ask. A consent invoke neither accept nor decline takes gets 400 (see unreadConsent).
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (inventory) {
    const uploads = new RecentKeys(UPLOAD_URL_MEMORY_MS, UPLOAD_URL_MEMORY_KEYS);
    const prepared = new PreparedExports();
    app.message(isExportCommand, (context) => exportCommand(context, inventory, prepared));
    app.fileConsentAccept((context, _state, response) => accepted(context, response, inventory, deps, uploads, prepared));
    app.fileConsentDecline((context, _state, response) => declined(context, response, prepared));
  }
  // After accept and decline: teams-ai runs the first invoke route that matches.
  app.addRoute(isFileConsent, (context) => unreadConsent(context, deps), true);
}

/** True for a `fileConsent/invoke`, whatever its `value`. Never throws. */
function isFileConsent(context: TurnContext): Promise<boolean> {
  return Promise.resolve(context.activity.type === ActivityTypes.Invoke && context.activity.name === 'fileConsent/invoke');
}

/** What a file consent's `value` must hold for the accept or decline route to take it. */
const FileConsentValue = z.object({ action: z.enum(['accept', 'decline']) }).passthrough();

/**
 * A `fileConsent/invoke` neither accept nor decline took — no `value`, a `value` that is no object, an `action` other
 * than `accept` or `decline`, or any consent while the inventory is not served — answered 400 with
 * `{ error: 'invalid file consent', problems }` (`field: reason`, never the value, as the HTTP edge answers an invalid
 * activity) and one warning, instead of teams-ai's bare 501: Teams gets an answer it reads as a bad request, and the
 * operator a line saying what was wrong. Nothing is uploaded and no message is sent.
 */
async function unreadConsent(context: TurnContext, deps: RouteDeps): Promise<void> {
  markRoute(context, 'export');
  const value: unknown = context.activity.value;
  const problem =
    value === undefined || value === null
      ? 'value: missing'
      : typeof value !== 'object' || Array.isArray(value)
        ? 'value: not an object'
        : FileConsentValue.safeParse(value).success
          ? 'value.action: no export is served here'
          : 'value.action: neither accept nor decline';
  const problems = [problem];
  turnLogger(context, deps.logger).warn({ status: 400, problems }, 'file consent not understood');
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400, body: { error: 'invalid file consent', problems } } });
}

/** True for EXPORT_COMMAND with at most MAX_REQUEST_WORDS words after it and no question mark. */
async function isExportCommand(context: TurnContext): Promise<boolean> {
  if (context.activity.type !== 'message') return false;
  const match = EXPORT_COMMAND.exec(context.activity.text ?? '');
  if (!match) return false;
  const rest = match[2] ?? '';
  return !rest.includes('?') && fold(rest).split(' ').filter(Boolean).length <= MAX_REQUEST_WORDS;
}

async function exportCommand(context: TurnContext, inventory: InventoryDeps, prepared: PreparedExports): Promise<void> {
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
  const consent = await consentCard(inventory, actor, { export: 'inventory', ...request, lang: language }, prepared);
  if (consent === 'empty') {
    // A file holding the header row alone would be a download for nothing: say so, as `inventaire approuvées` does.
    await context.sendActivity(message(bindPunctuation(TEXT[language].nothing(request.filter))));
    return;
  }
  await context.sendActivity(consent ? { type: 'message', attachments: [consent] } : cardMessage(refusalCard('not_admin', language)));
}

/**
 * The file consent card of an export, its file made now and kept in `prepared` (null when the actor is no longer a
 * governance admin, `empty` when the file would hold no declaration).
 */
async function consentCard(
  inventory: InventoryDeps,
  actor: NonNullable<ReturnType<typeof actorOf>>,
  request: Omit<ConsentContext, 'id'>,
  prepared: PreparedExports,
): Promise<Attachment | 'empty' | null> {
  const file = await inventory.service.exportAll(actor, exportOptions(request));
  if (file.kind !== 'exported') return null;
  if (file.declarations === 0) return 'empty';
  return preparedCard(actor.id, file.bytes, file.declarations, request, prepared);
}

/** The file consent card of `bytes` (holding `declarations` declarations), kept in `prepared` for its acceptance. */
function preparedCard(actorId: string, bytes: Buffer, declarations: number, request: Omit<ConsentContext, 'id'>, prepared: PreparedExports): Attachment {
  const id = prepared.keep(actorId, bytes, declarations);
  const context: ConsentContext = { export: request.export, format: request.format, filter: request.filter, lang: request.lang, ...(id ? { id } : {}) };
  const t = TEXT[request.lang];
  return {
    contentType: FILE_CONSENT_CARD,
    name: fileName(request, new Date()),
    content: {
      description: bindPunctuation(t.description(whatIsIn(request, declarations), request.format)),
      sizeInBytes: bytes.length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/**
 * « Autoriser » on the consent card: the file made for it (made again when no longer kept) uploaded, then shown; a
 * failed upload says why, with a new consent card for the same file. The same upload URL delivered again (Teams'
 * redelivery) is not uploaded twice.
 */
async function accepted(
  context: TurnContext,
  response: FileConsentCardResponse,
  inventory: InventoryDeps,
  deps: RouteDeps,
  uploads: RecentKeys,
  prepared: PreparedExports,
): Promise<void> {
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
  const file = prepared.take(request.data.id, actor.id) ?? (await exportNow(inventory, actor, request.data));
  if (!file) {
    await context.sendActivity(cardMessage(refusalCard('not_admin', language)));
    return;
  }
  const t = TEXT[language];
  try {
    await uploadToSession(uploadUrl, file.bytes);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    log.warn({ reason: error.reason, status: error.status, format: request.data.format }, 'inventory export upload failed');
    const again = preparedCard(actor.id, file.bytes, file.declarations, request.data, prepared);
    await context.sendActivities([message(t.failed(t.reasons[error.reason](error.status))), { type: 'message', attachments: [again] }]);
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

/** The file of `request` made now (a card whose file is no longer kept), or null when the actor is not an admin. */
async function exportNow(inventory: InventoryDeps, actor: NonNullable<ReturnType<typeof actorOf>>, request: ConsentContext): Promise<Pick<PreparedExport, 'bytes' | 'declarations'> | null> {
  const file = await inventory.service.exportAll(actor, exportOptions(request));
  return file.kind === 'exported' ? { bytes: file.bytes, declarations: file.declarations } : null;
}

/** « Refuser » on the consent card: nothing was written, and how to ask again; the file made for it is let go. */
async function declined(context: TurnContext, response: FileConsentCardResponse, prepared: PreparedExports): Promise<void> {
  markRoute(context, 'export');
  const request = ConsentContext.safeParse(response?.context);
  const actor = actorOf(context.activity);
  if (request.success && actor) prepared.take(request.data.id, actor.id);
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

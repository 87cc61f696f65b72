import type { Logger } from 'pino';
import { mkdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { createAnswerGenerator, loadAnswerPrompt, PromptError, type AnswerGenerator } from '../answers/generative.js';
import { openConfiguredKnowledgeService } from '../answers/open.js';
import { ConfigError, loadConfig, projectRoot, type AppConfig } from '../config.js';
import { announcementOutbox } from '../documents/announcements.js';
import { downloadDocument } from '../documents/download.js';
import { quotingDeclarations } from '../documents/flags.js';
import { createProposalService } from '../documents/proposals.js';
import { openOfficialSourcesAdmin, type OfficialSourcesAdmin } from '../documents/sources-admin.js';
import { scheduleOfficialSourcesSync } from '../documents/sources-check.js';
import { openDocumentAdminStore, type DocumentAdminStore } from '../documents/store.js';
import { createFeedbackService, FeedbackStoreError, openSqliteFeedbackRepository, PURGE_INTERVAL_MS, type FeedbackRepository } from '../feedback/index.js';
import { createInventoryService, InventoryStoreError, loadAssessmentRules, openInventoryRepository, type InventoryRepository } from '../inventory/index.js';
import { KnowledgeStoreError } from '../knowledge/store.js';
import { AzureSearchError } from '../retrieval/azure-search-index.js';
import { messageOf, openSqliteFile } from '../storage/sqlite.js';
import { openPostgresSpeakerLanguages, sqliteSpeakerLanguages, type SpeakerLanguageStore } from '../storage/speaker-languages.js';
import { openPostgresTurnClaims, sqliteTurnClaims, type TurnClaims } from '../storage/turn-claims.js';
import { ClosingStack } from './closing-stack.js';
import { createServer } from './http.js';
import { createLogger } from './logger.js';

/** After a stop signal, give up waiting for open connections after this many milliseconds and exit with 1. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/**
 * How often the publications not yet checked for flags are looked for (ProposalService.flagPublications): those of
 * the command line or of another process on the data folder; one query on the audit trail when there are none.
 */
export const PUBLICATION_FLAGS_INTERVAL_MS = 5_000;
/** Delay after listening before query analysis builds what it otherwise builds on first use (KnowledgeService.prepare). */
export const PREPARE_DELAY_MS = 5_000;

/** A started Balises process: where it listens, and how to stop it (server first, then the databases). */
export interface RunningBalises {
  url: string;
  stop(): Promise<void>;
}

/** Thrown when Balises cannot start for a reason the operator can fix (the message says what and how, on one line). */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/**
 * Composition root: validates the configuration, checks the data folder, opens the knowledge service (local index or
 * Azure AI Search) on `config.databaseFile`, the declaration inventory (the same SQLite file, or PostgreSQL) and its
 * workflow (assessment rules from data/inventory, live quotes from the knowledge service), the feedback store (the
 * same SQLite file; expired feedback purged now and every PURGE_INTERVAL_MS), the turn claims and the languages people
 * last wrote in (beside the inventory: PostgreSQL or the SQLite file), document administration (proposals and audit trail in the same SQLite file; issue
 * #9), starts the HTTP server and logs its URL.
 * @throws ConfigError when the environment is invalid; KnowledgeStoreError when the database cannot be opened
 *   (corrupt file, newer schema); InventoryStoreError when the inventory cannot be opened or reached;
 *   FeedbackStoreError when the feedback tables cannot be prepared; AzureSearchError when Azure AI Search (when
 *   configured) cannot be reached or refuses the index or the key;
 *   StartupError when the data folder is unusable or the port is already in use
 */
export async function start(env: NodeJS.ProcessEnv): Promise<RunningBalises> {
  const config = loadConfig(env);
  prepareDataDir(config.dataDir);
  const generator = await answerGenerator(config);
  const logger = createLogger(config);
  // Everything opened from here on is closed, last opened first, if a later step fails, and on stop.
  const opened = new ClosingStack();
  let stores: Stores;
  try {
    stores = await openStores(config, opened, logger);
  } catch (err) {
    await opened.closeAll();
    throw err;
  }
  const { knowledge, repository, documentAdmin, officialSources } = stores;
  const { claims, languages } = stores.turns;
  const feedback = createFeedbackService(stores.feedback, config.feedback);
  const purgeFeedback = () =>
    feedback.purgeExpired().then(
      (deleted) => logger.info({ deleted, retentionDays: config.feedback.retentionDays }, 'expired feedback purged'),
      (err: unknown) => logger.error({ err }, 'expired feedback could not be purged'),
    );
  await purgeFeedback();
  opened.push(setInterval(() => void purgeFeedback(), PURGE_INTERVAL_MS).unref(), clearInterval);
  const proposals = createProposalService({
    store: documentAdmin,
    logger,
    declarations: async (ids) =>
      quotingDeclarations(ids ? (await Promise.all(ids.map((id) => repository.get(id)))).filter((record) => record !== null) : await repository.list()),
  });
  let server: ReturnType<typeof createServer>;
  try {
    const service = createInventoryService({
      repository,
      rules: loadAssessmentRules(),
      lookup: knowledge.passageLookup(),
      governanceAdminIds: config.governanceAdminIds,
    });
    server = createServer({
      config,
      knowledge,
      logger,
      inventory: {
        service,
        conversations: repository,
        organismePublic: config.organismePublic ?? undefined,
        governanceAdminIds: config.governanceAdminIds,
        outbox: repository,
        outboxOptions: { leaseMs: config.outbox.leaseMs },
        proposalOutbox: announcementOutbox(documentAdmin),
        documents: {
          proposals,
          download: (url, options) => downloadDocument(url, { ...options, allowPrivateAddresses: config.downloads.allowPrivateAddresses }),
          officialSources,
        },
      },
      feedback,
      generator,
      claims,
      languages,
      // Azure AI Search, when configured, is reported like the inventory: questions fail while it is down.
      readiness: [{ name: 'inventory', ping: () => repository.ping() }, ...(knowledge.searchPing ? [{ name: 'search', ping: knowledge.searchPing }] : [])],
    });
  } catch (err) {
    await opened.closeAll();
    throw err;
  }
  let address: { port: number; host: string };
  try {
    address = await server.listen();
  } catch (err) {
    await opened.closeAll();
    throw listenFailure(err, config.host, config.port);
  }
  // A fresh machine gets its first documents from the verified official sources; SOURCES_DAILY_SYNC adds a daily check.
  const stopSourcesSync = scheduleOfficialSourcesSync({
    databaseFile: config.databaseFile,
    // The bot's proposal service: its notifier posts the preview cards of new versions to the admins.
    proposals,
    logger,
    daily: config.sourcesDailySync,
    knowledgeIsEmpty: knowledge.sources().length === 0,
    downloadOptions: { allowPrivateAddresses: config.downloads.allowPrivateAddresses },
  });
  // A few seconds after listening: built at once it held the event loop ~0.4 s before the first readiness probe
  // (start to ready 2.5 → 2.9 s); later, it still spares the first questions the French phrase table and the
  // English dictionary (a question before then builds what it needs itself, and this is then a no-op).
  const prepareTimer = setTimeout(() => knowledge.prepare?.(), PREPARE_DELAY_MS).unref();
  // A publication from the command line, or one committed just before this process was killed, flags the assessments
  // it affects like one from Teams: checked now, then every few seconds (the notifier is attached: the bot exists).
  let flagging = proposals.flagPublications();
  const flagTimer = setInterval(() => {
    flagging = flagging.then(() => proposals.flagPublications());
  }, PUBLICATION_FLAGS_INTERVAL_MS).unref();
  // An IPv6 address (HOST=::1, ::) goes in brackets: `http://::1:3978` is no URL, and `running.url` could not be fetched.
  const url = `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
  logger.info(
    {
      url: `${url}/api/messages`,
      mode: config.bot ? 'authenticated' : 'local',
      inventory: config.inventory.kind,
      governanceAdmins: config.governanceAdminIds.length,
      answers: config.answerModel ? `generative (${config.answerModel.kind === 'azure' ? 'Azure OpenAI' : 'OpenAI-compatible'})` : 'extractive',
    },
    'Balises is listening',
  );
  if (!config.bot && !isLoopbackHost(config.host)) {
    logger.warn(
      { host: config.host },
      'local mode on an address other machines reach: requests are not authenticated, so anyone who reaches it speaks as any Teams user, governance admins included; unset HOST, or set BOT_ID and BOT_PASSWORD',
    );
  }
  return {
    url,
    async stop() {
      try {
        await server.close();
      } finally {
        clearTimeout(prepareTimer);
        clearInterval(flagTimer);
        await flagging;
        await stopSourcesSync();
        await opened.closeAll();
        logger.info('Balises stopped');
      }
    },
  };
}

/** Where the answer prompt lives (teams-ai layout): `prompts/answer` in the project folder. */
export const ANSWER_PROMPT_DIR = path.join(projectRoot(), 'prompts', 'answer');

/**
 * The generator of generative answers when a model is configured (config.answerModel), else undefined (extractive
 * answers only). The `openai` client is loaded only then.
 * @throws StartupError when the answer prompt cannot be read or is invalid, naming the file
 */
async function answerGenerator(config: AppConfig): Promise<AnswerGenerator | undefined> {
  const modelConfig = config.answerModel;
  if (modelConfig === null) return undefined;
  let prompt;
  try {
    prompt = loadAnswerPrompt(ANSWER_PROMPT_DIR);
  } catch (err) {
    if (err instanceof PromptError) throw new StartupError(`the answer prompt is unusable: ${err.message}`, { cause: err });
    throw err;
  }
  // Loaded only for generative answers, as Azure AI Search's client is only for its backend: the extractive default
  // needs neither.
  const { createOpenAiChatModel } = await import('../models/openai-chat-model.js');
  return createAnswerGenerator({ model: createOpenAiChatModel(modelConfig), prompt, timeoutMs: modelConfig.timeoutMs });
}

/** The stores Balises runs on, opened by openStores. */
interface Stores {
  knowledge: Awaited<ReturnType<typeof openConfiguredKnowledgeService>>;
  repository: InventoryRepository;
  feedback: FeedbackRepository;
  turns: TurnStores;
  documentAdmin: DocumentAdminStore;
  officialSources: OfficialSourcesAdmin;
}

/**
 * Opens the knowledge service, the inventory, the feedback store, the turn stores and document administration, in
 * that order, each pushed on `opened` as soon as it is open (the caller closes them all when a later one fails);
 * `logger` says when the knowledge base is reloaded for a new publication.
 * @throws what start() documents for each store; StartupError when the turn stores cannot be prepared
 */
async function openStores(config: AppConfig, opened: ClosingStack, logger: Logger): Promise<Stores> {
  const knowledge = opened.push(await openConfiguredKnowledgeService(config, { logger }), (k) => k.close());
  const repository = opened.push(await openInventoryRepository(config, {}, INVENTORY_BUSY_TIMEOUT_MS), (r) => r.close());
  // Feedback stays in the local SQLite file even when the inventory is in PostgreSQL: see docs/teams.md « Feedback on answers ».
  const feedback = opened.push(openSqliteFeedbackRepository(config.databaseFile, BOOKKEEPING_BUSY_TIMEOUT_MS), (r) => r.close());
  // Answered messages are kept beside the inventory: in PostgreSQL when it is there (instances on several hosts),
  // else in the SQLite file (every process on this data folder). See docs/teams.md « The HTTP edge ».
  // The language each person last wrote in is kept there too, so a restart does not answer them in another one.
  const turns = opened.push(
    await openTurnStores(config).catch((err: unknown) => {
      throw new StartupError(`cannot prepare the turn_claims and speaker_languages tables (${messageOf(err)}): check the database`, { cause: err });
    }),
    (t) => t.close(),
  );
  // Document administration (issue #9) keeps its proposals and audit trail beside the documents, in the SQLite file.
  const documentAdmin = opened.push(openDocumentAdminStore(config.databaseFile), (d) => d.close());
  const officialSources = opened.push(
    openOfficialSourcesAdmin({
      databaseFile: config.databaseFile,
      audit: documentAdmin,
      knowledge: documentAdmin.knowledge,
      allowPrivateAddresses: config.downloads.allowPrivateAddresses,
    }),
    (o) => o.close(),
  );
  return { knowledge, repository, feedback, turns, documentAdmin, officialSources };
}

/** What the turns keep beside the inventory: the turn claims and the languages people last wrote in. */
interface TurnStores {
  claims: TurnClaims;
  languages: SpeakerLanguageStore;
  close(): Promise<void>;
}

/**
 * How long the server's writes wait for another process's write lock on the SQLite file (ms). The driver is
 * synchronous: a write that waits holds up every conversation. An ingest holds the lock some tens of milliseconds;
 * longer is an operator's transaction left open, where waiting the default five seconds per write took every
 * question past Teams' 15 s redelivery (three people asking at once: 22, 27 and 32 s). Turn claims, remembered
 * languages, answer traces and ratings are bookkeeping that may fail (logged, the answer still sent): a quarter
 * second. The inventory (declarations, the conversation reference saved on a person's first message) waits a
 * second, then the person gets the apology.
 */
const BOOKKEEPING_BUSY_TIMEOUT_MS = 250;
const INVENTORY_BUSY_TIMEOUT_MS = 1_000;

/** The turn stores in `config`'s inventory store: its PostgreSQL database, else the SQLite file. */
async function openTurnStores(config: AppConfig): Promise<TurnStores> {
  if (config.inventory.kind === 'postgres') {
    const own = new ClosingStack();
    try {
      const claims = own.push(await openPostgresTurnClaims(config.inventory.url), (c) => c.close());
      const languages = own.push(await openPostgresSpeakerLanguages(config.inventory.url), (l) => l.close());
      return { claims, languages, close: () => own.closeAll() };
    } catch (err) {
      await own.closeAll();
      throw err;
    }
  }
  const db = openSqliteFile(config.databaseFile, BOOKKEEPING_BUSY_TIMEOUT_MS);
  try {
    return { claims: sqliteTurnClaims(db), languages: sqliteSpeakerLanguages(db), close: async () => void db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * What to throw when the server cannot listen on `host`:`port`: a StartupError naming the variable to change for a
 * port in use (EADDRINUSE) or not allowed (EACCES), or a HOST that is not an address of this machine; `err` itself
 * for anything else. Pure.
 */
function listenFailure(err: unknown, host: string, port: number): unknown {
  const code = errorCode(err);
  if (code === 'EADDRINUSE') {
    return new StartupError(`port ${port} is already in use on ${host}: stop the other process or set PORT to a free port`, { cause: err });
  }
  if (code === 'EACCES') {
    return new StartupError(`port ${port} on ${host} is not allowed for this user: set PORT above 1023`, { cause: err });
  }
  // A HOST that names no machine (ENOTFOUND, EAI_AGAIN) or an address this machine does not hold (EADDRNOTAVAIL)
  // is an operator's typo, like a taken port: one line naming the variable, not a stack.
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
    return new StartupError(`HOST ${host} is not an address of this machine (${code}): set HOST to one of its addresses, or unset it`, { cause: err });
  }
  return err;
}

/**
 * Whether `host` (a HOST value: a name or an IPv4/IPv6 address) reaches this machine only: `localhost`, 127.0.0.0/8
 * or ::1. Local mode authenticates nothing, so anything else exposes it (docs/teams.md « Talk to the bot over HTTP
 * (without Teams) »).
 */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Makes sure the data folder exists and is a folder (it is created with its parents when missing).
 * @throws StartupError naming the folder when it is a file or cannot be created
 */
function prepareDataDir(dataDir: string): void {
  try {
    if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false) {
      throw new StartupError(`BALISES_DATA_DIR ${dataDir} is a file, not a folder: point it to a folder (created if missing)`);
    }
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    if (err instanceof StartupError) throw err;
    throw new StartupError(`cannot use the data folder ${dataDir} (${errorCode(err) ?? String(err)}): check BALISES_DATA_DIR`, { cause: err });
  }
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The text to print, without a stack, when `start` fails for a reason the operator can fix; null for any other
 * error (a bug: its stack is worth printing).
 */
export function startupFailureMessage(err: unknown): string | null {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof KnowledgeStoreError || err instanceof InventoryStoreError || err instanceof FeedbackStoreError || err instanceof StartupError) {
    return `Balises cannot start: ${err.message.replace(/\s*\n\s*/g, ' ')}`;
  }
  // The search service unreachable, or refusing the key, at start: the operator's to fix in the three variables.
  if (err instanceof AzureSearchError) {
    return `Balises cannot start: ${err.message.replace(/\s*\n\s*/g, ' ')}: check AZURE_SEARCH_ENDPOINT, AZURE_SEARCH_INDEX and AZURE_SEARCH_API_KEY`;
  }
  return null;
}

/** Runs Balises until SIGTERM or SIGINT, then closes the server and the database and exits 0. */
async function runProcess(): Promise<void> {
  let running: RunningBalises;
  try {
    running = await start(process.env);
  } catch (err) {
    const message = startupFailureMessage(err);
    if (message === null) throw err;
    console.error(message);
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Balises: shutdown after ${signal} took more than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Balises: shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runProcess();
}
